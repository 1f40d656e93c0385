"""Reading and assigning portfolios.

A leader's sectors are `Sector.leader_id`, which the reminders read: the escalation's last level
goes to the leader in charge of the item's sector, or, when the sector has no leader in charge,
to the leaders whose portfolio holds the item's lead agency. The agencies a leader oversees or
an office specialist follows are `portfolio_agencies`. The dashboard and the overdue list show
a person their portfolio's items unless they ask for all (`wants_own_scope`).
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import ColumnElement, delete, insert, literal, or_, select, union_all

from tracker.clock import now_utc
from tracker.database import db
from tracker.models import Agency, Role, Sector, User
from tracker.models.accounts import portfolio_agencies
from tracker.permissions import can_manage_agencies
from tracker.refusals import Invalid, NotAllowed

HOLDERS = (Role.LEADER, Role.OFFICE)


@dataclass(frozen=True)
class Portfolio:
    person: User
    sectors: list[Sector]
    agencies: list[Agency]


def portfolios() -> list[Portfolio]:
    """Every active leader and office specialist with what they follow: three queries."""
    people = list(
        db.session.scalars(
            select(User).where(User.active, User.role.in_(HOLDERS)).order_by(User.role, User.name)
        )
    )
    sectors = list(db.session.scalars(select(Sector).order_by(Sector.position)))
    followed = db.session.execute(
        select(portfolio_agencies.c.user_id, Agency)
        .join(Agency, Agency.id == portfolio_agencies.c.agency_id)
        .order_by(Agency.name)
    ).all()
    return [
        Portfolio(
            person,
            [s for s in sectors if s.leader_id == person.id],
            [agency for user_id, agency in followed if user_id == person.id],
        )
        for person in people
    ]


def portfolio_key(person: User) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """What the person's portfolio holds, (agencies, sectors): empty when they have none, and
    part of the key of anything cached for it (a new assignment is a new key). One statement:
    every page of the office and the leadership asks."""
    followed = select(literal("agency"), portfolio_agencies.c.agency_id).where(
        portfolio_agencies.c.user_id == person.id
    )
    overseen = select(literal("sector"), Sector.id).where(Sector.leader_id == person.id)
    held: dict[str, list[int]] = {"agency": [], "sector": []}
    for what, held_id in db.session.execute(union_all(followed, overseen)):
        held[what].append(held_id)
    return tuple(sorted(held["agency"])), tuple(sorted(held["sector"]))


def has_portfolio(person: User) -> bool:
    """Whether the office gave the person agencies to follow or sectors to oversee."""
    agencies, sectors = portfolio_key(person)
    return bool(agencies or sectors)


def wants_own_scope(held: tuple[tuple[int, ...], tuple[int, ...]], scope: str | None) -> bool:
    """Whether a page shows the portfolio `held` (portfolio_key's): `scope=mine|all` says;
    without it, the portfolio when there is one."""
    if scope in ("mine", "all"):
        return scope == "mine"
    return any(held)


def in_portfolio(person, lead, sector) -> ColumnElement[bool]:
    """An item (its lead agency and sector columns) is in the portfolio of `person` (a user id
    or a bound parameter): led by an agency they follow, or in a sector they oversee."""
    followed = select(portfolio_agencies.c.agency_id).where(portfolio_agencies.c.user_id == person)
    overseen = select(Sector.id).where(Sector.leader_id == person)
    return or_(lead.in_(followed), sector.in_(overseen))


def assign(by: User, person: User, sector_codes: list[str], agency_codes: list[str]) -> None:
    """Give the person these sectors (leaders only) and agencies, replacing what they had."""
    if not can_manage_agencies(by):
        raise NotAllowed(_("Only the administrator and the office assign portfolios."))
    if person.role not in HOLDERS or not person.active:
        raise Invalid(_("Portfolios are for provincial leaders and office specialists."))
    if sector_codes and person.role != Role.LEADER:
        raise Invalid(_("Only a provincial leader oversees sectors."))
    sectors = list(db.session.scalars(select(Sector).where(Sector.code.in_(sector_codes))))
    agencies = list(db.session.scalars(select(Agency).where(Agency.code.in_(agency_codes))))
    if len(sectors) != len(set(sector_codes)) or len(agencies) != len(set(agency_codes)):
        raise Invalid(_("Unknown sector or agency."))
    for sector in db.session.scalars(select(Sector).where(Sector.leader_id == person.id)):
        if sector not in sectors:
            sector.leader_id = None
    for sector in sectors:
        sector.leader_id = person.id  # a sector has one leader in charge: taken from another
    # A changed person makes delivery check their queued notices again (a last escalation
    # follows the agencies of a leader's portfolio).
    person.updated_at = now_utc()
    db.session.execute(delete(portfolio_agencies).where(portfolio_agencies.c.user_id == person.id))
    if agencies:
        db.session.execute(
            insert(portfolio_agencies),
            [{"user_id": person.id, "agency_id": agency.id} for agency in agencies],
        )
    db.session.commit()
