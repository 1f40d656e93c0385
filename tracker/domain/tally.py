"""One row of the statistics table: items by standing, and both completion rates.

The practice reports two completion rates side by side, each named:
- "completed / all tasks": completed items over every item counted;
- "completed / tasks fallen due": completed items over the items whose outcome is due by the
  report's date, i.e. the completed ones and those in progress past their deadline. Items still
  within their deadline, and items without a deadline, are not yet due.
"""

from collections.abc import Mapping
from dataclasses import dataclass, fields
from decimal import ROUND_HALF_UP, Decimal

from tracker.domain.standing import Standing


@dataclass(frozen=True)
class Tally:
    done_on_time: int = 0
    done_late: int = 0
    in_progress: int = 0
    overdue: int = 0
    no_deadline: int = 0

    @classmethod
    def of(cls, counts: Mapping[str, int]) -> "Tally":
        """From counts keyed by standing value; other keys (e.g. None) are not counted."""
        return cls(**{s.value: int(counts.get(s.value, 0)) for s in Standing})

    def __add__(self, other: "Tally") -> "Tally":
        return Tally(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )

    def __sub__(self, other: "Tally") -> "Tally":
        return Tally(
            **{f.name: getattr(self, f.name) - getattr(other, f.name) for f in fields(self)}
        )

    def count(self, standing: Standing) -> int:
        return getattr(self, standing.value)

    @property
    def total(self) -> int:
        """Every item counted: the five standings always add up to it."""
        return sum(getattr(self, f.name) for f in fields(self))

    @property
    def done(self) -> int:
        return self.done_on_time + self.done_late

    @property
    def fallen_due(self) -> int:
        return self.done + self.overdue

    @property
    def rate_all(self) -> Decimal | None:
        """Completed / all tasks, in percent (one decimal); None when there is no task."""
        return percent(self.done, self.total)

    @property
    def rate_due(self) -> Decimal | None:
        """Completed / tasks fallen due, in percent (one decimal); None when none is due."""
        return percent(self.done, self.fallen_due)

    @property
    def overdue_rate(self) -> Decimal | None:
        """Overdue / all tasks, in percent: how the dashboard ranks agencies."""
        return percent(self.overdue, self.total)

    def as_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def percent(part: int, whole: int) -> Decimal | None:
    if whole == 0:
        return None
    return (Decimal(100 * part) / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)
