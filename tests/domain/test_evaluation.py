"""The emulation evaluation's score and the bounds of its weights: tables, no app."""

from decimal import Decimal as D

import pytest

from tracker.domain.evaluation import AgencyYear, Weights, score


@pytest.mark.parametrize(
    ("figures", "expected"),
    [
        (AgencyYear(on_time=10), D("100.0")),  # everything on time: the full score
        (AgencyYear(on_time=5, late=5), D("75.0")),  # late counts half by default
        (AgencyYear(on_time=5, overdue=5), D("50.0")),
        (AgencyYear(on_time=10, extensions=5), D("95.0")),  # 5 × -0.1 over 10 items
        # 25 % of the updates late cost 25 × 0.2 = 5 points.
        (AgencyYear(on_time=10, updates=8, late_updates=2), D("95.0")),
        (AgencyYear(assigned=4), None),  # nothing fell due: no score
    ],
)
def test_score_with_the_default_weights(figures, expected):
    assert score(figures, Weights()) == expected


def test_the_office_weights_change_the_score():
    weights = Weights(on_time=D("1"), late=D("0"), overdue=D("-1"))
    assert score(AgencyYear(on_time=6, late=2, overdue=2), weights) == D("40.0")


@pytest.mark.parametrize(
    "values",
    [
        {"on_time": D("10.01")},
        {"late": D("-11")},
        {"overdue": D("NaN")},
        {"extension": D("0.125")},
        {"late_update": 1.5},
    ],
)
def test_weights_out_of_bounds_or_not_numbers_are_refused(values):
    with pytest.raises(ValueError):
        Weights(**values)


def test_late_update_share():
    assert AgencyYear(updates=3, late_updates=1).late_update_share == D("33.3")
    assert AgencyYear().late_update_share is None
