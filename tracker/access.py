"""Finding the item a request is about, and refusing what may not be done to it."""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from tracker.database import db
from tracker.labels import STATUS_LABELS
from tracker.models import User, WorkItem
from tracker.permissions import (
    ItemAction,
    can_view_item,
    held_by_pause,
    may,
    status_allows,
)
from tracker.refusals import Conflict, NotAllowed, NotFound, StaleItem
from tracker.visibility import visible_items_clause

A = ItemAction
#: Why an action waits on a paused item.
PAUSED_MESSAGE = _l(
    "The office has paused this item: its deadline is not running. This waits until the office "
    "resumes it."
)
#: Why an action is refused in the item's current status, one sentence per action.
NOT_NOW = {
    A.PROGRESS: _l("Progress can be recorded only while the item is being worked on."),
    A.SUBMIT: _l("Only an item that is being worked on can be submitted as done."),
    A.REFUSE: _l("Only an item that is being worked on can be refused."),
    A.REQUEST_EXTENSION: _l(
        "An extension can be requested only while the item is being worked on."
    ),
    A.CONFIRM: _l("Only a submitted item can be confirmed."),
    A.RETURN: _l("Only a submitted item can be returned."),
    A.CANCEL: _l("This item is already closed."),
    A.REOPEN: _l("Only a completed item can be reopened."),
    A.ASSIGN: _l(
        "The assignment can be changed only while the item is being worked on or after a refusal."
    ),
    A.ADD_SUBITEM: _l("Sub-items can be added only to an open item."),
    A.DECIDE_EXTENSION: _l("The request can no longer be decided: the item is closed."),
    A.MEASURE: _l("Measured values are recorded for targets only, and not once cancelled."),
    A.REVIEW: _l("There is no submission waiting for the head of the agency."),
    A.DELEGATE: _l("Only an item that is being worked on can be given to a member of staff."),
    A.ACKNOWLEDGE: _l("The receipt of this item is already acknowledged, or its work has started."),
    A.WITHDRAW: _l("Only a submission the office has not yet reviewed can be withdrawn."),
    A.PAUSE: _l("Only an item the agency is working on, and not already paused, can be paused."),
    A.RESUME: _l("Only a paused item can be resumed."),
    A.REVISE_TARGET: _l("Only an open target can be revised."),
    A.CLOSE_NOT_MET: _l("Only an open target can be ended as not met."),
}


#: Why an action is not the user's to do, where the general answer would not say who does it.
NOT_YOURS = {
    A.REQUEST_EXTENSION: _l(
        "An extension is requested by the head of the lead agency (or a deputy), not by the "
        "focal officer or staff: ask your head to request it."
    ),
}


def openable(user: User, item_ids: Iterable[int]) -> frozenset[int]:
    """Which of these items the user may open: a list that shows others (the plan's targets)
    links only those, rather than to a "not found"."""
    wanted = set(item_ids)
    if not wanted:
        return frozenset()
    visible = select(WorkItem.id).where(WorkItem.id.in_(wanted), visible_items_clause(user))
    return frozenset(db.session.scalars(visible))


def load_item(user: User, item_id: int) -> WorkItem:
    """The item, if it exists and the user may see it; NotFound otherwise (the same answer)."""
    item = db.session.get(WorkItem, item_id)
    if item is None or not can_view_item(user, item):
        raise NotFound(_("There is no such item, or it is not yours to see."))
    return item


def require(
    user: User, item: WorkItem, action: ItemAction, version: int | None | object = ...
) -> None:
    """Refuse with 403 if the user may not do `action`; with 409 if the form was opened on an
    older version of the item (when a version is given), or if the status forbids it now.

    The version is checked before the status: "someone changed this, reload" explains a
    status that moved under a stale page better than the status alone would.
    """
    if not may(user, item, action):
        message = NOT_YOURS.get(action) or _("Your account may not do this on this item.")
        raise NotAllowed(str(message))
    if version is not ...:
        check_version(item, version)
    if not status_allows(item, action):
        if held_by_pause(item, action):
            raise Conflict(str(PAUSED_MESSAGE))
        status = STATUS_LABELS.get(item.status, item.status)
        raise Conflict(f"{NOT_NOW[action]} " + _("The item is now: %(status)s.", status=status))


def check_version(item: WorkItem, version: int | None) -> None:
    """Refuse a form opened on an older version of the item: it would overwrite unseen changes."""
    if version != item.version:
        raise stale()


def stale() -> StaleItem:
    return StaleItem(
        _(
            "This item was changed by someone else after you opened it. Reload the page "
            "to see the changes, then try again."
        )
    )


def commit() -> None:
    """Commit the use case; a concurrent change to the same item rolls it all back."""
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        raise stale() from None
    except Exception:
        db.session.rollback()
        raise
