"""The form to report a measured value of a target; the JSON API validates with it too."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import StringField
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
