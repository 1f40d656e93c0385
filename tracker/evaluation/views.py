"""The year-end emulation evaluation: `/reports/evaluation?year=YYYY` (office, leadership,
administrators), as Excel with `format=xlsx|csv` and Word with `format=docx`; the office sets
the score's weights on the same page."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tracker import exports, papers
from tracker.clock import local_today
from tracker.evaluation.forms import WEIGHT_LABELS, WeightsForm, YearForm
from tracker.evaluation.outputs import (
    Evaluation,
    evaluation_paper,
    evaluation_sheet,
    formula_text,
    headers,
    values,
)
from tracker.evaluation.queries import agency_years, has_items, year_span
from tracker.evaluation.weights import load_weights, save_weights
from tracker.formatting import format_date
from tracker.permissions import can_follow_up, can_weigh_evaluation

bp = Blueprint("evaluation", __name__, url_prefix="/reports/evaluation")


@bp.before_request
@login_required
def require_follow_up():
    """The office and the leadership evaluate agencies."""
    if not can_follow_up(current_user):
        abort(403)


@bp.get("/")
def index():
    """Per agency, the year's figures and score; one agency's row with `agency=<code>`."""
    form = YearForm(request.args)
    if not form.validate():
        return _page(form, None, WeightsForm(formdata=None), 400)
    evaluation = _evaluation(form.chosen(), request.args.get("agency", "").strip())
    fmt = request.args.get("format", "").strip().lower()
    stem = f"danh-gia-thi-dua-{evaluation.year}"
    if fmt == "docx":
        return papers.send(evaluation_paper(evaluation), "docx", stem)
    if exports.export_format():
        return exports.send(evaluation_sheet(evaluation), fmt, stem)
    weights_form = WeightsForm(formdata=None)
    weights_form.fill(evaluation.weights)
    return _page(form, evaluation, weights_form)


@bp.post("/weights")
def weights():
    """The office sets the weights of the score; a refused value changes nothing."""
    if not can_weigh_evaluation(current_user):
        abort(403)
    form = WeightsForm()
    if not form.validate_on_submit():
        year = YearForm(formdata=None)
        evaluation = _evaluation(local_today().year, "", must_have_data=False)
        return _page(year, evaluation, form, 400)
    save_weights(form.weights(), current_user)
    flash(_("The weights of the evaluation are saved."), "success")
    return redirect(url_for("evaluation.index", year=request.args.get("year") or None))


def _evaluation(year: int, agency_code: str, must_have_data: bool = True) -> Evaluation:
    """The year's evaluation; 404 with a message for a year without data or an unknown agency."""
    start, end = year_span(year, local_today())
    if must_have_data and not has_items(end):
        message = _("There is nothing to evaluate in %(year)s: no task had been assigned by "
                    "%(date)s.", year=year, date=format_date(end))  # fmt: skip
        abort(404, description=message)
    rows = agency_years(start, end)
    if agency_code:
        rows = [row for row in rows if row.code == agency_code]
        if not rows:
            message = _("There is no agency with the code %(code)s.", code=agency_code)
            abort(404, description=message)
    return Evaluation(year, end, rows, load_weights())


def _page(form, evaluation, weights_form, status: int = 200):
    return render_template(
        "evaluation/index.html", form=form, evaluation=evaluation, weights_form=weights_form,
        headers=headers(), values=values, formula=formula_text(), labels=WEIGHT_LABELS,
        may_weigh=can_weigh_evaluation(current_user),
    ), status  # fmt: skip
