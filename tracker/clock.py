"""What day it is in the province: deadlines are local dates, never UTC ones."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from flask import current_app


def now_utc() -> datetime:
    """The current instant; tests replace the app's clock with a fixed one."""
    clock = current_app.config.get("CLOCK")
    return clock() if clock else datetime.now(UTC)


def local_today() -> date:
    """Today in the province's time zone (Asia/Ho_Chi_Minh): UTC is yesterday until 07:00."""
    return now_utc().astimezone(ZoneInfo(current_app.config["TIMEZONE"])).date()


def local_date(moment: datetime) -> date:
    return moment.astimezone(ZoneInfo(current_app.config["TIMEZONE"])).date()
