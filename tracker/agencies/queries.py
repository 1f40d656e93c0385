"""An agency's own page: the items it leads, overdue first, then due soon, then the rest."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import selectinload
from sqlalchemy.sql.elements import ColumnElement

from tracker.counting import piece_of_work
from tracker.database import db
from tracker.domain.urgency import AGENCY_MUST_ACT, CLOSED, Urgency
from tracker.items.queries import items_in_order
from tracker.items.standing_sql import standing_case
from tracker.models import Activity, Agency, User, WorkItem, item_coordinators
from tracker.paging import Page
from tracker.reports.cache import cached

W = WorkItem


def urgency_case(today: date, soon_until: date) -> ColumnElement[int]:
    """The domain's urgency_of as SQL, so the list is ordered and paged by the database."""
    must_act = W.status.in_([s.value for s in AGENCY_MUST_ACT])
    return case(
        (W.status.in_([s.value for s in CLOSED]), int(Urgency.CLOSED)),
        (and_(must_act, W.deadline < today), int(Urgency.OVERDUE)),
        (and_(must_act, W.deadline <= soon_until), int(Urgency.DUE_SOON)),
        else_=int(Urgency.OTHER),
    )


@dataclass(frozen=True)
class AgencyPage:
    """The page as ids and numbers; its items are loaded only to render rows not kept
    (`led_items`, `coordinated_items`)."""

    agency: Agency
    led: Page  #: of item ids, in the page's order
    urgency: dict[int, Urgency]  #: item id → where it sorts
    counts: Counter[str]  #: by standing, over every item the agency leads
    due_soon: int
    soon_until: date
    coordinated: list[int]  #: open items the agency coordinates, soonest deadline first


def _counts(agency_id: int, today: date, soon_until: date) -> tuple[Counter[str], int]:
    standing = standing_case(today).label("standing")
    urgency = urgency_case(today, soon_until).label("urgency")
    rows = db.session.execute(
        select(standing, urgency, func.count())
        .where(W.lead_agency_id == agency_id, piece_of_work())
        .group_by(standing, urgency)
    )
    counts: Counter[str] = Counter()
    due_soon = 0
    for standing_value, urgency_value, count in rows:
        if standing_value is not None:
            counts[standing_value] += count
        if urgency_value == Urgency.DUE_SOON:
            due_soon += count
    return counts, due_soon


def _coordinated_ids(agency_id: int, limit: int) -> list[int]:
    ids = select(item_coordinators.c.item_id).where(item_coordinators.c.agency_id == agency_id)
    return list(
        db.session.scalars(
            select(W.id)
            .where(W.id.in_(ids), W.status.notin_([s.value for s in CLOSED]))
            .order_by(W.deadline.is_(None), W.deadline, W.code)
            .limit(limit)
        )
    )


class _Chosen(NamedTuple):
    """What the page shows, as ids and numbers: reused while the data version holds."""

    total: int
    led: list[tuple[int, int]]  #: (item id, urgency) of the page, in its order
    counts: Counter[str]
    due_soon: int
    coordinated: list[int]


def _choose(agency_id: int, today: date, soon_until: date, page: int, per_page: int) -> _Chosen:
    urgency = urgency_case(today, soon_until).label("urgency")
    led = db.session.execute(
        select(W.id, urgency)
        .where(W.lead_agency_id == agency_id)
        .order_by(urgency, W.deadline.is_(None), W.deadline, W.code)
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    total = db.session.scalar(select(func.count()).where(W.lead_agency_id == agency_id))
    counts, due_soon = _counts(agency_id, today, soon_until)
    return _Chosen(
        total or 0, [tuple(row) for row in led], counts, due_soon,
        _coordinated_ids(agency_id, per_page),
    )  # fmt: skip


def agency_page(user: User, today: date, soon_until: date, page: int, per_page: int) -> AgencyPage:
    """The user's agency's items on `today`, most urgent first, one page of them.

    Which items, and the counts, are chosen once per version of the data
    (tracker.reports.cache): the head and the focal officers open this page all day.
    """
    agency = user.agency
    chosen = cached(
        ("agency_page", agency.id, today, soon_until, page, per_page),
        lambda: _choose(agency.id, today, soon_until, page, per_page),
    )
    led_ids = [item_id for item_id, _urgency in chosen.led]
    return AgencyPage(
        agency=agency,
        led=Page(rows=led_ids, total=chosen.total, page=page, per_page=per_page),
        urgency={item_id: Urgency(value) for item_id, value in chosen.led},
        counts=chosen.counts,
        due_soon=chosen.due_soon,
        soon_until=soon_until,
        coordinated=chosen.coordinated,
    )


def led_items(page: AgencyPage) -> list[WorkItem]:
    """The page's items the agency leads, with what their cards show."""
    return items_in_order(page.led.rows, selectinload(W.responsible))


def coordinated_items(page: AgencyPage) -> list[WorkItem]:
    return items_in_order(page.coordinated, selectinload(W.lead_agency))


def return_reasons(items: list[WorkItem]) -> dict[int, str]:
    """Why the office returned each returned item of the page (its latest return), in one
    query: the agency sees what to correct without opening each item."""
    returned = [item.id for item in items if item.status == "returned"]
    if not returned:
        return {}
    rows = db.session.execute(
        select(Activity.item_id, Activity.note)
        .where(Activity.item_id.in_(returned), Activity.verb == "returned")
        .order_by(Activity.created_at, Activity.id)
    )
    return {item_id: note or "" for item_id, note in rows}
