"""Carrying open items from one agency to another on a day, in set-based SQL.

For each batch of items: the assignment period in force closes on the day and a new one opens
holding the new assignment (kind "reorganisation"); the item's columns (today's cache) change;
the successor takes the predecessor's place as lead or as coordinating agency (and stops
coordinating what it now leads); the item's history says so. A merger of an agency holding
10,000 items is a few dozen statements, not 10,000 objects (bench/reorganisation.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from sqlalchemy import (
    JSON,
    Integer,
    Text,
    and_,
    case,
    delete,
    exists,
    func,
    insert,
    literal,
    not_,
    select,
    update,
)

from tracker.clock import now_utc
from tracker.models import (
    Activity,
    Agency,
    AssignmentPeriod,
    WorkItem,
    item_coordinators,
    period_coordinators,
)

W = WorkItem.__table__
P = AssignmentPeriod.__table__
C = item_coordinators
BATCH = 500  #: ids per statement: well under every database's limit of parameters


def batches(ids: Sequence[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), BATCH):
        yield list(ids[start : start + BATCH])


def carry(
    session, item_ids: Sequence[int], old: Agency, new: Agency, on: date, note: str,
    actor_id: int | None, keep_responsible: bool,
) -> None:  # fmt: skip
    """Give `new` the place `old` holds on these items (as lead or coordinator) from `on`."""
    for ids in batches(item_ids):
        _carry_batch(session, ids, old, new, on, note, actor_id, keep_responsible)


def _carry_batch(session, ids, old, new, on, note, actor_id, keep_responsible) -> None:
    moment = now_utc()  # the app's clock: what a test or a replay says the time is
    among = W.c.id.in_(ids)
    led = and_(among, W.c.lead_agency_id == old.id)
    # An item reassigned after the event's day moves from that later day (periods follow
    # one another).
    session.execute(
        update(P)
        .where(P.c.item_id.in_(ids), P.c.valid_until.is_(None))
        .values(valid_until=case((P.c.valid_from > on, P.c.valid_from), else_=on))
    )
    _history(session, led, {"lead_agency": [old.name, new.name]}, note, actor_id, moment)
    coordinated = and_(among, W.c.lead_agency_id != old.id)
    _history(session, coordinated, {"coordinating_agencies": [old.name, new.name]}, note,
             actor_id, moment)  # fmt: skip
    values = {"lead_agency_id": new.id, "default_assignment": False}
    if not keep_responsible:
        values["responsible_id"] = None
    session.execute(update(W).where(led).values(**values))
    # Coordinated items too: their assignment is no longer the seed's default (re-seeding
    # must not give the predecessor its place back).
    session.execute(
        update(W)
        .where(among)
        .values(version=W.c.version + 1, updated_at=moment, default_assignment=False)
    )
    _coordinators(session, ids, old, new)
    _open_periods(session, ids, on, note, actor_id, moment)


def _history(session, where, changes: dict, note: str, actor_id, moment) -> None:
    session.execute(
        insert(Activity.__table__).from_select(
            ["item_id", "actor_id", "verb", "changes", "note", "created_at"],
            select(
                W.c.id, literal(actor_id, Integer), literal("reassigned"), literal(changes, JSON),
                literal(note, Text), literal(moment, Activity.__table__.c.created_at.type),
            ).where(where),
        )
    )  # fmt: skip


def _coordinators(session, ids: list[int], old: Agency, new: Agency) -> None:
    """`new` coordinates what `old` coordinated, unless it leads it; `old` no longer does."""
    already = exists().where(C.c.item_id == W.c.id, C.c.agency_id == new.id)
    was_coordinating = exists().where(C.c.item_id == W.c.id, C.c.agency_id == old.id)
    session.execute(
        insert(C).from_select(
            ["item_id", "agency_id"],
            select(W.c.id, literal(new.id)).where(
                W.c.id.in_(ids), was_coordinating, not_(already), W.c.lead_agency_id != new.id
            ),
        )
    )
    leads = select(W.c.id).where(W.c.id.in_(ids), W.c.lead_agency_id == new.id)
    session.execute(
        delete(C).where(
            C.c.item_id.in_(ids),
            (C.c.agency_id == old.id) | (C.c.agency_id == new.id) & C.c.item_id.in_(leads),
        )
    )


def _later_start(on: date):
    """The start of an item's period begun after `on`, if any (the latest)."""
    later = P.alias("later")
    return (
        select(func.max(later.c.valid_from))
        .where(later.c.item_id == W.c.id, later.c.valid_from > on)
        .scalar_subquery()
    )


def _open_periods(session, ids: list[int], on: date, note: str, actor_id, moment) -> None:
    columns = ["item_id", "lead_agency_id", "responsible_id", "deadline", "valid_from", "kind",
               "reason", "changed_by_id", "created_at"]  # fmt: skip
    session.execute(
        insert(P).from_select(
            columns,
            select(
                W.c.id, W.c.lead_agency_id, W.c.responsible_id, W.c.deadline,
                func.coalesce(_later_start(on), literal(on, P.c.valid_from.type)),
                literal("reorganisation"), literal(note, Text), literal(actor_id, Integer),
                literal(moment, P.c.created_at.type),
            ).where(W.c.id.in_(ids)),
        )
    )  # fmt: skip
    fresh = and_(P.c.item_id.in_(ids), P.c.valid_until.is_(None))
    session.execute(
        insert(period_coordinators).from_select(
            ["period_id", "agency_id"],
            select(P.c.id, C.c.agency_id).join(C, C.c.item_id == P.c.item_id).where(fresh),
        )
    )
