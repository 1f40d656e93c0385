"""Comments on an item: by the lead agency, the coordinating agencies and the office."""

from __future__ import annotations

from flask_babel import gettext as _

from tracker.access import commit, load_item, require
from tracker.clock import local_today, now_utc
from tracker.database import db
from tracker.history.changes import record
from tracker.models import Comment, User
from tracker.notifications import events
from tracker.permissions import ItemAction
from tracker.refusals import Invalid


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
