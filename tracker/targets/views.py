"""The KPI targets page: value, latest measurement, trend, verdict; per-locality side by side."""

from flask import Blueprint, abort, current_app, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from wtforms import IntegerField, SelectField
from wtforms.validators import NumberRange, Optional

from tracker import exports
from tracker.access import openable
from tracker.clock import local_today
from tracker.domain.targets import Verdict
from tracker.exports import Sheet
from tracker.forms import PICKER, TrackerForm
from tracker.labels import VERDICT_LABELS
from tracker.names import load_labels
from tracker.reports.cache import cached, targets_version
from tracker.reports.charts import sparkline
from tracker.reports.forms import export_format
from tracker.targets import queries as target_service
from tracker.targets.queries import TargetFilters, matching
from tracker.targets.verdicts import verdicts_of

bp = Blueprint("targets", __name__, url_prefix="/reports/targets")

EVERYTHING = ("", _l("All"))


class TargetFilterForm(TrackerForm):
    class Meta:
        csrf = False

    pillar = SelectField(_l("Pillar or group"), default="")
    sector = SelectField(_l("Sector"), default="")
    agency = SelectField(_l("Lead agency"), default="", render_kw=PICKER)
    year = IntegerField(
        _l("Target year"),
        validators=[Optional(), NumberRange(2000, 2100, _l("Enter a year between 2000 and 2100."))],
    )
    verdict = SelectField(_l("Verdict"), default="")
    page = IntegerField(
        _l("Page"),
        default=1,
        validators=[Optional(), NumberRange(1, 100_000, _l("The page number is out of range."))],
    )

    def __init__(self, formdata, labels):
        super().__init__(formdata=formdata)
        self.verdict.choices = [EVERYTHING, *VERDICT_LABELS.items()]
        self.pillar.choices = [EVERYTHING, *((g.code, g.name) for g in labels.pillars)]
        self.sector.choices = [EVERYTHING, *((s.code, s.name) for s in labels.sectors)]
        self.agency.choices = [EVERYTHING, *((a.code, a.name) for a in labels.agencies)]

    def filters(self) -> TargetFilters:
        return TargetFilters(
            pillar=self.pillar.data or None,
            sector=self.sector.data or None,
            agency=self.agency.data or None,
            year=self.year.data,
            verdict=Verdict(self.verdict.data) if self.verdict.data else None,
        )


@bp.before_request
@login_required
def require_login():
    """Targets are for signed-in users."""


@bp.get("/")
def index():
    """Every target with its verdict against its year; per-locality targets side by side.

    Counted and paged without judging every target as a row (tracker.targets.verdicts): rows
    are built for the page, the per-locality table and an export, 200,000 targets being 5–7 s.
    """
    labels = load_labels()
    form = TargetFilterForm(request.args, labels)
    fmt = export_format()
    if not form.validate():
        return render_template("targets/index.html", form=form, rows=None), 400
    today, filters = local_today(), form.filters()
    found = _kept("verdicts", filters, today, lambda: verdicts_of(matching(filters), today))
    verdicts = {v: n if filters.verdict in (None, v) else 0 for v, n in found.counts.items()}
    total = sum(verdicts.values())
    if fmt:
        exports.refuse_if_too_large(total)
        rows = target_service.target_rows(filters, today)
        return exports.send(_sheet(rows, labels, today), fmt, f"chi-tieu-{today.isoformat()}")
    per_page = current_app.config["OVERDUE_PER_PAGE"]
    page, pages = form.page.data or 1, max(1, -(-total // per_page))
    if page > pages:
        abort(404, description=_("This list has only %(pages)d pages.", pages=pages))
    start = (page - 1) * per_page
    ids = _kept(
        ("page", start), filters, today, lambda: found.page(filters.verdict, start, per_page)
    )
    by_id = {row.id: row for row in target_service.target_rows(filters, today, ids)}
    shown = [by_id[item_id] for item_id in ids]
    series = target_service.series(ids, today)
    lines = {row.id: sparkline(series.get(row.id, []), row.value) for row in shown}
    names = {agency.id: agency.name for agency in labels.agencies}
    split = _kept("split", filters, today, lambda: target_service.split_rows(filters, today))
    localities = target_service.locality_table(split, names)
    linked = ids + [cell.id for _base, _title, cells in localities.rows for cell in cells.values()]
    return render_template(
        "targets/index.html", form=form, rows=shown, total=total, page=page, pages=pages,
        lines=lines, labels=labels, today=today, verdicts=verdicts,
        localities=localities, openable=openable(current_user, linked),
        VERDICT_LABELS=VERDICT_LABELS,
    )  # fmt: skip


def _kept(part, filters: TargetFilters, today, compute):
    """A part of the page read once per process while no write reached the targets: their
    verdicts, the page's ids and the split targets are 0.1–0.3 s each at a million items, and
    a task's progress report changes none of them (tracker.reports.target_writes)."""
    return cached(("targets-page", part, filters, today), compute, version_of=targets_version)


def _sheet(rows, labels, today) -> Sheet:
    headers = [
        _("No."), _("Code"), _("Target"), _("Lead agency"), _("Target value"), _("Unit"),
        _("Target year"), _("Latest value"), _("Measured on"), _("Verdict"),
    ]  # fmt: skip
    body = [
        [
            n,
            row.code,
            row.title,
            labels.agency(row.agency_id).name,
            row.value,
            row.unit or "",
            row.year,
            row.latest[1] if row.latest else None,
            row.latest[0] if row.latest else None,
            str(VERDICT_LABELS[row.verdict]),
        ]  # fmt: skip
        for n, row in enumerate(rows, start=1)
    ]
    return Sheet(
        title=_("Targets of the plan"), as_of=today, headers=headers, rows=body,
        widths=[6, 22, 60, 28, 10, 8, 8, 10, 12, 14],
    )  # fmt: skip
