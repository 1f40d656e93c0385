"""Every count takes each piece of work once: an item broken into sub-items through them, a
recurring duty through its occurrences (tracker.counting), and every page counting items says so.
The pages agree with each other and with a count made here from the items themselves."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta

from sqlalchemy import select

from tracker.clock import local_today
from tracker.database import db
from tracker.items.queries import standing_of
from tracker.models import Agency, Plan, WorkItem
from tracker.reports.statistics import Dimension, table

OFFICE = "office@tracker.demo"
NOTE = "Số liệu đếm mỗi phần việc một lần"


def _item(code: str, agency: str = "syt", **values) -> WorkItem:
    plan = db.session.scalar(select(Plan).where(Plan.number == "59/KH-UBND"))
    lead = db.session.scalar(select(Agency).where(Agency.code == agency))
    values.setdefault("assigned_on", date(2025, 1, 2))
    item = WorkItem(plan=plan, code=code, kind="task", title=f"Việc {code}", lead_agency=lead,
                    original_deadline=values.get("deadline"), **values)  # fmt: skip
    db.session.add(item)
    db.session.flush()
    return item


def pieces_of_work_by_standing(today: date) -> Counter[str]:
    """The reference: every item that is neither a parent nor a recurring duty, by standing."""
    items = db.session.scalars(select(WorkItem)).all()
    parents = {item.parent_id for item in items if item.parent_id is not None}
    return Counter(
        standing.value
        for item in items
        if item.id not in parents and item.recurrence is None
        if (standing := standing_of(item, today)) is not None
    )


def _badges(page: str) -> Counter[str]:
    found = re.findall(
        r'standing=(\w+)&?[^"]*"><span class="badge standing-\w+">(\d+)</span>', page
    )
    return Counter({standing: int(number) for standing, number in found})


def test_a_recurring_duty_and_a_broken_down_item_count_through_their_pieces(login, today):
    duty = _item("DINH-KY-1", recurrence="monthly", recur_day=15, recur_month=1)
    parent = _item("CHA-1", deadline=today - timedelta(days=40), status="in_progress")
    _item("CHA-1.1", parent=parent, deadline=today + timedelta(days=20), status="in_progress")
    db.session.commit()
    expected = pieces_of_work_by_standing(today)
    client = login(OFFICE)

    items_page = client.get("/items/").text
    assert _badges(items_page) == expected and NOTE in items_page
    listed = int(re.search(r"(\d+) mục", items_page).group(1))
    assert listed == db.session.query(WorkItem).count()  # the list still shows every item

    statistics = table(Dimension.AGENCY, local_today())
    assert statistics.total.total == sum(expected.values())
    overview = client.get("/").text
    assert NOTE in overview
    assert f'<div class="display-6">{sum(expected.values())}</div>' in overview

    documents = client.get("/documents/").text
    assert NOTE in documents
    assert f'document=59/KH-UBND">{_plan_total(today)}</a>' in documents

    overdue = client.get("/office/overdue?scope=all").text
    assert (
        NOTE in overdue and ">CHA-1<" not in overdue and "CHA-1" not in overdue.split("<tbody")[1]
    )
    idle = client.get("/office/idle").text
    assert "DINH-KY-1" not in idle  # a duty has no deadline of its own: it is never idle
    assert duty.id and "DINH-KY-1" in client.get("/items/?q=DINH-KY").text
    # The list behind a count shows what the count counted.
    assert "DINH-KY-1" not in client.get("/items/?standing=no_deadline&q=DINH-KY").text


def _plan_total(today: date) -> int:
    plan = db.session.scalar(select(Plan.id).where(Plan.number == "59/KH-UBND"))
    items = db.session.scalars(select(WorkItem).where(WorkItem.plan_id == plan)).all()
    parents = {item.parent_id for item in items}
    return sum(
        1
        for item in items
        if item.id not in parents and item.recurrence is None and item.status != "cancelled"
    )


def test_the_agency_page_counts_each_piece_of_work_once(login, today):
    parent = _item("CHA-2", deadline=today - timedelta(days=5), status="in_progress")
    _item("CHA-2.1", parent=parent, deadline=today + timedelta(days=30), status="in_progress")
    db.session.commit()
    page = login("head.syt@tracker.demo").get("/agency/").text
    assert NOTE in page
    syt = db.session.scalar(select(Agency.id).where(Agency.code == "syt"))
    items = db.session.scalars(select(WorkItem).where(WorkItem.lead_agency_id == syt)).all()
    parents = {item.parent_id for item in items}
    overdue = sum(
        1
        for item in items
        if item.id not in parents and item.recurrence is None
        and standing_of(item, today) is not None and standing_of(item, today).value == "overdue"
    )  # fmt: skip
    card = re.search(
        r'data-count="overdue">\s*<div class="card-body py-2"><div class="fs-3">(\d+)<', page
    )
    assert card and int(card.group(1)) == overdue
