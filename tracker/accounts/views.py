"""Sign in, sign out, choose a language."""

import math
import time
from datetime import timedelta
from typing import NoReturn

from flask import (
    Blueprint,
    Response,
    abort,
    after_this_request,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from tracker.accounts import sessions, throttle
from tracker.accounts.actions import authenticate
from tracker.accounts.forms import LoginForm
from tracker.accounts.throttle import wait_text
from tracker.audit.trail import record
from tracker.database import db
from tracker.http import site_path
from tracker.security import limiter

bp = Blueprint("accounts", __name__)


def _attempts_limit() -> str:
    return current_app.config["LOGIN_ATTEMPTS_LIMIT"]


def _too_many_message() -> str:
    """The coarse limit's refusal, saying when the window it counts in resets."""
    reset_in = timedelta(seconds=limiter.current_limit.reset_at - time.time())
    return _(
        "Too many sign-ins from this address. Try again in %(wait)s.", wait=wait_text(reset_in)
    )


@bp.route("/login", methods=["GET", "POST"])
# Failed sign-ins are counted in the database (`throttle`), which every worker shares; this
# coarse limit on every sign-in, counted by each worker alone unless RATELIMIT_STORAGE_URI names
# a shared store, only keeps a flood from reaching the password hashing.
@limiter.limit(_attempts_limit, methods=["POST"], error_message=_too_many_message)
def login():
    """Show the sign-in form; sign the user in."""
    if current_user.is_authenticated:
        return redirect(url_for("plans.overview"))
    form = LoginForm()
    if form.validate_on_submit():
        attempt, refusal = throttle.begin(form.email.data, request.remote_addr)
        if refusal is not None:
            _refuse(refusal)
        user = authenticate(form.email.data, form.password.data)
        if user is not None:
            throttle.forget(attempt)
            sessions.open_session(user)
            record("login", user.id, actor_id=user.id)
            db.session.commit()
            login_user(user, remember=form.remember.data)
            return redirect(_safe_next(request.args.get("next")))
        record("login_failed", note=form.email.data.strip().lower())
        db.session.commit()
        flash(_("Wrong email or password."), "danger")
        return render_template("accounts/login.html", form=form), 401
    status = 400 if form.is_submitted() else 200
    return render_template("accounts/login.html", form=form), status


def _refuse(refusal: throttle.Refusal) -> NoReturn:
    """429 with the wait in words and in Retry-After, whether or not the password was right."""
    seconds = max(1, math.ceil(refusal.wait.total_seconds()))

    @after_this_request
    def retry_after(response: Response) -> Response:
        # The error page is rendered from the exception's code and text, not its headers.
        response.headers["Retry-After"] = str(seconds)
        return response

    abort(429, description=refusal.message())


@bp.post("/logout")
@login_required
def logout():
    """Sign out: this session ends, its remember-me cookie with it."""
    sessions.end_current(current_user)
    db.session.commit()
    logout_user()
    flash(_("You have signed out."), "info")
    return redirect(url_for("accounts.login"))


@bp.post("/language/<code>")
def set_language(code: str):
    """Switch the interface language; remembered on the account when signed in."""
    if code not in current_app.config["LANGUAGES"]:
        abort(400, description=_("This language is not available."))
    session["language"] = code
    if current_user.is_authenticated:
        current_user.language = code
        db.session.commit()
    return redirect(_safe_next(request.form.get("next")))


def _safe_next(target: str | None) -> str:
    """Only follow a `next` that stays on this site (no open redirect)."""
    return site_path(target) or url_for("plans.overview")
