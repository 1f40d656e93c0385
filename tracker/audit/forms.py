"""The audit log's filter."""

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectChoice, SelectField
from wtforms.validators import NumberRange, Optional, ValidationError

from tracker.audit.queries import AuditFilters
from tracker.forms import PICKER, DayField, TrackerForm
from tracker.labels import AUDIT_SUBJECT_LABELS
from tracker.pickers import Pick, offer_people


class AuditFilterForm(TrackerForm):
    class Meta:
        csrf = False  # a GET filter changes nothing

    actor = SelectField(_l("Who"), default="", render_kw=PICKER)
    what = SelectField(
        _l("What"),
        default="",
        choices=[
            SelectChoice("", _l("Everything")),
            *(SelectChoice(code, label) for code, label in AUDIT_SUBJECT_LABELS.items()),
        ],
    )
    subject = IntegerField(
        _l("Row"),
        validators=[Optional(), NumberRange(1, 2**31 - 1, _l("There is no such row."))],
    )
    since = DayField(_l("From"), validators=[Optional()])
    until = DayField(_l("To"), validators=[Optional()])
    page = IntegerField(
        _l("Page"),
        default=1,
        validators=[Optional(), NumberRange(1, 100_000, _l("There is no such page."))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_people(self.actor, Pick.ANYONE, SelectChoice("", _l("Anyone")))

    def validate_until(self, field) -> None:
        if field.data and self.since.data and field.data < self.since.data:
            raise ValidationError(_l("The end comes before the start."))

    def filters(self) -> AuditFilters:
        return AuditFilters(
            actor_id=int(self.actor.data) if self.actor.data else None,
            subject_type=self.what.data or None,
            subject_id=self.subject.data,
            since=self.since.data,
            until=self.until.data,
        )
