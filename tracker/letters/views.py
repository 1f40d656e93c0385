"""Urging letters: the printable draft of one agency's letter, the form that issues letters to
the selected agencies, the letters issued, and each as Word or PDF."""

from dataclasses import replace

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from tracker import exports, papers
from tracker.clock import local_today
from tracker.http import int_arg
from tracker.letters import queries
from tracker.letters.actions import LetterRequest, issue_letters
from tracker.letters.forms import LetterForm
from tracker.letters.paper import Signature, letter_paper
from tracker.names import load_labels
from tracker.overdue.forms import OverdueFilterForm
from tracker.overdue.queries import OverdueFilters
from tracker.permissions import can_follow_up, manages_plan
from tracker.refusals import ServiceError
from tracker.reminders.policy import load_policy
from tracker.reports.forms import AsOfForm
from tracker.security import login

bp = Blueprint("letters", __name__, url_prefix="/office/letters")

#: The lines a letter's page shows. A ministry's agency can have thousands of overdue items
#: (9,540 at a million items: 147 KB sent); its letter is then printed from Word or PDF.
#: With 500 lines, the page and its stylesheets and scripts weighed 98 KB compressed.
SHOWN_ON_PAGE = 300


@bp.before_request
def require_follow_up():
    """The office and the leadership only."""
    if not current_user.is_authenticated:
        return login.unauthorized()
    if not can_follow_up(current_user):
        abort(403)
    return None


@bp.get("/")
def index():
    """The letters issued, the latest first, each as Word or PDF."""
    return render_template("letters/index.html", letters=queries.recent_letters())


def _selected(labels, codes: list[str]):
    agencies = []
    for code in dict.fromkeys(codes):  # once each, in the order chosen
        agency = labels.agency_by_code(code)
        if agency is None:
            abort(404, description=_("There is no agency with the code %(code)s.", code=code))
        agencies.append(agency)
    return agencies


def _as_of_arg():
    """The overdue list's date the selection came from; today when absent."""
    found = AsOfForm(request.args)
    if not found.validate():
        abort(400, description=" ".join(str(e) for e in found.as_of.errors))
    return found.date()


@bp.route("/new", methods=["GET", "POST"])
def new():
    """Number and signer for the letters to the selected agencies, then issue them."""
    if not manages_plan(current_user):
        abort(403, description=_("Only the provincial office issues urging letters."))
    source = request.form if request.method == "POST" else request.args
    agencies = _selected(load_labels(), source.getlist("agency"))
    form = LetterForm(issued_on=local_today(), as_of=_as_of_arg())
    if request.method == "GET":
        for _agency in agencies:
            form.numbers.append_entry()
    if not agencies:
        flash(_("Select at least one agency to write to."), "warning")
        return render_template("letters/new.html", form=form, agencies=agencies), 400
    if request.method == "GET" or not form.validate_on_submit():
        status = 200 if request.method == "GET" else 400
        return render_template("letters/new.html", form=form, agencies=agencies), status
    return _issue(form, agencies)


def _issue(form: LetterForm, agencies):
    if len(form.numbers.entries) != len(agencies):
        abort(400, description=_("Give one number for each selected agency."))
    requests = [
        LetterRequest(agency, entry.data)
        for agency, entry in zip(agencies, form.numbers.entries, strict=True)
    ]
    as_of = form.as_of.data or local_today()
    try:
        letters = issue_letters(
            current_user, requests, form.signature(), as_of, OverdueFilters(), load_policy()
        )
    except ServiceError as refused:
        flash(refused.message, "danger")
        return render_template("letters/new.html", form=form, agencies=agencies), refused.status
    flash(_("%(num)d letters issued and recorded on their items.", num=len(letters)), "success")
    return redirect(url_for("letters.index", issued=",".join(str(x.id) for x in letters)))


@bp.get("/<agency_code>")
def show(agency_code: str):
    """One agency's letter: the printable draft (with the overdue list's filters), or as Word
    or PDF — the draft, or with `letter=<id>` a letter issued to it, as it was issued."""
    labels, policy = load_labels(), load_policy()
    agency = labels.agency_by_code(agency_code)
    if agency is None:
        abort(404, description=_("There is no agency with the code %(code)s.", code=agency_code))
    fmt = papers.paper_format()
    if request.args.get("letter"):
        return _issued(agency, fmt or "docx")
    form = OverdueFilterForm(request.args, labels, policy)
    if not form.validate():
        return render_template("overdue/overdue.html", form=form, page=None, labels=labels), 400
    as_of = form.as_of.data or local_today()
    filters = replace(form.filters(current_user.id), agency=agency.code)
    total = queries.count_overdue(filters, as_of, policy)
    exports.refuse_if_too_large(total)
    if fmt:
        lines = queries.overdue_lines(agency, as_of, filters, policy, limit=total)
        paper = letter_paper(agency, lines, as_of, Signature())
        return papers.send(paper, fmt, f"du-thao-don-doc-{agency.code}-{as_of.isoformat()}")
    lines = queries.overdue_lines(agency, as_of, filters, policy, limit=min(total, SHOWN_ON_PAGE))
    return render_template(
        "letters/show.html",
        agency=agency,
        rows=lines,
        total=total,
        as_of=as_of,
        today=local_today(),
    )


def _issued(agency, fmt: str):
    message = _("No letter with this number was issued to this agency.")
    letter_id = int_arg("letter", default=0, low=1, high=2**31 - 1, message=message)
    letter = queries.get_letter(letter_id)
    if letter is None or letter.agency_id != agency.id:
        abort(404, description=message)
    sign = Signature(
        number=letter.number, issued_on=letter.issued_on, authority=letter.authority or "",
        signer_title=letter.signer_title, signer_name=letter.signer_name,
    )  # fmt: skip
    paper = letter_paper(agency, queries.issued_lines(letter), letter.as_of, sign)
    return papers.send(paper, fmt, f"don-doc-{agency.code}-{letter.issued_on.isoformat()}")
