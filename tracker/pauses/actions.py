"""Pausing an item and resuming it: the use cases.

While paused, no deadline is in force: the assignment period opened by the pause holds none, so
the item is neither overdue nor reminded nor escalated, and the statistics of any day of the
pause count it without a deadline (and, in their note, as paused). On resumption the deadline it
had moves on by the working days the pause lasted, in a new period from that day: a dated,
attributed deadline change, like an extension. Days already past never change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from tracker.access import commit, load_item, require
from tracker.clock import local_today
from tracker.database import db
from tracker.extensions.actions import pending_request
from tracker.history.changes import apply, display, record
from tracker.history.periods import check_effective, open_period
from tracker.models import ItemPause, User, WorkItem
from tracker.notifications import events
from tracker.permissions import ItemAction
from tracker.refusals import Conflict, Invalid
from tracker.workdays.store import working_calendar


@dataclass(frozen=True)
class PauseInput:
    reason: str


def running_pause(item_id: int) -> ItemPause | None:
    """The item's pause that has not been resumed, if any."""
    return db.session.scalar(
        select(ItemPause).where(ItemPause.item_id == item_id, ItemPause.resumed_on.is_(None))
    )


def pause_refusal(item: WorkItem) -> str | None:
    """Why the item cannot be paused whatever the office says, or None: a recurring duty's
    periods are items of their own (pausing the duty would stop none of their clocks, nor the
    occurrences the scheduler makes); a parent's work is its sub-items'; a pending extension
    request's decision would move a deadline that is not running."""
    if item.recurrence is not None:
        return _(
            "A recurring duty is not paused as a whole: each of its periods is an item of its "
            "own. Pause the period that must wait, or end the recurrence."
        )
    if item.children:
        return _("Its work is its sub-items': pause those that must wait, one by one.")
    if pending_request(item.id) is not None:
        return _("An extension request waits for a decision: decide it first.")
    return None


def check_pausable(item: WorkItem) -> None:
    """Conflict (409) if the item cannot be paused whatever the office says."""
    message = pause_refusal(item)
    if message is not None:
        raise Conflict(message)


def pause(user: User, item_id: int, version: int | None, data: PauseInput) -> ItemPause:
    """The office stops the item's deadline clock from today, with a reason."""
    item = load_item(user, item_id)
    require(user, item, ItemAction.PAUSE, version)
    check_pausable(item)
    reason = data.reason.strip()
    if not reason:
        message = _("Give the reason for the pause.")
        raise Invalid(message, {"reason": [message]})
    today = local_today()
    check_effective(item.id, today, today)
    row = ItemPause(
        item_id=item.id,
        paused_on=today,
        reason=reason,
        paused_by_id=user.id,
        deadline_before=item.deadline,
    )
    db.session.add(row)
    changes = apply(item, deadline=None)
    item.paused_on = today
    record(item, user, "paused", today, changes, reason)
    if changes:
        open_period(item, "pause", today, user, reason)
    events.announce_paused(item, user, reason)
    commit()
    return row


def resume(user: User, item_id: int, version: int | None, data: PauseInput) -> ItemPause:
    """The clock runs again from today; the deadline moves by the working days paused."""
    item = load_item(user, item_id)
    require(user, item, ItemAction.RESUME, version)
    row = running_pause(item.id)
    today = local_today()
    check_effective(item.id, today, today)
    days = working_calendar().working_days_between(row.paused_on, today)
    deadline = _moved(row.deadline_before, days)
    row.resumed_on, row.resumed_by_id = today, user.id
    row.resume_note = data.reason.strip() or None
    row.added_days, row.deadline_after = days, deadline
    changes = apply(item, deadline=deadline)
    item.paused_on = None
    if changes:
        changes["paused_working_days"] = [None, display(days)]
        open_period(item, "resumption", today, user, row.reason)
    record(item, user, "resumed", today, changes, row.resume_note)
    events.announce_resumed(item, user)
    commit()
    return row


def _moved(deadline: date | None, days: int) -> date | None:
    """The deadline in force before the pause, `days` working days later (none: none)."""
    if deadline is None:
        return None
    return working_calendar().add_working_days(deadline, days)


def end_with_cancellation(item: WorkItem, user: User, today: date, note: str | None) -> None:
    """A cancelled item's pause ends with it, on the day of the cancellation: nothing is left to
    resume, and its deadline stays none (it has left the statistics)."""
    if item.paused_on is None:
        return
    row = running_pause(item.id)
    if row is not None:
        row.resumed_on, row.resumed_by_id, row.resume_note = today, user.id, note
        row.added_days = 0
    item.paused_on = None
