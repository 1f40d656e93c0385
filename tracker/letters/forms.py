"""The form the office fills in before letters are generated: a number for each agency's
letter, its date and who signs."""

from flask_babel import lazy_gettext as _l
from wtforms import FieldList, StringField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from tracker.forms import DayField, TrackerForm
from tracker.letters.paper import Signature
from tracker.reports.forms import as_of_field, not_in_future


def _text(label, required: bool = True, default: str = ""):
    check = DataRequired(_l("This field is required.")) if required else Optional()
    return StringField(
        label,
        default=default,
        validators=[check, Length(max=120, message=_l("At most 120 characters."))],
        filters=[lambda value: value.strip() if isinstance(value, str) else value],
    )


class LetterForm(TrackerForm):
    """Numbers follow the selected agencies in order (the page lists one field per agency)."""

    as_of = as_of_field(_l("Overdue as of"))
    numbers = FieldList(
        StringField(
            _l("Number and symbol"),
            validators=[
                DataRequired(_l("Give the letter's number and symbol, e.g. 125/VP-TH.")),
                Length(max=60, message=_l("At most 60 characters.")),
            ],
            filters=[lambda value: value.strip() if isinstance(value, str) else value],
        ),
        min_entries=0,
    )
    issued_on = DayField(
        _l("Date of the letter"),
        validators=[DataRequired(_l("Give the letter's date.")), not_in_future],
    )
    authority = _text(_l("Signing on behalf of"), required=False, default="KT. CHÁNH VĂN PHÒNG")
    signer_title = _text(_l("Signer's title"), default="PHÓ CHÁNH VĂN PHÒNG")
    signer_name = _text(_l("Signer's name"))

    def validate_numbers(self, field):
        # Two letters under one number would be two papers the register cannot tell apart.
        seen: set[str] = set()
        twice = False
        for entry in field.entries:
            if entry.data and entry.data in seen:
                entry.errors = [*entry.errors, _l("Each letter needs a number of its own.")]
                twice = True
            seen.add(entry.data)
        if twice:
            raise ValidationError(_l("Each letter needs a number of its own."))

    def signature(self) -> Signature:
        return Signature(
            issued_on=self.issued_on.data,
            authority=self.authority.data or "",
            signer_title=self.signer_title.data,
            signer_name=self.signer_name.data,
        )
