"""Importing people from an Excel sheet: a preview with each row's errors, then all or none."""

import io
import json
import re
from html import unescape

from openpyxl import Workbook
from sqlalchemy import func, select

from tracker.database import db
from tracker.models import User

from .conftest import ADMIN, OFFICE, YES, user


def _sheet(*rows, headings=("Họ và tên", "Email", "Vai trò", "Cơ quan", "Chức vụ")) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(list(headings))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


GOOD = (
    ("Phạm Văn An", "an.pv@stc.gov.vn", "officer", "stc", "Chuyên viên"),
    ("Võ Thị Lan", "lan.vt@stc.gov.vn", "head", "stc", "Giám đốc"),
)


def _upload(client, data: bytes):
    return client.post(
        "/admin/users/import",
        data={"file": (io.BytesIO(data), "nguoi-dung.xlsx")},
        content_type="multipart/form-data",
    )


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(User))


def test_only_the_administrator_imports(login):
    assert login(OFFICE).get("/admin/users/import").status_code == 403
    assert login(OFFICE).post("/admin/users/import/confirm").status_code == 403


def test_a_good_sheet_is_previewed_then_imported_with_invitations(login, outbox):
    client = login(ADMIN)
    before = _count()
    preview = _upload(client, _sheet(*GOOD))
    assert preview.status_code == 200 and 'id="import-confirm"' in preview.text
    assert _count() == before  # nothing saved by the preview
    rows = unescape(re.search(r'name="rows" type="hidden" value="([^"]*)"', preview.text).group(1))
    done = client.post("/admin/users/import/confirm", data={"rows": rows, "invite": "y", **YES})
    assert done.status_code == 302
    assert _count() == before + 2
    assert (
        user("lan.vt@stc.gov.vn").role == "head" and user("an.pv@stc.gov.vn").agency.code == "stc"
    )
    assert sorted(m.recipients[0] for m in outbox) == ["an.pv@stc.gov.vn", "lan.vt@stc.gov.vn"]


def test_one_bad_row_and_nothing_is_imported(login, outbox):
    client = login(ADMIN)
    before = _count()
    bad = (
        *GOOD,
        ("Trùng", "an.pv@stc.gov.vn", "officer", "stc", ""),
        ("Không cơ quan", "x@stc.gov.vn", "officer", "no-such", ""),
        ("Vai trò lạ", "y@stc.gov.vn", "king", "", ""),
        ("Đã có", "office@tracker.demo", "viewer", "", ""),
    )
    preview = _upload(client, _sheet(*bad))
    assert preview.status_code == 400 and 'id="import-refused"' in preview.text
    table = preview.text.split('id="import-preview"')[1]
    assert table.count("table-danger") == 4
    assert _count() == before and outbox == []
    # A confirmation forged with the bad rows is checked again and refused whole.
    data = [{"name": n, "email": e, "role": r, "agency_code": a or None} for n, e, r, a, _ in bad]
    client.post("/admin/users/import/confirm", data={"rows": json.dumps(data), **YES})
    assert _count() == before


def test_files_that_are_not_sheets_are_refused(login):
    client = login(ADMIN)
    assert _upload(client, b"not a workbook").status_code == 400
    assert _upload(client, _sheet(headings=("a", "b"))).status_code == 400
    assert _upload(client, _sheet()).status_code == 400
    assert client.post("/admin/users/import", data={}).status_code == 400
    for rows in ("", "{}", "[1]", "not json", '[{"name": 5}]'):
        assert client.post(
            "/admin/users/import/confirm", data={"rows": rows, **YES}
        ).status_code in (
            400,
            302,
        )
