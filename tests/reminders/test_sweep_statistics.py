"""After a sweep, PostgreSQL's planner knows how large the outbox has become: delivery reads
every digest's notices right after, before autovacuum would have come by."""

from sqlalchemy import func, select, text

from tracker.database import db
from tracker.models import Notice
from tracker.reminders.sweep import sweep


def _planned_rows(table: str) -> float | None:
    """The row count the planner believes `table` has (PostgreSQL), None if never analysed."""
    rows = db.session.scalar(
        text("SELECT reltuples FROM pg_class WHERE relname = :t"), {"t": table}
    )
    return None if rows is None or rows < 0 else rows


def test_the_sweep_leaves_statistics_of_the_notices_it_wrote(app, today):
    report = sweep(today)
    db.session.commit()
    written = db.session.scalar(select(func.count()).select_from(Notice))
    assert written == report.notices > 0
    if db.engine.dialect.name == "postgresql":
        # A table this small is read whole by ANALYZE: the count is exact.
        assert _planned_rows("notices") == written
    else:  # SQLite plans without statistics of the outbox: none are gathered for it
        stat_tables = text("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if db.session.scalar(stat_tables):
            analysed = text("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'notices'")
            assert db.session.scalar(analysed) == 0


def test_a_dry_run_gathers_nothing(app, today):
    before = _planned_rows("notices") if db.engine.dialect.name == "postgresql" else None
    assert sweep(today, dry_run=True).notices > 0
    db.session.commit()
    after = _planned_rows("notices") if db.engine.dialect.name == "postgresql" else None
    assert after == before
    assert db.session.scalar(select(func.count()).select_from(Notice)) == 0
