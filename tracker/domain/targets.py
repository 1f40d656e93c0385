"""KPI targets: progress toward the value, a verdict against the year, per-locality groups."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

AT_LEAST = "at_least"  # a floor, e.g. "at least 90 % of records processed online"
AT_MOST = "at_most"  # a ceiling, e.g. "at most 5 % of files handled on paper"


class Verdict(StrEnum):
    MET = "met"  #: the latest measured value reaches the target
    ON_TRACK = "on_track"  #: not yet reached; the trend reaches it by the end of the year
    AT_RISK = "at_risk"  #: not yet reached; the trend falls short
    MISSED = "missed"  #: the target's year is over and it was not reached
    NO_DATA = "no_data"  #: nothing measured yet, and the year is not over


@dataclass(frozen=True)
class Target:
    value: Decimal
    year: int  #: the target is due by 31 December of this year
    assigned_on: date
    comparison: str = AT_LEAST  #: AT_LEAST (a floor) or AT_MOST (a ceiling)


@dataclass(frozen=True)
class Revision:
    """A later document's change to a target: from `decided_on`, `value` by `year`."""

    value: Decimal
    year: int
    decided_on: date
    document: str


def in_force(revisions: Sequence[Revision], on: date) -> Revision | None:
    """The latest revision decided by `on`; None while the original value holds."""
    decided = sorted((r for r in revisions if r.decided_on <= on), key=lambda r: r.decided_on)
    return decided[-1] if decided else None


def percent_unit(unit: str | None) -> bool:
    """A share in per cent ("%", "% GRDP", "% hộ"…): it cannot exceed 100. A yearly rate of
    growth ("%/năm") can, and is not one."""
    return bool(unit) and unit.strip().startswith("%") and "/" not in unit


def reaches(target: Target, value: Decimal) -> bool:
    if target.comparison == AT_MOST:
        return value <= target.value
    return value >= target.value


def verdict(target: Target, measurements: Sequence[tuple[date, Decimal]], today: date) -> Verdict:
    """The verdict on `today` from the values measured up to it (in any order).

    The trend is the straight line from the first to the latest measurement, projected to the
    end of the target's year. With a single measurement, a floor is compared with the straight
    line from zero on the day the target was assigned to the target value at the end of its year.
    """
    known = sorted((day, value) for day, value in measurements if day <= today)
    year_end = date(target.year, 12, 31)
    if known and reaches(target, known[-1][1]):
        return Verdict.MET
    if today > year_end:
        return Verdict.MISSED
    if not known:
        return Verdict.NO_DATA
    projected = _projected(target, known, year_end)
    if projected is not None and reaches(target, projected):
        return Verdict.ON_TRACK
    return Verdict.AT_RISK


def _projected(target: Target, known: list[tuple[date, Decimal]], year_end: date) -> Decimal | None:
    """The value the trend gives at `year_end`, or None when there is no trend to follow."""
    last_day, last_value = known[-1]
    first_day, first_value = known[0]
    if first_day == last_day:
        if target.comparison == AT_MOST or target.assigned_on >= last_day:
            return None
        first_day, first_value = target.assigned_on, Decimal(0)
    slope = (last_value - first_value) / Decimal((last_day - first_day).days)
    return last_value + slope * (year_end - last_day).days


def locality_base_code(code: str, agency_code: str) -> str | None:
    """The shared code of a target split per locality, e.g. "CQS-2025-05" for
    "CQS-2025-05-QUI-NHON" led by "qui-nhon"; None when the code has no such suffix."""
    suffix = "-" + agency_code.upper()
    if code.upper().endswith(suffix) and len(code) > len(suffix):
        return code[: -len(suffix)]
    return None


def target_progress(
    latest: Decimal | None, target: Decimal | None, comparison: str | None
) -> int | None:
    """Per cent of the way to the target (0–100), or None when it cannot be said.

    For an "at most" target any value at or under the target has met it; above it, the
    share is how far the target is from the value (twice the target: 50 %).
    """
    if latest is None or target is None or latest < 0:
        return None
    if (comparison or AT_LEAST) == AT_MOST:
        if latest <= target:
            return 100
        return int(target * 100 / latest)
    if target <= 0:
        return 100
    return min(100, int(latest * 100 / target))
