"""Who receives a person's reminders while they are on leave.

A person on leave gets no reminder: their agency's head receives it in their place. When the
person on leave is a head, the agency's other heads (its deputies: a deputy head is given the
head's role) receive it. Only colleagues who are active and not on leave themselves stand in;
someone nobody can stand in for (no agency, or every head away) keeps their reminders, so that
a reminder is never lost to a leave.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

#: The role that stands in for colleagues on leave (heads and their deputies).
STAND_IN_ROLE = "head"


@dataclass(frozen=True)
class Colleague:
    """What the rule reads of a person."""

    user_id: int
    role: str
    agency_id: int | None
    leave_from: date | None = None
    leave_until: date | None = None
    active: bool = True


def on_leave(person: Colleague, day: date) -> bool:
    """Whether `day` falls in the person's leave (both days included)."""
    if person.leave_from is None or person.leave_until is None:
        return False
    return person.leave_from <= day <= person.leave_until


def stand_ins(people: Iterable[Colleague], day: date) -> dict[int, tuple[int, ...]]:
    """{person on leave on `day`: the colleagues who receive their reminders}, for every active
    person on leave whom someone can stand in for; the others are left out (they keep theirs)."""
    everyone = [person for person in people if person.active]
    present_heads: dict[int, list[int]] = {}
    for person in everyone:
        if person.role == STAND_IN_ROLE and person.agency_id is not None:
            if not on_leave(person, day):
                present_heads.setdefault(person.agency_id, []).append(person.user_id)
    covered = {}
    for person in everyone:
        if not on_leave(person, day) or person.agency_id is None:
            continue
        heads = [h for h in present_heads.get(person.agency_id, ()) if h != person.user_id]
        if heads:
            covered[person.user_id] = tuple(sorted(heads))
    return covered
