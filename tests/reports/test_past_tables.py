"""A statistics table of a day already past keeps its counts beyond writes that record the
present, and counts again after a write that reaches back to its day: whatever is written, the
table shown is the one the history gives (tracker.reports.past_tables)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, func, select

from tests.reports import test_past_figures as past_figures_tests
from tests.workers import another_worker, statements_of
from tracker.database import db
from tracker.models import PastFigure, WorkItem
from tracker.reports.statistics import EVERYTHING, Dimension, Scope, build_table, counts, table

DAYS_BACK = 60
#: The correction of the items changed since the date: a statement only a count runs.
CORRECTION = "changed_rows"
OFFICE = "office@tracker.demo"


def tallies(shown) -> list[tuple]:
    return [(row.code, row.tally) for row in shown.rows]


def from_history(as_of: date, scope: Scope = EVERYTHING) -> list[tuple]:
    """The table's rows straight from the history, nothing kept."""
    return tallies(build_table(Dimension.AGENCY, as_of, counts(Dimension.AGENCY, as_of, scope)))


def kept_tables(day: date) -> int:
    """The tables kept of `day` (closing a reporting period of the demo data keeps others)."""
    return db.session.scalar(
        select(func.count())
        .select_from(PastFigure)
        .where(PastFigure.what.like("statistics:%"), PastFigure.day == day)
    )


def counted_again(app, as_of: date, scope: Scope = EVERYTHING) -> tuple[list[tuple], bool]:
    """The table's rows, and whether showing them counted the items again."""
    with statements_of(app) as statements:
        shown = tallies(table(Dimension.AGENCY, as_of, scope))
    return shown, any(CORRECTION in statement for statement in statements)


def open_overdue_before(as_of: date) -> WorkItem:
    """An open item assigned before `as_of` and overdue by then."""
    return db.session.scalars(
        select(WorkItem)
        .where(WorkItem.status.notin_(("completed", "cancelled")), WorkItem.parent_id.is_(None),
               WorkItem.recurrence.is_(None), WorkItem.assigned_on < as_of,
               WorkItem.deadline < as_of - timedelta(days=1))
        .order_by(WorkItem.id)
    ).first()  # fmt: skip


def test_writes_of_the_present_keep_a_past_table(app, today):
    as_of = today - timedelta(days=DAYS_BACK)
    first, counted = counted_again(app, as_of)
    assert counted and kept_tables(as_of) == 1
    item, other = db.session.scalars(
        select(WorkItem).where(WorkItem.status.notin_(("completed", "cancelled"))).limit(2)
    ).all()
    item.progress = 40  # a progress report
    db.session.commit()
    other.status, other.completed_on, other.confirmed_on = "completed", today, today
    db.session.commit()

    shown, counted = counted_again(app, as_of)
    assert not counted
    assert shown == first == from_history(as_of)


def test_a_completion_dated_before_the_day_counts_again(app, today):
    as_of = today - timedelta(days=DAYS_BACK)
    first, _ = counted_again(app, as_of)
    item = open_overdue_before(as_of)
    item.status, item.completed_on, item.confirmed_on = "completed", as_of - timedelta(1), None
    db.session.commit()  # done before the day, reported only now

    shown, counted = counted_again(app, as_of)
    assert counted
    assert shown == from_history(as_of) != first
    row = dict(shown)[item.lead_agency.code]
    assert row.overdue == dict(first)[item.lead_agency.code].overdue - 1


def test_a_completion_dated_after_the_day_keeps_it(app, today):
    as_of = today - timedelta(days=DAYS_BACK)
    first, _ = counted_again(app, as_of)
    item = open_overdue_before(as_of)
    item.status, item.completed_on, item.confirmed_on = "completed", as_of + timedelta(5), None
    db.session.commit()  # it reaches back, but not to the table's day

    shown, counted = counted_again(app, as_of)
    assert not counted
    assert shown == first == from_history(as_of)


def test_tables_of_yesterday_of_public_items_or_of_a_portfolio_are_not_kept(app, today):
    public, as_of = Scope(public_only=True), today - timedelta(days=DAYS_BACK)
    table(Dimension.AGENCY, today - timedelta(days=1))
    table(Dimension.AGENCY, as_of, public)
    table(Dimension.AGENCY, as_of, Scope(portfolio_id=1, portfolio_key=((1,), ())))
    assert kept_tables(today - timedelta(days=1)) == kept_tables(as_of) == 0

    item = open_overdue_before(as_of)
    first, _ = counted_again(app, as_of, public)
    item.is_public = not item.is_public  # no day's history changes: the public table does
    db.session.commit()
    shown, counted = counted_again(app, as_of, public)
    assert counted
    assert shown == from_history(as_of, public) != first


def test_another_worker_reads_the_kept_table(app, today, database_url):
    as_of = today - timedelta(days=DAYS_BACK)
    first, _ = counted_again(app, as_of)
    with another_worker(database_url, OFFICE) as (other, client):
        with statements_of(other) as statements:
            page = client.get(f"/reports/agencies?as_of={as_of.isoformat()}")
        with other.app_context():
            shown, _ = counted_again(other, as_of)
    assert page.status_code == 200
    assert not any(CORRECTION in statement for statement in statements)
    assert shown == first


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    writes=st.lists(
        st.tuples(st.sampled_from(past_figures_tests.WRITES), st.integers(0, 400)), max_size=6
    ),
    days_back=st.sampled_from((2, 30, 200)),
)
def test_the_table_shown_is_the_history_whatever_is_written(app, today, writes, days_back):
    # Each example starts with nothing kept (the database carries the earlier examples' writes).
    db.session.execute(delete(PastFigure))
    db.session.commit()
    as_of = today - timedelta(days=days_back)
    table(Dimension.AGENCY, as_of)  # keeps it
    for write, seed in writes:
        past_figures_tests._write(write, seed, today)
        db.session.commit()
        shown, _ = counted_again(app, as_of)
        assert shown == from_history(as_of), write
