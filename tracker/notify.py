"""Outgoing mail."""

from flask import Flask

from tracker.extensions import mail


def init_app(app: Flask) -> None:
    mail.init_app(app)
