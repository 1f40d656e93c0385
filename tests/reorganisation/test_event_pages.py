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
    return {"predecessors": ["stc"], "successor": "skhcn", "on": DAY.isoformat(),
            "note": "QĐ 12/QĐ-UBND", **changes}  # fmt: skip


def test_a_merge_is_previewed_then_confirmed(office, preview_and_confirm, user_by_email):
    moving = _open_led("stc")
    before = written()
    shown, done = preview_and_confirm("merge", _merge())
    preview = shown.text.split('id="preview"')[1]
    assert f"{len(moving)} nhiệm vụ chủ trì" in preview
    assert "officer.stc@tracker.demo" in preview and "Sở Khoa học và Công nghệ" in preview
    assert done.status_code == 302 and done.location.endswith("/admin/reorganisation")
    assert before != written()
    assert moving <= _open_led("skhcn") and not _open_led("stc")
    stc = agency("stc")
    assert (stc.existing_until, stc.successor.code) == (DAY, "skhcn")
    assert user_by_email("officer.stc@tracker.demo").agency.code == "skhcn"
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
        predecessors=["sct", "sgddt"],
        successor="",
        new_code="smoi",
        new_name="Sở Công Thương và Giáo dục",
        new_level="department",
    )
    shown, done = preview_and_confirm("merge", data, {"people": "deactivate"})
    assert agency("smoi") is not None and done.status_code == 302
    smoi = agency("smoi")
    assert (smoi.name, smoi.existing_from) == ("Sở Công Thương và Giáo dục", DAY)
    assert [a.code for a in _event().predecessors] == ["sct", "sgddt"]
    officer = user_by_email("officer.sgddt@tracker.demo")
    assert not officer.active and officer.agency.code == "sgddt"


def test_a_split_by_sector_and_by_item(preview_and_confirm, item_by_code):
    moving = sorted(_open_led("skhcn"))
    one = moving[0]
    data = {"agency": "skhcn", "successors": ["syt", "sct"], "others_to": "syt",
            "on": DAY.isoformat(), "note": "Chia tách"}  # fmt: skip
    sector = next(item_by_code(c).sector.code for c in moving if item_by_code(c).sector)
    choices = {f"sector:{sector}": "sct", f"item:{one}": "sct", "people": "move:sct"}
    shown, done = preview_and_confirm("split", {**data, **choices})
    assert f'name="item:{one}"' in shown.text and f'name="sector:{sector}"' in shown.text
    assert done.status_code == 302, done.text
    assert item_by_code(one).lead_agency.code == "sct"
    for code in moving:
        item = item_by_code(code)
        by_sector = item.sector is not None and item.sector.code == sector
        expected = "sct" if code == one or by_sector else "syt"
        assert item.lead_agency.code == expected, code
    assert db.session.scalar(select(User).where(User.email == "officer.skhcn@tracker.demo")
                             ).agency.code == "sct"  # fmt: skip


def test_a_dissolution_sends_open_items_to_the_named_successor(preview_and_confirm):
    moving = _open_led("sct")
    data = {"agency": "sct", "successors": ["vp-ubnd"], "on": DAY.isoformat(),
            "note": "Giải thể"}  # fmt: skip
    _shown, done = preview_and_confirm("dissolve", data)
    assert done.status_code == 302 and moving <= _open_led("vp-ubnd")
    assert agency("sct").existing_until == DAY and _event().kind == "dissolve"


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
    page = office.get("/admin/reorganisation/split?agency=sct").text
    assert '<option selected value="sct">' in page or '<option value="sct" selected>' in page
