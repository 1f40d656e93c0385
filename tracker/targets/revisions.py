"""The office records a later document's revision of a target (value, year, document, date,
reason), and ends a target that was not met (kết thúc – không đạt). The plan's value stays on
the item; each revision is kept beside it, dated and attributed, and written in its history."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from flask_babel import gettext as _

from tracker.access import commit, load_item, require
from tracker.clock import local_today, now_utc
from tracker.domain.workflow import Status
from tracker.extensions.actions import withdraw_pending
from tracker.formatting import format_date
from tracker.history.changes import apply, display, record
from tracker.models import TargetRevision, User, WorkItem
from tracker.models.measurements import CENT
from tracker.permissions import ItemAction
from tracker.refusals import Conflict, Invalid
from tracker.targets.measurements import check_value
from tracker.targets.standing import meets, target_row


def _refuse(field: str, message: str) -> None:
    raise Invalid(message, {field: [message]})


def _check_dates(item: WorkItem, decided_on: date, year: int, today: date) -> None:
    if decided_on > today:
        _refuse("decided_on", _("A document cannot be dated in the future."))
    issued = item.plan.issued_on if item.plan else None
    if issued is not None and decided_on < issued:
        _refuse(
            "decided_on",
            _(
                "The revising document is dated before the document that set the target "
                "(%(date)s): a revision comes later.",
                date=format_date(issued),
            ),
        )
    if year < decided_on.year:
        _refuse("year", _("The revised target cannot be due before the year of its document."))


def revise_target(
    user: User,
    item_id: int,
    version: int | None,
    value: Decimal,
    year: int | None,
    document: str,
    decided_on: date,
    reason: str,
) -> TargetRevision:
    """The office records that a later document changed the target from `decided_on`."""
    item = load_item(user, item_id)
    require(user, item, ItemAction.REVISE_TARGET, version)
    today = local_today()
    document, reason = (document or "").strip(), (reason or "").strip()
    if not document:
        _refuse("document", _("Give the number of the document that revises the target."))
    if not reason:
        _refuse("reason", _("Give the reason."))
    value = value.quantize(CENT) if value.is_finite() else value
    check_value(value, item.target_unit)
    year = year or item.target_year
    _check_dates(item, decided_on, year, today)
    before = target_row(item, decided_on)
    revision = TargetRevision(
        value=value,
        year=year,
        document=document,
        decided_on=decided_on,
        note=reason,
        recorded_by=user,
        created_at=now_utc(),
    )
    item.revisions.append(revision)
    changes = {"target_value": [display(before.value), display(value)]}
    if year != before.year:
        changes["target_year"] = [str(before.year), str(year)]
    note = f"{document} ({format_date(decided_on)}): {reason}"
    record(item, user, "target_revised", today, changes, note)
    commit()
    return revision


def close_not_met(user: User, item_id: int, version: int | None, reason: str) -> WorkItem:
    """The office ends an open target whose latest value misses the value in force: it leaves
    the open work as completed, and every list says "kết thúc · không đạt"."""
    item = load_item(user, item_id)
    require(user, item, ItemAction.CLOSE_NOT_MET, version)
    reason = (reason or "").strip()
    if not reason:
        _refuse("reason", _("Give the reason."))
    today = local_today()
    if meets(target_row(item, today)):
        raise Conflict(
            _("The latest measured value meets the target in force: confirm it as completed.")
        )
    completed_on = item.completed_on if item.status == Status.SUBMITTED else today
    changes = apply(
        item,
        status=Status.COMPLETED.value,
        completed_on=completed_on,
        target_outcome="not_met",
    )
    item.confirmed_on, item.confirmed_by = today, user
    item.result = reason
    withdraw_pending(item)  # an ended target has no deadline left to extend
    record(item, user, "closed_not_met", today, changes, reason)
    commit()
    return item
