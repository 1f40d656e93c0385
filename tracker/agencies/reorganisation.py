"""Carry work across a reorganisation: an agency merges into (or is replaced by) a successor.

The successor inherits the open items — as lead and as coordinating agency — and the people,
each move written in the item's history. Completed and cancelled items stay with the agency that
held them, so what it achieved stays attributed to it.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import select

from tracker.database import db
from tracker.history.changes import apply, record
from tracker.models import Agency, User, WorkItem, item_coordinators
from tracker.models.items import CLOSED_STATUSES


class ReorganisationError(ValueError):
    """The merger cannot be made as asked (unknown agency, merging into itself…)."""


def _agency(code: str) -> Agency:
    agency = db.session.scalar(select(Agency).where(Agency.code == code))
    if agency is None:
        raise ReorganisationError(f"Unknown agency code {code}.")
    return agency


def merge_agency(old_code: str, successor_code: str, effective_on: date) -> Counter[str]:
    """Move `old`'s open items and people to `successor`; `old` becomes inactive. One commit."""
    old, successor = _agency(old_code), _agency(successor_code)
    if old.id == successor.id or successor.successor_id == old.id:
        raise ReorganisationError("An agency cannot merge into itself or into its own successor.")
    if not successor.active:
        raise ReorganisationError(f"{successor.code} is not active; merge into its successor.")
    note = f"{old.name} → {successor.name} ({effective_on.isoformat()})"
    report: Counter[str] = Counter()
    for item in _open_items_involving(old):
        report += _move_item(item, old, successor, effective_on, note)
    for user in db.session.scalars(select(User).where(User.agency_id == old.id)):
        user.agency = successor
        report["people moved"] += 1
    old.active, old.successor = False, successor
    db.session.commit()
    return report


def _open_items_involving(agency: Agency) -> list[WorkItem]:
    coordinated = select(item_coordinators.c.item_id).where(
        item_coordinators.c.agency_id == agency.id
    )
    return list(
        db.session.scalars(
            select(WorkItem)
            .where(WorkItem.status.notin_(CLOSED_STATUSES))
            .where((WorkItem.lead_agency_id == agency.id) | WorkItem.id.in_(coordinated))
            .order_by(WorkItem.id)
        )
    )


def _move_item(item: WorkItem, old: Agency, successor: Agency, on: date, note: str) -> Counter:
    moved: Counter[str] = Counter()
    values: dict = {}
    if item.lead_agency_id == old.id:
        values["lead_agency"] = successor
        moved["items led moved"] += 1
    coordinating = [a for a in item.coordinating_agencies if a.id != old.id]
    if len(coordinating) != len(item.coordinating_agencies):
        lead = values.get("lead_agency", item.lead_agency)
        if successor.id != lead.id and successor not in coordinating:
            coordinating.append(successor)
        values["coordinating_agencies"] = sorted(coordinating, key=lambda a: a.code)
        moved["items coordinated moved"] += 1
    changes = apply(item, **values)
    item.default_assignment = False  # the seed's default no longer applies
    record(item, None, "reassigned", on, changes, note)
    return moved
