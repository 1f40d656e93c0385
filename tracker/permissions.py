"""Who may see and do what: the one place permissions are decided.

Admin and office: everything. Leader: read everything, decide extensions. Head and officer:
their agency's items (led or coordinated); write on items their agency leads, comment on items
it coordinates. Viewer: read only.

Two questions are kept apart: *who* may do an action (the role and the agency, decided here)
and *when* it can be done (the item's status, decided by the domain's lifecycle). An action is
offered only when both say yes; a service refuses the first with 403 and the second with 409.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import select

from tracker.database import db
from tracker.domain.extensions import EXTENDABLE_STATUSES, may_decide
from tracker.domain.progress import progress_action
from tracker.domain.workflow import OPEN_STATUSES, Action, Actor, Status, allowed_actions
from tracker.models import (
    Period,
    Role,
    User,
    WorkItem,
)
from tracker.models.org import AGENCY_ROLES
from tracker.visibility import SEES_EVERYTHING, formerly_led

MANAGES_PLAN = frozenset({Role.ADMIN, Role.OFFICE})
DECIDES_EXTENSIONS = frozenset({Role.ADMIN, Role.OFFICE, Role.LEADER})


class ItemAction(StrEnum):
    """What a person can do on an item page (and through the API)."""

    PROGRESS = "progress"
    SUBMIT = "submit"
    REFUSE = "refuse"
    REQUEST_EXTENSION = "request_extension"
    MEASURE = "measure"
    COMMENT = "comment"
    CONFIRM = "confirm"
    RETURN = "return"
    CANCEL = "cancel"
    REOPEN = "reopen"
    ASSIGN = "assign"
    ADD_SUBITEM = "add_subitem"
    DECIDE_EXTENSION = "decide_extension"
    REVIEW = "review"  #: the head forwards a submission made inside the agency, or sends it back
    DELEGATE = "delegate"  #: the head gives the item to a member of staff
    ACKNOWLEDGE = "acknowledge"  #: the agency says it received the assignment (đã tiếp nhận)
    WITHDRAW = "withdraw"  #: the agency takes back a submission not yet reviewed
    PAUSE = "pause"  #: the office stops the item's deadline clock, with a reason (tạm dừng)
    RESUME = "resume"  #: the office lets it run again; the deadline moves by the days paused
    REVISE_TARGET = "revise_target"  #: the office records a later document's change to a target
    CLOSE_NOT_MET = "close_not_met"  #: the office ends a target that missed (kết thúc – không đạt)


_A = ItemAction
#: Done by the lead agency's head or focal officer only.
LEAD_ONLY = frozenset({_A.PROGRESS, _A.SUBMIT, _A.REFUSE, _A.ACKNOWLEDGE, _A.WITHDRAW})
#: Done by the head (or a deputy: any head account) of the lead agency only. An extension is
#: the head's request (the regulation's path: head → office specialist → leader), not the
#: focal officer's.
HEAD_ONLY = frozenset({_A.REVIEW, _A.DELEGATE, _A.REQUEST_EXTENSION})
#: Done by the provincial office (and the administrator).
_OFFICE_LIFECYCLE = (_A.CONFIRM, _A.RETURN, _A.CANCEL, _A.REOPEN, _A.ASSIGN, _A.ADD_SUBITEM)
OFFICE_ONLY = frozenset(
    {*_OFFICE_LIFECYCLE, _A.REVISE_TARGET, _A.CLOSE_NOT_MET, _A.PAUSE, _A.RESUME}
)
#: What waits while an item is paused: its deadline is not running, so it is neither submitted
#: (nor forwarded by the head), extended nor reassigned (a new deadline) until it is resumed.
HELD_WHILE_PAUSED = frozenset({_A.SUBMIT, _A.REVIEW, _A.REQUEST_EXTENSION, _A.ASSIGN})
#: The lifecycle action behind each workflow action, with the side that performs it.
LIFECYCLE = {
    _A.SUBMIT: (Action.SUBMIT, Actor.LEAD_AGENCY),
    _A.REFUSE: (Action.REFUSE, Actor.LEAD_AGENCY),
    _A.CONFIRM: (Action.CONFIRM, Actor.OFFICE),
    _A.RETURN: (Action.RETURN, Actor.OFFICE),
    _A.CANCEL: (Action.CANCEL, Actor.OFFICE),
    _A.REOPEN: (Action.REOPEN, Actor.OFFICE),
    _A.ASSIGN: (Action.REASSIGN, Actor.OFFICE),
}
#: Statuses in which the agency still works on the item (and a head may give it to staff).
_AGENCY_WORKING = frozenset({Status.ASSIGNED, Status.IN_PROGRESS, Status.RETURNED})


def can_view_item(user: User, item: WorkItem) -> bool:
    if user.role in SEES_EVERYTHING:
        return True
    if user.agency_id is not None and (
        item.lead_agency_id == user.agency_id or coordinates(user, item)
    ):
        return True
    return bool(
        db.session.scalar(select(WorkItem.id).where(WorkItem.id == item.id, formerly_led(user.id)))
    )


def coordinates(user: User, item: WorkItem) -> bool:
    """Is the user's agency one of the item's coordinating agencies?"""
    return any(agency.id == user.agency_id for agency in item.coordinating_agencies)


def can_lead_item(user: User, item: WorkItem) -> bool:
    """May the user report on the item (progress, submission)? A member of staff only on the
    items given to them."""
    if user.role not in AGENCY_ROLES or item.lead_agency_id != user.agency_id:
        return False
    return user.role != Role.STAFF or item.responsible_id == user.id


def heads_lead_agency(user: User, item: WorkItem) -> bool:
    """Is the user the head (or a deputy) of the item's lead agency?"""
    return user.role == Role.HEAD and item.lead_agency_id == user.agency_id


def asks_head_to_extend(user: User, item: WorkItem) -> bool:
    """Does the user report on the item, whose extension only the head may request now? The
    item's page then says so instead of offering the button."""
    return (
        can_lead_item(user, item)
        and not heads_lead_agency(user, item)
        and status_allows(item, _A.REQUEST_EXTENSION)
    )


def manages_plan(user: User) -> bool:
    """The office's side: create, assign, confirm, return, cancel."""
    return user.is_authenticated and user.role in MANAGES_PLAN


def may(user: User, item: WorkItem, action: ItemAction) -> bool:
    """Whether the user's role and agency allow `action` on the item, whatever its status."""
    if not can_view_item(user, item):
        return False
    if action in LEAD_ONLY:
        return can_lead_item(user, item)
    if action in OFFICE_ONLY:
        return manages_plan(user)
    if action in HEAD_ONLY:
        return heads_lead_agency(user, item)
    if action is _A.MEASURE:
        return can_lead_item(user, item) or manages_plan(user)
    if action is _A.COMMENT:
        return manages_plan(user) or (user.role in AGENCY_ROLES and can_view_item(user, item))
    return action is _A.DECIDE_EXTENSION and user.role in DECIDES_EXTENSIONS


def held_by_pause(item: WorkItem, action: ItemAction) -> bool:
    """Whether `action` waits because the office paused the item."""
    return item.paused_on is not None and action in HELD_WHILE_PAUSED


def status_allows(item: WorkItem, action: ItemAction) -> bool:
    """Whether the item's status allows `action` now (the lifecycle's side of the question)."""
    status = Status(item.status)
    if held_by_pause(item, action):
        return False
    if action is _A.PAUSE:  # while the agency works on it: the clock that runs is its own
        return status in _AGENCY_WORKING and item.paused_on is None
    if action is _A.RESUME:
        return item.paused_on is not None and status in OPEN_STATUSES
    if action is _A.PROGRESS:
        return progress_action(status) in allowed_actions(status, Actor.LEAD_AGENCY)
    if action in LIFECYCLE:
        lifecycle_action, actor = LIFECYCLE[action]
        return lifecycle_action in allowed_actions(status, actor)
    if action is _A.REQUEST_EXTENSION:
        return status in EXTENDABLE_STATUSES
    if action is _A.DECIDE_EXTENSION:
        return may_decide(status)
    if action is _A.MEASURE:
        return item.is_target and status is not Status.CANCELLED
    if action is _A.ADD_SUBITEM:
        return status in OPEN_STATUSES
    if action in (_A.REVISE_TARGET, _A.CLOSE_NOT_MET):  # a closed target stays as judged
        return item.is_target and status in OPEN_STATUSES
    if action is _A.DELEGATE:
        return status in _AGENCY_WORKING
    if action is _A.ACKNOWLEDGE:  # once work has started, the receipt goes without saying
        return status is Status.ASSIGNED and item.acknowledged_on is None
    if action is _A.WITHDRAW:  # from the office (submitted), or from the head (still working)
        return status is Status.SUBMITTED or status in _AGENCY_WORKING
    return True  # a comment can be written whatever the status


def item_actions(user: User, item: WorkItem) -> frozenset[ItemAction]:
    """What the user can do on the item now: the buttons its page shows."""
    return frozenset(a for a in ItemAction if may(user, item, a) and status_allows(item, a))


def uses_agency_page(user: User) -> bool:
    """Heads and focal officers land on their agency's page."""
    return user.is_authenticated and user.role in AGENCY_ROLES


def inbox_sections(user: User) -> frozenset[str]:
    """What the user's "waiting for me" page lists: all for the office, extensions for leaders."""
    if manages_plan(user):
        return frozenset({"submissions", "extensions", "refused"})
    if user.is_authenticated and user.role == Role.LEADER:
        return frozenset({"extensions"})
    return frozenset()


def sees_everything(user: User) -> bool:
    return user.role in SEES_EVERYTHING


# Reports: the office and the leadership follow up; agency users see their own agency's figures.
FOLLOWS_UP = frozenset({Role.ADMIN, Role.OFFICE, Role.LEADER})


def can_follow_up(user: User) -> bool:
    """The overdue list, urging letters and the leadership dashboard."""
    return getattr(user, "is_authenticated", False) and user.role in FOLLOWS_UP


def can_manage_periods(user: User) -> bool:
    """Create, close and publish reporting periods."""
    return user.is_authenticated and user.role in MANAGES_PLAN


def report_agency(user: User) -> int | None:
    """The one agency whose figures the user may see in live reports; None for all of them.

    Agency users see every agency's row only in a published period's report.
    """
    return None if user.role in SEES_EVERYTHING else user.agency_id


def period_sees_own_row_only(user: User, period: Period) -> bool:
    """Before a period is published an agency sees its own row of it, and so no breakdown by
    sector or pillar, which would mix in other agencies' items."""
    return report_agency(user) is not None and period.status != "published"


def can_follow_agency_calendar(user: User, agency_id: int) -> bool:
    """May the user subscribe to the deadlines of the items this agency leads?"""
    return user.role in SEES_EVERYTHING or user.agency_id == agency_id


REMINDER_MANAGERS = frozenset({Role.ADMIN, Role.OFFICE})


def can_manage_reminders(user: User) -> bool:
    """The outbox, the preview, the reminder policy and the calendar: the office's business."""
    return getattr(user, "is_authenticated", False) and user.role in REMINDER_MANAGERS


def can_manage_users(user: User) -> bool:
    """People's accounts: create, edit, deactivate, invite, import (the administrator)."""
    return getattr(user, "is_authenticated", False) and user.role == Role.ADMIN


def can_manage_agencies(user: User) -> bool:
    """The list of agencies and their details: the administrator and the office."""
    return getattr(user, "is_authenticated", False) and user.role in MANAGES_PLAN


def can_read_audit(user: User) -> bool:
    """Who changed what, every sign-in: the administrator."""
    return getattr(user, "is_authenticated", False) and user.role == Role.ADMIN


def can_weigh_evaluation(user: User) -> bool:
    """Set the weights of the year-end emulation evaluation: the office's business."""
    return getattr(user, "is_authenticated", False) and user.role in MANAGES_PLAN
