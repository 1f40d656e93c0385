"""Reminder administration: outbox, preview, policy, calendar swaps."""

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from tracker.admin.forms import (
    STATUS_LABELS,
    CalendarDayForm,
    OutboxFilterForm,
    PolicyForm,
    PreviewForm,
)
from tracker.clock import local_today
from tracker.domain.reminders import Section
from tracker.domain.workdays import vietnam_holidays
from tracker.http import int_arg
from tracker.models import Digest
from tracker.outbox import queries as outbox_admin
from tracker.permissions import can_manage_reminders
from tracker.reminders.policy import load_policy, save_policy
from tracker.reminders.sweep import sweep
from tracker.workdays import store as calendar_service

bp = Blueprint("admin", __name__, url_prefix="/admin")

#: Bootstrap's colours for the outbox statuses.
STATUS_CLASSES = {
    "pending": "text-bg-secondary",
    "sending": "text-bg-info",
    "sent": "text-bg-success",
    "failed": "text-bg-danger",
    "logged": "text-bg-light",
    "skipped": "text-bg-light",
}
SECTION_LABELS = {
    Section.OVERDUE: _l("Overdue"),
    Section.DUE_TODAY: _l("Due today"),
    Section.DUE_SOON: _l("Due soon"),
    Section.AGENCY_OVERDUE: _l("Agency's overdue (copy to the head)"),
    Section.ESCALATED: _l("Escalated"),
}
CALENDAR_ERRORS = {
    "exists": lambda: _("This day is already in the list; remove it first to change it."),
    "already_working": lambda: _("This day is already a working day."),
    "already_off": lambda: _("This day is already a day off."),
    "missing": lambda: _("This day is not in the list."),
}


@bp.before_request
@login_required
def require_office():
    """The office and administrators only."""
    if not can_manage_reminders(current_user):
        abort(403)


@bp.app_context_processor
def permissions():
    return {
        "can_manage_reminders": can_manage_reminders,
        "OUTBOX_STATUS_LABELS": STATUS_LABELS,
        "OUTBOX_STATUS_CLASSES": STATUS_CLASSES,
    }


@bp.get("/outbox")
def outbox():
    """Every digest with its status, attempts and last error, newest first."""
    form = OutboxFilterForm(request.args)
    if not form.validate():
        return render_template(
            "admin/outbox.html", form=form, page=None, counts={}, next_sweep=None
        ), 400
    page = outbox_admin.list_digests(form.status.data or None, form.page.data or 1, 50)
    if page.page > page.pages:
        abort(404, description=_("This list has only %(pages)d pages.", pages=page.pages))
    return render_template(
        "admin/outbox.html",
        form=form,
        page=page,
        counts=outbox_admin.status_counts(),
        next_sweep=outbox_admin.next_sweep(),
    )


@bp.get("/outbox/<int:digest_id>")
def digest(digest_id: int):
    """One digest: its status and the mail it carried (or would carry now)."""
    found = _digest_or_404(digest_id)
    mail = outbox_admin.digest_mail(found)
    return render_template("admin/digest.html", digest=found, mail=mail)


@bp.post("/outbox/<int:digest_id>/retry")
def retry(digest_id: int):
    """Queue a failed (or only logged) digest again."""
    if outbox_admin.retry_digest(_digest_or_404(digest_id)):
        flash(_("The mail will be sent again with the next delivery."), "success")
    else:
        flash(_("Only a failed or logged mail can be sent again."), "warning")
    return redirect(url_for("admin.digest", digest_id=digest_id))


def _digest_or_404(digest_id: int) -> Digest:
    found = outbox_admin.get_digest(digest_id)
    if found is None:
        abort(404, description=_("There is no such mail in the outbox."))
    return found


@bp.get("/preview")
def preview():
    """What the next sweep would queue, per person (a dry run: nothing is recorded)."""
    form = PreviewForm(request.args)
    if not form.validate():
        return render_template("admin/preview.html", form=form, report=None), 400
    day = form.day.data or outbox_admin.next_sweep().day
    form.day.data = day
    return render_template(
        "admin/preview.html",
        form=form,
        report=sweep(day, dry_run=True),
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
        return redirect(url_for("admin.policy"))
    if request.method == "GET":
        form.fill(load_policy())
    return render_template("admin/policy.html", form=form), 400 if form.errors else 200


@bp.get("/calendar")
def calendar():
    """The year's public holidays and the office's swaps (make-up days, extra days off)."""
    year = int_arg(
        "year",
        default=local_today().year,
        low=2000,
        high=2100,
        message=_("Choose a year between 2000 and 2100."),
    )
    return _calendar_page(CalendarDayForm(), year)


@bp.post("/calendar")
def add_day():
    """Record a swap for one day."""
    form = CalendarDayForm()
    if not form.validate_on_submit():
        return _calendar_page(form, local_today().year, 400)
    try:
        calendar_service.add_day(form.day.data, form.working.data, form.note.data)
    except calendar_service.CalendarError as error:
        form.day.errors.append(CALENDAR_ERRORS[error.code]())
        return _calendar_page(form, form.day.data.year, 400)
    flash(_("The calendar is updated."), "success")
    return redirect(url_for("admin.calendar", year=form.day.data.year))


@bp.post("/calendar/<day>/delete")
def remove_day(day: str):
    """Remove a swap."""
    try:
        calendar_service.remove_day(date.fromisoformat(day))
    except (ValueError, calendar_service.CalendarError):
        abort(404, description=CALENDAR_ERRORS["missing"]())
    flash(_("The calendar is updated."), "success")
    return redirect(url_for("admin.calendar", year=day[:4]))


def _calendar_page(form: CalendarDayForm, year: int, status: int = 200):
    language = "en_US" if str(get_locale()) == "en" else "vi"
    return render_template(
        "admin/calendar.html",
        form=form,
        year=year,
        entries=calendar_service.days_of_year(year),
        holidays=sorted(vietnam_holidays(year, language).items()),
    ), status
