"""Filters of the overdue list (GET parameters)."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectField
from wtforms.validators import NumberRange, Optional

from tracker.documents.queries import document_choices
from tracker.domain.reminders import ReminderPolicy
from tracker.domain.standing import AgeBucket
from tracker.forms import PICKER, TrackerForm
from tracker.labels import AGE_LABELS, KIND_LABELS, escalation_level_labels
from tracker.names import Labels
from tracker.overdue.queries import OverdueFilters, Sort
from tracker.reports.forms import as_of_field

EVERYTHING = ("", _l("All"))
SORT_LABELS = {
    Sort.AGENCY: _l("By agency, most overdue first"),
    Sort.MOST: _l("Most days overdue first"),
    Sort.LEAST: _l("Fewest days overdue first"),
}


class OverdueFilterForm(TrackerForm):
    """Unknown codes and malformed or future dates are errors, never silently ignored."""

    class Meta:
        csrf = False

    as_of = as_of_field()
    document = SelectField(_l("Document"), default="")
    pillar = SelectField(_l("Pillar or group"), default="")
    sector = SelectField(_l("Sector"), default="")
    agency = SelectField(_l("Lead agency"), default="", render_kw=PICKER)
    kind = SelectField(_l("Kind"), default="")
    age = SelectField(_l("Days overdue"), default="")
    level = SelectField(_l("Escalation level"), default="")
    sort = SelectField(_l("Order"), default=Sort.AGENCY.value)
    scope = SelectField(_l("Items of"), default="all")
    page = IntegerField(_l("Page"), default=1, validators=[Optional()])

    def __init__(self, formdata, labels: Labels, policy: ReminderPolicy, **kwargs):
        super().__init__(formdata=formdata, **kwargs)
        self.kind.choices = [EVERYTHING, *KIND_LABELS.items()]
        self.age.choices = [EVERYTHING, *AGE_LABELS.items()]
        levels = escalation_level_labels(policy)
        self.level.choices = [EVERYTHING, *((str(n), label) for n, label in levels.items())]
        self.sort.choices = list(SORT_LABELS.items())
        self.scope.choices = [("all", _l("All")), ("mine", _l("My scope"))]
        self.document.choices = [EVERYTHING, *document_choices()]
        self.pillar.choices = [EVERYTHING, *((g.code, g.name) for g in labels.pillars)]
        self.sector.choices = [EVERYTHING, *((s.code, s.name) for s in labels.sectors)]
        self.agency.choices = [EVERYTHING, *((a.code, a.name) for a in labels.agencies)]
        self.page.validators = [
            Optional(),
            NumberRange(1, current_app.config["MAX_PAGE"], _l("The page number is out of range.")),
        ]

    def filters(self, person_id: int | None = None) -> OverdueFilters:
        """The filters; `person_id` is whose portfolio "mine" means."""
        return OverdueFilters(
            portfolio=person_id if self.scope.data == "mine" else None,
            document=self.document.data or None,
            pillar=self.pillar.data or None,
            sector=self.sector.data or None,
            agency=self.agency.data or None,
            kind=self.kind.data or None,
            age=AgeBucket(self.age.data) if self.age.data else None,
            level=int(self.level.data) if self.level.data else None,
        )

    def sort_order(self) -> Sort:
        return Sort(self.sort.data or Sort.AGENCY.value)
