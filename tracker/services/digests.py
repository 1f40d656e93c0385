"""What a digest says: its notices that still apply, by section, the most urgent items first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from tracker.domain.reminders import Section, section_of, working_days_before
from tracker.domain.standing import days_overdue
from tracker.extensions import db
from tracker.models import Agency, Digest, Notice, WorkItem
from tracker.services import reminder_sql as sql
from tracker.services.reminder_policy import load_policy


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

    @property
    def working_days_left(self) -> int | None:
        """N of a "due in N working days" reminder."""
        return working_days_before(self.rule)


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


def digest_content(digest_id: int, items_shown: int) -> DigestContent | None:
    """The digest's content now; None when none of its notices still applies.

    At most `items_shown` items per section (per agency for escalations), nearest deadline
    first: the counts stay exact and the mail links to the rest. Two queries: the notices that
    still apply (a few columns, in deadline order), then the details of the items shown.
    """
    digest = db.session.get(Digest, digest_id)
    if digest is None:
        return None
    person = digest.recipient
    # A first digest can hold a thousand notices: fetch only what counting and choosing need
    # (no dates, whose conversion would cost more than the query), in deadline order.
    rows = db.session.execute(
        select(Notice.rule, Notice.item_id, WorkItem.lead_agency_id)
        .join(WorkItem, WorkItem.id == Notice.item_id)
        .where(Notice.digest_id == digest_id, sql.concerns(person))
        .order_by(Notice.deadline, Notice.item_id)
    ).all()
    if not rows:
        return None
    return DigestContent(
        digest_id=digest.id,
        day=digest.day,
        recipient_id=person.id,
        email=person.email,
        name=person.name,
        language=person.language,
        sections=_sections(rows, digest.day, items_shown),
        due_within=load_policy().before[0],
        carried=len(rows),
    )


def _sections(rows, day: date, items_shown: int) -> tuple[SectionContent, ...]:
    """Count every notice, keep the first `items_shown` per section (per agency when
    escalated), then load what the mail says about the kept items."""
    sections_of = {rule: section_of(rule) for rule in {row[0] for row in rows}}
    counts: dict[tuple[Section, int], int] = {}
    kept: dict[tuple[Section, int], list[tuple[int, str]]] = {}
    for rule, item_id, agency_id in rows:
        section = sections_of[rule]
        key = (section, agency_id if section is Section.ESCALATED else 0)
        seen = counts[key] = counts.get(key, 0) + 1
        if seen <= items_shown:
            kept.setdefault(key, []).append((item_id, rule))
    lines = _lines([item for group in kept.values() for item in group], day)
    groups = {
        key: (counts[key], tuple(lines[item_id] for item_id, _rule in items))
        for key, items in kept.items()
    }
    present = {section for section, _agency in groups}
    return tuple(_section(section, groups) for section in Section if section in present)


def _section(section: Section, groups: dict) -> SectionContent:
    """One part of the mail from its (count, lines) groups: one group, or one per agency."""
    if section is not Section.ESCALATED:
        total, items = groups[(section, 0)]
        return SectionContent(section, total, items)
    agencies = sorted(
        (
            AgencyGroup(items[0].agency_code, items[0].agency_name, total, items)
            for key, (total, items) in groups.items()
            if key[0] is section
        ),
        key=lambda group: group.agency_name,
    )
    return SectionContent(section, sum(g.total for g in agencies), groups=tuple(agencies))


def _lines(kept: list[tuple[int, str]], day: date) -> dict[int, ItemLine]:
    """The mail's line for each kept item (an item is in one section of a digest at most)."""
    rules = dict(kept)
    rows = db.session.execute(
        select(
            WorkItem.id,
            WorkItem.code,
            WorkItem.title,
            WorkItem.deadline,
            Agency.code,
            Agency.name,
        )
        .join(Agency, Agency.id == WorkItem.lead_agency_id)
        .where(WorkItem.id.in_(rules))
    )
    return {
        item_id: ItemLine(
            item_id,
            code,
            title,
            deadline,
            agency_code,
            agency_name,
            rules[item_id],
            days_overdue(deadline, day),
        )
        for item_id, code, title, deadline, agency_code, agency_name in rows
    }
