"""The office's two steps in the browser: preview a reorganisation, then confirm it.

Both plan the event exactly as `flask agencies … --dry-run` does (events.plan_event); the
preview writes nothing (even a new successor it names is rolled back), the confirmation does
the plan in one transaction if it still matches the preview the office saw.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from tracker.database import db
from tracker.models import Agency, User
from tracker.permissions import can_manage_agencies
from tracker.refusals import Conflict, Invalid, NotAllowed, ServiceError
from tracker.reorganisation import preview as previews
from tracker.reorganisation.apply import carry_out
from tracker.reorganisation.events import EventPlan, EventRequest, plan_event


@dataclass(frozen=True)
class NewAgency:
    """A successor formed by the event (e.g. Sở Nông nghiệp và Môi trường): it exists from
    the event's day."""

    code: str
    name: str
    level: str

    def key(self) -> tuple[str, str, str]:
        return (self.code, self.name, self.level)


def _allowed(actor: User) -> None:
    if not can_manage_agencies(actor):
        raise NotAllowed(_("Only the administrator and the office record reorganisations."))


def _add(new: NewAgency | None, on: date) -> None:
    if new is None:
        return
    if db.session.scalar(select(Agency.id).where(Agency.code == new.code)):
        raise Invalid(_("Another agency already has the code %(code)s.", code=new.code),
                      {"new_code": [_("This code is already used.")]})  # fmt: skip
    db.session.add(Agency(code=new.code, name=new.name, level=new.level, existing_from=on))
    db.session.flush()


def _plan(request: EventRequest, new: NewAgency | None, today: date) -> EventPlan:
    _add(new, request.on)
    return plan_event(request, today)


def preview(request: EventRequest, new: NewAgency | None, actor: User, today: date):
    """What the event would move, or why it is refused; nothing is written."""
    _allowed(actor)
    shown = previews.Preview(request)
    shown.placeable, shown.sectors = previews.placeable(request)
    shown.successors = previews.named(request.successors)
    try:
        plan = _plan(request, new, today)
        previews.describe(shown, plan)
        shown.fingerprint = previews.fingerprint(plan, actor.id, new and new.key())
    except ServiceError as refusal:
        shown.refusal = refusal
    finally:
        db.session.rollback()
    return shown


def confirm(
    request: EventRequest, new: NewAgency | None, actor: User, today: date, seen: str | None
) -> EventPlan:
    """Do the event the office previewed, if it still moves what the preview showed; one
    commit, or nothing written."""
    _allowed(actor)
    try:
        plan = _plan(request, new, today)
        if not previews.matches(seen, previews.fingerprint(plan, actor.id, new and new.key())):
            raise Conflict(_("What this would move is no longer what the preview showed: "
                             "check the new preview and confirm again."))  # fmt: skip
        return carry_out(plan, actor)
    except ServiceError:
        db.session.rollback()
        raise
