"""Work items as JSON."""

from datetime import date

from sqlalchemy import select

from tracker.assignments.next_due import next_deadlines
from tracker.database import db
from tracker.history.periods import periods_of
from tracker.history.timeline import item_history
from tracker.items.queries import standing_of
from tracker.models import Agency, AssignmentPeriod, ExtensionRequest, User, WorkItem


def agency_json(agency: Agency) -> dict:
    return {"code": agency.code, "name": agency.name}


def person_json(user: User | None) -> dict | None:
    return {"name": user.name, "email": user.email} if user else None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _number(value) -> float | None:
    return float(value) if value is not None else None


def item_json(item: WorkItem, as_of: date) -> dict:
    """The fields every API answer about an item carries."""
    standing = standing_of(item, as_of)
    data = {
        "id": item.id,
        "code": item.code,
        "kind": item.kind,
        "title": item.title,
        "document": item.plan.number,
        "parent_id": item.parent_id,
        "is_key": item.is_key,
        "is_urgent": item.is_urgent,
        "is_public": item.is_public,
        "lead_agency": agency_json(item.lead_agency),
        "coordinating_agencies": [agency_json(a) for a in item.coordinating_agencies],
        "responsible": person_json(item.responsible),
        "deadline": _iso(item.deadline),
        "original_deadline": _iso(item.original_deadline),
        "status": item.status,
        "progress": item.progress,
        "completed_on": _iso(item.completed_on),
        "paused_on": _iso(item.paused_on),
        "version": item.version,
        "standing": standing.value if standing else None,
        "as_of": as_of.isoformat(),
    }
    if item.is_target:
        data["target"] = {
            "value": _number(item.target_value),
            "value_max": _number(item.target_value_max),
            "unit": item.target_unit,
            "level": item.target_level,
            "year": item.target_year,
        }
    return data


def item_detail_json(item: WorkItem, as_of: date) -> dict:
    """An item with its plan text, measured values and history."""
    data = item_json(item, as_of)
    data.update(
        plan_text=item.plan_text,
        description=item.description,
        group=item.group.code if item.group else None,
        sector=item.sector.code if item.sector else None,
        default_assignment=item.default_assignment,
        children=[{"id": c.id, "code": c.code, "title": c.title} for c in item.children],
        next_deadline=_iso(next_deadlines([item], as_of).get(item.id)),
        measurements=[
            {"value": float(m.value), "measured_on": _iso(m.measured_on), "source": m.source}
            for m in item.measurements
        ],
        extension_requests=[extension_json(e) for e in extension_requests(item)],
        history=changes_json(item),
    )
    return data


def changes_json(item: WorkItem) -> list[dict]:
    """The item's activities and the reminders sent about it, oldest first."""
    return [
        {
            "at": a.created_at.isoformat(),
            "actor": a.actor.email if a.actor else None,
            "verb": a.verb,
            "changes": a.changes,
            "note": a.note,
        }
        for a in item_history(item)
    ]


def agency_json_on(agency: Agency, before: dict, after: dict) -> dict:
    """An agency with its place in the organisation and its lineage."""

    def linked(pairs) -> list[dict]:
        return [{**agency_json(other), "on": _iso(day)} for other, day in pairs]

    return {
        **agency_json(agency),
        "level": agency.level,
        "parent": agency.parent.code if agency.parent else None,
        "existing_from": _iso(agency.existing_from),
        "existing_until": _iso(agency.existing_until),
        "predecessors": linked(before.get(agency.id, [])),
        "successors": linked(after.get(agency.id, [])),
    }


def history_json(item: WorkItem) -> dict:
    """Every dated change of an item: its assignment period by period, and its activities."""
    return {
        "id": item.id,
        "code": item.code,
        "original_deadline": _iso(item.original_deadline),
        "deadline": _iso(item.deadline),
        "assignment": [period_json(period) for period in periods_of(item.id)],
        "changes": changes_json(item),
    }


def period_json(period: AssignmentPeriod) -> dict:
    """One period of an item's assignment: what held from `valid_from` until `valid_until`."""
    return {
        "valid_from": _iso(period.valid_from),
        "valid_until": _iso(period.valid_until),
        "kind": period.kind,
        "lead_agency": agency_json(period.lead_agency),
        "coordinating_agencies": [agency_json(a) for a in period.coordinating_agencies],
        "responsible": person_json(period.responsible),
        "deadline": _iso(period.deadline),
        "reason": period.reason,
        "changed_by": period.changed_by.email if period.changed_by else None,
        "approved_by": period.approved_by.email if period.approved_by else None,
        "approval_document": period.approval_document,
    }


def extension_requests(item: WorkItem) -> list[ExtensionRequest]:
    return list(
        db.session.scalars(
            select(ExtensionRequest)
            .where(ExtensionRequest.item_id == item.id)
            .order_by(ExtensionRequest.id)
        )
    )


def extension_json(request: ExtensionRequest) -> dict:
    return {
        "id": request.id,
        "status": request.status,
        "requested_on": _iso(request.requested_on),
        "current_deadline": _iso(request.current_deadline),
        "proposed_deadline": _iso(request.proposed_deadline),
        "reason": request.reason,
        "is_late": request.is_late,
        "decided_on": _iso(request.decided_on),
        "decision_document": request.decision_document,
        "decision_note": request.decision_note,
    }
