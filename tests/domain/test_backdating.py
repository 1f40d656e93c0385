"""From which day a change of an item's status and dates alters what was true of it."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.backdating import AsOfState, first_day_changed

TODAY = date(2026, 11, 25)
LONG_AGO = date(2026, 6, 30)
OPEN = AsOfState("in_progress", date(2026, 1, 5))


def test_the_same_state_changes_no_day():
    assert first_day_changed(OPEN, OPEN) is None


def test_a_completion_confirmed_today_changes_today_only():
    done = AsOfState("completed", OPEN.assigned_on, completed_on=LONG_AGO, confirmed_on=TODAY)
    assert first_day_changed(OPEN, done) == TODAY


def test_a_completion_dated_back_without_confirmation_changes_its_day():
    done = AsOfState("completed", OPEN.assigned_on, completed_on=LONG_AGO)
    assert first_day_changed(OPEN, done) == LONG_AGO


def test_reopening_changes_the_day_it_was_confirmed():
    done = AsOfState("completed", OPEN.assigned_on, completed_on=LONG_AGO, confirmed_on=TODAY)
    assert first_day_changed(done, OPEN) == TODAY


def test_a_cancellation_changes_its_day_and_without_a_day_every_day():
    assert (
        first_day_changed(OPEN, AsOfState("cancelled", OPEN.assigned_on, cancelled_on=TODAY))
        == TODAY
    )
    assert first_day_changed(OPEN, AsOfState("cancelled", OPEN.assigned_on)) == OPEN.assigned_on


def test_a_new_item_changes_the_day_it_was_assigned():
    assert first_day_changed(None, AsOfState("assigned", TODAY)) == TODAY
    assert first_day_changed(AsOfState("assigned", TODAY), None) == TODAY


def test_moving_between_open_statuses_changes_no_day():
    assert first_day_changed(OPEN, AsOfState("submitted", OPEN.assigned_on)) is None


days = st.dates(date(2026, 1, 1), date(2026, 1, 12))
states = st.none() | st.builds(
    AsOfState,
    status=st.sampled_from(["assigned", "in_progress", "completed", "cancelled"]),
    assigned_on=st.none() | days,
    completed_on=st.none() | days,
    confirmed_on=st.none() | days,
    cancelled_on=st.none() | days,
)


def _standing(state, day):
    return (False, False) if state is None else (state.counted(day), state.done(day))


@given(before=states, after=states)
def test_the_states_agree_on_every_day_before_the_first_changed(before, after):
    first = first_day_changed(before, after)
    every_day = [date(2025, 12, 31) + timedelta(days=n) for n in range(16)]
    for day in every_day:
        if first is None or day < first:
            assert _standing(before, day) == _standing(after, day)
    if first is not None:
        assert _standing(before, first) != _standing(after, first)
