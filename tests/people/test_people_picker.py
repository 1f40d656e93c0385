"""Person pickers at every size: a province's few hundred people are listed with the page; a
ministry's tens of thousands are searched as one types (/people/lookup), and the page carries
only the person chosen."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from tests.people.conftest import ADMIN, HEAD, OFFICE, OFFICER, user
from tracker.database import db
from tracker.domain.text import fold
from tracker.models import Role, User, WorkItem

LOOKUP = "/people/lookup/responsible"


def _options(page: str, name: str) -> list[str]:
    """The values of a <select name=…>'s options, in the page's order."""
    select_element = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', page, re.S)
    assert select_element, name
    return re.findall(r'<option[^>]*value="([^"]*)"', select_element.group(1))


def _answerable() -> int:
    roles = (Role.HEAD.value, Role.OFFICER.value, Role.STAFF.value)
    query = select(func.count()).where(User.active.is_(True), User.role.in_(roles))
    return db.session.scalar(query)


def _few(app, how_many: int) -> None:
    """Make the deployment "large": more people than the pickers list with the page."""
    app.config["PICKER_INLINE_LIMIT"] = how_many


def test_a_province_s_people_come_with_the_page(login):
    page = login(OFFICE).get("/items/new").text
    assert len(_options(page, "responsible_id")) == 1 + _answerable()
    assert "data-lookup" not in page


def test_beyond_the_limit_the_page_carries_the_chosen_person_and_the_lookup(
    app, login, item_by_code
):
    _few(app, 3)
    office = login(OFFICE)
    new = office.get("/items/new").text
    assert _options(new, "responsible_id") == [""]
    assert f'data-lookup="{LOOKUP}"' in new
    item = item_by_code("NV-LV-01")
    head = user(HEAD)
    item.responsible_id = head.id
    db.session.commit()
    edit = office.get(f"/items/{item.id}/assignment").text
    assert _options(edit, "responsible_id") == ["", str(head.id)]
    assert f"{head.name} — " in edit


def test_a_person_found_by_the_lookup_is_accepted_and_anyone_else_refused(app, login):
    _few(app, 3)
    office, officer = login(OFFICE), user(OFFICER)
    fields = {"code": "NV-MOI-77", "kind": "task", "title": "Việc mới",
              "lead_agency_id": officer.agency_id, "target_comparison": "at_least"}  # fmt: skip
    for stranger in (999_999, user(ADMIN).id):  # nobody, and someone who answers for nothing
        refused = office.post("/items/new", data={**fields, "responsible_id": stranger})
        assert refused.status_code == 400
        assert db.session.scalar(select(WorkItem).where(WorkItem.code == "NV-MOI-77")) is None
    created = office.post("/items/new", data={**fields, "responsible_id": officer.id})
    assert created.status_code == 302, re.findall(r"invalid-feedback[^>]*>([^<]*)", created.text)
    item = db.session.scalar(select(WorkItem).where(WorkItem.code == "NV-MOI-77"))
    assert item.responsible_id == officer.id


def test_the_lookup_finds_every_word_typed_without_diacritics(login):
    office, head = login(OFFICE), user(HEAD)
    words = fold(head.name).split()
    typed = " ".join(reversed([words[0], words[-1]]))  # "hai nguyen" finds "Nguyễn Văn Hải"
    people = office.get(LOOKUP, query_string={"q": typed}).json["people"]
    assert {"value": head.id, "text": f"{head.name} — {head.agency.short_name}"} in people
    assert all(
        all(word in fold(person["text"]) for word in typed.split())
        or all(word in db.session.get(User, person["value"]).search_text for word in typed.split())
        for person in people
    )
    by_address = office.get(LOOKUP, query_string={"q": "HEAD.SYT@"}).json["people"]
    assert [person["value"] for person in by_address] == [head.id]


def test_the_lookup_returns_a_screenful_and_only_people_who_answer_for_items(login):
    office = login(OFFICE)
    everyone = office.get(LOOKUP, query_string={"q": "tracker.demo"}).json["people"]
    assert len(everyone) == min(30, _answerable())
    found = {person["value"] for person in everyone}
    assert user(ADMIN).id not in found and user("leader@tracker.demo").id not in found
    left = user(OFFICER)
    left.active = False
    db.session.commit()
    assert office.get(LOOKUP, query_string={"q": OFFICER}).json["people"] == []
    assert office.get(LOOKUP, query_string={"q": "   "}).json["people"] == []


def test_who_may_look_people_up(login, client):
    assert client.get(LOOKUP, query_string={"q": "syt"}).status_code == 302
    assert login(HEAD).get(LOOKUP, query_string={"q": "syt"}).status_code == 403
    assert login(OFFICE).get("/people/lookup/anyone", query_string={"q": "syt"}).status_code == 403
    assert login(OFFICE).get("/people/lookup/everybody").status_code == 404
    anyone = login(ADMIN).get("/people/lookup/anyone", query_string={"q": "leader"}).json
    leader = user("leader@tracker.demo")
    assert {"value": str(leader.id), "text": f"{leader.name} — {leader.email}"} in anyone["people"]


def test_a_search_longer_than_any_name_is_refused_in_the_user_s_language(login):
    response = login(OFFICE).get(LOOKUP, query_string={"q": "a" * 101})
    assert response.status_code == 400
    assert response.json["message"] == "Chỉ gõ tối đa 100 ký tự của tên."


def test_the_searched_text_follows_every_change_of_name(login):
    officer = user(OFFICER)
    officer.name = "Trần Thị Đào"
    db.session.commit()
    found = login(OFFICE).get(LOOKUP, query_string={"q": "tran dao"}).json["people"]
    assert [person["value"] for person in found] == [officer.id]
    assert officer.search_text == fold(f"Trần Thị Đào {OFFICER} {officer.title}")


@pytest.mark.parametrize("actor", ["office@tracker.demo", "admin@tracker.demo"])
def test_the_audit_log_filters_by_a_person_beyond_the_limit(app, login, actor):
    _few(app, 1)
    admin, chosen = login(ADMIN), user(actor)
    page = admin.get(f"/admin/audit?actor={chosen.id}")
    assert page.status_code == 200
    assert _options(page.text, "actor") == ["", str(chosen.id)]
    assert 'data-lookup="/people/lookup/anyone"' in page.text
    assert admin.get("/admin/audit?actor=999999").status_code == 400
