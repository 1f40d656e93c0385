"""The buttons of the notifications page (a form each, for its CSRF token)."""

from flask_babel import lazy_gettext as _l
from wtforms import SubmitField

from tracker.forms import TrackerForm


class MarkReadForm(TrackerForm):
    submit = SubmitField(_l("Mark read"))


class MarkAllReadForm(TrackerForm):
    submit = SubmitField(_l("Mark all read"))
