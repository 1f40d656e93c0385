"""Statistics by agency, sector and pillar as of a date, and the items behind each number."""

from flask import Blueprint, abort, current_app, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from tracker.clock import local_today
from tracker.domain.periods import PeriodKind, cutoff_date, last_finished
from tracker.domain.standing import Standing
from tracker.permissions import report_agency
from tracker.reports import exports
from tracker.reports.forms import AsOfForm, export_format
from tracker.reports.sheets import cell_items_sheet, statistics_sheet
from tracker.services import statistics
from tracker.services.labels import load_labels
from tracker.services.statistics import Dimension, Scope

bp = Blueprint("reports", __name__, url_prefix="/reports")

PATHS = {"agencies": Dimension.AGENCY, "sectors": Dimension.SECTOR, "pillars": Dimension.PILLAR}
TITLES = {
    Dimension.AGENCY: _l("Work items by lead agency"),
    Dimension.SECTOR: _l("Work items by sector"),
    Dimension.PILLAR: _l("Work items by pillar and group"),
}


@bp.before_request
@login_required
def require_login():
    """Every report needs a signed-in user."""


def visible_table(dimension: Dimension, as_of) -> statistics.Table:
    """The table as the user may see it: agency users, their own agency's items only."""
    agency_id = report_agency(current_user)
    if agency_id is None:
        return statistics.table(dimension, as_of)
    if dimension is Dimension.AGENCY:
        return statistics.table(dimension, as_of).only(current_user.agency.code)
    return statistics.table(dimension, as_of, Scope(agency_id=agency_id))


def quick_dates(today) -> list[tuple[str, object]]:
    """Dates the office reports on most: today and the ends of the last month, quarter, year."""
    names = {
        PeriodKind.MONTH: _("End of last month"),
        PeriodKind.QUARTER: _("End of last quarter"),
        PeriodKind.YEAR: _("End of last year"),
    }
    return [(_("Today"), today)] + [
        (name, cutoff_date(last_finished(kind, today))) for kind, name in names.items()
    ]


@bp.get("/<any(agencies, sectors, pillars):path>")
def table(path: str):
    """One row per agency (sector, pillar) and a total row, as of a date."""
    dimension = PATHS[path]
    form = AsOfForm(request.args)
    fmt = export_format()
    context = {"form": form, "path": path, "dimension": dimension, "title": TITLES[dimension]}
    if not form.validate():
        return render_template("reports/statistics.html", table=None, **context), 400
    found = visible_table(dimension, form.date())
    if fmt:
        sheet = statistics_sheet(found, str(TITLES[dimension]))
        return exports.send(sheet, fmt, f"thong-ke-{path}-{found.as_of.isoformat()}")
    return render_template(
        "reports/statistics.html", table=found, quick_dates=quick_dates(local_today()), **context
    )


def _cell_key(dimension: Dimension, code: str):
    """The id of the row's agency, sector or pillar; None for "not classified" (code "-")."""
    if code == "-" and dimension is not Dimension.AGENCY:
        return None, "—"
    labels = load_labels()
    options = {
        Dimension.AGENCY: labels.agencies,
        Dimension.SECTOR: labels.sectors,
        Dimension.PILLAR: labels.pillars,
    }[dimension]
    found = next((label for label in options if label.code == code), None)
    if found is None:
        abort(
            404,
            description=_(
                "There is no agency, sector or pillar with the code %(code)s.", code=code
            ),
        )
    return found.id, found.name


@bp.get("/<any(agencies, sectors, pillars):path>/<code>")
def cell(path: str, code: str):
    """The items behind a number: those the row counts, in one standing (or all), on a date."""
    dimension = PATHS[path]
    form = AsOfForm(request.args)
    fmt = export_format()
    standing = request.args.get("standing") or None
    if standing is not None and standing not in {s.value for s in Standing}:
        abort(400, description=_("Unknown standing: %(value)s.", value=standing))
    if not form.validate():
        abort(400, description="; ".join(form.error_messages()))
    key_id, name = _cell_key(dimension, code)
    scope = _cell_scope(dimension, key_id)
    page_number = request.args.get("page", "1")
    if not page_number.isdigit() or int(page_number) < 1:
        abort(400, description=_("The page number is out of range."))
    per_page = current_app.config["OVERDUE_PER_PAGE"]
    if fmt:
        first = statistics.cell_items(dimension, key_id, standing, form.date(), scope, 1, 1)
        exports.refuse_if_too_large(first.total)
        found = statistics.cell_items(
            dimension, key_id, standing, form.date(), scope, 1, max(first.total, 1)
        )
        return exports.send(
            cell_items_sheet(found, name, standing, form.date()), fmt, f"danh-sach-{code}"
        )
    found = statistics.cell_items(
        dimension, key_id, standing, form.date(), scope, int(page_number), per_page
    )
    if found.page > found.pages:
        abort(404, description=_("This list has only %(pages)d pages.", pages=found.pages))
    return render_template(
        "reports/cell.html", found=found, name=name, standing=standing, as_of=form.date(),
        path=path, code=code, labels=load_labels(), title=TITLES[dimension],
    )  # fmt: skip


def _cell_scope(dimension: Dimension, key_id) -> Scope:
    """Agency users may open only their own agency's numbers."""
    agency_id = report_agency(current_user)
    if agency_id is None:
        return Scope()
    if dimension is Dimension.AGENCY and key_id != agency_id:
        abort(403)
    return Scope(agency_id=agency_id)
