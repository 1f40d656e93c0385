"""What a person changes about themselves."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectChoice, SelectField, SelectMultipleField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from tracker.forms import DayField, TrackerForm
from tracker.labels import MAIL_PREFERENCE_LABELS, NOTIFICATION_LABELS


class ProfileForm(TrackerForm):
    name = StringField(
        _l("Full name"),
        validators=[
            DataRequired(_l("Give your name.")),
            Length(max=120, message=_l("The name is too long.")),
        ],
    )
    phone = StringField(
        _l("Phone"), validators=[Length(max=40, message=_l("The phone number is too long."))]
    )
    title = StringField(
        _l("Title"), validators=[Length(max=120, message=_l("The title is too long."))]
    )
    language = SelectField(
        _l("Language"), choices=[SelectChoice("vi", "Tiếng Việt"), SelectChoice("en", "English")]
    )
    leave_from = DayField(
        _l("On leave from"),
        validators=[Optional()],
        description=_l(
            "While you are away your reminders go to your agency's head (a head's, to the "
            "agency's other heads, its deputies), and the list of people shows that you are away."
        ),
    )
    leave_until = DayField(_l("On leave until"), validators=[Optional()])
    notify_mail = SelectField(
        _l("Mail me what happens to my work"),
        choices=[SelectChoice(code, label) for code, label in MAIL_PREFERENCE_LABELS.items()],
        description=_l(
            "Assignments, submissions, confirmations, returns, extensions, comments and "
            "mentions: always in the tracker's notifications, and by mail as chosen here."
        ),
    )
    digest_hour = SelectField(
        _l("My daily digest comes"),
        choices=[SelectChoice("", _l("With the morning's reminders"))]
        + [SelectChoice(str(hour), f"{hour:02d}:00") for hour in range(7, 19)],
        default="",
        coerce=lambda value: "" if value is None else str(value),
        validators=[Optional()],
        description=_l("Never before the morning's reminders are made."),
    )
    mail_muted_events = SelectMultipleField(
        _l("Do not mail me these events"),
        choices=[SelectChoice(event, label) for event, label in NOTIFICATION_LABELS.items()],
        validators=[Optional()],
        description=_l("They still appear in my notifications."),
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )
    submit = SubmitField(_l("Save"))

    def validate(self, extra_validators=None) -> bool:
        """The fields, then the leave as a whole: both ends, in order (half a range would
        pause reminders forever)."""
        valid = super().validate(extra_validators)
        start, end = self.leave_from.data, self.leave_until.data
        if valid and bool(start) != bool(end):
            self.leave_until.errors = [_l("Give both days of the leave, or neither.")]
            return False
        if valid and end and end < start:
            self.leave_until.errors = [_l("The leave ends before it starts.")]
            return False
        return valid
