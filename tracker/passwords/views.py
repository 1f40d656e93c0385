"""Forgot password, and the one-time link that sets a password (a reset or an invitation)."""

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from tracker.passwords.actions import request_reset
from tracker.passwords.forms import ForgotForm, NewPasswordForm
from tracker.passwords.tokens import INVITE, set_password_with, valid_token
from tracker.refusals import Invalid, NotFound
from tracker.security import limiter

bp = Blueprint("passwords", __name__, url_prefix="/password")


def _forgot_limit() -> str:
    return current_app.config["PASSWORD_FORGOT_LIMIT"]


@bp.route("/forgot", methods=["GET", "POST"])
@limiter.limit(_forgot_limit, methods=["POST"])
def forgot():
    """Ask for a link to set a new password; the answer is the same for any email."""
    form = ForgotForm()
    if form.validate_on_submit():
        request_reset(form.email.data)
        flash(
            _(
                "If an account uses this address, a link to set a new password is on its way. "
                "It works once, within an hour."
            ),
            "info",
        )
        return redirect(url_for("accounts.login"))
    status = 400 if form.is_submitted() else 200
    return render_template("passwords/forgot.html", form=form), status


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset(token: str):
    """Set a password through a one-time link."""
    try:
        link = valid_token(token)
    except NotFound as refusal:
        return render_template("passwords/invalid.html", message=refusal.message), 404
    invitation = link.purpose == INVITE
    form = NewPasswordForm()
    if form.validate_on_submit():
        try:
            set_password_with(token, form.password.data)
        except Invalid as refusal:
            form.password.errors = [*form.password.errors, *refusal.errors.get("password", [])]
            return _page(form, invitation, link.user.email), 400
        flash(_("Your password is set. Sign in with it."), "success")
        return redirect(url_for("accounts.login"))
    return _page(form, invitation, link.user.email), 400 if form.is_submitted() else 200


def _page(form, invitation: bool, email: str):
    return render_template("passwords/reset.html", form=form, invitation=invitation, email=email)
