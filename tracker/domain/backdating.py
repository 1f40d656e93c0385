"""From which day a change to an item's dates and status alters what was true of it.

The as-of rules (tracker.history.as_of_sql) read five of an item's columns to tell whether it
counted on a day and whether it was done by then. Both answers are steps over the days: each
turns at one of the item's dates (assigned, completed, confirmed, cancelled) and holds until
the next. So two states of an item agree on every day before the first of those dates at which
they disagree, and a change that agrees on every day already past leaves the past as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class AsOfState:
    """What the as-of rules read of an item to tell whether it counted and was done."""

    status: str
    assigned_on: date | None
    completed_on: date | None = None
    confirmed_on: date | None = None
    cancelled_on: date | None = None

    def counted(self, day: date) -> bool:
        """In the statistics of `day`: assigned by then and not yet cancelled (a cancellation
        without a date holds for every day)."""
        if self.assigned_on is None or self.assigned_on > day:
            return False
        if self.status != "cancelled":
            return True
        return self.cancelled_on is not None and self.cancelled_on > day

    def done(self, day: date) -> bool:
        """Completed by `day`, and confirmed by then when a confirmation is recorded."""
        if self.status != "completed" or self.completed_on is None:
            return False
        confirmed = self.confirmed_on or self.completed_on
        return self.completed_on <= day and confirmed <= day

    def dates(self) -> set[date]:
        return {
            day
            for day in (self.assigned_on, self.completed_on, self.confirmed_on, self.cancelled_on)
            if day is not None
        }


def first_day_changed(before: AsOfState | None, after: AsOfState | None) -> date | None:
    """The first day on which the item counted or was done differently in the two states
    (None: on no day). A missing state is an item that does not exist: it never counts."""
    turns = {date.min}
    for state in (before, after):
        if state is not None:
            turns |= state.dates()
    for day in sorted(turns):
        if _standing(before, day) != _standing(after, day):
            return day
    return None


def _standing(state: AsOfState | None, day: date) -> tuple[bool, bool]:
    if state is None:
        return False, False
    return state.counted(day), state.done(day)
