"""The plan seed: everything in the summary, exactly as written, loaded idempotently."""

import shutil

import yaml
from sqlalchemy import func, select

from tracker.database import db
from tracker.items.queries import standing_of
from tracker.models import Activity, Agency, Group, Measurement, Plan, User, WorkItem
from tracker.seeding import SEED_DIR
from tracker.seeding.demo import load_demo
from tracker.seeding.plan import load_plan

SUMMARY = SEED_DIR / "source" / "plan-59-summary.vi.txt"
LOCALITIES = 11


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _table_counts() -> dict[str, int]:
    return {m.__name__: _count(m) for m in (Agency, Group, WorkItem, User, Activity, Measurement)}


def test_every_target_and_task_is_loaded(app):
    # Plan 59's, as its seed wrote them: the demo's other documents have items of their own,
    # and the demo adds the plan's periodic report (a recurring item and its occurrences).
    plan59 = select(Plan.id).where(Plan.number == "59/KH-UBND").scalar_subquery()
    rows = db.session.execute(
        select(WorkItem.kind, func.count())
        .where(WorkItem.plan_id == plan59, WorkItem.code.not_like("BC-59-6T%"))
        .group_by(WorkItem.kind)
    )
    kinds = {kind: count for kind, count in rows}
    assert kinds == {"target": 117, "task": 62}


def test_texts_are_exactly_as_written(item_by_code):
    assert item_by_code("NV-C-05").title == "Đảm bản an toàn, an ninh mạng"
    assert item_by_code("NV-LV-01").title == "Chuyển đổi số trong lĩnh vực y tế"
    item = item_by_code("CQS-2025-01")
    assert item.plan_text.startswith("100% dịch vụ công trực tuyến mức độ 4")


def test_every_plan_text_comes_from_the_summary(app):
    source = yaml.safe_load((SEED_DIR / "items.yaml").read_text(encoding="utf-8"))
    summary = SUMMARY.read_text(encoding="utf-8")
    for entry in source:
        assert entry["plan_text"].rstrip(";.") in summary, entry["code"]


def test_figures_are_split_per_level_and_per_locality(item_by_code):
    assert item_by_code("CQS-2025-02-TINH").target_value == 90
    assert item_by_code("CQS-2025-02-HUYEN-TAY-SON").target_value == 80
    assert item_by_code("CQS-2025-02-XA-VAN-CANH").target_value == 60
    per_locality = db.session.scalar(
        select(func.count()).where(WorkItem.code.like("CQS-2025-05-%"))
    )
    assert per_locality == LOCALITIES


def test_default_assignment_is_marked(item_by_code):
    item = item_by_code("NV-LV-02")  # the plan's assignment, untouched by the 2025 events
    assert item.default_assignment is True
    assert item.lead_agency.code == "sgddt"
    assert [a.code for a in item.coordinating_agencies] == []
    assert str(item.deadline) == "2025-12-31" == str(item.original_deadline)
    # Sở KH&CN took Sở TT&TT's place on 1/3/2025: no longer the default assignment.
    moved = item_by_code("NV-C-05")
    assert moved.lead_agency.code == "ca"
    assert [a.code for a in moved.coordinating_agencies] == ["skhcn"]
    assert moved.default_assignment is False
    assert str(item_by_code("KTS-2030-01").deadline) == "2030-12-31"


def test_rerunning_the_seed_changes_nothing(app, today):
    before = _table_counts()
    assert load_plan() == {}
    assert load_demo(today) == {}
    assert _table_counts() == before


def test_a_changed_yaml_value_updates_the_row(app, tmp_path, item_by_code):
    seed = tmp_path / "seed"
    shutil.copytree(SEED_DIR, seed)
    items = yaml.safe_load((seed / "items.yaml").read_text(encoding="utf-8"))
    next(e for e in items if e["code"] == "NV-LV-08")["title"] = "Chuyển đổi số ngành du lịch"
    (seed / "items.yaml").write_text(yaml.safe_dump(items, allow_unicode=True), encoding="utf-8")
    count = _count(WorkItem)
    assert load_plan(seed)["items updated"] == 1
    assert item_by_code("NV-LV-08").title == "Chuyển đổi số ngành du lịch"
    assert _count(WorkItem) == count


def test_the_office_s_reassignment_survives_a_reseed(app, item_by_code):
    item = item_by_code("NV-LV-08")
    item.lead_agency = db.session.scalar(select(Agency).where(Agency.code == "svhtt"))
    item.default_assignment = False
    db.session.commit()
    load_plan()
    assert item_by_code("NV-LV-08").lead_agency.code == "svhtt"


def test_demo_accounts_exist_for_every_agency(user_by_email):
    for email in ("admin@tracker.demo", "office@tracker.demo", "leader@tracker.demo"):
        assert user_by_email(email).check_password("demo1234")
    for agency in db.session.scalars(select(Agency)):
        head = user_by_email(f"head.{agency.code}@tracker.demo")
        officer = user_by_email(f"officer.{agency.code}@tracker.demo")
        assert head.role == "head"
        if agency.successor is None and agency.existing_until is None:  # it exists today
            assert officer.agency == agency and officer.active
        elif agency.level == "district":  # dissolved on 1/7/2025: its accounts deactivated
            assert not officer.active and not head.active
        else:  # its people followed its work (a split: to Sở Nội vụ)
            assert officer.agency.code == getattr(agency.successor, "code", "snv")
            assert officer.active


def test_the_demo_has_a_head_an_officer_and_staff_in_at_least_two_agencies(app):
    """The journeys of approval and delegation can be tried in two agencies: each has an
    active head, focal officer and member of staff, all able to sign in."""
    people = db.session.scalars(select(User).where(User.active, User.agency_id.is_not(None)))
    by_agency: dict[str, dict[str, User]] = {}
    for person in people:
        by_agency.setdefault(person.agency.code, {})[person.role] = person
    complete = {
        code: held for code, held in by_agency.items() if {"head", "officer", "staff"} <= set(held)
    }
    assert len(complete) >= 2 and "syt" in complete, sorted(complete)
    for held in complete.values():
        assert all(held[role].check_password("demo1234") for role in ("head", "officer", "staff"))


def test_demo_history_covers_every_standing(app, today):
    standings = {standing_of(item, today) for item in db.session.scalars(select(WorkItem))}
    assert {s.value for s in standings if s} >= {
        "done_on_time",
        "done_late",
        "in_progress",
        "overdue",
    }
    assert _count(Measurement) > 50
