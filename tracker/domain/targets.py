"""KPI targets: a verdict against the target's year, and per-locality targets grouped together."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum


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
    comparison: str = "at_least"  #: "at_least" (a floor) or "at_most" (a ceiling)


def reaches(target: Target, value: Decimal) -> bool:
    if target.comparison == "at_most":
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
        if target.comparison == "at_most" or target.assigned_on >= last_day:
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
