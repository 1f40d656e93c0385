"""Escalation levels of an overdue item (đôn đốc): who must hear about it, by how late it is.

Level 1 from the first overdue day (the agency and its head), level 2 once overdue by the
policy's `office_after` working days (the provincial office's follow-up list and its leadership),
level 3 once overdue by its `leader_after_days` calendar days (the provincial leader in charge,
with an urging letter). The thresholds are those of the reminder policy the office edits, so the
list and the mails escalate alike.
"""

from datetime import date, timedelta

from tracker.domain.reminders import ReminderPolicy
from tracker.domain.workdays import WorkCalendar

LEVELS: tuple[int, ...] = (1, 2, 3)

#: The practice's defaults (level 2 after 7 working days, level 3 after 30 days).
DEFAULT_POLICY = ReminderPolicy()


def escalation_level(
    deadline: date | None,
    today: date,
    calendar: WorkCalendar,
    policy: ReminderPolicy = DEFAULT_POLICY,
) -> int:
    """0 when not overdue on `today` (or without deadline), else the level reached (1–3)."""
    if deadline is None or today <= deadline:
        return 0
    if (today - deadline).days >= policy.leader_after_days:
        return 3
    if calendar.working_days_between(deadline, today) >= policy.office_after:
        return 2
    return 1


def level_thresholds(
    today: date, calendar: WorkCalendar, policy: ReminderPolicy = DEFAULT_POLICY
) -> dict[int, date]:
    """For each level, the latest deadline at which an item has reached at least that level.

    `escalation_level(d, today) >= level` exactly when `d <= level_thresholds(today)[level]`,
    so a list can select a level with a date range on the deadline, in SQL.
    """
    level3 = today - timedelta(days=policy.leader_after_days)
    # Overdue by n working days: n working days fall after the deadline, up to today, so the
    # n-th working day counting back from today must come after the deadline.
    nth_back = calendar.add_working_days(calendar.on_or_before(today), -(policy.office_after - 1))
    level2 = max(nth_back - timedelta(days=1), level3)
    return {1: today - timedelta(days=1), 2: level2, 3: level3}
