"""The leadership dashboard: standing by pillar and sector, agencies ranked by overdue rate,
overdue items at each month end, targets at risk."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker.domain.periods import month_ends
from tracker.domain.targets import Verdict
from tracker.overdue import queries as overdue
from tracker.reports import statistics
from tracker.reports.cache import cached
from tracker.reports.statistics import Dimension, Row, Table
from tracker.targets.queries import TargetFilters, TargetRow, target_rows, verdict_counts

#: How many agencies the ranking shows, and how many months the trend covers.
RANKED_AGENCIES = 15
TREND_MONTHS = 12


@dataclass(frozen=True)
class Dashboard:
    today: date
    by_pillar: Table
    by_sector: Table
    ranking: list[Row]  #: agencies with items, highest overdue rate first
    trend: list[tuple[date, int]]  #: overdue items at each month end, then today
    verdicts: dict[Verdict, int]
    at_risk: list[TargetRow]


def overdue_trend(today: date) -> list[tuple[date, int]]:
    """Overdue counts as of each of the last month ends and today, from the items' history."""

    def compute() -> list[tuple[date, int]]:
        days = [*month_ends(today, TREND_MONTHS), today]
        return [(day, overdue.overdue_total(day)) for day in days]

    return cached(("overdue_trend", today), compute)


def ranking(table: Table) -> list[Row]:
    counted = [row for row in table.rows if row.tally.total]
    counted.sort(key=lambda row: (-(row.tally.overdue_rate or 0), -row.tally.overdue, row.name))
    return counted[:RANKED_AGENCIES]


def dashboard(today: date) -> Dashboard:
    targets = target_rows(TargetFilters(), today)
    at_risk = [row for row in targets if row.verdict in (Verdict.AT_RISK, Verdict.MISSED)]
    at_risk.sort(key=lambda row: (row.verdict is not Verdict.AT_RISK, row.year, row.code))
    return Dashboard(
        today=today,
        by_pillar=statistics.table(Dimension.PILLAR, today),
        by_sector=statistics.table(Dimension.SECTOR, today),
        ranking=ranking(statistics.table(Dimension.AGENCY, today)),
        trend=overdue_trend(today),
        verdicts=verdict_counts(targets),
        at_risk=at_risk[:10],
    )
