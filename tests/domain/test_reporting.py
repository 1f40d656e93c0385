"""The reporting deadline of a progress update and whether it came late: a table, no app."""

from datetime import date

import pytest

from tracker.domain.reporting import cycle_start, lateness, reporting_deadline


@pytest.mark.parametrize(
    ("day", "every", "start", "due"),
    [
        (date(2026, 9, 5), None, date(2026, 9, 1), date(2026, 9, 20)),  # monthly by default
        (date(2026, 9, 30), 1, date(2026, 9, 1), date(2026, 9, 20)),
        (date(2026, 2, 27), None, date(2026, 2, 1), date(2026, 2, 20)),
        (date(2026, 3, 1), 6, date(2026, 1, 1), date(2026, 6, 20)),  # a half-year item
        (date(2026, 8, 1), 6, date(2026, 7, 1), date(2026, 12, 20)),
        (date(2026, 5, 10), 3, date(2026, 4, 1), date(2026, 6, 20)),  # quarterly
        (date(2026, 5, 10), 5, date(2026, 5, 1), date(2026, 5, 20)),  # not tiling: monthly
    ],
)
def test_cycle_and_deadline(day, every, start, due):
    assert cycle_start(day, every) == start
    assert reporting_deadline(day, every, 20) == due


def test_a_reporting_day_past_the_month_end_is_its_last_day():
    assert reporting_deadline(date(2026, 2, 3), None, 31) == date(2026, 2, 28)


@pytest.mark.parametrize(
    ("made_on", "earlier", "late"),
    [
        (date(2026, 9, 20), False, False),  # on the reporting day itself: on time
        (date(2026, 9, 21), False, True),  # the day after, first of the cycle: late
        (date(2026, 9, 21), True, False),  # the cycle's report was already made
        (date(2026, 9, 1), False, False),
    ],
)
def test_lateness(made_on, earlier, late):
    found = lateness(made_on, None, 20, earlier)
    assert found.due_on == date(2026, 9, 20) and found.late is late
