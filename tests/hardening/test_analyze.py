"""After a bulk seed the query planner has statistics of the data as it now is, on SQLite
(sqlite_stat1) and on PostgreSQL (pg_class.reltuples, pg_stat_user_tables.last_analyze)."""

from sqlalchemy import func, select, text

from tracker.database import db
from tracker.models import WorkItem


def _analysed_rows(table: str) -> int | None:
    """The row count the planner believes the table has, if ANALYZE gave it one."""
    if db.engine.dialect.name == "sqlite":
        if db.session.scalar(text("SELECT count(*) FROM sqlite_master WHERE name='sqlite_stat1'")):
            stat = db.session.scalar(
                text("SELECT stat FROM sqlite_stat1 WHERE tbl = :t ORDER BY idx LIMIT 1"),
                {"t": table},
            )
            return int(stat.split()[0]) if stat else None
        return None
    # last_analyze is set by an explicit ANALYZE only, never by autovacuum.
    analysed = db.session.scalar(
        text("SELECT last_analyze FROM pg_stat_user_tables WHERE relname = :t"), {"t": table}
    )
    rows = db.session.scalar(
        text("SELECT reltuples FROM pg_class WHERE relname = :t"), {"t": table}
    )
    return int(rows) if analysed is not None else None


def test_a_synthetic_seed_leaves_statistics_of_its_rows(app, runner):
    result = runner.invoke(args=["seed", "synthetic", "--items", "3000", "--users", "40"])
    assert result.exit_code == 0, result.output
    db.session.commit()  # a fresh transaction, which sees the statistics
    assert _analysed_rows("work_items") >= 3000 + 124
    assert _analysed_rows("users") >= 40
    if db.engine.dialect.name == "postgresql":
        # Vacuumed too: counts can then be read from an index alone (the visibility map).
        vacuumed = text("SELECT last_vacuum FROM pg_stat_user_tables WHERE relname = :t")
        assert db.session.scalar(vacuumed, {"t": "work_items"}) is not None


def test_a_first_plan_and_demo_seed_leaves_statistics(app, runner):
    db.drop_all()
    db.create_all()
    db.session.commit()
    result = runner.invoke(args=["seed", "--demo"])
    assert result.exit_code == 0, result.output
    db.session.commit()
    assert _analysed_rows("work_items") == db.session.scalar(select(func.count(WorkItem.id)))
