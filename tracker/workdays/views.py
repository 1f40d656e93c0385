"""The working calendar the office keeps: the year's public holidays and its swaps."""

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tracker.clock import local_today
from tracker.domain.workdays import vietnam_holidays
from tracker.http import int_arg
from tracker.permissions import can_manage_reminders
from tracker.workdays import store
from tracker.workdays.forms import CalendarDayForm

bp = Blueprint("workdays", __name__, url_prefix="/admin/calendar")

CALENDAR_ERRORS = {
    "exists": lambda: _("This day is already in the list; remove it first to change it."),
    "already_working": lambda: _("This day is already a working day."),
    "already_off": lambda: _("This day is already a day off."),
    "missing": lambda: _("This day is not in the list."),
}


@bp.before_request
@login_required
def require_office():
    """The office and administrators only: the calendar decides when reminders go out."""
    if not can_manage_reminders(current_user):
        abort(403)


@bp.get("")
def index():
    """The year's public holidays and the office's swaps (make-up days, extra days off)."""
    year = int_arg(
        "year",
        default=local_today().year,
        low=2000,
        high=2100,
        message=_("Choose a year between 2000 and 2100."),
    )
    return _calendar_page(CalendarDayForm(), year)


@bp.post("")
def add():
    """Record a swap for one day."""
    form = CalendarDayForm()
    if not form.validate_on_submit():
        return _calendar_page(form, local_today().year, 400)
    try:
        store.add_day(form.day.data, form.working.data, form.note.data)
    except store.CalendarError as error:
        form.day.errors.append(CALENDAR_ERRORS[error.code]())
        return _calendar_page(form, form.day.data.year, 400)
    flash(_("The calendar is updated."), "success")
    return redirect(url_for("workdays.index", year=form.day.data.year))


@bp.post("/<day>/delete")
def remove(day: str):
    """Remove a swap."""
    try:
        store.remove_day(date.fromisoformat(day))
    except (ValueError, store.CalendarError):
        abort(404, description=CALENDAR_ERRORS["missing"]())
    flash(_("The calendar is updated."), "success")
    return redirect(url_for("workdays.index", year=day[:4]))


def _calendar_page(form: CalendarDayForm, year: int, status: int = 200):
    language = "en_US" if str(get_locale()) == "en" else "vi"
    return render_template(
        "workdays/index.html",
        form=form,
        year=year,
        entries=store.days_of_year(year),
        holidays=sorted(vietnam_holidays(year, language).items()),
    ), status
