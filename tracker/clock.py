"""What day it is in the province: deadlines are local dates, never UTC ones."""

from collections.abc import Mapping
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from flask import current_app


def now_utc() -> datetime:
    """The current instant; tests replace the app's clock with a fixed one."""
    clock = current_app.config.get("CLOCK")
    return clock() if clock else datetime.now(UTC)


def local_now() -> datetime:
    """The current instant in the province's time zone (Asia/Ho_Chi_Minh)."""
    return now_utc().astimezone(ZoneInfo(current_app.config["TIMEZONE"]))


def local_today() -> date:
    """Today in the province's time zone: UTC is yesterday until 07:00."""
    return local_now().date()


def sweep_time(config: Mapping) -> time:
    """The local time of the daily sweep (REMINDER_SWEEP_AT: "07:30", or "7:30")."""
    hour, minute = (int(part) for part in config["REMINDER_SWEEP_AT"].split(":"))
    return time(hour, minute)


def digest_due_at(config: Mapping, day: date, hour: int | None) -> datetime:
    """When a person's daily digest of `day` goes: at the sweep, or at the later hour they
    chose (never earlier: the sweep's reminders must be in it)."""
    at = sweep_time(config)
    if hour is not None and time(hour) > at:
        at = time(hour)
    return datetime.combine(day, at, tzinfo=ZoneInfo(config["TIMEZONE"]))
