"""What the pages opened all day read of the office's settings and names, kept per data
version (tracker.reports.cache): a swap of working days, a new reminder policy or a renamed
agency is a write that raises the version, so it applies at once."""

from __future__ import annotations

from tracker.domain.reminders import ReminderPolicy
from tracker.domain.workdays import WorkCalendar
from tracker.names import Labels, load_labels
from tracker.reminders.policy import load_policy
from tracker.reports.cache import cached
from tracker.workdays import store


def working_calendar() -> WorkCalendar:
    return cached(("working_calendar",), store.working_calendar)


def reminder_policy() -> ReminderPolicy:
    return cached(("reminder_policy",), load_policy)


def labels() -> Labels:
    return cached(("labels",), load_labels)
