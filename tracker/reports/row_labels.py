"""What each row of a statistics table is called on its date: agencies by the name they had
then (a rename after the date shows the former name), sectors and pillars as they are."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from tracker.database import db
from tracker.models import Agency, Group, Plan, ReorganisationEvent, Sector, event_agencies


def row_labels(dimension: str, as_of: date) -> list[tuple[int, str, str, bool]]:
    """(id, code, name, existing on `as_of`) of every possible row, in the order the table lists
    them."""
    if dimension == "agency":
        exists = Agency.existing_on(as_of)
        query = select(Agency.id, Agency.code, Agency.name, exists).order_by(Agency.id)
        then = _names_then(as_of)
        return [
            (key, code, then.get(key, name), bool(now))
            for key, code, name, now in db.session.execute(query)
        ]
    if dimension == "sector":
        query = select(Sector.id, Sector.code, Sector.name).order_by(Sector.position, Sector.id)
    else:
        query = (
            select(Group.id, Group.code, Group.name)
            .join(Plan, Group.plan_id == Plan.id)
            .order_by(Plan.issued_on.desc(), Group.position)
        )
    return [(*row, True) for row in db.session.execute(query)]


def _names_then(as_of: date) -> dict[int, str]:
    """The name each agency renamed after `as_of` had on that day (the earliest later rename's
    former name)."""
    E, L = ReorganisationEvent, event_agencies
    rows = db.session.execute(
        select(L.c.agency_id, E.old_name)
        .join(E, E.id == L.c.event_id)
        .where(E.kind == "rename", E.effective_on > as_of, L.c.role == "predecessor")
        .order_by(E.effective_on.desc(), E.id.desc())
    ).all()
    return {agency_id: old_name for agency_id, old_name in rows if old_name}
