"""Long reads side by side on one snapshot (tracker.snapshot_reads): on PostgreSQL each on a
connection of its own, seeing one moment of the database; elsewhere, or when they cannot, one
after the other on the session. The statistics of a past date read so (tests/reports run them
on both databases)."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import timedelta

from sqlalchemy import create_engine, event, func, literal, select, text

from tests.conftest import TEST_TODAY
from tracker.database import db
from tracker.models import Agency, WorkItem
from tracker.reports.statistics import EVERYTHING, Dimension, counts
from tracker.snapshot_reads import _SPARE, read_together

ITEMS = select(func.count()).select_from(WorkItem)
PID = text("SELECT pg_backend_pid()")


def on_postgres() -> bool:
    return db.engine.dialect.name == "postgresql"


def session_pid() -> int | None:
    return db.session.scalar(PID) if on_postgres() else None


@contextmanager
def committed_after_the_snapshot(database_url: str):
    """Another client commits a new agency right after the reads' snapshot is exported."""
    other = create_engine(database_url)

    def write_once(_conn, _cursor, statement, *_args):
        if "SET TRANSACTION SNAPSHOT" in statement and not done:
            done.append(True)
            with other.begin() as connection:
                connection.execute(Agency.__table__.insert().values(code="moi", name="Cơ quan mới"))

    done: list[bool] = []
    event.listen(db.engine, "before_cursor_execute", write_once)
    try:
        yield done
    finally:
        event.remove(db.engine, "before_cursor_execute", write_once)
        other.dispose()


def test_the_rows_are_those_each_statement_gives(app):
    agencies = select(Agency.code).order_by(Agency.code)
    together = read_together([(ITEMS, {}), (agencies, {})])
    assert together[0][0][0] == db.session.scalar(ITEMS) > 0
    assert [row.code for row in together[1]] == list(db.session.scalars(agencies))


def backend_pids(reads: int) -> list[int]:
    """The server process that ran each of `reads` reads read together; none on SQLite."""
    return [rows[0][0] for rows in read_together([(PID, {})] * reads)] if on_postgres() else []


def test_on_postgresql_each_read_has_a_connection_of_its_own(app):
    mine = session_pid()  # the session's transaction holds its connection meanwhile
    pids = backend_pids(3)
    # SQLite has no server processes: the reads ran on the session's one connection.
    assert len(set(pids)) == (3 if on_postgres() else 0)
    assert mine not in pids


def test_the_reads_see_one_moment_though_a_write_commits_between_them(app, database_url):
    agencies = select(func.count()).select_from(Agency)
    before = db.session.scalar(agencies)
    db.session.commit()
    with committed_after_the_snapshot(database_url) as written:
        first, second = read_together([(agencies, {}), (agencies, {})])
    # On PostgreSQL the write committed between the export and the reads: neither sees it.
    assert written == ([True] if on_postgres() else [])
    assert first[0][0] == second[0][0] == before
    assert db.session.scalar(agencies) == before + len(written)


def test_a_session_holding_unflushed_changes_reads_on_itself(app):
    db.session.add(Agency(code="moi", name="Cơ quan mới"))
    new = select(Agency.name).where(Agency.code == "moi")
    rows = read_together([(new, {}), (ITEMS, {})])
    # Flushed by the session, which alone can see it: the reads ran on the session.
    assert rows[0][0][0] == "Cơ quan mới"
    assert rows[1][0][0] == db.session.scalar(ITEMS)


def test_while_another_read_of_the_process_runs_the_reads_wait_for_no_connection(app):
    pid = session_pid()
    assert _SPARE.acquire(blocking=False)
    try:
        pids = backend_pids(2)
    finally:
        _SPARE.release()
    assert set(pids) == ({pid} if on_postgres() else set())


def test_reads_split_to_go_side_by_side_give_way_to_fewer_in_turn(app):
    parts = [(select(literal(part)), {}) for part in (1, 2, 3)]
    whole = [(select(literal(123)), {})]
    side_by_side = [[(1,)], [(2,)], [(3,)]]
    assert read_together(parts, whole) == (side_by_side if on_postgres() else [[(123,)]])
    assert _SPARE.acquire(blocking=False)  # another read of this process is under way
    try:
        assert read_together(parts, whole) == [[(123,)]]
    finally:
        _SPARE.release()


def test_a_past_table_counted_side_by_side_equals_the_one_counted_in_turn(app):
    for days_back in (1, 30, 400):
        as_of = TEST_TODAY - timedelta(days=days_back)
        in_turn = counts(Dimension.AGENCY, as_of, EVERYTHING)
        assert counts(Dimension.AGENCY, as_of, EVERYTHING, together=True) == in_turn
        assert sum(tally.total for tally in in_turn.values()) > 0
