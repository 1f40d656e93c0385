"""Giving an item to a member of staff; acknowledging it needs no more than its version."""

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField
from wtforms.validators import InputRequired

from tracker.forms import VersionedForm


class DelegateForm(VersionedForm):
    #: Chosen from the lead agency's staff (the page lists them); the use case checks it.
    staff_id = IntegerField(
        _l("Member of staff"),
        validators=[InputRequired(_l("Choose a member of staff of the lead agency."))],
    )
