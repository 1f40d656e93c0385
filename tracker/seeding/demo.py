"""Demo accounts and a realistic, deterministic history relative to today."""

from __future__ import annotations

import zlib
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select

from tracker.database import db
from tracker.models import (
    Activity,
    Agency,
    ProgressReport,
    Role,
    Sector,
    User,
    WorkItem,
)
from tracker.models.org import hash_password
from tracker.seeding import demo_targets
from tracker.seeding.demo_reminders import bring_deadlines_near
from tracker.seeding.demo_workflow import load_demo_workflow
from tracker.seeding.documents import load_demo_documents, load_periodic_report
from tracker.seeding.reorganisation import handovers, load_reorganisation
from tracker.seeding.reports import load_demo_periods
from tracker.timeliness.stamp import stamp_unstamped

DEMO_PASSWORD = "demo1234"
DEMO_DOMAIN = "tracker.demo"
PROVINCE_ACCOUNTS = (
    ("admin", Role.ADMIN, "Quản trị hệ thống", None),
    ("office", Role.OFFICE, "Chuyên viên Văn phòng UBND tỉnh", "vp-ubnd"),
    ("leader", Role.LEADER, "Phó Chủ tịch UBND tỉnh", None),
)
#: Agencies whose demo includes a member of staff (chuyên viên), staff.<code>@tracker.demo, to
#: whom the head can give items.
STAFF_AGENCIES = ("syt", "stttt")


def load_demo(today: date) -> Counter[str]:
    """Create the demo accounts (idempotent) and give untouched items a history."""
    report: Counter[str] = Counter()
    password_hash = hash_password(DEMO_PASSWORD)
    users = _province_accounts(password_hash, report)
    users.update(_every_agency_accounts(password_hash, report))
    leader = users["leader"]
    for sector in db.session.scalars(select(Sector)):
        sector.leader_id = sector.leader_id or leader.id
    db.session.flush()
    authors = _Authors(users, handovers())
    for item in db.session.scalars(select(WorkItem).order_by(WorkItem.code)):
        if _give_history(item, authors, today):
            report["items given a history"] += 1
    # The 2025 events after the history they cut through (an event moves what was open on its
    # day), before the demo's decisions of today and its frozen periods.
    report += load_reorganisation(users["office"], today)
    users.update(_every_agency_accounts(password_hash, report))  # and those the events formed
    report += load_demo_workflow(users, today)
    report.update(bring_deadlines_near(today, users["office"]))
    report["updates stamped late or on time"] += stamp_unstamped()
    db.session.commit()
    report += load_demo_periods(today, users["office"])
    report += load_demo_documents(users["office"])
    report += load_periodic_report(users["office"], today)
    return report


def _every_agency_accounts(password_hash: str, report: Counter[str]) -> dict[str, User]:
    users: dict[str, User] = {}
    for agency in db.session.scalars(select(Agency).order_by(Agency.code)):
        users.update(_agency_accounts(agency, password_hash, report))
    return users


class _Authors:
    """Who writes an item's demo records on a day: the focal officer of the agency that led it
    in 2022 (who follows the work through a merger), or, from the day that agency was dissolved
    and its people deactivated, the officer of the successor that took its work."""

    def __init__(self, users: dict[str, User], handed_over: dict[str, tuple[date, str]]):
        self.users, self.handed_over = users, handed_over
        self.office = users["office"]

    def officer(self, code: str, on: date) -> User:
        day, successor = self.handed_over.get(code, (None, code))
        return self.users[f"officer.{successor if day and on >= day else code}"]


def _account(email: str, values: dict, password_hash: str, report: Counter[str]) -> User:
    user = db.session.scalar(select(User).where(User.email == email))
    if user is None:
        user = User(email=email, password_hash=password_hash, **values)
        db.session.add(user)
        report["users created"] += 1
    return user


def _province_accounts(password_hash: str, report: Counter[str]) -> dict[str, User]:
    users = {}
    for local_part, role, name, agency_code in PROVINCE_ACCOUNTS:
        agency = db.session.scalar(select(Agency).where(Agency.code == agency_code))
        values = {"name": name, "role": role.value, "agency": agency}
        users[local_part] = _account(f"{local_part}@{DEMO_DOMAIN}", values, password_hash, report)
    return users


def _agency_accounts(agency: Agency, password_hash: str, report: Counter[str]) -> dict:
    name = agency.short_name or agency.code.upper()
    head = {"name": f"Thủ trưởng {name}", "title": "Thủ trưởng", "role": Role.HEAD.value}
    officer = {"name": f"Cán bộ đầu mối {name}", "title": "Chuyên viên", "role": "officer"}
    accounts = {
        f"head.{agency.code}": _account(
            f"head.{agency.code}@{DEMO_DOMAIN}", {**head, "agency": agency}, password_hash, report
        ),
        f"officer.{agency.code}": _account(
            f"officer.{agency.code}@{DEMO_DOMAIN}",
            {**officer, "agency": agency},
            password_hash,
            report,
        ),
    }
    if agency.code in STAFF_AGENCIES:
        staff = {"name": f"Chuyên viên {name}", "title": "Chuyên viên", "role": Role.STAFF.value}
        accounts[f"staff.{agency.code}"] = _account(
            f"staff.{agency.code}@{DEMO_DOMAIN}", {**staff, "agency": agency}, password_hash, report
        )
    return accounts


def _give_history(item: WorkItem, authors: _Authors, today: date) -> bool:
    """A deterministic story for an item nobody has touched yet; False when already told."""
    if item.status != "assigned" or item.responsible_id is not None:
        return False
    code = item.lead_agency.code
    roll = zlib.crc32(item.code.encode()) % 100
    if item.is_target and not item.measurements:  # a moved target is measured all the same
        demo_targets.measure(item, lambda day: authors.officer(code, day), roll, today)
    if _touched(item):
        return False
    item.responsible = authors.officer(code, item.assigned_on)
    if item.deadline is not None and item.deadline < today:
        if item.is_target and not demo_targets.met(item):
            _missed_target_story(item, code, authors, roll, today)
        else:
            _past_deadline_story(item, code, authors, roll, today)
    else:
        _open_story(item, code, authors, roll, today)
    return True


def _touched(item: WorkItem) -> bool:
    """Anything beyond the seed's own line in the item's history (a reorganisation moved it,
    leaving it without a responsible person: the demo already told its story)."""
    return any(activity.verb != "seeded" for activity in item.activities)


def _past_deadline_story(item, code: str, authors: _Authors, roll: int, today: date) -> None:
    """Of items whose deadline has passed: ~35 % done on time, ~20 % late, the rest overdue."""
    if roll < 55:
        late = roll >= 35
        completed_on = (
            item.deadline + timedelta(days=10 + roll)
            if late
            else item.deadline - timedelta(days=5 + roll)
        )
        completed_on = min(completed_on, today - timedelta(days=1))
        reported_on = completed_on - timedelta(days=20)
        _report_progress(item, authors.officer(code, reported_on), 100, reported_on)
        office = authors.office
        item.status, item.progress = "completed", 100
        item.completed_on, item.confirmed_on = completed_on, completed_on + timedelta(days=3)
        item.confirmed_by, item.result = office, "Đã hoàn thành theo kế hoạch."
        item.target_outcome = "met" if item.is_target else None
        _record(
            item, office, "confirmed", {"status": ["submitted", "completed"]}, item.confirmed_on
        )
    else:
        on = today - timedelta(days=roll)
        _in_progress(item, authors.officer(code, on), 30 + roll % 60, on)


def _open_story(item, code: str, authors: _Authors, roll: int, today: date) -> None:
    """Items not yet due: most in progress, a few not started."""
    if roll < 80:
        on = today - timedelta(days=roll)
        _in_progress(item, authors.officer(code, on), 5 + roll % 50, on)


def _in_progress(item: WorkItem, officer: User, progress: int, on: date) -> None:
    item.status = "in_progress"
    _report_progress(item, officer, progress, on)


def _report_progress(item: WorkItem, officer: User, progress: int, on: date) -> None:
    """A progress report as the agency files it: the report itself and its line in the history
    (a history line alone would contradict the item's empty list of reports)."""
    item.progress = progress
    db.session.add(
        ProgressReport(
            item_id=item.id,
            author=officer,
            progress=progress,
            text=f"Đã triển khai, đạt khoảng {progress}% khối lượng công việc.",
            created_at=datetime.combine(on, time(2, 30), tzinfo=UTC),
        )
    )
    _record(item, officer, "progress", {"progress": ["0", str(progress)]}, on)


def _missed_target_story(item, code: str, authors: _Authors, roll: int, today: date) -> None:
    """A target past its year whose last value misses it: still worked on (overdue), or, for
    about a third, ended by the office as not met (kết thúc – không đạt) with the reason. A
    target measured by a public figure stays open: the office still follows it up."""
    if roll % 3 or demo_targets.is_public(item.code):
        on = today - timedelta(days=roll)
        _in_progress(item, authors.officer(code, on), 30 + roll % 60, on)
        return
    ended_on = min(item.deadline + timedelta(days=20 + roll), today - timedelta(days=1))
    reported_on = ended_on - timedelta(days=15)
    _report_progress(item, authors.officer(code, reported_on), 80, reported_on)
    office = authors.office
    item.status, item.completed_on, item.confirmed_on = "completed", ended_on, ended_on
    item.confirmed_by, item.target_outcome = office, "not_met"
    item.result = "Kết thúc, không đạt: giá trị đo được cuối kỳ thấp hơn chỉ tiêu của kế hoạch."
    changes = {"status": ["in_progress", "completed"], "target_outcome": [None, "not_met"]}
    _record(item, office, "closed_not_met", changes, ended_on)


def _record(item: WorkItem, actor: User, verb: str, changes: dict, on: date) -> None:
    moment = datetime.combine(on, time(2, 30), tzinfo=UTC)
    item.activities.append(Activity(verb=verb, actor=actor, changes=changes, created_at=moment))
    item.last_activity_on = max(item.last_activity_on or on, on)
