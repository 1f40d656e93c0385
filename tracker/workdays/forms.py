"""A swap of the working calendar: one day made a working day or a day off."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, StringField
from wtforms.validators import InputRequired, Length, Optional

from tracker.forms import DayField, TrackerForm


class CalendarDayForm(TrackerForm):
    day = DayField(_l("Day"), validators=[InputRequired(_l("Give a date."))])
    working = BooleanField(_l("A working day (a make-up Saturday); unticked: an extra day off"))
    note = StringField(
        _l("Note"),
        validators=[Optional(), Length(max=200, message=_l("At most 200 characters."))],
    )
