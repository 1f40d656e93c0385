"""The reminder policy the office edits, and the day of the sweep to preview."""

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, StringField
from wtforms.validators import InputRequired, NumberRange, Optional, ValidationError

from tracker.domain.reminders import ReminderPolicy
from tracker.forms import DayField, TrackerForm
from tracker.reminders.policy import format_offsets, parse_offsets


class PolicyForm(TrackerForm):
    before = StringField(
        _l("Remind before the deadline (working days)"),
        validators=[InputRequired(_l("Give at least one number of working days."))],
        description=_l("Comma-separated, e.g. 7, 3, 1, 0 — 0 is the day of the deadline."),
    )
    overdue_every = IntegerField(
        _l("Repeat overdue reminders every (working days)"),
        validators=[
            InputRequired(_l("Give a number of working days.")),
            NumberRange(1, 60, _l("Between 1 and 60 working days.")),
        ],
    )
    office_after = IntegerField(
        _l("Escalate to the provincial office after (working days overdue)"),
        validators=[
            InputRequired(_l("Give a number of working days.")),
            NumberRange(1, 250, _l("Between 1 and 250 working days.")),
        ],
    )
    leader_after_days = IntegerField(
        _l("Escalate to the leader in charge after (days overdue)"),
        validators=[
            InputRequired(_l("Give a number of days.")),
            NumberRange(1, 365, _l("Between 1 and 365 days.")),
        ],
    )
    urgent_from = IntegerField(
        _l("Remind urgent items every working day from (working days before the deadline)"),
        validators=[
            InputRequired(_l("Give a number of working days.")),
            NumberRange(0, 60, _l("Between 0 and 60 working days.")),
        ],
        description=_l("Never earlier than the first reminder of other items."),
    )
    urgent_overdue_every = IntegerField(
        _l("Repeat overdue reminders of urgent items every (working days)"),
        validators=[
            InputRequired(_l("Give a number of working days.")),
            NumberRange(1, 60, _l("Between 1 and 60 working days.")),
        ],
    )

    def validate_before(self, field) -> None:
        """Whole numbers from 0 to 60, separated by commas (the domain rejects the rest)."""
        try:
            offsets = parse_offsets(field.data or "")
            ReminderPolicy(before=offsets)
        except ValueError as error:
            raise ValidationError(
                _l("Write whole numbers from 0 to 60 separated by commas, e.g. 7, 3, 1, 0.")
            ) from error

    def fill(self, policy: ReminderPolicy) -> None:
        self.before.data = format_offsets(policy.before)
        self.overdue_every.data = policy.overdue_every
        self.office_after.data = policy.office_after
        self.leader_after_days.data = policy.leader_after_days
        self.urgent_from.data = policy.urgent_from
        self.urgent_overdue_every.data = policy.urgent_overdue_every

    def policy(self) -> ReminderPolicy:
        return ReminderPolicy(
            before=parse_offsets(self.before.data),
            overdue_every=self.overdue_every.data,
            office_after=self.office_after.data,
            leader_after_days=self.leader_after_days.data,
            urgent_from=self.urgent_from.data,
            urgent_overdue_every=self.urgent_overdue_every.data,
        )


class PreviewForm(TrackerForm):
    """The day to preview (by default the next working day)."""

    class Meta:
        csrf = False

    day = DayField(_l("Sweep of"), validators=[Optional()])
