"""The agencies' story since the plan (seed/reorganisation.yaml), recorded as dated
reorganisation events through the same use case as the office's pages and `flask agencies …`.

Recorded in date order, after the plan's items and the demo's history: an event moves what the
predecessor held on its day (also the items finished since, see EventRequest.open_on_day), so
statistics before the day stay under the 2022 agencies and those after under the 2025 ones.
Idempotent: an event already recorded is not recorded again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time
from pathlib import Path

from flask import current_app
from sqlalchemy import select

from tracker.database import db
from tracker.models import Agency, ReorganisationEvent, User, event_agencies
from tracker.models.org import AgencyLevel
from tracker.reorganisation.apply import apply_event
from tracker.reorganisation.events import EventRequest
from tracker.seeding import SEED_DIR
from tracker.seeding.plan import read_seed


def read_events(seed_dir: Path = SEED_DIR) -> list[dict]:
    """The entries of seed/reorganisation.yaml, in the order they took effect (stable)."""
    return sorted(read_seed(seed_dir, "reorganisation") or [], key=lambda entry: entry["effective"])


def handovers(seed_dir: Path = SEED_DIR) -> dict[str, tuple[date, str]]:
    """For each agency whose people are deactivated by an event: its day and the successor
    that answers for its work from then on (the demo's later records are that successor's)."""
    return {
        code: (entry["effective"], entry["into"][0])
        for entry in read_events(seed_dir)
        if entry.get("people") == "deactivate"
        for code in entry["predecessors"]
    }


def load_reorganisation(actor: User | None, today: date, seed_dir: Path = SEED_DIR) -> Counter[str]:
    """Record every event of the seed not yet recorded; one commit per event."""
    report: Counter[str] = Counter()
    for entry in read_events(seed_dir):
        if entry["effective"] > today or _recorded(entry):
            continue
        if entry.get("new") and _form(entry["new"], entry["effective"]):
            report["agencies formed by a reorganisation"] += 1
        with _recorded_on(entry["effective"]):
            apply_event(_request(entry), actor, today)
        report[f"reorganisation events ({entry['kind']})"] += 1
    return report


@contextmanager
def _recorded_on(day: date) -> Iterator[None]:
    """The items' history says the move was made on the event's day (08:00 in Vietnam), as it
    was, not on the day the seed ran."""
    config = current_app.config
    clock = config.get("CLOCK")
    config["CLOCK"] = lambda: datetime.combine(day, time(1, 0), tzinfo=UTC)
    try:
        yield
    finally:
        config["CLOCK"] = clock


def _recorded(entry: dict) -> bool:
    """Whether the event is already in the database: same kind, day and first predecessor."""
    E, L = ReorganisationEvent, event_agencies
    found = db.session.scalar(
        select(E.id)
        .join(L, L.c.event_id == E.id)
        .join(Agency, Agency.id == L.c.agency_id)
        .where(E.kind == entry["kind"], E.effective_on == entry["effective"])
        .where(L.c.role == "predecessor", Agency.code == entry["predecessors"][0])
        .limit(1)
    )
    return found is not None


def _form(new: dict, on: date) -> bool:
    """The successor an event forms, existing from its day; False when it already exists."""
    if db.session.scalar(select(Agency.id).where(Agency.code == new["code"])):
        return False
    db.session.add(
        Agency(
            code=new["code"],
            name=new["name"],
            short_name=new.get("short_name"),
            kind=new.get("kind", "department"),
            level=new.get("level", AgencyLevel.DEPARTMENT),
            existing_from=on,
        )
    )
    db.session.flush()
    return True


def _request(entry: dict) -> EventRequest:
    successors = [entry["new"]["code"]] if entry.get("new") else entry.get("into", [])
    return EventRequest(
        kind=entry["kind"],
        on=entry["effective"],
        predecessors=tuple(entry["predecessors"]),
        successors=tuple(successors),
        note=entry.get("note", ""),
        new_name=entry.get("new_name"),
        new_parent=entry.get("new_parent"),
        people=entry.get("people", "move"),
        people_to=entry.get("people_to"),
        by_sector=tuple((entry.get("by_sector") or {}).items()),
        others_to=entry.get("others"),
        open_on_day=True,
    )
