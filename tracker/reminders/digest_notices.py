"""The SQL reading of a digest's notices: how many there are per group of the mail, and the
first few of each group, chosen by the database through the digest's index."""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import Integer, Row, Select, String, bindparam, func, select, union_all
from sqlalchemy.orm import aliased

from tracker.database import db
from tracker.domain.reminders import Section, section_of
from tracker.models import Agency, Notice, User, WorkItem
from tracker.reminders import still_applying as sql


class DigestNotices:
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
        """Run the statement `build(*shape, person)` makes, cached when there is no person.

        Delivery's cached statements run on the session's connection, as Core: they read plain
        columns, and the ORM's handling of each result took a fifth of a mail's content."""
        parameters = {"digest_id": self.digest_id, **values}
        if self.person is None:
            return db.session.connection().execute(_cached(build, *shape), parameters)
        return db.session.execute(build(*shape, person=self.person), parameters)


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
            Notice.on_behalf_of_id,
            by_agency=by_agency,
            person=person,
        ).where(Notice.rule.in_(bindparam(f"rules_{n}", expanding=True)))
        if by_agency:
            part = part.where(WorkItem.lead_agency_id == bindparam(f"group_{n}", type_=Integer))
        part = part.order_by(Notice.deadline, Notice.item_id).limit(bindparam("shown"))
        chosen.append(select(part.subquery()))
    first = union_all(*chosen).subquery()
    # The colleague on leave a notice was received for: the mail says so on its line.
    absent = aliased(User, name="absent")
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
            absent.name,
        )
        .join(WorkItem, WorkItem.id == first.c.item_id)
        .join(Agency, Agency.id == WorkItem.lead_agency_id)
        .outerjoin(absent, absent.id == first.c.on_behalf_of_id)
        .order_by(WorkItem.deadline, WorkItem.id)
    )
