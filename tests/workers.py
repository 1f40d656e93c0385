"""Another web worker in a test: a second application on the test's database, with its own
memory and the same data, and the SQL statements an application runs."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event

from tests.conftest import IsolatedClient, base_config, sign_in
from tracker import create_app
from tracker.database import db


@contextmanager
def another_worker(database_url: str, email: str) -> Iterator[tuple[Flask, FlaskClient]]:
    """Another application on the same database (another process's memory), and a client of it
    signed in as `email`."""
    other = create_app(base_config(database_url))
    other.test_client_class = IsolatedClient
    client = other.test_client()
    assert sign_in(client, email).status_code == 302
    try:
        yield other, client
    finally:
        with other.app_context():
            db.engine.dispose()


@contextmanager
def statements_of(app: Flask) -> Iterator[list[str]]:
    """The SQL statements `app` runs meanwhile."""
    seen: list[str] = []

    def record(_conn, _cursor, statement, *_args):
        seen.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)
