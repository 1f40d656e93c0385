"""Recurring duties: the office makes an item recur (or ends its recurrence), and the scheduler
makes its occurrences ahead of time, each a sub-item of its own with its own deadline, standing
and reminders (tracker.domain.recurrence says when each is due).

Occurrences are named by the recurring item's code and the period they report on
("BC-59/2027-H1"), so making them again finds them and creates nothing twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.access import commit, load_item, require
from tracker.clock import local_today
from tracker.database import db
from tracker.domain.recurrence import DayOffRule, Every, Occurrence, Recurrence, horizon_end
from tracker.domain.workflow import Status
from tracker.history.changes import apply, display, record
from tracker.models import User, WorkItem
from tracker.permissions import ItemAction
from tracker.refusals import Invalid
from tracker.workdays.store import working_calendar


@dataclass(frozen=True)
class RecurrenceData:
    every: str | None  #: None: the item does not recur
    day: int = 15
    month: int = 1
    rule: str = DayOffRule.BEFORE.value
    until: date | None = None  #: the recurrence ends: nothing due after this day


def recurrence_of(item: WorkItem) -> Recurrence | None:
    if item.recurrence is None:
        return None
    return Recurrence(
        Every(item.recurrence), item.recur_day or 15, item.recur_month or 1,
        DayOffRule(item.recur_rule or DayOffRule.BEFORE.value),
    )  # fmt: skip


def set_recurrence(user: User, item_id: int, version: int | None, data: RecurrenceData):
    """Make an item recur, change how, or end its recurrence (recorded in its history)."""
    item = load_item(user, item_id)
    require(user, item, ItemAction.ASSIGN, version)
    if data.every is not None:
        try:
            Recurrence(Every(data.every), data.day, data.month, DayOffRule(data.rule))
        except ValueError as error:
            message = _("The month must fall within the period (1 to its number of months).")
            raise Invalid(message, {"month": [message]}) from error
    values = {
        "recurrence": data.every,
        "recur_day": data.day if data.every else None,
        "recur_month": data.month if data.every else None,
        "recur_rule": data.rule if data.every else None,
        "recur_until": data.until if data.every else None,
    }
    changes = apply(item, **values)
    if changes:
        record(item, user, "updated", local_today(), changes)
        commit()
    return item


def _title(series: WorkItem, occurrence: Occurrence) -> str:
    return f"{series.title} ({occurrence.label})"


def _occurrence(series: WorkItem, occurrence: Occurrence, today: date) -> WorkItem:
    return WorkItem(
        plan=series.plan, parent=series, code=f"{series.code}/{occurrence.label}"[:60],
        kind="task", title=_title(series, occurrence), group=series.group, sector=series.sector,
        lead_agency=series.lead_agency, coordinating_agencies=list(series.coordinating_agencies),
        responsible=series.responsible, is_key=series.is_key, is_urgent=series.is_urgent,
        is_public=series.is_public, assigned_on=today, deadline=occurrence.due,
        original_deadline=occurrence.due, status=Status.ASSIGNED.value, last_activity_on=today,
    )  # fmt: skip


def make_occurrences(today: date | None = None) -> int:
    """Create the occurrences due from today to the horizon (RECURRENCE_HORIZON_MONTHS, or one
    period of each recurrence); return how many were created."""
    today = today or local_today()
    days = working_calendar()
    configured = current_app.config.get("RECURRENCE_HORIZON_MONTHS")
    series_list = db.session.scalars(
        select(WorkItem)
        .where(WorkItem.recurrence.is_not(None), WorkItem.status != Status.CANCELLED.value)
        .options(selectinload(WorkItem.children), selectinload(WorkItem.coordinating_agencies))
        .order_by(WorkItem.id)
    ).all()
    created = 0
    for series in series_list:
        rule = recurrence_of(series)
        end = horizon_end(today, configured or rule.months)
        if series.recur_until is not None:
            end = min(end, series.recur_until)
        known = {child.code for child in series.children}
        start = max(today, series.assigned_on)
        for occurrence in rule.between(start, end, days):
            if f"{series.code}/{occurrence.label}"[:60] in known:
                continue
            item = _occurrence(series, occurrence, today)
            db.session.add(item)
            note = _("Occurrence of the recurring item %(code)s.", code=series.code)
            record(item, None, "created", today, {"deadline": [None, display(occurrence.due)]},
                   note)  # fmt: skip
            created += 1
    db.session.commit()
    return created
