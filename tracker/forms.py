"""The base of every form: WTForms' own messages go through the tracker's catalog.

WTForms ships no Vietnamese; routing its messages through Flask-Babel lets the tracker's
catalog translate them, alongside the explicit messages each form gives its validators.
"""

from flask_babel import get_translations
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm


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


# WTForms' built-in messages that tracker forms can show, marked here for extraction.
WTFORMS_MESSAGES = (
    _l("Not a valid choice."),
    _l("Not a valid date value."),
    _l("Not a valid integer value."),
    _l("Not a valid decimal value."),
    _l("This field is required."),
    _l("Invalid email address."),
    _l("The CSRF token is missing."),
    _l("The CSRF token is invalid."),
    _l("The CSRF token has expired."),
)
