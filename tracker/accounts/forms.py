"""Sign-in form."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SubmitField
from wtforms.validators import DataRequired, Email, Length, Regexp


class LoginForm(FlaskForm):
    email = EmailField(
        _l("Email"),
        validators=[
            DataRequired(_l("Enter your email address.")),
            Email(_l("Enter a valid email address.")),
            Length(max=254, message=_l("The email address is too long.")),
        ],
    )
    password = PasswordField(
        _l("Password"),
        validators=[
            DataRequired(_l("Enter your password.")),
            # Long enough for any pass-phrase a password manager makes; the bound keeps a
            # megabyte-long "password" away from the deliberately slow hashing.
            Length(max=1024, message=_l("The password is too long.")),
            # No keyboard types a NUL: it comes from a script probing how the text is handled.
            Regexp(
                r"[^\x00]*\Z", message=_l("The password contains a character that is not allowed.")
            ),
        ],
    )
    remember = BooleanField(_l("Keep me signed in"))
    submit = SubmitField(_l("Sign in"))
