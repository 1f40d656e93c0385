"""Saving, pinning and deleting one's filters of the item list."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from flask_babel import gettext as _
from sqlalchemy import func, select

from tracker.database import db
from tracker.models import SavedFilter, User
from tracker.refusals import Invalid, NotFound

#: Enough for the filters one uses; more would crowd the menu and the list.
MAX_FILTERS = 30
#: Only the item list's own parameters are kept (never a page number).
KEPT = frozenset(
    {"q", "document", "flag", "order", "pillar", "sector", "agency", "agency_role", "kind",
     "standing", "due_from", "due_to", "as_of"}
)  # fmt: skip


def clean_query(query: str) -> str:
    """The list's query string with only its filters, in a stable order."""
    pairs = [(k, v) for k, v in parse_qsl(query, keep_blank_values=False) if k in KEPT and v]
    return urlencode(sorted(pairs))[:2000]


def save(user: User, name: str, query: str, pinned: bool = False) -> SavedFilter:
    """Save the list's current filters under a name (the same name replaces them)."""
    name = name.strip()
    if not name or len(name) > 80:
        message = _("Name the filter in at most 80 characters.")
        raise Invalid(message, {"name": [message]})
    query = clean_query(query)
    if not query:
        message = _("Choose some filters first: this one would list every item.")
        raise Invalid(message, {"name": [message]})
    found = db.session.scalar(
        select(SavedFilter).where(SavedFilter.user_id == user.id, SavedFilter.name == name)
    )
    if found is None:
        count = select(func.count()).where(SavedFilter.user_id == user.id)
        if (db.session.scalar(count) or 0) >= MAX_FILTERS:
            message = _("You have %(count)d saved filters: delete one first.", count=MAX_FILTERS)
            raise Invalid(message, {"name": [message]})
        found = SavedFilter(user_id=user.id, name=name)
        db.session.add(found)
    found.query, found.pinned = query, pinned
    db.session.commit()
    return found


def _own(user: User, filter_id: int) -> SavedFilter:
    found = db.session.get(SavedFilter, filter_id)
    if found is None or found.user_id != user.id:
        raise NotFound(_("There is no such saved filter."))
    return found


def toggle_pin(user: User, filter_id: int) -> SavedFilter:
    found = _own(user, filter_id)
    found.pinned = not found.pinned
    db.session.commit()
    return found


def delete(user: User, filter_id: int) -> None:
    db.session.delete(_own(user, filter_id))
    db.session.commit()


def filters_of(user: User) -> list[SavedFilter]:
    query = select(SavedFilter).where(SavedFilter.user_id == user.id)
    return list(db.session.scalars(query.order_by(SavedFilter.name)))
