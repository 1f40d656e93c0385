"""Sign-in by session (web) or bearer token (API)."""

import hashlib
import secrets
from functools import cache

from flask import Flask, Request, request
from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload

from tracker.accounts import throttle
from tracker.accounts.sessions import key_hash, split_id
from tracker.database import db
from tracker.models import User, UserSession
from tracker.security import csrf, limiter, login


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_api_token(user: User) -> str:
    """Give the user a fresh API token (the old one stops working) and return it once."""
    token = secrets.token_urlsafe(32)
    user.api_token_hash = hash_token(token)
    return token


# Every page's header names the user's agency: read it with the user, not in a second query.
_WITH_AGENCY = (joinedload(User.agency),)


def load_user(user_id: str) -> User | None:
    # A request that carries a token is judged by its token alone: a session cookie riding
    # along must not stand in for a bad token, nor let it past the API's CSRF check. (Flask-
    # Login asks here for the remember-me cookie too, and then never asks the request loader.)
    if bearer_token(request) is not None:
        return load_user_from_request(request)
    # The cookie names a session as well as a user: a session that was ended (signed out
    # elsewhere, a password reset) loads nobody, whatever cookie still carries it.
    parts = split_id(user_id)
    if parts is None:
        return None
    number, key = parts
    user = db.session.scalar(_user_by_session(), {"user_id": number, "key_hash": key_hash(key)})
    if user is None or not user.active:
        return None
    user.session_key = key
    return user


def load_user_from_request(request: Request) -> User | None:
    """API clients send `Authorization: Bearer <token>`; the browser uses the session."""
    token = bearer_token(request)
    if token is None:
        return None
    token_hash = hash_token(token)
    user = db.session.scalar(_user_by_token(), {"token_hash": token_hash})
    return user if user is not None and user.active else None


def bearer_token(request: Request) -> str | None:
    """The API token of `Authorization: Bearer <token>`, if the request carries one."""
    header = request.headers.get("Authorization", "")
    return header.removeprefix("Bearer ").strip() if header.startswith("Bearer ") else None


# Built once per process: API clients send a token with every request.
@cache
def _user_by_token():
    token_hash = bindparam("token_hash")
    return select(User).options(*_WITH_AGENCY).where(User.api_token_hash == token_hash)


@cache
def _user_by_session():
    return (
        select(User)
        .options(*_WITH_AGENCY)
        .join(UserSession, UserSession.user_id == User.id)
        .where(
            User.id == bindparam("user_id"),
            UserSession.key_hash == bindparam("key_hash"),
            UserSession.revoked_at.is_(None),
        )
    )


def init_app(app: Flask) -> None:
    """Sessions and tokens, CSRF on every form, and the sign-in rate limits."""
    login.init_app(app)
    login.login_view = "accounts.login"
    login.login_message = None  # the login page itself says why
    login.user_loader(load_user)
    login.request_loader(load_user_from_request)
    csrf.init_app(app)
    limiter.init_app(app)
    throttle.limits_of(app.config)  # a malformed limit stops the start, not a sign-in
