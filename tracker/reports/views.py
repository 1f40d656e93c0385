"""Statistics by agency, sector and pillar as of a date, and the items behind each number."""

from dataclasses import dataclass, replace
from datetime import date

from flask import Blueprint, abort, current_app, render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tracker import exports
from tracker.clock import local_today
from tracker.database import read_from_replica
from tracker.domain.periods import PeriodKind, cutoff_date, last_finished
from tracker.domain.standing import Standing
from tracker.http import page_arg
from tracker.names import load_labels
from tracker.paging import Page
from tracker.pauses.queries import paused_count, paused_note
from tracker.permissions import report_agency
from tracker.reports import statistics
from tracker.reports.extended import extended_items
from tracker.reports.forms import BASIS_NOTES, StatisticsForm, export_format
from tracker.reports.sheets import TITLES, cell_items_sheet, extended_sheet, statistics_sheet
from tracker.reports.statistics import BY_PATH, Basis, Dimension, Scope, visible_table

bp = Blueprint("reports", __name__, url_prefix="/reports")


@bp.before_request
@login_required
def require_login():
    """Every report needs a signed-in user."""


@bp.before_request
def use_the_replica():
    """The statistics read from the reports replica when there is one (docs/deployment.md):
    nothing here writes, and a table seconds old is what the cache serves anyway. After the
    sign-in check, so that the person and their session are read from the primary."""
    read_from_replica()


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


@bp.get("/extended")
def extended():
    """Items extended more than once: how many times, and by how many days in all."""
    found = extended_items(current_user)
    names = load_labels().agency_names
    fmt = export_format()
    if fmt:
        return exports.send(extended_sheet(found, names, local_today()), fmt, "gia-han-nhieu-lan")
    return render_template("reports/extended.html", found=found, agency_names=names)


@bp.get("/<any(agencies, sectors, pillars):path>")
def table(path: str):
    """One row per agency (sector, pillar) and a total row, as of a date."""
    dimension = BY_PATH[path]
    form = StatisticsForm(request.args)
    fmt = export_format()
    context = {"form": form, "path": path, "dimension": dimension, "title": TITLES[dimension]}
    if not form.validate():
        return render_template("reports/statistics.html", table=None, **context), 400
    found = visible_table(current_user, dimension, form.date(), form.document_id(), form.basis())
    paused = 0  # the original deadlines' basis ignores every change of deadline, pauses too
    if form.basis() is Basis.ADJUSTED:
        paused = paused_count(found.as_of, report_agency(current_user), form.document_id())
    if fmt:
        notes = [str(BASIS_NOTES[form.basis()]), paused_note(paused) if paused else ""]
        sheet = statistics_sheet(found, str(TITLES[dimension]), " ".join(filter(None, notes)))
        return exports.send(sheet, fmt, f"thong-ke-{path}-{found.as_of.isoformat()}")
    return render_template(
        "reports/statistics.html", table=found, quick_dates=quick_dates(local_today()),
        basis_note=BASIS_NOTES[form.basis()], paused_note=paused_note(paused) if paused else "",
        **context,
    )  # fmt: skip


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


@dataclass(frozen=True)
class CellQuery:
    """A cell of a table, from the URL: which row, which standing, which date, which page."""

    dimension: Dimension
    key_id: int | None
    name: str
    standing: str | None
    as_of: date
    page: int
    document_id: int | None = None
    basis: Basis = Basis.ADJUSTED

    def items(self, page: int, per_page: int) -> Page:
        scope = replace(
            _cell_scope(self.dimension, self.key_id),
            document_id=self.document_id,
            basis=self.basis,
        )
        return statistics.cell_items(
            self.dimension, self.key_id, self.standing, self.as_of, scope, page, per_page
        )


def _cell_query(dimension: Dimension, code: str) -> CellQuery:
    """Read and check the URL; a clear 400 (or 404 for an unknown row) otherwise."""
    standing = request.args.get("standing") or None
    if standing is not None and standing not in {s.value for s in Standing}:
        abort(400, description=_("Unknown standing: %(value)s.", value=standing))
    form = StatisticsForm(request.args)
    if not form.validate():
        abort(400, description="; ".join(form.error_messages()))
    page = page_arg()
    key_id, name = _cell_key(dimension, code)
    return CellQuery(
        dimension, key_id, name, standing, form.date(), page, form.document_id(), form.basis()
    )


@bp.get("/<any(agencies, sectors, pillars):path>/<code>")
def cell(path: str, code: str):
    """The items behind a number: those the row counts, in one standing (or all), on a date."""
    query = _cell_query(BY_PATH[path], code)
    fmt = export_format()
    if fmt:
        exports.refuse_if_too_large(query.items(1, 1).total)
        found = query.items(1, current_app.config["EXPORT_MAX_ROWS"])
        sheet = cell_items_sheet(found, query.name, query.standing, query.as_of)
        return exports.send(sheet, fmt, f"danh-sach-{code}")
    found = query.items(query.page, current_app.config["OVERDUE_PER_PAGE"])
    if found.page > found.pages:
        abort(404, description=_("This list has only %(pages)d pages.", pages=found.pages))
    return render_template(
        "reports/cell.html", found=found, name=query.name, standing=query.standing,
        as_of=query.as_of, path=path, code=code, labels=load_labels(), title=TITLES[BY_PATH[path]],
    )  # fmt: skip


def _cell_scope(dimension: Dimension, key_id) -> Scope:
    """Agency users may open only their own agency's numbers."""
    agency_id = report_agency(current_user)
    if agency_id is None:
        return Scope()
    if dimension is Dimension.AGENCY and key_id != agency_id:
        abort(403)
    return Scope(agency_id=agency_id)
