"""The form to report a measured value of a target; the JSON API validates with it too."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from tracker.forms import DayField, NumberField, VersionedForm


class MeasurementForm(VersionedForm):
    value = NumberField(
        _l("Measured value"),
        validators=[
            InputRequired(_l("Give the measured value as a number.")),
            NumberRange(-1e12, 1e12, _l("The value is out of range.")),
        ],
    )
    measured_on = DayField(
        _l("Measured on"), validators=[InputRequired(_l("Give the date of the measurement."))]
    )
    source = StringField(
        _l("Source"),
        description=_l("e.g. the report or statistics the figure comes from"),
        validators=[Optional(), Length(max=500, message=_l("At most 500 characters."))],
    )


class RevisionForm(VersionedForm):
    """A later document's change to a target: its value, its year if it moves, the document."""

    value = NumberField(
        _l("Revised target value"),
        validators=[
            InputRequired(_l("Give the revised target value as a number.")),
            NumberRange(-1e12, 1e12, _l("The value is out of range.")),
        ],
    )
    year = IntegerField(
        _l("Target year"),
        description=_l("Leave empty when the revision keeps the target's year."),
        validators=[
            Optional(),
            NumberRange(2000, 2100, _l("Enter a year between 2000 and 2100.")),
        ],
    )
    document = StringField(
        _l("Revising document"),
        description=_l("Its number and issuer, e.g. Nghị quyết số 12/NQ-HĐND tỉnh Gia Lai"),
        validators=[
            InputRequired(_l("Give the number of the document that revises the target.")),
            Length(max=300, message=_l("At most 300 characters.")),
        ],
    )
    decided_on = DayField(
        _l("Date of the document"),
        validators=[InputRequired(_l("Give the date of the document."))],
    )
    reason = TextAreaField(
        _l("Reason"),
        validators=[
            InputRequired(_l("Give the reason.")),
            Length(max=500, message=_l("At most 500 characters.")),
        ],
    )


class CloseNotMetForm(VersionedForm):
    """The office ends a target that was not met, saying why."""

    reason = TextAreaField(
        _l("Reason"),
        description=_l("What was reached, and why the target was not met"),
        validators=[
            InputRequired(_l("Give the reason.")),
            Length(max=2000, message=_l("At most 2000 characters.")),
        ],
    )
