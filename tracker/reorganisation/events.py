"""A reorganisation as one use case: check it, say what it would move (the preview), do it.

The web page, `flask agencies …` and the seed call the same two functions. Open items move to
the successors from the event's day (closing and opening assignment periods); completed and
cancelled items, and every period before the day, stay with the predecessor, so its past
statistics stay under its name. The predecessor exists until the day; its people move to a
successor or are deactivated, and keep reading what their agency led before the event.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from tracker.database import db
from tracker.history import as_of_sql as history_sql
from tracker.models import Agency, Sector, User, WorkItem, item_coordinators
from tracker.models.items import CLOSED_STATUSES
from tracker.reorganisation import checks

KINDS = ("rename", "merge", "split", "dissolve", "reparent")
ENDING = ("merge", "split", "dissolve")  #: the kinds after which a predecessor no longer exists
#: The kinds as the office names them (tracker.labels is full).
KIND_LABELS = {
    "rename": _l("Rename"),
    "merge": _l("Merger"),
    "split": _l("Split"),
    "dissolve": _l("Dissolution"),
    "reparent": _l("Change of parent"),
}


@dataclass(frozen=True)
class EventRequest:
    """What the office asks for. Codes, not rows: the CLI, the form and the seed all speak them."""

    kind: str
    on: date
    predecessors: tuple[str, ...]
    successors: tuple[str, ...] = ()
    note: str = ""
    new_name: str | None = None  #: a rename
    new_parent: str | None = None  #: a change of parent
    #: "move" the predecessor's people to `people_to` (default: the first successor), or
    #: "deactivate" them.
    people: str = "move"
    people_to: str | None = None
    by_sector: tuple[tuple[str, str], ...] = ()  #: (sector code, successor code)
    by_item: tuple[tuple[str, str], ...] = ()  #: (item code, successor code)
    others_to: str | None = None  #: the successor of every open item not placed otherwise
    #: Also move the items that were open on the event's day and closed since: an event
    #: recorded long after the fact (the seed's 2025 events) moves what the predecessor held
    #: that day, so the successor answers for work finished after it took over.
    open_on_day: bool = False


@dataclass(frozen=True)
class Move:
    item_id: int
    code: str
    title: str
    old: str  #: the predecessor's code
    new: str  #: the successor's code
    as_lead: bool  #: False: the predecessor coordinated it


@dataclass
class EventPlan:
    """What the event would do: the preview, and what `apply_event` does."""

    request: EventRequest
    predecessors: list[Agency]
    successors: list[Agency]
    moves: list[Move] = field(default_factory=list)
    people: list[User] = field(default_factory=list)
    people_to: Agency | None = None
    new_parent: Agency | None = None

    def moves_to(self, code: str) -> list[Move]:
        return [move for move in self.moves if move.new == code]


def _agencies(codes, field_name: str) -> list[Agency]:
    found = {a.code: a for a in db.session.scalars(select(Agency).where(Agency.code.in_(codes)))}
    for code in codes:
        if code not in found:
            checks.refuse(_("There is no agency with the code %(code)s.", code=code), field_name)
    return [found[code] for code in codes]


def plan_event(request: EventRequest, today: date) -> EventPlan:
    """Check the event and list what it would move; refuse with a clear message otherwise."""
    if request.kind not in KINDS:
        checks.refuse(_("Unknown kind of reorganisation."), "kind")
    predecessors = _agencies(request.predecessors, "predecessors")
    successors = _agencies(request.successors, "successors")
    _check_shape(request, predecessors, successors)
    checks.check_date(request.on, today, request.kind in ENDING)
    checks.check_existing(predecessors, request.on, "predecessors")
    checks.check_existing(successors, request.on, "successors")
    checks.check_no_cycle(predecessors, successors)
    checks.check_in_order([*predecessors, *successors], request.on)
    plan = EventPlan(request, predecessors, successors)
    if request.kind == "reparent":
        plan.new_parent = _agencies((request.new_parent,), "new_parent")[0]
        checks.check_existing([plan.new_parent], request.on, "new_parent")
        checks.check_parent_cycle(predecessors[0], plan.new_parent)
    if request.kind in ENDING:
        _plan_moves(plan)
        _plan_people(plan)
    return plan


def _check_shape(request: EventRequest, predecessors, successors) -> None:
    one = len(predecessors) == 1
    if request.kind == "merge" and not (predecessors and len(successors) == 1):
        checks.refuse(_("A merger names its agencies and exactly one successor."), "successors")
    if request.kind in ("split", "dissolve") and not (one and successors):
        checks.refuse(_("Name the agency and at least one successor."), "successors")
    if request.kind == "rename" and not (one and (request.new_name or "").strip()):
        checks.refuse(_("A rename names one agency and its new name."), "new_name")
    if request.kind == "reparent" and not (one and request.new_parent):
        checks.refuse(_("A change of parent names one agency and its new parent."), "new_parent")


def _open_items(agency: Agency, request: EventRequest):
    """(id, code, title, sector code, led?) of the open items the agency leads or coordinates."""
    W = WorkItem
    still_open = W.status.notin_(CLOSED_STATUSES)
    if request.open_on_day:
        still_open |= history_sql.counted_on(request.on) & ~history_sql.done_on(
            request.on - timedelta(days=1)
        )
    coordinated = select(item_coordinators.c.item_id).where(
        item_coordinators.c.agency_id == agency.id
    )
    return db.session.execute(
        select(W.id, W.code, W.title, Sector.code, W.lead_agency_id == agency.id)
        .outerjoin(Sector, Sector.id == W.sector_id)
        .where(still_open)
        .where((W.lead_agency_id == agency.id) | W.id.in_(coordinated))
        .order_by(W.code, W.id)
    ).all()


def _plan_moves(plan: EventPlan) -> None:
    request = plan.request
    by_item, by_sector = dict(request.by_item), dict(request.by_sector)
    only = plan.successors[0].code if len(plan.successors) == 1 else None
    named = {agency.code for agency in plan.successors}
    unplaced = []
    for old in plan.predecessors:
        for item_id, code, title, sector, led in _open_items(old, request):
            new = by_item.get(code) or by_sector.get(sector or "") or request.others_to or only
            if new is None or new not in named:
                unplaced.append(code)
                continue
            plan.moves.append(Move(item_id, code, title, old.code, new, bool(led)))
    checks.check_every_item_placed(unplaced)


def _plan_people(plan: EventPlan) -> None:
    ids = [agency.id for agency in plan.predecessors]
    plan.people = list(
        db.session.scalars(select(User).where(User.agency_id.in_(ids)).order_by(User.name))
    )
    if plan.request.people == "deactivate":
        return
    target = plan.request.people_to or plan.successors[0].code
    if target not in {agency.code for agency in plan.successors}:
        checks.refuse(_("People move to one of the successors."), "people_to")
    plan.people_to = next(a for a in plan.successors if a.code == target)
