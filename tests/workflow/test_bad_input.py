"""Bad input: each gets a clear message in the user's language, a 4xx, and nothing is written."""

import re

import pytest
from sqlalchemy import func, select

from tracker.accounts.login import new_api_token
from tracker.config import Config
from tracker.database import db
from tracker.models import (
    Activity,
    Attachment,
    Comment,
    ExtensionRequest,
    Measurement,
    ProgressReport,
    WorkItem,
)

HEAD = "head.syt@tracker.demo"
OFFICE = "office@tracker.demo"


def _written() -> dict[str, int]:
    """Row counts of everything a workflow request could write, and the items' versions."""
    counts = {
        model.__name__: db.session.scalar(select(func.count()).select_from(model))
        for model in (Activity, Attachment, Comment, ExtensionRequest, Measurement, ProgressReport)
    }
    counts["versions"] = db.session.scalar(select(func.sum(WorkItem.version)))
    return counts


@pytest.fixture
def unchanged(app, upload_dir):
    """Call it after the request: asserts nothing was written, not even a file."""
    before = _written()

    def check() -> None:
        db.session.expire_all()
        assert _written() == before
        assert not upload_dir.exists() or not any(upload_dir.iterdir())

    return check


@pytest.fixture
def syt_item(item_by_code):
    return item_by_code("NV-LV-01")


@pytest.mark.parametrize("value", ["101", "-1", "abc", "50.5", ""])
def test_progress_outside_0_to_100(login, syt_item, unchanged, value):
    response = login(HEAD).post(
        f"/items/{syt_item.id}/progress",
        data={"version": syt_item.version, "progress": value, "text": "Báo cáo."},
    )
    assert response.status_code == 400
    assert (
        "Tiến độ là tỷ lệ phần trăm từ 0 đến 100." in response.text
        or "Nhập tiến độ theo tỷ lệ phần trăm." in response.text
    )
    unchanged()


def test_a_form_shown_again_says_its_files_were_not_kept(login, syt_item, unchanged, upload):
    response = login(HEAD).post(
        f"/items/{syt_item.id}/progress",
        data={"version": syt_item.version, "progress": "150", "text": "Kèm ảnh.",
              "files": [upload(b"%PDF-1.4\n%%EOF\n", "bien-ban.pdf")]},
    )  # fmt: skip
    assert response.status_code == 400
    assert "Các tệp đã chọn chưa được lưu: hãy chọn lại tệp trước khi gửi." in response.text
    unchanged()
    without_files = login(HEAD).post(
        f"/items/{syt_item.id}/progress",
        data={"version": syt_item.version, "progress": "150", "text": "Không kèm tệp."},
    )
    assert "Các tệp đã chọn chưa được lưu" not in without_files.text


def test_completion_without_report_or_evidence(login, syt_item, unchanged):
    response = login(HEAD).post(
        f"/items/{syt_item.id}/submit", data={"version": syt_item.version, "text": "   "}
    )
    assert response.status_code == 400
    assert "Nêu kết quả thực hiện" in response.text
    unchanged()


def test_completion_without_report_document_or_evidence(login, syt_item, unchanged):
    """The result alone is not enough: the report document's number and date, or a file."""
    client = login(HEAD)
    data = {"version": syt_item.version, "text": "Đã xong.", "document_number": "125/BC-SYT"}
    response = client.post(f"/items/{syt_item.id}/submit", data=data)
    assert response.status_code == 400
    assert "số và ngày văn bản báo cáo" in response.text
    unchanged()


def test_extension_date_before_the_current_deadline(login, item_by_code, unchanged):
    item = item_by_code("CQS-2030-02-TTHC")  # deadline 31/12/2030
    response = login("head.stttt@tracker.demo").post(
        f"/items/{item.id}/extensions/new",
        data={"version": item.version, "proposed_deadline": "2030-06-30", "reason": "Cần thêm."},
    )
    assert response.status_code == 400
    assert "Thời hạn mới phải sau thời hạn hiện hành." in response.text
    unchanged()


def test_extension_date_in_the_past(login, item_by_code, unchanged):
    item = item_by_code("NV-C-04")  # deadline 31/12/2025, today 25/11/2026
    response = login("head.stttt@tracker.demo").post(
        f"/items/{item.id}/extensions/new",
        data={"version": item.version, "proposed_deadline": "2026-01-31", "reason": "Muộn."},
    )
    assert response.status_code == 400
    assert "Thời hạn mới không được là ngày đã qua." in response.text
    unchanged()


@pytest.mark.parametrize(
    "url",
    [
        "/items/999999/progress",
        "/items/999999/submit",
        "/items/999999/comments",
        "/items/999999/confirm",
        "/items/999999/extensions/1",
    ],
)
def test_forged_item_id(login, unchanged, url):
    response = login(OFFICE).post(url, data={"version": "1", "reason": "x", "body": "x"})
    assert response.status_code == 404
    assert "Không tìm thấy nhiệm vụ" in response.text or "không có quyền xem" in response.text
    unchanged()


def test_an_id_longer_than_any_row_id_is_no_page(app, login, unchanged):
    """Every route with an <int:…> part, given an id no INTEGER column holds: a 404, as for
    any missing row, never the database driver's overflow."""
    client = login(OFFICE)
    urls = [
        (_ARGUMENT.sub(_huge_id, rule.rule), rule.methods - {"HEAD", "OPTIONS"})
        for rule in app.url_map.iter_rules()
        if any(converter == "int" for converter, _name in _ARGUMENT.findall(rule.rule))
    ]
    assert len(urls) >= 20
    for url, methods in urls:
        for method in methods:
            response = client.open(url, method=method, data={"version": "1"})
            assert response.status_code == 404, (method, url)
    unchanged()


#: An argument of a URL rule, e.g. <int:item_id> or <path:name>.
_ARGUMENT = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")


def _huge_id(argument: re.Match) -> str:
    return "99999999999999999999" if argument.group(1) == "int" else "x"


def test_forged_ids_of_rows_of_another_item(login, item_by_code, unchanged):
    """An extension request or a file reached through an item it does not belong to."""
    office = login(OFFICE)
    other = item_by_code("NV-C-01")
    request = db.session.scalar(
        select(ExtensionRequest).where(ExtensionRequest.status == "pending")
    )
    response = office.post(
        f"/items/{other.id}/extensions/{request.id}",
        data={"version": other.version, "decision": "approve", "decision_document": "1/UBND"},
    )
    assert response.status_code == 404
    assert "Nhiệm vụ này không có đề nghị gia hạn như vậy." in response.text
    unchanged()


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"plain text pretending", "bao-cao.pdf"),
        ("pdf", "bao-cao.docx"),  # a real PDF named as a Word file
        ("png", "anh.jpg"),
        ("docx", "bang.xlsx"),
        (b"MZ\x90\x00 an executable", "chuong-trinh.pdf"),
        ("pdf", "khong-duoi"),
        ("pdf", "script.html"),
    ],
)
def test_upload_whose_content_is_not_its_claimed_type(
    login, syt_item, unchanged, sample, upload, content, name
):
    data = sample(content) if isinstance(content, str) else content
    response = login(HEAD).post(
        f"/items/{syt_item.id}/progress",
        data={
            "version": syt_item.version,
            "progress": "50",
            "text": "Kèm minh chứng.",
            "files": [upload(data, name)],
        },
    )
    assert response.status_code == 400
    assert "không thuộc loại được chấp nhận" in response.text
    unchanged()


def test_one_bad_file_among_good_ones_stores_none(login, syt_item, unchanged, sample, upload):
    response = login(HEAD).post(
        f"/items/{syt_item.id}/submit",
        data={
            "version": syt_item.version,
            "files": [upload(sample("pdf"), "a.pdf"), upload(b"text", "b.xlsx")],
        },
    )
    assert response.status_code == 400
    unchanged()


def test_a_10_mb_comment(login, syt_item, unchanged):
    client = login(HEAD)
    response = client.post(f"/items/{syt_item.id}/comments", data={"body": "x" * 10_000_000})
    # Werkzeug may refuse the body before the form sees it (413); either way, it is said.
    expected = {400: "Ý kiến tối đa 5.000 ký tự.", 413: "Dữ liệu gửi lên quá lớn"}
    assert expected[response.status_code] in response.text
    api = client.post(f"/api/v1/items/{syt_item.id}/comments", json={"body": "x" * 10_000_000})
    assert api.status_code == 400
    assert api.json["errors"]["body"] == ["Ý kiến tối đa 5.000 ký tự."]
    unchanged()


def test_a_comment_over_the_length_limit(login, syt_item, unchanged):
    response = login(HEAD).post(f"/items/{syt_item.id}/comments", data={"body": "ý" * 5001})
    assert response.status_code == 400
    assert "Ý kiến tối đa 5.000 ký tự." in response.text
    unchanged()


def test_a_stale_version(login, syt_item, unchanged):
    response = login(HEAD).post(
        f"/items/{syt_item.id}/progress",
        data={"version": syt_item.version - 1, "progress": "60", "text": "Cũ."},
    )
    assert response.status_code == 409
    assert "Nhiệm vụ đã được người khác thay đổi sau khi bạn mở trang này" in response.text
    unchanged()


def test_two_people_editing_from_the_same_page(login, item_by_code, fresh):
    """The first save wins; the second, from the same stale page, is refused, not merged, and
    comes back with what was typed and the current version: sent again, knowingly, it saves."""
    item = item_by_code("NV-C-04")
    opened = item.version
    head, officer = login("head.stttt@tracker.demo"), login("officer.stttt@tracker.demo")
    form = {"version": opened, "text": "Cập nhật.", "progress": "70"}
    assert head.post(f"/items/{item.id}/progress", data=form).status_code == 302
    second = officer.post(f"/items/{item.id}/progress", data={**form, "progress": "20"})
    assert second.status_code == 409
    assert fresh(item).progress == 70
    assert "Nội dung bạn đã nhập vẫn được giữ" in second.text and 'value="20"' in second.text
    version = int(re.search(r'name="version" type="hidden" value="(\d+)"', second.text).group(1))
    assert version == fresh(item).version != opened
    again = {**form, "progress": "20", "version": version}
    assert officer.post(f"/items/{item.id}/progress", data=again).status_code == 302
    assert fresh(item).progress == 20


def test_a_form_without_its_version(login, syt_item, unchanged):
    response = login(HEAD).post(
        f"/items/{syt_item.id}/progress", data={"progress": "60", "text": "Không có phiên bản."}
    )
    assert response.status_code == 400
    assert "Biểu mẫu không đầy đủ: vui lòng tải lại trang." in response.text
    unchanged()


def test_a_measurement_in_the_future_or_not_a_number(login, item_by_code, unchanged):
    item = item_by_code("CQS-2030-02-TTHC")
    client = login("officer.stttt@tracker.demo")
    future = client.post(
        f"/items/{item.id}/measurements",
        data={"version": item.version, "value": "10", "measured_on": "2027-01-01"},
    )
    assert future.status_code == 400
    assert "Ngày ghi nhận giá trị không được sau ngày hôm nay." in future.text
    for value in ("NaN", "Infinity", "1e20", "mười"):
        response = client.post(
            f"/items/{item.id}/measurements",
            data={"version": item.version, "value": value, "measured_on": "2026-11-01"},
        )
        assert response.status_code == 400, value
    unchanged()


def test_approval_without_document_and_rejection_without_reason(login, syt_item, unchanged):
    request = db.session.scalar(
        select(ExtensionRequest).where(ExtensionRequest.item_id == syt_item.id)
    )
    client = login(OFFICE)
    url = f"/items/{syt_item.id}/extensions/{request.id}"
    approve = client.post(url, data={"version": syt_item.version, "decision": "approve"})
    assert approve.status_code == 400
    assert "Nhập số văn bản đồng ý gia hạn." in approve.text
    reject = client.post(url, data={"version": syt_item.version, "decision": "reject"})
    assert reject.status_code == 400
    assert "Nêu lý do không đồng ý gia hạn." in reject.text
    odd = client.post(url, data={"version": syt_item.version, "decision": "maybe"})
    assert odd.status_code == 400
    unchanged()


OUT_OF_RANGE = "Chọn ngày trong khoảng từ 01/01/2000 đến 31/12/2100."


@pytest.mark.parametrize("day", ["9999-12-31", "1999-12-31"])
def test_a_date_outside_the_century_is_refused_everywhere(login, item_by_code, unchanged, day):
    """A deadline of year 9999 was once stored, and the calendar feed could not move it by a
    day; no form takes a date outside 2000–2100."""
    target, task = item_by_code("CQS-2030-02-TTHC"), item_by_code("NV-LV-01")
    office, head = login(OFFICE), login("head.stttt@tracker.demo")
    refused = [
        head.post(
            f"/items/{target.id}/extensions/new",
            data={"version": target.version, "proposed_deadline": day, "reason": "Cần thêm."},
        ),
        office.post(
            "/items/new",
            data={"code": "NV-MOI-09", "kind": "task", "title": "Việc mới", "deadline": day},
        ),
        office.post(
            f"/items/{task.id}/assignment",
            data={"version": task.version, "deadline": day, "note": "Giao lại."},
        ),
        office.post(
            f"/items/{target.id}/measurements",
            data={"version": target.version, "value": "10", "measured_on": day},
        ),
        office.post("/admin/calendar", data={"day": day, "working": "y", "note": "Nghỉ."}),
        office.get(f"/admin/preview?day={day}"),
        office.get(f"/items/?as_of={day}"),
    ]
    for response in refused:
        assert response.status_code == 400, response.request.path
        assert OUT_OF_RANGE in response.text, response.request.path
    unchanged()


@pytest.mark.parametrize(
    "value", ["sNaN", "-sNaN", "NaN", "Infinity", "1000000000000", "999999999999.999"]
)
def test_a_number_that_is_not_a_number(login, item_by_code, unchanged, value):
    target = item_by_code("CQS-2030-02-TTHC")
    client = login(OFFICE)
    measured = client.post(
        f"/items/{target.id}/measurements",
        data={"version": target.version, "value": value, "measured_on": "2026-11-01"},
    )
    created = client.post(
        "/items/new",
        data={"code": "CT-MOI-09", "kind": "target", "title": "Chỉ tiêu mới",
              "target_value": value, "target_year": "2030"},
    )  # fmt: skip
    for response in (measured, created):
        assert response.status_code == 400
        assert "Số không hợp lệ." in response.text
    unchanged()


@pytest.mark.parametrize("code", ["NV-LV-01", "nv-lv-01", "Nv-Lv-01"])
def test_a_code_already_in_the_plan_in_any_case(login, item_by_code, unchanged, code):
    syt = item_by_code("NV-LV-01").lead_agency_id
    response = login(OFFICE).post(
        "/items/new",
        data={
            "code": code,
            "kind": "task",
            "title": "Việc trùng mã",
            "lead_agency_id": syt,
            "target_comparison": "at_least",
        },
    )
    assert response.status_code == 400
    assert "Mã này đã được dùng trong kế hoạch." in response.text
    unchanged()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("lead_agency_id", "abc", "Lựa chọn không hợp lệ."),
        ("coordinating_agency_ids", "abc", "Lựa chọn không hợp lệ."),
        ("coordinating_agency_ids", "99999", "Không có lựa chọn &#39;99999&#39;."),
    ],
)
def test_a_choice_that_is_not_one_is_said_in_vietnamese(login, unchanged, field, value, message):
    response = login(OFFICE).post(
        "/items/new", data={"code": "NV-MOI-09", "kind": "task", "title": "Việc", field: value}
    )
    assert response.status_code == 400
    assert message in response.text
    unchanged()


def test_a_nul_character_in_any_text(login, syt_item, unchanged):
    """PostgreSQL cannot store NUL: it is refused before it reaches the database."""
    client = login(OFFICE)
    refused = [
        client.post(f"/items/{syt_item.id}/comments", data={"body": "a\x00b"}),
        client.post("/items/new", data={"code": "A\x00B", "kind": "task", "title": "Việc"}),
        client.get("/items/?q=y%00te"),
    ]
    for response in refused:
        assert response.status_code == 400, response.request.path
        assert "ký tự điều khiển không hợp lệ" in response.text, response.request.path
    unchanged()


def test_a_second_extension_request_while_one_is_pending(login, syt_item, unchanged):
    response = login(HEAD).post(
        f"/items/{syt_item.id}/extensions/new",
        data={"version": syt_item.version, "proposed_deadline": "2027-06-30", "reason": "Nữa."},
    )
    assert response.status_code == 409
    assert "đã có đề nghị gia hạn đang chờ quyết định" in response.text
    unchanged()


class TestCsrf:
    @pytest.fixture
    def config_overrides(self, upload_dir):
        return {"UPLOAD_FOLDER": str(upload_dir), "WTF_CSRF_ENABLED": True}

    @pytest.fixture
    def signed_in(self, app, syt_item):
        """A head signed in through the real form, CSRF token included."""
        import re

        client = app.test_client()
        page = client.get("/login").text
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        response = client.post(
            "/login", data={"email": HEAD, "password": "demo1234", "csrf_token": token}
        )
        assert response.status_code == 302
        return client

    def test_a_form_without_csrf_token(self, signed_in, syt_item, unchanged):
        response = signed_in.post(
            f"/items/{syt_item.id}/progress",
            data={"version": syt_item.version, "progress": "60", "text": "Không có mã."},
        )
        assert response.status_code == 400
        assert "Biểu mẫu đã hết hạn hoặc không được gửi từ trang này" in response.text
        unchanged()

    def test_the_api_with_a_session_but_without_csrf_token(self, signed_in, syt_item, unchanged):
        response = signed_in.post(
            f"/api/v1/items/{syt_item.id}/comments", json={"body": "Không có mã."}
        )
        assert response.status_code == 400
        assert response.json["message"].startswith("Biểu mẫu đã hết hạn")
        unchanged()

    def test_a_bad_api_token_beside_a_session_is_refused(self, signed_in, syt_item, unchanged):
        response = signed_in.post(
            f"/api/v1/items/{syt_item.id}/comments",
            json={"body": "Mã sai, phiên đăng nhập thật."},
            headers={"Authorization": "Bearer garbage"},
        )
        assert response.status_code == 401
        unchanged()

    def test_a_good_api_token_beside_a_session_needs_no_csrf_token(
        self, signed_in, syt_item, user_by_email
    ):
        assert _comment_by_token(signed_in, syt_item, user_by_email(HEAD)) == 201

    def test_a_good_api_token_beside_a_remember_me_cookie(self, app, syt_item, user_by_email):
        """Flask-Login reads a remember-me cookie instead of asking for the token: the token
        must still be what signs the request in."""
        client = app.test_client()
        page = client.get("/login").text
        csrf_token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        form = {"email": HEAD, "password": "demo1234", "remember": "y", "csrf_token": csrf_token}
        assert client.post("/login", data=form).status_code == 302
        client.delete_cookie("session")  # the browser's session ended; its cookie remains
        assert _comment_by_token(client, syt_item, user_by_email(HEAD)) == 201

    def test_the_same_form_with_its_token_is_accepted(self, signed_in, syt_item):
        import re

        page = signed_in.get(f"/items/{syt_item.id}/progress").text
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        response = signed_in.post(
            f"/items/{syt_item.id}/progress",
            data={
                "csrf_token": token,
                "version": syt_item.version,
                "progress": "60",
                "text": "Có mã.",
            },
        )
        assert response.status_code == 302


def _comment_by_token(client, item, user) -> int:
    """The status of a comment sent by `client` with a fresh API token of `user`."""
    token = new_api_token(user)
    db.session.commit()
    response = client.post(
        f"/api/v1/items/{item.id}/comments",
        json={"body": "Gửi bằng mã API."},
        headers={"Authorization": f"Bearer {token}"},
    )
    return response.status_code


class TestSizeLimits:
    @pytest.fixture
    def config_overrides(self, upload_dir):
        return {"UPLOAD_FOLDER": str(upload_dir), "MAX_UPLOAD_BYTES": 2048}

    def test_a_file_over_the_upload_limit(self, login, syt_item, unchanged, upload):
        response = login(HEAD).post(
            f"/items/{syt_item.id}/submit",
            data={
                "version": syt_item.version,
                "files": [upload(b"%PDF-1.4\n" + b"0" * 4096, "lon.pdf")],
            },
        )
        assert response.status_code == 413
        assert "Tệp “lon.pdf” lớn hơn" in response.text
        unchanged()

    def test_files_each_within_the_limit_may_exceed_it_together(self, login, syt_item, upload):
        """The per-file limit is per file: a report with several photos is not refused."""
        scans = [upload(b"%PDF-1.4\n" + b"0" * 1500, f"trang-{n}.pdf") for n in range(3)]
        response = login(HEAD).post(
            f"/items/{syt_item.id}/progress",
            data={"version": syt_item.version, "progress": "60", "text": "Kèm 3 trang.",
                  "files": scans},
        )  # fmt: skip
        assert response.status_code == 302
        # And by default a request holds three files at the per-file limit, and more.
        assert Config.MAX_CONTENT_LENGTH >= 3 * Config.MAX_UPLOAD_BYTES


class TestRequestLimit:
    @pytest.fixture
    def config_overrides(self, upload_dir):
        return {"UPLOAD_FOLDER": str(upload_dir), "MAX_CONTENT_LENGTH": 64 * 1024}

    def test_a_request_over_max_content_length(self, login, syt_item, unchanged, upload):
        response = login(HEAD).post(
            f"/items/{syt_item.id}/submit",
            data={"version": syt_item.version, "files": [upload(b"0" * 100_000, "lon.pdf")]},
        )
        assert response.status_code == 413
        assert "Dữ liệu gửi lên quá lớn: mỗi lần gửi tối đa" in response.text
        assert "mỗi tệp tối đa 20 MB" in response.text
        assert "<html" in response.text  # the translated page, not Werkzeug's
        unchanged()
