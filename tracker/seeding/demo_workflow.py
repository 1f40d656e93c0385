"""Demo decisions waiting for the office: submissions to confirm and extension requests.

Deterministic and relative to `today`; idempotent: an item that ever had a demo submission or
extension request is left alone, whatever happened to it since.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import exists, select

from tracker.database import db
from tracker.domain.extensions import EXTENDABLE_STATUSES, is_late_request
from tracker.domain.workflow import Status
from tracker.models import Activity, ExtensionRequest, ProgressReport, User, WorkItem
from tracker.workdays.store import working_calendar

#: (item code, days ago, report text, report document number)
SUBMISSIONS = (
    (
        "NV-C-02",
        3,
        "Đã ban hành đầy đủ các văn bản cơ chế, chính sách về chuyển đổi số theo kế hoạch; "
        "gửi kèm danh mục văn bản.",
        "215/BC-STTTT",
    ),
    (
        "NV-KTS-01",
        1,
        "Đã tổ chức 12 hội nghị hỗ trợ doanh nghiệp chuyển đổi số, 350 doanh nghiệp tham gia.",
        "98/BC-SKHĐT",
    ),
)
#: (item code, days ago, days the new deadline is after the later of deadline and today, reason)
EXTENSIONS = (
    (
        "NV-LV-01",
        2,
        120,
        "Hệ thống hồ sơ sức khỏe điện tử đang chờ kết nối với nền tảng dữ liệu y tế quốc gia; "
        "đề nghị gia hạn để hoàn thành việc kết nối và tập huấn cho các cơ sở y tế.",
    ),
    (
        "NV-LV-04",
        4,
        90,
        "Kinh phí triển khai phần mềm truy xuất nguồn gốc nông sản được bố trí chậm; đề nghị "
        "gia hạn thời gian thực hiện.",
    ),
)
_WORKING = (Status.ASSIGNED.value, Status.IN_PROGRESS.value, Status.RETURNED.value)


def load_demo_workflow(users: dict[str, User], today: date) -> Counter[str]:
    """Give the office's inbox a few submissions and extension requests to decide."""
    report: Counter[str] = Counter()
    for code, days_ago, text, number in SUBMISSIONS:
        item = _untouched(code, ProgressReport.item_id, ProgressReport.is_submission.is_(True))
        if item is not None and item.status in _WORKING:
            _submit(
                item,
                users[f"officer.{item.lead_agency.code}"],
                today - timedelta(days_ago),
                text,
                number,
            )
            report["demo submissions"] += 1
    calendar = working_calendar()
    for code, days_ago, extra_days, reason in EXTENSIONS:
        item = _untouched(code, ExtensionRequest.item_id)
        if item is not None and Status(item.status) in EXTENDABLE_STATUSES and item.deadline:
            on = today - timedelta(days_ago)
            proposed = max(item.deadline, today) + timedelta(extra_days)
            late = is_late_request(on, item.deadline, calendar)
            _request(item, users[f"head.{item.lead_agency.code}"], on, proposed, reason, late)
            report["demo extension requests"] += 1
    return report


def _untouched(code: str, item_column, *conditions) -> WorkItem | None:
    """The item with this code, unless the demo (or anyone) already gave it such a record."""
    done = exists().where(item_column == WorkItem.id, *conditions)
    return db.session.scalar(select(WorkItem).where(WorkItem.code == code, ~done))


def _moment(on: date) -> datetime:
    return datetime.combine(on, time(3, 0), tzinfo=UTC)  # 10:00 in Vietnam


def _submit(item: WorkItem, officer: User, on: date, text: str, number: str) -> None:
    changes = {"status": [item.status, "submitted"], "progress": [str(item.progress), "100"]}
    item.status, item.progress, item.completed_on, item.result = "submitted", 100, on, text
    db.session.add(
        ProgressReport(
            item_id=item.id,
            author_id=officer.id,
            progress=100,
            text=text,
            document_number=number,
            document_date=on,
            is_submission=True,
            created_at=_moment(on),
        )
    )
    _history(item, officer, "submitted", changes, text, on)


def _request(item: WorkItem, head: User, on: date, proposed: date, reason: str, late: bool):
    db.session.add(
        ExtensionRequest(
            item_id=item.id,
            requested_by_id=head.id,
            requested_on=on,
            current_deadline=item.deadline,
            proposed_deadline=proposed,
            reason=reason,
            is_late=late,
            created_at=_moment(on),
        )
    )
    changes = {"proposed_deadline": [item.deadline.isoformat(), proposed.isoformat()]}
    _history(item, head, "extension_requested", changes, reason, on)


def _history(item: WorkItem, actor: User, verb: str, changes: dict, note: str, on: date):
    item.activities.append(
        Activity(verb=verb, actor=actor, changes=changes, note=note, created_at=_moment(on))
    )
    item.last_activity_on = max(item.last_activity_on or on, on)
