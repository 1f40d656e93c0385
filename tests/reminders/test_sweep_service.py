"""The sweep on the seeded demo data: one digest per person, idempotent, days off, stops,
reassignment, deactivation, swaps, Tết; and the SQL sweep agrees with the domain's rules."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from tracker.database import db
from tracker.models import (
    Agency,
    CalendarDay,
    Digest,
    ExtensionRequest,
    Notice,
    User,
)
from tracker.reminders.policy import load_policy
from tracker.reminders.sweep import sweep
from tracker.workdays.store import working_calendar

from ..oracles.reminders import notices_on
from .conftest import count, notices_of, recorded_keys, reference_facts

SATURDAY = date(2026, 11, 28)


def rules_for(email_address: str, item_code: str | None = None) -> set[str]:
    found = notices_of(email_address)
    return {n.rule for n in found if item_code is None or n.item.code == item_code}


def test_the_demo_sweep_queues_every_kind_of_notice_one_digest_each(app, today):
    report = sweep(today)
    recipients = {summary.email for summary in report.recipients}
    assert count(Digest) == len(recipients) == count(Digest, Digest.day == today)
    assert count(Notice) == report.notices
    assert rules_for("officer.skhdt@tracker.demo", "KTS-2030-04") == {"due:0"}
    assert rules_for("officer.nhnn@tracker.demo", "XHS-2030-02") == {"due:1"}
    assert rules_for("officer.stttt@tracker.demo", "CQS-2030-02-DICH-VU") == {"due:3"}
    assert rules_for("officer.syt@tracker.demo", "NV-LV-01") == {"overdue"}
    assert rules_for("head.syt@tracker.demo", "NV-LV-01") == {"escalation:1"}
    assert rules_for("office@tracker.demo", "NV-LV-01") == {"escalation:2"}
    assert rules_for("leader@tracker.demo", "NV-LV-01") == {"escalation:3"}
    # Nothing for completed items, nothing for agencies with nothing to do.
    assert not rules_for("officer.syt@tracker.demo") - {"overdue"}
    assert "admin@tracker.demo" not in recipients


def test_running_the_sweep_again_queues_nothing(app, today):
    first = sweep(today)
    again = sweep(today)
    assert first.notices > 0
    assert again.notices == 0 and again.recipients == ()
    assert count(Notice) == first.notices


def test_a_dry_run_records_nothing_and_says_the_same(app, today):
    preview = sweep(today, dry_run=True)
    assert count(Notice) == count(Digest) == 0
    assert sweep(today).recipients == preview.recipients


@pytest.mark.parametrize("dry_run", [False, True], ids=["sweep", "dry-run"])
def test_after_a_sweep_the_database_checks_foreign_keys_again(app, today, dry_run):
    """On SQLite the sweep's own rows skip the checks; nothing written after it may."""
    sweep(today, dry_run=dry_run)
    sweep(today + timedelta(days=1), dry_run=dry_run)  # the same pooled connection, reused
    digest = Digest(recipient_id=10**6, day=today)
    db.session.add(digest)
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


@pytest.mark.parametrize(
    "day",
    [
        pytest.param(SATURDAY, id="saturday"),
        pytest.param(date(2026, 11, 29), id="sunday"),
        pytest.param(date(2027, 1, 1), id="new-year"),
        *(pytest.param(date(2027, 2, d), id=f"tet-2027-feb-{d}") for d in range(4, 11)),
        pytest.param(date(2027, 9, 2), id="national-day"),
    ],
)
def test_nothing_on_a_day_off(app, day):
    report = sweep(day)
    assert report.day_off and report.notices == 0
    assert count(Digest) == 0


def test_a_swapped_working_saturday_sends(app):
    assert sweep(SATURDAY).day_off
    db.session.add(CalendarDay(day=SATURDAY, working=True, note="Làm bù"))
    db.session.commit()
    report = sweep(SATURDAY)
    assert not report.day_off and report.notices > 0


def test_an_extra_day_off_sends_nothing(app, today):
    db.session.add(CalendarDay(day=today, working=False, note="Nghỉ bù"))
    db.session.commit()
    assert sweep(today).day_off
    assert count(Notice) == 0


def test_before_tet_an_item_due_during_tet_gets_its_last_reminder(app, make_item):
    make_item("TET-1", "syt", date(2027, 2, 8))
    sweep(date(2027, 2, 3))  # the last working day before Tết
    assert rules_for("officer.syt@tracker.demo", "TET-1") == {"due:0"}
    sweep(date(2027, 2, 11))  # the first working day after
    assert rules_for("officer.syt@tracker.demo", "TET-1") == {"due:0", "overdue"}


def test_reassignment_the_new_agency_is_reminded_the_old_one_not(app, today, item_by_code):
    item = item_by_code("NV-LV-01")
    item.lead_agency = db.session.scalar(select(Agency).where(Agency.code == "sgddt"))
    item.responsible = db.session.scalar(
        select(User).where(User.email == "officer.sgddt@tracker.demo")
    )
    db.session.commit()
    sweep(today)
    assert rules_for("officer.syt@tracker.demo", "NV-LV-01") == set()
    assert rules_for("head.syt@tracker.demo", "NV-LV-01") == set()
    assert rules_for("officer.sgddt@tracker.demo", "NV-LV-01") == {"overdue"}
    assert rules_for("head.sgddt@tracker.demo", "NV-LV-01") == {"escalation:1"}


def test_a_deactivated_user_gets_nothing(app, today, user_by_email):
    user_by_email("officer.syt@tracker.demo").active = False
    user_by_email("leader@tracker.demo").active = False
    db.session.commit()
    report = sweep(today)
    emails = {summary.email for summary in report.recipients}
    assert "officer.syt@tracker.demo" not in emails and "leader@tracker.demo" not in emails
    assert "head.syt@tracker.demo" in emails


@pytest.mark.parametrize("status", ["submitted", "completed", "cancelled", "refused"])
def test_stop_conditions(app, today, item_by_code, status):
    item = item_by_code("NV-LV-01")
    item.status = status
    item.completed_on = today if status == "completed" else None
    db.session.commit()
    sweep(today)
    assert count(Notice, Notice.item_id == item.id) == 0


def test_an_approved_extension_stops_reminders_a_pending_one_does_not(app, today, item_by_code):
    extended, pending = item_by_code("NV-LV-01"), item_by_code("NV-LV-04")
    extended.deadline = date(2026, 12, 31)  # what approving the extension does
    officer = db.session.scalar(select(User).where(User.email == "officer.snnptnt@tracker.demo"))
    db.session.add(
        ExtensionRequest(
            item=pending,
            requested_by_id=officer.id,
            requested_on=today,
            current_deadline=pending.deadline,
            proposed_deadline=date(2026, 12, 31),
            reason="Chờ kinh phí",
        )
    )
    db.session.commit()
    sweep(today)
    assert count(Notice, Notice.item_id == extended.id) == 0
    assert rules_for("officer.snnptnt@tracker.demo", "NV-LV-04") == {"overdue"}


def test_an_item_created_two_days_before_its_deadline_gets_the_3_day_reminder(
    app, today, make_item
):
    make_item("LATE-1", "syt", working_calendar().add_working_days(today, 2))
    sweep(today)
    assert rules_for("officer.syt@tracker.demo", "LATE-1") == {"due:3"}


def test_after_downtime_only_the_current_stage_is_sent(app, today, make_item):
    calendar = working_calendar()
    make_item("DOWN-1", "syt", calendar.add_working_days(today, 8))
    sweep(today)  # nothing yet: 8 working days ahead
    # The scheduler is off for six working days; the next sweep sends the 1-day reminder only.
    sweep(calendar.add_working_days(today, 7))
    assert rules_for("officer.syt@tracker.demo", "DOWN-1") == {"due:1"}


def test_notices_found_after_the_days_digest_left_wait_for_the_next_sweep(app, today, make_item):
    sweep(today)
    db.session.execute(update(Digest).values(status="sent"))
    db.session.commit()
    make_item("NOON-1", "syt", today)
    assert sweep(today).notices == 0
    tomorrow = working_calendar().add_working_days(today, 1)
    sweep(tomorrow)
    assert rules_for("officer.syt@tracker.demo", "NOON-1") == {"overdue"}


def _awkward_cases(today, make_item, item_by_code, user_by_email) -> None:
    """Shapes the demo lacks: a responsible person from another agency, a head responsible,
    no responsible person, no sector, a deactivated officer, a second office user."""
    make_item("ODD-1", "syt", today + timedelta(days=1), responsible="officer.sgddt@tracker.demo")
    make_item("ODD-2", "sct", today - timedelta(days=12), responsible="head.sct@tracker.demo")
    make_item("ODD-3", "skhdt", today - timedelta(days=40), responsible=None)
    make_item("ODD-4", "ca", today - timedelta(days=3), sector=None)
    user_by_email("officer.ca@tracker.demo").active = False
    item_by_code("NV-LV-09").status = "returned"
    second = User(
        email="office2@tracker.demo", name="Chuyên viên 2", role="office", password_hash="x"
    )
    db.session.add(second)
    db.session.commit()


def test_the_sql_sweep_agrees_with_the_domain_rules(
    app, today, make_item, item_by_code, user_by_email
):
    _awkward_cases(today, make_item, item_by_code, user_by_email)
    policy, calendar = load_policy(), working_calendar()
    for offset in (0, 1, 3, 7, 12, 25):
        day = calendar.add_working_days(today, offset)
        items, directory = reference_facts()
        before = recorded_keys()
        expected = {n.key for n in notices_on(items, directory, day, policy, calendar, before)}
        sweep(day)
        assert recorded_keys() - before == expected, day
