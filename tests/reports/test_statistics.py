"""The statistics table on hand-built data: every category, both rates, history as of a date."""

from collections import Counter
from datetime import date

import pytest
from sqlalchemy import select

from tracker.database import db
from tracker.domain.tally import Tally
from tracker.domain.workflow import Status
from tracker.models import ExtensionRequest, WorkItem
from tracker.reports import statistics
from tracker.reports.statistics import Dimension, Scope

from ..oracles.history import ItemRecord, standing_as_of

END_OF_Q3 = date(2026, 9, 30)


@pytest.fixture
def story(agency, make_item, approve_extension):
    """Thirteen items of one agency, one per case the statistics must get right."""
    a = agency.code
    make_item(
        a,
        deadline=date(2026, 6, 30),
        status="completed",
        completed_on=date(2026, 6, 20),
        confirmed_on=date(2026, 6, 25),
    )  # on time
    make_item(
        a,
        deadline=date(2026, 6, 30),
        status="completed",
        completed_on=date(2026, 7, 10),
        confirmed_on=date(2026, 7, 12),
    )  # late
    make_item(a, deadline=date(2026, 12, 31), status="in_progress")  # within deadline
    make_item(a, deadline=date(2026, 8, 31), status="in_progress")  # overdue
    make_item(a, status="in_progress")  # no deadline
    make_item(a, deadline=date(2026, 12, 31), status="cancelled", cancelled_on=date(2026, 5, 1))
    make_item(a, deadline=date(2026, 12, 31), status="cancelled", cancelled_on=date(2026, 10, 15))
    extended_before = make_item(
        a, deadline=date(2026, 10, 31), original_deadline=date(2026, 8, 15), status="in_progress"
    )
    approve_extension(extended_before, date(2026, 8, 10), date(2026, 10, 31))
    extended_after = make_item(
        a, deadline=date(2026, 11, 30), original_deadline=date(2026, 9, 15), status="in_progress"
    )
    approve_extension(extended_after, date(2026, 10, 5), date(2026, 11, 30))
    approve_extension(extended_after, date(2026, 9, 1), date(2027, 3, 1), status="rejected")
    make_item(
        a,
        deadline=date(2026, 9, 1),
        status="completed",
        completed_on=date(2026, 10, 10),
        confirmed_on=date(2026, 10, 12),
    )
    make_item(
        a,
        deadline=date(2026, 9, 30),
        status="completed",
        completed_on=date(2026, 9, 25),
        confirmed_on=date(2026, 10, 2),
    )
    make_item(a, deadline=date(2026, 12, 15), assigned_on=date(2026, 10, 5), status="assigned")
    make_item(a, status="completed", completed_on=date(2026, 3, 1), confirmed_on=date(2026, 3, 2))
    db.session.commit()
    return agency


def test_as_of_the_end_of_the_quarter(story):
    row = statistics.table(Dimension.AGENCY, END_OF_Q3).row(story.code)
    assert row.tally == Tally(
        done_on_time=2,  # completed by then, incl. one without deadline
        done_late=1,
        in_progress=4,  # incl. cancelled later, extended before, confirmed only later
        overdue=3,  # incl. extended only later, completed only later
        no_deadline=1,
    )
    assert row.tally.total == 11  # neither the item cancelled before nor the one assigned after
    assert str(row.tally.rate_all) == "27.3"  # 3 completed / 11 tasks
    assert str(row.tally.rate_due) == "50.0"  # 3 completed / (3 completed + 3 overdue)


def test_as_of_today(story, today):
    row = statistics.table(Dimension.AGENCY, today).row(story.code)
    assert row.tally == Tally(done_on_time=3, done_late=2, in_progress=3, overdue=2, no_deadline=1)


def test_a_later_edit_changes_the_live_table(story, app, today):
    before = statistics.table(Dimension.AGENCY, today).row(story.code).tally
    item = db.session.scalar(
        select(WorkItem).where(
            WorkItem.lead_agency_id == story.id,
            WorkItem.deadline.is_(None),
            WorkItem.status == "in_progress",
        )
    )
    item.status = "cancelled"
    item.cancelled_on = today
    db.session.commit()
    after = statistics.table(Dimension.AGENCY, today).row(story.code).tally
    assert after.no_deadline == before.no_deadline - 1


def test_two_approvals_on_one_day_the_later_counts(agency, make_item, approve_extension):
    item = make_item(
        agency.code,
        deadline=date(2026, 12, 31),
        original_deadline=date(2026, 8, 31),
        status="in_progress",
    )
    approve_extension(item, date(2026, 9, 1), date(2026, 9, 10))
    approve_extension(item, date(2026, 9, 1), date(2026, 10, 10))
    approve_extension(item, date(2026, 11, 1), date(2026, 12, 31))
    db.session.commit()
    tally = statistics.table(Dimension.AGENCY, END_OF_Q3).row(agency.code).tally
    assert tally == Tally(in_progress=1)


def _python_tables(as_of: date) -> dict[str, Counter]:
    """Every item's standing by the domain rule, one item at a time (test only)."""
    approvals: dict[int, list] = {}
    for ext in db.session.scalars(select(ExtensionRequest).order_by(ExtensionRequest.id)):
        if ext.status == "approved":
            approvals.setdefault(ext.item_id, []).append((ext.decided_on, ext.proposed_deadline))
    by: dict[str, Counter] = {d: Counter() for d in ("agency", "sector", "pillar")}
    for item in db.session.scalars(select(WorkItem)):
        if item.children:
            continue  # each piece of work once: an item with sub-items through them
        record = ItemRecord(
            item.assigned_on,
            Status(item.status),
            item.deadline,
            item.original_deadline,
            item.completed_on,
            item.confirmed_on,
            item.cancelled_on,
            approvals.get(item.id, []),
        )
        standing = standing_as_of(record, as_of)
        if standing is not None:
            by["agency"][(item.lead_agency.code, standing.value)] += 1
            by["sector"][(item.sector.code if item.sector else None, standing.value)] += 1
            by["pillar"][(item.group.code if item.group else None, standing.value)] += 1
    return by


@pytest.mark.parametrize("as_of", [END_OF_Q3, date(2025, 12, 31), date(2026, 11, 25)])
def test_every_table_matches_the_domain_item_by_item(story, as_of):
    expected = _python_tables(as_of)
    for dimension in Dimension:
        table = statistics.table(dimension, as_of)
        for row in table.rows:
            for standing, number in row.tally.as_dict().items():
                assert number == expected[dimension.value][(row.code, standing)], (row, standing)
        assert table.total.total == sum(expected[dimension.value].values())


@pytest.mark.parametrize("dimension", list(Dimension))
def test_categories_add_up_to_the_total_in_every_row(story, dimension, today):
    table = statistics.table(dimension, today)
    for row in [*table.rows]:
        tally = row.tally
        parts = (
            tally.done_on_time
            + tally.done_late
            + tally.in_progress
            + tally.overdue
            + tally.no_deadline
        )
        assert parts == tally.total
    assert sum(row.tally.total for row in table.rows) == table.total.total


def test_public_scope_leaves_out_items_not_public(story, make_item, today):
    make_item(story.code, deadline=date(2026, 1, 31), status="in_progress", is_public=False)
    db.session.commit()
    everything = statistics.table(Dimension.AGENCY, today).row(story.code).tally
    public = statistics.table(Dimension.AGENCY, today, Scope(public_only=True)).row(story.code)
    assert everything.overdue == public.tally.overdue + 1


def test_agency_scope_counts_only_its_items(story, today):
    table = statistics.table(Dimension.SECTOR, today, Scope(agency_id=story.id))
    assert table.total.total == 11
