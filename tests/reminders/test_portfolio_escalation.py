"""The escalation's last level goes to the leader in charge of the item's sector; when the
sector has none, to the leaders whose portfolio holds the item's lead agency (never to an
office specialist who follows it); delivery drops it once the portfolio no longer does."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tracker.database import db
from tracker.models import Digest, Notice, Sector, User
from tracker.reminders.digest_pruning import prune_left_out
from tracker.reminders.sweep import sweep

from .conftest import notices_of

LAST = "escalation:3"
OFFICE = "office@tracker.demo"


@pytest.fixture
def overseer(app) -> User:
    person = User(email="pct2@tracker.demo", name="Phó Chủ tịch 2", role="leader")
    person.set_password("phó chủ tịch tỉnh")
    db.session.add(person)
    db.session.commit()
    return person


def _rules(email_address: str, code: str) -> set[str]:
    return {n.rule for n in notices_of(email_address) if n.item.code == code}


def _give(login, person: User, **portfolio) -> None:
    response = login(OFFICE).post(f"/admin/portfolios/{person.id}", data=portfolio)
    assert response.status_code == 302


def test_without_a_sector_leader_the_agency_s_overseer_is_told(
    app, today, login, item_by_code, overseer
):
    item = item_by_code("NV-LV-01")  # Sở Y tế's, long overdue
    item.sector.leader_id = None
    db.session.commit()
    _give(login, overseer, agencies=[item.lead_agency.code])
    _give(login, db.session.scalar(select(User).where(User.email == OFFICE)),
          agencies=[item.lead_agency.code])  # fmt: skip
    sweep(today)
    assert _rules("pct2@tracker.demo", "NV-LV-01") == {LAST}
    assert _rules("leader@tracker.demo", "NV-LV-01") == set()
    assert _rules(OFFICE, "NV-LV-01") == {"escalation:2"}  # following is not leading


def test_the_sector_s_leader_comes_first(app, today, login, item_by_code, overseer):
    item = item_by_code("NV-LV-01")
    _give(login, overseer, agencies=[item.lead_agency.code])
    sweep(today)
    assert _rules("leader@tracker.demo", "NV-LV-01") == {LAST}
    assert _rules("pct2@tracker.demo", "NV-LV-01") == set()


def test_delivery_drops_it_once_the_portfolio_no_longer_holds_the_agency(
    app, today, login, item_by_code, overseer
):
    item = item_by_code("NV-LV-01")
    item.sector.leader_id = None
    db.session.commit()
    _give(login, overseer, agencies=[item.lead_agency.code])
    sweep(today)
    digest = db.session.scalar(select(Digest).where(Digest.recipient_id == overseer.id))
    held = db.session.scalars(select(Notice).where(Notice.digest_id == digest.id)).all()
    assert {n.rule for n in held} == {LAST}
    assert prune_left_out([digest.id]) == 0  # still applies
    _give(login, overseer, agencies=[])
    assert prune_left_out([digest.id]) == len(held)


def test_a_sector_given_a_leader_again_takes_the_last_level_back(
    app, today, login, item_by_code, overseer
):
    item = item_by_code("NV-LV-01")
    sector_code = item.sector.code
    item.sector.leader_id = None
    db.session.commit()
    _give(login, overseer, agencies=[item.lead_agency.code])
    sweep(today)
    digest = db.session.scalar(select(Digest).where(Digest.recipient_id == overseer.id))
    held = len(db.session.scalars(select(Notice).where(Notice.digest_id == digest.id)).all())
    leader = db.session.scalar(select(User).where(User.email == "leader@tracker.demo"))
    sectors = [
        s.code for s in db.session.scalars(select(Sector).where(Sector.leader_id == leader.id))
    ]
    _give(login, leader, sectors=[*sectors, sector_code])
    assert prune_left_out([digest.id]) == held
