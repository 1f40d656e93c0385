"""The list of agencies as the administrator and the office keep it: create and edit an
agency's name, short name, code, level, parent and address for official mail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select

from tracker.database import db
from tracker.models import Agency, User, WorkItem
from tracker.models.org import AgencyLevel
from tracker.permissions import can_manage_agencies
from tracker.refusals import Invalid, NotAllowed


@dataclass
class AgencyDetails:
    code: str
    name: str
    short_name: str | None
    level: str
    parent_code: str | None
    email: str | None
    #: Submissions by its officers go to its head first (None: left as it is).
    internal_review: bool | None = None


@dataclass(frozen=True)
class AgencyRow:
    agency: Agency
    users: int
    items: int


def agency_rows(level: str | None = None, on: date | None = None) -> list[AgencyRow]:
    """Every agency (of one level, existing on a day, if given) with its active people and
    the items it leads: three queries."""
    query = select(Agency).order_by(Agency.active.desc(), Agency.name)
    if level:
        query = query.where(Agency.level == level)
    if on is not None:
        query = query.where(Agency.existing_on(on))
    agencies = list(db.session.scalars(query))
    users = dict(
        db.session.execute(
            select(User.agency_id, func.count()).where(User.active).group_by(User.agency_id)
        ).all()
    )
    items = dict(
        db.session.execute(
            select(WorkItem.lead_agency_id, func.count()).group_by(WorkItem.lead_agency_id)
        ).all()
    )
    return [AgencyRow(a, users.get(a.id, 0), items.get(a.id, 0)) for a in agencies]


def _parent(details: AgencyDetails, editing: Agency | None) -> Agency | None:
    if not details.parent_code:
        return None
    parent = db.session.scalar(select(Agency).where(Agency.code == details.parent_code))
    if parent is None:
        raise Invalid(_("There is no agency with the code %(code)s.", code=details.parent_code),
                      {"parent": [_("Unknown agency.")]})  # fmt: skip
    # An agency cannot sit under itself, however far down.
    ancestor = parent
    while ancestor is not None and editing is not None:
        if ancestor.id == editing.id:
            raise Invalid(_("An agency cannot be placed under itself or one of its own units."),
                          {"parent": [_("Choose another parent.")]})  # fmt: skip
        ancestor = ancestor.parent
    return parent


def _apply(by: User, agency: Agency, details: AgencyDetails) -> None:
    if not can_manage_agencies(by):
        raise NotAllowed(_("Only the administrator and the office keep the list of agencies."))
    if details.level not in {level.value for level in AgencyLevel}:
        raise Invalid(_("Unknown level."), {"level": [_("Unknown level.")]})
    code = details.code.strip().lower()
    other = db.session.scalar(select(Agency).where(Agency.code == code))
    if other is not None and other is not agency:
        raise Invalid(_("Another agency already has the code %(code)s.", code=code),
                      {"code": [_("This code is already used.")]})  # fmt: skip
    parent = _parent(details, agency if agency.id else None)
    agency.code = code
    agency.name = details.name.strip()
    agency.short_name = (details.short_name or "").strip() or None
    agency.level = details.level
    if details.internal_review is not None:
        agency.internal_review = details.internal_review
    agency.parent = parent
    agency.email = (details.email or "").strip().lower() or None


def create_agency(by: User, details: AgencyDetails) -> Agency:
    agency = Agency()
    _apply(by, agency, details)
    db.session.add(agency)
    db.session.commit()
    return agency


def update_agency(by: User, agency: Agency, details: AgencyDetails) -> None:
    _apply(by, agency, details)
    db.session.commit()
