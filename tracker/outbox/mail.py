"""Outgoing mail: render a digest in its reader's language, and wrap it for Flask-Mail."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from email import policy
from email.generator import NLCRE, BytesGenerator
from io import BytesIO
from urllib.parse import urlencode, urlsplit

from flask import Flask, current_app, render_template
from flask_babel import force_locale, gettext, ngettext
from flask_mail import Mail, Message
from werkzeug.routing import BuildError, Map, MapAdapter

from tracker.domain.reminders import Section
from tracker.labels import DIGEST_SECTION_TITLES
from tracker.reminders.digests import DigestContent, ItemLine

#: Every mail says it was sent by a machine: out-of-office replies and auto-forwards stay quiet.
AUTO_HEADERS = {"Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All"}

mail = Mail()


def init_app(app: Flask) -> None:
    mail.init_app(app)


@dataclass(frozen=True)
class RenderedMail:
    subject: str
    text: str
    html: str


class Links:
    """Absolute links into the tracker, built from BASE_URL (a mail has no request to go by).

    From the application's `link_map`: in a command, the pages mails link to, without loading
    every page; a link to another page is built from the whole map."""

    def __init__(self, app: Flask) -> None:
        base = urlsplit(app.config["BASE_URL"].rstrip("/"))
        self._app, self._base = app, base
        self._root = f"{base.scheme}://{base.netloc}{base.path}"
        self._adapter = self._bind(app.link_map)

    def _bind(self, urls: Map) -> MapAdapter:
        base = self._base
        return urls.bind(base.netloc, script_name=base.path or "/", url_scheme=base.scheme)

    def url(self, endpoint: str, **values) -> str:
        try:
            return self._adapter.build(endpoint, values, force_external=True)
        except BuildError:
            every_page = self._app.url_map
            if self._adapter.map is every_page:
                raise
            self._adapter = self._bind(every_page)
            return self._adapter.build(endpoint, values, force_external=True)

    def item(self, item_id: int) -> str:
        return self.url("items.show", item_id=item_id)

    def items(self, **query) -> str:
        """The item list, filtered (a mail lists the most urgent items and links to the rest)."""
        return f"{self.url('items.index')}?{urlencode(query)}" if query else self.url("items.index")

    def rest_of(self, section: Section, day: date) -> str:
        """Where "…and N more" of a section leads: the overdue list, or what is due from `day`."""
        if section in (Section.OVERDUE, Section.AGENCY_OVERDUE):
            return self.items(standing="overdue")
        return self.items(standing="in_progress", due_from=day.isoformat())

    def urging_letter(self, agency_code: str) -> str:
        return self.url("letters.show", agency_code=agency_code)

    @property
    def home(self) -> str:
        return f"{self._root}/"


def digest_subject(content: DigestContent) -> str:
    """What is inside, e.g. "2 nhiệm vụ quá hạn, 3 nhiệm vụ đến hạn trong 7 ngày làm việc"."""
    parts = []
    overdue = content.total(Section.OVERDUE) + content.total(Section.AGENCY_OVERDUE)
    if overdue:
        parts.append(ngettext("%(num)d overdue item", "%(num)d overdue items", overdue))
    if due_today := content.total(Section.DUE_TODAY):
        parts.append(ngettext("%(num)d item due today", "%(num)d items due today", due_today))
    if due_soon := content.total(Section.DUE_SOON):
        parts.append(
            ngettext(
                "%(num)d item due within %(days)d working days",
                "%(num)d items due within %(days)d working days",
                due_soon,
                days=content.due_within,
            )
        )
    if escalated := content.total(Section.ESCALATED):
        parts.append(
            ngettext(
                "%(num)d overdue item to follow up", "%(num)d overdue items to follow up", escalated
            )
        )
    return ", ".join(parts)


def render_digest(content: DigestContent, events: Sequence = ()) -> RenderedMail:
    """Subject, text and HTML of a digest, in the recipient's language.

    What each section and line says and links to is prepared here once, not in the templates:
    a digest can list a hundred items, and the text and HTML versions both need them.
    `events` are the notifications folded into it (tracker.outbox.event_mail.EventLine).
    """
    with force_locale(content.language):
        links = Links(current_app)
        lines = [line for part in content.sections for line in part.lines]
        context = {
            "content": content,
            "links": links,
            "titles": DIGEST_SECTION_TITLES,
            "rest": {
                part.section: links.rest_of(part.section, content.day)
                for part in content.sections
                if part.hidden
            },
            "when": _when(lines, content.day),
            "urls": {line.item_id: links.item(line.item_id) for line in lines},
            "subject": digest_subject(content),
            "events": events,
        }
        return RenderedMail(
            subject=context["subject"],
            text=render_template("emails/digest.txt", **context),
            html=render_template("emails/digest.html", **context),
        )


def _when(lines: list[ItemLine], day: date) -> dict[int, str]:
    """Each line's deadline and how late it is, e.g. "thời hạn 31/12/2025, quá hạn 329 ngày"."""
    said: dict[tuple[date, int], str] = {}
    for line in lines:
        key = (line.deadline, line.days_overdue)
        if key in said:
            continue
        if line.deadline == day:
            said[key] = gettext("due today")
            continue
        said[key] = gettext("deadline %(date)s", date=line.deadline.strftime("%d/%m/%Y"))
        if line.days_overdue:
            late = ngettext("%(num)d day overdue", "%(num)d days overdue", line.days_overdue)
            said[key] = f"{said[key]}, {late}"
    return {line.item_id: said[(line.deadline, line.days_overdue)] for line in lines}


class _AsEncoded(policy.Compat32):
    """Headers written as Flask-Mail encoded them, with SMTP's line ends. A short line of
    printable ASCII with no space at either end, as most headers are, is written as it is: the
    Header class gives it back unchanged after splitting it into words and measuring them,
    which took a third of the flattening (tests/reminders/test_mail_headers.py checks the two
    agree)."""

    def _fold(self, name, value, sanitize):
        if (
            isinstance(value, str)
            and value.isascii()
            and value.isprintable()
            and value == value.strip()
            and len(name) + 2 + len(value) <= self.max_line_length
        ):
            return f"{name}: {value}{self.linesep}"
        return super()._fold(name, value, sanitize)


_AS_ENCODED = _AsEncoded(linesep="\r\n")


class _LinesAtOnce(BytesGenerator):
    """The bytes generator, each text written with SMTP's line ends in one go rather than line
    by line, twice per line (a fifth of the flattening): the same bytes."""

    def _write_lines(self, lines: str) -> None:
        if lines:
            self.write(NLCRE.sub(self._NL, lines))


class DigestMessage(Message):
    """A Flask-Mail message flattened as it was encoded, between unguessable boundaries.

    Flask-Mail encodes a non-ASCII subject into RFC 2047 words, then flattens the message with
    policy.SMTP, which parses those words and folds them again, losing the space between two of
    them ("nhiệm vụđến hạn") and costing more than the rest of the message.

    The generator would also pick each part's boundary by compiling a regular expression and
    searching the whole text for it, a third of the flattening. A boundary of 128 random bits,
    drawn after the text was written, does not turn up in it by chance: none needs checking.
    """

    def as_bytes(self) -> bytes:
        message = self._message()
        message.policy = _AS_ENCODED
        for part in message.walk():
            if part.is_multipart():
                part.set_boundary(f"=_{secrets.token_hex(16)}")
        flat = BytesIO()  # as message.as_bytes() does, with the generator above
        _LinesAtOnce(flat, mangle_from_=False, policy=_AS_ENCODED).flatten(message, unixfrom=False)
        return flat.getvalue()


def build_message(rendered: RenderedMail, to: str, message_id: str | None = None) -> Message:
    message = DigestMessage(
        subject=rendered.subject,
        recipients=[to],
        body=rendered.text,
        html=rendered.html,
        sender=current_app.config["MAIL_DEFAULT_SENDER"],
        extra_headers=dict(AUTO_HEADERS),
    )
    if message_id:
        message.msgId = message_id
    return message


def digest_message_id(digest_id: int, created_at: datetime) -> str:
    """The same Message-ID every time this digest goes out: the one resend a crash can cause
    (see tracker.outbox.delivery) is then the same message to the server and to mail clients,
    which drop a second copy. The digest's creation instant keeps two installations, or one
    reinstalled and numbering its digests from 1 again, from ever sharing an id."""
    host = urlsplit(current_app.config["BASE_URL"]).hostname or "tracker.invalid"
    return f"<digest.{digest_id}.{created_at.strftime('%Y%m%d%H%M%S%f')}@{host}>"
