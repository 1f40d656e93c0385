"""The filter form of the item list (GET parameters, shared by the page and the API)."""

from typing import NamedTuple

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from wtforms import IntegerField, SelectChoice, SelectField, StringField
from wtforms.validators import Length, NumberRange, Optional, ValidationError

from tracker.database import db
from tracker.domain.standing import Standing
from tracker.forms import PICKER, DayField, TrackerForm
from tracker.items.queries import ItemFilters
from tracker.labels import FLAG_LABELS, KIND_LABELS, STANDING_LABELS
from tracker.models import Agency, Group, Plan, Sector
from tracker.reports.cache import cached

EVERYTHING = ("", _l("All"))


class ItemFilterForm(TrackerForm):
    """The list's query parameters; unknown values and malformed dates are errors."""

    class Meta:
        csrf = False  # a GET filter changes nothing

    q = StringField(
        _l("Search"),
        validators=[Optional(), Length(max=200, message=_l("The search text is too long."))],
    )
    document = SelectField(_l("Document"), default="")
    flag = SelectField(_l("Flag"), default="")
    order = SelectField(
        _l("Order"),
        choices=[
            SelectChoice("", _l("Soonest deadline first")),
            SelectChoice("flags", _l("Urgent, then key tasks first")),
        ],
        default="",
    )
    pillar = SelectField(_l("Pillar or group"), default="")
    sector = SelectField(_l("Sector"), default="")
    agency = SelectField(_l("Agency"), default="", render_kw=PICKER)
    agency_role = SelectField(
        _l("As"),
        choices=[
            SelectChoice("", _l("Lead or coordinating")),
            SelectChoice("lead", _l("Lead agency")),
            SelectChoice("coordinating", _l("Coordinating agency")),
        ],
        default="",
    )
    kind = SelectField(_l("Kind"), default="")
    standing = SelectField(_l("Standing"), default="")
    due_from = DayField(_l("Due from"), validators=[Optional()])
    due_to = DayField(_l("Due until"), validators=[Optional()])
    as_of = DayField(_l("As of"), validators=[Optional()])
    page = IntegerField(_l("Page"), default=1, validators=[Optional()])

    def __init__(self, formdata, **kwargs):
        super().__init__(formdata=formdata, **kwargs)
        choices = cached(("item_filter_choices",), _data_choices)
        self.document.choices = [EVERYTHING, *choices.documents]
        self.flag.choices = [EVERYTHING, *FLAG_LABELS.items()]
        self.pillar.choices = [EVERYTHING, *choices.pillars]
        self.sector.choices = [EVERYTHING, *choices.sectors]
        self.agency.choices = [EVERYTHING, *choices.agencies]
        self.kind.choices = [EVERYTHING, *KIND_LABELS.items()]
        self.standing.choices = [EVERYTHING, *((s.value, STANDING_LABELS[s]) for s in Standing)]
        max_page = current_app.config["MAX_PAGE"]
        self.page.validators = [
            Optional(),
            NumberRange(1, max_page, _l("The page number is out of range.")),
        ]

    def validate_due_to(self, field):
        # A reversed range would silently show nothing; say so instead.
        if field.data and self.due_from.data and field.data < self.due_from.data:
            raise ValidationError(_l("The end of the deadline range is before its start."))

    def filters(self) -> ItemFilters:
        return ItemFilters(
            q=(self.q.data or "").strip() or None,
            document=self.document.data or None,
            flag=self.flag.data or None,
            flags_first=self.order.data == "flags",
            pillar=self.pillar.data or None,
            sector=self.sector.data or None,
            agency=self.agency.data or None,
            agency_role=self.agency_role.data or None,
            kind=self.kind.data or None,
            standing=Standing(self.standing.data) if self.standing.data else None,
            due_from=self.due_from.data,
            due_to=self.due_to.data,
        )

    def error_messages(self) -> dict[str, list[str]]:
        return {name: [str(message) for message in errors] for name, errors in self.errors.items()}


class _DataChoices(NamedTuple):
    """The choices that come from the data, as (code, shown name)."""

    documents: tuple[tuple[str, str], ...]
    pillars: tuple[tuple[str, str], ...]
    sectors: tuple[tuple[str, str], ...]
    agencies: tuple[tuple[str, str], ...]


def _data_choices() -> _DataChoices:
    """Read while the data version holds (tracker.reports.cache): every list opens the form."""
    documents = db.session.execute(select(Plan.number, Plan.title).order_by(Plan.id))
    groups = select(Group.code, Group.name).order_by(Group.plan_id, Group.position)
    return _DataChoices(
        documents=tuple((number, _shortened(f"{number} — {title}")) for number, title in documents),
        pillars=_rows(groups),
        sectors=_rows(select(Sector.code, Sector.name).order_by(Sector.position)),
        agencies=_rows(select(Agency.code, Agency.name).order_by(Agency.name)),
    )


def _rows(query) -> tuple[tuple[str, str], ...]:
    return tuple((code, _shortened(name)) for code, name in db.session.execute(query))


def _shortened(name: str) -> str:
    """A document's subject can run to a paragraph; a choice shows its start."""
    return name if len(name) <= 90 else name[:89] + "…"
