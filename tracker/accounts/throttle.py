"""Failed sign-ins counted in the database, per account and per client address.

The counts live in a table, not in a worker's memory, so that every gunicorn worker (and every
server behind the same database) refuses the same guesses. An attempt is written before its
password is checked and deleted again if it succeeds or is refused: a burst sent at once is
counted as it arrives, a successful sign-in does not count, and a refused one (whose password
was never checked) does not prolong the block.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from flask_babel import ngettext
from limits import RateLimitItem, parse
from sqlalchemy import delete, select

from tracker.clock import now_utc
from tracker.database import db
from tracker.models import FailedSignIn


@dataclass(frozen=True)
class Refusal:
    """Why a sign-in is refused for now, and for how long."""

    wait: timedelta
    per_account: bool

    def message(self) -> str:
        if self.per_account:
            return _(
                "Too many failed sign-ins for this account. Try again in %(wait)s.",
                wait=wait_text(self.wait),
            )
        return _(
            "Too many failed sign-ins from this address. Try again in %(wait)s.",
            wait=wait_text(self.wait),
        )


def wait_text(wait: timedelta) -> str:
    """ "5 minutes", "40 seconds": rounded up, so that trying again then works."""
    seconds = max(1, math.ceil(wait.total_seconds()))
    if seconds < 60:
        return ngettext("%(num)d second", "%(num)d seconds", seconds)
    minutes = math.ceil(seconds / 60)
    return ngettext("%(num)d minute", "%(num)d minutes", minutes)


def limits_of(config) -> dict[str, RateLimitItem]:
    """The configured limits by the column they count; a malformed one raises ValueError."""
    return {
        "email": parse(config["LOGIN_ACCOUNT_LIMIT"]),
        "address": parse(config["LOGIN_RATE_LIMIT"]),
    }


def begin(email: str, address: str | None) -> tuple[FailedSignIn | None, Refusal | None]:
    """Record a sign-in about to be checked; refuse it if its account or address is blocked.

    Returns the recorded attempt (to `forget` if the password is right) or the refusal.
    """
    if not current_app.config.get("RATELIMIT_ENABLED", True):
        return None, None
    now = now_utc()
    limits = limits_of(current_app.config)
    # An address is at most 45 characters; a longer one is a header forged past too many
    # trusted proxies (PROXY_HOPS), and must not overflow the column.
    address = (address or "unknown")[:64]
    attempt = FailedSignIn(email=email.strip().lower(), address=address, attempted_at=now)
    _prune(now, max(limit.get_expiry() for limit in limits.values()))
    db.session.add(attempt)
    db.session.commit()  # visible to the other workers before this one counts
    refusal = _refusal(attempt, now, limits)
    if refusal is not None:
        forget(attempt)
        return None, refusal
    return attempt, None


def forget(attempt: FailedSignIn | None) -> None:
    """The attempt succeeded (or was never checked): it does not count."""
    if attempt is not None:
        db.session.execute(delete(FailedSignIn).where(FailedSignIn.id == attempt.id))
        db.session.commit()


def _refusal(
    attempt: FailedSignIn, now: datetime, limits: dict[str, RateLimitItem]
) -> Refusal | None:
    """The longest block among the attempt's account and address, if either is blocked."""
    refusals = []
    for name, limit in limits.items():
        window = timedelta(seconds=limit.get_expiry())
        column = getattr(FailedSignIn, name)
        # The limit-th most recent other attempt in the window: with it there are already
        # `amount` others, and this one is one too many until it leaves the window.
        oldest_counted = db.session.scalar(
            select(FailedSignIn.attempted_at)
            .where(column == getattr(attempt, name), FailedSignIn.id != attempt.id)
            .where(FailedSignIn.attempted_at > now - window)
            .order_by(FailedSignIn.attempted_at.desc())
            .offset(limit.amount - 1)
            .limit(1)
        )
        if oldest_counted is not None:
            refusals.append(Refusal(oldest_counted + window - now, per_account=name == "email"))
    return max(refusals, key=lambda refusal: refusal.wait, default=None)


def _prune(now: datetime, longest_window: int) -> None:
    """Attempts older than every window count for nothing any more."""
    cutoff = now - timedelta(seconds=longest_window)
    db.session.execute(delete(FailedSignIn).where(FailedSignIn.attempted_at <= cutoff))
