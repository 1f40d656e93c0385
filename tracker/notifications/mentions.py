"""Mentions in a comment: "@head.syt" or "@head.syt@tracker.demo" names a person by email."""

from __future__ import annotations

import re

from sqlalchemy import func, or_, select

from tracker.database import db
from tracker.models import User

#: An @ at the start or after a space, then an email or its part before the @.
MENTION = re.compile(r"(?:^|(?<=\s))@([A-Za-z0-9._+-]+(?:@[A-Za-z0-9.-]+\.[A-Za-z]{2,})?)")


def mentioned_names(text: str) -> list[str]:
    """The handles mentioned, in order, each once (a trailing full stop is punctuation)."""
    seen: dict[str, None] = {}
    for handle in MENTION.findall(text):
        seen.setdefault(handle.rstrip(".").lower(), None)
    return list(seen)


def mentioned_people(text: str) -> list[User]:
    """The active people the text mentions; a handle matching nobody, or several, is ignored."""
    people = []
    for handle in mentioned_names(text):
        email = func.lower(User.email)
        found = db.session.scalars(
            select(User).where(
                User.active, or_(email == handle, email.like(f"{_escaped(handle)}@%", escape="\\"))
            )
        ).all()
        if len(found) == 1:
            people.append(found[0])
    return people


def _escaped(handle: str) -> str:
    return handle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
