"""Delivery rules of the outbox: how long to wait before retrying, which refusals are final."""

from datetime import timedelta


def retry_delay(attempts: int, base_seconds: int, max_seconds: int) -> timedelta:
    """Exponential backoff after the `attempts`-th failed attempt: base, 2·base, 4·base… capped."""
    if attempts < 1:
        raise ValueError("a retry follows at least one attempt")
    return timedelta(seconds=min(base_seconds * 2 ** min(attempts - 1, 30), max_seconds))


def is_permanent_reply(code: int) -> bool:
    """An SMTP 5xx reply (e.g. 550 mailbox unavailable) will not change on a retry; 4xx may."""
    return 500 <= code <= 599


def should_give_up(attempts: int, max_attempts: int) -> bool:
    """After this many temporary failures the digest is marked failed for the administrator."""
    return attempts >= max_attempts
