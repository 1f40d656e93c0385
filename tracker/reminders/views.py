"""What the next sweep would send, and the reminder policy the office edits."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tracker.domain.reminders import Section
from tracker.labels import SECTION_LABELS
from tracker.permissions import can_manage_reminders
from tracker.reminders.forms import PolicyForm, PreviewForm
from tracker.reminders.policy import load_policy, save_policy
from tracker.reminders.schedule import next_sweep
from tracker.reminders.sweep import sweep

bp = Blueprint("reminders", __name__, url_prefix="/admin")

#: The recipients the preview lists, those with the most notices first. At a million items
#: the sweep reaches thousands of people: listed whole, the page weighed 199 KB compressed.
SHOWN_RECIPIENTS = 200


@bp.before_request
@login_required
def require_office():
    """The office and administrators only."""
    if not can_manage_reminders(current_user):
        abort(403)


@bp.get("/preview")
def preview():
    """What the next sweep would queue, per person (a dry run: nothing is recorded)."""
    form = PreviewForm(request.args)
    if not form.validate():
        return render_template("reminders/preview.html", form=form, report=None), 400
    day = form.day.data or next_sweep().day
    form.day.data = day
    report = sweep(day, dry_run=True)
    return render_template(
        "reminders/preview.html",
        form=form,
        report=report,
        shown=report.busiest(SHOWN_RECIPIENTS),
        totals=report.by_section(),
        SECTIONS=list(Section),
        SECTION_LABELS=SECTION_LABELS,
    )


@bp.route("/policy", methods=["GET", "POST"])
def policy():
    """The reminder policy: when to remind and when to escalate."""
    form = PolicyForm()
    if form.validate_on_submit():
        save_policy(form.policy(), current_user)
        flash(_("The reminder policy is saved; the next sweep follows it."), "success")
        return redirect(url_for("reminders.policy"))
    if request.method == "GET":
        form.fill(load_policy())
    return render_template("reminders/policy.html", form=form), 400 if form.errors else 200
