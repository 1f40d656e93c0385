"""The office reads the reorganisations in the browser: the agency list by level and by day,
an agency's page saying what became of it and whose work it took over, the events newest
first."""

from datetime import date

import pytest
from sqlalchemy import select

from tracker.database import db
from tracker.models import Agency
from tracker.reorganisation.apply import apply_event
from tracker.reorganisation.events import EventRequest

OFFICE = "office@tracker.demo"
TODAY = date(2026, 11, 25)
# After the demo's last closed period (June 2026), before the tests' today.
DAY = date(2026, 8, 1)


def _agency(code: str) -> Agency:
    return db.session.scalar(select(Agency).where(Agency.code == code))


def _rows(page: str) -> set[str]:
    return {part.split('"')[0] for part in page.split('<tr id="agency-')[1:]}


def _merge(old: str, into: str, on: date) -> None:
    apply_event(EventRequest("merge", on, (old,), (into,), note="QĐ 1/QĐ-UBND"), None, TODAY)


def test_the_list_is_filtered_by_level_and_by_day(login):
    client = login(OFFICE)
    districts = _rows(client.get("/admin/agencies?level=district").text)
    assert districts and districts == {
        a.code for a in db.session.scalars(select(Agency).where(Agency.level == "district"))
    }
    _merge("stc", "skhcn", DAY)
    before = _rows(client.get("/admin/agencies?on=2026-07-31").text)
    after = _rows(client.get("/admin/agencies?on=2026-08-01").text)
    assert "stc" in before and "stc" not in after and "skhcn" in after
    assert "stc" in _rows(client.get("/admin/agencies").text)  # all, ended ones too


@pytest.mark.parametrize("query", ["level=empire", "on=2025-02-30", "on=yesterday"])
def test_a_bad_filter_is_a_clear_400(login, query):
    response = login(OFFICE).get(f"/admin/agencies?{query}", headers={"Accept-Language": "vi"})
    assert response.status_code == 400


def test_a_merged_agency_says_where_its_work_went_and_the_successor_lists_it(login):
    _merge("stc", "skhcn", DAY)
    client = login(OFFICE)
    stc, skhcn = _agency("stc"), _agency("skhcn")
    page = client.get(f"/admin/reorganisation/agencies/{stc.id}").text
    link = f'<a href="/admin/reorganisation/agencies/{skhcn.id}">{skhcn.name}</a>'
    assert f"Sáp nhập vào {link} từ 01/08/2026" in page
    successor = client.get(f"/admin/reorganisation/agencies/{skhcn.id}").text
    section = successor.split('id="agency-predecessors"')[1]
    assert f'href="/admin/reorganisation/agencies/{stc.id}">{stc.name}</a>' in section
    listing = client.get("/admin/agencies").text.split('id="agency-stc"')[1].split("</tr>")[0]
    assert "01/08/2026" in listing and skhcn.name in listing


def test_the_events_are_listed_newest_first(login):
    _merge("stc", "skhcn", DAY)
    apply_event(EventRequest("rename", date(2026, 9, 1), ("vp-ubnd",),
                             new_name="Văn phòng UBND tỉnh Gia Lai"), None, TODAY)  # fmt: skip
    page = login(OFFICE).get("/admin/reorganisation").text
    assert page.index("01/09/2026") < page.index("01/08/2026")
    assert "Văn phòng UBND tỉnh Gia Lai" in page and "QĐ 1/QĐ-UBND" in page
