"""The query planner's statistics, refreshed after a bulk load.

Both engines plan queries from statistics that only ANALYZE gathers. PostgreSQL's autovacuum
gathers them some time after a load, and not at all where it is turned off: with statistics of
an empty table the nightly sweep over synthetic data grew from 8 s to 33 s in nine days, and
took 2.2 s once analysed. SQLite never gathers them by itself (sqlite_stat1).
"""

from sqlalchemy import text

from tracker.database import db


def analyze() -> None:
    """Gather fresh statistics for the tracker's own tables, after committing what is pending.

    On PostgreSQL, VACUUM ANALYZE: the vacuum also marks the freshly written pages as visible
    to all, which lets counts be read from an index alone. Right after a million-item load,
    before autovacuum came by, a head's items list took 1.4 s there; vacuumed, 0.45 s.
    """
    db.session.commit()
    quote = db.engine.dialect.identifier_preparer.quote
    if db.engine.dialect.name == "postgresql":
        # VACUUM cannot run inside a transaction block.
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            for table in db.metadata.sorted_tables:
                connection.exec_driver_sql(f"VACUUM ANALYZE {quote(table.name)}")
        return
    for table in db.metadata.sorted_tables:
        db.session.execute(text(f"ANALYZE {quote(table.name)}"))
    db.session.commit()
