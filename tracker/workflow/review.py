"""Approval inside the agency: where the agency reviews its own (Agency.internal_review), a
submission by its focal officer or staff goes to the head (or a deputy) first, who forwards it
to the office or sends it back with a reason. Its author may withdraw it until then.

The item itself does not move while the head reviews: only the forwarding submits it.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from tracker.access import commit, load_item, require
from tracker.clock import local_today
from tracker.database import db
from tracker.domain.workflow import Action, Actor, Status, next_status
from tracker.history.changes import apply, record
from tracker.models import ProgressReport, Role, User, WorkItem
from tracker.notifications import events
from tracker.notifications.recipients import agency_heads
from tracker.permissions import ItemAction
from tracker.refusals import Conflict, Invalid


def goes_to_head(user: User, item: WorkItem) -> bool:
    """Does the user's submission of this item wait for the head of the agency first?"""
    return bool(item.lead_agency.internal_review) and user.role != Role.HEAD


def waiting_review(item_id: int) -> ProgressReport | None:
    """The submission waiting for the head of the agency, if any (one at a time)."""
    return db.session.scalar(
        select(ProgressReport).where(
            ProgressReport.item_id == item_id, ProgressReport.review_status == "pending"
        )
    )


def check_none_waiting(item: WorkItem) -> None:
    if waiting_review(item.id) is not None:
        raise Conflict(
            _("A submission of this item is already waiting for the head of the agency.")
        )


def hold_for_head(item: WorkItem, user: User, report: ProgressReport) -> None:
    """Keep the submission for the head: recorded, the heads told; the item does not move."""
    report.review_status = "pending"
    record(item, user, "sent_to_head", local_today(), {}, report.text)
    events.notify("review_requested", item, user, agency_heads(item.lead_agency_id))


def _pending(user: User, item_id: int, version: int | None) -> tuple[WorkItem, ProgressReport]:
    item = load_item(user, item_id)
    require(user, item, ItemAction.REVIEW, version)
    report = waiting_review(item.id)
    if report is None:
        raise Conflict(_("There is no submission waiting for the head of the agency."))
    return item, report


def forward(user: User, item_id: int, version: int | None, note: str = "") -> WorkItem:
    """The head sends the submission on to the office: the item is now submitted as done."""
    item, report = _pending(user, item_id, version)
    today = local_today()
    target = next_status(Status(item.status), Action.SUBMIT, Actor.LEAD_AGENCY)
    changes = apply(item, status=target.value, progress=100, completed_on=today)
    item.result = report.text or item.result
    report.review_status, report.reviewed_by, report.reviewed_on = "forwarded", user, today
    report.review_note = note.strip() or None
    record(item, user, "submitted", today, changes, note.strip() or report.text)
    events.announce_submitted(item, user)
    commit()
    return item


def send_back(user: User, item_id: int, version: int | None, reason: str) -> WorkItem:
    """The head returns the submission to its author with a reason; the office never sees it."""
    item, report = _pending(user, item_id, version)
    if not reason.strip():
        message = _("Give the reason.")
        raise Invalid(message, {"reason": [message]})
    today = local_today()
    report.review_status, report.reviewed_by, report.reviewed_on = "sent_back", user, today
    report.review_note = reason.strip()
    record(item, user, "sent_back", today, {}, reason.strip())
    events.notify("sent_back", item, user, [report.author], reason=reason.strip())
    commit()
    return item


def withdraw(user: User, item_id: int, version: int | None) -> WorkItem:
    """Take back a submission not yet reviewed: one waiting for the head (its author only), or
    one waiting for the office (the lead agency); once reviewed, it cannot be."""
    item = load_item(user, item_id)
    require(user, item, ItemAction.WITHDRAW, version)
    report = waiting_review(item.id)
    if report is not None and report.author_id == user.id:
        report.review_status = "withdrawn"
        record(item, user, "withdrawn", local_today(), {}, None)
        commit()
        return item
    if item.status != Status.SUBMITTED:
        raise Conflict(
            _("Only a submission the office has not yet reviewed can be withdrawn.")
            + " "
            + _("There is none of yours waiting now.")
        )
    target = next_status(Status(item.status), Action.WITHDRAW, Actor.LEAD_AGENCY)
    changes = apply(item, status=target.value, completed_on=None)
    record(item, user, "withdrawn", local_today(), changes, None)
    commit()
    return item
