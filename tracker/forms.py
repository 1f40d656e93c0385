"""The base of every form: WTForms' own messages go through the tracker's catalog.

WTForms ships no Vietnamese; routing its messages through Flask-Babel lets the tracker's
catalog translate them, alongside the explicit messages each form gives its validators.
"""

from datetime import date
from decimal import Decimal, Overflow

from flask_babel import get_translations, lazy_ngettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, DecimalField, HiddenField, IntegerField
from wtforms.validators import InputRequired, Length, StopValidation

from tracker.models.measurements import CENT, VALUE_LIMIT

#: The dates any form accepts: a plan's deadlines and records fall within this century; a date
#: outside it is a typing mistake (and near year 9999 a date cannot even be moved by a day).
EARLIEST_DAY, LATEST_DAY = date(2000, 1, 1), date(2100, 12, 31)

#: Said of a number that the database could not keep (the bounds are VALUE_LIMIT less a cent).
NUMBER_OUT_OF_RANGE = _l(
    "Not a valid number. Give a number between -999,999,999,999.99 and 999,999,999,999.99."
)


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
    """A decimal number as the database keeps it: rounded to hundredths, less than VALUE_LIMIT
    in size (Numeric(14, 2)). Decimal also parses "NaN", "sNaN" and "Infinity", and numbers
    such as 1e26 that cannot be rounded to hundredths in its 28 digits, or 1e99999999999999999
    that overflow its exponent: none is a number here, and none may reach an arithmetic."""

    def process_formdata(self, valuelist) -> None:
        if not valuelist:
            return
        self.data = None
        if not valuelist[0].strip():  # a browser sends the empty field: no number given
            return
        try:
            number = Decimal(valuelist[0])
        except Overflow:
            number = Decimal("Infinity")
        except (ArithmeticError, ValueError, TypeError) as error:
            raise ValueError(self.gettext("Not a valid decimal value.")) from error
        self.data = _as_stored(number)
        if self.data is None:
            raise ValueError(str(NUMBER_OUT_OF_RANGE))

    def pre_validate(self, form) -> None:
        """A number refused as out of range is not also checked by the field's own range."""
        if self.process_errors:
            raise StopValidation()


def _as_stored(number: Decimal) -> Decimal | None:
    """The number rounded to hundredths if it is below VALUE_LIMIT in size, else None. Its size
    is read from its exponent first: arithmetic on 1e26 or 1E+999999999 raises (it needs more
    digits or a larger exponent than the decimal context has)."""
    if not number.is_finite():
        return None
    if not number.is_zero() and number.adjusted() >= VALUE_LIMIT.adjusted():
        return None
    stored = number.quantize(CENT)  # at most 14 digits now
    return stored if abs(stored) < VALUE_LIMIT else None


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


#: A <select> of agencies or people becomes a searchable picker (tracker.js): grouped by
#: agency, found by a few letters typed without diacritics.
PICKER = {"data-picker": ""}
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
