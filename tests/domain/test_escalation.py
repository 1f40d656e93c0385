"""Escalation levels: 1 from the first overdue day, 2 from 7 working days, 3 from 30 days."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.escalation import escalation_level, level_thresholds
from tracker.domain.reminders import ReminderPolicy
from tracker.domain.workdays import WorkCalendar

CAL = WorkCalendar()
DAY = timedelta(days=1)
# Monday 8 June 2026: a plain week, no holiday near.
MONDAY = date(2026, 6, 8)


@pytest.mark.parametrize(
    ("deadline", "today", "level"),
    [
        pytest.param(None, MONDAY, 0, id="no-deadline"),
        pytest.param(MONDAY, MONDAY, 0, id="on-the-deadline"),
        pytest.param(MONDAY + DAY, MONDAY, 0, id="before"),
        pytest.param(MONDAY, MONDAY + DAY, 1, id="first-overdue-day"),
        # Deadline Monday 8/6: Tue..Fri (4) + Mon..Tue (2) = 6 working days on Tue 16/6.
        pytest.param(MONDAY, MONDAY + 8 * DAY, 1, id="six-working-days"),
        pytest.param(MONDAY, MONDAY + 9 * DAY, 2, id="seven-working-days"),
        pytest.param(MONDAY, MONDAY + 29 * DAY, 2, id="29-days"),
        pytest.param(MONDAY, MONDAY + 30 * DAY, 3, id="30-days"),
        # Deadline Wed 29/4/2026: 30/4, 1/5 off, then the weekend: only Mon 4/5 counts.
        pytest.param(date(2026, 4, 29), date(2026, 5, 4), 1, id="holidays-do-not-count"),
    ],
)
def test_escalation_level(deadline, today, level) -> None:
    assert escalation_level(deadline, today, CAL) == level


def test_policy_is_configurable() -> None:
    policy = ReminderPolicy(office_after=2, leader_after_days=10)
    assert escalation_level(MONDAY, MONDAY + 2 * DAY, CAL, policy) == 2
    assert escalation_level(MONDAY, MONDAY + 10 * DAY, CAL, policy) == 3


def test_policy_refuses_zero() -> None:
    with pytest.raises(ValueError):
        ReminderPolicy(office_after=0)


days = st.dates(date(2025, 1, 1), date(2027, 12, 31))


@given(deadline=days, today=days, level=st.sampled_from([1, 2, 3]))
def test_thresholds_select_exactly_the_level(deadline, today, level) -> None:
    """The date ranges the overdue list filters with agree with the rule, on every date."""
    threshold = level_thresholds(today, CAL)[level]
    assert (escalation_level(deadline, today, CAL) >= level) == (deadline <= threshold)


@given(
    deadline=days,
    today=days,
    level=st.sampled_from([1, 2, 3]),
    l2=st.integers(1, 15),
    l3=st.integers(1, 45),
)
def test_thresholds_follow_any_policy(deadline, today, level, l2, l3) -> None:
    policy = ReminderPolicy(office_after=l2, leader_after_days=l3)
    threshold = level_thresholds(today, CAL, policy)[level]
    assert (escalation_level(deadline, today, CAL, policy) >= level) == (deadline <= threshold)
