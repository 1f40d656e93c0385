"""Bulk actions on a selection of items from a list: the office reminds, reassigns, changes the
deadline (with a reason) or confirms; a head gives items to a member of staff.

All or nothing: every selected item is checked first (the person may do it, its status allows
it, nobody changed it since the list was shown); if any is refused, the whole selection is,
with the list of offending items, and nothing is written. Otherwise every change, its history
and its notifications are committed together.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from tracker.access import NOT_NOW, PAUSED_MESSAGE, commit
from tracker.clock import local_today
from tracker.database import db
from tracker.domain.workflow import Action, Actor, Status, next_status
from tracker.extensions.actions import pending_request
from tracker.history.changes import apply, record
from tracker.history.periods import assignment_changed, open_period
from tracker.models import Agency, Role, User, WorkItem
from tracker.notifications import events
from tracker.notifications.recipients import item_people
from tracker.permissions import ItemAction, can_view_item, held_by_pause, may, status_allows
from tracker.refusals import Conflict, Invalid
from tracker.targets.standing import meets, met_outcome, target_row

#: What each bulk action needs of the person and of each item's status.
PERMISSIONS = {
    "remind": ItemAction.ASSIGN,
    "reassign": ItemAction.ASSIGN,
    "deadline": ItemAction.ASSIGN,
    "confirm": ItemAction.CONFIRM,
    "delegate": ItemAction.DELEGATE,
}
ACTION_LABELS = {
    "remind": _l("Remind the lead agencies"),
    "reassign": _l("Reassign to another lead agency"),
    "deadline": _l("Change the deadline (with a reason)"),
    "confirm": _l("Confirm the submissions"),
    "delegate": _l("Give to a member of staff"),
}
OFFICE_ACTIONS = ("remind", "reassign", "deadline", "confirm")
HEAD_ACTIONS = ("delegate",)


@dataclass(frozen=True)
class Selection:
    action: str
    #: (item id, the version the list showed)
    items: Sequence[tuple[int, int]]
    lead_agency_id: int | None = None
    deadline: date | None = None
    reason: str = ""
    staff_id: int | None = None


@dataclass(frozen=True)
class Offending:
    item_id: int
    code: str
    why: str


class SelectionRefused(Conflict):
    """The selection is refused as a whole; `offending` says which items and why."""

    def __init__(self, message: str, offending: list[Offending], status: int = 409) -> None:
        super().__init__(message)
        self.offending = offending
        self.status = status


def actions_for(user: User) -> tuple[str, ...]:
    """The bulk actions a person is offered on lists."""
    if user.role in (Role.ADMIN, Role.OFFICE):
        return OFFICE_ACTIONS
    if user.role == Role.HEAD:
        return HEAD_ACTIONS
    return ()


def perform(user: User, selection: Selection) -> int:
    """Apply the action to every selected item, or to none; how many were changed."""
    if selection.action not in actions_for(user):
        raise Invalid(_("Choose one of the actions offered."), {"action": [_("Choose one.")]})
    if not selection.items:
        raise Invalid(_("Select at least one item."), {"selected": [_("Select items.")]})
    step = _prepare(user, selection)
    items = _checked(user, selection)
    for item in items:
        step(item)
    commit()
    return len(items)


def _checked(user: User, selection: Selection) -> list[WorkItem]:
    """Every selected item, checked; refuses the whole selection with what offends."""
    permission = PERMISSIONS[selection.action]
    items, offending = [], []
    for item_id, version in selection.items:
        item = db.session.get(WorkItem, item_id)
        if item is None or not can_view_item(user, item):  # its code would tell what it is
            offending.append(Offending(item_id, f"#{item_id}", str(_HIDDEN)))
            continue
        why = _why_not(user, item, version, permission, selection.action)
        if why:
            offending.append(Offending(item.id, item.code, why))
        items.append(item)
    if offending:
        forbidden = any(o.why in (str(_NOT_YOURS), str(_HIDDEN)) for o in offending)
        raise SelectionRefused(
            _("Nothing was changed: %(count)d of the selected items cannot take this action.",
              count=len(offending)),
            offending,
            status=403 if forbidden else 409,
        )  # fmt: skip
    return items


_NOT_YOURS = _l("your account may not do this on it")
_HIDDEN = _l("not found, or not yours to see")


def _why_not(user, item, version: int, permission, action: str) -> str | None:
    if not may(user, item, permission):
        return str(_NOT_YOURS)
    if version != item.version:
        return _("changed by someone else since the list was shown")
    if not status_allows(item, permission) or (action == "remind" and _closed(item)):
        return str(PAUSED_MESSAGE if held_by_pause(item, permission) else NOT_NOW[permission])
    if action == "confirm" and pending_request(item.id) is not None:
        return _("an extension request waits for a decision")
    if action == "confirm" and item.is_target and not meets(target_row(item, local_today())):
        return _("its latest measured value misses the target in force")
    return None


def _closed(item: WorkItem) -> bool:
    return item.status in (Status.COMPLETED, Status.CANCELLED)


def _prepare(user: User, selection: Selection) -> Callable[[WorkItem], None]:
    """What is done to each item, its parameters checked once."""
    today = local_today()
    if selection.action == "remind":
        return lambda item: _remind(item, user)
    if selection.action == "confirm":
        return lambda item: _confirm(item, user, today)
    if selection.action == "reassign":
        lead = db.session.get(Agency, selection.lead_agency_id or 0)
        if lead is None or not lead.active:
            raise Invalid(
                _("Choose an active lead agency."), {"lead_agency_id": [_("Choose one.")]}
            )
        return lambda item: _reassign(item, user, lead, selection.reason.strip(), today)
    if selection.action == "deadline":
        return _deadline_step(user, selection, today)
    return _delegate_step(user, selection, today)


def _deadline_step(user, selection: Selection, today: date):
    reason = selection.reason.strip()
    if selection.deadline is None or selection.deadline < today:
        message = _("Give the new deadline, today or later.")
        raise Invalid(message, {"deadline": [message]})
    if not reason:
        message = _("Say why the deadline changes (e.g. the deciding document).")
        raise Invalid(message, {"reason": [message]})

    def step(item: WorkItem) -> None:
        changes = apply(item, deadline=selection.deadline)
        item.original_deadline = item.original_deadline or selection.deadline
        record(item, user, "updated", today, changes, reason)
        if changes:
            open_period(item, "correction", today, user, reason)
        events.notify(
            "deadline_changed",
            item,
            user,
            item_people(item),
            deadline=selection.deadline.isoformat(),
            reason=reason,
        )

    return step


def _delegate_step(user, selection: Selection, today: date):
    person = db.session.get(User, selection.staff_id or 0)
    if (
        person is None
        or not person.active
        or person.agency_id != user.agency_id
        or person.role not in (Role.STAFF, Role.OFFICER)
    ):
        message = _("Choose a member of staff of the lead agency.")
        raise Invalid(message, {"staff_id": [message]})

    def step(item: WorkItem) -> None:
        changes = apply(item, responsible=person)
        if changes:
            record(item, user, "delegated", today, changes)
            open_period(item, "reassignment", today, user, _("Delegated by the head of the agency"))
            events.notify("delegated", item, user, [person])

    return step


def _remind(item: WorkItem, user: User) -> None:
    record(item, user, "reminded", local_today(), {}, _("Reminded by the office"), touch=False)
    events.notify("reminded", item, user, item_people(item))


def _confirm(item: WorkItem, user: User, today: date) -> None:
    target = next_status(Status(item.status), Action.CONFIRM, Actor.OFFICE)
    changes = apply(item, status=target.value, **met_outcome(item))
    item.confirmed_on, item.confirmed_by = today, user
    record(item, user, "confirmed", today, changes)
    events.announce_confirmed(item, user)


def _reassign(item: WorkItem, user: User, lead: Agency, reason: str, today: date) -> None:
    before = (item.lead_agency, item.responsible)
    status = next_status(Status(item.status), Action.REASSIGN, Actor.OFFICE)
    values = {"lead_agency": lead, "status": status.value}
    if lead.id != item.lead_agency_id:
        values["responsible"] = None  # the former agency's person answers no more
    changes = apply(item, **values)
    if not changes:
        return
    item.default_assignment = False
    item.acknowledged_on, item.acknowledged_by = None, None
    record(item, user, "reassigned", today, changes, reason or None)
    if assignment_changed(changes):
        open_period(item, "reassignment", today, user, reason)
    events.announce_reassignment(item, user, *before)


def lead_choices() -> list[Agency]:
    """The agencies an item can be given to."""
    return list(db.session.scalars(select(Agency).where(Agency.active).order_by(Agency.name)))
