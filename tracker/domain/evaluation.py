"""The year-end emulation evaluation (đánh giá thi đua) of an agency: its figures and its score.

The score is on a scale of 100 for an agency that finished everything due on time, asked for no
extension and sent every update on time:

    score = 100 × (on_time × w_on_time + late × w_late + overdue × w_overdue
                   + extensions × w_extension) / items fallen due
            + late-update share (in %) × w_late_update

where the items fallen due are those completed in the year (on time or late) and those overdue
at its end. The office sets the weights; the defaults are below and in docs/reports.md. An
agency with nothing fallen due has no score (there is nothing to measure it by).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import ROUND_HALF_UP, Decimal

#: Each weight lies within these bounds (the table stores two decimals).
WEIGHT_MIN, WEIGHT_MAX = Decimal("-10"), Decimal("10")


@dataclass(frozen=True)
class Weights:
    on_time: Decimal = Decimal("1")  #: per item completed on time
    late: Decimal = Decimal("0.5")  #: per item completed after its deadline
    overdue: Decimal = Decimal("0")  #: per item overdue at the year's end
    extension: Decimal = Decimal("-0.1")  #: per extension requested
    late_update: Decimal = Decimal("-0.2")  #: per percentage point of late updates

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if not isinstance(value, Decimal) or not value.is_finite():
                raise ValueError(f"the weight {f.name} is not a number")
            if not WEIGHT_MIN <= value <= WEIGHT_MAX:
                raise ValueError(f"the weight {f.name} lies outside {WEIGHT_MIN}..{WEIGHT_MAX}")
            if value != value.quantize(Decimal("0.01")):
                raise ValueError(f"the weight {f.name} has more than two decimals")

    def as_dict(self) -> dict[str, Decimal]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class AgencyYear:
    """One agency's figures for the year."""

    assigned: int = 0  #: items assigned to it during the year
    on_time: int = 0  #: completed during the year, on or before the deadline in force
    late: int = 0  #: completed during the year, after it
    overdue: int = 0  #: not completed and past the deadline at the year's end
    extensions: int = 0  #: extension requests made during the year (withdrawn ones aside)
    updates: int = 0  #: progress updates written during the year
    late_updates: int = 0  #: of which late (tracker.domain.reporting)

    @property
    def fallen_due(self) -> int:
        return self.on_time + self.late + self.overdue

    @property
    def late_update_share(self) -> Decimal | None:
        """Late updates over all updates, in percent (one decimal); None without updates."""
        if not self.updates:
            return None
        return _one_decimal(Decimal(100 * self.late_updates) / self.updates)


def score(figures: AgencyYear, weights: Weights) -> Decimal | None:
    """The agency's score (one decimal), or None when nothing fell due in the year."""
    if not figures.fallen_due:
        return None
    points = (
        figures.on_time * weights.on_time
        + figures.late * weights.late
        + figures.overdue * weights.overdue
        + figures.extensions * weights.extension
    )
    share = figures.late_update_share or Decimal(0)
    return _one_decimal(100 * points / figures.fallen_due + share * weights.late_update)


def _one_decimal(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"), ROUND_HALF_UP)
