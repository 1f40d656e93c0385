"""What the administrator does to people's accounts. Each use case checks, writes, commits; a
refusal writes nothing. Every change lands in the audit log through its listener."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select

from tracker.accounts import sessions
from tracker.accounts.actions import find_user
from tracker.audit.trail import record
from tracker.database import db
from tracker.models import Agency, Role, User
from tracker.models.org import AGENCY_ROLES
from tracker.passwords import tokens
from tracker.passwords.mail import send_link
from tracker.permissions import can_manage_users
from tracker.refusals import Invalid, NotAllowed


@dataclass
class Person:
    """What the administrator types about a person (the form and the API give the same)."""

    name: str
    email: str
    role: str
    agency_code: str | None = None
    phone: str | None = None
    title: str | None = None


def require_admin(by: User) -> None:
    if not can_manage_users(by):
        raise NotAllowed(_("Only the administrator manages people's accounts."))


def _agency(code: str | None) -> Agency | None:
    if not code:
        return None
    agency = db.session.scalar(select(Agency).where(Agency.code == code.strip()))
    if agency is None:
        raise Invalid(_("There is no agency with the code %(code)s.", code=code),
                      {"agency": [_("Unknown agency.")]})  # fmt: skip
    return agency


def _validate(person: Person, editing: User | None = None) -> Agency | None:
    if person.role not in {role.value for role in Role}:
        raise Invalid(_("There is no role %(role)s.", role=person.role),
                      {"role": [_("Unknown role.")]})  # fmt: skip
    agency = _agency(person.agency_code)
    if person.role in AGENCY_ROLES and agency is None:
        raise Invalid(_("A head or focal officer belongs to an agency: choose it."),
                      {"agency": [_("Choose the agency.")]})  # fmt: skip
    existing = find_user(person.email)
    if existing is not None and existing is not editing:
        raise Invalid(_("Another account already uses %(email)s.", email=person.email),
                      {"email": [_("This email is already used.")]})  # fmt: skip
    return agency


def _fill(user: User, person: Person, agency: Agency | None) -> None:
    user.name = person.name.strip()
    user.email = person.email.strip().lower()
    user.role = person.role
    user.agency = agency
    user.phone = (person.phone or "").strip() or None
    user.title = (person.title or "").strip() or None


def add_user(by: User, person: Person) -> User:
    """A new account, with no password until the person follows their invitation."""
    agency = _validate(person)
    user = User()
    _fill(user, person, agency)
    user.set_password(secrets.token_urlsafe(32))  # nobody knows it: the invitation sets one
    db.session.add(user)
    return user


def create_user(by: User, person: Person, *, invite: bool = True) -> User:
    require_admin(by)
    user = add_user(by, person)
    db.session.flush()
    token = tokens.issue(user, tokens.INVITE) if invite else None
    if invite:
        record("invitation_sent", user.id)
    db.session.commit()
    if token:
        send_link(user, tokens.INVITE, token)
    return user


def _admins_left(excluding: User) -> int:
    return db.session.scalar(
        select(func.count()).where(User.role == Role.ADMIN, User.active, User.id != excluding.id)
    )


def update_user(by: User, user: User, person: Person) -> None:
    require_admin(by)
    if user.id == by.id and person.role != user.role:
        raise NotAllowed(_("You cannot change your own role: ask another administrator."))
    if user.role == Role.ADMIN and person.role != Role.ADMIN and not _admins_left(user):
        raise Invalid(_("This is the last administrator: make someone else one first."),
                      {"role": [_("The last administrator keeps this role.")]})  # fmt: skip
    agency = _validate(person, editing=user)
    _fill(user, person, agency)
    db.session.commit()


def deactivate(by: User, user: User) -> None:
    """The person can no longer sign in and gets no mail; their history stays."""
    require_admin(by)
    if user.id == by.id:
        raise NotAllowed(_("You cannot deactivate your own account."))
    if user.role == Role.ADMIN and not _admins_left(user):
        raise Invalid(_("This is the last administrator: make someone else one first."))
    user.active = False
    user.api_token_hash = None
    sessions.end_all(user.id)
    db.session.commit()


def reactivate(by: User, user: User) -> None:
    require_admin(by)
    user.active = True
    db.session.commit()


def invite(by: User, user: User) -> bool:
    """Mail the person a link to set their password; False when the mail server refused it."""
    require_admin(by)
    if not user.active:
        raise Invalid(_("Reactivate the account before inviting the person."))
    token = tokens.issue(user, tokens.INVITE)
    record("invitation_sent", user.id)
    db.session.commit()
    return send_link(user, tokens.INVITE, token)
