"""The outbox page's filter."""

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectChoice, SelectField
from wtforms.validators import NumberRange, Optional

from tracker.forms import TrackerForm
from tracker.labels import OUTBOX_STATUS_LABELS
from tracker.models.notices import DIGEST_STATUSES


class OutboxFilterForm(TrackerForm):
    """The outbox page's query parameters."""

    class Meta:
        csrf = False  # a GET filter changes nothing

    status = SelectField(
        _l("Status"),
        default="",
        choices=[
            SelectChoice("", _l("All")),
            *(SelectChoice(status, OUTBOX_STATUS_LABELS[status]) for status in DIGEST_STATUSES),
        ],
        validate_choice=True,
    )
    page = IntegerField(
        _l("Page"),
        default=1,
        validators=[Optional(), NumberRange(1, 100_000, _l("There is no such page."))],
    )
