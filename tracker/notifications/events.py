"""Each workflow event told to the people concerned, in the transaction of the event.

A use case calls one of the `announce_*` functions before it commits: the notifications and
their mails are written with the change itself, or not at all. A person is told of an event
once, never of their own doing, and only if they may see the item.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from tracker.clock import now_utc
from tracker.database import db
from tracker.models import Agency, Notification, User, WorkItem
from tracker.notifications.mailing import queue_mail
from tracker.notifications.mentions import mentioned_people
from tracker.notifications.recipients import agency_people, item_people, office_people
from tracker.permissions import can_view_item

#: A comment's excerpt in the inbox and the mail; the item's page has the whole of it.
EXCERPT_CHARS = 200


def notify(
    event: str,
    item: WorkItem,
    actor: User | None,
    recipients: Iterable[User | None],
    seeing: bool = True,
    **params,
) -> list[Notification]:
    """One notification per person among `recipients` (and its mail, as they prefer); with
    `seeing`, only to those who may see the item now."""
    told: list[Notification] = []
    seen: set[int] = set()
    for person in recipients:
        if person is None or person.id in seen or not _concerns(person, item, actor, seeing):
            continue
        seen.add(person.id)
        row = Notification(
            recipient=person,
            event=event,
            item=item,
            actor=actor,
            params={key: value for key, value in params.items() if value is not None},
            created_at=now_utc(),
        )
        db.session.add(row)
        queue_mail(row)
        told.append(row)
    return told


def _concerns(person: User, item: WorkItem, actor: User | None, seeing: bool) -> bool:
    if actor is not None and person.id == actor.id:
        return False
    return person.active and (not seeing or can_view_item(person, item))


def announce_assigned(item: WorkItem, actor: User) -> None:
    """A new item, or one given to another agency: its lead agency and responsible person."""
    notify("assigned", item, actor, item_people(item), deadline=_day(item.deadline))


def announce_reassignment(
    item: WorkItem, actor: User, old_lead: Agency, old_responsible: User | None
) -> None:
    """After a reassignment: the new lead is told it has the item, the old one that it has not."""
    if old_lead.id != item.lead_agency.id:
        announce_assigned(item, actor)
        away = [*agency_people(old_lead.id), old_responsible]
        # They no longer see the item: told all the same, it is why they no longer do.
        notify("reassigned_away", item, actor, away, seeing=False, agency=item.lead_agency.name)
    elif old_responsible is not item.responsible and item.responsible is not None:
        notify("assigned", item, actor, [item.responsible], deadline=_day(item.deadline))


def announce_submitted(item: WorkItem, actor: User) -> None:
    notify("submitted", item, actor, office_people())


def announce_confirmed(item: WorkItem, actor: User) -> None:
    notify("confirmed", item, actor, item_people(item))


def announce_returned(item: WorkItem, actor: User, reason: str) -> None:
    notify("returned", item, actor, item_people(item), reason=reason)


def announce_extension_requested(item: WorkItem, actor: User, proposed: date) -> None:
    notify("extension_requested", item, actor, office_people(), proposed=_day(proposed))


def announce_extension_decided(
    item: WorkItem, actor: User, requester: User, proposed: date, granted: date | None, note: str
) -> None:
    """Approved (with the date granted, which may be earlier than asked) or rejected."""
    notify(
        "extension_decided",
        item,
        actor,
        [requester, *item_people(item)],
        proposed=_day(proposed),
        granted=_day(granted),
        note=note or None,
    )


def announce_paused(item: WorkItem, actor: User, reason: str) -> None:
    notify("paused", item, actor, item_people(item), reason=reason)


def announce_resumed(item: WorkItem, actor: User) -> None:
    notify("resumed", item, actor, item_people(item), deadline=_day(item.deadline))


def announce_comment(item: WorkItem, actor: User, text: str) -> list[User]:
    """Mentioned people are told they were mentioned; the item's people and the office of a
    new comment. Returns the people mentioned who cannot see the item: nobody is told of them.
    """
    excerpt = text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1] + "…"
    mentioned = mentioned_people(text)
    unseeing = [person for person in mentioned if not can_view_item(person, item)]
    reached = [person for person in mentioned if person not in unseeing]
    notify("mentioned", item, actor, reached, excerpt=excerpt)
    others = [p for p in [*item_people(item), *office_people()] if p not in mentioned]
    notify("commented", item, actor, others, excerpt=excerpt)
    return unseeing


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None
