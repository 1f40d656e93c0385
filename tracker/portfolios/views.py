"""/admin/portfolios: the office assigns each leader's sectors and agencies, and each office
specialist's agencies."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from wtforms import SelectChoice, SelectMultipleField, SubmitField

from tracker.database import db
from tracker.forms import TrackerForm
from tracker.models import User
from tracker.names import load_labels
from tracker.permissions import can_manage_agencies
from tracker.portfolios import actions
from tracker.refusals import ServiceError

bp = Blueprint("portfolios", __name__, url_prefix="/admin/portfolios")


class PortfolioForm(TrackerForm):
    sectors = SelectMultipleField(_l("Sectors overseen"))
    agencies = SelectMultipleField(_l("Agencies followed"))
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        labels = load_labels()
        self.sectors.choices = [SelectChoice(s.code, s.name) for s in labels.sectors]
        self.agencies.choices = [SelectChoice(a.code, a.name) for a in labels.agencies]


@bp.before_request
@login_required
def require_office():
    """The administrator and the office."""
    if not can_manage_agencies(current_user):
        abort(403)


@bp.get("")
def index():
    """Every leader and office specialist with their portfolio."""
    return render_template("portfolios/index.html", portfolios=actions.portfolios())


@bp.route("/<int:user_id>", methods=["GET", "POST"])
def edit(user_id: int):
    """Assign one person's portfolio."""
    person = db.session.get(User, user_id) or abort(404)
    form = PortfolioForm()
    if not form.is_submitted():
        found = next((p for p in actions.portfolios() if p.person.id == person.id), None)
        if found is None:
            abort(
                404, description=_("Portfolios are for provincial leaders and office specialists.")
            )
        form.sectors.data = [s.code for s in found.sectors]
        form.agencies.data = [a.code for a in found.agencies]
    if form.validate_on_submit():
        try:
            # Nothing chosen at all (a portfolio emptied) sends no field: the lists are empty.
            chosen = form.sectors.data or [], form.agencies.data or []
            actions.assign(current_user, person, *chosen)
        except ServiceError as refusal:
            db.session.rollback()
            flash(refusal.message, "danger")
            return _page(form, person), refusal.status
        flash(_("The portfolio of %(name)s is saved.", name=person.name), "success")
        return redirect(url_for("portfolios.index"))
    return _page(form, person), 400 if form.is_submitted() else 200


def _page(form, person):
    return render_template("portfolios/edit.html", form=form, person=person)
