"""What the office sees before confirming a reorganisation: the same plan as `--dry-run`,
said as plain rows, and a fingerprint of it that the confirmation must carry.

The fingerprint is a keyed hash of the request and of what it would move (items, their old and
new agency, the people). A preview whose fields were altered, or one made stale by a change of
the data since (an item closed, reassigned or added), no longer matches: the confirmation is
refused and the new preview shown.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import select

from tracker.database import db
from tracker.models import Agency, Sector, WorkItem, item_coordinators
from tracker.models.items import CLOSED_STATUSES
from tracker.refusals import ServiceError
from tracker.reorganisation.events import EventPlan, EventRequest

SHOWN = 200  #: items listed per successor; the count says the rest


@dataclass(frozen=True)
class Named:
    code: str
    name: str


@dataclass(frozen=True)
class Placeable:
    """An open item of a divided or dissolved agency, whose successor the office chooses."""

    code: str
    title: str
    sector: str  #: its sector's code ("" when none)


@dataclass
class Share:
    """What one successor takes over."""

    agency: Named
    led: int
    coordinated: int
    rows: list  #: the first SHOWN moves


@dataclass
class Preview:
    request: EventRequest
    shares: list[Share] = field(default_factory=list)
    people: list[tuple[str, str]] = field(default_factory=list)  #: (name, email)
    successors: list[Named] = field(default_factory=list)
    placeable: list[Placeable] = field(default_factory=list)
    sectors: list[Named] = field(default_factory=list)
    fingerprint: str = ""
    refusal: ServiceError | None = None

    @property
    def moved(self) -> int:
        return sum(share.led + share.coordinated for share in self.shares)


def fingerprint(plan: EventPlan, actor_id: int, new_agency: tuple | None) -> str:
    """A keyed hash of what the plan would do, for this person (the people's fate, chosen on
    the preview itself, is left out)."""
    r = plan.request
    content = {
        "who": actor_id, "kind": r.kind, "on": r.on.isoformat(), "note": r.note.strip(),
        "predecessors": r.predecessors, "successors": r.successors, "new_name": r.new_name,
        "new_parent": r.new_parent, "sectors": sorted(r.by_sector), "items": sorted(r.by_item),
        "others": r.others_to, "new_agency": new_agency,
        "moves": sorted([m.item_id, m.old, m.new, m.as_lead] for m in plan.moves),
        "people": sorted(person.id for person in plan.people),
    }  # fmt: skip
    message = json.dumps(content, sort_keys=True, default=list).encode()
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, b"reorganisation\0" + message, hashlib.sha256).hexdigest()


def matches(given: str | None, expected: str) -> bool:
    return bool(given) and hmac.compare_digest(given, expected)


def describe(preview: Preview, plan: EventPlan) -> None:
    """Fill the preview's rows from the plan (before the session forgets a new agency)."""
    preview.successors = [Named(a.code, a.name) for a in plan.successors]
    names = {a.code: a.name for a in [*plan.predecessors, *plan.successors]}
    for agency in plan.successors:
        moves = plan.moves_to(agency.code)
        led = sum(1 for move in moves if move.as_lead)
        rows = [(m.code, m.title, names[m.old], m.as_lead) for m in moves[:SHOWN]]
        preview.shares.append(Share(Named(agency.code, agency.name), led, len(moves) - led, rows))
    preview.people = [(person.name, person.email) for person in plan.people]


def placeable(request: EventRequest) -> tuple[list[Placeable], list[Named]]:
    """The open items (led or coordinated) of the agency being divided, with their sectors."""
    if request.kind not in ("split", "dissolve") or not request.predecessors:
        return [], []
    agency = db.session.scalar(select(Agency).where(Agency.code == request.predecessors[0]))
    if agency is None:
        return [], []
    coordinated = select(item_coordinators.c.item_id).where(
        item_coordinators.c.agency_id == agency.id
    )
    rows = db.session.execute(
        select(WorkItem.code, WorkItem.title, Sector.code, Sector.name)
        .outerjoin(Sector, Sector.id == WorkItem.sector_id)
        .where(WorkItem.status.notin_(CLOSED_STATUSES))
        .where((WorkItem.lead_agency_id == agency.id) | WorkItem.id.in_(coordinated))
        .order_by(WorkItem.code)
    ).all()
    sectors = {code: name for _c, _t, code, name in rows if code}
    items = [Placeable(code, title, sector or "") for code, title, sector, _n in rows]
    return items, [Named(code, name) for code, name in sorted(sectors.items())]


def named(codes: tuple[str, ...]) -> list[Named]:
    """The agencies of these codes, in that order (those that exist)."""
    found = dict(db.session.execute(select(Agency.code, Agency.name)
                                    .where(Agency.code.in_(codes))).all())  # fmt: skip
    return [Named(code, found[code]) for code in codes if code in found]
