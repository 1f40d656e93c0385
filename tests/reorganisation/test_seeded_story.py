"""The seed tells the real story: the 2022 agencies, then the 2025 events as dated
reorganisations (seed/reorganisation.yaml); statistics before and after add up."""

from datetime import UTC, date, datetime

from flask import current_app
from sqlalchemy import and_, func, not_, or_, select

from tracker.counting import piece_of_work
from tracker.database import db
from tracker.models import (
    Agency,
    AssignmentPeriod,
    ProgressReport,
    ReorganisationEvent,
    User,
    WorkItem,
)
from tracker.permissions import can_view_item
from tracker.reports import statistics
from tracker.reports.statistics import EVERYTHING, Dimension
from tracker.seeding.reorganisation import load_reorganisation, read_events

from .conftest import agency

BEFORE = date(2024, 12, 31)
MERGED = ("stttt", "skhdt", "snnptnt", "stnmt", "sgtvt", "sdl", "svhtt", "sldtbxh")
DISTRICTS = ("qui-nhon", "an-nhon", "hoai-nhon", "tuy-phuoc", "phu-cat", "phu-my", "tay-son",
             "hoai-an", "an-lao", "vinh-thanh", "van-canh")  # fmt: skip
FORMED = ("snnmt", "svhttdl")


def _counted(on: date) -> int:
    """Pieces of work in the statistics of a day, counted without the statistics' code:
    assigned by then and not cancelled by then."""
    W = WorkItem
    cancelled = and_(W.status == "cancelled", or_(W.cancelled_on.is_(None), W.cancelled_on <= on))
    return db.session.scalar(
        select(func.count())
        .select_from(W)
        .where(W.assigned_on <= on, not_(cancelled), piece_of_work(W))
    )


def _codes_held(code: str, on: date) -> set[str]:
    page = statistics.cell_items(Dimension.AGENCY, agency(code).id, None, on, EVERYTHING, 1, 500)
    return {row.code for row in page.rows}


def test_the_events_are_recorded_in_date_order(app):
    recorded = db.session.execute(
        select(ReorganisationEvent.kind, ReorganisationEvent.effective_on)
        .order_by(ReorganisationEvent.effective_on, ReorganisationEvent.id)
    ).all()  # fmt: skip
    assert [(e["kind"], e["effective"]) for e in read_events()] == list(map(tuple, recorded))
    assert len(recorded) == 18
    for code in MERGED:
        assert agency(code).existing_until == date(2025, 3, 1) and not agency(code).active
    for code in DISTRICTS:
        assert agency(code).existing_until == date(2025, 7, 1) and not agency(code).active
    for code in FORMED:
        assert agency(code).existing_from == date(2025, 3, 1) and agency(code).active
    assert agency("snnmt").name == "Sở Nông nghiệp và Môi trường"
    assert agency("svhttdl").name == "Sở Văn hóa, Thể thao và Du lịch"
    assert agency("stttt").successor.code == "skhcn"
    assert agency("vp-ubnd").name == "Văn phòng UBND tỉnh Gia Lai"
    assert current_app.config["REPORT_ISSUER"] == "UBND TỈNH GIA LAI"


def test_statistics_show_the_2022_agencies_before_and_the_2025_ones_today(app, today):
    before = statistics.table(Dimension.AGENCY, BEFORE)
    shown = {row.code for row in before.rows}
    assert set(MERGED) | set(DISTRICTS) | {"skhcn", "stc", "sxd", "snv", "syt"} <= shown
    assert not shown & set(FORMED)
    assert before.row("vp-ubnd").name == "Văn phòng UBND tỉnh"  # its name then
    now = statistics.table(Dimension.AGENCY, today)
    shown_now = {row.code for row in now.rows}
    assert set(FORMED) | {"skhcn", "stc", "sxd", "snv", "syt", "vp-ubnd"} <= shown_now
    assert now.row("vp-ubnd").name == "Văn phòng UBND tỉnh Gia Lai"
    # An agency that has ended keeps only what it finished before its end (its past stays
    # under its name); every open item is held by an agency existing today.
    for row in now.rows:
        if row.code in MERGED or row.code in DISTRICTS:
            assert row.tally.done == row.tally.total > 0, row
    assert not shown_now & {"sdl", "svhtt", "skhdt", "sldtbxh"}
    assert not shown_now & set(DISTRICTS)


def test_the_items_add_up_on_both_sides_of_the_events(app, today):
    for on in (BEFORE, date(2025, 2, 28), date(2025, 3, 1), date(2025, 6, 30), date(2025, 7, 1),
               today):  # fmt: skip
        by_agency = statistics.table(Dimension.AGENCY, on).total
        by_sector = statistics.table(Dimension.SECTOR, on).total
        assert by_agency == by_sector, on
        assert by_agency.total == _counted(on) > 0, on


def test_open_items_moved_on_the_day_and_the_past_stayed(app, today, item_by_code):
    # Sở TT&TT's infrastructure target: its row until 28/02/2025, Sở KH&CN's from 1/3/2025.
    assert "XHS-2025-01-HO" in _codes_held("stttt", BEFORE) or "XHS-2025-02" in _codes_held(
        "stttt", BEFORE
    )
    held_before = _codes_held("stttt", date(2025, 2, 28))
    held_after = _codes_held("skhcn", date(2025, 3, 1))
    assert held_before and held_before <= held_after
    # The software park, still not formed (seed/README.md), went with the open work.
    assert "KTS-2022-01" in _codes_held("skhcn", today)
    # The two departments merged into a new one: both open portfolios went there.
    agri = _codes_held("snnptnt", date(2025, 2, 28)) | _codes_held("stnmt", date(2025, 2, 28))
    assert agri and {c for c in agri if not c.endswith("-DAO-TAO")} <= _codes_held(
        "snnmt", date(2025, 3, 1)
    )
    # A district's open work went to the provincial office on 1/7/2025.
    district = _codes_held("qui-nhon", date(2025, 6, 30))
    assert district and district <= _codes_held("vp-ubnd", date(2025, 7, 1))
    assert not _codes_held("qui-nhon", date(2025, 7, 1))


def test_the_divided_department_s_items_went_by_sector(app, item_by_code):
    # Sở LĐ-TB&XH coordinated both; neither is a health item, so Sở Nội vụ took its place (and,
    # leading NV-C-07 already, does not coordinate it as well).
    assert {a.code for a in item_by_code("NV-XHS-01").coordinating_agencies} == {"snv"}
    assert {a.code for a in item_by_code("NV-C-07").coordinating_agencies} == {"sgddt"}
    assert item_by_code("NV-C-07").lead_agency.code == "snv"
    still = select(WorkItem.code).where(
        WorkItem.coordinating_agencies.any(Agency.code == "sldtbxh")
    )
    assert db.session.scalars(still).all() == []


def test_people_followed_their_agencies(app, user_by_email, item_by_code):
    head = user_by_email("head.stttt@tracker.demo")
    assert head.agency.code == "skhcn" and head.active
    assert user_by_email("officer.sldtbxh@tracker.demo").agency.code == "snv"
    assert user_by_email("officer.sdl@tracker.demo").agency.code == "svhttdl"
    district = user_by_email("officer.qui-nhon@tracker.demo")
    assert not district.active
    # Read access to the former agency's items up to the event.
    assert can_view_item(head, item_by_code("KTS-2022-01"))
    assert user_by_email("head.snnmt@tracker.demo").agency.code == "snnmt"


def test_demo_records_after_a_dissolution_are_the_successor_s(app):
    deactivated = select(User.id).where(User.active.is_(False))
    late = db.session.scalar(
        select(func.count())
        .select_from(ProgressReport)
        .where(ProgressReport.author_id.in_(deactivated))
        .where(ProgressReport.created_at >= datetime(2025, 6, 30, 17, tzinfo=UTC))
    )
    assert late == 0


def test_reseeding_records_no_event_twice(app, today):
    count = db.session.scalar(select(func.count()).select_from(ReorganisationEvent))
    assert load_reorganisation(None, today) == {}
    assert db.session.scalar(select(func.count()).select_from(ReorganisationEvent)) == count


def test_the_demo_s_deadline_change_keeps_the_original(app, item_by_code):
    item = item_by_code("KTS-2030-04")
    assert item.original_deadline == date(2030, 12, 31) != item.deadline
    changes = db.session.scalars(
        select(AssignmentPeriod)
        .where(AssignmentPeriod.item_id == item.id, AssignmentPeriod.kind == "correction")
        .order_by(AssignmentPeriod.id)
    ).all()
    assert changes and changes[-1].reason and changes[-1].changed_by.email == "office@tracker.demo"
