"""The leadership dashboard: standing by pillar and sector, agencies ranked by overdue rate,
overdue items at each month end, targets at risk; of every item, or of one person's portfolio
(the sectors and agencies the office gave them, tracker.portfolios)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker.domain.periods import month_ends
from tracker.domain.targets import Verdict
from tracker.models import User, WorkItem
from tracker.overdue import queries as overdue
from tracker.overdue.queries import OverdueFilters
from tracker.plans import dashboard_json
from tracker.portfolios.actions import in_portfolio, portfolio_key, portfolios
from tracker.reports import past_figures, statistics
from tracker.reports.cache import targets_version
from tracker.reports.shared_figures import shared
from tracker.reports.statistics import EVERYTHING, Dimension, Row, Scope, Table
from tracker.targets.queries import TargetFilters, TargetRow, matching
from tracker.targets.verdicts import verdicts_and_listed

#: How many agencies the ranking shows, and how many months the trend covers.
RANKED_AGENCIES = 15
#: How many targets at risk or missed it lists.
AT_RISK_SHOWN = 10
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
    mine: bool = False  #: of the person's portfolio only


def overdue_trend(
    today: date, scope: Scope = EVERYTHING, overdue_today: int | None = None
) -> list[tuple[date, int]]:
    """Overdue counts as of each of the last month ends and today, from the items' history.

    A month end before yesterday is kept beyond today's changes (tracker.reports.past_figures);
    the later days are counted in one statement. Yesterday waits a day so that a transaction
    begun before midnight cannot commit a change to a day already kept. `overdue_today`: today's
    count when the caller has it (the dashboard's table by agency counts it by the same rule).
    """
    days = [*month_ends(today, TREND_MONTHS), today]
    counts = _kept_month_ends(today, scope)
    if overdue_today is not None:
        counts[today] = overdue_today
    recent = [day for day in days if day not in counts]
    if recent:
        filters = OverdueFilters(portfolio=scope.portfolio_id)
        counts.update(zip(recent, overdue.overdue_totals(recent, filters), strict=True))
    return [(day, counts[day]) for day in days]


def keep_month_ends(today: date) -> None:
    """Count the month ends of every dashboard not kept yet (everyone's and each portfolio's),
    ahead of their first reader (the scheduler's job: after a month ends or a write reached
    back to one, a million items cost seconds per month end)."""
    people = [holder.person for holder in portfolios() if holder.sectors or holder.agencies]
    for scope in [EVERYTHING, *map(portfolio_scope, people)]:
        _kept_month_ends(today, scope)


def _kept_month_ends(today: date, scope: Scope) -> dict[date, int]:
    filters = OverdueFilters(portfolio=scope.portfolio_id)
    settled = [day for day in month_ends(today, TREND_MONTHS) if past_figures.settled(day, today)]
    return past_figures.kept(
        "overdue", scope_key(scope), settled, lambda day: overdue.overdue_totals([day], filters)[0]
    )


def ranking(table: Table) -> list[Row]:
    counted = [row for row in table.rows if row.tally.total]
    counted.sort(key=lambda row: (-(row.tally.overdue_rate or 0), -row.tally.overdue, row.name))
    return counted[:RANKED_AGENCIES]


def portfolio_scope(person: User, held: tuple | None = None) -> Scope:
    """The items of the person's portfolio (`held`, when already read), as the statistics
    count them."""
    return Scope(
        portfolio_id=person.id, portfolio_key=portfolio_key(person) if held is None else held
    )


def scope_key(scope: Scope) -> str:
    """Whose dashboard, as the shared cache names it: everyone's, or a portfolio as it stands
    (a new assignment is a new key)."""
    if scope.portfolio_id is None:
        return "all"
    agencies, sectors = scope.portfolio_key
    return f"mine:{scope.portfolio_id}:{','.join(map(str, agencies))}:{','.join(map(str, sectors))}"


def dashboard(today: date, scope: Scope = EVERYTHING) -> Dashboard:
    """The dashboard of every item, or of a portfolio's (`portfolio_scope`): computed once for
    every web process while the data is unchanged (tracker.reports.shared_figures)."""
    return shared(
        "dashboard", scope_key(scope), today, lambda: computed(today, scope), dashboard_json.encode,
        lambda plain: Dashboard(**dashboard_json.decode_fields(plain)),
    )  # fmt: skip


def target_figures(today: date, scope: Scope = EVERYTHING) -> tuple[dict[Verdict, int], list]:
    """The targets' verdicts counted, and the first ten at risk or missed: judged once for every
    web process while no write reached what verdicts are judged from (their own version,
    tracker.reports.target_writes: a task's progress report leaves them as they were)."""
    return shared(
        "dashboard-targets", scope_key(scope), today, lambda: _judged(today, scope),
        dashboard_json.encode_targets, dashboard_json.decode_targets, version_of=targets_version,
    )  # fmt: skip


def _judged(today: date, scope: Scope) -> tuple[dict[Verdict, int], list[TargetRow]]:
    where = matching(TargetFilters())
    if scope.portfolio_id is not None:
        where &= in_portfolio(scope.portfolio_id, WorkItem.lead_agency_id, WorkItem.sector_id)
    return verdicts_and_listed(where, today, AT_RISK_SHOWN)


def computed(today: date, scope: Scope = EVERYTHING) -> Dashboard:
    """The dashboard straight from the database (the targets' part kept apart)."""
    verdicts, at_risk = target_figures(today, scope)
    current = statistics.current_pass(today, scope, shared=True)  # one for the three tables
    by_agency = statistics.table(Dimension.AGENCY, today, scope, current=current)
    return Dashboard(
        today=today,
        by_pillar=statistics.table(Dimension.PILLAR, today, scope, current=current),
        by_sector=statistics.table(Dimension.SECTOR, today, scope, current=current),
        ranking=ranking(by_agency),
        # Every piece of work has a lead agency: the table's total is today's overdue count,
        # by the overdue list's rule (each is the domain's `standing_as_of`; tests compare them).
        trend=overdue_trend(today, scope, overdue_today=by_agency.total.overdue),
        verdicts=verdicts,
        at_risk=at_risk,
        mine=scope.portfolio_id is not None,
    )
