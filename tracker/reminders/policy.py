"""The reminder policy stored in the database, edited by the office."""

from __future__ import annotations

from tracker.database import db
from tracker.domain.reminders import ReminderPolicy
from tracker.models import ReminderSettings, User

SETTINGS_ID = 1


def load_policy() -> ReminderPolicy:
    """The office's policy, or the practice's defaults until the office saves one."""
    row = db.session.get(ReminderSettings, SETTINGS_ID)
    if row is None:
        return ReminderPolicy()
    return ReminderPolicy(
        before=parse_offsets(row.before),
        overdue_every=row.overdue_every,
        office_after=row.office_after,
        leader_after_days=row.leader_after_days,
        urgent_from=row.urgent_from,
        urgent_overdue_every=row.urgent_overdue_every,
    )


def parse_offsets(text: str) -> tuple[int, ...]:
    """ "7, 3, 1, 0" -> (7, 3, 1, 0); ValueError on anything else."""
    parts = [part.strip() for part in text.split(",") if part.strip()]
    return tuple(int(part) for part in parts)


def format_offsets(offsets: tuple[int, ...]) -> str:
    return ", ".join(str(n) for n in offsets)


def save_policy(policy: ReminderPolicy, by: User) -> None:
    """Store the policy (already validated by ReminderPolicy itself)."""
    row = db.session.get(ReminderSettings, SETTINGS_ID)
    if row is None:
        row = ReminderSettings(id=SETTINGS_ID)
        db.session.add(row)
    row.before = ",".join(str(n) for n in policy.before)
    row.overdue_every = policy.overdue_every
    row.office_after = policy.office_after
    row.leader_after_days = policy.leader_after_days
    row.urgent_from = policy.urgent_from
    row.urgent_overdue_every = policy.urgent_overdue_every
    row.updated_by_id = by.id
    db.session.commit()
