"""Query forms shared by the reports: the as-of date and the output format."""

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from wtforms import SelectChoice, SelectField
from wtforms.validators import Optional, ValidationError

from tracker.clock import local_today
from tracker.database import db
from tracker.exports import export_format  # noqa: F401 -- the pages' shared reader
from tracker.forms import DayField, TrackerForm
from tracker.models import Plan
from tracker.reports.statistics import Basis


def not_in_future(form, field) -> None:
    """A report as of a future date would be a forecast, not a record (DayField already
    refuses a date before 2000, when nothing of the plan had happened)."""
    if field.data is not None and field.data > local_today():
        raise ValidationError(_l("The date must not be in the future."))


def as_of_field(label=None) -> DayField:
    return DayField(label or _l("As of"), validators=[Optional(), not_in_future])


class AsOfForm(TrackerForm):
    """`?as_of=YYYY-MM-DD`, today when absent."""

    class Meta:
        csrf = False

    as_of = as_of_field()

    def date(self) -> date:
        return self.as_of.data or local_today()

    def errors_json(self) -> dict[str, list[str]]:
        return {name: [str(message) for message in errors] for name, errors in self.errors.items()}

    def error_messages(self) -> list[str]:
        return [
            f"{self[name].label.text}: {msg}"
            for name, errors in self.errors.items()
            for msg in errors
        ]


# Which deadline a report measures against (tracker.reports.statistics.Basis), said on the page
# and in the export.
BASIS_NOTES = {
    "adjusted": _l(
        "Measured against the adjusted deadline (theo hạn đã điều chỉnh): the deadline "
        "in force on the report's date, after approved extensions."
    ),
    "original": _l(
        "Measured against the original deadline (theo hạn ban đầu): the deadline first "
        "assigned, whatever extensions were approved."
    ),
}

#: Which deadline a report measures against, as the office names the two.
BASIS_CHOICES = [
    SelectChoice("adjusted", _l("By the adjusted deadline")),
    SelectChoice("original", _l("By the original deadline")),
]


class ReportForm(AsOfForm):
    """The as-of date and the deadline measured against (`?deadline=adjusted|original`)."""

    deadline = SelectField(
        _l("Deadline measured against"),
        choices=BASIS_CHOICES,
        default="adjusted",
        validators=[Optional()],
    )

    def basis(self) -> Basis:
        return Basis(self.deadline.data or Basis.ADJUSTED.value)


class StatisticsForm(ReportForm):
    """The as-of date and, optionally, one assigning document (`?document=59/KH-UBND`)."""

    document = SelectField(_l("Document"), default="")

    def __init__(self, formdata, **kwargs):
        super().__init__(formdata, **kwargs)
        rows = db.session.execute(select(Plan.id, Plan.number, Plan.title).order_by(Plan.id))
        self.document_ids = {}
        choices = [("", _l("All documents"))]
        for document_id, number, title in rows:
            self.document_ids[number] = document_id
            choices.append((number, f"{number} — {title}"[:100]))
        self.document.choices = choices

    def document_id(self) -> int | None:
        return self.document_ids.get(self.document.data or "")
