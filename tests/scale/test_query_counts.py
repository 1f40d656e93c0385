"""Every page of the three journeys runs a fixed number of SQL statements, whatever the data.

A head opens their agency's list and an item; the office its overdue list, statistics and
dashboard; the leader the dashboard; everyone the items list. Each page is counted (SQLAlchemy's
`before_cursor_execute`), then the data grows — more items of every standing, sub-items,
coordinators, responsible people, and on the item itself more reports, comments, history,
extension requests and files — and the page size changes: the count must stay the same. A
count that grew would be a query per row (an N+1).
"""

from __future__ import annotations

import itertools
from contextlib import contextmanager
from datetime import timedelta

import pytest
from sqlalchemy import event, func, select

from tests.scale.journeys import HEAD, JOURNEY_PAGES, LEADER, OFFICE
from tracker.database import db
from tracker.models import (
    Activity,
    Agency,
    Attachment,
    Comment,
    ExtensionRequest,
    Group,
    Plan,
    ProgressReport,
    Sector,
    User,
    WorkItem,
)

_codes = itertools.count(1)


@contextmanager
def counting_statements():
    counted = [0]

    def count(*_args):
        counted[0] += 1

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield counted
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def statements_of(client, path: str) -> int:
    """SQL statements of the page's second request (the first fills the caches)."""
    assert client.get(path).status_code == 200
    with counting_statements() as counted:
        response = client.get(path)
    assert response.status_code == 200, path
    return counted[0]


def _one(model, **where):
    return db.session.scalar(select(model).filter_by(**where))


def grow_items(today, how_many: int) -> None:
    """Items of every standing led by Sở Y tế, coordinated by others, some with sub-items."""
    plan, group, sector = _one(Plan), db.session.scalars(select(Group)).first(), _one(Sector)
    syt = _one(Agency, code="syt")
    others = db.session.scalars(select(Agency).where(Agency.code != "syt").limit(4)).all()
    staff = db.session.scalars(select(User).where(User.agency_id == syt.id)).all()
    for n in range(how_many):
        deadline = today + timedelta(days=(n % 30) - 15)
        done = n % 5 == 0
        item = WorkItem(
            plan=plan, code=f"SCALE-{next(_codes):04d}", title=f"Việc thử {n}", kind="task",
            group=group, sector=sector, lead_agency=syt, responsible=staff[n % len(staff)],
            assigned_on=today - timedelta(days=60), deadline=deadline, original_deadline=deadline,
            status="completed" if done else "in_progress", progress=100 if done else n % 90,
            completed_on=deadline if done else None,
        )  # fmt: skip
        item.coordinating_agencies = others[: n % 4]
        db.session.add(item)
    db.session.commit()


def grow_item(item: WorkItem, today, how_many: int) -> None:
    """More of everything an item page shows: reports with files, comments, history,
    extension requests and sub-items."""
    officer = _one(User, email="officer.syt@tracker.demo")
    first = db.session.scalar(select(func.count(Comment.id)).where(Comment.item_id == item.id))
    for n in range(first, first + how_many):
        report = ProgressReport(
            item_id=item.id, author_id=officer.id, progress=n, text=f"Báo cáo {n}"
        )
        db.session.add(report)
        db.session.flush()
        db.session.add_all([
            Attachment(item_id=item.id, report_id=report.id, uploaded_by_id=officer.id,
                       filename=f"bc-{n}.pdf", stored_name=f"scale-{item.id}-{n}",
                       content_type="application/pdf", size=100),
            Comment(item_id=item.id, author_id=officer.id, body=f"Ý kiến {n}"),
            Activity(item_id=item.id, actor_id=officer.id, verb="commented", changes={}),
            ExtensionRequest(item_id=item.id, requested_by_id=officer.id, requested_on=today,
                             current_deadline=item.deadline, reason=f"Lý do {n}",
                             proposed_deadline=today + timedelta(days=30 + n), status="rejected",
                             decided_on=today),
            WorkItem(plan_id=item.plan_id, parent_id=item.id, code=f"{item.code}.{n}",
                     title=f"Việc con {n}", kind="task", lead_agency_id=item.lead_agency_id,
                     assigned_on=today, deadline=today + timedelta(days=n),
                     original_deadline=today + timedelta(days=n)),
        ])  # fmt: skip
    db.session.commit()


@pytest.fixture
def journey(app, login, today):
    """(clients by person, the item the pages open)."""
    item = db.session.scalar(
        select(WorkItem).join(Agency, WorkItem.lead_agency_id == Agency.id)
        .where(Agency.code == "syt", WorkItem.parent_id.is_(None)).order_by(WorkItem.id)
    )  # fmt: skip
    return {email: login(email) for email in (HEAD, OFFICE, LEADER)}, item


def count_journey(clients, item) -> dict[tuple[str, str], int]:
    return {
        (who, page): statements_of(clients[who], page.format(item=item.id))
        for who, page in JOURNEY_PAGES
    }


def test_queries_do_not_grow_with_the_data(app, journey, today):
    clients, item = journey
    # A few of everything first: a kind of record that appears for the first time may add
    # one statement (a batch load that had nothing to load), once, whatever follows.
    grow_items(today, how_many=3)
    grow_item(item, today, how_many=1)
    before = count_journey(clients, item)
    grow_items(today, how_many=60)
    grow_item(item, today, how_many=12)
    after = count_journey(clients, item)
    assert after == before


def test_queries_do_not_grow_with_the_page_size(app, journey, today):
    clients, item = journey
    grow_items(today, how_many=60)
    app.config["ITEMS_PER_PAGE"] = 5
    small = count_journey(clients, item)
    app.config["ITEMS_PER_PAGE"] = 100
    large = count_journey(clients, item)
    assert large == small


def test_the_pages_show_what_grew(app, journey, today):
    """The counts above are of pages that do list the new rows (not of empty pages)."""
    clients, item = journey
    grow_items(today, how_many=60)
    grow_item(item, today, how_many=12)
    app.config["ITEMS_PER_PAGE"] = 100
    assert "SCALE-0" in clients[HEAD].get("/agency/").text
    page = clients[HEAD].get(f"/items/{item.id}").text
    assert "Ý kiến 11" in page and "bc-11.pdf" in page
