"""The item list and the agency's page are reused while nothing they show changed
(tracker.reports.cache), and a change made anywhere shows at once: through another worker, or a
person moved to another agency.

A second application on the same database stands for another web worker: its own memory, the
same data.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from tests.workers import another_worker, statements_of
from tracker.counting import piece_of_work
from tracker.database import db
from tracker.items.queries import ItemFilters, count_items
from tracker.models import Agency, User, WorkItem

HEAD = "head.syt@tracker.demo"
OFFICE = "office@tracker.demo"
#: The statements that choose and count the lists' items (not those that load the page's rows).
CHOOSING = ("ORDER BY", "count(", "GROUP BY")


def chose_items(statements: list[str]) -> bool:
    return any(
        "FROM work_items" in statement and any(part in statement for part in CHOOSING)
        for statement in statements
    )


def codes(html: str) -> list[str]:
    """The codes of the table's rows, in order."""
    table = html.split('id="items"')[1].split("</table>")[0]
    return re.findall(r'<td class="text-nowrap"><a href="/items/\d+">([^<]+)</a>', table)


def counts(html: str) -> dict[str, int]:
    """The counts by standing above the list."""
    return {
        standing: int(number)
        for standing, number in re.findall(
            r'<span class="badge standing-([a-z_]+)">(\d+)</span>', html
        )
    }


def agency_counts(html: str) -> dict[str, int]:
    """The agency page's cards: due soon, and the counts by standing."""
    return {
        what: int(number)
        for what, number in re.findall(
            r'data-count="([a-z_]+)">\s*(?:<div[^>]*>)*\s*<div class="fs-3">(\d+)', html
        )
    }


def led_ids(html: str) -> list[str]:
    """The items the agency leads, as its page lists them."""
    led = html.split('id="led-items"')[1].split("<h2")[0]
    return re.findall(r'href="/items/(\d+)"', led)


def total(html: str) -> int:
    return int(re.search(r'<p class="mb-2">\s*(\d+)', html).group(1))


@pytest.fixture
def office_elsewhere(database_url):
    """The office signed in on another worker."""
    with another_worker(database_url, OFFICE) as (_app, client):
        yield client


@pytest.mark.parametrize(
    ("page", "listed", "counted", "at_least"),
    [("/items/", codes, counts, 10), ("/agency/", led_ids, agency_counts, 5)],
)
def test_a_list_opened_again_is_not_chosen_again(app, login, page, listed, counted, at_least):
    client = login(HEAD)
    with statements_of(app) as first:
        before = client.get(page).text
    with statements_of(app) as again:
        after = client.get(f"{page}?page=1").text
    assert chose_items(first) and not chose_items(again)
    assert listed(after) == listed(before) and len(listed(before)) > at_least
    assert counted(after) == counted(before) and len(counted(before)) >= 4


def test_each_person_has_their_own_list(app, login):
    head, office = login(HEAD), login(OFFICE)
    mine, everything = head.get("/items/").text, office.get("/items/").text
    assert total(mine) < total(everything)
    assert head.get("/items/").text.count("<tr>") == mine.count("<tr>")
    assert total(office.get("/items/").text) == total(everything)


def an_overdue_item_of_syt(today) -> WorkItem:
    syt = select(Agency.id).where(Agency.code == "syt").scalar_subquery()
    return db.session.scalar(
        select(WorkItem)
        .where(
            WorkItem.lead_agency_id == syt,
            WorkItem.status.notin_(("completed", "cancelled")),
            WorkItem.deadline < today,
            piece_of_work(),
        )
        .order_by(WorkItem.id)
    )


def test_a_change_through_another_worker_shows_at_once(app, login, office_elsewhere, today):
    client = login(HEAD)
    before, agency_before = client.get("/items/").text, client.get("/agency/").text
    overdue = an_overdue_item_of_syt(today)
    cancelled = office_elsewhere.post(
        f"/items/{overdue.id}/cancel",
        data={"version": overdue.version, "reason": "Không còn phù hợp"},
    )
    assert cancelled.status_code == 302
    with statements_of(app) as seen:
        after = client.get("/items/").text
    assert chose_items(seen)
    assert counts(after)["overdue"] == counts(before)["overdue"] - 1
    agency_after = client.get("/agency/").text
    assert agency_counts(agency_after)["overdue"] == agency_counts(agency_before)["overdue"] - 1


def test_a_person_moved_to_another_agency_sees_its_list_at_once(app, login, today):
    """Moving a person writes only the users table, which no figure is computed from: the
    list is kept per person and agency, so the move needs no new data version."""
    client = login(HEAD)
    before = client.get("/items/").text
    head = db.session.scalar(select(User).where(User.email == HEAD))
    head.agency_id = db.session.scalar(select(Agency.id).where(Agency.code == "stttt"))
    db.session.commit()
    after = client.get("/items/").text
    assert codes(after) != codes(before)
    assert total(after) == count_items(head, ItemFilters(), today) != total(before)


def rows_of(html: str) -> str:
    return html.split('id="item-cards"')[1].split("</table>")[0]


def test_the_rows_follow_a_change_a_language_and_a_role(app, login, today):
    """The list's rows are rendered once per page, language and role while the data holds."""
    client = login(HEAD)
    first = client.get("/items/").text
    assert rows_of(client.get("/items/").text) == rows_of(first)  # the same rows, rendered once
    item = db.session.scalar(select(WorkItem).where(WorkItem.code == codes(first)[0]))
    item.title = "Tên đã sửa của nhiệm vụ"
    db.session.commit()
    changed = client.get("/items/").text
    assert "Tên đã sửa của nhiệm vụ" in rows_of(changed)
    head = db.session.scalar(select(User).where(User.email == HEAD))
    head.language = "en"
    db.session.commit()
    english = client.get("/items/").text
    assert "Deadline" in rows_of(english) and "Deadline" not in rows_of(changed)
    assert 'name="selected"' in rows_of(english)  # a head is offered bulk actions
    head.role = "officer"  # a users' write: no new data version, but another role's rows
    db.session.commit()
    assert 'name="selected"' not in rows_of(client.get("/items/").text)


def options(html: str, name: str) -> dict[str, bool]:
    """The choices of the filter `name`: value -> whether it is selected."""
    select_ = html.split(f'name="{name}"')[1].split("</select>")[0]
    return {
        value: bool(selected)
        for selected, value in re.findall(r'<option( selected)? value="([^"]*)"', select_)
    }


def filters_of(html: str) -> str:
    return html.split('id="filters"')[1].split("</form>")[0]


def test_the_filters_follow_the_data_the_query_and_the_language(app, login):
    """The filters are rendered once per query and language while the data holds."""
    client = login(HEAD)
    first = client.get("/items/").text
    assert filters_of(client.get("/items/").text) == filters_of(first)
    assert "snew" not in options(first, "agency") and options(first, "agency")[""]
    db.session.add(Agency(code="snew", name="Sở Mới Thành Lập"))
    db.session.commit()
    added = client.get("/items/").text
    assert "snew" in options(added, "agency") and "Sở Mới Thành Lập" in filters_of(added)
    chosen = options(client.get("/items/?agency=syt").text, "agency")
    assert chosen["syt"] and not chosen["snew"] and not chosen[""]
    head = db.session.scalar(select(User).where(User.email == HEAD))
    head.language = "en"
    db.session.commit()
    assert "Due from" in filters_of(client.get("/items/").text)
    assert "Due from" not in filters_of(added)


def led_cards(html: str) -> str:
    return html.split('id="led-items"')[1].split("<h2")[0]


def test_the_agency_cards_are_rendered_once_and_follow_a_new_name(app, login):
    client = login(HEAD)
    first = client.get("/agency/").text
    with statements_of(app) as again:
        assert led_cards(client.get("/agency/").text) == led_cards(first)
    assert not any("work_items.title" in statement for statement in again)  # no item loaded
    responsible = db.session.scalar(
        select(User)
        .join(WorkItem, WorkItem.responsible_id == User.id)
        .where(WorkItem.id == int(led_ids(first)[0]))
    )
    assert responsible.name in led_cards(first)
    responsible.name = "Lê Thị Tên Mới"
    db.session.commit()
    assert "Lê Thị Tên Mới" in led_cards(client.get("/agency/").text)
