"""Creating a reporting period."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectField
from wtforms.validators import InputRequired, NumberRange, Optional, ValidationError

from tracker.domain.periods import MAX_CUTOFF_DAY, PeriodKind, count_in_year
from tracker.forms import TrackerForm
from tracker.labels import PERIOD_KIND_LABELS


class PeriodForm(TrackerForm):
    kind = SelectField(_l("Period"), default="quarter")
    year = IntegerField(
        _l("Year"),
        validators=[
            InputRequired(_l("Enter the year.")),
            NumberRange(2000, 2100, _l("Enter a year between 2000 and 2100.")),
        ],
    )
    number = IntegerField(
        _l("Number in the year"),
        default=1,
        validators=[InputRequired(_l("Enter which month, quarter or half-year."))],
    )
    cutoff_day = IntegerField(
        _l("Cut-off day"),
        description=_l(
            "Empty: figures as of the period's last day; 14 follows Decree 09/2019/NĐ-CP."
        ),
        validators=[
            Optional(),
            NumberRange(1, MAX_CUTOFF_DAY, _l("The cut-off day must be between 1 and 28.")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = list(PERIOD_KIND_LABELS.items())
        if self.cutoff_day.data is None and not self.is_submitted():
            self.cutoff_day.data = current_app.config["REPORT_CUTOFF_DAY"]

    def validate_number(self, field):
        # The number's range depends on the kind: 12 months, 4 quarters, 2 halves, 1 year.
        if self.kind.data in PERIOD_KIND_LABELS and field.data is not None:
            last = count_in_year(PeriodKind(self.kind.data))
            if not 1 <= field.data <= last:
                raise ValidationError(_l("This number does not exist for this kind of period."))
