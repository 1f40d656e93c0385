"""Reference model of the overdue list's buckets and idle rule, which the app runs as SQL.

tracker.overdue.sql filters by age bucket and tracker.overdue.queries.idle_clause finds idle
items in the database; these plain functions state the same rules for the tests.
"""

from datetime import date

from tracker.domain.standing import IDLE_THRESHOLD_DAYS, AgeBucket


def age_bucket(days: int) -> AgeBucket | None:
    """The bucket for `days` overdue; None when not overdue (days <= 0)."""
    if days <= 0:
        return None
    if days <= 30:
        return AgeBucket.D1_30
    if days <= 90:
        return AgeBucket.D31_90
    return AgeBucket.OVER_90


def is_idle(last_activity_on: date, today: date) -> bool:
    """Whether more than IDLE_THRESHOLD_DAYS days passed since the last activity."""
    return (today - last_activity_on).days > IDLE_THRESHOLD_DAYS
