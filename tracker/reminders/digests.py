"""What a digest says: its notices that still apply, by section, the most urgent items first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import select

from tracker.database import db
from tracker.domain.reminders import Section
from tracker.domain.standing import days_overdue
from tracker.models import Digest, User
from tracker.reminders.digest_notices import DigestNotices
from tracker.reminders.policy import load_policy


@dataclass(frozen=True)
class ItemLine:
    item_id: int
    code: str
    title: str
    deadline: date
    agency_code: str
    agency_name: str
    rule: str
    days_overdue: int  #: calendar days past the deadline on the digest's day
    #: The colleague on leave this reminder was received for (tracker.domain.leave), if any.
    on_behalf_of: str | None = None


@dataclass(frozen=True)
class AgencyGroup:
    """One agency's escalated items, with the count the urging letter lists."""

    agency_code: str
    agency_name: str
    total: int
    items: tuple[ItemLine, ...]


@dataclass(frozen=True)
class SectionContent:
    section: Section
    total: int
    items: tuple[ItemLine, ...] = ()
    groups: tuple[AgencyGroup, ...] = ()

    @property
    def lines(self) -> tuple[ItemLine, ...]:
        """Every line the section shows, in its agencies' groups or not."""
        return self.items + tuple(line for group in self.groups for line in group.items)

    @property
    def hidden(self) -> int:
        """Items counted but not listed (the mail links to the full list)."""
        return self.total - len(self.items) if not self.groups else 0


@dataclass(frozen=True)
class DigestContent:
    digest_id: int
    day: date
    recipient_id: int
    email: str
    name: str
    language: str
    sections: tuple[SectionContent, ...]
    due_within: int  #: the earliest reminder, in working days before the deadline
    carried: int  #: notices the mail carries (those of the digest that still apply)

    def total(self, section: Section) -> int:
        return sum(part.total for part in self.sections if part.section is section)

    @property
    def on_behalf_of(self) -> tuple[str, ...]:
        """The colleagues on leave whose reminders the listed lines include, by name."""
        names = {line.on_behalf_of for part in self.sections for line in part.lines}
        return tuple(sorted(name for name in names if name))


class Heading(NamedTuple):
    """Whose digest of which day, and when it was made: what its mail needs besides the
    notices. Delivery reads a batch's headings in one query (`headings_of`)."""

    digest_id: int
    day: date
    created_at: datetime
    recipient_id: int
    email: str
    name: str
    language: str


def headings_of(digest_ids: list[int]) -> dict[int, Heading]:
    rows = db.session.execute(
        select(
            Digest.id,
            Digest.day,
            Digest.created_at,
            User.id,
            User.email,
            User.name,
            User.language,
        )
        .join(User, User.id == Digest.recipient_id)
        .where(Digest.id.in_(digest_ids))
    )
    return {row[0]: Heading(*row) for row in rows}


def digest_content(
    digest_id: int, items_shown: int, recheck: bool = True, due_within: int | None = None
) -> DigestContent | None:
    """The digest's content now; None when none of its notices applies.

    At most `items_shown` items per section (per agency for escalations), nearest deadline
    first: the counts stay exact and the mail links to the rest. Counted and chosen by the
    database in two or three queries: a first digest can hold a thousand notices, and none of
    them becomes a Python object unless the mail lists it. With `recheck`, only the notices that
    still apply to the person count; delivery instead prunes the others first
    (`prune_left_out`) and reads `claimed_content`, so that what a sent digest holds is exactly
    what its mail said. `due_within` is the policy's earliest reminder.
    """
    heading = headings_of([digest_id]).get(digest_id)
    if heading is None:
        return None
    person = db.session.get(User, heading.recipient_id) if recheck else None
    return _content(heading, DigestNotices(digest_id, person), items_shown, due_within)


def claimed_content(heading: Heading, items_shown: int, due_within: int) -> DigestContent | None:
    """A claimed digest's content, its notices pruned when claimed: none is checked again, and
    the heading and policy were read once for the batch."""
    notices = DigestNotices(heading.digest_id, None)
    return _content(heading, notices, items_shown, due_within)


def _content(
    heading: Heading, notices: DigestNotices, items_shown: int, due_within: int | None
) -> DigestContent | None:
    totals = notices.counts()
    if not totals:
        return None
    lines = notices.first(items_shown, totals)
    return DigestContent(
        digest_id=heading.digest_id,
        day=heading.day,
        recipient_id=heading.recipient_id,
        email=heading.email,
        name=heading.name,
        language=heading.language,
        sections=_sections([_Shown(*line) for line in lines], totals, heading.day),
        due_within=load_policy().before[0] if due_within is None else due_within,
        carried=sum(totals.values()),
    )


class _Shown(NamedTuple):
    """One item the mail lists, in its group (section, and agency if escalated)."""

    section: str
    group: int
    item_id: int
    rule: str
    code: str
    title: str
    deadline: date
    agency_code: str
    agency_name: str
    on_behalf_of: str | None


def _sections(lines: list[_Shown], totals: dict, day: date) -> tuple[SectionContent, ...]:
    """The mail's sections in their order, each with its (count, lines) groups."""
    groups: dict[tuple[str, int], list[ItemLine]] = {}
    for shown in lines:
        groups.setdefault((shown.section, shown.group), []).append(_line(shown, day))
    present = {Section(section) for section, _group in groups}
    return tuple(
        _section(section, {key: (totals[key], tuple(items)) for key, items in groups.items()})
        for section in Section
        if section in present
    )


def _section(section: Section, groups: dict) -> SectionContent:
    """One part of the mail from its (count, lines) groups: one group, or one per agency."""
    if section is not Section.ESCALATED:
        total, items = groups[(section.value, 0)]
        return SectionContent(section, total, items)
    agencies = sorted(
        (
            AgencyGroup(items[0].agency_code, items[0].agency_name, total, items)
            for (part, _agency), (total, items) in groups.items()
            if part == section.value
        ),
        key=lambda group: group.agency_name,
    )
    return SectionContent(section, sum(g.total for g in agencies), groups=tuple(agencies))


def _line(shown: _Shown, day: date) -> ItemLine:
    return ItemLine(
        shown.item_id,
        shown.code,
        shown.title,
        shown.deadline,
        shown.agency_code,
        shown.agency_name,
        shown.rule,
        days_overdue(shown.deadline, day),
        shown.on_behalf_of,
    )
