"""What a digest says: its notices that still apply, by section, the most urgent items first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, literal, select

from tracker.domain.reminders import Section, working_days_before
from tracker.domain.standing import days_overdue
from tracker.extensions import db
from tracker.models import Agency, Digest, Notice, Sector, User, WorkItem
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

    def total(self, section: Section) -> int:
        return sum(part.total for part in self.sections if part.section is section)


def digest_content(digest_id: int, items_shown: int) -> DigestContent | None:
    """The digest's content now; None when none of its notices still applies.

    At most `items_shown` items per section (per agency for escalations), nearest deadline
    first: the counts stay exact and the mail links to the rest.
    """
    digest = db.session.get(Digest, digest_id)
    if digest is None:
        return None
    rows = db.session.execute(_rows_query(digest_id, items_shown)).all()
    if not rows:
        return None
    person = digest.recipient
    return DigestContent(
        digest_id=digest.id,
        day=digest.day,
        recipient_id=person.id,
        email=person.email,
        name=person.name,
        language=person.language,
        sections=_sections(rows, digest.day),
        due_within=load_policy().before[0],
    )


def _rows_query(digest_id: int, items_shown: int):
    section = sql.section_of(Notice.rule)
    group = case((section == Section.ESCALATED.value, WorkItem.lead_agency_id), else_=literal(0))
    window = {"partition_by": (section, group)}
    inner = (
        select(
            section.label("section"),
            func.row_number()
            .over(**window, order_by=(WorkItem.deadline, WorkItem.code))
            .label("position"),
            func.count().over(**window).label("total"),
            WorkItem.id,
            WorkItem.code,
            WorkItem.title,
            WorkItem.deadline,
            Agency.code.label("agency_code"),
            Agency.name.label("agency_name"),
            Notice.rule,
        )
        .select_from(Notice)
        .join(WorkItem, WorkItem.id == Notice.item_id)
        .join(User, User.id == Notice.recipient_id)
        .join(Agency, Agency.id == WorkItem.lead_agency_id)
        .outerjoin(Sector, Sector.id == WorkItem.sector_id)
        .where(Notice.digest_id == digest_id, sql.still_applies())
        .subquery()
    )
    return (
        select(inner)
        .where(inner.c.position <= items_shown)
        .order_by(inner.c.agency_name, inner.c.position)
    )


def _sections(rows, day: date) -> tuple[SectionContent, ...]:
    lines: dict[str, list[ItemLine]] = {}
    totals: dict[tuple[str, str], int] = {}
    for row in rows:
        line = ItemLine(
            row.id,
            row.code,
            row.title,
            row.deadline,
            row.agency_code,
            row.agency_name,
            row.rule,
            days_overdue(row.deadline, day),
        )
        lines.setdefault(row.section, []).append(line)
        totals[(row.section, row.agency_code)] = row.total
    sections = []
    for section in Section:
        found = lines.get(section.value, [])
        if not found:
            continue
        if section is Section.ESCALATED:
            sections.append(_escalated(found, totals))
        else:
            ordered = tuple(sorted(found, key=lambda line: (line.deadline, line.code)))
            total = totals[(section.value, found[0].agency_code)]
            sections.append(SectionContent(section, total, ordered))
    return tuple(sections)


def _escalated(found: list[ItemLine], totals: dict) -> SectionContent:
    by_agency: dict[str, list[ItemLine]] = {}
    for line in found:
        by_agency.setdefault(line.agency_code, []).append(line)
    groups = tuple(
        AgencyGroup(
            code,
            items[0].agency_name,
            totals[(Section.ESCALATED.value, code)],
            tuple(items),
        )
        for code, items in by_agency.items()
    )
    return SectionContent(Section.ESCALATED, sum(g.total for g in groups), groups=groups)
