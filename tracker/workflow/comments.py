"""Comments on an item: by the lead agency, the coordinating agencies and the office."""

from __future__ import annotations

from datetime import timedelta

from flask_babel import gettext as _

from tracker.access import commit, load_item, require
from tracker.clock import local_today, now_utc
from tracker.database import db
from tracker.history.changes import record
from tracker.models import Comment, User
from tracker.notifications import events
from tracker.permissions import ItemAction
from tracker.refusals import Conflict, Invalid, NotAllowed, NotFound


def unreached_warning(comment: Comment) -> str | None:
    """Said after a comment mentioning people who cannot see the item: nobody was told."""
    names = getattr(comment, "unreached", None)
    if not names:
        return None
    return _(
        "Nobody was notified of the mention of %(names)s: they cannot see this item.",
        names=", ".join(names),
    )


#: Longer texts belong in an attached document.
MAX_COMMENT_CHARS = 5000


def add_comment(user: User, item_id: int, body: str) -> Comment:
    """Add a comment; it overwrites nothing, so it needs no version and moves none."""
    item = load_item(user, item_id)
    require(user, item, ItemAction.COMMENT)
    text = body.strip()
    if not text or len(text) > MAX_COMMENT_CHARS:
        message = _("Write a comment of at most %(count)d characters.", count=MAX_COMMENT_CHARS)
        raise Invalid(message, {"body": [message]})
    comment = Comment(item_id=item.id, author_id=user.id, body=text, created_at=now_utc())
    db.session.add(comment)
    record(item, user, "commented", local_today(), note=text, touch=False)
    unseeing = events.announce_comment(item, user, text)
    commit()
    #: Mentioned people who cannot see the item: nobody was told; the page says so.
    comment.unreached = [person.name for person in unseeing]
    return comment


#: How long its author may edit or delete a comment; afterwards it stands as written.
EDITABLE_FOR = timedelta(minutes=15)


def editable(comment: Comment, user: User) -> bool:
    """May the user still edit or delete this comment (theirs, not deleted, recent enough)?"""
    return (
        comment.author_id == user.id
        and comment.deleted_at is None
        and now_utc() - comment.created_at <= EDITABLE_FOR
    )


def _own_recent(user: User, item_id: int, comment_id: int) -> tuple:
    item = load_item(user, item_id)
    require(user, item, ItemAction.COMMENT)
    comment = db.session.get(Comment, comment_id)
    if comment is None or comment.item_id != item.id or comment.deleted_at is not None:
        raise NotFound(_("There is no such comment on this item."))
    if comment.author_id != user.id:
        raise NotAllowed(_("Only its author may change a comment."))
    if now_utc() - comment.created_at > EDITABLE_FOR:
        raise Conflict(
            _("A comment can be edited or deleted only within 15 minutes of writing it.")
        )
    return item, comment


def edit_comment(user: User, item_id: int, comment_id: int, body: str) -> Comment:
    """Its author corrects a comment; the history keeps what it said before."""
    item, comment = _own_recent(user, item_id, comment_id)
    text = body.strip()
    if not text or len(text) > MAX_COMMENT_CHARS:
        message = _("Write a comment of at most %(count)d characters.", count=MAX_COMMENT_CHARS)
        raise Invalid(message, {"body": [message]})
    if text != comment.body:
        changes = {"comment": [comment.body, text]}
        comment.body, comment.edited_at = text, now_utc()
        record(item, user, "comment_edited", local_today(), changes, touch=False)
        commit()
    return comment


def delete_comment(user: User, item_id: int, comment_id: int) -> Comment:
    """Its author takes a comment back; the history keeps what it said."""
    item, comment = _own_recent(user, item_id, comment_id)
    comment.deleted_at = now_utc()
    record(
        item, user, "comment_deleted", local_today(), {"comment": [comment.body, None]}, touch=False
    )
    commit()
    return comment


def own_comment(item, comment_id: int) -> Comment | None:
    """The comment of this item the edit page shows (None: the use case says why not)."""
    comment = db.session.get(Comment, comment_id)
    return comment if comment is not None and comment.item_id == item.id else None
