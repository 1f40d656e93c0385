"""Whether a recorded notice still applies when its digest is delivered: the item still
reminded about the same deadline, the person still concerned (tracker.reminders.recipients_sql
says who is concerned when the sweep records it)."""

from __future__ import annotations

from sqlalchemy import and_, exists, false, func, or_, select
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement

from tracker.domain.reminders import DUE_PREFIX, OVERDUE, escalation_rule
from tracker.models import Notice, Sector, User, WorkItem
from tracker.reminders.recipients_sql import (
    P,
    follows_lead_agency,
    is_assignee,
    is_head,
    reminded,
    without_sector_leader,
)

W, U = WorkItem, User


def concerned_person() -> ColumnElement[int]:
    """Whom a notice is about: the colleague on leave it was received for, else its recipient
    (`still_applies` reads users joined on this)."""
    return func.coalesce(Notice.on_behalf_of_id, Notice.recipient_id)


def _in_charge(person, leads_sector: ColumnElement[bool]) -> ColumnElement[bool]:
    """The last escalation's person: the leader of the item's sector, or, when the sector has
    none, a leader whose portfolio holds the item's lead agency."""
    return or_(leads_sector, and_(without_sector_leader(), follows_lead_agency(person)))


def _concerned(person, leads_sector: ColumnElement[bool]) -> ColumnElement[bool]:
    """The notice's rule still addresses `person` about the item."""
    assignee_rule = or_(Notice.rule == OVERDUE, Notice.rule.startswith(DUE_PREFIX))
    return or_(
        and_(assignee_rule, is_assignee(person)),
        and_(Notice.rule == escalation_rule(1), is_head(person)),
        and_(Notice.rule == escalation_rule(2), person.role == "office"),
        and_(Notice.rule == escalation_rule(3), _in_charge(person, leads_sector)),
    )


def still_applies() -> ColumnElement[bool]:
    """A notice (joined with its item, the users on `concerned_person()` and the item's sector)
    still applies now: the item is still reminded, about the same deadline, and the person
    still concerned. A stand-in receives it while they are active: who stands in for whom was
    settled by the sweep, from that day's leaves."""
    return and_(
        reminded(),
        W.deadline == Notice.deadline,
        U.active,
        _concerned(U, U.id == Sector.leader_id),
        or_(Notice.on_behalf_of_id.is_(None), _active(Notice.recipient_id)),
    )


def _active(user_id) -> ColumnElement[bool]:
    someone = aliased(User)
    return exists(select(someone.id).where(someone.id == user_id, someone.active))


def concerns(person: User) -> ColumnElement[bool]:
    """Notices (joined with their item) that still apply to this one recipient: `still_applies`
    with the person known, so delivery checks a digest without joining users or sectors (but
    the colleague on leave a notice was received for, if any)."""
    if not person.active:
        return false()
    assignee_rule = or_(Notice.rule == OVERDUE, Notice.rule.startswith(DUE_PREFIX))
    assignee = W.responsible_id == person.id
    if person.role == "officer":
        assignee = or_(assignee, W.lead_agency_id == person.agency_id)
    ways = [and_(assignee_rule, assignee)]
    if person.role == "head":
        ways.append(
            and_(
                Notice.rule == escalation_rule(1),
                W.lead_agency_id == person.agency_id,
                or_(W.responsible_id.is_(None), W.responsible_id != person.id),
            )
        )
    if person.role == "office":
        ways.append(Notice.rule == escalation_rule(2))
    in_charge = W.sector_id.in_(select(Sector.id).where(Sector.leader_id == person.id))
    if person.role == "leader":
        held = select(P.agency_id).where(P.user_id == person.id)
        in_charge = or_(in_charge, and_(without_sector_leader(), W.lead_agency_id.in_(held)))
    ways.append(and_(Notice.rule == escalation_rule(3), in_charge))
    own = and_(Notice.on_behalf_of_id.is_(None), or_(*ways))
    return and_(reminded(), W.deadline == Notice.deadline, or_(own, _covered()))


def _covered() -> ColumnElement[bool]:
    """The notice was received for a colleague on leave whom it still concerns."""
    absent = aliased(User)
    led = select(Sector.id).where(Sector.leader_id == absent.id)
    return exists(
        select(absent.id).where(
            absent.id == Notice.on_behalf_of_id,
            absent.active,
            _concerned(absent, W.sector_id.in_(led)),
        )
    )
