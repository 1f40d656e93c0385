"""A sector's page as JSON: GET /api/v1/sectors/<code>?as_of=YYYY-MM-DD."""

from flask import Blueprint, abort, jsonify, request
from flask_babel import gettext as _
from flask_login import current_user

from tracker.permissions import can_follow_up
from tracker.reports.forms import AsOfForm
from tracker.sectors.queries import SectorPage, find_sector, sector_page
from tracker.security import csrf

bp = Blueprint("api_sectors", __name__, url_prefix="/api/v1/sectors")
csrf.exempt(bp)


@bp.before_request
def require_follow_up():
    """A session or a bearer token of the office, the leadership or the administrator."""
    if not current_user.is_authenticated:
        abort(401, description=_("Sign in or send an API token."))
    if not can_follow_up(current_user):
        abort(403)


def _number(value) -> float | None:
    return float(value) if value is not None else None


def _targets(page: SectorPage) -> list[dict]:
    return [
        {
            "id": row.id,
            "code": row.code,
            "title": row.title,
            "lead_agency_id": row.agency_id,
            "value": _number(row.value),
            "unit": row.unit,
            "year": row.year,
            "latest": {"measured_on": row.latest[0].isoformat(), "value": _number(row.latest[1])}
            if row.latest
            else None,
            "trend": [
                {"measured_on": day.isoformat(), "value": _number(value)}
                for day, value in page.trends.get(row.id, [])
            ],
            "verdict": row.verdict.value,
            # A later document's revision in force on `as_of`: `value` and `year` are its,
            # the plan's are kept beside them.
            "revision": {
                "document": row.revision.document,
                "decided_on": row.revision.decided_on.isoformat(),
                "original_value": _number(row.original_value),
                "original_value_max": _number(row.original_value_max),
                "original_year": row.original_year,
            }
            if row.revision
            else None,
        }  # fmt: skip
        for row in page.targets
    ]


@bp.get("/<code>")
def show(code: str):
    """{"sector", "as_of", "counts", "items", "targets", "targets_total", "departments",
    "overdue"}: "counts" counts every piece of work by standing, "items" lists the first 100 of
    each (nearest deadline first; /api/v1/items?sector=…&standing=… has them all), "targets"
    the first 100 of the sector's "targets_total" targets, in plan order."""
    sector = find_sector(code)
    if sector is None:
        abort(404, description=_("There is no such sector."))
    form = AsOfForm(request.args)
    if not form.validate():
        return jsonify(error="Bad Request", errors=form.errors_json()), 400
    page = sector_page(sector, form.date())
    return jsonify(
        sector={"code": sector.code, "name": sector.name},
        as_of=page.as_of.isoformat(),
        counts={"total": page.total, **page.counts},
        items={
            standing.value: [
                {
                    "id": i.id,
                    "code": i.code,
                    "title": i.title,
                    "kind": i.kind,
                    "lead_agency_id": i.agency_id,
                    "deadline": i.deadline.isoformat() if i.deadline else None,
                }  # fmt: skip
                for i in rows
            ]
            for standing, rows in page.items.items()
        },
        targets=_targets(page),
        targets_total=page.targets_total,
        departments=[
            {"id": d.id, "code": d.code, "name": d.name, "items": d.items} for d in page.departments
        ],
        overdue=[
            {
                "id": o.id,
                "code": o.code,
                "title": o.title,
                "lead_agency_id": o.agency_id,
                "deadline": o.deadline.isoformat(),
                "overdue_since": o.since.isoformat(),
                "days": o.days,
            }  # fmt: skip
            for o in page.overdue
        ],
    )
