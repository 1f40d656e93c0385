"""What every page's frame reads, read once: the saved filters for the menu and the item list's
panel, the portfolio for the overview's dashboard and its switch; and what the pages opened
all day read of the data (names, the working calendar), kept per data version and read again
as soon as it changes (tracker.web.templating, tracker.plans.views, tracker.overdue.views).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta

from sqlalchemy import select

from tests.workers import another_worker, statements_of
from tracker.database import db
from tracker.models import CalendarDay, SavedFilter, Sector, User
from tracker.reminders.policy import load_policy, save_policy

HEAD = "head.syt@tracker.demo"
OFFICE = "office@tracker.demo"


def reads(statements: list[str], table: str) -> int:
    return sum(f"FROM {table}" in statement for statement in statements)


def portfolio_reads(statements: list[str]) -> int:
    """The statements reading what a person's portfolio holds (not the figures counted in it)."""
    return sum("UNION ALL" in s and "sectors.leader_id" in s for s in statements)


def test_the_menu_and_the_panel_read_the_saved_filters_once(app, login):
    client = login(HEAD)
    head = db.session.scalar(select(User).where(User.email == HEAD))
    db.session.add_all([
        SavedFilter(user_id=head.id, name="Ghim trên menu", query="standing=overdue", pinned=True),
        SavedFilter(user_id=head.id, name="Chỉ trong danh sách", query="kind=target"),
    ])  # fmt: skip
    db.session.commit()
    with statements_of(app) as statements:
        page = client.get("/items/").text
    assert reads(statements, "saved_filters") == 1
    menu = page.split('id="nav-filters"')[1].split("</li></ul>")[0]
    panel = page.split('id="saved-filters"')[1].split("</details>")[0]
    assert "Ghim trên menu" in menu and "Chỉ trong danh sách" not in menu
    assert "Ghim trên menu" in panel and "Chỉ trong danh sách" in panel


def test_the_overview_reads_the_portfolio_once(app, login):
    office = login(OFFICE)
    office.get("/")
    with statements_of(app) as statements:
        page = office.get("/").text
    assert portfolio_reads(statements) == 1 and 'id="scope-switch"' not in page
    leader = db.session.scalar(select(User).where(User.email == "leader@tracker.demo"))
    db.session.scalars(select(Sector)).first().leader_id = leader.id
    db.session.commit()
    leader_client = login("leader@tracker.demo")
    leader_client.get("/")  # counts the figures of the portfolio; the next request keeps them
    with statements_of(app) as statements:
        page = leader_client.get("/").text
    assert portfolio_reads(statements) == 1
    assert 'id="scope-switch"' in page and 'id="scope-note"' in page  # their sector, by default


def test_the_overdue_list_keeps_the_names_and_the_calendar_until_they_change(
    app, login, database_url, today
):
    client = login(OFFICE)
    client.get("/office/overdue")
    with statements_of(app) as again:
        assert client.get("/office/overdue").status_code == 200
    assert reads(again, "calendar_days") == 0 and reads(again, "groups") == 0
    with another_worker(database_url, OFFICE) as (other, _client), other.app_context():
        day_off = next(today + timedelta(days=n) for n in range(1, 8)
                       if (today + timedelta(days=n)).weekday() < 5)  # fmt: skip
        db.session.add(CalendarDay(day=day_off, working=False, note="Nghỉ bù"))
        db.session.commit()
    with statements_of(app) as after:
        assert client.get("/office/overdue").status_code == 200
    assert reads(after, "calendar_days") == 1 and reads(after, "groups") == 1


def test_the_agency_page_keeps_the_calendar_until_a_day_is_swapped(app, login, today):
    client = login(HEAD)
    client.get("/agency/")
    with statements_of(app) as again:
        client.get("/agency/")
    assert reads(again, "calendar_days") == 0
    db.session.add(CalendarDay(day=today + timedelta(days=400), working=False, note="Nghỉ"))
    db.session.commit()
    with statements_of(app) as after:
        client.get("/agency/")
    assert reads(after, "calendar_days") == 1


def levels(html: str) -> list[str]:
    """The escalation level of each row of the overdue list."""
    return re.findall(r'class="badge escalation-(\d)"', html)


def test_a_policy_saved_elsewhere_moves_the_levels_at_once(app, login, database_url):
    client = login(OFFICE)
    before = levels(client.get("/office/overdue").text)
    with statements_of(app) as again:
        assert levels(client.get("/office/overdue").text) == before
    assert reads(again, "reminder_settings") == 0
    assert "3" in before  # some items are overdue long enough for the leadership (level 3)
    with another_worker(database_url, OFFICE) as (other, _client), other.app_context():
        policy = replace(load_policy(), leader_after_days=365)
        save_policy(policy, db.session.scalar(select(User).where(User.email == OFFICE)))
        db.session.commit()
    after = levels(client.get("/office/overdue").text)
    # Items overdue less than a year are now at the office's level (2), not the leadership's.
    assert len(after) == len(before) and after.count("3") < before.count("3")
