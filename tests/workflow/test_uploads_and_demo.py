"""Evidence files typed by content and stored outside the web root; the demo's pending
decisions; the agency page's order, computed in SQL like the domain rule says."""

import io
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from tracker.agencies.queries import urgency_case
from tracker.database import db
from tracker.domain.urgency import urgency_of
from tracker.domain.workflow import Status
from tracker.evidence import files as uploads
from tracker.inbox.queries import inbox
from tracker.models import Attachment, ExtensionRequest, ProgressReport, User, WorkItem
from tracker.refusals import Invalid
from tracker.seeding.demo import load_demo


@pytest.mark.parametrize(
    ("kind", "name", "stored_as"),
    [
        ("pdf", "Báo cáo.PDF", "application/pdf"),
        ("docx", "bao-cao.docx", uploads.DOCX),
        ("xlsx", "so-lieu.xlsx", uploads.XLSX),
        ("doc", "cu.doc", "application/msword"),
        ("xls", "cu.xls", "application/vnd.ms-excel"),
        ("png", "anh.png", "image/png"),
        ("jpg", "anh.jpeg", "image/jpeg"),
        ("jpg", "anh.jpg", "image/jpeg"),
    ],
)
def test_accepted_types_are_recognised_by_content(app, sample, kind, name, stored_as):
    [checked] = uploads.check([uploads.IncomingFile(name, io.BytesIO(sample(kind)))])
    assert (checked.filename, checked.content_type) == (name, stored_as)


def test_an_ole_file_of_either_office_kind_may_be_named_doc_or_xls(app, sample):
    """Word and Excel 97–2003 files share the OLE container; its content is not told apart."""
    generic_ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    for name in ("a.doc", "a.xls"):
        uploads.check([uploads.IncomingFile(name, io.BytesIO(generic_ole))])
    uploads.check([uploads.IncomingFile("excel.doc", io.BytesIO(sample("xls")))])


@pytest.mark.parametrize(
    ("data", "name"),
    [(b"", "trong.pdf"), (b"%PDF-1.4", "a.txt"), (b"GIF89a......", "anh.gif")],
)
def test_empty_and_unaccepted_files_are_refused(app, data, name):
    with pytest.raises(Invalid):
        uploads.check([uploads.IncomingFile(name, io.BytesIO(data))])


def test_a_path_in_the_name_is_dropped_and_files_get_generated_names(app, sample, upload_dir):
    [checked] = uploads.check(
        [uploads.IncomingFile("..\\..\\windows\\bao-cao.pdf", io.BytesIO(sample("pdf")))]
    )
    assert checked.filename == "bao-cao.pdf"
    with uploads.stored([checked]) as [saved]:
        pass
    assert saved.stored_name != "bao-cao.pdf" and saved.stored_name.endswith(".pdf")
    assert (upload_dir / saved.stored_name).read_bytes() == sample("pdf")
    assert "static" not in str(upload_dir)


def test_stored_files_are_removed_when_the_use_case_fails(app, sample, upload_dir):
    [checked] = uploads.check([uploads.IncomingFile("a.pdf", io.BytesIO(sample("pdf")))])
    with pytest.raises(RuntimeError), uploads.stored([checked]):
        assert len(list(upload_dir.iterdir())) == 1
        raise RuntimeError("the commit failed")
    assert list(upload_dir.iterdir()) == []


def test_the_default_upload_folder_is_under_the_instance_folder(app, config_overrides):
    app.config["UPLOAD_FOLDER"] = None
    assert uploads.upload_folder() == Path(app.instance_path) / "uploads"


def test_the_demo_leaves_decisions_in_the_office_inbox(app, user_by_email):
    box = inbox(user_by_email("office@tracker.demo"))
    assert [item.code for item in box.submissions] == ["NV-C-02", "NV-KTS-01"]
    assert {e.item.code for e in box.extensions} == {"NV-LV-01", "NV-LV-04"}
    syt = next(e for e in box.extensions if e.item.code == "NV-LV-01")
    assert syt.requested_by.email == "head.syt@tracker.demo"
    assert syt.is_late  # the deadline passed long ago
    assert all(e.proposed_deadline > e.current_deadline for e in box.extensions)
    leader = inbox(user_by_email("leader@tracker.demo"))
    assert (leader.submissions, len(leader.extensions)) == ([], 2)
    assert inbox(user_by_email("head.syt@tracker.demo")).total == 0


def test_the_demo_is_idempotent_even_after_the_office_decided(app, today, item_by_code):
    item = item_by_code("NV-C-02")
    item.status = "completed"
    db.session.commit()
    counts = (
        len(db.session.scalars(select(ProgressReport)).all()),
        len(db.session.scalars(select(ExtensionRequest)).all()),
    )
    assert load_demo(today) == Counter()
    assert counts == (
        len(db.session.scalars(select(ProgressReport)).all()),
        len(db.session.scalars(select(ExtensionRequest)).all()),
    )


def test_the_agency_order_in_sql_is_the_domain_rule(app, today):
    from datetime import timedelta

    soon = today + timedelta(days=9)
    rows = db.session.execute(select(WorkItem, urgency_case(today, soon))).all()
    assert len(rows) > 100
    for item, urgency in rows:
        assert urgency == urgency_of(Status(item.status), item.deadline, today, soon), item.code


def test_attachments_of_a_report_are_listed_with_it(app, login, item_by_code, sample, upload):
    item = item_by_code("NV-LV-01")
    login("officer.syt@tracker.demo").post(
        f"/items/{item.id}/progress",
        data={
            "version": item.version,
            "progress": "65",
            "text": "Hai tệp.",
            "files": [upload(sample("docx"), "a.docx"), upload(sample("xlsx"), "b.xlsx")],
        },
    )
    report = db.session.scalars(
        select(ProgressReport).where(
            ProgressReport.item_id == item.id, ProgressReport.text == "Hai tệp."
        )
    ).one()
    assert sorted(a.filename for a in report.attachments) == ["a.docx", "b.xlsx"]
    assert {a.uploaded_by_id for a in report.attachments} == {
        db.session.scalar(select(User.id).where(User.email == "officer.syt@tracker.demo"))
    }
    assert db.session.scalar(select(Attachment.size).where(Attachment.filename == "a.docx")) == len(
        sample("docx")
    )
