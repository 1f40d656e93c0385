"""Dated assignment: a report as of a date counts each item under the agency that led it and
against the deadline in force on that date, whatever happened later."""

from datetime import date

import pytest
from sqlalchemy import select

from tracker.assignments import actions as assignments
from tracker.database import db
from tracker.domain.periods import PeriodKind
from tracker.domain.tally import Tally
from tracker.history import as_of_sql as history_sql
from tracker.models import Agency, AssignmentPeriod, User, WorkItem
from tracker.overdue import queries as overdue
from tracker.overdue.sql import OverdueFilters, Sort
from tracker.periods import actions as periods
from tracker.refusals import Invalid
from tracker.reports import statistics, statistics_sql
from tracker.reports.statistics import Dimension, Scope

OFFICE = "office@tracker.demo"
# After the demo's last closed period (June 2026), before the tests' today (25/11/2026).
MARCH_31, APRIL_1, JUNE_1 = date(2026, 7, 31), date(2026, 8, 1), date(2026, 10, 1)


@pytest.fixture
def office(app):
    return db.session.scalar(select(User).where(User.email == OFFICE))


@pytest.fixture
def agencies(app):
    """Three agencies without items, so their rows hold exactly what a test builds."""
    made = [Agency(code=f"moi-{n}", name=f"Cơ quan mới {n}", kind="department") for n in "abc"]
    db.session.add_all(made)
    db.session.flush()
    return made


def _reassign(office, item, agency, effective, deadline=None, note="Chuyển theo QĐ 12"):
    item = db.session.get(WorkItem, item.id)
    change = assignments.Assignment(
        lead_agency_id=agency.id,
        deadline=item.deadline if deadline is None else deadline,
        note=note,
        effective=effective,
    )
    assignments.update_assignment(office, item.id, item.version, change)
    return db.session.get(WorkItem, item.id)


def _row(code: str, as_of: date) -> Tally:
    row = statistics.table(Dimension.AGENCY, as_of).row(code)
    return row.tally if row else Tally()


def test_reassignment_counts_under_the_old_agency_before_and_the_new_one_from_its_date(
    office, agencies, make_item
):
    a, b, _ = agencies
    item = make_item(a.code, deadline=date(2026, 8, 31), status="in_progress")
    db.session.commit()
    _reassign(office, item, b, APRIL_1)
    assert _row(a.code, MARCH_31) == Tally(in_progress=1)
    assert _row(b.code, MARCH_31) == Tally()
    assert _row(a.code, APRIL_1) == Tally()
    assert _row(b.code, APRIL_1) == Tally(in_progress=1)
    # The cells list the same items as the counts, under the same agency.
    cell = statistics.cell_items(Dimension.AGENCY, a.id, None, MARCH_31, Scope(), 1, 50)
    assert [row.code for row in cell.rows] == [item.code]
    assert cell.rows[0].lead_agency_id == a.id
    # An agency's own table as of a date is what it led then.
    own_then = statistics.table(Dimension.SECTOR, MARCH_31, Scope(agency_id=a.id))
    assert own_then.total.total == 1
    assert statistics.table(Dimension.SECTOR, APRIL_1, Scope(agency_id=a.id)).total.total == 0


def test_two_reassignments_each_hold_from_their_day(office, agencies, make_item):
    a, b, c = agencies
    item = make_item(a.code, deadline=date(2026, 12, 31), status="in_progress")
    db.session.commit()
    _reassign(office, item, b, APRIL_1)
    _reassign(office, item, c, JUNE_1)
    expected = {MARCH_31: a, date(2026, 8, 15): b, JUNE_1: c, date(2026, 11, 25): c}
    for as_of, holder in expected.items():
        for agency in agencies:
            wanted = Tally(in_progress=1) if agency is holder else Tally()
            assert _row(agency.code, as_of) == wanted, (as_of, agency.code)
    periods_kept = db.session.scalars(
        select(AssignmentPeriod).where(AssignmentPeriod.item_id == item.id)
        .order_by(AssignmentPeriod.valid_from)
    ).all()  # fmt: skip
    assert [(p.lead_agency_id, p.valid_from, p.valid_until, p.kind) for p in periods_kept] == [
        (a.id, date(2025, 1, 2), APRIL_1, "assignment"),
        (b.id, APRIL_1, JUNE_1, "reassignment"),
        (c.id, JUNE_1, None, "reassignment"),
    ]
    assert periods_kept[1].reason == "Chuyển theo QĐ 12"
    assert periods_kept[1].changed_by_id == office.id


def test_extension_then_reassignment_with_a_new_deadline(
    office, agencies, make_item, approve_extension
):
    a, b, _ = agencies
    item = make_item(a.code, deadline=date(2026, 7, 10), status="in_progress")
    approve_extension(item, date(2026, 7, 5), date(2026, 7, 25))
    item.deadline = date(2026, 7, 25)
    db.session.commit()
    _reassign(office, item, b, APRIL_1, deadline=date(2026, 9, 30), note="Giao lại, hạn mới")

    def deadline_on(as_of):
        return db.session.scalar(
            select(history_sql.deadline_on(as_of)).where(WorkItem.id == item.id)
        )

    assert deadline_on(date(2026, 7, 4)) == date(2026, 7, 10)
    assert deadline_on(date(2026, 7, 5)) == date(2026, 7, 25)
    assert deadline_on(APRIL_1) == date(2026, 9, 30)
    assert _row(a.code, date(2026, 7, 20)) == Tally(in_progress=1)
    assert _row(a.code, MARCH_31) == Tally(overdue=1)  # past the extended deadline, still A's
    assert _row(b.code, APRIL_1) == Tally(in_progress=1)
    item = db.session.get(WorkItem, item.id)
    assert (item.original_deadline, item.deadline) == (date(2026, 7, 10), date(2026, 9, 30))
    # The overdue list as of 31 March names the agency that led the item then.
    rows = overdue.overdue_rows(OverdueFilters(agency=a.code), MARCH_31, Sort.AGENCY, 10)
    assert [(row.code, row.agency_id) for row in rows] == [(item.code, a.id)]
    assert overdue.overdue_rows(OverdueFilters(agency=b.code), MARCH_31, Sort.AGENCY, 10) == []


def test_a_frozen_period_equals_the_live_table_after_a_later_reassignment(
    office, agencies, make_item, today
):
    a, b, _ = agencies
    make_item(a.code, deadline=date(2026, 9, 30), status="in_progress")
    moved = make_item(a.code, deadline=date(2026, 12, 31), status="in_progress")
    db.session.commit()
    period = periods.create_period(PeriodKind.MONTH, 2026, 10, None)
    periods.close_period(period, office, today)
    _reassign(office, moved, b, date(2026, 11, 1))
    for dimension in Dimension:
        frozen = periods.period_table(period, dimension)
        live = statistics.table(dimension, period.cutoff_on)
        assert [(r.code, r.tally) for r in frozen.rows] == [(r.code, r.tally) for r in live.rows]
    assert _row(a.code, period.cutoff_on) == Tally(in_progress=1, overdue=1)
    assert _row(b.code, today) == Tally(in_progress=1)


def test_a_change_may_not_rewrite_a_closed_period_nor_the_future(
    office, agencies, make_item, today
):
    a, b, _ = agencies
    item = make_item(a.code, deadline=date(2026, 12, 31), status="in_progress")
    db.session.commit()
    periods.close_period(periods.create_period(PeriodKind.MONTH, 2026, 10, None), office, today)
    for effective in (date(2026, 10, 31), date(2026, 11, 26), date(2024, 12, 31)):
        with pytest.raises(Invalid) as refused:
            _reassign(office, item, b, effective)
        assert "effective" in refused.value.errors
        db.session.rollback()
    assert db.session.get(WorkItem, item.id).lead_agency_id == a.id
    assert db.session.scalar(
        select(AssignmentPeriod.id).where(
            AssignmentPeriod.item_id == item.id, AssignmentPeriod.kind == "reassignment"
        )
    ) is None  # fmt: skip


def test_only_a_change_of_the_assignment_opens_a_period(office, agencies, make_item):
    a, _, _ = agencies
    item = make_item(a.code, deadline=date(2026, 12, 31), status="in_progress")
    db.session.commit()
    change = assignments.Assignment(
        lead_agency_id=a.id, deadline=item.deadline, flags={"is_key": True}
    )
    assignments.update_assignment(office, item.id, item.version, change)
    count = db.session.scalars(
        select(AssignmentPeriod.id).where(AssignmentPeriod.item_id == item.id)
    ).all()
    assert len(count) == 1
    assert db.session.get(WorkItem, item.id).is_key is True


@pytest.mark.parametrize("as_of", [MARCH_31, APRIL_1, JUNE_1, date(2026, 11, 25)])
@pytest.mark.parametrize("dimension", list(Dimension))
def test_categories_add_up_on_both_sides_of_each_change(
    office, agencies, make_item, approve_extension, as_of, dimension
):
    a, b, c = agencies
    first = make_item(a.code, deadline=date(2026, 7, 15), status="in_progress")
    second = make_item(b.code, deadline=date(2026, 9, 1), status="in_progress")
    make_item(b.code, deadline=date(2026, 9, 1), status="completed",
              completed_on=date(2026, 8, 20), confirmed_on=date(2026, 8, 21))  # fmt: skip
    make_item(c.code, status="in_progress")
    db.session.commit()
    _reassign(office, first, b, APRIL_1, deadline=date(2026, 8, 31))
    _reassign(office, second, c, JUNE_1)
    table = statistics.table(dimension, as_of)
    for row in table.rows:
        tally = row.tally
        assert min(tally.as_dict().values()) >= 0
        parts = tally.done_on_time + tally.done_late + tally.in_progress + tally.overdue
        assert parts + tally.no_deadline == tally.total
    counted = db.session.scalars(
        select(WorkItem.id).where(history_sql.counted_on(as_of), statistics_sql.leaves())
    ).all()
    assert table.total.total == len(counted)


def test_reports_offer_the_original_and_the_adjusted_deadline(
    agencies, make_item, approve_extension, login, today
):
    a, _, _ = agencies
    item = make_item(a.code, deadline=date(2026, 9, 30), status="in_progress")
    approve_extension(item, date(2026, 9, 20), date(2026, 12, 31))
    item.deadline = date(2026, 12, 31)
    db.session.commit()
    adjusted = statistics.table(Dimension.AGENCY, today).row(a.code).tally
    original = statistics.table(
        Dimension.AGENCY, today, Scope(basis=statistics.Basis.ORIGINAL)
    ).row(a.code)
    assert adjusted == Tally(in_progress=1)
    assert original.tally == Tally(overdue=1)
    office = login(OFFICE)
    page = office.get("/reports/agencies?deadline=original").get_data(as_text=True)
    assert "theo hạn ban đầu" in page and "deadline=original" in page
    assert "theo hạn đã điều chỉnh" in office.get("/reports/agencies").get_data(as_text=True)
    body = office.get("/api/v1/reports/agencies?deadline=original").json
    row = next(r for r in body["rows"] if r["agency"]["code"] == a.code)
    assert (body["deadline"], row["overdue"], row["in_progress"]) == ("original", 1, 0)
    cell = office.get(f"/reports/agencies/{a.code}?standing=overdue&deadline=original")
    assert item.code in cell.get_data(as_text=True)
    assert office.get("/api/v1/reports/agencies?deadline=later").status_code == 400


def test_items_extended_more_than_once_with_count_and_days(
    agencies, make_item, approve_extension, login
):
    a, _, _ = agencies
    twice = make_item(a.code, deadline=date(2026, 9, 30), status="in_progress")
    approve_extension(twice, date(2026, 9, 20), date(2026, 10, 31))  # +31 days
    approve_extension(twice, date(2026, 10, 25), date(2026, 11, 30))  # +30 days
    once = make_item(a.code, deadline=date(2026, 9, 30), status="in_progress")
    approve_extension(once, date(2026, 9, 20), date(2026, 10, 31))
    db.session.commit()
    office = login(OFFICE)
    page = office.get("/reports/extended").get_data(as_text=True)
    table = page[page.index('id="extended-items"') :]
    assert twice.code in table and once.code not in table
    row = table[table.index(twice.code) :]
    assert '<td class="num">2</td>' in row and '<td class="num">61</td>' in row
    export = office.get("/reports/extended?format=csv").get_data(as_text=True)
    assert twice.code in export and "61" in export
    # An agency user sees only what it may see.
    head = login("head.syt@tracker.demo").get("/reports/extended").get_data(as_text=True)
    assert twice.code not in head
