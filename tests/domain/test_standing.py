"""Standing on a date: the five columns of the statistics table, and overdue ages."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.standing import (
    IDLE_THRESHOLD_DAYS,
    AgeBucket,
    Standing,
    StandingFacts,
    days_overdue,
    standing_on,
)

from ..oracles.standing import age_bucket, is_idle

D = date(2025, 6, 30)  # a deadline
DAY = timedelta(days=1)


@pytest.mark.parametrize(
    ("deadline", "completed_on", "today", "expected"),
    [
        pytest.param(None, None, D, Standing.NO_DEADLINE, id="no-deadline-open"),
        pytest.param(None, D, D, Standing.DONE_ON_TIME, id="no-deadline-completed"),
        pytest.param(D, D - DAY, D + 9 * DAY, Standing.DONE_ON_TIME, id="completed-early"),
        pytest.param(D, D, D + 9 * DAY, Standing.DONE_ON_TIME, id="completed-on-the-deadline"),
        pytest.param(D, D + DAY, D + 9 * DAY, Standing.DONE_LATE, id="completed-a-day-late"),
        pytest.param(D, None, D - DAY, Standing.IN_PROGRESS, id="before-the-deadline"),
        pytest.param(D, None, D, Standing.IN_PROGRESS, id="on-the-deadline"),
        pytest.param(D, None, D + DAY, Standing.OVERDUE, id="day-after-the-deadline"),
        pytest.param(D, D + 5 * DAY, D + 2 * DAY, Standing.OVERDUE, id="completion-after-as-of"),
        pytest.param(D, D + 5 * DAY, D - DAY, Standing.IN_PROGRESS, id="as-of-before-both"),
        pytest.param(D, D - DAY, D - DAY, Standing.DONE_ON_TIME, id="completed-on-as-of"),
        pytest.param(None, D + DAY, D, Standing.NO_DEADLINE, id="no-deadline-completed-later"),
    ],
)
def test_standing_on(
    deadline: date | None, completed_on: date | None, today: date, expected: Standing
) -> None:
    assert standing_on(StandingFacts(deadline, completed_on), today) is expected


@pytest.mark.parametrize(
    "facts",
    [
        pytest.param(StandingFacts(D, None, cancelled=True), id="open"),
        pytest.param(StandingFacts(D, D, cancelled=True), id="completed"),
        pytest.param(StandingFacts(None, None, cancelled=True), id="no-deadline"),
    ],
)
def test_cancelled_items_leave_the_statistics(facts: StandingFacts) -> None:
    assert standing_on(facts, D + 100 * DAY) is None


@pytest.mark.parametrize(
    ("deadline", "today", "expected"),
    [
        pytest.param(None, D, 0, id="no-deadline"),
        pytest.param(D, D - DAY, 0, id="before"),
        pytest.param(D, D, 0, id="on-the-deadline"),
        pytest.param(D, D + DAY, 1, id="day-after"),
        pytest.param(D, D + 45 * DAY, 45, id="calendar-days-not-working-days"),
    ],
)
def test_days_overdue(deadline: date | None, today: date, expected: int) -> None:
    assert days_overdue(deadline, today) == expected


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (-3, None),
        (0, None),
        (1, AgeBucket.D1_30),
        (30, AgeBucket.D1_30),
        (31, AgeBucket.D31_90),
        (90, AgeBucket.D31_90),
        (91, AgeBucket.OVER_90),
        (4000, AgeBucket.OVER_90),
    ],
)
def test_age_bucket(days: int, expected: AgeBucket | None) -> None:
    assert age_bucket(days) is expected


@pytest.mark.parametrize(
    ("idle_days", "expected"),
    [(0, False), (IDLE_THRESHOLD_DAYS, False), (IDLE_THRESHOLD_DAYS + 1, True)],
)
def test_is_idle(idle_days: int, expected: bool) -> None:
    assert is_idle(D, D + idle_days * DAY) is expected


optional_dates = st.none() | st.dates(date(2020, 1, 1), date(2030, 12, 31))
facts = st.builds(StandingFacts, deadline=optional_dates, completed_on=optional_dates)
as_of = st.dates(date(2020, 1, 1), date(2030, 12, 31))


def _definitions(f: StandingFacts, today: date) -> dict[Standing, bool]:
    """The practice's wording for each column, written independently of standing_on."""
    done = f.completed_on is not None and f.completed_on <= today
    ended = f.deadline is not None and today > f.deadline
    return {
        Standing.DONE_ON_TIME: done and (f.deadline is None or f.completed_on <= f.deadline),
        Standing.DONE_LATE: done and f.deadline is not None and f.completed_on > f.deadline,
        Standing.IN_PROGRESS: not done and f.deadline is not None and not ended,
        Standing.OVERDUE: not done and ended,
        Standing.NO_DEADLINE: not done and f.deadline is None,
    }


@given(f=facts, today=as_of)
def test_exactly_one_category(f: StandingFacts, today: date) -> None:
    matching = [column for column, holds in _definitions(f, today).items() if holds]
    assert matching == [standing_on(f, today)]


@given(f=facts, today=as_of)
def test_never_overdue_once_completed(f: StandingFacts, today: date) -> None:
    if f.completed_on is not None and f.completed_on <= today:
        assert standing_on(f, today) is not Standing.OVERDUE


@given(f=facts, today=as_of)
def test_overdue_exactly_when_an_open_item_has_an_age(f: StandingFacts, today: date) -> None:
    open_item = f.completed_on is None or f.completed_on > today
    has_age = age_bucket(days_overdue(f.deadline, today)) is not None
    assert (standing_on(f, today) is Standing.OVERDUE) == (open_item and has_age)
