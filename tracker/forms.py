"""The base of every form: WTForms' own messages go through the tracker's catalog.

WTForms ships no Vietnamese; routing its messages through Flask-Babel lets the tracker's
catalog translate them, alongside the explicit messages each form gives its validators.
"""

from datetime import date

from flask_babel import get_translations, lazy_ngettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, DecimalField, HiddenField, IntegerField
from wtforms.validators import InputRequired, Length, StopValidation

from tracker.models.measurements import CENT, VALUE_LIMIT

#: The dates any form accepts: a plan's deadlines and records fall within this century; a date
#: outside it is a typing mistake (and near year 9999 a date cannot even be moved by a day).
EARLIEST_DAY, LATEST_DAY = date(2000, 1, 1), date(2100, 12, 31)


class _CatalogTranslations:
    """The gettext interface WTForms expects, backed by the current request's catalog."""

    def gettext(self, string: str) -> str:
        return get_translations().ugettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return get_translations().ungettext(singular, plural, n)


class TrackerForm(FlaskForm):
    class Meta:
        def get_translations(self, form):
            return _CatalogTranslations()

    def validate(self, extra_validators=None) -> bool:
        """The fields' own checks, and no NUL character in any text: PostgreSQL cannot store
        one, and no person types it."""
        valid = super().validate(extra_validators)
        for field in self:
            if any(isinstance(value, str) and "\x00" in value for value in field.raw_data or ()):
                field.errors = [*field.errors, _l("Remove the control characters from this text.")]
                valid = False
        return valid


class DayField(DateField):
    """A date as every form takes it: YYYY-MM-DD, between EARLIEST_DAY and LATEST_DAY."""

    def pre_validate(self, form) -> None:
        if self.data is not None and not EARLIEST_DAY <= self.data <= LATEST_DAY:
            raise StopValidation(_l("Give a date between 01/01/2000 and 31/12/2100."))


class NumberField(DecimalField):
    """A decimal number as the database keeps it: rounded to hundredths, less than 10**12 in
    size (Numeric(14, 2)). Decimal also parses "NaN", "sNaN" and "Infinity": not numbers here."""

    def process_formdata(self, valuelist) -> None:
        super().process_formdata(valuelist)
        if self.data is None:
            return
        stored = self.data.quantize(CENT) if self.data.is_finite() else None
        if stored is None or abs(stored) >= VALUE_LIMIT:
            self.data = None
            raise ValueError(self.gettext("Not a valid decimal value."))
        self.data = stored


# WTForms' built-in messages that tracker forms can show, marked here for extraction.
WTFORMS_MESSAGES = (
    _l("Not a valid choice."),
    _l("Invalid Choice: could not coerce."),
    _l("Invalid choice(s): one or more data inputs could not be coerced."),
    lazy_ngettext(
        "'%(value)s' is not a valid choice for this field.",
        "'%(value)s' are not valid choices for this field.",
        1,
    ),
    _l("Not a valid date value."),
    _l("Not a valid integer value."),
    _l("Not a valid decimal value."),
    _l("This field is required."),
    _l("Invalid email address."),
    _l("The CSRF token is missing."),
    _l("The CSRF token is invalid."),
    _l("The CSRF token has expired."),
)


TEXT_LIMIT = 10_000
REPORT_TEXT = Length(
    max=TEXT_LIMIT, message=_l("The text is too long (at most 10,000 characters).")
)
REASON_TEXT = Length(max=2000, message=_l("The reason is too long (at most 2,000 characters)."))


class VersionedForm(TrackerForm):
    """A form about an item carries the version of the item it was opened on."""

    version = IntegerField(
        widget=HiddenField.widget,
        validators=[InputRequired(_l("The form is incomplete: reload the page."))],
    )
