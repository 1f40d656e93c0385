"""The dashboard and the overdue list default to the person's portfolio, with an "all / my
scope" switch: a leader whose portfolio is only sectors sees those sectors' items; the counts of
a portfolio are those of its sectors and agencies in the whole table, today and in the past."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from tracker.database import db
from tracker.models import Agency, Sector, User
from tracker.plans.dashboard import dashboard, portfolio_scope
from tracker.portfolios.actions import has_portfolio, portfolio_key, wants_own_scope
from tracker.reports.statistics import EVERYTHING, Dimension, counts

from .conftest import LEADER, OFFICE, user

SWITCHED_TO_MINE = re.compile(r'id="scope-mine"[^>]*aria-current')


@pytest.fixture
def health_leader(app) -> User:
    """A second vice-chair the office gave one sector, and no agency."""
    person = User(email="pct2@tracker.demo", name="Phó Chủ tịch 2", role="leader")
    person.set_password("demo1234")
    db.session.add(person)
    db.session.flush()
    _sector().leader_id = person.id
    db.session.commit()
    return person


def _sector() -> Sector:
    """The plan's cross-cutting items: the most of any sector, overdue ones among them."""
    return db.session.scalar(select(Sector).where(Sector.code == "chung"))


def _overdue_table(page: str) -> str:
    return page.split('id="overdue-by-agency"')[1].split("</table>")[0]


def test_a_leader_with_only_sectors_has_a_portfolio(health_leader):
    assert has_portfolio(health_leader)
    held = portfolio_key(health_leader)
    assert wants_own_scope(held, None) and not wants_own_scope(held, "all")
    viewer_like = User(email="x@tracker.demo", name="X", role="leader")
    viewer_like.set_password("demo1234")
    db.session.add(viewer_like)
    db.session.commit()
    assert not has_portfolio(viewer_like) and not wants_own_scope(portfolio_key(viewer_like), None)


def test_the_dashboard_defaults_to_the_leader_s_sectors(login, health_leader, today):
    sector = _sector()
    client = login(health_leader.email)
    mine = client.get("/").text
    assert SWITCHED_TO_MINE.search(mine) and 'id="scope-note"' in mine
    board = dashboard(today, portfolio_scope(health_leader))
    assert board.mine
    counted = {row.code: row.tally.total for row in board.by_sector.rows if row.tally.total}
    everything = dashboard(today).by_sector.row(sector.code).tally.total
    assert counted == {sector.code: everything} and everything > 0
    all_page = client.get("/?scope=all").text
    assert not SWITCHED_TO_MINE.search(all_page) and 'id="scope-note"' not in all_page
    assert client.get("/?scope=nobody").status_code == 400


def test_the_dashboard_s_trend_and_targets_follow_the_portfolio(health_leader, today):
    board = dashboard(today, portfolio_scope(health_leader))
    whole = dashboard(today)
    assert board.trend[-1][1] == sum(row.tally.overdue for row in board.by_sector.rows)
    assert board.trend[-1][1] <= whole.trend[-1][1]
    assert sum(board.verdicts.values()) <= sum(whole.verdicts.values())


def test_the_overdue_list_defaults_to_the_leader_s_sectors(login, health_leader):
    client = login(health_leader.email)
    mine = client.get("/office/overdue").text
    assert SWITCHED_TO_MINE.search(mine)
    everything = client.get("/office/overdue?scope=all").text
    assert not SWITCHED_TO_MINE.search(everything)
    total = re.compile(r'id="overdue-total">(\d+)')
    assert 0 < int(total.search(mine).group(1)) < int(total.search(everything).group(1))


def test_someone_without_a_portfolio_sees_everything_and_no_switch(login, health_leader):
    _sector().leader_id = None
    db.session.commit()
    page = login(health_leader.email).get("/").text
    assert 'id="scope-switch"' not in page and 'id="dashboard"' in page


@pytest.mark.parametrize("days_ago", [0, 60])
def test_a_portfolio_counts_what_its_agencies_and_sectors_count(login, today, days_ago):
    """A leader given two agencies and one sector: by agency, the agencies' rows are the whole
    table's (and a sector's other agencies count only through the sector); as of a past date
    too, where items reassigned since count under the agency that led them then."""
    leader = user(LEADER)
    sector = _sector()
    for other in db.session.scalars(select(Sector).where(Sector.id != sector.id)):
        other.leader_id = None
    syt, stc = (db.session.scalar(select(Agency).where(Agency.code == c)) for c in ("syt", "stc"))
    given = {"sectors": [sector.code], "agencies": ["syt", "stc"]}
    response = login(OFFICE).post(f"/admin/portfolios/{leader.id}", data=given)
    assert response.status_code == 302
    db.session.expire_all()
    as_of = today - timedelta(days=days_ago)
    scope = portfolio_scope(leader)
    whole = counts(Dimension.AGENCY, as_of, EVERYTHING)
    mine = counts(Dimension.AGENCY, as_of, scope)
    for agency in (syt, stc):
        assert mine.get(agency.id) == whole.get(agency.id)
    by_sector_whole = counts(Dimension.SECTOR, as_of, EVERYTHING)
    by_sector_mine = counts(Dimension.SECTOR, as_of, scope)
    assert by_sector_mine[sector.id] == by_sector_whole[sector.id]
    outside = sum(t.total for a, t in mine.items() if a not in (syt.id, stc.id))
    assert outside <= by_sector_whole[sector.id].total
