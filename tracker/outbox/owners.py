"""Who owns a delivery run's claims, so the next run can tell at once that the owner is gone.

A run that dies (kill -9, a crash of the machine's process) leaves its claimed digests
"sending". Waiting MAIL_CLAIM_TIMEOUT for them is the last resort; the next run releases them at
once when it can prove their run is gone:

- PostgreSQL: the run holds a session advisory lock, keyed by its token, on a connection of its
  own for as long as it runs. The server drops the lock when that connection ends, whichever
  host the run was on; a lock that can be taken means the run is over.
- SQLite (one machine): the token names the run's process, its pid and start time (from
  /proc), so a pid taken again by another process does not pass for the run. A run of this very
  process is alive while it is in `_live`.

A token of another form (an older release, /proc unreadable) is left to the timeout.
"""

from __future__ import annotations

import os
import re
import secrets
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from sqlalchemy import text

from tracker.database import db

#: The first key of the two-key advisory locks that tie claims to their run (the sweep's lock
#: uses the one-key form, a separate space).
OWNER_LOCK_SPACE = 5_904_002

_PG_TOKEN = re.compile(r"pg-([0-9a-f]{16})")
_PROCESS_TOKEN = re.compile(r"p([0-9a-f]+)-([0-9a-f]+)-[0-9a-f]{8}")
#: Tokens of the runs going on in this process (several threads may deliver at once).
_live: set[str] = set()
_live_lock = threading.Lock()


@contextmanager
def run_owner() -> Iterator[str]:
    """This run's claim token, tied to what shows that the run is alive until it ends."""
    if db.engine.dialect.name == "postgresql":
        with _advisory_owner() as token:
            yield token
        return
    token = _process_token()
    with _live_lock:
        _live.add(token)
    try:
        yield token
    finally:
        with _live_lock:
            _live.discard(token)


def gone(tokens: Iterable[str]) -> list[str]:
    """The tokens among these whose run has certainly ended."""
    connection = db.session.connection()
    if connection.dialect.name == "postgresql":
        return [token for token in tokens if _lock_is_free(connection, token)]
    return [token for token in tokens if _process_gone(token)]


@contextmanager
def _advisory_owner() -> Iterator[str]:
    token = f"pg-{secrets.token_hex(8)}"
    key = {"space": OWNER_LOCK_SPACE, "key": _lock_key(token)}
    # Its own connection, not the session's: the session's goes back to the pool at each
    # commit, and a later checkout taking the lock again would count as the same owner.
    connection = db.engine.connect()
    try:
        connection.execute(text("SELECT pg_advisory_lock(:space, :key)"), key)
        connection.commit()
        yield token
    finally:
        try:
            connection.execute(text("SELECT pg_advisory_unlock(:space, :key)"), key)
            connection.commit()
        except Exception:  # closing the connection for good drops the lock just the same
            connection.invalidate()
        connection.close()


def _lock_key(token: str) -> int:
    """A signed 32-bit key from the token's random part."""
    return int(token[3:11], 16) - 2**31


def _lock_is_free(connection, token: str) -> bool:
    """Whether no session holds the token's lock: taken for an instant, then given back."""
    if not _PG_TOKEN.fullmatch(token):
        return False
    key = {"space": OWNER_LOCK_SPACE, "key": _lock_key(token)}
    if not connection.execute(text("SELECT pg_try_advisory_lock(:space, :key)"), key).scalar():
        return False
    connection.execute(text("SELECT pg_advisory_unlock(:space, :key)"), key)
    return True


def _process_token() -> str:
    """pid and start time in hex, then random bits: at most 27 of the column's 32 characters."""
    pid = os.getpid()
    started = _start_time(pid)
    if started is None:
        return secrets.token_hex(8)  # no /proc: the timeout alone applies
    return f"p{pid:x}-{started[1]:x}-{secrets.token_hex(4)}"


def _process_gone(token: str) -> bool:
    found = _PROCESS_TOKEN.fullmatch(token)
    if found is None:
        return False
    pid, started = int(found.group(1), 16), int(found.group(2), 16)
    if pid == os.getpid():
        with _live_lock:
            return token not in _live
    now = _start_time(pid)
    # Gone: no such process, a zombie not yet reaped, or another process under the same pid.
    return now is None or now[0] in "ZX" or now[1] != started


def _start_time(pid: int) -> tuple[str, int] | None:
    """The process's state and start time (clock ticks after boot), or None if it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            line = stat.read()
    except OSError:
        return None
    # The command name, field 2, is in parentheses and may itself hold spaces or parentheses.
    fields = line[line.rindex(")") + 2 :].split()
    return fields[0], int(fields[19])  # fields 3 (state) and 22 (starttime) of proc(5)
