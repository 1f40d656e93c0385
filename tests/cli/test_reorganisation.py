"""Reorganisations as dated events: the successor inherits the open work from the event's
day; the predecessor keeps its past, its statistics before the day and its completed work."""

from datetime import date

import pytest
from sqlalchemy import func, select

from tracker.database import db
from tracker.history.as_of_sql import counted_on
from tracker.models import (
    Activity,
    Agency,
    AssignmentPeriod,
    ReorganisationEvent,
    User,
    WorkItem,
)
from tracker.permissions import can_view_item
from tracker.reports import statistics
from tracker.reports.statistics import Dimension
from tracker.reports.statistics_sql import leaves

# After the demo's last closed period (June 2026), before the tests' today (25/11/2026).
DAY, BEFORE = date(2026, 8, 1), date(2026, 7, 31)


def _items_led_by(code: str, open_only: bool) -> set[str]:
    query = select(WorkItem.code).join(WorkItem.lead_agency).where(Agency.code == code)
    if open_only:
        query = query.where(WorkItem.status.notin_(("completed", "cancelled")))
    return set(db.session.scalars(query))


def _agency(code: str) -> Agency:
    return db.session.scalar(select(Agency).where(Agency.code == code))


def _adds_up(as_of: date) -> None:
    table = statistics.table(Dimension.AGENCY, as_of)
    for row in table.rows:
        t = row.tally
        assert min(t.as_dict().values()) >= 0
        assert t.done_on_time + t.done_late + t.in_progress + t.overdue + t.no_deadline == t.total
    counted = db.session.scalar(
        select(func.count()).select_from(WorkItem).where(counted_on(as_of), leaves())
    )
    assert table.total.total == counted


def _merge(runner, *args):
    return runner.invoke(args=["agencies", "merge", *args, "--on", DAY.isoformat()])


def _events() -> int:
    return db.session.scalar(select(func.count()).select_from(ReorganisationEvent))


def _latest_event() -> ReorganisationEvent:
    """The event a test recorded (the seed's 2025 events come before it)."""
    return db.session.scalar(select(ReorganisationEvent).order_by(ReorganisationEvent.id.desc()))


def test_a_merger_moves_open_work_from_its_day_and_leaves_the_past(
    runner, user_by_email, item_by_code
):
    open_before = _items_led_by("sct", open_only=True)
    done_before = _items_led_by("sct", open_only=False) - open_before
    assert open_before and done_before
    shared = item_by_code("NV-C-01")  # led by skhcn, sct coordinating
    assert "sct" in {a.code for a in shared.coordinating_agencies}
    shared.status, shared.completed_on = "in_progress", None
    db.session.commit()
    row_before = statistics.table(Dimension.AGENCY, BEFORE).row("sct").tally

    dry = _merge(runner, "sct", "--into", "skhcn", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert f"skhcn: {len(open_before)} open items led" in dry.output
    assert "dry run" in dry.output
    assert _items_led_by("sct", open_only=True) == open_before  # nothing written

    result = _merge(runner, "sct", "--into", "skhcn", "--note", "QĐ 12/QĐ-UBND")
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert _items_led_by("sct", open_only=False) == done_before
    assert open_before <= _items_led_by("skhcn", open_only=True)
    sct = _agency("sct")
    assert (sct.active, sct.successor.code, sct.existing_until) == (False, "skhcn", DAY)
    officer = user_by_email("officer.sct@tracker.demo")
    assert officer.agency.code == "skhcn"
    assert "sct" not in {a.code for a in item_by_code("NV-C-01").coordinating_agencies}

    # The statistics before the day still count the moved items under sct.
    assert statistics.table(Dimension.AGENCY, BEFORE).row("sct").tally == row_before
    # From the day (from a later reassignment, for an item given one since), only the past.
    today = date(2026, 11, 25)
    done_pieces = {code for code in done_before if not item_by_code(code).children}
    assert statistics.table(Dimension.AGENCY, today).row("sct").tally.total == len(done_pieces)
    for as_of in (BEFORE, DAY, date(2026, 11, 25)):
        _adds_up(as_of)

    period = db.session.scalars(
        select(AssignmentPeriod).where(
            AssignmentPeriod.kind == "reorganisation",
            AssignmentPeriod.lead_agency_id == _agency("skhcn").id,
            AssignmentPeriod.valid_from > BEFORE,  # not the seed's merger of 1/3/2025
            AssignmentPeriod.item_id.in_(select(WorkItem.id).where(WorkItem.code.in_(open_before))),
        )
        .order_by(AssignmentPeriod.valid_from, AssignmentPeriod.id)
    ).first()  # fmt: skip
    assert (period.valid_from, period.lead_agency_id) == (DAY, _agency("skhcn").id)
    moved = db.session.get(WorkItem, period.item_id)
    entry = db.session.scalar(
        select(Activity).where(Activity.item_id == moved.id).order_by(Activity.id.desc())
    )
    assert entry.changes["lead_agency"] == [
        "Sở Công Thương",
        "Sở Khoa học và Công nghệ",
    ]
    assert "QĐ 12/QĐ-UBND" in entry.note
    # The moved officer still reads what sct completed before the day.
    done = item_by_code(sorted(done_before)[0])
    assert can_view_item(officer, done)
    event = _latest_event()
    assert event.kind == "merge"
    assert [a.code for a in event.predecessors] == ["sct"]
    assert [a.code for a in event.successors] == ["skhcn"]


def test_merge_then_split_of_the_successor_by_sector(runner, item_by_code):
    create = ["agencies", "create", "snnct", "Sở Nông nghiệp và Công Thương"]
    assert runner.invoke(args=create).exit_code == 0
    result = _merge(runner, "snnmt", "sct", "--into", "snnct")
    assert result.exit_code == 0, result.output
    moved = _items_led_by("snnct", open_only=True)
    assert moved
    # Later, the merged agency is divided: items of the agriculture sector to one, others out.
    split = runner.invoke(args=[
        "agencies", "split", "snnct", "--into", "syt", "--into", "stc",
        "--sector", "nong-nghiep=stc", "--others", "syt", "--on", "2026-09-01",
    ])  # fmt: skip
    assert split.exit_code == 0, split.output
    assert _items_led_by("snnct", open_only=True) == set()
    # Counted as pieces of work: the agriculture heading through its sub-items.
    counted = {code for code in moved if not item_by_code(code).children}
    assert statistics.table(Dimension.AGENCY, date(2026, 8, 15)).row("snnct").tally.total == len(
        counted
    )
    for as_of in (BEFORE, date(2026, 8, 15), date(2026, 9, 1)):
        _adds_up(as_of)


def test_dissolve_sends_every_open_item_somewhere(runner):
    led = _items_led_by("svhttdl", open_only=True)
    assert led
    refused = runner.invoke(args=["agencies", "dissolve", "svhttdl", "--into", "syt", "--into",
                                  "sct", "--on", DAY.isoformat()])  # fmt: skip
    assert refused.exit_code != 0 and "chưa có cơ quan kế thừa" in refused.output
    result = runner.invoke(args=["agencies", "dissolve", "svhttdl", "--into", "vp-ubnd",
                                 "--people", "deactivate", "--on", DAY.isoformat()])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert led <= _items_led_by("vp-ubnd", open_only=True)
    people = db.session.scalars(select(User).join(Agency).where(Agency.code == "svhttdl")).all()
    assert people and not any(person.active for person in people)


def test_rename_keeps_work_and_people(runner):
    led = _items_led_by("tinh-doan", open_only=False)
    people = set(db.session.scalars(select(User.id).where(User.agency == _agency("tinh-doan"))))
    assert led and people
    new_name = "Tỉnh Đoàn Gia Lai"
    args = ["agencies", "rename", "tinh-doan", "--name", new_name, "--on", DAY.isoformat()]
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    assert _agency("tinh-doan").name == "Tỉnh Đoàn Gia Lai"
    assert _items_led_by("tinh-doan", open_only=False) == led
    assert set(db.session.scalars(select(User.id).where(User.agency == _agency("tinh-doan")))) == (
        people
    )
    event = _latest_event()
    assert (event.old_name, event.new_name) == ("Tỉnh Đoàn Bình Định", "Tỉnh Đoàn Gia Lai")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["merge", "sct", "--into", "sct"], "không thể tự kế thừa"),
        (["merge", "nowhere", "--into", "skhcn"], "Không có cơ quan nào có mã nowhere"),
        (["merge", "sct", "--into", "skhcn", "--on", "1/3/2025"], "Invalid value"),
        (["merge", "sct", "--into", "skhcn", "--on", "2026-03-01"], "đã được chốt"),
        (["merge", "sct", "--into", "skhcn", "--on", "2026-12-01"], "sau ngày hôm nay"),
        (
            ["split", "sct", "--into", "skhcn", "--into", "syt", "--on", "2026-08-01"],
            "chưa có cơ quan kế thừa",
        ),
        (["create", "syt", "Sở Y tế"], "already exists"),
    ],
)
def test_refusals_are_clear_and_write_nothing(runner, args, message):
    events = _events()
    result = runner.invoke(args=["agencies", *args])
    assert result.exit_code != 0
    assert message in result.output, result.output
    assert _events() == events
    assert _agency("sct").active is True


def test_no_merger_into_an_agency_gone_nor_before_an_earlier_event(runner):
    assert _merge(runner, "sct", "--into", "skhcn").exit_code == 0
    into_gone = runner.invoke(args=["agencies", "merge", "svhttdl", "--into", "sct",
                                    "--on", "2026-09-01"])  # fmt: skip
    assert into_gone.exit_code != 0 and "không còn tồn tại" in into_gone.output
    earlier = runner.invoke(args=["agencies", "merge", "svhttdl", "--into", "skhcn",
                                  "--on", "2026-07-15"])  # fmt: skip
    assert earlier.exit_code != 0 and "theo thứ tự có hiệu lực" in earlier.output
    assert _agency("svhttdl").active is True


def test_the_api_lists_agencies_as_they_stood_on_a_day(runner, login):
    assert _merge(runner, "sct", "--into", "skhcn").exit_code == 0
    client = login("office@tracker.demo")
    before = client.get("/api/v1/agencies?on=2026-07-31").json["agencies"]
    after = {a["code"]: a for a in client.get("/api/v1/agencies?on=2026-08-01").json["agencies"]}
    assert "sct" in {a["code"] for a in before} and "sct" not in after
    assert after["skhcn"]["predecessors"] == [
        {"code": "stttt", "name": "Sở Thông tin và Truyền thông", "on": "2025-03-01"},
        {"code": "sct", "name": "Sở Công Thương", "on": "2026-08-01"},
    ]
    every = {a["code"]: a for a in client.get("/api/v1/agencies").json["agencies"]}
    assert every["sct"]["existing_until"] == "2026-08-01"
    assert every["sct"]["successors"][0]["code"] == "skhcn"
    # The seed's 2025 events, as the API tells them.
    in_2024 = {a["code"] for a in client.get("/api/v1/agencies?on=2024-12-31").json["agencies"]}
    assert {"stttt", "qui-nhon"} <= in_2024 and "snnmt" not in in_2024
    assert every["stttt"]["existing_until"] == "2025-03-01"
    districts = client.get("/api/v1/agencies?level=district").json["agencies"]
    assert districts and {a["level"] for a in districts} == {"district"}
    assert client.get("/api/v1/agencies?on=hôm-nay").status_code == 400
