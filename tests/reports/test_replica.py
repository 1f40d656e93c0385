"""TRACKER_REPORTS_DATABASE_URL: the statistics pages read from a replica of the database, the
rest of the tracker from the primary. The "replica" here is a copy of the seeded database in
which one agency has another name, so each page shows which database it read."""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, select, text

from tracker.database import REPLICA, db, read_from_replica
from tracker.models import Agency
from tracker.snapshot_reads import read_together

from ..conftest import PG_URL, _admin, _pg_database_url

RENAMED = "Sở Y tế (bản sao)"
_counter = itertools.count()


@pytest.fixture
def replica_url(template_database: str, tmp_path) -> Iterator[str]:
    """Another copy of the seeded template, where the health department has another name."""
    if PG_URL:
        name = f"tracker_replica_{os.getpid()}_{next(_counter)}"
        _admin(f'CREATE DATABASE "{name}" TEMPLATE "{template_database}"')
        url = _pg_database_url(name)
    else:
        shutil.copy(template_database, tmp_path / "replica.sqlite")
        url = f"sqlite:///{tmp_path / 'replica.sqlite'}"
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE agencies SET name = :name WHERE code = 'syt'"), {"name": RENAMED}
        )
    engine.dispose()
    yield url
    if PG_URL:
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def config_overrides(replica_url: str) -> dict:
    return {"REPORTS_DATABASE_URL": replica_url}


def test_the_statistics_read_the_replica_and_the_other_pages_the_primary(app, login):
    assert REPLICA in db.engines
    office = login("office@tracker.demo")
    statistics = office.get("/reports/agencies")
    # The replica has never seen this session: its check, before the report, read the primary.
    assert statistics.status_code == 200
    assert RENAMED in statistics.text
    overdue = office.get("/office/overdue")
    assert overdue.status_code == 200
    assert "Sở Y tế" in overdue.text and RENAMED not in overdue.text


def test_reads_side_by_side_go_to_the_replica_as_well(app):
    """A past date's table read side by side (tracker.snapshot_reads) reads the replica too."""
    name = select(Agency.name).where(Agency.code == "syt")
    with app.test_request_context():
        read_from_replica()
        rows = read_together([(name, {}), (name, {}), (name, {})])
    assert [part[0][0] for part in rows] == [RENAMED] * 3
