"""When the sweep next runs: the day the preview shows by default and the outbox announces."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from flask import current_app

from tracker.clock import local_now, sweep_time
from tracker.domain.reminders import next_sweep_day
from tracker.workdays.store import working_calendar


@dataclass(frozen=True)
class NextSweep:
    """When mail next goes out: an empty outbox on a day off is no fault."""

    today: date
    today_off: bool
    day: date  #: of the next sweep that sends anything
    at: time  #: local time of the sweep


def next_sweep() -> NextSweep:
    """Today, whether it is a day off, and the day and time mail next goes out."""
    calendar, now, at = working_calendar(), local_now(), sweep_time(current_app.config)
    day = next_sweep_day(now, at, calendar)
    return NextSweep(now.date(), calendar.is_day_off(now.date()), day, at)
