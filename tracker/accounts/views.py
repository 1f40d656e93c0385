"""Sign in, sign out, choose a language."""

from flask import (
    Blueprint,
    Response,
    abort,
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

from tracker.accounts.actions import authenticate
from tracker.accounts.forms import LoginForm
from tracker.database import db
from tracker.http import site_path
from tracker.security import limiter

bp = Blueprint("accounts", __name__)


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _attempts_limit() -> str:
    return current_app.config["LOGIN_ATTEMPTS_LIMIT"]


def _failed(response: Response) -> bool:
    """Only failed sign-ins count: a whole office may sign in from one address of a morning."""
    return response.status_code != 302


def _too_many_message() -> str:
    return _("Too many failed sign-ins from this address. Wait a minute and try again.")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"], deduct_when=_failed, error_message=_too_many_message)
# Failures are counted once answered, so a burst sent at once would pass the limit above
# together: every attempt also counts, against a looser limit.
@limiter.limit(_attempts_limit, methods=["POST"], error_message=_too_many_message)
def login():
    """Show the sign-in form; sign the user in."""
    if current_user.is_authenticated:
        return redirect(url_for("plans.overview"))
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data)
        if user is not None:
            login_user(user, remember=form.remember.data)
            return redirect(_safe_next(request.args.get("next")))
        flash(_("Wrong email or password."), "danger")
        return render_template("accounts/login.html", form=form), 401
    status = 400 if form.is_submitted() else 200
    return render_template("accounts/login.html", form=form), status


@bp.post("/logout")
@login_required
def logout():
    """Sign out."""
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
