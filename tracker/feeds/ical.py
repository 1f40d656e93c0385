"""Deadlines as an iCalendar document (RFC 5545), one all-day event per item."""

from datetime import timedelta

from flask import url_for
from flask_babel import gettext as _

from tracker.clock import now_utc
from tracker.feeds.actions import Deadline
from tracker.labels import STATUS_LABELS


def calendar_bytes(name: str, items: list[Deadline], base_url: str) -> bytes:
    # Imported when a feed is made: loading icalendar costs every process ~20 ms at start-up
    # (the reminder CLI, the scheduler, each web worker) and only the feeds need it.
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//Tracker//Plan deadlines//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    stamp = now_utc()
    host = base_url.split("//", 1)[-1].rstrip("/")
    for item in items:
        event = Event()
        event.add("uid", f"deadline-{item.item_id}@{host}")
        event.add("dtstamp", stamp)
        # Deadlines are dates (end of day in Vietnam): an all-day event, never a UTC instant.
        event.add("dtstart", item.deadline)
        event.add("dtend", item.deadline + timedelta(days=1))
        event.add("summary", _("Deadline: %(code)s %(title)s", code=item.code, title=item.title))
        event.add("description", f"{item.agency} · {STATUS_LABELS.get(item.status, item.status)}")
        event.add("url", base_url.rstrip("/") + url_for("items.show", item_id=item.item_id))
        event.add("last-modified", item.updated_at)
        calendar.add_component(event)
    return calendar.to_ical()
