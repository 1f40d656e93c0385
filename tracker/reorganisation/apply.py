"""Doing a planned reorganisation, in one transaction: the event, the moves, the agencies, the
people. Everything or nothing."""

from __future__ import annotations

from datetime import date
from itertools import groupby

from sqlalchemy import insert, select

from tracker.database import db
from tracker.models import (
    Agency,
    FormerMembership,
    ReorganisationEvent,
    User,
    event_agencies,
)
from tracker.reorganisation import moves
from tracker.reorganisation.events import EventPlan, EventRequest, plan_event


def apply_event(request: EventRequest, actor: User | None, today: date) -> EventPlan:
    """Check, then do the event; one commit (a refusal writes nothing)."""
    return carry_out(plan_event(request, today), actor)


def carry_out(plan: EventPlan, actor: User | None) -> EventPlan:
    """Do a checked plan (from plan_event, in this transaction); one commit."""
    request = plan.request
    event = _record(plan, actor)
    if request.kind == "rename":
        plan.predecessors[0].name = request.new_name.strip()
    elif request.kind == "reparent":
        plan.predecessors[0].parent = plan.new_parent
    else:
        _carry_items(plan, actor)
        _end_predecessors(plan)
        _move_people(plan, event)
    db.session.commit()
    db.session.expire_all()  # the items changed below the ORM
    return plan


def _record(plan: EventPlan, actor: User | None) -> ReorganisationEvent:
    request = plan.request
    agency = plan.predecessors[0]
    event = ReorganisationEvent(
        kind=request.kind, effective_on=request.on, note=request.note.strip() or None,
        created_by=actor,
        old_name=agency.name if request.kind == "rename" else None,
        new_name=request.new_name.strip() if request.kind == "rename" else None,
        old_parent=agency.parent if request.kind == "reparent" else None,
        new_parent=plan.new_parent,
    )  # fmt: skip
    db.session.add(event)
    db.session.flush()
    rows = [{"event_id": event.id, "agency_id": a.id, "role": "predecessor"}
            for a in plan.predecessors]  # fmt: skip
    rows += [
        {"event_id": event.id, "agency_id": a.id, "role": "successor"} for a in plan.successors
    ]
    db.session.execute(insert(event_agencies), rows)
    return event


def _carry_items(plan: EventPlan, actor: User | None) -> None:
    db.session.flush()
    by_code = {a.code: a for a in [*plan.predecessors, *plan.successors]}
    keep = plan.request.people != "deactivate"
    note = _note(plan)
    ordered = sorted(plan.moves, key=lambda move: (move.old, move.new))
    for (old, new), group in groupby(ordered, key=lambda move: (move.old, move.new)):
        ids = [move.item_id for move in group]
        moves.carry(db.session, ids, by_code[old], by_code[new], plan.request.on, note,
                    actor.id if actor else None, keep)  # fmt: skip


def _note(plan: EventPlan) -> str:
    names = ", ".join(a.name for a in plan.predecessors)
    successors = ", ".join(a.name for a in plan.successors)
    text = f"{names} → {successors} ({plan.request.on.strftime('%d/%m/%Y')})"
    return f"{text}: {plan.request.note.strip()}" if plan.request.note.strip() else text


def _end_predecessors(plan: EventPlan) -> None:
    for agency in plan.predecessors:
        agency.existing_until, agency.active = plan.request.on, False
        # The one successor, where there is one; a split's are in the event.
        agency.successor = plan.successors[0] if len(plan.successors) == 1 else None


def _move_people(plan: EventPlan, event: ReorganisationEvent) -> None:
    """People follow their work, or are deactivated; either way they keep reading what their
    agency led before the event."""
    for person in plan.people:
        former = db.session.get(FormerMembership, (person.id, person.agency_id))
        if former is None:
            db.session.add(FormerMembership(user_id=person.id, agency_id=person.agency_id,
                                            until=plan.request.on, event_id=event.id))  # fmt: skip
        if plan.people_to is None:
            person.active = False
        else:
            person.agency = plan.people_to


def predecessors_of(agency: Agency) -> list[tuple[ReorganisationEvent, list[Agency]]]:
    """The events in which the agency succeeded others, with those others."""
    return _events_of(agency, "successor", "predecessor")


def successors_of(agency: Agency) -> list[tuple[ReorganisationEvent, list[Agency]]]:
    """The events in which the agency was succeeded, with its successors."""
    return _events_of(agency, "predecessor", "successor")


def _events_of(agency: Agency, role: str, other: str):
    mine = select(event_agencies.c.event_id).where(
        event_agencies.c.agency_id == agency.id, event_agencies.c.role == role
    )
    events = db.session.scalars(
        select(ReorganisationEvent).where(ReorganisationEvent.id.in_(mine))
        .order_by(ReorganisationEvent.effective_on)
    ).all()  # fmt: skip
    return [(event, list(getattr(event, f"{other}s"))) for event in events]
