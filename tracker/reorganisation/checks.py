"""What a reorganisation may not do: each refusal is a clear, translated message."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select

from tracker.database import db
from tracker.formatting import format_date
from tracker.models import Agency, Period, ReorganisationEvent, event_agencies
from tracker.refusals import Invalid


def refuse(message: str, field: str = "on") -> None:
    raise Invalid(message, {field: [message]})


def exists_on(agency: Agency, on: date) -> bool:
    """Whether the agency existed on the day (from its first day, until the first day it no
    longer did)."""
    started = agency.existing_from is None or agency.existing_from <= on
    return started and (agency.existing_until is None or on < agency.existing_until)


def check_date(on: date, today: date, moves_items: bool) -> None:
    if on > today:
        refuse(_("A reorganisation cannot take effect after today."))
    if not moves_items:
        return
    frozen = db.session.scalar(
        select(func.max(Period.cutoff_on)).where(Period.status.in_(("closed", "published")))
    )
    if frozen is not None and on <= frozen:
        refuse(
            _("The figures up to %(day)s are frozen in a closed period: choose a later date.",
              day=format_date(frozen))
        )  # fmt: skip


def check_existing(agencies: Iterable[Agency], on: date, field: str) -> None:
    """Every agency named must exist on the event's day."""
    for agency in agencies:
        if exists_on(agency, on):
            continue
        if agency.existing_until is not None and agency.existing_until <= on:
            refuse(
                _("%(name)s no longer exists on %(day)s (it ended on %(end)s).",
                  name=agency.name, day=format_date(on), end=format_date(agency.existing_until)),
                field,
            )  # fmt: skip
        refuse(
            _("%(name)s does not exist yet on %(day)s.", name=agency.name, day=format_date(on)),
            field,
        )


def check_no_cycle(predecessors: list[Agency], successors: list[Agency]) -> None:
    for agency in successors:
        if agency in predecessors:
            refuse(_("%(name)s cannot succeed itself.", name=agency.name), "successors")


def check_parent_cycle(agency: Agency, parent: Agency) -> None:
    """A change of parent may not put an agency under itself or under one of its own."""
    step: Agency | None = parent
    while step is not None:
        if step.id == agency.id:
            refuse(
                _("%(parent)s is under %(name)s: that would make a circle.",
                  parent=parent.name, name=agency.name),
                "new_parent",
            )  # fmt: skip
        step = step.parent


def check_in_order(agencies: Iterable[Agency], on: date) -> None:
    """Events of an agency are recorded in the order they took effect."""
    ids = [agency.id for agency in agencies]
    later = db.session.execute(
        select(ReorganisationEvent.effective_on, Agency.name)
        .join(event_agencies, event_agencies.c.event_id == ReorganisationEvent.id)
        .join(Agency, Agency.id == event_agencies.c.agency_id)
        .where(event_agencies.c.agency_id.in_(ids), ReorganisationEvent.effective_on > on)
        .order_by(ReorganisationEvent.effective_on)
        .limit(1)
    ).first()
    if later is not None:
        refuse(
            _("%(name)s already has an event on %(later)s: an event dated %(day)s would come "
              "before it. Record events in the order they took effect.",
              name=later.name, later=format_date(later.effective_on), day=format_date(on))
        )  # fmt: skip


def check_every_item_placed(unplaced: list[str]) -> None:
    if unplaced:
        refuse(
            _("These open items have no successor: %(codes)s. Choose one for each item, by "
              "sector, or for all the others.", codes=", ".join(unplaced[:10])),
            "successors",
        )  # fmt: skip
