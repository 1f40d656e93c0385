"""Extension requests: the late flag, what a proposed date must respect, the deadline in force."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.extensions import (
    DEFAULT_LEAD_WORKING_DAYS,
    ExtensionRefused,
    RefusalCode,
    is_late_request,
    validate_proposed_deadline,
)
from tracker.domain.workdays import WorkCalendar

from ..oracles.history import deadline_in_force

CAL = WorkCalendar()


@pytest.mark.parametrize(
    ("requested_on", "deadline", "lead", "late"),
    [
        # Deadline Tuesday 17/6/2025; 3 working days before is Thursday 12/6 (Mon, Fri, Thu).
        pytest.param(date(2025, 6, 11), date(2025, 6, 17), 3, False, id="wednesday-in-time"),
        pytest.param(date(2025, 6, 12), date(2025, 6, 17), 3, False, id="last-day-in-time"),
        pytest.param(date(2025, 6, 13), date(2025, 6, 17), 3, True, id="friday-late"),
        pytest.param(date(2025, 6, 14), date(2025, 6, 17), 3, True, id="weekend-late"),
        pytest.param(date(2025, 6, 18), date(2025, 6, 17), 3, True, id="after-the-deadline"),
        # 30/4, 1/5 and 2/5/2025 are off and Saturday 26/4 was a make-up working day.
        pytest.param(date(2025, 4, 26), date(2025, 5, 5), 3, False, id="holidays-in-time"),
        pytest.param(date(2025, 4, 28), date(2025, 5, 5), 3, True, id="holidays-late"),
        pytest.param(date(2025, 6, 17), date(2025, 6, 17), 0, False, id="no-lead-on-deadline"),
        pytest.param(date(2025, 6, 18), date(2025, 6, 17), 0, True, id="no-lead-day-after"),
    ],
)
def test_is_late_request(requested_on: date, deadline: date, lead: int, late: bool) -> None:
    assert is_late_request(requested_on, deadline, CAL, lead) is late


def test_default_lead_time_is_three_working_days() -> None:
    assert DEFAULT_LEAD_WORKING_DAYS == 3
    assert not is_late_request(date(2025, 6, 12), date(2025, 6, 17), CAL)
    assert is_late_request(date(2025, 6, 13), date(2025, 6, 17), CAL)


def test_negative_lead_time_is_refused() -> None:
    with pytest.raises(ValueError, match="lead_working_days"):
        is_late_request(date(2025, 6, 12), date(2025, 6, 17), CAL, -1)


TODAY = date(2025, 6, 10)


@pytest.mark.parametrize(
    ("current", "proposed"),
    [
        pytest.param(date(2025, 6, 17), date(2025, 6, 18), id="a-day-later"),
        pytest.param(date(2025, 6, 1), TODAY, id="overdue-item-extended-to-today"),
        pytest.param(None, TODAY + timedelta(days=30), id="first-deadline"),
    ],
)
def test_valid_proposed_deadline(current: date | None, proposed: date) -> None:
    validate_proposed_deadline(current, proposed, TODAY)


@pytest.mark.parametrize(
    ("current", "proposed", "code"),
    [
        pytest.param(date(2025, 6, 17), date(2025, 6, 17), "not_after_current", id="same-day"),
        pytest.param(date(2025, 6, 17), date(2025, 6, 16), "not_after_current", id="earlier"),
        pytest.param(date(2025, 6, 1), date(2025, 6, 9), "in_past", id="after-but-past"),
        pytest.param(None, date(2025, 6, 9), "in_past", id="no-deadline-past"),
    ],
)
def test_refused_proposed_deadline(current: date | None, proposed: date, code: str) -> None:
    with pytest.raises(ExtensionRefused) as refused:
        validate_proposed_deadline(current, proposed, TODAY)
    assert refused.value.code == code
    assert isinstance(refused.value, ValueError)
    assert isinstance(refused.value.code, RefusalCode)


ORIGINAL = date(2025, 6, 30)
FIRST = (date(2025, 6, 20), date(2025, 7, 31))  # (decided_on, new_deadline)
SECOND = (date(2025, 7, 25), date(2025, 8, 31))


@pytest.mark.parametrize(
    ("original", "approved", "as_of", "expected"),
    [
        pytest.param(ORIGINAL, [], date(2025, 7, 1), ORIGINAL, id="no-approval"),
        pytest.param(ORIGINAL, [FIRST], date(2025, 6, 19), ORIGINAL, id="approved-after-as-of"),
        pytest.param(ORIGINAL, [FIRST], date(2025, 6, 20), FIRST[1], id="approved-on-as-of"),
        pytest.param(ORIGINAL, [FIRST], date(2025, 7, 1), FIRST[1], id="approved-before"),
        pytest.param(ORIGINAL, [FIRST, SECOND], date(2025, 7, 1), FIRST[1], id="second-later"),
        pytest.param(ORIGINAL, [FIRST, SECOND], date(2025, 8, 1), SECOND[1], id="latest-wins"),
        pytest.param(ORIGINAL, [SECOND, FIRST], date(2025, 8, 1), SECOND[1], id="any-order"),
        pytest.param(None, [FIRST], date(2025, 7, 1), FIRST[1], id="no-original-deadline"),
        pytest.param(
            ORIGINAL,
            [(date(2025, 6, 20), date(2025, 7, 15)), FIRST],
            date(2025, 6, 20),
            FIRST[1],
            id="same-day-last-recorded-wins",
        ),
    ],
)
def test_deadline_in_force(
    original: date | None,
    approved: list[tuple[date, date]],
    as_of: date,
    expected: date | None,
) -> None:
    assert deadline_in_force(original, approved, as_of) == expected


dates = st.dates(date(2020, 1, 1), date(2030, 12, 31))


@given(original=st.none() | dates, approved=st.lists(st.tuples(dates, dates)), as_of=dates)
def test_deadline_in_force_comes_from_the_past(
    original: date | None, approved: list[tuple[date, date]], as_of: date
) -> None:
    in_force = deadline_in_force(original, approved, as_of)
    decided = [new for decided_on, new in approved if decided_on <= as_of]
    assert in_force in decided if decided else in_force == original
