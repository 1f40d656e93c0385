"""The office's reorganisation forms: one per kind of event, each with its day and reason;
the successor of each open item of a divided agency, and the people's fate, are chosen on the
preview (tracker.reorganisation.preview)."""

from __future__ import annotations

from flask import request
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from wtforms import (
    HiddenField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    Optional,
    Regexp,
    ValidationError,
)

from tracker.database import db
from tracker.formatting import format_date
from tracker.forms import DayField, TrackerForm
from tracker.labels import AGENCY_LEVEL_LABELS
from tracker.models import Agency
from tracker.reorganisation.actions import NewAgency
from tracker.reorganisation.events import EventRequest

CHOOSE = _l("Choose the agency.")
CODE = r"[A-Za-z0-9._-]{1,40}\Z"
PEOPLE = r"(move(:[A-Za-z0-9._-]{1,40})?|deactivate)\Z"
LEVELS = [SelectChoice(code, label) for code, label in AGENCY_LEVEL_LABELS.items()]
BAD_CODE = _l("Letters, digits, dots and dashes only.")


def agency_choices() -> list[SelectChoice]:
    """Every agency by name; one that has ended says since when (choosing it is refused with
    a clear message, not hidden)."""
    rows = db.session.execute(select(Agency.code, Agency.name, Agency.existing_until)
                              .order_by(Agency.name, Agency.code)).all()  # fmt: skip
    return [SelectChoice(code, f"{name} (≠ {format_date(until)})" if until else name)
            for code, name, until in rows]  # fmt: skip


class EventForm(TrackerForm):
    """What every event has: its day and its reason; the two steps' hidden state."""

    on = DayField(_l("Takes effect on"), validators=[InputRequired(_l("Give a date."))])
    note = TextAreaField(
        _l("Reason (the deciding document)"),
        validators=[
            DataRequired(_l("Give the reason.")),
            Length(max=2000, message=_l("The reason is too long (at most 2,000 characters).")),
        ],
    )
    fingerprint = HiddenField()
    #: "move:CODE" (to that successor) or "deactivate", chosen on the preview.
    people = HiddenField(default="move", validators=[Regexp(PEOPLE, message=_l("Choose one."))])

    kind = ""
    #: The fields holding agency choices, filled with every agency.
    agency_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = agency_choices()
        for name in self.agency_fields:
            empty = [SelectChoice("", _l("(choose)"))] if self[name].type == "SelectField" else []
            self[name].choices = empty + choices

    def preselect(self, code: str | None) -> None:
        """The agency the office came from (`?agency=`)."""

    def new_agency(self) -> NewAgency | None:
        return None

    def base(self) -> dict:
        people = self.people.data or "move"
        return {"kind": self.kind, "on": self.on.data, "note": self.note.data or "",
                "people": "deactivate" if people == "deactivate" else "move",
                "people_to": people.partition(":")[2] or None}  # fmt: skip


class OneAgencyForm(EventForm):
    agency = SelectField(_l("Agency"), validators=[DataRequired(CHOOSE)])

    def preselect(self, code: str | None) -> None:
        self.agency.data = code


class RenameForm(OneAgencyForm):
    kind = "rename"
    agency_fields = ("agency",)
    new_name = StringField(_l("New name"), validators=[
        DataRequired(_l("Give the agency's name.")),
        Length(max=200, message=_l("The name is too long.")),
    ])  # fmt: skip

    def event_request(self) -> EventRequest:
        return EventRequest(predecessors=(self.agency.data,), new_name=self.new_name.data,
                            **self.base())  # fmt: skip


class ReparentForm(OneAgencyForm):
    kind = "reparent"
    agency_fields = ("agency", "new_parent")
    new_parent = SelectField(_l("New parent"), validators=[DataRequired(CHOOSE)])

    def event_request(self) -> EventRequest:
        return EventRequest(predecessors=(self.agency.data,), new_parent=self.new_parent.data,
                            **self.base())  # fmt: skip


class MergeForm(EventForm):
    kind = "merge"
    agency_fields = ("predecessors", "successor")
    predecessors = SelectMultipleField(
        _l("Agencies merged"), validators=[DataRequired(_l("Choose the agencies merged."))]
    )
    successor = SelectField(_l("Into"),
                            description=_l("Leave empty to form a new agency below."))  # fmt: skip
    new_code = StringField(_l("Code of the new agency"), validators=[
        Optional(), Regexp(CODE, message=BAD_CODE)])  # fmt: skip
    new_name = StringField(_l("Name of the new agency"), validators=[
        Optional(), Length(max=200, message=_l("The name is too long."))])  # fmt: skip
    new_level = SelectField(_l("Level of the new agency"), default="department",
                            choices=LEVELS)  # fmt: skip

    def preselect(self, code: str | None) -> None:
        self.predecessors.data = [code] if code else []

    def validate_successor(self, field) -> None:
        # One successor: an existing agency, or a new one the event forms.
        if not field.data and not (self.new_code.data and self.new_name.data):
            raise ValidationError(
                _l("Choose the successor, or give the new agency's code and name.")
            )

    def new_agency(self) -> NewAgency | None:
        if self.successor.data:
            return None
        return NewAgency(self.new_code.data.strip().lower(), self.new_name.data.strip(),
                         self.new_level.data)  # fmt: skip

    def event_request(self) -> EventRequest:
        into = self.successor.data or (self.new_code.data or "").strip().lower()
        return EventRequest(predecessors=tuple(self.predecessors.data), successors=(into,),
                            **self.base())  # fmt: skip


class SplitForm(OneAgencyForm):
    """A division: each open item goes to the successor chosen for it, for its sector, or for
    all the others."""

    kind = "split"
    agency_fields = ("agency", "successors", "others_to")
    successors = SelectMultipleField(
        _l("Successors"), validators=[DataRequired(_l("Choose at least one successor."))]
    )
    others_to = SelectField(_l("Every other open item goes to"), validators=[Optional()])

    def event_request(self) -> EventRequest:
        return EventRequest(
            predecessors=(self.agency.data,), successors=tuple(self.successors.data),
            by_sector=_chosen("sector:"),
            by_item=_chosen("item:"),
            others_to=self.others_to.data or None, **self.base(),
        )  # fmt: skip


class DissolveForm(SplitForm):
    kind = "dissolve"


def _chosen(prefix: str) -> tuple[tuple[str, str], ...]:
    """The preview's choices `prefix` + code → successor code (empty: not chosen)."""
    return tuple(sorted((key[len(prefix):], value) for key, value in request.form.items()
                        if key.startswith(prefix) and value))  # fmt: skip


FORMS = {form.kind: form for form in (RenameForm, ReparentForm, MergeForm, SplitForm, DissolveForm)}
