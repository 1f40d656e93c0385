"""Writing dated assignment: every change of lead, coordinators, responsible person or deadline
closes the period in force and opens a new one from the day it takes effect.

The item's columns are today's values; the periods are what each value was on every day
(tracker.models.assignments). A change that touches none of those fields opens nothing.
"""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update
from sqlalchemy.orm import selectinload

from tracker.database import db
from tracker.formatting import format_date
from tracker.history.backdating import LEAVES_HISTORY
from tracker.models import AssignmentPeriod, Period, User, WorkItem
from tracker.refusals import Invalid

# Why an item's assignment changed (tracker.models.assignments.PERIOD_KINDS).
CHANGE_KIND_LABELS = {
    "assignment": _l("Assigned"),
    "reassignment": _l("Reassigned"),
    "extension": _l("Extension"),
    "correction": _l("Correction"),
    "reorganisation": _l("Reorganisation"),
    "pause": _l("Paused"),
    "resumption": _l("Resumed"),
}

#: The item's attributes a period holds: a change of any of them is a new period.
ASSIGNMENT_FIELDS = ("lead_agency", "coordinating_agencies", "responsible", "deadline")


def assignment_changed(changes: dict) -> bool:
    """Whether a set of recorded changes touches the assignment."""
    return bool(set(ASSIGNMENT_FIELDS) & changes.keys())


def periods_of(item_id: int) -> list[AssignmentPeriod]:
    """The item's assignment, period by period, oldest first (on one day, as recorded)."""
    query = (
        select(AssignmentPeriod)
        .where(AssignmentPeriod.item_id == item_id)
        .options(
            selectinload(AssignmentPeriod.lead_agency),
            selectinload(AssignmentPeriod.responsible),
            selectinload(AssignmentPeriod.changed_by),
            selectinload(AssignmentPeriod.approved_by),
            selectinload(AssignmentPeriod.coordinating_agencies),
        )
        .order_by(AssignmentPeriod.valid_from, AssignmentPeriod.id)
    )
    return list(db.session.scalars(query))


def current_period(item_id: int) -> AssignmentPeriod | None:
    """The period in force now: the latest begun."""
    query = (
        select(AssignmentPeriod)
        .where(AssignmentPeriod.item_id == item_id)
        .order_by(AssignmentPeriod.valid_from.desc(), AssignmentPeriod.id.desc())
        .limit(1)
    )
    return db.session.scalar(query)


def open_period(
    item: WorkItem,
    kind: str,
    effective: date,
    actor: User | None = None,
    reason: str | None = None,
    approver: User | None = None,
    document: str | None = None,
) -> AssignmentPeriod:
    """Close the period in force on `effective` and open one holding the item's values now."""
    db.session.flush()  # the item's new values and id are what the period copies
    db.session.execute(
        update(AssignmentPeriod)
        .where(AssignmentPeriod.item_id == item.id, AssignmentPeriod.valid_until.is_(None))
        .values(valid_until=effective)
        .execution_options(**{LEAVES_HISTORY: True})  # an end is not read by the as-of rules
    )
    period = AssignmentPeriod(
        item_id=item.id,
        lead_agency_id=item.lead_agency_id,
        responsible_id=item.responsible_id,
        deadline=item.deadline,
        coordinating_agencies=list(item.coordinating_agencies),
        valid_from=effective,
        kind=kind,
        reason=(reason or "").strip() or None,
        changed_by=actor,
        approved_by=approver,
        approval_document=document or None,
    )
    db.session.add(period)
    return period


def check_effective(item_id: int, effective: date, today: date) -> None:
    """Refuse a change dated where it would rewrite what was already reported.

    Not after today (today's columns must hold today's values), not before the period in force
    began (periods follow one another), not on or before the cut-off of a closed reporting
    period (its figures are frozen and must keep agreeing with the live statistics).
    """
    if effective > today:
        _refuse(_("A change cannot take effect after today."))
    current = current_period(item_id)
    if current is not None and effective < current.valid_from:
        _refuse(
            _("The current assignment holds from %(day)s: a change cannot take effect before it.",
              day=format_date(current.valid_from))
        )  # fmt: skip
    frozen = db.session.scalar(
        select(func.max(Period.cutoff_on)).where(Period.status.in_(("closed", "published")))
    )
    if frozen is not None and effective <= frozen:
        _refuse(
            _("The figures up to %(day)s are frozen in a closed period: choose a later date.",
              day=format_date(frozen))
        )  # fmt: skip


def _refuse(message: str) -> None:
    raise Invalid(message, {"effective": [message]})
