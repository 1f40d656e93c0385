"""Choosing a person in a form: the picker's options, and the search that serves them when
there are too many to send with the page.

A province has a few hundred accounts and its pickers list them all, grouped by agency, to be
filtered as one types. A ministry's deployment has tens of thousands: listed whole, the page to
enter an item weighed 132 KB compressed and read 20,000 accounts. Beyond
`PICKER_INLINE_LIMIT` people, the page carries only the person chosen and the picker asks
`/people/lookup/<pick>` for the names matching what is typed.
"""

from __future__ import annotations

import enum

from flask import current_app, url_for
from sqlalchemy import Select, select
from wtforms import SelectChoice, SelectField

from tracker.database import db
from tracker.domain.text import fold
from tracker.models import Agency, Role, User
from tracker.paging import rows_in
from tracker.permissions import can_read_audit, manages_plan

#: The most names a lookup returns: enough to choose from, few enough to read on a phone.
FOUND_AT_MOST = 30


class Pick(enum.StrEnum):
    """Whom a picker chooses among."""

    RESPONSIBLE = "responsible"  #: who may answer for an item: the agencies' active people
    ANYONE = "anyone"  #: every account, left or not (who acted, in the audit log)


def may_pick(user: User, pick: Pick) -> bool:
    """The office assigns items; the administrator also filters the audit log by person."""
    return can_read_audit(user) if pick is Pick.ANYONE else manages_plan(user)


def candidates(pick: Pick) -> Select:
    """The people a picker offers, in the order it lists them, with what their label needs."""
    query = select(User.id, User.name, User.email, Agency.short_name, Agency.name).outerjoin(
        Agency, User.agency_id == Agency.id
    )
    if pick is Pick.ANYONE:
        return query.order_by(User.name, User.id)
    roles = (Role.HEAD.value, Role.OFFICER.value, Role.STAFF.value)
    query = query.where(User.active.is_(True), User.role.in_(roles))
    return query.order_by(Agency.name, User.name, User.id)  # grouped by agency


def matching(query: Select, text: str) -> Select:
    """Every word typed, diacritics and case ignored, anywhere in the person's searched text:
    "nguyen hai" finds "Nguyễn Văn Hải"."""
    for word in fold(text).split():
        query = query.where(User.search_text.contains(word, autoescape=True))
    return query


def found(pick: Pick, text: str) -> list[SelectChoice]:
    """The first people matching `text`, labelled as the picker labels them."""
    rows = db.session.execute(matching(candidates(pick), text).limit(FOUND_AT_MOST))
    return [_choice(pick, *row) for row in rows]


def offer_people(field: SelectField, pick: Pick, blank: SelectChoice) -> None:
    """Give the field its people: all of them when they are few, or else the one chosen (so
    that the page shows it and the form accepts it) and the address of the lookup."""
    query = candidates(pick)
    if rows_in(query) > current_app.config["PICKER_INLINE_LIMIT"]:
        chosen = _chosen_id(field.data)
        query = query.where(User.id == chosen) if chosen is not None else None
        field.render_kw = {
            **(field.render_kw or {}),
            "data-lookup": url_for("people.lookup", pick=pick.value),
        }
    rows = db.session.execute(query) if query is not None else ()
    field.choices = [blank, *(_choice(pick, *row) for row in rows)]


def _chosen_id(data) -> int | None:
    """The person chosen, whether the field holds an id or its text; None when none is."""
    if isinstance(data, int):
        return data
    return int(data) if isinstance(data, str) and data.isdigit() else None


def _choice(pick: Pick, uid: int, name: str, email: str, short: str | None, agency: str | None):
    # The audit log's values are the id as text (its filter reads them back from the address).
    if pick is Pick.ANYONE:
        return SelectChoice(str(uid), f"{name} — {email}")
    return SelectChoice(uid, f"{name} — {short or agency}", optgroup=agency)
