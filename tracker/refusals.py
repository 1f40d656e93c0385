"""What a use case says when it will not do what it was asked; views and the API show it.

Each error carries a message already translated into the reader's language and the HTTP
status that fits it, so the web page and the JSON API answer alike.
"""

from __future__ import annotations


class ServiceError(Exception):
    """A refused request: nothing was written."""

    status = 400

    def __init__(self, message: str, errors: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        #: Field name → messages, when the fault is in particular fields of the input.
        self.errors = errors or {}


class Invalid(ServiceError):
    """The input breaks a rule (e.g. a submission without report or evidence)."""

    status = 400


class NotAllowed(ServiceError):
    """The user's role or agency does not allow this."""

    status = 403


class NotFound(ServiceError):
    """No such item (or one the user may not see: the two are not told apart)."""

    status = 404


class Conflict(ServiceError):
    """The item's state does not allow this now (e.g. confirming an item not submitted)."""

    status = 409


class StaleItem(Conflict):
    """Someone changed the item since the form was opened."""


class TooLarge(ServiceError):
    """An upload over the size limit."""

    status = 413
