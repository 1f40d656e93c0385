"""The query planner's statistics, refreshed after a bulk load.

Both engines plan queries from statistics that only ANALYZE gathers. PostgreSQL's autovacuum
gathers them some time after a load, and not at all where it is turned off: with statistics of
an empty table the nightly sweep over synthetic data grew from 8 s to 33 s in nine days, and
took 2.2 s once analysed. SQLite never gathers them by itself (sqlite_stat1).
"""

from sqlalchemy import text

from tracker.database import db


def analyze() -> None:
    """Gather fresh statistics for the tracker's own tables, after committing what is pending."""
    db.session.commit()
    quote = db.engine.dialect.identifier_preparer.quote
    for table in db.metadata.sorted_tables:
        db.session.execute(text(f"ANALYZE {quote(table.name)}"))
    db.session.commit()
