"""A merger of agencies: the successor inherits open work, history keeps who held what."""

from sqlalchemy import select

from tracker.database import db
from tracker.models import Activity, Agency, WorkItem
from tracker.seeding.plan import load_plan


def _items_led_by(code: str, open_only: bool) -> list[WorkItem]:
    query = select(WorkItem).join(WorkItem.lead_agency).where(Agency.code == code)
    if open_only:
        query = query.where(WorkItem.status.notin_(("completed", "cancelled")))
    return list(db.session.scalars(query))


def test_merging_stttt_into_skhcn(runner, user_by_email, item_by_code):
    open_before = {item.code for item in _items_led_by("stttt", open_only=True)}
    done_before = {item.code for item in _items_led_by("stttt", open_only=False)} - open_before
    assert open_before and done_before
    shared = item_by_code("NV-C-06")  # led by skhcn, stttt coordinating
    shared.status, shared.completed_on = "in_progress", None
    db.session.commit()

    result = runner.invoke(
        args=["agencies", "merge", "stttt", "--into", "skhcn", "--on", "2025-03-01"]
    )
    assert result.exit_code == 0, result.output
    assert f"items led moved: {len(open_before)}" in result.output

    db.session.expire_all()
    assert {item.code for item in _items_led_by("stttt", open_only=False)} == done_before
    assert open_before <= {item.code for item in _items_led_by("skhcn", open_only=True)}
    stttt = db.session.scalar(select(Agency).where(Agency.code == "stttt"))
    assert stttt.active is False and stttt.successor.code == "skhcn"
    assert user_by_email("officer.stttt@tracker.demo").agency.code == "skhcn"

    # NV-C-06 is led by skhcn with stttt coordinating: skhcn does not coordinate its own item.
    assert {a.code for a in item_by_code("NV-C-06").coordinating_agencies} == set()
    moved = item_by_code(sorted(open_before)[0])
    entry = db.session.scalar(
        select(Activity).where(Activity.item_id == moved.id).order_by(Activity.id.desc())
    )
    assert entry.verb == "reassigned"
    assert entry.changes["lead_agency"] == [
        "Sở Thông tin và Truyền thông",
        "Sở Khoa học và Công nghệ",
    ]
    assert "2025-03-01" in entry.note

    load_plan()  # re-seeding does not undo the reorganisation
    assert item_by_code(sorted(open_before)[0]).lead_agency.code == "skhcn"


def test_a_new_agency_then_two_mergers_into_it(runner):
    args = ["agencies", "create", "snnmt", "Sở Nông nghiệp và Môi trường", "--short-name", "SNNMT"]
    assert runner.invoke(args=args).exit_code == 0
    for old in ("snnptnt", "stnmt"):
        result = runner.invoke(args=["agencies", "merge", old, "--into", "snnmt"])
        assert result.exit_code == 0, result.output
    leads = {item.code for item in _items_led_by("snnmt", open_only=False)}
    assert leads and leads <= {"NV-LV-04", "NV-LV-07"}


def test_refusals_are_clear(runner):
    for args, message in [
        (["merge", "stttt", "--into", "stttt"], "cannot merge into itself"),
        (["merge", "nowhere", "--into", "skhcn"], "Unknown agency code nowhere"),
        (["merge", "stttt", "--into", "skhcn", "--on", "1/3/2025"], "Invalid value"),
        (["create", "syt", "Sở Y tế"], "already exists"),
    ]:
        result = runner.invoke(args=["agencies", *args])
        assert result.exit_code != 0
        assert message in result.output, result.output
