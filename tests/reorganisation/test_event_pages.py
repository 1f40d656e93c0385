"""The office records each kind of reorganisation in the browser: a preview of what moves
(the same plan as `--dry-run`), then a confirmation that does it in one transaction."""

from sqlalchemy import select

from tracker.database import db
from tracker.models import ReorganisationEvent, User, WorkItem
from tracker.models.items import CLOSED_STATUSES

from .conftest import DAY, agency, written


def _open_led(code: str) -> set[str]:
    return set(db.session.scalars(
        select(WorkItem.code).where(WorkItem.lead_agency_id == agency(code).id,
                                    WorkItem.status.notin_(CLOSED_STATUSES))
    ))  # fmt: skip


def _event() -> ReorganisationEvent:
    return db.session.scalar(select(ReorganisationEvent).order_by(ReorganisationEvent.id.desc()))


def _merge(**changes) -> dict:
    return {"predecessors": ["stttt"], "successor": "skhcn", "on": DAY.isoformat(),
            "note": "QĐ 12/QĐ-UBND", **changes}  # fmt: skip


def test_a_merge_is_previewed_then_confirmed(office, preview_and_confirm, user_by_email):
    moving = _open_led("stttt")
    before = written()
    shown, done = preview_and_confirm("merge", _merge())
    preview = shown.text.split('id="preview"')[1]
    assert f"{len(moving)} nhiệm vụ chủ trì" in preview
    assert "officer.stttt@tracker.demo" in preview and "Sở Khoa học và Công nghệ" in preview
    assert done.status_code == 302 and done.location.endswith("/admin/reorganisation")
    assert before != written()
    assert moving <= _open_led("skhcn") and not _open_led("stttt")
    stttt = agency("stttt")
    assert (stttt.existing_until, stttt.successor.code) == (DAY, "skhcn")
    assert user_by_email("officer.stttt@tracker.demo").agency.code == "skhcn"
    event = _event()
    assert (event.kind, event.note, event.created_by.email) == (
        "merge",
        "QĐ 12/QĐ-UBND",
        "office@tracker.demo",
    )
    assert "Đã ghi nhận" in office.get("/admin/reorganisation").text


def test_the_preview_writes_nothing(office):
    before = written()
    shown = office.post("/admin/reorganisation/merge", data={**_merge(), "action": "preview"})
    assert shown.status_code == 200 and 'id="confirm-button"' in shown.text
    assert written() == before


def test_a_merger_into_a_new_agency_and_its_people_deactivated(preview_and_confirm, user_by_email):
    data = _merge(
        predecessors=["snnptnt", "stnmt"],
        successor="",
        new_code="snnmt",
        new_name="Sở Nông nghiệp và Môi trường",
        new_level="department",
    )
    shown, done = preview_and_confirm("merge", data, {"people": "deactivate"})
    assert agency("snnmt") is not None and done.status_code == 302
    snnmt = agency("snnmt")
    assert (snnmt.name, snnmt.existing_from) == ("Sở Nông nghiệp và Môi trường", DAY)
    assert [a.code for a in _event().predecessors] == ["snnptnt", "stnmt"]
    officer = user_by_email("officer.stnmt@tracker.demo")
    assert not officer.active and officer.agency.code == "stnmt"


def test_a_split_by_sector_and_by_item(preview_and_confirm, item_by_code):
    moving = sorted(_open_led("snnptnt"))
    one = moving[0]
    data = {"agency": "snnptnt", "successors": ["syt", "sct"], "others_to": "syt",
            "on": DAY.isoformat(), "note": "Chia tách"}  # fmt: skip
    sector = item_by_code(moving[-1]).sector.code
    choices = {f"sector:{sector}": "sct", f"item:{one}": "sct", "people": "move:sct"}
    shown, done = preview_and_confirm("split", {**data, **choices})
    assert f'name="item:{one}"' in shown.text and f'name="sector:{sector}"' in shown.text
    assert done.status_code == 302, done.text
    assert item_by_code(one).lead_agency.code == "sct"
    for code in moving:
        item = item_by_code(code)
        expected = "sct" if code == one or item.sector.code == sector else "syt"
        assert item.lead_agency.code == expected, code
    assert db.session.scalar(select(User).where(User.email == "officer.snnptnt@tracker.demo")
                             ).agency.code == "sct"  # fmt: skip


def test_a_dissolution_sends_open_items_to_the_named_successor(preview_and_confirm):
    moving = _open_led("sdl")
    data = {"agency": "sdl", "successors": ["vp-ubnd"], "on": DAY.isoformat(),
            "note": "Giải thể"}  # fmt: skip
    _shown, done = preview_and_confirm("dissolve", data)
    assert done.status_code == 302 and moving <= _open_led("vp-ubnd")
    assert agency("sdl").existing_until == DAY and _event().kind == "dissolve"


def test_a_rename_and_a_change_of_parent(preview_and_confirm):
    data = {"agency": "vp-ubnd", "new_name": "Văn phòng UBND tỉnh Gia Lai",
            "on": DAY.isoformat(), "note": "NQ 202/2025/QH15"}  # fmt: skip
    shown, done = preview_and_confirm("rename", data)
    assert 'id="nothing-moves"' in shown.text and done.status_code == 302
    assert agency("vp-ubnd").name == "Văn phòng UBND tỉnh Gia Lai"
    data = {"agency": "syt", "new_parent": "vp-ubnd", "on": DAY.isoformat(), "note": "QĐ"}
    _shown, done = preview_and_confirm("reparent", data)
    assert done.status_code == 302 and agency("syt").parent.code == "vp-ubnd"
    assert _event().kind == "reparent"


def test_the_pages_start_from_the_agency_the_office_came_from(office):
    page = office.get("/admin/reorganisation/split?agency=sdl").text
    assert '<option selected value="sdl">' in page or '<option value="sdl" selected>' in page
