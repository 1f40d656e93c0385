"""Working days: weekends, Vietnamese public holidays (lunar Tết), the office's swaps."""

from datetime import date, timedelta

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tracker.domain.workdays import WorkCalendar, vietnam_holidays

CAL = WorkCalendar()

# Years python-holidays covers with lunar dates; the calendar is asked about nothing wider.
days = st.dates(min_value=date(2015, 1, 1), max_value=date(2040, 12, 31))
# No timing assertions: the first question about a year builds that year's holidays.
relaxed = settings(deadline=None)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        pytest.param(date(2025, 6, 11), True, id="ordinary-wednesday"),
        pytest.param(date(2025, 6, 14), False, id="saturday"),
        pytest.param(date(2025, 6, 15), False, id="sunday"),
        pytest.param(date(2027, 2, 3), True, id="day-before-tet-2027"),
        *(pytest.param(date(2027, 2, d), False, id=f"tet-2027-feb-{d}") for d in range(4, 11)),
        pytest.param(date(2027, 2, 11), True, id="day-after-tet-2027"),
        pytest.param(date(2025, 4, 7), False, id="hung-kings-2025"),
        pytest.param(date(2025, 4, 30), False, id="30-4"),
        pytest.param(date(2025, 5, 1), False, id="1-5"),
        pytest.param(date(2025, 5, 2), False, id="bridge-day-given-off-2025"),
        pytest.param(date(2025, 9, 2), False, id="2-9"),
        pytest.param(date(2025, 4, 26), True, id="make-up-saturday-known-to-python-holidays"),
    ],
)
def test_default_calendar(day: date, working: bool) -> None:
    assert CAL.is_working_day(day) is working
    assert CAL.is_day_off(day) is not working


@pytest.mark.parametrize(
    ("calendar", "day", "working"),
    [
        pytest.param(
            WorkCalendar(extra_working_days=frozenset({date(2027, 2, 20)})),
            date(2027, 2, 20),
            True,
            id="swapped-working-saturday",
        ),
        pytest.param(
            WorkCalendar(extra_working_days=frozenset({date(2027, 2, 20)})),
            date(2027, 2, 27),
            False,
            id="other-saturdays-stay-off",
        ),
        pytest.param(
            WorkCalendar(extra_days_off=frozenset({date(2027, 4, 29)})),
            date(2027, 4, 29),
            False,
            id="extra-day-off",
        ),
        pytest.param(
            WorkCalendar(extra_working_days=frozenset({date(2027, 2, 10)})),
            date(2027, 2, 10),
            True,
            id="office-entry-beats-holiday",
        ),
    ],
)
def test_office_adjustments(calendar: WorkCalendar, day: date, working: bool) -> None:
    assert calendar.is_working_day(day) is working


def test_a_day_listed_both_ways_is_refused() -> None:
    both = frozenset({date(2027, 4, 29)})
    with pytest.raises(ValueError, match="2027-04-29"):
        WorkCalendar(extra_days_off=both, extra_working_days=both)


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        pytest.param(date(2025, 6, 13), 1, date(2025, 6, 16), id="friday-plus-1-is-monday"),
        pytest.param(date(2025, 6, 16), -1, date(2025, 6, 13), id="monday-minus-1-is-friday"),
        pytest.param(date(2025, 6, 11), 5, date(2025, 6, 18), id="a-week"),
        pytest.param(date(2025, 6, 14), 0, date(2025, 6, 14), id="zero-keeps-a-day-off"),
        pytest.param(date(2027, 2, 3), 1, date(2027, 2, 11), id="across-tet-forward"),
        pytest.param(date(2027, 2, 11), -1, date(2027, 2, 3), id="across-tet-backward"),
        pytest.param(date(2027, 2, 6), 1, date(2027, 2, 11), id="from-inside-tet"),
        pytest.param(date(2027, 2, 6), -1, date(2027, 2, 3), id="back-from-inside-tet"),
        pytest.param(date(2025, 4, 29), 1, date(2025, 5, 5), id="across-30-4-and-1-5"),
        pytest.param(date(2025, 4, 25), 1, date(2025, 4, 26), id="onto-make-up-saturday"),
    ],
)
def test_add_working_days(start: date, n: int, expected: date) -> None:
    assert CAL.add_working_days(start, n) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        pytest.param(date(2025, 6, 13), date(2025, 6, 13), 0, id="same-day"),
        pytest.param(date(2025, 6, 13), date(2025, 6, 16), 1, id="over-a-weekend"),
        pytest.param(date(2025, 6, 16), date(2025, 6, 13), -1, id="backwards"),
        pytest.param(date(2025, 6, 16), date(2025, 6, 23), 5, id="monday-to-monday"),
        pytest.param(date(2025, 6, 14), date(2025, 6, 15), 0, id="weekend-only"),
        pytest.param(date(2027, 2, 3), date(2027, 2, 11), 1, id="across-tet"),
    ],
)
def test_working_days_between(start: date, end: date, expected: int) -> None:
    assert CAL.working_days_between(start, end) == expected


@pytest.mark.parametrize(
    ("day", "before", "after"),
    [
        pytest.param(date(2025, 6, 15), date(2025, 6, 13), date(2025, 6, 16), id="sunday"),
        pytest.param(date(2025, 6, 11), date(2025, 6, 11), date(2025, 6, 11), id="working-day"),
        pytest.param(date(2025, 5, 1), date(2025, 4, 29), date(2025, 5, 5), id="1-5-2025"),
        pytest.param(date(2027, 2, 8), date(2027, 2, 3), date(2027, 2, 11), id="tet-2027"),
    ],
)
def test_nearest_working_day(day: date, before: date, after: date) -> None:
    assert CAL.on_or_before(day) == before
    assert CAL.on_or_after(day) == after


def test_vietnam_holidays_lists_tet_and_returns_a_copy() -> None:
    table = vietnam_holidays(2027)
    assert {date(2027, 2, d) for d in range(4, 11)} <= table.keys()
    assert all(name for name in table.values())
    table.clear()  # a caller's mutation must not reach the shared cache
    assert date(2027, 2, 4) in vietnam_holidays(2027)
    assert CAL.is_day_off(date(2027, 2, 4))


@relaxed
@given(day=days, n=st.integers(-150, 150).filter(bool))
def test_adding_working_days_lands_on_a_working_day(day: date, n: int) -> None:
    assert CAL.is_working_day(CAL.add_working_days(day, n))


@relaxed
@given(day=days, n=st.integers(-150, 150))
def test_working_days_between_inverts_adding(day: date, n: int) -> None:
    assume(CAL.is_working_day(day))
    assert CAL.working_days_between(day, CAL.add_working_days(day, n)) == n


@relaxed
@given(start=days, span=st.integers(-400, 400))
def test_working_days_between_is_antisymmetric(start: date, span: int) -> None:
    end = start + timedelta(days=span)
    assert CAL.working_days_between(start, end) == -CAL.working_days_between(end, start)


@relaxed
@given(day=days)
def test_nearest_working_days_skip_only_days_off(day: date) -> None:
    before, after = CAL.on_or_before(day), CAL.on_or_after(day)
    if CAL.is_working_day(day):
        assert before == day == after
    else:
        assert CAL.is_working_day(before) and CAL.is_working_day(after)
        between = (before + timedelta(days=i) for i in range(1, (after - before).days))
        assert all(CAL.is_day_off(d) for d in between)
