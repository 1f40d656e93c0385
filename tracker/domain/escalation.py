"""Escalation levels of an overdue item (đôn đốc): who must hear about it, by how late it is.

Defaults of the practice: level 1 from the first overdue day (the agency and its head), level 2
once overdue by 7 working days (the provincial office's follow-up list and its leadership),
level 3 once overdue by 30 calendar days (the provincial leader in charge, with an urging letter).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from tracker.domain.workdays import WorkCalendar

LEVELS: tuple[int, ...] = (1, 2, 3)


@dataclass(frozen=True)
class EscalationPolicy:
    """When each level starts; the office may change the defaults."""

    level2_working_days: int = 7
    level3_calendar_days: int = 30

    def __post_init__(self) -> None:
        if self.level2_working_days < 1 or self.level3_calendar_days < 1:
            raise ValueError("escalation thresholds must be at least one day")


DEFAULT_POLICY = EscalationPolicy()


def escalation_level(
    deadline: date | None,
    today: date,
    calendar: WorkCalendar,
    policy: EscalationPolicy = DEFAULT_POLICY,
) -> int:
    """0 when not overdue on `today` (or without deadline), else the level reached (1–3)."""
    if deadline is None or today <= deadline:
        return 0
    if (today - deadline).days >= policy.level3_calendar_days:
        return 3
    if calendar.working_days_between(deadline, today) >= policy.level2_working_days:
        return 2
    return 1


def level_thresholds(
    today: date, calendar: WorkCalendar, policy: EscalationPolicy = DEFAULT_POLICY
) -> dict[int, date]:
    """For each level, the latest deadline at which an item has reached at least that level.

    `escalation_level(d, today) >= level` exactly when `d <= level_thresholds(today)[level]`,
    so a list can select a level with a date range on the deadline, in SQL.
    """
    level3 = today - timedelta(days=policy.level3_calendar_days)
    # Overdue by n working days: n working days fall after the deadline, up to today, so the
    # n-th working day counting back from today must come after the deadline.
    nth_back = calendar.add_working_days(
        calendar.on_or_before(today), -(policy.level2_working_days - 1)
    )
    level2 = max(nth_back - timedelta(days=1), level3)
    return {1: today - timedelta(days=1), 2: level2, 3: level3}
