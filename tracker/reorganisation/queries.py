"""Agencies as they stood on a day: which existed, at which level, under which parent, with
whom they were merged or divided."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.database import db
from tracker.models import Agency, ReorganisationEvent, event_agencies


def agencies_on(on: date | None, level: str | None = None) -> list[Agency]:
    """The agencies existing on `on` (all, when None), of one level if given, by name."""
    query = select(Agency).order_by(Agency.level, Agency.name)
    if on is not None:
        query = query.where(Agency.existing_on(on))
    if level:
        query = query.where(Agency.level == level)
    return list(db.session.scalars(query))


def lineage() -> tuple[dict[int, list[tuple[Agency, date]]], dict[int, list[tuple[Agency, date]]]]:
    """For every agency, its predecessors and its successors, each with the event's day, from
    the mergers, splits and dissolutions recorded (two queries, whatever the number)."""
    E, L = ReorganisationEvent, event_agencies
    rows = db.session.execute(
        select(L.c.event_id, L.c.role, L.c.agency_id, E.effective_on)
        .join(E, E.id == L.c.event_id)
        .where(E.kind.in_(("merge", "split", "dissolve")))
    ).all()
    ids = {row.agency_id for row in rows}
    agencies = {a.id: a for a in db.session.scalars(select(Agency).where(Agency.id.in_(ids)))}
    sides: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    days: dict[int, date] = {}
    for event_id, role, agency_id, on in rows:
        sides[event_id][role].append(agency_id)
        days[event_id] = on
    before: dict[int, list] = defaultdict(list)
    after: dict[int, list] = defaultdict(list)
    for event_id, side in sides.items():
        for old in side["predecessor"]:
            for new in side["successor"]:
                before[new].append((agencies[old], days[event_id]))
                after[old].append((agencies[new], days[event_id]))
    return before, after


def _with_agencies(query):
    E = ReorganisationEvent
    return query.options(
        selectinload(E.predecessors), selectinload(E.successors), selectinload(E.created_by),
        selectinload(E.old_parent), selectinload(E.new_parent),
    )  # fmt: skip


def events_newest_first() -> list[ReorganisationEvent]:
    """Every event recorded, the latest to take effect first."""
    E = ReorganisationEvent
    return list(db.session.scalars(_with_agencies(select(E)).order_by(E.effective_on.desc(),
                                                                      E.id.desc())))  # fmt: skip


def story_of(agency: Agency) -> list[tuple[ReorganisationEvent, str]]:
    """The events that name the agency, oldest first, each with the agency's role in it
    ("predecessor": it was renamed, moved, merged away, divided, dissolved; "successor": it
    took over another's work)."""
    E, L = ReorganisationEvent, event_agencies
    rows = db.session.execute(
        _with_agencies(select(E, L.c.role))
        .join(L, L.c.event_id == E.id)
        .where(L.c.agency_id == agency.id)
        .order_by(E.effective_on, E.id)
    ).all()
    return [(event, role) for event, role in rows]
