"""The administrator's forms for people."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
)
from wtforms.validators import AnyOf, DataRequired, Email, Length, NumberRange, Optional

from tracker.forms import PICKER, TrackerForm
from tracker.labels import ROLE_LABELS
from tracker.names import load_labels
from tracker.users.actions import Person

ROLE_CHOICES = [SelectChoice(code, label) for code, label in ROLE_LABELS.items()]


def _agency_choices(blank) -> list[SelectChoice]:
    return [SelectChoice("", blank)] + [
        SelectChoice(a.code, a.name) for a in load_labels().agencies
    ]


class UserForm(TrackerForm):
    name = StringField(
        _l("Full name"),
        validators=[
            DataRequired(_l("Give the person's name.")),
            Length(max=120, message=_l("The name is too long.")),
        ],
    )
    email = EmailField(
        _l("Email"),
        validators=[
            DataRequired(_l("Enter the email address.")),
            Email(_l("Enter a valid email address.")),
            Length(max=254, message=_l("The email address is too long.")),
        ],
    )
    phone = StringField(
        _l("Phone"), validators=[Length(max=40, message=_l("The phone number is too long."))]
    )
    title = StringField(
        _l("Title"), validators=[Length(max=120, message=_l("The title is too long."))]
    )
    role = SelectField(_l("Role"), choices=ROLE_CHOICES, default="officer")
    agency = SelectField(_l("Agency"), default="", render_kw=PICKER)
    invite = BooleanField(_l("Send an invitation by email now"), default=True)
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency.choices = _agency_choices(_l("(none)"))

    def person(self) -> Person:
        return Person(
            name=self.name.data,
            email=self.email.data,
            role=self.role.data,
            agency_code=self.agency.data or None,
            phone=self.phone.data,
            title=self.title.data,
        )


class UserFilterForm(TrackerForm):
    """The list's query parameters."""

    class Meta:
        csrf = False  # a GET filter changes nothing

    q = StringField(
        _l("Search"), validators=[Length(max=200, message=_l("The search is too long."))]
    )
    agency = SelectField(_l("Agency"), default="", render_kw=PICKER)
    role = SelectField(
        _l("Role"), default="", choices=[SelectChoice("", _l("All roles")), *ROLE_CHOICES]
    )
    active = SelectField(
        _l("Status"),
        default="",
        choices=[
            SelectChoice("", _l("All")),
            SelectChoice("yes", _l("Active")),
            SelectChoice("no", _l("Deactivated")),
        ],
    )
    page = IntegerField(
        _l("Page"),
        default=1,
        validators=[Optional(), NumberRange(1, 100_000, _l("There is no such page."))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency.choices = _agency_choices(_l("All agencies"))


class ConfirmForm(TrackerForm):
    """A button that changes something: the hidden field says the button was pressed, so that
    a post without it (a script, a stray request) is refused rather than acted on."""

    confirmed = HiddenField(
        render_kw={"value": "yes"},
        validators=[AnyOf(["yes"], message=_l("Press the button to confirm."))],
    )
    submit = SubmitField(_l("Confirm"))


class ImportForm(TrackerForm):
    file = FileField(_l("Excel file (.xlsx)"))
    submit = SubmitField(_l("Check the file"))
