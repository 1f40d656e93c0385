"""A statistics row: the five standings add up to the total; the two named rates."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.tally import Tally

counts = st.integers(0, 10_000)
tallies = st.builds(Tally, counts, counts, counts, counts, counts)


def test_rates_on_a_known_row() -> None:
    row = Tally(done_on_time=6, done_late=2, in_progress=5, overdue=4, no_deadline=3)
    assert row.total == 20
    assert row.rate_all == Decimal("40.0")  # 8 completed / 20 tasks
    assert row.rate_due == Decimal("66.7")  # 8 completed / (8 completed + 4 overdue)


def test_no_rate_without_tasks() -> None:
    assert Tally().rate_all is None
    assert Tally(in_progress=3).rate_due is None
    assert Tally(in_progress=3).rate_all == Decimal("0.0")


def test_of_ignores_uncounted_keys() -> None:
    assert Tally.of({"overdue": 2, None: 7, "done_late": 1}) == Tally(done_late=1, overdue=2)


@given(a=tallies, b=tallies)
def test_rows_add_up(a: Tally, b: Tally) -> None:
    assert (a + b).total == a.total + b.total
    assert (a + b).done == a.done + b.done


@given(row=tallies)
def test_rates_are_percentages_and_due_rate_is_never_below(row: Tally) -> None:
    if row.total:
        assert Decimal(0) <= row.rate_all <= Decimal(100)
        assert row.rate_due is None or row.rate_due >= row.rate_all - Decimal("0.1")
