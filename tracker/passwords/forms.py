"""Forms that ask for an email or a new password."""

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, PasswordField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from tracker.forms import TrackerForm

#: Any pass-phrase a password manager makes; the bound keeps huge input from the slow hashing.
_LONGEST = Length(max=1024, message=_l("The password is too long."))


def new_password_field():
    return PasswordField(
        _l("New password"),
        validators=[DataRequired(_l("Enter the new password.")), _LONGEST],
        description=_l("At least 10 characters; not a common password and not your email address."),
    )


def repeat_field():
    return PasswordField(
        _l("New password again"),
        validators=[
            DataRequired(_l("Enter the new password again.")),
            EqualTo("password", message=_l("The two passwords are not the same.")),
        ],
    )


class ForgotForm(TrackerForm):
    email = EmailField(
        _l("Email"),
        validators=[
            DataRequired(_l("Enter your email address.")),
            Email(_l("Enter a valid email address.")),
            Length(max=254, message=_l("The email address is too long.")),
        ],
    )
    submit = SubmitField(_l("Send me a link"))


class NewPasswordForm(TrackerForm):
    password = new_password_field()
    confirm = repeat_field()
    submit = SubmitField(_l("Set the password"))


class ChangePasswordForm(TrackerForm):
    current = PasswordField(
        _l("Current password"),
        validators=[DataRequired(_l("Enter your current password.")), _LONGEST],
    )
    password = new_password_field()
    confirm = repeat_field()
    submit = SubmitField(_l("Change the password"))
