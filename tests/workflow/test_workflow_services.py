"""The lifecycle use cases: each changes the item, writes its history and commits — or refuses
with the right error and writes nothing."""

import io
from datetime import date

import pytest
from sqlalchemy import func, select, update

from tracker.assignments import actions as assignments
from tracker.database import db
from tracker.evidence.files import IncomingFile
from tracker.models import Activity, Attachment, ProgressReport, WorkItem
from tracker.refusals import Conflict, Invalid, NotAllowed, NotFound, StaleItem
from tracker.workflow import actions as workflow
from tracker.workflow.actions import Report

HEAD = "head.syt@tracker.demo"
OFFICER = "officer.syt@tracker.demo"
OFFICE = "office@tracker.demo"
#: A submission the office can confirm: the result and the report document it rests on.
DONE = Report(text="Xong.", document_number="125/BC-SYT", document_date=date(2026, 11, 24))


@pytest.fixture
def syt_item(item_by_code):
    """NV-LV-01, led by Sở Y tế, in progress and overdue in the demo."""
    return item_by_code("NV-LV-01")


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _last(item: WorkItem) -> Activity:
    return db.session.scalars(
        select(Activity).where(Activity.item_id == item.id).order_by(Activity.id.desc())
    ).first()


def test_progress_is_recorded_with_report_and_history(user_by_email, syt_item, today):
    before = syt_item.progress, syt_item.version
    workflow.record_progress(
        user_by_email(OFFICER),
        syt_item.id,
        syt_item.version,
        Report(
            text="Đã triển khai bệnh án điện tử tại 5 bệnh viện.",
            progress=70,
            document_number="125/BC-SYT",
            document_date=date(2026, 11, 20),
        ),
    )
    item = db.session.get(WorkItem, syt_item.id)
    assert (item.progress, item.status, item.version) == (70, "in_progress", before[1] + 1)
    report = db.session.scalars(
        select(ProgressReport)
        .where(ProgressReport.item_id == item.id)
        .order_by(ProgressReport.id.desc())
        .limit(1)
    ).one()
    assert (report.progress, report.document_number, report.is_submission) == (
        70,
        "125/BC-SYT",
        False,
    )
    activity = _last(item)
    assert activity.verb == "progress"
    assert activity.changes == {"progress": [str(before[0]), "70"]}
    assert activity.actor.email == OFFICER
    assert item.last_activity_on == today


def test_the_first_update_starts_an_assigned_item(user_by_email, item_by_code):
    item = db.session.scalars(
        select(WorkItem).where(WorkItem.status == "assigned").order_by(WorkItem.code)
    ).first()
    officer = user_by_email(f"officer.{item.lead_agency.code}@tracker.demo")
    workflow.record_progress(officer, item.id, item.version, Report(text="Bắt đầu.", progress=5))
    assert db.session.get(WorkItem, item.id).status == "in_progress"
    assert _last(item).changes["status"] == ["assigned", "in_progress"]


def test_submission_sets_the_completion_date_and_confirmation_keeps_it(
    user_by_email, syt_item, today
):
    workflow.submit(user_by_email(HEAD), syt_item.id, syt_item.version, DONE)
    item = db.session.get(WorkItem, syt_item.id)
    assert (item.status, item.progress, item.completed_on) == ("submitted", 100, today)
    assert _last(item).verb == "submitted"
    # NV-LV-01 has a pending demo extension request: it must be decided first.
    with pytest.raises(Conflict):
        workflow.confirm(user_by_email(OFFICE), item.id, item.version)
    from tracker.extensions.actions import Decision, decide_extension, pending_request

    request = pending_request(item.id)
    decide_extension(
        user_by_email(OFFICE), item.id, request.id, item.version, Decision(False, note="Không.")
    )
    workflow.confirm(user_by_email(OFFICE), item.id, db.session.get(WorkItem, item.id).version)
    item = db.session.get(WorkItem, syt_item.id)
    assert (item.status, item.completed_on, item.confirmed_on) == ("completed", today, today)
    assert item.confirmed_by.email == OFFICE


def test_return_sends_the_item_back_and_forgets_the_completion_date(user_by_email, item_by_code):
    item = item_by_code("NV-C-02")  # submitted in the demo
    workflow.return_submission(
        user_by_email(OFFICE), item.id, item.version, "Thiếu danh mục văn bản."
    )
    item = db.session.get(WorkItem, item.id)
    assert (item.status, item.completed_on) == ("returned", None)
    assert _last(item).note == "Thiếu danh mục văn bản."
    officer = user_by_email("officer.stttt@tracker.demo")
    workflow.record_progress(officer, item.id, item.version, Report(text="Bổ sung.", progress=90))
    assert db.session.get(WorkItem, item.id).status == "in_progress"


def test_refusal_then_reassignment_to_another_agency(user_by_email, syt_item, today):
    workflow.refuse(user_by_email(HEAD), syt_item.id, syt_item.version, "Không thuộc chức năng.")
    item = db.session.get(WorkItem, syt_item.id)
    assert item.status == "refused"
    from tracker.extensions.actions import pending_request

    assert pending_request(item.id) is None  # the demo's pending request lapsed
    skhcn = db.session.scalar(select(WorkItem.lead_agency_id).where(WorkItem.code == "NV-C-01"))
    officer = user_by_email("officer.skhcn@tracker.demo")
    assignments.update_assignment(
        user_by_email(OFFICE),
        item.id,
        item.version,
        assignments.Assignment(
            lead_agency_id=skhcn, responsible_id=officer.id, deadline=item.deadline
        ),
    )
    item = db.session.get(WorkItem, syt_item.id)
    assert (item.status, item.lead_agency.code, item.responsible.email) == (
        "assigned",
        "skhcn",
        officer.email,
    )
    assert item.default_assignment is False
    activity = _last(item)
    assert activity.verb == "reassigned"
    assert activity.changes["lead_agency"] == ["Sở Y tế", "Sở Khoa học và Công nghệ"]
    assert activity.changes["status"] == ["refused", "assigned"]


def test_the_deadline_moved_by_the_office_is_audited_and_keeps_the_original(
    user_by_email, item_by_code
):
    item = item_by_code("NV-C-04")
    office = user_by_email(OFFICE)
    change = assignments.Assignment(
        lead_agency_id=item.lead_agency_id,
        coordinating_agency_ids=[a.id for a in item.coordinating_agencies],
        responsible_id=item.responsible_id,
        deadline=date(2027, 6, 30),
    )
    with pytest.raises(Invalid) as refused:
        assignments.update_assignment(office, item.id, item.version, change)
    assert "note" in refused.value.errors
    assignments.update_assignment(
        office,
        item.id,
        item.version,
        assignments.Assignment(**{**change.__dict__, "note": "QĐ 55"}),
    )
    item = db.session.get(WorkItem, item.id)
    assert (item.deadline, item.original_deadline) == (date(2027, 6, 30), date(2025, 12, 31))
    assert _last(item).changes == {"deadline": ["2025-12-31", "2027-06-30"]}
    assert _last(item).note == "QĐ 55"


def test_the_responsible_person_must_work_in_the_lead_agency(user_by_email, syt_item):
    stranger = user_by_email("officer.sdl@tracker.demo")
    with pytest.raises(Invalid) as refused:
        assignments.update_assignment(
            user_by_email(OFFICE),
            syt_item.id,
            syt_item.version,
            assignments.Assignment(
                lead_agency_id=syt_item.lead_agency_id,
                responsible_id=stranger.id,
                deadline=syt_item.deadline,
            ),
        )
    assert "responsible_id" in refused.value.errors


def test_cancel_and_reopen(user_by_email, item_by_code, today):
    office = user_by_email(OFFICE)
    item = item_by_code("NV-C-04")
    workflow.cancel(office, item.id, item.version, "Trùng với nhiệm vụ khác.")
    item = db.session.get(WorkItem, item.id)
    assert (item.status, item.cancelled_on) == ("cancelled", today)
    done = db.session.scalars(select(WorkItem).where(WorkItem.status == "completed")).first()
    workflow.reopen(office, done.id, done.version, "Xác nhận nhầm.")
    done = db.session.get(WorkItem, done.id)
    assert (done.status, done.completed_on, done.confirmed_by) == ("in_progress", None, None)


def test_create_an_item_and_a_sub_item(user_by_email, syt_item, today):
    office = user_by_email(OFFICE)
    # A sub-item cannot be due after its parent: the parent was extended first.
    syt_item.deadline = date(2027, 6, 30)
    db.session.commit()
    late = assignments.Assignment(lead_agency_id=syt_item.lead_agency_id, deadline=date(2027, 7, 1))
    with pytest.raises(Invalid):
        assignments.create_item(
            office,
            assignments.NewItem(
                code="NV-LV-01-0", kind="task", title="Quá hạn cha", assignment=late
            ),
            parent_id=syt_item.id,
        )
    assignment = assignments.Assignment(
        lead_agency_id=syt_item.lead_agency_id, deadline=date(2027, 3, 31)
    )
    sub = assignments.create_item(
        office,
        assignments.NewItem(
            code="NV-LV-01-1", kind="task", title="Bệnh án điện tử", assignment=assignment
        ),
        parent_id=syt_item.id,
    )
    assert (sub.parent_id, sub.group_id, sub.status) == (syt_item.id, syt_item.group_id, "assigned")
    assert (sub.assigned_on, sub.original_deadline) == (today, date(2027, 3, 31))
    assert _last(sub).verb == "created"
    with pytest.raises(Invalid) as refused:
        assignments.create_item(
            office,
            assignments.NewItem(code="NV-LV-01-1", kind="task", title="x", assignment=assignment),
        )
    assert "code" in refused.value.errors
    with pytest.raises(NotAllowed):
        assignments.create_item(
            user_by_email(HEAD),
            assignments.NewItem(code="X-1", kind="task", title="x", assignment=assignment),
        )


@pytest.mark.parametrize(
    ("email", "error"),
    [
        ("officer.sdl@tracker.demo", NotFound),  # another agency: not even visible
        ("head.stttt@tracker.demo", NotFound),
        (OFFICE, NotAllowed),  # the office does not report for the agency
        ("leader@tracker.demo", NotAllowed),
        ("viewer@tracker.demo", NotAllowed),
    ],
)
def test_only_the_lead_agency_reports(user_by_email, syt_item, email, error, app):
    user = user_by_email(email)
    if user is None:  # no demo viewer: make one
        from tracker.models import User

        user = User(email=email, name="Đoàn kiểm tra", role="viewer", password_hash="x")
        db.session.add(user)
        db.session.commit()
    with pytest.raises(error):
        workflow.record_progress(user, syt_item.id, syt_item.version, Report(text="x", progress=1))


def test_a_coordinating_agency_cannot_change_the_item(user_by_email, item_by_code):
    item = item_by_code("NV-C-01")  # led by stttt, coordinated by syt
    with pytest.raises(NotAllowed):
        workflow.submit(user_by_email(HEAD), item.id, item.version, DONE)


def test_a_transition_outside_the_lifecycle_is_a_conflict(user_by_email, syt_item):
    with pytest.raises(Conflict) as refused:
        workflow.confirm(user_by_email(OFFICE), syt_item.id, syt_item.version)
    assert refused.value.message == (
        "Chỉ nhiệm vụ đã báo cáo hoàn thành mới được xác nhận. "
        "Trạng thái hiện tại của nhiệm vụ: Đang thực hiện."
    )


def test_a_stale_version_writes_nothing(user_by_email, syt_item):
    activities = _count(Activity)
    with pytest.raises(StaleItem):
        workflow.record_progress(
            user_by_email(HEAD), syt_item.id, syt_item.version - 1, Report(text="x", progress=9)
        )
    assert _count(Activity) == activities
    assert db.session.get(WorkItem, syt_item.id).progress != 9


def test_a_concurrent_change_between_check_and_commit_is_refused(user_by_email, syt_item, app):
    """Both requests passed the version check; the database refuses the second write."""
    session = db.session()
    session.expire_on_commit = False  # keep the stale copy in the identity map
    version, reports = syt_item.version, _count(ProgressReport)
    db.session.commit()
    with db.engine.begin() as other:  # someone else saves the item meanwhile
        other.execute(
            update(WorkItem).where(WorkItem.id == syt_item.id).values(version=version + 1)
        )
    with pytest.raises(StaleItem):
        workflow.record_progress(
            user_by_email(HEAD), syt_item.id, version, Report(text="x", progress=9)
        )
    session.expire_on_commit = True
    db.session.expire_all()
    assert _count(ProgressReport) == reports


def test_a_refused_file_leaves_no_report_and_no_file(user_by_email, syt_item, upload_dir):
    bogus = IncomingFile("bao-cao.pdf", io.BytesIO(b"just text, not a PDF"))
    with pytest.raises(Invalid):
        workflow.record_progress(
            user_by_email(HEAD),
            syt_item.id,
            syt_item.version,
            Report(text="x", progress=50, files=[bogus]),
        )
    db.session.rollback()
    assert _count(Attachment) == 0
    assert not upload_dir.exists() or not any(upload_dir.iterdir())
    assert db.session.get(WorkItem, syt_item.id).progress != 50
