"""Figures computed once for every web process: kept in the database, as JSON of plain values.

Each web process has its own memory, so a figure one worker computed would otherwise be
computed again by each of the others, and a process's own copy is of no use to another server.
A figure (what, for whom, as of which day) is stored in `cached_figures` with the data version
it was computed at (tracker.reports.cache): any process reuses it only at that same version, and
for at most REPORT_CACHE_SECONDS. The process also keeps the decoded value while the version
holds, which spares it reading and decoding the row again.
"""

from __future__ import annotations

import json
import logging
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import TypeVar

from sqlalchemy import Connection, delete, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import OperationalError

from tracker.clock import now_utc
from tracker.database import db
from tracker.models import CachedFigures
from tracker.reports.cache import cache_seconds, data_version, remember, remembered

T = TypeVar("T")
log = logging.getLogger(__name__)
_TABLE = CachedFigures.__table__
FIGURE_KEY = ("what", "scope", "day")  #: the primary key of every figures table
#: The first key of the two-key advisory locks under which a figure is computed (the sweep's,
#: the delivery runs' and the scheduler's locks use others).
COMPUTING_LOCK_SPACE = 5_904_004
COMPUTING_WAIT_SECONDS = 30  #: then a request computes the figure itself


def shared(
    what: str,
    scope: str,
    day: date,
    compute: Callable[[], T],
    encode: Callable[[T], object],
    decode: Callable[[object], T],
    version_of: Callable[[], tuple] = data_version,
) -> T:
    """compute(), or the figure any process stored for (what, scope, day) at the version of
    now (`version_of`: by default the data version; a narrower one for figures read from less);
    `encode` makes it plain values for JSON and `decode` takes them back."""
    if not cache_seconds():
        return compute()
    version = version_of()
    key = ("shared", what, scope, day)
    found, value = remembered(key, version)
    if found:
        return value  # type: ignore[return-value]
    stamp = json.dumps(version, default=str)
    stored = _stored(what, scope, day, stamp)
    if stored is None:
        with computed_alone(f"{what}|{scope}|{day.isoformat()}"):
            stored = _stored(what, scope, day, stamp)  # by the process this one waited for
            if stored is None:
                value = compute()
                _store(what, scope, day, stamp, json.dumps(encode(value), separators=(",", ":")))
    if stored is not None:
        value = decode(json.loads(stored))
    remember(key, version, value)
    return value


@contextmanager
def computed_alone(figure: str) -> Iterator[None]:
    """On PostgreSQL, one process at a time computes the figure named `figure`: after a write,
    the dashboard of a million items costs a second, and every request that found it stale
    used to compute it at once (the office and the leaders on Monday morning). The others wait
    for the first, up to COMPUTING_WAIT_SECONDS, then look again for what it stored. The lock
    is PostgreSQL's, so it holds across processes and servers; SQLite's deployments are one
    server, without it."""
    if db.engine.dialect.name != "postgresql":
        yield
        return
    key = {"space": COMPUTING_LOCK_SPACE, "key": _lock_key(figure)}
    with db.engine.connect() as connection:
        connection.exec_driver_sql(f"SET LOCAL lock_timeout = '{COMPUTING_WAIT_SECONDS}s'")
        try:
            connection.execute(text("SELECT pg_advisory_lock(:space, :key)"), key)
            connection.commit()  # the lock is the session's: it outlives the transaction
            taken = True
        except OperationalError:  # waited long enough: compute it as well
            connection.rollback()
            taken = False
        try:
            yield
        finally:
            if taken:
                _unlock(connection, key)


def _unlock(connection: Connection, key: dict) -> None:
    try:
        connection.execute(text("SELECT pg_advisory_unlock(:space, :key)"), key)
        connection.commit()
    except OperationalError:  # a broken connection: closed, and the server drops its locks
        connection.invalidate()


def _lock_key(figure: str) -> int:
    """The figure's key as PostgreSQL's signed 32-bit integer (a rare collision only makes
    two figures wait for each other)."""
    unsigned = zlib.crc32(figure.encode())
    return unsigned - 2**32 if unsigned >= 2**31 else unsigned


def _stored(what: str, scope: str, day: date, stamp: str) -> str | None:
    c = _TABLE.c
    fresh_since = now_utc() - timedelta(seconds=cache_seconds())
    return db.session.scalar(
        select(c.value).where(
            c.what == what, c.scope == scope, c.day == day, c.version == stamp,
            c.computed_at > fresh_since,
        )
    )  # fmt: skip


def _store(what: str, scope: str, day: date, stamp: str, value: str) -> None:
    """Write the figure, and drop the figures too old to be used again."""
    now = now_utc()
    row = {"what": what, "scope": scope, "day": day, "version": stamp, "computed_at": now,
           "value": value}  # fmt: skip
    expired = _TABLE.c.computed_at < now - timedelta(seconds=cache_seconds())
    if not write_figure(_TABLE, row, expired):  # a busy database: the next request stores it
        log.warning("could not store the %s figures for %s", what, scope)


def write_figure(table, row: dict, stale) -> bool:
    """Insert or replace `row` of a figures table (keyed by what, scope and day) and delete the
    `stale` rows, in a short transaction of its own (the request's session only reads); False
    when the database was too busy."""
    dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
    upsert = dialect.insert(table).values(row)
    upsert = upsert.on_conflict_do_update(
        index_elements=list(FIGURE_KEY),
        set_={name: value for name, value in row.items() if name not in FIGURE_KEY},
    )
    try:
        with db.engine.begin() as connection:
            connection.execute(delete(table).where(stale))
            connection.execute(upsert)
    except OperationalError:
        log.info("a figure was not written: the database was busy", exc_info=True)
        return False
    return True
