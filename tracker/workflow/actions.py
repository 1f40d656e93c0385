"""The lifecycle of an item: progress, submission, confirmation, return, refusal, cancellation.

Each function is one use case: it loads the item the user may see, checks the role, the
version the form was opened on and the lifecycle, changes the item, writes the history and
commits — or raises a ServiceError having written nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from flask_babel import gettext as _

from tracker.access import commit, load_item, require
from tracker.clock import local_today, now_utc
from tracker.database import db
from tracker.domain.progress import (
    progress_action,
    shows_its_basis,
    states_the_result,
    valid_progress,
)
from tracker.domain.workflow import Action, Actor, Status, next_status
from tracker.evidence import files as uploads
from tracker.evidence.files import CheckedFile, IncomingFile
from tracker.extensions.actions import pending_request, withdraw_pending
from tracker.history.changes import apply, record
from tracker.models import ProgressReport, User, WorkItem
from tracker.notifications import events
from tracker.pauses.actions import end_with_cancellation
from tracker.permissions import ItemAction
from tracker.refusals import Conflict, Invalid
from tracker.targets.standing import check_met, met_outcome
from tracker.timeliness.stamp import stamp
from tracker.workflow import review

A = ItemAction


@dataclass(frozen=True)
class Report:
    """A progress report or a submission, as the lead agency writes it."""

    text: str
    progress: int = 100
    document_number: str | None = None  #: số, ký hiệu of the agency's report document
    document_date: date | None = None
    files: Sequence[IncomingFile] = ()


def _begin(user: User, item_id: int, version: int | None, action: ItemAction) -> WorkItem:
    item = load_item(user, item_id)
    require(user, item, action, version)
    return item


def _save_report(
    item: WorkItem,
    user: User,
    report: Report,
    files: list[CheckedFile],
    submission: bool,
    for_head: bool = False,
) -> None:
    """Store the report with its evidence and commit; stored files go again if that fails.
    With `for_head` it is a submission held for the head of the agency (tracker.workflow.review).
    """
    with uploads.stored(files) as saved:
        row = ProgressReport(
            item_id=item.id,
            author_id=user.id,
            progress=report.progress,
            text=report.text.strip(),
            document_number=(report.document_number or "").strip() or None,
            document_date=report.document_date,
            is_submission=submission,
            created_at=now_utc(),
        )
        stamp(row, item)  # before the row joins the session: it is not one of the earlier ones
        row.attachments = uploads.attachments(saved, item.id, user.id)
        db.session.add(row)
        if for_head:
            review.hold_for_head(item, user, row)
        commit()


def record_progress(user: User, item_id: int, version: int | None, report: Report) -> WorkItem:
    """The lead agency reports how far the item has come."""
    item = _begin(user, item_id, version, A.PROGRESS)
    if not valid_progress(report.progress):
        message = _("Progress is a percentage from 0 to 100.")
        raise Invalid(message, {"progress": [message]})
    if not report.text.strip():
        message = _("Write a few words on what has been done.")
        raise Invalid(message, {"text": [message]})
    files = uploads.check(report.files)  # a refused file changes nothing
    status = Status(item.status)
    target = next_status(status, progress_action(status), Actor.LEAD_AGENCY)
    changes = apply(item, status=target.value, progress=report.progress)
    if item.acknowledged_on is None:  # working on it says it was received
        item.acknowledged_on, item.acknowledged_by = local_today(), user
    record(item, user, "progress", local_today(), changes, report.text.strip())
    _save_report(item, user, report, files, submission=False)
    return item


def submit(user: User, item_id: int, version: int | None, report: Report) -> WorkItem:
    """The lead agency reports the item done; the submission date is its completion date."""
    item = _begin(user, item_id, version, A.SUBMIT)
    files = uploads.check(report.files)  # a refused file is said first: it is what to fix
    _check_supported(report)
    check_met(item, local_today())  # a target is done only when its value reaches it
    review.check_none_waiting(item)
    if review.goes_to_head(user, item):
        _save_report(item, user, replace(report, progress=100), files, True, for_head=True)
        return item
    today = local_today()
    target = next_status(Status(item.status), Action.SUBMIT, Actor.LEAD_AGENCY)
    changes = apply(item, status=target.value, progress=100, completed_on=today)
    item.result = report.text.strip() or item.result
    record(item, user, "submitted", today, changes, report.text.strip())
    events.announce_submitted(item, user)
    _save_report(item, user, replace(report, progress=100), files, submission=True)
    return item


def _check_supported(report: Report) -> None:
    """The result, and the report document's number and date or an evidence file."""
    if not states_the_result(report.text):
        message = _("Write the result: the office confirms on that basis.")
        raise Invalid(message, {"text": [message]})
    if not shows_its_basis(report.document_number, report.document_date, len(report.files)):
        message = _(
            "Give the number and date of the agency's report document, or attach the evidence."
        )
        raise Invalid(message, {"document_number": [message]})


def confirm(user: User, item_id: int, version: int | None, note: str = "") -> WorkItem:
    """The office confirms a submission; the item is completed on the date it was submitted."""
    item = _begin(user, item_id, version, A.CONFIRM)
    if pending_request(item.id) is not None:
        raise Conflict(
            _(
                "Decide the pending extension request first: it may change whether the "
                "completion was on time."
            )
        )
    today = local_today()
    check_met(item, today)
    target = next_status(Status(item.status), Action.CONFIRM, Actor.OFFICE)
    changes = apply(item, status=target.value, **met_outcome(item))
    item.confirmed_on, item.confirmed_by = today, user
    record(item, user, "confirmed", today, changes, note.strip())
    events.announce_confirmed(item, user)
    commit()
    return item


def _with_reason(reason: str) -> str:
    if not reason.strip():
        message = _("Give the reason.")
        raise Invalid(message, {"reason": [message]})
    return reason.strip()


def return_submission(user: User, item_id: int, version: int | None, reason: str) -> WorkItem:
    """The office sends a submission back with a reason; it counts as not done again."""
    item = _begin(user, item_id, version, A.RETURN)
    note = _with_reason(reason)
    target = next_status(Status(item.status), Action.RETURN, Actor.OFFICE)
    changes = apply(item, status=target.value, completed_on=None)
    record(item, user, "returned", local_today(), changes, note)
    events.announce_returned(item, user, note)
    commit()
    return item


def refuse(user: User, item_id: int, version: int | None, reason: str) -> WorkItem:
    """The lead agency says the item was wrongly assigned to it; the office reassigns it."""
    item = _begin(user, item_id, version, A.REFUSE)
    note = _with_reason(reason)
    target = next_status(Status(item.status), Action.REFUSE, Actor.LEAD_AGENCY)
    changes = apply(item, status=target.value)
    withdraw_pending(item)
    record(item, user, "refused", local_today(), changes, note)
    commit()
    return item


def cancel(user: User, item_id: int, version: int | None, reason: str) -> WorkItem:
    """The office cancels an open item; it leaves the statistics."""
    item = _begin(user, item_id, version, A.CANCEL)
    note = _with_reason(reason)
    today = local_today()
    target = next_status(Status(item.status), Action.CANCEL, Actor.OFFICE)
    changes = apply(item, status=target.value)
    item.cancelled_on = today
    withdraw_pending(item)
    end_with_cancellation(item, user, today, note)
    record(item, user, "cancelled", today, changes, note)
    commit()
    return item


def reopen(user: User, item_id: int, version: int | None, reason: str) -> WorkItem:
    """The office undoes a wrong confirmation; the agency carries on with the item."""
    item = _begin(user, item_id, version, A.REOPEN)
    note = _with_reason(reason)
    target = next_status(Status(item.status), Action.REOPEN, Actor.OFFICE)
    changes = apply(item, status=target.value, completed_on=None, target_outcome=None)
    item.confirmed_on, item.confirmed_by = None, None
    record(item, user, "reopened", local_today(), changes, note)
    commit()
    return item
