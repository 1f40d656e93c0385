"""The sweep opens a digest for every active person and keeps only those with something to say;
with nobody on leave it does not count what was received on anyone's behalf."""

from sqlalchemy import select

from tests.workers import statements_of
from tracker.database import db
from tracker.models import Digest, User
from tracker.reminders.sweep import sweep

from .conftest import count


def test_each_person_told_has_one_digest_and_nobody_else_has_one(app, today):
    report = sweep(today)
    told = sorted(summary.user_id for summary in report.recipients)
    digests = sorted(db.session.scalars(select(Digest.recipient_id).where(Digest.day == today)))
    assert digests == told
    assert 0 < len(told) < count(User, User.active)  # the others' digests were left empty


def test_a_dry_run_leaves_no_digest(app, today):
    report = sweep(today, dry_run=True)
    assert report.recipients and count(Digest) == 0


def test_with_nobody_on_leave_nothing_received_for_others_is_counted(app, today):
    with statements_of(app) as seen:
        report = sweep(today)
    assert report.notices > 0 and report.away == ()
    assert not [statement for statement in seen if "on_behalf_of_id IS NOT NULL" in statement]
