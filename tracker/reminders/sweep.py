"""The daily sweep: record the notices due today and queue one digest per person, in one
transaction, safe to run any number of times (the notice key is unique)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from flask import current_app
from sqlalchemy import (
    Date,
    and_,
    delete,
    exists,
    func,
    insert,
    literal,
    select,
    text,
    update,
)

from tracker.clock import digest_due_at, now_utc
from tracker.database import db, row_triggers_skipped
from tracker.domain.reminders import Section, horizon, plan_stages, section_of
from tracker.models import Digest, Notice, Notification, User
from tracker.models.types import UTCDateTime
from tracker.reminders import leave
from tracker.reminders import recipients_sql as sql
from tracker.reminders.policy import load_policy
from tracker.workdays.store import working_calendar


@dataclass(frozen=True)
class RecipientSummary:
    """What one person's digest gets from a sweep, counted by section of the mail."""

    user_id: int
    email: str
    name: str
    counts: dict[str, int] = field(default_factory=dict, hash=False)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class SweepReport:
    today: date
    day_off: bool = False
    dry_run: bool = False
    recipients: tuple[RecipientSummary, ...] = ()
    away: tuple[leave.StandIn, ...] = ()  #: the people on leave whose notices others receive

    @property
    def notices(self) -> int:
        return sum(summary.total for summary in self.recipients)

    def by_section(self) -> Counter[str]:
        """Notices per section of the mail, over everyone."""
        totals: Counter[str] = Counter()
        for summary in self.recipients:
            totals.update(summary.counts)
        return totals

    def busiest(self, first: int) -> list[RecipientSummary]:
        """The `first` people with the most notices (then by address)."""
        ordered = sorted(self.recipients, key=lambda summary: (-summary.total, summary.email))
        return ordered[:first]


def sweep(today: date, dry_run: bool = False) -> SweepReport:
    """Queue today's notices (nothing on a day off); with dry_run, say what would be queued.

    One transaction: the notices and their digests are recorded together or not at all. A dry
    run does the same work and rolls it back, so the preview cannot drift from the real thing.
    """
    calendar, policy = working_calendar(), load_policy()
    if calendar.is_day_off(today):
        db.session.rollback()
        return SweepReport(today=today, day_off=True, dry_run=dry_run)
    sql.lock_for_sweep()
    plain, urgent = sql.deadlines_until(horizon(today, policy, calendar))
    sql.create_scratch_tables()
    _fill_stages(plan_stages(plain, today, policy, calendar), urgent=False)
    _fill_stages(plan_stages(urgent, today, policy.for_urgent(), calendar), urgent=True)
    covered = leave.record_stand_ins(today)
    _open_digests(today)
    # Nobody on leave today (the usual case): nothing is received on anyone's behalf.
    covered_before = leave.received_for(today) if covered else Counter()
    queued = _record_notices(today, covered)
    db.session.execute(
        delete(Digest).where(
            *_open_on(today),
            ~exists().where(Notice.digest_id == Digest.id),
            # Events folded into the morning's digest keep it, reminders or not.
            ~exists().where(Notification.digest_id == Digest.id),
        )
    )
    received = leave.received_for(today) - covered_before if covered else Counter()
    away = leave.summary(covered, received)
    report = SweepReport(today, dry_run=dry_run, recipients=_summaries(queued), away=away)
    sql.drop_scratch_tables()
    if dry_run:
        db.session.rollback()
    else:
        db.session.commit()
        if report.notices:
            _refresh_outbox_statistics()
    return report


def _refresh_outbox_statistics() -> None:
    """Tell PostgreSQL's planner how large the outbox now is: a first sweep can add a million
    notices, and until autovacuum comes by, delivery's per-digest reads run on plans made for
    the table as it was (at 1,000,000 items, 48–61 mails/s instead of 127). ANALYZE reads a
    sample: 0.4 s there."""
    if db.session.get_bind().dialect.name != "postgresql":
        return
    for table in (Notice.__table__, Digest.__table__):
        db.session.execute(text(f"ANALYZE {table.name}"))
    db.session.commit()


def _open_on(today: date) -> tuple:
    return (Digest.day == today, Digest.status == "pending", Digest.kind == "daily")


def _fill_stages(plan: dict, urgent: bool) -> None:
    rows = [
        {
            "deadline": deadline,
            "rule": stage.rule,
            "period": stage.period,
            "audience": stage.audience.value,
            "urgent": urgent,
        }
        for deadline, day_stages in plan.items()
        for stage in day_stages
    ]
    if rows:
        db.session.execute(insert(sql.stages), rows)


def _open_digests(today: date) -> None:
    """A pending digest of today for every active person, locked: a delivery run cannot claim
    it while notices are being added to it. Those left empty are deleted before the sweep
    commits: finding who may get a notice took longer than writing the rows (a tenth of the
    sweep at 100,000 items)."""
    now = now_utc()
    db.session.execute(
        sql.insert_ignoring_duplicates(Digest).from_select(
            ["recipient_id", "day", "status", "attempts", "next_attempt_at", "created_at"],
            select(
                User.id,
                literal(today, Date),
                literal("pending"),
                literal(0),
                literal(now, UTCDateTime()),
                literal(now, UTCDateTime()),
            ).where(User.active),
        )
    )
    _hold_until_chosen_hour(today, now)
    # A delivery run that claimed one of these meanwhile has changed its status: the lock waits
    # for it, and the person's new notices are then left for the next sweep.
    db.session.execute(select(Digest.id).where(*_open_on(today)).with_for_update()).all()


def _hold_until_chosen_hour(today: date, now) -> None:
    """The digests of people who chose a later hour wait until then (one UPDATE per hour)."""
    hours = db.session.scalars(
        select(User.digest_hour).distinct().where(User.digest_hour.is_not(None))
    ).all()
    for hour in hours:
        due = digest_due_at(current_app.config, today, hour)
        if due <= now:
            continue
        people = select(User.id).where(User.digest_hour == hour)
        db.session.execute(
            update(Digest)
            .where(*_open_on(today), Digest.recipient_id.in_(people))
            .values(next_attempt_at=due)
        )


def _record_notices(today: date, covered: dict) -> Counter[tuple[int, str]]:
    """Insert every notice due today into its person's open digest, skipping recorded keys;
    return how many were queued per (recipient, rule). People on leave with a stand-in get
    none: their stand-ins get theirs after their own (a key they already hold stays theirs)."""
    before = _queued_on(today)
    columns = ["recipient_id", "item_id", "rule", "period", "deadline", "on_behalf_of_id"]
    routings = [sql.Routing.PRESENT, sql.Routing.COVERED] if covered else [sql.Routing.EVERYONE]
    # Each notice is joined from its item, person and digest under the sweep's lock: it cannot
    # break a key, and checking it again would cost PostgreSQL half the sweep (SQLite's checks
    # are off for the whole sweep, `lock_for_sweep`).
    with row_triggers_skipped(db.session.connection()):
        for routing in routings:
            for audience, selected in sql.audience_selects(routing):
                if not sql.anyone_in(audience):
                    continue
                recipient = selected.selected_columns[0]
                found = selected.add_columns(Digest.id).join(
                    Digest, and_(Digest.recipient_id == recipient, *_open_on(today))
                )
                insert = sql.insert_ignoring_duplicates(Notice)
                db.session.execute(insert.from_select([*columns, "digest_id"], found))
    return _queued_on(today) - before


def _queued_on(today: date) -> Counter[tuple[int, str]]:
    """Notices in the digests of `today`, per (recipient, rule).

    Counted before and after inserting rather than returned row by row: the first sweep of a
    large plan inserts hundreds of thousands, and sweeps run one at a time (the lock).
    """
    rows = db.session.execute(
        select(Digest.recipient_id, Notice.rule, func.count())
        .join(Digest, Digest.id == Notice.digest_id)
        .where(Digest.day == today)
        .group_by(Digest.recipient_id, Notice.rule)
    )
    return Counter({(recipient, rule): count for recipient, rule, count in rows})


def _summaries(queued: Counter[tuple[int, str]]) -> tuple[RecipientSummary, ...]:
    """Per person, how many notices went into each section of the mail."""
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    for (user_id, rule), count in queued.items():
        counts[user_id][section_of(rule).value] += count
    if not counts:
        return ()
    people = db.session.execute(
        select(User.id, User.email, User.name).where(User.id.in_(counts)).order_by(User.email)
    )
    order = [section.value for section in Section]
    return tuple(
        RecipientSummary(
            user_id,
            email,
            name,
            {key: counts[user_id][key] for key in order if key in counts[user_id]},
        )
        for user_id, email, name in people
    )
