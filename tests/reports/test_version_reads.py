"""The data version is read once per transaction (a page asks before each of its figures),
and again after the transaction writes or ends (tracker.reports.cache.data_version)."""

from __future__ import annotations

from sqlalchemy import select, update

from tests.workers import another_worker, statements_of
from tracker.database import db
from tracker.models import WorkItem
from tracker.reports.cache import data_version


def version_reads(statements: list[str]) -> int:
    return sum("FROM data_versions" in statement for statement in statements)


def test_read_once_per_transaction(app):
    with app.app_context(), statements_of(app) as seen:
        first = data_version()
        assert data_version() == first
        assert version_reads(seen) == 1


def test_read_again_after_a_write_in_the_transaction(app, today):
    with app.app_context():
        before = data_version()
        item = db.session.scalar(select(WorkItem).order_by(WorkItem.id))
        item.title = "Tên mới"
        db.session.flush()  # the item's change time moves: the version with it
        assert data_version() != before
        flushed = data_version()
        db.session.execute(update(WorkItem).where(WorkItem.id == -1).values(progress=1))
        with statements_of(app) as seen:
            assert data_version() == flushed
        assert version_reads(seen) == 1  # a statement that writes forgets the version read
        db.session.rollback()


def test_read_again_in_the_next_transaction(app, database_url):
    with app.app_context():
        before = data_version()
        with another_worker(database_url, "office@tracker.demo") as (other, _client):
            with other.app_context():
                item = db.session.scalar(select(WorkItem).order_by(WorkItem.id))
                item.progress = (item.progress + 1) % 100
                db.session.commit()
        db.session.commit()  # this transaction ends; the next reads the version again
        assert data_version() != before
