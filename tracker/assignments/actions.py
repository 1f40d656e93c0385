"""The office enters items and sub-items and assigns them: lead agency, coordinating agencies,
responsible person, deadline.

Moving the deadline here, outside the extension flow, is an audited office action: it needs a
reason and leaves the original deadline as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import func, select

from tracker.access import commit, load_item, require
from tracker.clock import local_today
from tracker.database import db
from tracker.domain.workflow import Action, Actor, Status, next_status
from tracker.history.changes import apply, display, record
from tracker.history.periods import assignment_changed, check_effective, open_period
from tracker.models import Agency, Group, Plan, Sector, User, WorkItem
from tracker.notifications import events
from tracker.permissions import ItemAction, manages_plan
from tracker.refusals import Invalid, NotAllowed


@dataclass(frozen=True)
class Assignment:
    lead_agency_id: int
    coordinating_agency_ids: Sequence[int] = ()
    responsible_id: int | None = None
    deadline: date | None = None
    note: str = ""  #: why; required when the deadline moves
    #: The day the new assignment holds from (today when None); never after today.
    effective: date | None = None
    #: is_key, is_urgent, is_public when the form sets them (None: left as they are)
    flags: dict | None = None


@dataclass(frozen=True)
class NewItem:
    code: str
    kind: str  # task | target
    title: str
    assignment: Assignment
    description: str | None = None
    group_id: int | None = None
    sector_id: int | None = None
    is_key: bool = False
    is_urgent: bool = False
    is_public: bool = True
    document_id: int | None = None  #: the assigning document; the first recorded when None
    target: dict = field(default_factory=dict)  # value, unit, year, comparison


def _invalid(name: str, message: str) -> Invalid:
    return Invalid(message, {name: [message]})


def _resolve(assignment: Assignment) -> dict:
    """The agencies and person an assignment names, checked against each other."""
    lead = db.session.get(Agency, assignment.lead_agency_id)
    if lead is None or not lead.active:
        raise _invalid("lead_agency_id", _("Choose an active lead agency."))
    ids = set(assignment.coordinating_agency_ids) - {lead.id}
    coordinating = db.session.scalars(select(Agency).where(Agency.id.in_(ids))).all()
    if len(coordinating) != len(ids):
        raise _invalid("coordinating_agency_ids", _("Choose coordinating agencies from the list."))
    responsible = None
    if assignment.responsible_id is not None:
        responsible = db.session.get(User, assignment.responsible_id)
        if responsible is None or responsible.agency_id != lead.id or not responsible.active:
            raise _invalid(
                "responsible_id", _("The responsible person must work in the lead agency.")
            )
    return {
        "lead_agency": lead,
        "coordinating_agencies": sorted(coordinating, key=lambda agency: agency.code),
        "responsible": responsible,
    }


def update_assignment(
    user: User, item_id: int, version: int | None, assignment: Assignment
) -> WorkItem:
    """Assign again: a refused item goes back to "assigned", others keep their status."""
    item = load_item(user, item_id)
    require(user, item, ItemAction.ASSIGN, version)
    values = _resolve(assignment)
    if assignment.deadline != item.deadline and not assignment.note.strip():
        raise _invalid("note", _("Say why the deadline changes (e.g. the deciding document)."))
    status = next_status(Status(item.status), Action.REASSIGN, Actor.OFFICE)
    flags = assignment.flags or {}
    before = (item.lead_agency, item.responsible)
    changes = apply(item, **values, **flags, deadline=assignment.deadline, status=status.value)
    if not changes:
        return item
    if item.original_deadline is None:
        item.original_deadline = item.deadline
    item.default_assignment = False  # the seed no longer overrides the office's decision
    verb = "reassigned" if {"lead_agency", "status"} & changes.keys() else "updated"
    today = local_today()
    record(item, user, verb, today, changes, assignment.note.strip())
    if assignment_changed(changes):
        effective = assignment.effective or today
        check_effective(item.id, effective, today)
        kind = "reassignment" if "lead_agency" in changes else "correction"
        open_period(item, kind, effective, user, assignment.note)
    events.announce_reassignment(item, user, *before)
    commit()
    return item


@dataclass(frozen=True)
class Reassignment:
    """Give an item to another agency (or move its deadline) from a given day, saying why."""

    agency_code: str
    reason: str
    deadline: date | None = None  #: None: the deadline in force stays
    effective: date | None = None  #: None: today


def reassign(user: User, item_id: int, version: int | None, change: Reassignment) -> WorkItem:
    """Reassign by the agency's code; coordinators stay (less the new lead), the responsible
    person stays only if they work in the new lead agency. Without a version (an API client
    that read nothing first) the item's present version is taken."""
    item = load_item(user, item_id)
    require(user, item, ItemAction.ASSIGN)
    lead = db.session.scalar(select(Agency).where(Agency.code == change.agency_code))
    if lead is None:
        raise _invalid("agency", _("There is no agency with this code."))
    if not change.reason.strip():
        raise _invalid("reason", _("Say why the item is reassigned."))
    responsible = item.responsible
    assignment = Assignment(
        lead_agency_id=lead.id,
        coordinating_agency_ids=[a.id for a in item.coordinating_agencies if a.id != lead.id],
        responsible_id=responsible.id if responsible and responsible.agency_id == lead.id else None,
        deadline=change.deadline or item.deadline,
        note=change.reason,
        effective=change.effective,
    )
    return update_assignment(
        user, item_id, item.version if version is None else version, assignment
    )


def _document(document_id: int | None) -> Plan:
    """The document a new item belongs to: the one chosen, else the first recorded."""
    if document_id is not None:
        plan = db.session.get(Plan, document_id)
        if plan is None:
            raise _invalid("document_id", _("Choose a document from the list."))
        return plan
    plan = db.session.scalar(select(Plan).order_by(Plan.id))
    if plan is None:
        raise Invalid(_("No plan has been loaded yet."))
    return plan


def _check_new(data: NewItem, plan: Plan, today: date) -> None:
    # "nv-lv-01" is the same code as "NV-LV-01" to the people who read and type them.
    same_code = func.upper(WorkItem.code) == data.code.upper()
    if db.session.scalar(select(WorkItem.id).where(WorkItem.plan_id == plan.id, same_code)):
        raise _invalid("code", _("This code is already used in the plan."))
    if data.assignment.deadline is not None and data.assignment.deadline < today:
        raise _invalid("deadline", _("The deadline cannot be before today."))
    if data.kind == "target" and not data.target.get("year"):
        raise _invalid("target_year", _("A target needs the year it is due."))
    group = db.session.get(Group, data.group_id) if data.group_id else None
    if group is not None and group.plan_id != plan.id:
        raise _invalid("group_id", _("This group belongs to another document."))


def _check_within_parent(deadline: date | None, parent: WorkItem | None) -> None:
    # A sub-item is a part of its parent's work: it cannot be due after the parent is.
    if parent is not None and deadline and parent.deadline and deadline > parent.deadline:
        message = _(
            "A sub-item cannot be due after its parent item (due %(deadline)s).",
            deadline=parent.deadline.strftime("%d/%m/%Y"),
        )
        raise _invalid("deadline", message)


def create_item(user: User, data: NewItem, parent_id: int | None = None) -> WorkItem:
    """Enter a new item (or a sub-item of `parent_id`) in the latest plan, assigned today."""
    parent = None
    if parent_id is not None:
        parent = load_item(user, parent_id)
        require(user, parent, ItemAction.ADD_SUBITEM)
    elif not manages_plan(user):
        raise NotAllowed(_("Your account may not do this on this item."))
    plan = parent.plan if parent else _document(data.document_id)
    today = local_today()
    _check_new(data, plan, today)
    _check_within_parent(data.assignment.deadline, parent)
    item = _build(data, plan, parent, today)
    db.session.add(item)
    changes = {
        name: [None, display(getattr(item, name))]
        for name in ("lead_agency", "coordinating_agencies", "responsible", "deadline")
        if getattr(item, name)
    }
    record(item, user, "created", today, changes, data.assignment.note.strip())
    events.announce_assigned(item, user)
    commit()
    return item


def _build(data: NewItem, plan: Plan, parent: WorkItem | None, today: date) -> WorkItem:
    deadline = data.assignment.deadline
    target = data.target if data.kind == "target" else {}
    return WorkItem(
        plan=plan,
        parent=parent,
        code=data.code.strip(),
        kind=data.kind,
        title=data.title.strip(),
        description=(data.description or "").strip() or None,
        group=db.session.get(Group, data.group_id) if data.group_id else _inherit(parent, "group"),
        sector=(
            db.session.get(Sector, data.sector_id) if data.sector_id else _inherit(parent, "sector")
        ),
        is_key=data.is_key,
        is_urgent=data.is_urgent,
        is_public=data.is_public,
        assigned_on=today,
        deadline=deadline,
        original_deadline=deadline,
        status=Status.ASSIGNED.value,
        target_value=_decimal(target.get("value")),
        target_unit=target.get("unit") or None,
        target_year=target.get("year"),
        target_comparison=(target.get("comparison") or "at_least") if target else None,
        **_resolve(data.assignment),
    )


def _inherit(parent: WorkItem | None, name: str):
    return getattr(parent, name) if parent is not None else None


def _decimal(value) -> Decimal | None:
    return Decimal(str(value)) if value is not None else None
