"""The sweep's side of leaves: who stands in for whom on the sweep's day (the rule is
tracker.domain.leave), and what the preview says about it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, insert, or_, select

from tracker.database import db
from tracker.domain.leave import STAND_IN_ROLE, Colleague, stand_ins
from tracker.models import Digest, Notice, User
from tracker.reminders import recipients_sql as sql


@dataclass(frozen=True)
class StandIn:
    """A person on leave on the sweep's day, and who receives their notices."""

    name: str
    email: str
    leave_until: date
    stand_ins: tuple[str, ...]  #: their names
    notices: int  #: received for them by this sweep


def record_stand_ins(day: date) -> dict[int, tuple[int, ...]]:
    """Fill the sweep's table of stand-ins for `day`; {person on leave: their stand-ins}.

    Reads only the heads and the people on leave that day: a few rows, whatever the plan's size.
    """
    away = and_(User.leave_from <= day, User.leave_until >= day)
    people = db.session.execute(
        select(User.id, User.role, User.agency_id, User.leave_from, User.leave_until).where(
            User.active, or_(User.role == STAND_IN_ROLE, away)
        )
    )
    covered = stand_ins([Colleague(*person) for person in people], day)
    rows = [
        {"person_id": person, "stand_in_id": stand_in}
        for person, chosen in covered.items()
        for stand_in in chosen
    ]
    if rows:
        db.session.execute(insert(sql.stand_ins), rows)
    return covered


def received_for(day: date) -> Counter[int]:
    """Notices in the digests of `day` received for a colleague on leave, per colleague."""
    rows = db.session.execute(
        select(Notice.on_behalf_of_id, func.count())
        .join(Digest, Digest.id == Notice.digest_id)
        .where(Digest.day == day, Notice.on_behalf_of_id.is_not(None))
        .group_by(Notice.on_behalf_of_id)
    )
    return Counter(dict(rows.all()))


def summary(covered: dict[int, tuple[int, ...]], received: Counter[int]) -> tuple[StandIn, ...]:
    """The people on leave and their stand-ins, by name, for the preview."""
    if not covered:
        return ()
    wanted = set(covered) | {stand_in for chosen in covered.values() for stand_in in chosen}
    people = {user.id: user for user in db.session.scalars(select(User).where(User.id.in_(wanted)))}
    return tuple(
        sorted(
            (
                StandIn(
                    people[person].name,
                    people[person].email,
                    people[person].leave_until,
                    tuple(people[stand_in].name for stand_in in chosen),
                    received[person],
                )
                for person, chosen in covered.items()
            ),
            key=lambda away: away.email,
        )
    )


def stand_ins_of(person: User, day: date) -> list[User]:
    """Who would receive the person's reminders were they on leave on `day`: their agency's
    heads present then (the same rule as the sweep's); none: they keep their reminders."""
    if person.agency_id is None:
        return []
    colleagues = db.session.scalars(
        select(User).where(
            User.active,
            User.agency_id == person.agency_id,
            or_(User.role == STAND_IN_ROLE, User.id == person.id),
        )
    ).all()
    away = Colleague(person.id, person.role, person.agency_id, day, day, True)
    facts = [
        away
        if user.id == person.id
        else Colleague(user.id, user.role, user.agency_id, user.leave_from, user.leave_until)
        for user in colleagues
    ]
    if person.id not in {user.id for user in colleagues}:
        facts.append(away)
    chosen = set(stand_ins(facts, day).get(person.id, ()))
    return sorted((user for user in colleagues if user.id in chosen), key=lambda user: user.name)
