"""Work items as JSON."""

from datetime import date

from sqlalchemy import select

from tracker.database import db
from tracker.history.timeline import item_history
from tracker.items.queries import standing_of
from tracker.models import Agency, ExtensionRequest, User, WorkItem


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
        measurements=[
            {"value": float(m.value), "measured_on": _iso(m.measured_on), "source": m.source}
            for m in item.measurements
        ],
        extension_requests=[extension_json(e) for e in extension_requests(item)],
        history=[
            {
                "at": a.created_at.isoformat(),
                "actor": a.actor.email if a.actor else None,
                "verb": a.verb,
                "changes": a.changes,
                "note": a.note,
            }
            for a in item_history(item)
        ],
    )
    return data


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
