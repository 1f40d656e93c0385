"""The overdue list as of a date: the history rule, filters, levels, counts, query count."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from tracker.counting import piece_of_work
from tracker.database import db
from tracker.domain.standing import AgeBucket, Standing
from tracker.domain.workflow import Status
from tracker.models import ExtensionRequest, WorkItem
from tracker.overdue import queries as overdue
from tracker.overdue.queries import OverdueFilters, Sort
from tracker.workdays.store import working_calendar

from ..oracles.history import ItemRecord, standing_as_of

PAST = date(2026, 11, 10)


@pytest.fixture
def items(agency, make_item, approve_extension):
    """Named items of one agency; each comment says when it is overdue."""
    a = agency.code
    built = {
        "a": make_item(a, deadline=date(2026, 11, 24), status="in_progress"),  # today: 1 day
        "b": make_item(a, deadline=date(2026, 11, 13), status="in_progress"),  # 8 working days
        "c": make_item(a, deadline=date(2026, 10, 1), status="assigned"),  # 55 days
        "d": make_item(a, deadline=date(2026, 6, 1), status="returned"),  # 177 days
        "e": make_item(a, deadline=date(2026, 6, 1), status="completed",
                       completed_on=date(2026, 5, 1), confirmed_on=date(2026, 5, 2)),  # never
        "f": make_item(a, deadline=date(2026, 12, 31), original_deadline=date(2026, 11, 1),
                       status="in_progress"),  # only before its extension (20/11)
        "g": make_item(a, deadline=date(2026, 11, 1), status="completed",
                       completed_on=date(2026, 11, 20), confirmed_on=date(2026, 11, 20)),
        "h": make_item(a, deadline=date(2026, 10, 15), status="cancelled",
                       cancelled_on=date(2026, 11, 20)),  # only before it was cancelled
        "i": make_item(a, deadline=date(2026, 11, 12), assigned_on=date(2026, 11, 15),
                       status="assigned"),  # only after it was assigned
    }  # fmt: skip
    approve_extension(built["f"], date(2026, 11, 20), date(2026, 12, 31))
    db.session.commit()
    return built


def _codes(items, rows) -> set[str]:
    names = {item.id: name for name, item in items.items()}
    return {names[row.id] for row in rows if row.id in names}


def test_overdue_today(items, agency, today):
    rows = overdue.overdue_rows(OverdueFilters(agency=agency.code), today, Sort.AGENCY, 100)
    assert _codes(items, rows) == {"a", "b", "c", "d", "i"}
    by_id = {row.id: row for row in rows}
    assert (by_id[items["a"].id].days, by_id[items["a"].id].level) == (1, 1)
    assert (by_id[items["b"].id].days, by_id[items["b"].id].level) == (12, 2)
    assert (by_id[items["c"].id].days, by_id[items["c"].id].level) == (55, 3)


def test_overdue_as_of_a_past_date_reads_the_history(items, agency):
    rows = overdue.overdue_rows(OverdueFilters(agency=agency.code), PAST, Sort.AGENCY, 100)
    assert _codes(items, rows) == {"c", "d", "f", "g", "h"}
    f = next(row for row in rows if row.id == items["f"].id)
    assert f.deadline == date(2026, 11, 1)  # the deadline in force then, not the extended one
    counts = overdue.count_by_agency(OverdueFilters(agency=agency.code), PAST, working_calendar())
    assert counts == {agency.id: 5}


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (OverdueFilters(age=AgeBucket.D1_30), {"a", "b", "i"}),
        (OverdueFilters(age=AgeBucket.D31_90), {"c"}),
        (OverdueFilters(age=AgeBucket.OVER_90), {"d"}),
        (OverdueFilters(level=1), {"a"}),
        (OverdueFilters(level=2), {"b", "i"}),
        (OverdueFilters(level=3), {"c", "d"}),
        (OverdueFilters(kind="target"), set()),
        (OverdueFilters(sector="giao-duc"), set()),
        (OverdueFilters(pillar="CQS", sector="y-te"), {"a", "b", "c", "d", "i"}),
    ],
)
def test_filters(items, agency, today, filters, expected):
    from dataclasses import replace

    filters = replace(filters, agency=agency.code)
    rows = overdue.overdue_rows(filters, today, Sort.MOST, 100)
    assert _codes(items, rows) == expected
    total = overdue.overdue_total(today, filters)
    assert total == len(expected)


def test_sort_orders(items, agency, today):
    filters = OverdueFilters(agency=agency.code)
    most = overdue.overdue_rows(filters, today, Sort.MOST, 100)
    least = overdue.overdue_rows(filters, today, Sort.LEAST, 100)
    assert [row.days for row in most] == sorted((row.days for row in most), reverse=True)
    assert [row.id for row in least] == [row.id for row in most][::-1]


def _domain_overdue(as_of: date) -> set[int]:
    approvals: dict[int, list] = {}
    for ext in db.session.scalars(select(ExtensionRequest).order_by(ExtensionRequest.id)):
        if ext.status == "approved":
            approvals.setdefault(ext.item_id, []).append((ext.decided_on, ext.proposed_deadline))
    found = set()
    # Each piece of work once (tracker.counting): a parent is counted through its sub-items.
    for item in db.session.scalars(select(WorkItem).where(piece_of_work())):
        record = ItemRecord(
            item.assigned_on, Status(item.status), item.deadline, item.original_deadline,
            item.completed_on, item.confirmed_on, item.cancelled_on, approvals.get(item.id, []),
        )  # fmt: skip
        if standing_as_of(record, as_of) is Standing.OVERDUE:
            found.add(item.id)
    return found


@pytest.mark.parametrize("as_of", [date(2026, 11, 25), PAST, date(2025, 12, 31), date(2026, 1, 1)])
def test_whole_list_equals_the_domain_rule(items, as_of):
    expected = _domain_overdue(as_of)
    rows = overdue.overdue_rows(OverdueFilters(), as_of, Sort.AGENCY, 10_000)
    assert {row.id for row in rows} == expected
    assert len(rows) == len(expected)  # no item twice
    assert overdue.overdue_total(as_of) == len(expected)


def test_grouped_order_follows_agencies_then_days(items, today):
    rows = overdue.overdue_rows(OverdueFilters(), today, Sort.AGENCY, 10_000)
    keys = [(row.agency_id, -row.days) for row in rows]
    assert keys == sorted(keys)


def test_paging_splits_without_overlap(items, today):
    first = overdue.overdue_page(OverdueFilters(), today, Sort.AGENCY, 1, 7)
    second = overdue.overdue_page(OverdueFilters(), today, Sort.AGENCY, 2, 7)
    assert len(first.rows) == 7
    assert not {r.id for r in first.rows} & {r.id for r in second.rows}
    assert first.total == second.total == len(_domain_overdue(today))


def test_constant_number_of_queries(app, items, today, count_queries):
    app.config["REPORT_CACHE_SECONDS"] = 0  # count the statements the list itself needs

    def queries(as_of, per_page):
        with count_queries() as counted:
            overdue.overdue_page(OverdueFilters(), as_of, Sort.AGENCY, 1, per_page)
        return counted[0]

    small = queries(today, 5)
    assert small == queries(today, 100) == queries(PAST, 100) == queries(PAST, 3)
    assert small <= 4  # calendar, counts, both arms of the rows (with the responsible people)


def test_idle_items_without_deadline(agency, make_item, today):
    quiet = make_item(
        agency.code, status="in_progress", last_activity_on=today - timedelta(days=91)
    )
    make_item(agency.code, status="in_progress", last_activity_on=today - timedelta(days=90))
    make_item(agency.code, status="completed", completed_on=date(2026, 1, 5),
              last_activity_on=today - timedelta(days=200))  # fmt: skip
    never = make_item(agency.code, status="assigned", assigned_on=today - timedelta(days=120))
    db.session.commit()
    page = overdue.idle_page(OverdueFilters(agency=agency.code), today, 1, 50)
    assert {row.id for row in page.rows} == {quiet.id, never.id}
    assert page.total == 2
