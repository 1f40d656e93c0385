"""The dashboard is computed once for every web process, and a change made through any process
is seen by all of them.

Two applications on the same database stand for two web workers (or two servers): each has
its own memory, so only what the database holds is shared between them.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from tests.workers import another_worker, statements_of
from tracker.counting import piece_of_work
from tracker.database import db
from tracker.models import DataVersion, Measurement, UserSession, WorkItem
from tracker.overdue import queries as overdue_queries
from tracker.overdue.queries import OverdueFilters, overdue_total
from tracker.plans import dashboard_json
from tracker.plans.dashboard import Dashboard, computed, overdue_trend, portfolio_scope
from tracker.reports import statistics
from tracker.reports.statistics import EVERYTHING, Dimension

OFFICE = "office@tracker.demo"


@pytest.fixture
def second_worker(database_url):
    """Another application on the same database: another process's memory."""
    with another_worker(database_url, OFFICE) as worker:
        yield worker


def dashboard_of(client) -> str:
    html = client.get("/?scope=all").text
    return html.split('id="dashboard"')[1].split("</section>")[0]


def overdue_today(section: str) -> int:
    """The trend's last point: the items overdue today."""
    chart = section.split('id="chart-trend"')[1].split("</svg>")[0]
    return int(re.findall(r'class="point-value"[^>]*>([\d.]+)</text>', chart)[-1].replace(".", ""))


def computed_here(statements: list[str]) -> bool:
    """Whether the dashboard was computed (its targets read from the measurements)."""
    return any("FROM measurements" in statement for statement in statements)


def an_overdue_item(today) -> WorkItem:
    return db.session.scalar(
        select(WorkItem)
        .where(
            WorkItem.status.notin_(("completed", "cancelled")),
            WorkItem.deadline < today,
            piece_of_work(),
        )
        .order_by(WorkItem.id)
    )


def test_a_worker_serves_the_dashboard_another_computed(app, login, second_worker):
    other, other_client = second_worker
    with statements_of(app) as first:
        mine = dashboard_of(login(OFFICE))
    with statements_of(other) as second:
        theirs = dashboard_of(other_client)
    assert computed_here(first)
    assert not computed_here(second)
    assert any("cached_figures" in statement for statement in second)
    assert theirs == mine


def test_a_change_through_one_worker_is_seen_by_the_other(app, login, second_worker, today):
    other, other_client = second_worker
    client = login(OFFICE)
    before = dashboard_of(client)
    assert dashboard_of(other_client) == before  # both now hold it in their own memory too
    item = an_overdue_item(today)
    response = client.post(
        f"/items/{item.id}/cancel", data={"version": item.version, "reason": "Không còn phù hợp"}
    )
    assert response.status_code == 302
    with statements_of(other) as recomputed:
        theirs = dashboard_of(other_client)
    assert computed_here(recomputed)
    assert overdue_today(theirs) == overdue_today(before) - 1
    with statements_of(app) as reused:
        assert dashboard_of(client) == theirs
    assert not computed_here(reused)


def test_a_change_written_outside_the_web_is_seen_too(app, login, second_worker, today):
    """A script's or the scheduler's commit raises the version as a request's does."""
    _, other_client = second_worker
    before = dashboard_of(other_client)
    item = an_overdue_item(today)
    item.deadline = today + timedelta(days=30)
    db.session.commit()
    assert overdue_today(dashboard_of(other_client)) == overdue_today(before) - 1


def test_a_measurement_is_seen_though_no_item_changed(app, second_worker, item_by_code, today):
    """Only the version's counter tells: a measurement leaves every item's row as it was."""
    _, other_client = second_worker
    before = dashboard_of(other_client)
    risky = next(row for row in computed(today).at_risk if row.comparison == "at_least")
    item = item_by_code(risky.code)
    stamp = item.updated_at
    db.session.add(Measurement(item=item, value=risky.value, measured_on=today))
    db.session.commit()
    assert item.updated_at == stamp
    after = dashboard_of(other_client)
    assert verdict_count(after, "met") == verdict_count(before, "met") + 1


def verdict_count(section: str, verdict: str) -> int:
    found = re.search(rf'<span class="badge verdict-{verdict}">(\d+)</span>', section)
    return int(found.group(1)) if found else 0


def version() -> int:
    return db.session.scalar(select(DataVersion.version))


def test_the_version_rises_with_each_commit_that_changes_figures(app, today):
    start = version()
    item = an_overdue_item(today)
    item.progress = 40
    db.session.commit()
    assert version() == start + 1
    db.session.execute(update(WorkItem).where(WorkItem.id == item.id).values(progress=45))
    db.session.commit()
    assert version() == start + 2
    item.progress = 50
    db.session.rollback()
    db.session.commit()
    assert version() == start + 2  # nothing was written


def test_writes_no_figure_reads_leave_the_version_alone(app, login):
    start = version()
    login(OFFICE).get("/")  # a sign-in writes its session; the page stores the dashboard
    assert db.session.scalar(select(func.count()).select_from(UserSession)) > 0
    assert version() == start


@pytest.mark.parametrize("mine", [False, True])
def test_the_stored_dashboard_reads_back_as_computed(app, user_by_email, today, mine):
    scope = portfolio_scope(user_by_email("leader@tracker.demo")) if mine else EVERYTHING
    dashboard = computed(today, scope)
    assert dashboard.at_risk and dashboard.trend and dashboard.ranking
    assert Dashboard(**dashboard_json.decode_fields(dashboard_json.encode(dashboard))) == dashboard


def test_the_trend_counts_as_the_overdue_list(app, today):
    """The trend's one statement counts each day as the overdue list of that day does."""
    assert [count for _, count in overdue_trend(today)] == [
        overdue_total(day) for day, _ in overdue_trend(today)
    ]


@pytest.mark.parametrize("mine", [False, True])
def test_the_dashboards_count_of_today_is_the_overdue_lists(
    app, user_by_email, today, mine, monkeypatch
):
    """The dashboard takes today's point of its trend from its table by agency: the same count
    as the overdue list's, everyone's or the portfolio's, without the list's statement."""
    scope = portfolio_scope(user_by_email("leader@tracker.demo")) if mine else EVERYTHING
    alone = overdue_trend(today, scope)  # counted by the list's statement (month ends kept)
    counted_days = []
    real = overdue_queries.overdue_totals
    monkeypatch.setattr(
        overdue_queries,
        "overdue_totals",
        lambda days, f: counted_days.extend(days) or real(days, f),
    )
    trend = computed(today, scope).trend
    listed = overdue_total(today, OverdueFilters(portfolio=scope.portfolio_id))
    assert trend[-1] == (today, listed) and listed > 0
    assert trend == alone
    assert today not in counted_days


def test_the_three_tables_share_one_pass_over_the_items(app, today):
    """By pillar, by sector and by agency fold the rows of one grouped pass."""
    with statements_of(app) as statements:
        dashboard = computed(today)
    passes = [
        statement
        for statement in statements
        if "GROUP BY work_items.lead_agency_id, work_items.sector_id, work_items.group_id"
        in statement
    ]
    assert len(passes) == 1
    for dimension, shown in ((Dimension.PILLAR, dashboard.by_pillar),
                             (Dimension.SECTOR, dashboard.by_sector)):  # fmt: skip
        alone = statistics.computed(dimension, today, EVERYTHING, None)
        assert shown.rows == alone.rows
        assert sum(row.tally.total for row in shown.rows) > 0
