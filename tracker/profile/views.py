"""/me: a person's own details, password, sessions and API token."""

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tracker.accounts.sessions import current_session_hash, sessions_of
from tracker.clock import local_today
from tracker.passwords.forms import ChangePasswordForm
from tracker.passwords.tokens import change_password
from tracker.profile import actions
from tracker.profile.forms import ProfileForm
from tracker.refusals import Invalid, NotFound
from tracker.reminders.leave import stand_ins_of
from tracker.users.forms import ConfirmForm

bp = Blueprint("profile", __name__, url_prefix="/me")


@bp.before_request
@login_required
def signed_in():
    """Every signed-in person has this page."""


def _page(profile=None, password=None, token=None, status=200):
    return render_template(
        "profile/show.html",
        form=profile or ProfileForm(obj=current_user),
        password_form=password or ChangePasswordForm(),
        confirm=ConfirmForm(),
        sessions=sessions_of(current_user),
        current=current_session_hash(current_user),
        new_token=token,
        stand_ins=stand_ins_of(current_user, _leave_day()),
    ), status


def _leave_day():
    """The first day of my leave still to come (today if it has begun, or if none is set):
    the day the preview of my stand-ins is for."""
    today = local_today()
    start, end = current_user.leave_from, current_user.leave_until
    if start is None or end is None or end < today:
        return today
    return max(start, today)


@bp.route("", methods=["GET", "POST"])
def show():
    """My details: name, phone, title, language, leave."""
    # A form sent without the mail preference (an older page, a script) leaves it as it is.
    kept = {"notify_mail": current_user.notify_mail}
    form = ProfileForm(obj=current_user) if request.method == "GET" else ProfileForm(data=kept)
    if form.validate_on_submit():
        actions.update_details(current_user, actions.Details(
            form.name.data, form.phone.data, form.title.data, form.language.data,
            form.leave_from.data, form.leave_until.data, form.notify_mail.data,
            form.mail_muted_events.data or [], form.digest_hour.data or "",
        ))  # fmt: skip
        session["language"] = form.language.data
        flash(_("Your details are saved."), "success")
        return redirect(url_for("profile.show"))
    return _page(profile=form, status=400 if form.is_submitted() else 200)


@bp.post("/password")
def password():
    """Change my password; my other sessions end."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            change_password(current_user, form.current.data, form.password.data)
        except Invalid as refusal:
            for name, messages in refusal.errors.items():
                getattr(form, name).errors = [*getattr(form, name).errors, *messages]
            return _page(password=form, status=400)
        flash(_("Your password is changed; your other sessions have ended."), "success")
        return redirect(url_for("profile.show"))
    return _page(password=form, status=400)


@bp.post("/sessions/<int:session_id>/end")
def end_session(session_id: int):
    """Sign out one of my sessions (another browser, a lost phone)."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        actions.end_session(current_user, session_id)
    except NotFound as refusal:
        abort(404, description=refusal.message)
    flash(_("The session has ended."), "success")
    return redirect(url_for("profile.show"))


@bp.post("/sessions/end-others")
def end_other_sessions():
    """Sign out everywhere but here."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    actions.end_other_sessions(current_user)
    flash(_("Your other sessions have ended."), "success")
    return redirect(url_for("profile.show"))


@bp.post("/token")
def renew_token():
    """A new API token, shown once."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    return _page(token=actions.renew_token(current_user))


@bp.post("/token/revoke")
def revoke_token():
    """Stop my API token from working."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    actions.revoke_token(current_user)
    flash(_("Your API token no longer works."), "success")
    return redirect(url_for("profile.show"))
