"""Reference model of who receives which reminder: the rules the sweep runs as SQL, in Python.

The sweep (tracker.reminders.sweep with tracker.reminders.recipients_sql) joins the stages due
per deadline with items and users in the database. This module states the same selection over
plain values, so tests can compare the two on hand-made and generated data.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date

from tracker.domain.leave import Colleague, stand_ins
from tracker.domain.reminders import (
    DUE_PREFIX,
    OVERDUE,
    REMINDED_STATUSES,
    Audience,
    ReminderPolicy,
    Stage,
    escalation_rule,
    plan_stages,
)
from tracker.domain.workdays import WorkCalendar


def audience_of(rule: str) -> Audience:
    """The audience a rule addresses."""
    if rule == OVERDUE or rule.startswith(DUE_PREFIX):
        return Audience.ASSIGNEES
    return {
        escalation_rule(1): Audience.HEADS,
        escalation_rule(2): Audience.OFFICE,
        escalation_rule(3): Audience.LEADER,
    }[rule]


@dataclass(frozen=True)
class ItemFacts:
    """What reminding an item depends on."""

    item_id: int
    status: str
    deadline: date | None  #: the deadline in force (approved extensions included)
    lead_agency_id: int
    responsible_id: int | None = None
    sector_id: int | None = None


@dataclass(frozen=True)
class Person:
    user_id: int
    role: str
    agency_id: int | None = None
    active: bool = True
    leave_from: date | None = None
    leave_until: date | None = None


@dataclass(frozen=True)
class Directory:
    """The people who can receive notices, the leader in charge of each sector, and the
    agencies in each person's portfolio."""

    people: tuple[Person, ...] = ()
    sector_leaders: tuple[tuple[int, int], ...] = ()  #: (sector id, leader's user id)
    portfolios: tuple[tuple[int, int], ...] = ()  #: (agency id, user id following it)

    def leader_of(self, sector_id: int | None) -> int | None:
        return dict(self.sector_leaders).get(sector_id) if sector_id is not None else None


@dataclass(frozen=True, order=True)
class Notice:
    """One thing to tell one person; (recipient, item, rule, period) is unique in the record."""

    recipient_id: int
    item_id: int
    rule: str
    period: str
    deadline: date = field(compare=False)

    @property
    def key(self) -> tuple[int, int, str, str]:
        return (self.recipient_id, self.item_id, self.rule, self.period)


def stages_on(
    deadline: date | None, today: date, policy: ReminderPolicy, calendar: WorkCalendar
) -> tuple[Stage, ...]:
    """The stages an item with this deadline is due for today."""
    if deadline is None:
        return ()
    return plan_stages([deadline], today, policy, calendar).get(deadline, ())


def recipients(audience: Audience, item: ItemFacts, directory: Directory) -> frozenset[int]:
    """Who receives a stage of this item now; inactive people never."""
    people = [person for person in directory.people if person.active]
    if audience is Audience.ASSIGNEES:
        return frozenset(
            person.user_id
            for person in people
            if person.user_id == item.responsible_id
            or (person.role == "officer" and person.agency_id == item.lead_agency_id)
        )
    if audience is Audience.HEADS:
        # A head who is also the responsible person already has the item as an assignee.
        return frozenset(
            person.user_id
            for person in people
            if person.role == "head"
            and person.agency_id == item.lead_agency_id
            and person.user_id != item.responsible_id
        )
    if audience is Audience.OFFICE:
        return frozenset(person.user_id for person in people if person.role == "office")
    leader = directory.leader_of(item.sector_id)
    if leader is not None:
        return frozenset(person.user_id for person in people if person.user_id == leader)
    # No leader in charge of the item's sector: the leaders whose portfolio holds its agency.
    return frozenset(
        person.user_id
        for person in people
        if person.role == "leader" and (item.lead_agency_id, person.user_id) in directory.portfolios
    )


def notices_on(
    items: Iterable[ItemFacts],
    directory: Directory,
    today: date,
    policy: ReminderPolicy,
    calendar: WorkCalendar,
    sent: AbstractSet[tuple[int, int, str, str]] = frozenset(),
) -> tuple[Notice, ...]:
    """Every notice due today that the record (`sent`, a set of keys) does not hold yet; the
    notices of a person on leave go to their stand-ins (tracker.domain.leave)."""
    reminded = [i for i in items if i.status in REMINDED_STATUSES and i.deadline is not None]
    plan = plan_stages((item.deadline for item in reminded), today, policy, calendar)
    covered = stand_ins(
        (
            Colleague(p.user_id, p.role, p.agency_id, p.leave_from, p.leave_until, p.active)
            for p in directory.people
        ),
        today,
    )
    notices = set()
    for item in reminded:
        for stage in plan.get(item.deadline, ()):
            for person in recipients(stage.audience, item, directory):
                for recipient in covered.get(person, (person,)):
                    notice = Notice(
                        recipient, item.item_id, stage.rule, stage.period, item.deadline
                    )
                    if notice.key not in sent:
                        notices.add(notice)
    return tuple(sorted(notices))
