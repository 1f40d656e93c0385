"""What a digest says: its notices that still apply, by section, the most urgent items first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from sqlalchemy import (
    Integer,
    Row,
    Select,
    String,
    bindparam,
    delete,
    func,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import joinedload

from tracker.database import db
from tracker.domain.reminders import Section, section_of, working_days_before
from tracker.domain.standing import days_overdue
from tracker.models import Agency, Digest, Notice, Sector, User, WorkItem
from tracker.reminders import recipients_sql as sql
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


def digest_content(
    digest_id: int, items_shown: int, recheck: bool = True, due_within: int | None = None
) -> DigestContent | None:
    """The digest's content now; None when none of its notices applies.

    At most `items_shown` items per section (per agency for escalations), nearest deadline
    first: the counts stay exact and the mail links to the rest. Counted and chosen by the
    database in two or three queries: a first digest can hold a thousand notices, and none of
    them becomes a Python object unless the mail lists it. With `recheck`, only the notices that
    still apply to the person count; delivery instead prunes the others first
    (`prune_left_out`), so that what a sent digest holds is exactly what its mail said.
    `due_within` is the policy's earliest reminder; delivery reads the policy once per batch.
    """
    digest = db.session.get(Digest, digest_id, options=_WITH_RECIPIENT)
    if digest is None:
        return None
    person = digest.recipient
    notices = _Notices(digest_id, person if recheck else None)
    totals = notices.counts()
    if not totals:
        return None
    lines = notices.first(items_shown, totals)
    return DigestContent(
        digest_id=digest.id,
        day=digest.day,
        recipient_id=person.id,
        email=person.email,
        name=person.name,
        language=person.language,
        sections=_sections([_Shown(*line) for line in lines], totals, digest.day),
        due_within=load_policy().before[0] if due_within is None else due_within,
        carried=sum(totals.values()),
    )


#: A change stamped this long before a digest was made still counts as made after it: the
#: change may have been committed only while the sweep ran, or stamped by a server whose clock
#: is a little behind.
SETTLING = timedelta(hours=1)

#: The person is needed with every digest: one query, not a second one for the relationship.
_WITH_RECIPIENT = (joinedload(Digest.recipient),)


def prune_left_out(digest_ids: list[int]) -> int:
    """Delete the notices of these digests that no longer apply (items closed or reassigned,
    people deactivated since the sweep); how many. They were never sent, so a later sweep may
    queue them again if they come to apply again.

    A notice stops applying only through a change to its item, its person or a sector. When
    only items changed since the digests were made, only those items' notices are checked: a
    first digest holds a thousand notices, of which a day's edits touch a handful.
    """
    if not digest_ids:
        return 0
    applying = (
        select(WorkItem.id)
        .select_from(WorkItem)
        .join(User, User.id == Notice.recipient_id)
        .outerjoin(Sector, Sector.id == WorkItem.sector_id)
        .where(WorkItem.id == Notice.item_id, sql.still_applies())
    )
    left_out = [Notice.digest_id.in_(digest_ids), ~applying.exists()]
    if (changed := _items_changed_alone(digest_ids)) is not None:
        left_out.append(Notice.item_id.in_(changed))
    # Usually nothing changed since the sweep: a read finds that out without taking the write
    # lock (on SQLite, one lock for the whole database) for as long as the check takes.
    if db.session.execute(select(Notice.digest_id).where(*left_out).limit(1)).first() is None:
        return 0
    result = db.session.execute(
        delete(Notice).where(*left_out).execution_options(synchronize_session=False)
    )
    return result.rowcount


def _items_changed_alone(digest_ids: list[int]) -> Select | None:
    """The items changed since these digests were made (less SETTLING), if neither their
    people nor any sector changed since; otherwise None: every notice must be checked."""
    made = db.session.scalar(select(func.min(Digest.created_at)).where(Digest.id.in_(digest_ids)))
    since = made - SETTLING

    def changed(column):
        return or_(column.is_(None), column > since)

    people = (
        select(Digest.id)
        .join(User, User.id == Digest.recipient_id)
        .where(Digest.id.in_(digest_ids), changed(User.updated_at))
    )
    sectors = select(Sector.id).where(changed(Sector.updated_at))
    if db.session.scalar(select(or_(people.exists(), sectors.exists()))):
        return None
    return select(WorkItem.id).where(WorkItem.updated_at > since)


class _Notices:
    """A digest's notices (those still applying to `person`, when given), counted rule by rule
    and listed by group of the mail: its section, and for escalations the lead agency.

    The digest's index holds each rule's notices together in deadline order, so counting them
    and choosing each group's first read the index alone; the rules are put in their sections
    here, by the domain's `section_of`. Delivery asks the same few questions of every digest:
    without a person the statements are built once per process, with the digest, rules and
    groups as parameters, since SQLAlchemy spends as long composing a statement as SQLite
    spends answering it.
    """

    def __init__(self, digest_id: int, person: User | None) -> None:
        self.digest_id = digest_id
        self.person = person
        self._rules: dict[tuple[str, int], list[str]] = {}  #: each group's rules, by counts()

    def counts(self) -> dict[tuple[str, int], int]:
        """{(section, agency id or 0): notices}."""
        per_rule = self._execute(_per_rule_query).all()
        escalated = [rule for rule, _ in per_rule if section_of(rule) is Section.ESCALATED]
        rows = [(rule, 0, count) for rule, count in per_rule if rule not in escalated]
        if escalated:
            rows += self._execute(_per_agency_query, rules=escalated).all()
        totals: dict[tuple[str, int], int] = {}
        for rule, group, count in rows:
            key = (section_of(rule).value, group)
            totals[key] = totals.get(key, 0) + count
            self._rules.setdefault(key, []).append(rule)
        return totals

    def first(self, items_shown: int, groups: dict[tuple[str, int], int]) -> list[Row]:
        """The first `items_shown` items of each group `counts` found, nearest deadline first,
        with what the mail says about them: one LIMIT per group, served by the index."""
        plain = [key for key in groups if key[0] != Section.ESCALATED.value]
        escalated = [key for key in groups if key[0] == Section.ESCALATED.value]
        values: dict[str, object] = {"shown": items_shown}
        for n, (section, group) in enumerate([*plain, *escalated]):
            values |= {
                f"section_{n}": section,
                f"group_{n}": group,
                f"rules_{n}": self._rules[(section, group)],
            }
        return self._execute(_first_query, len(plain), len(escalated), **values).all()

    def _execute(self, build, *shape, **values):
        """Run the statement `build(*shape, person)` makes, cached when there is no person."""
        if self.person is None:
            query = _cached(build, *shape)
        else:
            query = build(*shape, person=self.person)
        return db.session.execute(query, {"digest_id": self.digest_id, **values})


@lru_cache(maxsize=256)
def _cached(build, *shape):
    return build(*shape, person=None)


def _notices(*columns, by_agency: bool, person: User | None) -> Select:
    """The digest's notices, joined with their items only where something needs them."""
    query = select(*columns).where(Notice.digest_id == bindparam("digest_id"))
    if by_agency or person is not None:
        query = query.join(WorkItem, WorkItem.id == Notice.item_id)
    if person is not None:
        query = query.where(sql.concerns(person))
    return query


def _per_rule_query(person: User | None) -> Select:
    return _notices(Notice.rule, func.count(), by_agency=False, person=person).group_by(Notice.rule)


def _per_agency_query(person: User | None) -> Select:
    """Escalated notices of the bound rules, counted per rule and lead agency."""
    columns = (Notice.rule, WorkItem.lead_agency_id, func.count())
    return (
        _notices(*columns, by_agency=True, person=person)
        .where(Notice.rule.in_(bindparam("rules", expanding=True)))
        .group_by(Notice.rule, WorkItem.lead_agency_id)
    )


def _first_query(plain: int, escalated: int, person: User | None):
    """`plain` groups by section, then `escalated` groups by agency, their values bound."""
    chosen = []
    for n in range(plain + escalated):
        by_agency = n >= plain
        part = _notices(
            bindparam(f"section_{n}", type_=String).label("section"),
            bindparam(f"group_{n}", type_=Integer).label("agency_group"),
            Notice.item_id,
            Notice.rule,
            by_agency=by_agency,
            person=person,
        ).where(Notice.rule.in_(bindparam(f"rules_{n}", expanding=True)))
        if by_agency:
            part = part.where(WorkItem.lead_agency_id == bindparam(f"group_{n}", type_=Integer))
        part = part.order_by(Notice.deadline, Notice.item_id).limit(bindparam("shown"))
        chosen.append(select(part.subquery()))
    first = union_all(*chosen).subquery()
    return (
        select(
            first.c.section,
            first.c.agency_group,
            first.c.item_id,
            first.c.rule,
            WorkItem.code,
            WorkItem.title,
            WorkItem.deadline,
            Agency.code,
            Agency.name,
        )
        .join(WorkItem, WorkItem.id == first.c.item_id)
        .join(Agency, Agency.id == WorkItem.lead_agency_id)
        .order_by(WorkItem.deadline, WorkItem.id)
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
    )
