"""The mails that carry a password link, sent at once.

They are sent when asked for, not through the outbox: the outbox holds the daily digests (one
per person per day, built by the sweep), and a person waiting at the screen for a link should
not wait for the next minute's delivery. A failure is told to the person who asked.
"""

from __future__ import annotations

import logging
import smtplib

from flask import current_app, render_template
from flask_babel import force_locale, gettext
from flask_mail import Message

from tracker.models import User
from tracker.outbox.mail import AUTO_HEADERS, Links, mail

log = logging.getLogger(__name__)
TEMPLATES = {"reset": "emails/password_reset", "invite": "emails/invitation"}


def send_link(user: User, purpose: str, token: str) -> bool:
    """Mail the link to the user in their language; False when the server refused it."""
    with force_locale(user.language):
        link = Links(current_app).url("passwords.reset", token=token)
        subject = (
            gettext("Set your password for the plan tracker")
            if purpose == "invite"
            else gettext("Reset your password for the plan tracker")
        )
        context = {"user": user, "link": link, "subject": subject}
        text = render_template(f"{TEMPLATES[purpose]}.txt", **context)
        html = render_template(f"{TEMPLATES[purpose]}.html", **context)
    if not current_app.config.get("MAIL_SERVER"):
        # A laptop without a mail server: the link goes to the console, where `make run` shows it.
        log.warning("Mail not sent (no MAIL_SERVER): to %s, %s\n%s", user.email, subject, text)
        return True
    message = Message(
        subject=subject,
        recipients=[user.email],
        body=text,
        html=html,
        sender=current_app.config["MAIL_DEFAULT_SENDER"],
        extra_headers=dict(AUTO_HEADERS),
    )
    try:
        mail.send(message)
    except (smtplib.SMTPException, OSError) as error:
        log.error("Password mail to %s failed: %s", user.email, error)
        return False
    return True
