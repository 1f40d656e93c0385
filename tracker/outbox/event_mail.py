"""The mail of notifications: one event sent at once, or the events folded into a morning
digest beside its reminders. Said in the reader's language, each with what to do next and a
link to the item."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, render_template
from flask_babel import force_locale, ngettext

from tracker.clock import local_today
from tracker.items.queries import standing_of
from tracker.labels import badge_of
from tracker.models import Notification
from tracker.notifications import wording
from tracker.outbox.mail import Links, RenderedMail, digest_subject, render_digest
from tracker.reminders.digests import DigestContent


@dataclass(frozen=True)
class EventLine:
    headline: str
    sentence: str
    next_step: str
    code: str
    title: str
    url: str
    badge: str  #: where the item stands now, in the words of the lists and pages


def event_lines(events: list[Notification], links: Links) -> list[EventLine]:
    today = local_today()
    return [
        EventLine(
            wording.headline(event),
            wording.sentence(event),
            wording.next_step(event),
            event.item.code,
            event.item.title,
            links.item(event.item_id),
            badge_of(event.item, standing_of(event.item, today), today),
        )
        for event in events
    ]


def render_with_events(
    content: DigestContent | None, events: list[Notification]
) -> tuple[RenderedMail, str, int]:
    """The mail, its address and how many notices and events it carries."""
    person = events[0].recipient
    with force_locale(person.language):
        links = Links(current_app)
        lines = event_lines(events, links)
        told = ngettext("%(num)d event on your work", "%(num)d events on your work", len(lines))
        if content is not None:
            rendered = render_digest(content, lines)
            subject = f"{digest_subject(content)}, {told}" if digest_subject(content) else told
            mail = RenderedMail(subject, rendered.text, rendered.html)
            return mail, person.email, content.carried + len(lines)
        subject = f"{lines[0].code}: {lines[0].headline}" if len(lines) == 1 else told
        context = {
            "name": person.name,
            "language": person.language,
            "events": lines,
            "links": links,
            "subject": subject,
            "settings_url": links.url("profile.show", _anchor="notify"),
        }
        text = render_template("emails/events.txt", **context)
        html = render_template("emails/events.html", **context)
        return RenderedMail(subject, text, html), person.email, len(lines)
