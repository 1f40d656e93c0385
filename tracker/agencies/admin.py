"""/admin/agencies: the administrator's and the office's list of agencies."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from wtforms import BooleanField, EmailField, SelectChoice, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, Length, Optional, Regexp

from tracker.agencies import directory
from tracker.database import db
from tracker.forms import PICKER, DayField, TrackerForm
from tracker.labels import AGENCY_LEVEL_LABELS
from tracker.models import Agency
from tracker.names import load_labels
from tracker.permissions import can_manage_agencies
from tracker.refusals import ServiceError

bp = Blueprint("agency_admin", __name__, url_prefix="/admin/agencies")


class AgencyForm(TrackerForm):
    code = StringField(
        _l("Code"),
        validators=[
            DataRequired(_l("Give the agency a code.")),
            Regexp(r"[A-Za-z0-9._-]{1,40}\Z", message=_l("Letters, digits, dots and dashes only.")),
        ],
    )
    name = StringField(
        _l("Name"),
        validators=[
            DataRequired(_l("Give the agency's name.")),
            Length(max=200, message=_l("The name is too long.")),
        ],
    )
    short_name = StringField(
        _l("Short name"), validators=[Length(max=60, message=_l("The name is too long."))]
    )
    level = SelectField(
        _l("Level"),
        choices=[SelectChoice(code, label) for code, label in AGENCY_LEVEL_LABELS.items()],
        default="department",
    )
    parent = SelectField(_l("Part of"), default="", render_kw=PICKER)
    email = EmailField(
        _l("Email for official mail"),
        validators=[
            Optional(),
            Email(_l("Enter a valid email address.")),
            Length(max=254, message=_l("The email address is too long.")),
        ],
    )
    internal_review = BooleanField(
        _l("Submissions go to the head of the agency first"),
        default=True,
        description=_l(
            "A focal officer's or a staff member's submission waits for the head (or a "
            "deputy), who forwards it to the office or sends it back."
        ),
    )
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = load_labels().agencies
        self.parent.choices = [SelectChoice("", _l("(none)"))] + [
            SelectChoice(a.code, a.name) for a in agencies
        ]

    def details(self) -> directory.AgencyDetails:
        return directory.AgencyDetails(
            self.code.data, self.name.data, self.short_name.data, self.level.data,
            self.parent.data or None, self.email.data, self.internal_review.data,
        )  # fmt: skip


class AgencyFilterForm(TrackerForm):
    """`?level=&on=YYYY-MM-DD`: the agencies of one level, those existing on a day."""

    class Meta:
        csrf = False

    level = SelectField(
        _l("Level"),
        choices=[SelectChoice("", _l("All levels"))]
        + [SelectChoice(code, label) for code, label in AGENCY_LEVEL_LABELS.items()],
        default="",
        validators=[Optional()],
    )
    on = DayField(_l("Existing on"), validators=[Optional()])

    def messages(self) -> str:
        return "; ".join(f"{self[name].label.text}: {message}"
                         for name, errors in self.errors.items() for message in errors)  # fmt: skip


@bp.before_request
@login_required
def require_office():
    """The administrator and the office."""
    if not can_manage_agencies(current_user):
        abort(403)


@bp.get("")
def index():
    """Every agency with its people and items, by level and existing on a day if asked;
    reorganisations are recorded on their own page."""
    filters = AgencyFilterForm(request.args)
    if not filters.validate():
        abort(400, description=filters.messages())
    rows = directory.agency_rows(filters.level.data or None, filters.on.data)
    return render_template(
        "agency_admin/index.html", rows=rows, levels=AGENCY_LEVEL_LABELS, filters=filters
    )


@bp.route("/new", methods=["GET", "POST"])
def create():
    """Add an agency."""
    form = AgencyForm()
    if form.validate_on_submit():
        try:
            agency = directory.create_agency(current_user, form.details())
        except ServiceError as refusal:
            db.session.rollback()
            return _refused(form, refusal, None)
        flash(_("The agency %(name)s is added.", name=agency.name), "success")
        return redirect(url_for("agency_admin.index"))
    return _form_page(form, None, 400 if form.is_submitted() else 200)


@bp.route("/<int:agency_id>/edit", methods=["GET", "POST"])
def edit(agency_id: int):
    """Change an agency's details."""
    agency = db.session.get(Agency, agency_id) or abort(404)
    form = AgencyForm(obj=agency)
    if not form.is_submitted():
        form.parent.data = agency.parent.code if agency.parent else ""
    if form.validate_on_submit():
        try:
            directory.update_agency(current_user, agency, form.details())
        except ServiceError as refusal:
            db.session.rollback()
            return _refused(form, refusal, agency)
        flash(_("The agency %(name)s is saved.", name=agency.name), "success")
        return redirect(url_for("agency_admin.index"))
    return _form_page(form, agency, 400 if form.is_submitted() else 200)


def _refused(form, refusal: ServiceError, agency):
    for name, messages in refusal.errors.items():
        getattr(form, name).errors = [*getattr(form, name).errors, *messages]
    flash(refusal.message, "danger")
    return _form_page(form, agency, refusal.status)


def _form_page(form, agency, status):
    return render_template("agency_admin/form.html", form=form, agency=agency), status
