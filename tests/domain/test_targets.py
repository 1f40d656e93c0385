"""KPI verdicts against the target's year, and per-locality codes."""

from datetime import date
from decimal import Decimal as Dec

import pytest

from tracker.domain.targets import Target, Verdict, locality_base_code, verdict

ASSIGNED = date(2022, 4, 25)
T = Target(value=Dec(80), year=2025, assigned_on=ASSIGNED)
CEILING = Target(value=Dec(10), year=2025, assigned_on=ASSIGNED, comparison="at_most")


@pytest.mark.parametrize(
    ("target", "measured", "today", "expected"),
    [
        pytest.param(T, [], date(2025, 6, 1), Verdict.NO_DATA, id="nothing-measured"),
        pytest.param(T, [], date(2026, 1, 1), Verdict.MISSED, id="nothing-and-year-over"),
        pytest.param(T, [(date(2024, 12, 1), Dec(85))], date(2025, 1, 1), Verdict.MET, id="met"),
        pytest.param(T, [(date(2025, 12, 31), Dec(80))], date(2026, 3, 1), Verdict.MET, id="exact"),
        pytest.param(
            T, [(date(2025, 12, 15), Dec(79.9))], date(2026, 1, 1), Verdict.MISSED, id="missed"
        ),
        pytest.param(
            T,
            [(date(2023, 12, 31), Dec(40)), (date(2024, 12, 31), Dec(62))],
            date(2025, 1, 10),
            Verdict.ON_TRACK,
            id="trend-reaches-it",
        ),
        pytest.param(
            T,
            [(date(2023, 12, 31), Dec(40)), (date(2024, 12, 31), Dec(50))],
            date(2025, 1, 10),
            Verdict.AT_RISK,
            id="trend-falls-short",
        ),
        pytest.param(
            T,
            [(date(2024, 12, 31), Dec(56)), (date(2023, 12, 31), Dec(30))],
            date(2025, 1, 10),
            Verdict.ON_TRACK,
            id="order-does-not-matter",
        ),
        pytest.param(
            T,
            [(date(2024, 12, 31), Dec(60)), (date(2025, 6, 1), Dec(90))],
            date(2025, 1, 10),
            Verdict.ON_TRACK,
            id="future-measurement-ignored",
        ),
        # One value: compared with the line from 0 at assignment to 80 at the end of 2025.
        pytest.param(
            T, [(date(2024, 4, 25), Dec(60))], date(2024, 5, 1), Verdict.ON_TRACK, id="one-ahead"
        ),
        pytest.param(
            T, [(date(2024, 4, 25), Dec(30))], date(2024, 5, 1), Verdict.AT_RISK, id="one-behind"
        ),
        pytest.param(
            CEILING, [(date(2024, 1, 1), Dec(8))], date(2024, 2, 1), Verdict.MET, id="ceiling-met"
        ),
        pytest.param(
            CEILING,
            [(date(2023, 1, 1), Dec(30)), (date(2024, 1, 1), Dec(20))],
            date(2024, 2, 1),
            Verdict.ON_TRACK,
            id="ceiling-falling-fast-enough",
        ),
        pytest.param(
            CEILING, [(date(2024, 1, 1), Dec(20))], date(2024, 2, 1), Verdict.AT_RISK, id="ceil-1"
        ),
    ],
)
def test_verdict(target, measured, today, expected) -> None:
    assert verdict(target, measured, today) is expected


@pytest.mark.parametrize(
    ("code", "agency", "expected"),
    [
        ("CQS-2025-05-QUI-NHON", "qui-nhon", "CQS-2025-05"),
        ("CQS-2025-02-HUYEN-AN-LAO", "an-lao", "CQS-2025-02-HUYEN"),
        ("CQS-2025-01", "vp-ubnd", None),
        ("QUI-NHON", "qui-nhon", None),
    ],
)
def test_locality_base_code(code, agency, expected) -> None:
    assert locality_base_code(code, agency) == expected
