"""What the administrator sees of the outbox, and what they may do to it."""

from __future__ import annotations

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from tracker.clock import now_utc
from tracker.database import db
from tracker.models import Digest
from tracker.models.notices import DIGEST_STATUSES
from tracker.outbox.mail import RenderedMail, render_digest
from tracker.paging import Page
from tracker.reminders.digests import digest_content

#: What the administrator may send again: a final failure, or a mail only kept in the log.
RETRYABLE = frozenset({"failed", "logged"})


def status_counts() -> dict[str, int]:
    rows = db.session.execute(select(Digest.status, func.count()).group_by(Digest.status))
    found = dict(rows.all())
    return {status: found.get(status, 0) for status in DIGEST_STATUSES}


def list_digests(status: str | None, page: int, per_page: int) -> Page[Digest]:
    """Newest first; optionally one status only."""
    query = select(Digest)
    if status:
        query = query.where(Digest.status == status)
    total = db.session.scalar(query.with_only_columns(func.count(Digest.id))) or 0
    digests = db.session.scalars(
        query.options(joinedload(Digest.recipient))
        .order_by(Digest.day.desc(), Digest.id.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    return Page(list(digests), total, page, per_page)


def get_digest(digest_id: int) -> Digest | None:
    return db.session.get(Digest, digest_id, options=[joinedload(Digest.recipient)])


def digest_mail(digest: Digest) -> RenderedMail | None:
    """What was sent (or logged); for a digest still waiting, what would be sent now."""
    if digest.body_text is not None:
        return RenderedMail(digest.subject or "", digest.body_text, digest.body_html or "")
    content = digest_content(digest.id, current_app.config["MAIL_ITEMS_PER_SECTION"])
    return render_digest(content) if content is not None else None


def retry_digest(digest: Digest) -> bool:
    """Queue a failed or logged digest again, from a clean slate; False if it cannot be."""
    if digest.status not in RETRYABLE:
        return False
    digest.status, digest.attempts, digest.next_attempt_at = "pending", 0, now_utc()
    digest.last_error = None
    db.session.commit()
    return True
