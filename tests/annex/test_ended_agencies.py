"""An annex may name an agency that ended after its document was issued, for what it held;
no agency that has ended is given new work."""

from sqlalchemy import select

from tracker.annex.importing import import_annex
from tracker.database import db
from tracker.models import User

from .conftest import row, workbook


def _office() -> User:
    return db.session.scalar(select(User).where(User.email == "office@tracker.demo"))


def _messages(outcome) -> list[str]:
    return [problem.message for problem in outcome.problems]


def test_an_older_document_s_row_may_name_what_the_agency_held(app, item_by_code):
    # Finished in 2024 under Sở NN&PTNT, which ended on 1/3/2025.
    item = item_by_code("NV-LV-04-DAO-TAO")
    assert item.lead_agency.code == "snnptnt" and not item.lead_agency.active
    assert item.status == "completed"
    sheet = workbook([row(item.code, item.title, lead="Sở Nông nghiệp và Phát triển nông thôn",
                          parent="NV-LV-04", deadline=item.deadline)])  # fmt: skip
    outcome = import_annex(_office(), sheet, "kh59.xlsx", "59/KH-UBND", dry_run=True)
    assert _messages(outcome) == []


def test_an_agency_that_has_ended_is_given_no_new_work(app):
    sheet = workbook([row("KH59-NEW", "Nhiệm vụ mới", lead="Sở Thông tin và Truyền thông",
                          deadline="31/12/2027")])  # fmt: skip
    outcome = import_annex(_office(), sheet, "kh59.xlsx", "59/KH-UBND", dry_run=True)
    assert _messages(outcome) == [
        "Sở Thông tin và Truyền thông không còn tồn tại từ 01/03/2025: hãy giao nhiệm vụ cho cơ "
        "quan đã tiếp nhận công việc của cơ quan này."
    ]


def test_a_document_issued_after_the_end_cannot_name_it(app):
    sheet = workbook([row("X-01", "Nhiệm vụ", lead="Sở Thông tin và Truyền thông")])
    outcome = import_annex(_office(), sheet, "x.xlsx", "245/TB-UBND", dry_run=True)
    assert _messages(outcome) == [
        "“Sở Thông tin và Truyền thông” không còn là cơ quan đang hoạt động."
    ]


def test_a_renamed_agency_is_found_by_its_former_name(app):
    sheet = workbook([row("X-01", "Nhiệm vụ", lead="Văn phòng UBND tỉnh", deadline="31/12/2027")])
    outcome = import_annex(_office(), sheet, "x.xlsx", "245/TB-UBND", dry_run=True)
    assert _messages(outcome) == []
    assert outcome.rows[0].row.lead.code == "vp-ubnd"
