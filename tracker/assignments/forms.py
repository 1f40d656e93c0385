"""Entering and assigning an item: lead agency, coordinating agencies, responsible person,
deadline."""

from __future__ import annotations

from dataclasses import replace

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from tracker.assignments.actions import Assignment, NewItem, Reassignment
from tracker.assignments.recurrence import RecurrenceData
from tracker.database import db
from tracker.forms import (
    PICKER,
    REASON_TEXT,
    REPORT_TEXT,
    DayField,
    NumberField,
    TrackerForm,
    VersionedForm,
)
from tracker.labels import RECURRENCE_LABELS
from tracker.models import Agency, Group, Plan, Sector
from tracker.pickers import Pick, offer_people

NONE = ("", "—")


def optional_int(value) -> int | None:
    """Select values are strings; "" means none chosen."""
    if value in ("", None, "None"):
        return None
    return int(value)


def _agency_choices() -> list[tuple[int, str]]:
    rows = db.session.execute(
        select(Agency.id, Agency.name).where(Agency.active.is_(True)).order_by(Agency.name)
    )
    return [(agency_id, name) for agency_id, name in rows]


class _AssignmentFields(TrackerForm):
    lead_agency_id = SelectField(
        _l("Lead agency"),
        coerce=optional_int,
        render_kw={"data-picker": ""},
        validators=[InputRequired(_l("Choose the lead agency."))],
    )
    coordinating_agency_ids = SelectMultipleField(
        _l("Coordinating agencies"),
        coerce=int,
        validators=[Optional()],
        render_kw={"data-picker": ""},
    )
    responsible_id = SelectField(
        _l("Responsible person"),
        coerce=optional_int,
        description=_l("Must work in the lead agency; type a few letters of the name."),
        validators=[Optional()],
        render_kw={"data-picker": ""},
    )
    deadline = DayField(_l("Deadline"), validators=[Optional()])
    note = TextAreaField(
        _l("Reason or deciding document"),
        description=_l("Required when the deadline changes."),
        validators=[Optional(), REASON_TEXT],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = _agency_choices()
        self.lead_agency_id.choices = [NONE, *agencies]
        self.coordinating_agency_ids.choices = agencies
        offer_people(self.responsible_id, Pick.RESPONSIBLE, SelectChoice("", "—"))

    def assignment(self) -> Assignment:
        return Assignment(
            lead_agency_id=self.lead_agency_id.data,
            coordinating_agency_ids=tuple(self.coordinating_agency_ids.data or ()),
            responsible_id=self.responsible_id.data,
            deadline=self.deadline.data,
            note=self.note.data or "",
        )


class AssignmentForm(_AssignmentFields, VersionedForm):
    """Assign again an item that exists, and mark it key, urgent or not public."""

    is_key = BooleanField(_l("Key task"))
    is_urgent = BooleanField(
        _l("Urgent"), description=_l("Listed first when overdue; reminded more often.")
    )
    not_public = BooleanField(
        _l("Not public"), description=_l("Left out of the public page and public exports.")
    )

    effective = DayField(
        _l("Takes effect on"),
        description=_l(
            "The day the new assignment holds from; today when empty. Reports before it "
            "count the item as it was."
        ),
        validators=[Optional()],
    )

    def assignment(self) -> Assignment:
        flags = {
            "is_key": self.is_key.data,
            "is_urgent": self.is_urgent.data,
            "is_public": not self.not_public.data,
        }
        return replace(super().assignment(), flags=flags, effective=self.effective.data)


class ReassignForm(TrackerForm):
    """Give the item to another agency from a given day (the API's reassign)."""

    version = IntegerField(widget=HiddenField.widget, validators=[Optional()])
    agency = SelectField(
        _l("New lead agency"),
        validators=[InputRequired(_l("Choose the new lead agency."))],
        render_kw=PICKER,
    )
    deadline = DayField(
        _l("Deadline"), description=_l("Empty: the deadline stays."), validators=[Optional()]
    )
    effective = DayField(
        _l("Takes effect on"), description=_l("Today when empty."), validators=[Optional()]
    )
    reason = TextAreaField(
        _l("Reason or deciding document"),
        validators=[DataRequired(_l("Say why the item is reassigned.")), REASON_TEXT],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        rows = db.session.execute(
            select(Agency.code, Agency.name).where(Agency.active.is_(True)).order_by(Agency.name)
        )
        self.agency.choices = [SelectChoice(*NONE), *(SelectChoice(c, n) for c, n in rows)]

    def reassignment(self) -> Reassignment:
        return Reassignment(
            agency_code=self.agency.data,
            reason=self.reason.data or "",
            deadline=self.deadline.data,
            effective=self.effective.data,
        )


class NewItemForm(_AssignmentFields):
    code = StringField(
        _l("Code"),
        validators=[
            DataRequired(_l("Give the item a code.")),
            Length(max=60, message=_l("At most 60 characters.")),
        ],
    )
    kind = SelectField(
        _l("Kind"), choices=[SelectChoice("task", _l("Task")), SelectChoice("target", _l("Target"))]
    )
    title = TextAreaField(
        _l("Title"),
        validators=[
            DataRequired(_l("Give the item a title.")),
            Length(max=2000, message=_l("The title is too long.")),
        ],
    )
    description = TextAreaField(_l("Description"), validators=[Optional(), REPORT_TEXT])
    group_id = SelectField(_l("Pillar or group"), coerce=optional_int, validators=[Optional()])
    sector_id = SelectField(_l("Sector"), coerce=optional_int, validators=[Optional()])
    document_id = SelectField(
        _l("Assigning document"), coerce=optional_int, validators=[Optional()]
    )
    is_key = BooleanField(_l("Key task"))
    is_urgent = BooleanField(
        _l("Urgent"), description=_l("Listed first when overdue; reminded more often.")
    )
    not_public = BooleanField(
        _l("Not public"), description=_l("Left out of the public page and public exports.")
    )
    target_value = NumberField(
        _l("Target value"),
        validators=[Optional(), NumberRange(0, 1e12, _l("The value is out of range."))],
    )
    target_unit = StringField(
        _l("Unit"), validators=[Optional(), Length(max=40, message=_l("At most 40 characters."))]
    )
    target_year = IntegerField(
        _l("Target year"),
        validators=[Optional(), NumberRange(2000, 2100, _l("Give a year such as 2030."))],
    )
    target_comparison = SelectField(
        _l("The target is met by a value"),
        choices=[
            SelectChoice("at_least", _l("at least the target")),
            SelectChoice("at_most", _l("at most the target")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        groups = db.session.execute(select(Group.id, Group.name).order_by(Group.position))
        sectors = db.session.execute(select(Sector.id, Sector.name).order_by(Sector.position))
        self.group_id.choices = [NONE, *((gid, name) for gid, name in groups)]
        self.sector_id.choices = [NONE, *((sid, name) for sid, name in sectors)]
        documents = db.session.execute(select(Plan.id, Plan.number, Plan.title).order_by(Plan.id))
        self.document_id.choices = [
            (pid, f"{number} — {title}"[:100]) for pid, number, title in documents
        ]

    def new_item(self) -> NewItem:
        return NewItem(
            code=self.code.data.strip(),
            kind=self.kind.data,
            title=self.title.data,
            description=self.description.data,
            group_id=self.group_id.data,
            sector_id=self.sector_id.data,
            is_key=self.is_key.data,
            is_urgent=self.is_urgent.data,
            is_public=not self.not_public.data,
            document_id=self.document_id.data,
            assignment=self.assignment(),
            target={
                "value": self.target_value.data,
                "unit": self.target_unit.data,
                "year": self.target_year.data,
                "comparison": self.target_comparison.data,
            },
        )


class RecurrenceForm(VersionedForm):
    """How an item recurs; "does not recur" ends the recurrence."""

    every = SelectField(_l("Recurs"), default="")
    day = IntegerField(
        _l("Due on day"),
        default=15,
        validators=[Optional(), NumberRange(1, 31, _l("A day of the month, 1 to 31."))],
    )
    month = IntegerField(
        _l("Of month (within the period)"),
        default=1,
        description=_l("1: the period's first month; 3: a quarter's last; 6: a half-year's last."),
        validators=[Optional(), NumberRange(1, 12, _l("A month within the period, 1 to 12."))],
    )
    rule = SelectField(
        _l("When that day is a day off"),
        choices=[
            SelectChoice("before", _l("the working day before")),
            SelectChoice("after", _l("the working day after")),
        ],
    )
    until = DayField(_l("Ends on"), validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.every.choices = [("", _l("Does not recur")), *RECURRENCE_LABELS.items()]

    def recurrence(self) -> RecurrenceData:
        return RecurrenceData(
            every=self.every.data or None,
            day=self.day.data or 15,
            month=self.month.data or 1,
            rule=self.rule.data or "before",
            until=self.until.data,
        )
