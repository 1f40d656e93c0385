"""/admin/portfolios: the office gives each leader their sectors and agencies, and each office
specialist the agencies they follow; the escalation's last level follows the sectors."""

import re

import pytest
from sqlalchemy import select

from tracker.database import db
from tracker.models import Sector, User
from tracker.portfolios.actions import portfolio_key

from .conftest import ADMIN, HEAD, LEADER, OFFICE, ROLES, user


def agency_ids_of(person: User) -> list[int]:
    """The agencies in the person's portfolio."""
    return list(portfolio_key(person)[0])


@pytest.fixture
def second_leader(app) -> User:
    person = User(email="pct2@tracker.demo", name="Phó Chủ tịch 2", role="leader")
    person.set_password("demo1234")
    db.session.add(person)
    db.session.commit()
    return person


@pytest.mark.parametrize("email", ROLES)
def test_the_office_and_the_administrator_assign_portfolios(login, viewer, email):
    expected = 200 if email in (ADMIN, OFFICE) else 403
    client = login(email)
    assert client.get("/admin/portfolios").status_code == expected
    assert client.get(f"/admin/portfolios/{user(LEADER).id}").status_code == expected


def test_sectors_move_to_the_new_leader_and_agencies_are_followed(login, second_leader):
    sectors = list(db.session.scalars(select(Sector).order_by(Sector.position)))
    assert all(s.leader_id == user(LEADER).id for s in sectors)  # the demo: one leader for all
    client = login(OFFICE)
    response = client.post(
        f"/admin/portfolios/{second_leader.id}",
        data={"sectors": [sectors[0].code, sectors[1].code], "agencies": ["syt", "stc"]},
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert [s.leader_id for s in sectors[:2]] == [second_leader.id] * 2
    assert all(s.leader_id == user(LEADER).id for s in sectors[2:])
    assert len(agency_ids_of(second_leader)) == 2
    page = client.get("/admin/portfolios").text
    row = page.split(f'id="portfolio-{second_leader.id}"')[1].split("</tr>")[0]
    assert sectors[0].name in row and "Sở Y tế" in row
    # Taking a sector back from the leader leaves it with nobody until it is given again.
    client.post(f"/admin/portfolios/{second_leader.id}", data={"sectors": [sectors[0].code]})
    db.session.expire_all()
    assert sectors[1].leader_id is None and agency_ids_of(second_leader) == []


def test_office_specialists_follow_agencies_but_oversee_no_sector(login):
    office = user(OFFICE)
    client = login(ADMIN)
    sector = db.session.scalar(select(Sector.code))
    refused = client.post(f"/admin/portfolios/{office.id}", data={"sectors": [sector]})
    assert refused.status_code == 400
    done = client.post(f"/admin/portfolios/{office.id}", data={"agencies": ["syt"]})
    assert done.status_code == 302 and len(agency_ids_of(office)) == 1


@pytest.mark.parametrize("data", [{"agencies": ["no-such"]}, {"sectors": ["no-such"]}])
def test_unknown_sectors_or_agencies_are_refused(login, data):
    before = [s.leader_id for s in db.session.scalars(select(Sector))]
    assert login(OFFICE).post(f"/admin/portfolios/{user(LEADER).id}", data=data).status_code == 400
    assert [s.leader_id for s in db.session.scalars(select(Sector))] == before


def test_no_portfolio_for_agency_people(login):
    client = login(OFFICE)
    assert client.get(f"/admin/portfolios/{user(HEAD).id}").status_code == 404
    assert client.post(f"/admin/portfolios/{user(HEAD).id}", data={}).status_code == 400
    assert client.get("/admin/portfolios/999999").status_code == 404


def test_the_overdue_list_defaults_to_the_office_specialists_portfolio(login):
    client = login(OFFICE)
    everything = client.get("/office/overdue").text
    assert "Sở Y tế" in everything and 'id="scope-switch"' not in everything
    assert (
        client.post(f"/admin/portfolios/{user(OFFICE).id}", data={"agencies": ["syt"]}).status_code
        == 302
    )
    mine = client.get("/office/overdue").text
    assert re.search(r'id="scope-mine"[^>]*aria-current', mine)
    table = mine.split('id="overdue-by-agency"')[1].split("</table>")[0]
    assert "Sở Y tế" in table and "Văn phòng UBND tỉnh" not in table
    all_again = client.get("/office/overdue?scope=all").text.split('id="overdue-by-agency"')[1]
    assert "Văn phòng UBND tỉnh" in all_again.split("</table>")[0]
    assert client.get("/office/overdue?scope=nobody").status_code == 400
