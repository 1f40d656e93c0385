"""Naming the list's filters; the other buttons need only their CSRF token."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, StringField
from wtforms.validators import DataRequired, Length

from tracker.forms import TrackerForm


class SaveFilterForm(TrackerForm):
    name = StringField(
        _l("Name of this filter"),
        validators=[
            DataRequired(_l("Name the filter in at most 80 characters.")),
            Length(max=80, message=_l("Name the filter in at most 80 characters.")),
        ],
    )
    query = HiddenField()
    pinned = BooleanField(_l("Pin to the menu"))


class FilterButtonForm(TrackerForm):
    """Pin, unpin or delete a saved filter."""
