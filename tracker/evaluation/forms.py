"""The year of the evaluation, and the weights of its score the office sets."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField
from wtforms.validators import InputRequired, NumberRange, Optional, ValidationError

from tracker.clock import local_today
from tracker.domain.evaluation import WEIGHT_MAX, WEIGHT_MIN, Weights
from tracker.forms import NumberField, TrackerForm

#: The labels of the weights, in the order the form and the page show them.
WEIGHT_LABELS = {
    "on_time": _l("Points per item completed on time"),
    "late": _l("Points per item completed late"),
    "overdue": _l("Points per item overdue at the year's end"),
    "extension": _l("Points per extension requested"),
    "late_update": _l("Points per percentage point of late updates"),
}


class YearForm(TrackerForm):
    """`?year=YYYY`: this year when absent; a year from 2000 to this one."""

    class Meta:
        csrf = False

    year = IntegerField(
        _l("Year"),
        validators=[Optional()],
        render_kw={"min": 2000},
    )

    def validate_year(self, field) -> None:
        """A year not yet begun has nothing to evaluate; before 2000 nothing was tracked."""
        if field.data is not None and not 2000 <= field.data <= local_today().year:
            raise ValidationError(_l("Give a year from 2000 to %(year)s.", year=local_today().year))

    def chosen(self) -> int:
        return self.year.data or local_today().year

    def error_messages(self) -> list[str]:
        return [f"{self[name].label.text}: {msg}" for name, errors in self.errors.items()
                for msg in errors]  # fmt: skip


def _weight(name: str) -> NumberField:
    message = _l("A number from %(low)s to %(high)s.", low=WEIGHT_MIN, high=WEIGHT_MAX)
    return NumberField(
        WEIGHT_LABELS[name],
        validators=[
            InputRequired(_l("Give a number.")),
            NumberRange(float(WEIGHT_MIN), float(WEIGHT_MAX), message),
        ],
    )


class WeightsForm(TrackerForm):
    on_time = _weight("on_time")
    late = _weight("late")
    overdue = _weight("overdue")
    extension = _weight("extension")
    late_update = _weight("late_update")

    def fill(self, weights: Weights) -> None:
        for name, value in weights.as_dict().items():
            self[name].data = value

    def weights(self) -> Weights:
        return Weights(**{name: self[name].data for name in WEIGHT_LABELS})
