"""What views read of a request: numbers of the query string, a safe `next`, JSON or a page."""

from urllib.parse import unquote, urlsplit

from flask import abort, current_app, request
from flask_babel import gettext as _


def int_arg(name: str, *, default: int, low: int, high: int, message: str) -> int:
    """An integer of the query string within [low, high], `default` when absent; a 400 with
    `message` for anything else ("abc", "1.5", a number of forty digits)."""
    raw = request.args.get(name, "")
    if not raw:
        return default
    if not raw.isdecimal() or len(raw) > len(str(high)) or not low <= int(raw) <= high:
        abort(400, description=message)
    return int(raw)


def page_arg() -> int:
    """`?page=`: from 1 to MAX_PAGE, 1 when absent."""
    return int_arg(
        "page",
        default=1,
        low=1,
        high=current_app.config["MAX_PAGE"],
        message=_("The page number is out of range."),
    )


def site_path(target: str | None) -> str | None:
    """`target` if it is a path on this site, else None: a `next` never leads elsewhere.

    Browsers read "//host", "/\\host" and "/<tab>/host" as another site, and a proxy or a
    server may decode "%2f" or "%5c" once more: only a path that starts with one slash and
    stays so once decoded, without spaces, control characters or backslashes, is kept. An "@"
    before the query is refused too: no page here has one, and it reads as a user name."""
    if not target or not target.startswith("/"):
        return None
    decoded = unquote(target)
    if decoded.startswith("//") or not all(map(_plain, target)) or "\\" in decoded:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or "@" in parts.path or any(ord(c) < 32 for c in decoded):
        return None
    return target


def _plain(char: str) -> bool:
    """A character a path of this site may carry as it is."""
    return char.isprintable() and not char.isspace()


def wants_json() -> bool:
    return request.path.startswith("/api/")
