"""Standing as of a past date, read from an item's record: what was true on that date."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.standing import Standing
from tracker.domain.workflow import Status

from ..oracles.history import (
    ItemRecord,
    deadline_in_force,
    deadline_on,
    is_counted_on,
    is_done_on,
    standing_as_of,
)

D = date(2026, 6, 30)  # the original deadline
DAY = timedelta(days=1)
ASSIGNED = date(2026, 1, 15)


def record(**changes) -> ItemRecord:
    values = {
        "assigned_on": ASSIGNED,
        "status": Status.IN_PROGRESS,
        "deadline": D,
        "original_deadline": D,
    }
    return ItemRecord(**{**values, **changes})


EXTENDED = record(deadline=D + 60 * DAY, approvals=[(D - 10 * DAY, D + 60 * DAY)])
DONE_LATE = record(status=Status.COMPLETED, completed_on=D + 5 * DAY, confirmed_on=D + 9 * DAY)


@pytest.mark.parametrize(
    ("item", "as_of", "expected"),
    [
        pytest.param(record(), ASSIGNED - DAY, None, id="not-yet-assigned"),
        pytest.param(record(), ASSIGNED, Standing.IN_PROGRESS, id="assigned-that-day"),
        pytest.param(record(), D, Standing.IN_PROGRESS, id="on-the-deadline"),
        pytest.param(record(), D + DAY, Standing.OVERDUE, id="day-after"),
        pytest.param(EXTENDED, D + DAY, Standing.IN_PROGRESS, id="extended-before-as-of"),
        pytest.param(EXTENDED, D - 11 * DAY, Standing.IN_PROGRESS, id="before-the-extension"),
        pytest.param(
            record(deadline=D + 60 * DAY, approvals=[(D + 3 * DAY, D + 60 * DAY)]),
            D + 2 * DAY,
            Standing.OVERDUE,
            id="extension-approved-after-as-of",
        ),
        pytest.param(DONE_LATE, D + 4 * DAY, Standing.OVERDUE, id="completed-after-as-of"),
        pytest.param(DONE_LATE, D + 7 * DAY, Standing.OVERDUE, id="confirmed-after-as-of"),
        pytest.param(DONE_LATE, D + 9 * DAY, Standing.DONE_LATE, id="confirmed-by-as-of"),
        pytest.param(
            record(status=Status.COMPLETED, completed_on=D, confirmed_on=D + 3 * DAY),
            D + 3 * DAY,
            Standing.DONE_ON_TIME,
            id="late-confirmation-is-not-late-completion",
        ),
        pytest.param(
            record(deadline=None, original_deadline=None), D, Standing.NO_DEADLINE, id="none"
        ),
        pytest.param(
            record(status=Status.CANCELLED, cancelled_on=D - DAY), D, None, id="cancelled"
        ),
        pytest.param(
            record(status=Status.CANCELLED, cancelled_on=D + 3 * DAY),
            D + DAY,
            Standing.OVERDUE,
            id="cancelled-after-as-of",
        ),
        pytest.param(record(status=Status.CANCELLED), ASSIGNED, None, id="cancelled-no-date"),
        pytest.param(
            record(status=Status.RETURNED), D + DAY, Standing.OVERDUE, id="returned-not-done"
        ),
    ],
)
def test_standing_as_of(item: ItemRecord, as_of: date, expected: Standing | None) -> None:
    assert standing_as_of(item, as_of) is expected


def test_office_correction_outside_the_flow_counts_from_now_on() -> None:
    corrected = record(deadline=D + 30 * DAY)  # no extension recorded
    assert deadline_on(corrected, D + DAY) == D + 30 * DAY


def test_two_extensions_the_one_in_force_on_each_date() -> None:
    item = record(
        deadline=D + 90 * DAY,
        approvals=[(D - 20 * DAY, D + 30 * DAY), (D + 20 * DAY, D + 90 * DAY)],
    )
    assert deadline_on(item, D - 21 * DAY) == D
    assert deadline_on(item, D) == D + 30 * DAY
    assert deadline_on(item, D + 25 * DAY) == D + 90 * DAY


dates = st.dates(date(2024, 1, 1), date(2027, 12, 31))
optional = st.none() | dates


@st.composite
def records(draw) -> ItemRecord:
    """Records as the workflow writes them: the deadline in force follows the approvals."""
    original = draw(optional)
    assigned_on = draw(dates)
    # An extension is decided on an item already assigned.
    approvals = draw(
        st.lists(st.tuples(st.dates(assigned_on, date(2027, 12, 31)), dates), max_size=3)
    )
    status = draw(st.sampled_from(list(Status)))
    completed = draw(dates) if status is Status.COMPLETED else draw(optional)
    return ItemRecord(
        assigned_on=assigned_on,
        status=status,
        deadline=deadline_in_force(original, approvals, date(2099, 1, 1)),
        original_deadline=original,
        completed_on=completed,
        confirmed_on=draw(optional),
        cancelled_on=draw(optional),
        approvals=approvals,
    )


@given(item=records(), as_of=dates)
def test_deadline_on_is_the_extension_rule_for_consistent_records(item, as_of) -> None:
    expected = deadline_in_force(item.original_deadline, item.approvals, as_of)
    assert deadline_on(item, as_of) == expected


@given(item=records(), as_of=dates)
def test_done_implies_counted_unless_cancelled(item, as_of) -> None:
    if is_done_on(item, as_of) and item.assigned_on <= as_of:
        assert is_counted_on(item, as_of)


@given(item=records(), as_of=dates)
def test_today_view_equals_the_current_columns(item, as_of) -> None:
    """Once every recorded date is past, the history says what the current columns say."""
    recorded = [item.assigned_on, item.completed_on, item.confirmed_on, item.cancelled_on]
    recorded += [decided for decided, _ in item.approvals]
    later = max(day for day in recorded if day is not None)
    standing = standing_as_of(item, later)
    if item.status is Status.CANCELLED:
        assert standing is None
    elif item.status is Status.COMPLETED:
        assert standing in (Standing.DONE_ON_TIME, Standing.DONE_LATE)
    else:
        assert standing not in (None, Standing.DONE_ON_TIME, Standing.DONE_LATE)
