"""Reporting periods and their cut-off dates (end of period, or the 14th per Nghị định 09/2019)."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.periods import (
    PeriodKind,
    PeriodRef,
    cutoff_date,
    last_finished,
    period_containing,
    window,
    window_containing,
)

Q, M, H, Y = PeriodKind.QUARTER, PeriodKind.MONTH, PeriodKind.HALF, PeriodKind.YEAR


@pytest.mark.parametrize(
    ("period", "cutoff_day", "expected"),
    [
        (PeriodRef(2026, M, 2), None, (date(2026, 2, 1), date(2026, 2, 28))),
        (PeriodRef(2026, M, 1), 14, (date(2025, 12, 15), date(2026, 1, 14))),
        (PeriodRef(2026, Q, 1), None, (date(2026, 1, 1), date(2026, 3, 31))),
        (PeriodRef(2026, Q, 1), 14, (date(2025, 12, 15), date(2026, 3, 14))),
        (PeriodRef(2026, Q, 3), 14, (date(2026, 6, 15), date(2026, 9, 14))),
        (PeriodRef(2026, H, 1), 14, (date(2025, 12, 15), date(2026, 6, 14))),
        (PeriodRef(2026, H, 2), None, (date(2026, 7, 1), date(2026, 12, 31))),
        (PeriodRef(2026, Y, 1), 14, (date(2025, 12, 15), date(2026, 12, 14))),
        (PeriodRef(2024, Y, 1), None, (date(2024, 1, 1), date(2024, 12, 31))),
    ],
)
def test_window(period, cutoff_day, expected) -> None:
    assert window(period, cutoff_day) == expected


@pytest.mark.parametrize(("kind", "number"), [(M, 13), (Q, 0), (Q, 5), (H, 3), (Y, 2)])
def test_no_such_period(kind, number) -> None:
    with pytest.raises(ValueError):
        PeriodRef(2026, kind, number)


@pytest.mark.parametrize("day", [0, 29, 31])
def test_cutoff_day_must_exist_in_every_month(day) -> None:
    with pytest.raises(ValueError):
        cutoff_date(PeriodRef(2026, M, 1), day)


def test_last_finished_quarter() -> None:
    assert last_finished(Q, date(2026, 11, 25)) == PeriodRef(2026, Q, 3)
    assert last_finished(Q, date(2026, 10, 1)) == PeriodRef(2026, Q, 3)
    assert last_finished(Q, date(2026, 9, 30)) == PeriodRef(2026, Q, 2)
    assert last_finished(Q, date(2026, 1, 5)) == PeriodRef(2025, Q, 4)
    assert last_finished(Q, date(2026, 9, 15), cutoff_day=14) == PeriodRef(2026, Q, 3)


kinds = st.sampled_from(list(PeriodKind))
cutoffs = st.none() | st.integers(1, 28)


@given(kind=kinds, day=st.dates(date(2000, 1, 1), date(2099, 12, 31)), cutoff_day=cutoffs)
def test_windows_tile_the_calendar(kind, day, cutoff_day) -> None:
    """Consecutive periods leave no gap and never overlap."""
    period = period_containing(kind, day)
    following = period_containing(kind, cutoff_date(period) + timedelta(days=1))
    assert following.previous() == period
    start, end = window(period, cutoff_day)
    following_start, following_end = window(following, cutoff_day)
    assert start <= end < following_start <= following_end
    assert following_start == end + timedelta(days=1)


def test_month_ends() -> None:
    from tracker.domain.periods import month_ends

    assert month_ends(date(2026, 3, 1), 3) == [
        date(2025, 12, 31),
        date(2026, 1, 31),
        date(2026, 2, 28),
    ]
    assert month_ends(date(2026, 3, 31), 1) == [date(2026, 2, 28)]


@pytest.mark.parametrize(
    ("day", "cutoff", "expected"),
    [
        (date(2026, 9, 20), None, PeriodRef(2026, PeriodKind.MONTH, 9)),
        (date(2026, 9, 14), 14, PeriodRef(2026, PeriodKind.MONTH, 9)),
        (date(2026, 9, 15), 14, PeriodRef(2026, PeriodKind.MONTH, 10)),
        (date(2026, 12, 20), 14, PeriodRef(2027, PeriodKind.MONTH, 1)),
    ],
)
def test_window_containing(day, cutoff, expected):
    assert window_containing(PeriodKind.MONTH, day, cutoff) == expected
