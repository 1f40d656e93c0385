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


def test_a_merger_moves_open_work_from_its_day_and_leaves_the_past(
    runner, user_by_email, item_by_code
):
    open_before = _items_led_by("stttt", open_only=True)
    done_before = _items_led_by("stttt", open_only=False) - open_before
    assert open_before and done_before
    shared = item_by_code("NV-C-06")  # led by skhcn, stttt coordinating
    shared.status, shared.completed_on = "in_progress", None
    db.session.commit()
    row_before = statistics.table(Dimension.AGENCY, BEFORE).row("stttt").tally

    dry = _merge(runner, "stttt", "--into", "skhcn", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert f"skhcn: {len(open_before)} open items led" in dry.output
    assert "dry run" in dry.output
    assert _items_led_by("stttt", open_only=True) == open_before  # nothing written

    result = _merge(runner, "stttt", "--into", "skhcn", "--note", "QĐ 12/QĐ-UBND")
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert _items_led_by("stttt", open_only=False) == done_before
    assert open_before <= _items_led_by("skhcn", open_only=True)
    stttt = _agency("stttt")
    assert (stttt.active, stttt.successor.code, stttt.existing_until) == (False, "skhcn", DAY)
    officer = user_by_email("officer.stttt@tracker.demo")
    assert officer.agency.code == "skhcn"
    assert {a.code for a in item_by_code("NV-C-06").coordinating_agencies} == set()

    # The statistics before the day still count the moved items under stttt.
    assert statistics.table(Dimension.AGENCY, BEFORE).row("stttt").tally == row_before
    # From the day (from a later reassignment, for an item given one since), only the past.
    today = date(2026, 11, 25)
    assert statistics.table(Dimension.AGENCY, today).row("stttt").tally.total == len(done_before)
    for as_of in (BEFORE, DAY, date(2026, 11, 25)):
        _adds_up(as_of)

    # One of the items stttt led (an item it only coordinated changes its coordinators instead).
    led_before = select(WorkItem.id).where(WorkItem.code.in_(open_before))
    period = db.session.scalars(
        select(AssignmentPeriod).where(
            AssignmentPeriod.kind == "reorganisation",
            AssignmentPeriod.lead_agency_id == _agency("skhcn").id,
            AssignmentPeriod.item_id.in_(led_before),
        )
        .order_by(AssignmentPeriod.valid_from, AssignmentPeriod.id)
    ).first()  # fmt: skip
    assert (period.valid_from, period.lead_agency_id) == (DAY, _agency("skhcn").id)
    moved = db.session.get(WorkItem, period.item_id)
    entry = db.session.scalar(
        select(Activity).where(Activity.item_id == moved.id).order_by(Activity.id.desc())
    )
    assert entry.changes["lead_agency"] == [
        "Sở Thông tin và Truyền thông",
        "Sở Khoa học và Công nghệ",
    ]
    assert "QĐ 12/QĐ-UBND" in entry.note
    # The moved officer still reads what stttt completed before the day.
    done = item_by_code(sorted(done_before)[0])
    assert can_view_item(officer, done)
    event = db.session.scalar(select(ReorganisationEvent))
    assert event.kind == "merge"
    assert [a.code for a in event.predecessors] == ["stttt"]
    assert [a.code for a in event.successors] == ["skhcn"]


def test_merge_then_split_of_the_successor_by_sector(runner, item_by_code):
    create = ["agencies", "create", "snnmt", "Sở Nông nghiệp và Môi trường"]
    assert runner.invoke(args=create).exit_code == 0
    result = _merge(runner, "snnptnt", "stnmt", "--into", "snnmt")
    assert result.exit_code == 0, result.output
    moved = _items_led_by("snnmt", open_only=True)
    assert moved
    # Later, the merged agency is divided: items of the agriculture sector to one, others out.
    split = runner.invoke(args=[
        "agencies", "split", "snnmt", "--into", "syt", "--into", "sct",
        "--sector", "nong-nghiep=sct", "--others", "syt", "--on", "2026-09-01",
    ])  # fmt: skip
    assert split.exit_code == 0, split.output
    assert _items_led_by("snnmt", open_only=True) == set()
    # Counted as pieces of work: the agriculture heading through its sub-items.
    counted = {code for code in moved if not item_by_code(code).children}
    assert statistics.table(Dimension.AGENCY, date(2026, 8, 15)).row("snnmt").tally.total == len(
        counted
    )
    for as_of in (BEFORE, date(2026, 8, 15), date(2026, 9, 1)):
        _adds_up(as_of)


def test_dissolve_sends_every_open_item_somewhere(runner):
    led = _items_led_by("sdl", open_only=True)
    refused = runner.invoke(args=["agencies", "dissolve", "sdl", "--into", "syt", "--into",
                                  "sct", "--on", DAY.isoformat()])  # fmt: skip
    assert refused.exit_code != 0 and "chưa có cơ quan kế thừa" in refused.output
    result = runner.invoke(args=["agencies", "dissolve", "sdl", "--into", "vp-ubnd",
                                 "--people", "deactivate", "--on", DAY.isoformat()])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert led <= _items_led_by("vp-ubnd", open_only=True)
    people = db.session.scalars(select(User).join(Agency).where(Agency.code == "sdl")).all()
    assert people and not any(person.active for person in people)


def test_rename_keeps_work_and_people(runner):
    led = _items_led_by("vp-ubnd", open_only=False)
    new_name = "Văn phòng UBND tỉnh Gia Lai"
    args = ["agencies", "rename", "vp-ubnd", "--name", new_name, "--on", DAY.isoformat()]
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    assert _agency("vp-ubnd").name == "Văn phòng UBND tỉnh Gia Lai"
    assert _items_led_by("vp-ubnd", open_only=False) == led
    event = db.session.scalar(select(ReorganisationEvent))
    assert (event.old_name, event.new_name) == (
        "Văn phòng UBND tỉnh",
        "Văn phòng UBND tỉnh Gia Lai",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["merge", "stttt", "--into", "stttt"], "không thể tự kế thừa"),
        (["merge", "nowhere", "--into", "skhcn"], "Không có cơ quan nào có mã nowhere"),
        (["merge", "stttt", "--into", "skhcn", "--on", "1/3/2025"], "Invalid value"),
        (["merge", "stttt", "--into", "skhcn", "--on", "2025-03-01"], "đã được chốt"),
        (["merge", "stttt", "--into", "skhcn", "--on", "2026-12-01"], "sau ngày hôm nay"),
        (
            ["split", "stttt", "--into", "skhcn", "--into", "syt", "--on", "2026-08-01"],
            "chưa có cơ quan kế thừa",
        ),
        (["create", "syt", "Sở Y tế"], "already exists"),
    ],
)
def test_refusals_are_clear_and_write_nothing(runner, args, message):
    result = runner.invoke(args=["agencies", *args])
    assert result.exit_code != 0
    assert message in result.output, result.output
    assert db.session.scalar(select(func.count()).select_from(ReorganisationEvent)) == 0
    assert _agency("stttt").active is True


def test_no_merger_into_an_agency_gone_nor_before_an_earlier_event(runner):
    assert _merge(runner, "stttt", "--into", "skhcn").exit_code == 0
    into_gone = runner.invoke(args=["agencies", "merge", "sdl", "--into", "stttt",
                                    "--on", "2026-09-01"])  # fmt: skip
    assert into_gone.exit_code != 0 and "không còn tồn tại" in into_gone.output
    earlier = runner.invoke(args=["agencies", "merge", "sdl", "--into", "skhcn",
                                  "--on", "2026-07-15"])  # fmt: skip
    assert earlier.exit_code != 0 and "theo thứ tự có hiệu lực" in earlier.output
    assert _agency("sdl").active is True


def test_the_api_lists_agencies_as_they_stood_on_a_day(runner, login):
    assert _merge(runner, "stttt", "--into", "skhcn").exit_code == 0
    client = login("office@tracker.demo")
    before = client.get("/api/v1/agencies?on=2026-07-31").json["agencies"]
    after = {a["code"]: a for a in client.get("/api/v1/agencies?on=2026-08-01").json["agencies"]}
    assert "stttt" in {a["code"] for a in before} and "stttt" not in after
    assert after["skhcn"]["predecessors"] == [
        {"code": "stttt", "name": "Sở Thông tin và Truyền thông", "on": "2026-08-01"}
    ]
    every = {a["code"]: a for a in client.get("/api/v1/agencies").json["agencies"]}
    assert every["stttt"]["existing_until"] == "2026-08-01"
    assert every["stttt"]["successors"][0]["code"] == "skhcn"
    districts = client.get("/api/v1/agencies?level=district").json["agencies"]
    assert districts and {a["level"] for a in districts} == {"district"}
    assert client.get("/api/v1/agencies?on=hôm-nay").status_code == 400
