"""The demo's measured values: the public figures where they exist (seed/README.md, "Measured
values"), dated when they were reported; elsewhere illustrative values on a path from a
baseline, marked as such, so that some 2025 targets are met and some missed and the 2030
targets are on track or at risk. A target is closed as met only when its last value meets it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from tracker.domain.targets import AT_LEAST, Target, percent_unit, reaches
from tracker.models import Measurement, User, WorkItem

BAO_BINH_DINH = "Báo Bình Định, 27/11/2024"
SKHCN_2025 = "Sở KH&CN, báo cáo năm 2025"
#: code -> (measured on, value, source): the figures made public (PLAN-59.md, "Figures
#: measured since"). Only a figure that measures what the target measures is used.
PUBLIC_FIGURES: dict[str, tuple[tuple[date, str, str], ...]] = {
    "KTS-2025-01": (
        (date(2024, 11, 27), "5.56", f"{BAO_BINH_DINH}: kinh tế số bình quân 2020–2023"),
    ),
    "KTS-2030-01": (
        (date(2024, 11, 27), "5.56", f"{BAO_BINH_DINH}: kinh tế số bình quân 2020–2023"),
    ),
    "XHS-2025-01-HO": (
        (date(2023, 12, 31), "73", "Số liệu hạ tầng số tỉnh, 12/2023: cáp quang đến hộ gia đình"),
    ),
    "XHS-2030-01-CAP-QUANG": (
        (date(2023, 12, 31), "73", "Số liệu hạ tầng số tỉnh, 12/2023: cáp quang đến hộ gia đình"),
    ),
    # 3G/4G reaches 99.9 % of thôn, 99.6 % of households own a smartphone: the target joins
    # both, so its value is the lower one.
    "XHS-2025-02": (
        (
            date(2024, 12, 31),
            "99.6",
            "Số liệu hạ tầng số tỉnh, 2024: 99,6% hộ có điện thoại thông minh; 3G/4G phủ "
            "99,9% thôn",
        ),
    ),
}
ILLUSTRATIVE = "Số liệu minh họa cho bản demo (không phải số liệu công bố)"
FIRST_YEAR = 2022  # the plan's year: the baseline is measured at its end


def is_public(code: str) -> bool:
    return code in PUBLIC_FIGURES


def measure(item: WorkItem, recorder: Callable[[date], User], roll: int, today: date) -> None:
    """Give a target its measured values up to today (none for a target without a figure),
    each recorded by the lead agency's officer of its day (`recorder`)."""
    if item.target_value is None:
        return
    if item.code in PUBLIC_FIGURES:
        points = [
            (day, Decimal(value), source)
            for day, value, source in PUBLIC_FIGURES[item.code]
            if day <= today
        ]
    else:
        points = [(day, value, ILLUSTRATIVE) for day, value in path(item, roll, today)]
    for day, value, source in points:
        item.measurements.append(
            Measurement(value=value, measured_on=day, source=source, recorded_by=recorder(day))
        )


def path(item: WorkItem, roll: int, today: date) -> list[tuple[date, Decimal]]:
    """Yearly values from a baseline at the end of 2022 toward the target, at a pace set by
    `roll` (0–99): a 2025 target ends between 75 % and 115 % of the way; a 2030 target moves at
    60 % to 130 % of the pace that would reach it in 2030, and has not reached it yet."""
    target = item.target_value
    baseline = target * Decimal(25 + roll % 30) / 100
    pace = Decimal(60 + (roll * 7) % 71) / 100  # 0.60 … 1.30
    span = max(1, item.target_year - FIRST_YEAR)
    if item.target_year <= 2025:
        pace = Decimal(75 + (roll * 3) % 41) / 100  # 0.75 … 1.15 of the way by its year
    points = []
    for year in range(FIRST_YEAR, min(today.year, item.target_year) + 1):
        measured_on = min(date(year, 12, 15), today)
        share = pace * (year - FIRST_YEAR) / span
        value = baseline + (target - baseline) * share
        if item.target_year > today.year:  # not yet due: short of the target, whatever the pace
            value = min(value, target * Decimal("0.95"))
        if percent_unit(item.target_unit):
            value = min(value, Decimal(100))
        points.append((measured_on, value.quantize(_step(item.target_unit))))
    return points


def _step(unit: str | None) -> Decimal:
    """Shares and rates to a tenth; counts (khu, đô thị, doanh nghiệp, người) whole."""
    return Decimal("0.1") if unit and unit.strip().startswith("%") else Decimal(1)


def met(item: WorkItem) -> bool:
    """Does the last measured value meet the plan's value? (The demo revises no closed target.)"""
    if item.target_value is None:
        return True
    if not item.measurements:
        return False
    latest = max(item.measurements, key=lambda m: m.measured_on).value
    comparison = item.target_comparison or AT_LEAST
    return reaches(
        Target(item.target_value, item.target_year, item.assigned_on, comparison), latest
    )
