"""The KPI targets page and the leadership dashboard."""

import re
from datetime import date
from decimal import Decimal

import pytest

from tests.spreadsheets import cover, table
from tracker.database import db
from tracker.domain.targets import Verdict
from tracker.formatting import format_quantity
from tracker.models import Measurement
from tracker.targets.queries import TargetFilters, target_rows

OFFICE = "office@tracker.demo"


def test_targets_page_shows_value_latest_trend_and_verdict(login):
    html = login(OFFICE).get("/reports/targets/").text
    row = re.search(r'<tr data-code="CQS-2025-01">(.*?)</tr>', html, re.S).group(1)
    assert "100%" in row  # the target value
    assert '<svg class="sparkline"' in row
    assert re.search(r'class="badge verdict-(met|missed|on_track|at_risk|no_data)"', row)


def test_agency_users_get_links_only_to_the_targets_they_may_open(login):
    client = login("head.stttt@tracker.demo")
    html = client.get("/reports/targets/").text
    linked = re.findall(r'<a href="(/items/\d+)"', html)
    assert linked  # the targets Sở Thông tin và Truyền thông leads
    assert all(client.get(url).status_code == 200 for url in set(linked))
    codes = re.findall(r'<tr data-code="([^"]+)">', html)
    assert len(codes) > len(set(linked))  # every target is listed, the others without a link


@pytest.mark.parametrize(
    ("value", "unit", "written"),
    [
        (Decimal("1"), "khu", "1 khu"),
        (Decimal("2000"), "người", "2.000 người"),
        (Decimal("90.5"), "%", "90,5%"),
        (Decimal("3"), None, "3"),
    ],
)
def test_a_quantity_is_written_with_its_unit(app, value, unit, written):
    with app.test_request_context():
        assert format_quantity(value, unit) == written


def test_per_locality_targets_side_by_side(login):
    html = login(OFFICE).get("/reports/targets/").text
    table = html.split('id="locality-targets"')[1].split("</table>")[0]
    assert 'data-base="CQS-2025-05"' in table
    assert 'data-base="CQS-2025-02-HUYEN"' in table
    assert "thành phố Quy Nhơn" in table and "huyện Vân Canh" in table


def test_verdict_filter_and_counts_agree(login, today):
    client = login(OFFICE)
    rows = target_rows(TargetFilters(), today)
    missed = sum(row.verdict is Verdict.MISSED for row in rows)
    html = client.get("/reports/targets/?verdict=missed").text
    assert html.count('<tr data-code="') == min(missed, 100)
    assert f"{missed} chỉ tiêu" in html


def test_a_new_measurement_changes_the_verdict(login, item_by_code, today):
    item = item_by_code("CQS-2025-01")
    db.session.add(Measurement(item=item, value=Decimal(100), measured_on=date(2025, 12, 20)))
    db.session.commit()
    row = next(r for r in target_rows(TargetFilters(), today) if r.code == "CQS-2025-01")
    assert row.verdict is Verdict.MET
    assert row.latest == (date(2025, 12, 20), Decimal(100))


def test_targets_export(login):
    data = login(OFFICE).get("/reports/targets/?format=xlsx").data
    _sheet, _header, rows = table(data)
    assert "CÁC CHỈ TIÊU CỦA KẾ HOẠCH" in cover(data)
    assert any(row[1] == "CQS-2025-01" for row in rows)


@pytest.mark.parametrize("query", ["year=20", "verdict=good", "agency=khong-co"])
def test_bad_target_filters(login, query):
    response = login(OFFICE).get(f"/reports/targets/?{query}")
    assert response.status_code == 400
    assert 'id="filter-errors"' in response.text


@pytest.mark.parametrize("email", [OFFICE, "leader@tracker.demo", "admin@tracker.demo"])
def test_leadership_dashboard_charts(login, email):
    html = login(email).get("/").text
    for chart in ("chart-pillars", "chart-sectors", "chart-ranking", "chart-trend"):
        assert f'id="{chart}"' in html
    assert "<script" not in html.split('id="dashboard"')[1].split("</section>")[0]
    trend = html.split('id="chart-trend"')[1].split("</svg>")[0]
    assert trend.count('<circle class="dot"') == 13  # twelve month ends and today


def test_agency_users_get_no_dashboard(login):
    assert 'id="dashboard"' not in login("officer.syt@tracker.demo").get("/").text


def test_ranking_puts_the_highest_overdue_rate_first(login, today):
    from tracker.plans.dashboard import ranking
    from tracker.reports import statistics
    from tracker.reports.statistics import Dimension

    ranked = ranking(statistics.table(Dimension.AGENCY, today))
    rates = [row.tally.overdue_rate for row in ranked]
    assert rates == sorted(rates, reverse=True)
    assert all(row.tally.total for row in ranked)


def test_the_stacked_charts_labels_fit_their_margin(login):
    """A label longer than the margin holds (190 px at 11 px) is cut with an ellipsis: Jinja's
    truncate would otherwise let five more characters through, cut off at the chart's edge."""
    html = login("office@tracker.demo").get("/?scope=all").text
    chart = html.split('id="chart-pillars"')[1].split("</svg>")[0]
    labels = re.findall(r'text-anchor="end">([^<]+)</text>', chart)
    assert labels and all(len(label) <= 27 for label in labels)
    assert any(label.endswith("…") for label in labels)  # the plan's longest pillar name
