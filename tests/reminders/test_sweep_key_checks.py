"""The sweep writes its notices without checking their keys again (each is joined from its
item, person and digest under the sweep's lock): SQLite turns the checks off for the sweep's
connection, PostgreSQL skips its row triggers where the database role may say so. A role
without that right keeps every check, and the sweep still works."""

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import create_engine, func, insert, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

from tests.conftest import base_config
from tracker import create_app
from tracker.database import db, row_triggers_skipped
from tracker.models import Digest, Notice
from tracker.reminders.sweep import sweep

#: A PostgreSQL role that may sign in and write, but not set session_replication_role.
PLAIN_ROLE = "tracker_test_plain"


def _orphan_notice(digest_id: int) -> dict:
    """A notice whose item and person do not exist: only a key check can refuse it."""
    return {
        "item_id": 987_654,
        "recipient_id": 987_654,
        "rule": "overdue",
        "period": "#1",
        "deadline": date(2026, 11, 20),
        "digest_id": digest_id,
    }


def _replication_role(connection) -> str:
    return connection.exec_driver_sql("SHOW session_replication_role").scalar()


def test_the_block_skips_the_key_checks_where_it_may_and_restores_them(app, today):
    sweep(today)
    digest_id = db.session.scalar(select(func.min(Digest.id)))
    connection = db.session.connection()
    with row_triggers_skipped(connection) as skipped:
        if connection.dialect.name == "postgresql":  # the tests' role is a superuser
            assert skipped and _replication_role(connection) == "replica"
            connection.execute(insert(Notice).values(_orphan_notice(digest_id)))
        else:  # SQLite: the sweep's own connection-wide switch (`suspend_foreign_keys`)
            assert not skipped
    if connection.dialect.name == "postgresql":
        assert _replication_role(connection) == "origin"
    db.session.rollback()
    # Outside the block, the same row is refused.
    with pytest.raises(IntegrityError):
        db.session.execute(insert(Notice).values(_orphan_notice(digest_id)))
        db.session.flush()
    db.session.rollback()


@pytest.fixture
def plain_role_url(database_url: str) -> Iterator[str]:
    """The test database reached as a role without the right (PostgreSQL only)."""
    if make_url(database_url).get_backend_name() != "postgresql":
        yield database_url
        return
    admin = create_engine(database_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        # Roles belong to the server, not to the test's database: tests in parallel may both
        # find it missing.
        connection.execute(
            text(
                f"DO $$ BEGIN CREATE ROLE {PLAIN_ROLE} LOGIN; "
                "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$"
            )
        )
        database = make_url(database_url).database
        connection.execute(text(f'GRANT ALL ON DATABASE "{database}" TO {PLAIN_ROLE}'))
        connection.execute(text(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {PLAIN_ROLE}"))
        connection.execute(text(f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {PLAIN_ROLE}"))
        connection.execute(text(f"GRANT CREATE ON SCHEMA public TO {PLAIN_ROLE}"))
    admin.dispose()
    yield make_url(database_url).set(username=PLAIN_ROLE).render_as_string(hide_password=False)


def test_a_role_without_the_right_keeps_the_checks_and_sweeps_the_same(app, today, plain_role_url):
    expected = sweep(today, dry_run=True).notices
    db.session.remove()
    plain = create_app(base_config(plain_role_url))
    try:
        with plain.app_context():
            connection = db.session.connection()
            with row_triggers_skipped(connection) as skipped:
                assert not skipped
                if connection.dialect.name == "postgresql":
                    assert _replication_role(connection) == "origin"
            db.session.rollback()
            assert sweep(today).notices == expected > 0
            assert db.session.scalar(select(func.count()).select_from(Notice)) == expected
    finally:
        with plain.app_context():
            db.session.remove()
            db.engine.dispose()
