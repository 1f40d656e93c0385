"""The deadlines the sweep plans stages for: read from indexes alone, urgent items and plain ones
each on their own schedule, even where they share a deadline (tracker.reminders.recipients_sql
.deadlines_until)."""

from datetime import timedelta

from tracker.database import db
from tracker.domain.reminders import Audience, plan_stages
from tracker.reminders.policy import load_policy
from tracker.reminders.recipients_sql import deadlines_until
from tracker.reminders.sweep import sweep
from tracker.workdays.store import working_calendar

from .conftest import notices_of


def test_urgent_and_plain_items_sharing_deadlines_each_follow_their_own_schedule(
    app, today, make_item
):
    policy, calendar = load_policy(), working_calendar()
    late, later = today - timedelta(days=12), today - timedelta(days=20)
    urgent = make_item("DL-URGENT", "syt", late)
    plain = make_item("DL-PLAIN", "syt", late)
    # An urgent item waiting for confirmation is not reminded, though a plain one shares its
    # deadline: its deadline is planned on the urgent schedule too, and joins no item.
    waiting = make_item("DL-WAITING", "syt", later, status="submitted")
    plain_alone = make_item("DL-PLAIN-2", "syt", later)
    urgent.is_urgent = waiting.is_urgent = True
    db.session.commit()

    plain_days, urgent_days = deadlines_until(today)
    assert {late, later} <= set(plain_days) and {late, later} <= set(urgent_days)

    sweep(today)

    def expected(item, schedule) -> set[tuple[str, str]]:
        stages = plan_stages([item.deadline], today, schedule, calendar)[item.deadline]
        return {(s.rule, s.period) for s in stages if s.audience is Audience.ASSIGNEES}

    def recorded(item) -> set[tuple[str, str]]:
        mine = notices_of("officer.syt@tracker.demo")
        return {(n.rule, n.period) for n in mine if n.item_id == item.id}

    assert recorded(urgent) == expected(urgent, policy.for_urgent()) != expected(plain, policy)
    assert recorded(plain) == expected(plain, policy)
    assert recorded(plain_alone) == expected(plain_alone, policy)
    assert recorded(waiting) == set()


def test_no_deadline_of_a_closed_item_or_beyond_the_last_day(app, today, make_item):
    long_ago, far = today - timedelta(days=777), today + timedelta(days=400)
    closed = make_item("DL-CANCELLED", "syt", long_ago, status="cancelled")
    closed.is_urgent = True
    make_item("DL-FAR", "syt", far)
    db.session.commit()
    plain_days, urgent_days = deadlines_until(today + timedelta(days=30))
    assert long_ago not in plain_days and long_ago not in urgent_days
    assert far not in plain_days
