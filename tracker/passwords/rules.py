"""What a password a person chooses must be: long enough, not a common one, not their email.

The rules apply when a person sets a password (reset, invitation, change); the demo accounts'
`demo1234`, set by the seed, is not checked.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from flask_babel import gettext as _

MIN_LENGTH = 10
COMMON_LIST = Path(__file__).with_name("common-passwords.txt")


@cache
def common_passwords() -> frozenset[str]:
    lines = COMMON_LIST.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def password_problems(password: str, email: str) -> list[str]:
    """What is wrong with `password` as a new password for the person with `email`."""
    problems = []
    if len(password) < MIN_LENGTH:
        problems.append(_("Use at least %(num)d characters.", num=MIN_LENGTH))
    lowered = password.strip().lower()
    if lowered in common_passwords():
        problems.append(_("This password is too common: choose another."))
    address = email.strip().lower()
    if address and (lowered == address or lowered == address.split("@")[0]):
        problems.append(_("The password must not be your email address."))
    return problems
