"""The overdue list's rows and its counts by agency are rendered once per page while nothing
they show changed (tracker.overdue.views), and a change shows at once: an item's, the
responsible person's new name (a users' write), a letter issued to an agency.

A second application on the same database stands for another web worker: its own memory, the
same data.
"""

from __future__ import annotations

import re

from sqlalchemy import select

from tests.workers import another_worker, statements_of
from tracker.database import db
from tracker.models import Agency, UrgingLetter, User, WorkItem

OFFICE = "office@tracker.demo"


def rows(html: str) -> list[tuple[str, str]]:
    """(code, responsible person) of each row of the list, in order."""
    table = html.split('id="overdue"')[1].split("</table>")[0]
    found = re.findall(
        r'<a href="/items/\d+">([^<]+)</a>.*?<td>([^<]*)</td>\s*</tr>', table, flags=re.S
    )
    return [(code, person.strip()) for code, person in found]


def letters_column(html: str, agency: Agency) -> str:
    table = html.split('id="overdue-by-agency"')[1].split("</table>")[0]
    row = table.split(f'value="{agency.code}"')[1].split("</tr>")[0]
    return row.split('class="small text-muted letters-sent">')[1].split("</td>")[0]


def read_rows(statements: list[str]) -> bool:
    """Whether the list's rows were read (the statements that page through its items)."""
    return any("FROM work_items" in s and "LIMIT" in s for s in statements)


def test_the_list_opened_again_reads_no_rows_and_shows_the_same(app, login):
    client = login(OFFICE)
    with statements_of(app) as first:
        before = client.get("/office/overdue").text
    with statements_of(app) as again:
        after = client.get("/office/overdue?sort=agency").text
    assert read_rows(first) and not read_rows(again)
    assert rows(after) == rows(before) and len(rows(before)) > 5


def test_a_new_name_of_the_responsible_person_shows_at_once(app, login, database_url):
    client = login(OFFICE)
    code, person = next((code, name) for code, name in rows(client.get("/office/overdue").text)
                        if name != "—")  # fmt: skip
    with another_worker(database_url, OFFICE) as (other, _client), other.app_context():
        item = db.session.scalar(select(WorkItem).where(WorkItem.code == code))
        assert item.responsible.name == person
        item.responsible.name = "Nguyễn Văn Đổi Tên"
        db.session.commit()
    after = dict(rows(client.get("/office/overdue").text))
    assert after[code] == "Nguyễn Văn Đổi Tên"


def test_a_sign_in_keeps_the_rendered_rows(app, login):
    """Writing the users table elsewhere than a shown column (a sign-in's time) is no change."""
    client = login(OFFICE)
    client.get("/office/overdue")
    office = db.session.scalar(select(User).where(User.email == OFFICE))
    office.language = office.language  # no change at all
    office.phone = "0256 3822 000"
    db.session.commit()
    with statements_of(app) as seen:
        client.get("/office/overdue")
    assert not read_rows(seen)


def test_a_letter_issued_to_an_agency_shows_at_once(app, login, today):
    client = login(OFFICE)
    before = client.get("/office/overdue").text
    code = re.search(r'name="agency" value="([^"]+)"', before.split('id="overdue-by-agency"')[1])
    agency = db.session.scalar(select(Agency).where(Agency.code == code.group(1)))
    assert letters_column(before, agency) == ""
    db.session.add(UrgingLetter(
        agency_id=agency.id, number="77/VP-TH", issued_on=today, as_of=today,
        signer_title="CHÁNH VĂN PHÒNG", signer_name="Trần Thị Ký",
    ))  # fmt: skip
    db.session.commit()
    assert "77/VP-TH" in letters_column(client.get("/office/overdue").text, agency)


def chosen_agency(html: str) -> list[str]:
    """The agencies the filter offers, the selected one marked with a star."""
    select_ = html.split('name="agency"')[1].split("</select>")[0]
    return [
        f"{value}*" if selected else value
        for value, selected in re.findall(r'<option value="([^"]*)"( selected)?>', select_)
    ]


def test_the_filters_follow_the_choice_the_data_and_the_language(app, login, today):
    client = login(OFFICE)
    first = client.get("/office/overdue").text
    assert "*" not in "".join(chosen_agency(first)[1:]) and "snew" not in chosen_agency(first)
    db.session.add(Agency(code="snew", name="Sở Mới Thành Lập"))
    db.session.commit()
    assert "snew" in chosen_agency(client.get("/office/overdue").text)
    assert "syt*" in chosen_agency(client.get("/office/overdue?agency=syt").text)
    earlier = (today.replace(day=1)).isoformat()
    assert f'value="{earlier}"' in client.get(f"/office/overdue?as_of={earlier}").text
    office = db.session.scalar(select(User).where(User.email == OFFICE))
    office.language = "en"
    db.session.commit()
    assert "Escalation level" in client.get("/office/overdue").text.split('id="filters"')[1]
