"""The SQL standing (lists, counts) agrees with the domain rule on any data."""

from collections import Counter
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from tracker.database import db
from tracker.domain.standing import Standing
from tracker.items.queries import standing_of
from tracker.items.standing_sql import (
    by_each_key,
    standing_case,
    standing_clause,
    standing_tallies,
    tallied,
)
from tracker.models import Agency, Plan, WorkItem

BASE = date(2026, 1, 1)
days = st.integers(min_value=-40, max_value=40)
facts = st.tuples(
    st.sampled_from(["assigned", "in_progress", "submitted", "completed", "cancelled"]),
    st.one_of(st.none(), days),  # deadline offset
    days,  # completion offset
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(facts, min_size=1, max_size=15), as_of_offset=days)
def test_sql_standing_matches_the_domain(app, rows, as_of_offset):
    db.session.execute(delete(WorkItem).where(WorkItem.code.like("P-%")))
    plan = db.session.scalar(select(Plan))
    agency = db.session.scalar(select(Agency))
    for n, (status, deadline_offset, completion_offset) in enumerate(rows):
        deadline = BASE + timedelta(days=deadline_offset) if deadline_offset is not None else None
        completed = BASE + timedelta(days=completion_offset) if status == "completed" else None
        db.session.add(
            WorkItem(
                plan=plan,
                code=f"P-{n}",
                kind="task",
                title="p",
                lead_agency=agency,
                assigned_on=BASE,
                deadline=deadline,
                original_deadline=deadline,
                status=status,
                completed_on=completed,
            )
        )
    db.session.flush()
    as_of = BASE + timedelta(days=as_of_offset)
    ours = WorkItem.code.like("P-%")
    items = db.session.scalars(select(WorkItem).where(ours)).all()
    rows = db.session.execute(select(WorkItem.id, standing_case(as_of)).where(ours))
    by_case = {item_id: standing for item_id, standing in rows}
    by_clause = {
        standing: set(
            db.session.scalars(select(WorkItem.id).where(ours, standing_clause(standing, as_of)))
        )
        for standing in Standing
    }
    # Counted by groups (tracker.items.standing_sql.tallied): by item, by status, in all.
    by_item = standing_tallies(
        db.session.execute(tallied(select(WorkItem).where(ours), [WorkItem.id], as_of))
    )
    statuses = tallied(select(WorkItem).where(ours), [WorkItem.status, WorkItem.kind], as_of)
    by_status, by_kind = by_each_key(standing_tallies(db.session.execute(statuses)), 2)
    for item in items:
        expected = standing_of(item, as_of)
        assert by_case[item.id] == (expected.value if expected else None)
        for standing in Standing:
            assert (item.id in by_clause[standing]) == (standing == expected)
        assert by_item.get((item.id,), Counter()) == Counter([expected.value] if expected else [])
    assert sum(by_kind.values(), Counter()) == Counter(
        standing for standing in by_case.values() if standing
    )
    for status in {item.status for item in items}:
        assert by_status.get(status, Counter()) == Counter(
            by_case[item.id] for item in items if item.status == status and by_case[item.id]
        )
    db.session.rollback()
