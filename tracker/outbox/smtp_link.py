"""The SMTP side of delivery: one connection per run, replies that cannot hang the scheduler,
and a server's refusal put into words for the outbox page."""

from __future__ import annotations

import logging
import smtplib

from flask import current_app

from tracker.outbox.mail import mail

log = logging.getLogger(__name__)


class SmtpLink:
    """One SMTP connection for the whole run, opened when first needed and again after a break:
    greeting the server once per mail, or even per batch, would cost more than the mail."""

    def __init__(self) -> None:
        self._connection = None

    def open(self):
        if self._connection is None:
            connection = mail.connect()
            connection.__enter__()  # connects (Flask-Mail's own way, honouring MAIL_SUPPRESS_SEND)
            limit_waiting(connection)
            self._connection = connection
        return self._connection

    def drop(self) -> None:
        """Forget a broken connection without saying goodbye to a server that has gone."""
        if self._connection is not None and self._connection.host is not None:
            self._connection.host.close()
        self._connection = None

    def __enter__(self) -> SmtpLink:
        return self

    def __exit__(self, *_exc) -> None:
        if self._connection is None:
            return
        try:
            self._connection.__exit__(None, None, None)  # QUIT
        except (smtplib.SMTPException, OSError):
            log.info("The SMTP server hung up before QUIT; every mail was already recorded")
        self._connection = None


def limit_waiting(connection) -> None:
    """A hung server must not hang the scheduler: time out each reply (Flask-Mail cannot)."""
    if connection.host is not None and connection.host.sock is not None:
        connection.host.sock.settimeout(current_app.config["MAIL_TIMEOUT"])


def describe_error(error: Exception) -> str:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "; ".join(
            f"{address}: {code} {reply.decode(errors='replace')}"
            for address, (code, reply) in error.recipients.items()
        )
    if isinstance(error, smtplib.SMTPResponseException):
        reply = error.smtp_error
        text = reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)
        return f"{error.smtp_code} {text}"
    return f"{type(error).__name__}: {error}"
