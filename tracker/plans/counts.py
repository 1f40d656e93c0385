"""The plan overview's counts by standing per task group, sector and kind of item.

Everyone who sees every item sees the same counts: those are computed once for every web
process while the data is unchanged (tracker.reports.shared_figures); anyone else's are
counted for them.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from tracker.items.queries import counts_by_each
from tracker.models import User, WorkItem
from tracker.reports.shared_figures import shared
from tracker.visibility import SEES_EVERYTHING

#: The overview's breakdowns, in the order `plan_counts` returns them.
COLUMNS = (WorkItem.group_id, WorkItem.sector_id, WorkItem.kind)

Counts = list[dict[int | str | None, Counter[str]]]


def plan_counts(user: User, today: date) -> Counts:
    """[by group, by sector, by kind]: key -> counts by standing, of the items `user` sees."""

    def compute() -> Counts:
        return counts_by_each(user, list(COLUMNS), today)

    if user.role not in SEES_EVERYTHING:
        return compute()
    return shared("plan_counts", "all", today, compute, _encode, _decode)


def _encode(counts: Counts) -> list:
    return [[[key, dict(by_standing)] for key, by_standing in part.items()] for part in counts]


def _decode(plain: list) -> Counts:
    return [{key: Counter(by_standing) for key, by_standing in part} for part in plain]
