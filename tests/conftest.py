"""Fixtures shared by every test: an app on a fresh copy of a seeded database, clients, factories.

The plan and the demo accounts are loaded once per session into a template database (a SQLite
file, or a PostgreSQL template database when TRACKER_TEST_DATABASE_URL is set); each test gets
its own copy, so tests can commit freely and never see each other's writes.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import settings
from sqlalchemy import create_engine, text, update
from sqlalchemy.engine import make_url

from tracker import create_app
from tracker.database import db
from tracker.models import Agency

# CI draws every property test's examples from a seed derived from the test's name: a build
# passes or fails on its code, not on the draw. Elsewhere each run draws new examples (and
# `make fuzz` many more), so what the fixed seed never draws is still looked for.
settings.register_profile("ci", derandomize=True, database=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

#: Tests live on a fixed morning, 09:00 in Vietnam, so the demo history never drifts.
TEST_NOW = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)
TEST_TODAY = date(2026, 11, 25)
PASSWORD = "demo1234"
PG_URL = os.environ.get("TRACKER_TEST_DATABASE_URL")
_counter = itertools.count()


def base_config(database_url: str) -> dict:
    """A test config in which sending real mail by accident is impossible."""
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        # A sign-in checks the password: 0.1 s of scrypt, thousands of times over the suite.
        # (tests/hardening/test_password_hashing.py checks that the real setting is scrypt.)
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1",
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": 9,  # discard: nothing listens there
        "MAIL_SUPPRESS_SEND": True,
        "CLOCK": lambda: TEST_NOW,
        "BASE_URL": "http://tracker.test",
        "SERVER_NAME": None,
    }


def _admin(*statements: str) -> None:
    """Run statements on the PostgreSQL server outside a transaction (CREATE/DROP DATABASE)."""
    engine = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        for statement in statements:
            conn.execute(text(statement))
    engine.dispose()


def _pg_database_url(name: str) -> str:
    return make_url(PG_URL).set(database=name).render_as_string(hide_password=False)


def _build_template(url: str) -> None:
    """Create the schema and load the plan and the demo data into a new database."""
    from tracker.seeding.demo import load_demo
    from tracker.seeding.plan import load_plan

    app = create_app(base_config(url))
    with app.app_context():
        db.create_all()
        load_plan()
        load_demo(TEST_TODAY)
        # Most tests follow a submission straight to the office; those of the approval inside
        # the agency (tests/review) turn it on for the agency they use.
        db.session.execute(update(Agency).values(internal_review=False))
        db.session.commit()
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(scope="session")
def template_database(tmp_path_factory) -> Iterator[str]:
    if PG_URL:
        name = f"tracker_template_{os.getpid()}"
        _admin(f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"')
        _build_template(_pg_database_url(name))
        yield name
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        path = tmp_path_factory.mktemp("template") / "template.sqlite"
        _build_template(f"sqlite:///{path}")
        yield str(path)


@pytest.fixture
def database_url(template_database: str, tmp_path) -> Iterator[str]:
    """A private copy of the seeded template database for one test."""
    if PG_URL:
        name = f"tracker_test_{os.getpid()}_{next(_counter)}"
        _admin(f'CREATE DATABASE "{name}" TEMPLATE "{template_database}"')
        yield _pg_database_url(name)
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        path = tmp_path / "tracker.sqlite"
        shutil.copy(template_database, path)
        yield f"sqlite:///{path}"


@pytest.fixture
def today() -> date:
    """The date tests live on (the app's clock says so too)."""
    return TEST_TODAY


@pytest.fixture
def config_overrides() -> dict:
    """Override in a test module to change the app's configuration."""
    return {}


class IsolatedClient(FlaskClient):
    """A test client whose every request runs in its own application context, as in production.

    The test body keeps its own context (and session) for setting up and checking data; without
    this, requests would share its `g` — and with it Flask-Login's and Flask-Babel's per-request
    caches. The test's session is committed before each request (so the request sees the setup)
    and after it (so the test then sees what the request wrote).
    """

    def open(self, *args, **kwargs):
        db.session.commit()
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        db.session.commit()
        return response


@pytest.fixture
def app(database_url: str, config_overrides: dict) -> Iterator[Flask]:
    app = create_app({**base_config(database_url), **config_overrides})
    app.test_client_class = IsolatedClient
    with app.app_context():
        yield app
        db.session.remove()
        for engine in db.engines.values():  # the primary, and a replica if the test has one
            engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask):
    return app.test_cli_runner()


def sign_in(client: FlaskClient, email: str, password: str = PASSWORD):
    return client.post("/login", data={"email": email, "password": password})


@pytest.fixture
def login(app: Flask) -> Callable[[str], FlaskClient]:
    """login("office@tracker.demo") -> a client signed in as that demo user."""

    def make(email: str) -> FlaskClient:
        client = app.test_client()
        response = sign_in(client, email)
        assert response.status_code == 302, f"could not sign in as {email}"
        return client

    return make


@pytest.fixture
def item_by_code(app: Flask):
    """item_by_code("NV-LV-01") -> the WorkItem of Plan 59 with that code."""
    from sqlalchemy import select

    from tracker.models import WorkItem

    def find(code: str):
        return db.session.scalar(select(WorkItem).where(WorkItem.code == code))

    return find


@pytest.fixture
def user_by_email(app: Flask):
    from tracker.accounts.actions import find_user

    return find_user
