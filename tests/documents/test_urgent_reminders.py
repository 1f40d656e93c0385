"""Urgent items follow the reminder policy's shorter schedule: every working day near the
deadline and once overdue, where other items are reminded every few working days."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from tracker.database import db
from tracker.domain.reminders import OVERDUE, ReminderPolicy
from tracker.models import Notice, WorkItem
from tracker.reminders.sweep import sweep
from tracker.workdays.store import working_calendar


def test_the_urgent_schedule_is_daily_and_keeps_the_escalations():
    policy = ReminderPolicy()
    urgent = policy.for_urgent()
    assert urgent.before == (3, 2, 1, 0) and urgent.overdue_every == 1
    assert (urgent.office_after, urgent.leader_after_days) == (7, 30)
    assert ReminderPolicy(before=(1, 0)).for_urgent().before == (1, 0)


def test_the_office_sets_the_urgent_schedule():
    urgent = ReminderPolicy(urgent_from=5, urgent_overdue_every=2).for_urgent()
    assert urgent.before == (5, 4, 3, 2, 1, 0) and urgent.overdue_every == 2
    # Never earlier than other items' first reminder: urgent means shorter, not longer.
    assert ReminderPolicy(before=(2, 0), urgent_from=5).for_urgent().before == (2, 1, 0)
    for nonsense in ({"urgent_from": -1}, {"urgent_from": 61}, {"urgent_overdue_every": 0}):
        with pytest.raises(ValueError):
            ReminderPolicy(**nonsense)


def overdue_rounds(item_id: int) -> set[str]:
    return set(
        db.session.scalars(
            select(Notice.period).where(Notice.item_id == item_id, Notice.rule == OVERDUE)
        )
    )


def test_an_urgent_overdue_item_is_reminded_every_working_day(app, today):
    late = db.session.scalars(
        select(WorkItem)
        .where(WorkItem.status == "in_progress", WorkItem.deadline < today - timedelta(days=20))
        .order_by(WorkItem.id)
        .limit(2)
    ).all()
    urgent, ordinary = late
    urgent.is_urgent = True
    db.session.commit()
    days = working_calendar()
    sweep_days = [days.on_or_after(today)]
    for _ in range(2):
        sweep_days.append(days.on_or_after(sweep_days[-1] + timedelta(days=1)))
    for day in sweep_days:
        sweep(day)
    assert len(overdue_rounds(urgent.id)) == 3  # a new round each working day
    # Every 5 working days: three days in a row cross at most one round's end.
    assert 1 <= len(overdue_rounds(ordinary.id)) <= 2


def test_the_saved_urgent_schedule_is_what_the_sweep_follows(app, today, login):
    """Every third working day once overdue, as the office saved it: three days in a row
    cross at most one round's end."""
    late = db.session.scalars(
        select(WorkItem)
        .where(WorkItem.status == "in_progress", WorkItem.deadline < today - timedelta(days=20))
        .order_by(WorkItem.id)
        .limit(1)
    ).one()
    late.is_urgent = True
    db.session.commit()
    policy = {"before": "7, 3, 1, 0", "overdue_every": "5", "office_after": "7"}
    policy |= {"leader_after_days": "30", "urgent_from": "3", "urgent_overdue_every": "3"}
    assert login("office@tracker.demo").post("/admin/policy", data=policy).status_code == 302
    days = working_calendar()
    day = days.on_or_after(today)
    for _ in range(3):
        sweep(day)
        day = days.on_or_after(day + timedelta(days=1))
    assert 1 <= len(overdue_rounds(late.id)) <= 2
