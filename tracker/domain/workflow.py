"""The lifecycle of a work item: who may move it from which status to which, in one table."""

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    """Where an item is in its lifecycle."""

    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"  #: reported done by the lead agency, awaiting the office's confirmation
    COMPLETED = "completed"  #: confirmed by the office
    RETURNED = "returned"  #: submission sent back by the office with a reason; counts as not done
    REFUSED = "refused"  #: the lead agency says it was wrongly assigned; the office reassigns
    CANCELLED = "cancelled"  #: leaves the statistics


class Action(StrEnum):
    """What someone does to an item."""

    START = "start"  # the first progress update
    UPDATE = "update"
    SUBMIT = "submit"
    CONFIRM = "confirm"
    RETURN = "return"
    REFUSE = "refuse"
    REASSIGN = "reassign"
    CANCEL = "cancel"
    REOPEN = "reopen"
    WITHDRAW = "withdraw"  # the agency takes back a submission the office has not reviewed


class Actor(StrEnum):
    """Which side performs an action; the permissions of each role are checked elsewhere."""

    OFFICE = "office"  #: Văn phòng UBND tỉnh, the focal point that confirms and returns
    LEAD_AGENCY = "lead_agency"  #: cơ quan chủ trì, the one agency accountable for the item


@dataclass(frozen=True)
class Transition:
    """One allowed move: `actor` doing `action` on an item in `source` puts it in `target`."""

    source: Status
    action: Action
    target: Status
    actor: Actor


#: Counted as "not completed" in the statistics (a returned submission counts as not done).
OPEN_STATUSES: frozenset[Status] = frozenset(
    {Status.ASSIGNED, Status.IN_PROGRESS, Status.SUBMITTED, Status.RETURNED, Status.REFUSED}
)

# The statuses in which the lead agency is still working and may submit, refuse, or be replaced.
_WORKING: tuple[Status, ...] = (Status.ASSIGNED, Status.IN_PROGRESS, Status.RETURNED)

_S, _A = Status, Action
_OFFICE, _LEAD = Actor.OFFICE, Actor.LEAD_AGENCY

#: The one table of the lifecycle; nothing else decides whether a move is allowed.
TRANSITIONS: tuple[Transition, ...] = (
    Transition(_S.ASSIGNED, _A.START, _S.IN_PROGRESS, _LEAD),
    Transition(_S.ASSIGNED, _A.UPDATE, _S.IN_PROGRESS, _LEAD),
    Transition(_S.IN_PROGRESS, _A.UPDATE, _S.IN_PROGRESS, _LEAD),
    # After a return the agency works again: its next update puts the item back in progress.
    Transition(_S.RETURNED, _A.UPDATE, _S.IN_PROGRESS, _LEAD),
    *(Transition(source, _A.SUBMIT, _S.SUBMITTED, _LEAD) for source in _WORKING),
    Transition(_S.SUBMITTED, _A.CONFIRM, _S.COMPLETED, _OFFICE),
    Transition(_S.SUBMITTED, _A.RETURN, _S.RETURNED, _OFFICE),
    # Until the office decides, the agency may take its submission back and carry on.
    Transition(_S.SUBMITTED, _A.WITHDRAW, _S.IN_PROGRESS, _LEAD),
    *(Transition(source, _A.REFUSE, _S.REFUSED, _LEAD) for source in _WORKING),
    # A refused item goes back to the start with its new lead agency.
    Transition(_S.REFUSED, _A.REASSIGN, _S.ASSIGNED, _OFFICE),
    # The office may also change the lead agency of an item still being worked on; the work
    # carries on where it was, so the status does not change.
    *(Transition(source, _A.REASSIGN, source, _OFFICE) for source in _WORKING),
    *(
        Transition(source, _A.CANCEL, _S.CANCELLED, _OFFICE)
        for source in _S
        if source in OPEN_STATUSES
    ),
    # The office may undo a wrong confirmation; the agency then carries on with the item.
    Transition(_S.COMPLETED, _A.REOPEN, _S.IN_PROGRESS, _OFFICE),
)

_TARGETS: dict[tuple[Status, Action, Actor], Status] = {
    (row.source, row.action, row.actor): row.target for row in TRANSITIONS
}


class TransitionRefused(Exception):
    """A move the lifecycle does not allow; the message is English, the UI translates it."""

    def __init__(self, source: Status, action: Action, actor: Actor) -> None:
        super().__init__(f"the {actor} cannot {action} an item that is {source}")
        self.source = source
        self.action = action
        self.actor = actor

    def __reduce__(self) -> tuple[type["TransitionRefused"], tuple[Status, Action, Actor]]:
        """Keep the exception picklable (its __init__ does not take the message)."""
        return (type(self), (self.source, self.action, self.actor))


def next_status(source: Status, action: Action, actor: Actor) -> Status:
    """The status after `actor` does `action` on an item in `source`; raises TransitionRefused."""
    try:
        return _TARGETS[(source, action, actor)]
    except KeyError:
        raise TransitionRefused(source, action, actor) from None


def allowed_actions(source: Status, actor: Actor) -> frozenset[Action]:
    """What `actor` may do to an item in `source` (to show only the buttons that will work)."""
    return frozenset(
        action for (status, action, who) in _TARGETS if status == source and who == actor
    )
