"""Write many rows at once, by the fastest way each database offers.

PostgreSQL reads rows fastest through COPY: a million items through INSERT … VALUES took
about 400 s, most of it psycopg splitting and binding the long statements. SQLite has no COPY;
an executemany of one prepared INSERT is its fastest path. Rows carry their own ids (the
caller numbers them), so nothing is read back.
"""

from __future__ import annotations

from sqlalchemy import Table, func, insert, select, text

from tracker.database import db
from tracker.history import backdating
from tracker.reports import target_writes


def next_id(table: Table) -> int:
    """The first id after every row of `table`."""
    return (db.session.scalar(select(func.max(table.c.id))) or 0) + 1


def insert_rows(table: Table, rows: list[dict]) -> None:
    """Insert `rows`, dicts with the same keys, into `table` within the session's transaction."""
    if not rows:
        return
    # These rows bypass the session's statements, which the figures' versions watch.
    if table.name in backdating.READ_TABLES:
        backdating.note_every_day(db.session)
    if table.name in target_writes.BULK_TABLES:
        target_writes.note_written(db.session)
    connection = db.session.connection()
    if connection.dialect.name != "postgresql":
        connection.execute(insert(table), rows)
        return
    # COPY applies only the database's own defaults; an INSERT through SQLAlchemy also applies
    # the columns' Python-side ones (which a schema made by create_all has instead).
    defaults = {
        column.name: column.default.arg
        for column in table.columns
        if column.default is not None and column.default.is_scalar and column.name not in rows[0]
    }
    rows = [{**row, **defaults} for row in rows] if defaults else rows
    quote = connection.dialect.identifier_preparer.quote
    names = ", ".join(quote(name) for name in rows[0])
    with connection.connection.driver_connection.cursor() as cursor:
        with cursor.copy(f"COPY {quote(table.name)} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(tuple(row.values()))


def catch_up_sequence(table: Table) -> None:
    """After rows written with their own ids, let PostgreSQL's next id follow the largest one."""
    if db.session.connection().dialect.name != "postgresql":
        return  # SQLite's next rowid is always max(rowid) + 1
    db.session.execute(
        text(
            "SELECT setval(pg_get_serial_sequence(:table, 'id'), "
            f"(SELECT coalesce(max(id), 1) FROM {table.name}))"
        ),
        {"table": table.name},
    )
