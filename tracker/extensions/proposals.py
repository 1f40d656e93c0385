"""The extension's middle step: the office specialist proposes a decision to the leader.

An agency's request (made by its head or officer) may be decided by the office at once, or,
where the leader decides, proposed by the office specialist (a date, possibly earlier than
asked, and a note) to the leader who assigned the item — the leader in charge of its sector,
else the province's leaders — who then approves with the approving document's number or
rejects. The proposal is a dated, attributed entry in the item's history; the decision page
shows it and starts from its date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from tracker.access import commit, load_item, require
from tracker.clock import local_today
from tracker.database import db
from tracker.domain.extensions import ExtensionRefused, validate_proposed_deadline
from tracker.extensions.actions import REFUSAL_MESSAGES
from tracker.history.changes import display, record
from tracker.models import Activity, ExtensionRequest, Role, Sector, User, WorkItem
from tracker.notifications import events
from tracker.permissions import ItemAction, manages_plan
from tracker.refusals import Conflict, Invalid, NotAllowed, NotFound


@dataclass(frozen=True)
class Proposal:
    deadline: date  #: the date proposed to the leader: the one asked for, or earlier
    note: str = ""


@dataclass(frozen=True)
class ProposalShown:
    deadline: date
    note: str | None
    by: str
    on: date


def _pending(item: WorkItem, request_id: int) -> ExtensionRequest:
    request = db.session.get(ExtensionRequest, request_id)
    if request is None or request.item_id != item.id:
        raise NotFound(_("There is no such extension request on this item."))
    if request.status != "pending":
        raise Conflict(_("This extension request has already been decided."))
    return request


def deciding_leaders(item: WorkItem) -> list[User]:
    """The leader in charge of the item's sector; without one, the province's leaders."""
    sector = db.session.get(Sector, item.sector_id) if item.sector_id else None
    if sector is not None and sector.leader_id is not None:
        leader = db.session.get(User, sector.leader_id)
        if leader is not None and leader.active:
            return [leader]
    leaders = select(User).where(User.role == Role.LEADER, User.active).order_by(User.id)
    return list(db.session.scalars(leaders))


def propose(
    user: User, item_id: int, request_id: int, version: int | None, proposal: Proposal
) -> ExtensionRequest:
    """The office specialist proposes the decision to the leader, who is told."""
    item = load_item(user, item_id)
    require(user, item, ItemAction.DECIDE_EXTENSION, version)
    if not manages_plan(user):
        raise NotAllowed(_("The provincial office proposes; the leader decides."))
    request = _pending(item, request_id)
    if proposal.deadline > request.proposed_deadline:
        message = _("The deadline granted cannot be later than the one asked for.")
        raise Invalid(message, {"deadline": [message]})
    try:
        validate_proposed_deadline(item.deadline, proposal.deadline, local_today())
    except ExtensionRefused as refused:
        message = str(REFUSAL_MESSAGES[refused.code])
        raise Invalid(message, {"deadline": [message]}) from None
    changes = {"granted_deadline": [None, display(proposal.deadline)]}
    record(item, user, "extension_proposed", local_today(), changes, proposal.note.strip())
    events.notify(
        "extension_proposed",
        item,
        user,
        deciding_leaders(item),
        proposed=proposal.deadline.isoformat(),
    )
    commit()
    return request


def proposal_of(request: ExtensionRequest) -> ProposalShown | None:
    """The office's latest proposal on this request, if any."""
    entry = db.session.scalar(
        select(Activity)
        .where(
            Activity.item_id == request.item_id,
            Activity.verb == "extension_proposed",
            Activity.created_at >= request.created_at,
        )
        .order_by(Activity.created_at.desc(), Activity.id.desc())
        .limit(1)
    )
    if entry is None:
        return None
    proposed = entry.changes.get("granted_deadline", [None, None])[1]
    return ProposalShown(
        date.fromisoformat(proposed),
        entry.note,
        entry.actor.name if entry.actor else "",
        entry.created_at.date(),
    )
