"""The plan overview: counts by standing, pillar, group and sector, linked to the list."""

import re

from sqlalchemy import select

from tracker.database import db
from tracker.items.queries import standing_of
from tracker.models import WorkItem


def test_overview_counts_match_the_items(login, today):
    page = login("office@tracker.demo").get("/").text
    assert "Kế hoạch triển khai thực hiện chuyển đổi số tỉnh Bình Định" in page
    items = db.session.scalars(select(WorkItem)).all()
    # Each piece of work once: an item with sub-items through them, a duty through occurrences.
    parents = {item.parent_id for item in items}
    counted = [item for item in items if item.id not in parents and item.recurrence is None]
    for standing in ("done_on_time", "done_late", "overdue", "in_progress"):
        count = sum(1 for item in counted if standing_of(item, today) == standing)
        card = page.split(f'data-standing="{standing}"')[1]
        assert f'<div class="display-6">{count}</div>' in card.split("</a>")[0]


def test_overview_lists_pillars_groups_and_sectors(login):
    page = login("office@tracker.demo").get("/").text
    for name in (
        "Chính quyền số",
        "Kinh tế số",
        "Xã hội số",
        "Nhiệm vụ, giải pháp chung",
        "Y tế",
        "Du lịch",
        "Thông tin, báo chí",
    ):
        assert name in page
    assert "/items/?pillar=CQS" in page
    assert "/items/?standing=overdue&amp;sector=y-te" in page or "sector=y-te" in page


def test_english_overview(login):
    client = login("office@tracker.demo")
    client.post("/language/en")
    page = client.get("/").text
    assert "Completed on time" in page
    assert "Chính quyền số" in page  # data stays in Vietnamese


def test_the_menu_links_each_page_once(login):
    def menu(email: str) -> list[str]:
        html = login(email).get("/items/").text
        nav = html.split('<ul class="navbar-nav')[1].split("</ul>")[0]
        return re.findall(r'class="nav-link" href="([^"]+)"', nav)

    office, officer = menu("office@tracker.demo"), menu("officer.syt@tracker.demo")
    assert office[0] == "/" and len(office) == len(set(office))
    assert "/" not in officer and officer.count("/agency/") == 1  # an agency's overview is its page
