"""Several long reads on one snapshot of the database, at the same time where it can.

A statistics table of a past date at a million items is a pass over every item, which
PostgreSQL spreads over its parallel workers (a quarter of a second), and a correction of the
items changed since, a lookup per item that one process makes alone (0.9 s, 200 days back).
Read in parts side by side, each part's lookups take a core of their own. On PostgreSQL,
`read_together` runs each read on a connection of its own, as `pg_dump --jobs` reads its
tables: the first connection exports its snapshot and the others import it (REPEATABLE READ,
read only), so the rows are those of one moment, which is more than successive statements of
one READ COMMITTED transaction promise. Elsewhere (SQLite), while another such read of this
process is under way, or where the session holds changes of its own, the reads run one after
the other on the session.

Only for reads outside a write: the other connections cannot see what the session has written
and not yet committed (a table counted inside the write that closes a period reads on the
session).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack

from sqlalchemy import Connection, Engine, Row, text
from sqlalchemy.sql import Executable

from tracker.database import db

Read = tuple[Executable, Mapping]  #: a statement and its parameters

#: One read side by side per process at a time, taken without waiting: it holds a connection
#: per statement beside its request's, and a busy process serves its other requests better
#: one statement at a time.
_SPARE = threading.BoundedSemaphore(1)
_SNAPSHOT_ID = re.compile(r"[0-9A-F]+(-[0-9A-F]+)+")


def read_together(reads: Sequence[Read], in_turn: Sequence[Read] | None = None) -> list[list[Row]]:
    """The rows of each read, all of them as of one moment of the database. `in_turn`: the
    reads to run instead when they go one after the other (the same rows in fewer statements:
    a read split in parts only to be read side by side)."""
    session = db.session
    # The engine the session reads these from: the primary, or the reports' replica.
    engine = session.get_bind(clause=reads[0][0]) if reads else None
    alone = engine is None or engine.dialect.name != "postgresql" or len(reads) < 2
    if alone or session.new or session.dirty or session.deleted:
        return _on_the_session(in_turn or reads)
    if not _SPARE.acquire(blocking=False):
        return _on_the_session(in_turn or reads)
    try:
        return _on_one_snapshot(engine, reads)
    finally:
        _SPARE.release()


def _on_the_session(reads: Sequence[Read]) -> list[list[Row]]:
    return [db.session.execute(statement, values).all() for statement, values in reads]


def _on_one_snapshot(engine: Engine, reads: Sequence[Read]) -> list[list[Row]]:
    with ExitStack() as stack:
        connections = [stack.enter_context(_read_only(engine)) for _read in reads]
        first, *others = connections
        snapshot = first.execute(text("SELECT pg_export_snapshot()")).scalar_one()
        if not _SNAPSHOT_ID.fullmatch(snapshot):  # it is inlined below: SET takes no parameter
            raise ValueError(f"unexpected snapshot id {snapshot!r}")
        for connection in others:
            connection.exec_driver_sql(f"SET TRANSACTION SNAPSHOT '{snapshot}'")
        with ThreadPoolExecutor(max_workers=len(others)) as pool:
            later = [
                pool.submit(_rows, connection, read)
                for connection, read in zip(others, reads[1:], strict=True)
            ]
            rows = [_rows(first, reads[0])]
            return rows + [future.result() for future in later]


def _read_only(engine: Engine) -> Connection:
    """A connection whose transaction (begun at its first statement) can share a snapshot."""
    return engine.connect().execution_options(
        isolation_level="REPEATABLE READ", postgresql_readonly=True
    )


def _rows(connection: Connection, read: Read) -> list[Row]:
    statement, values = read
    return connection.execute(statement, values).all()
