"""Issuing urging letters: one per agency, all or none, each recorded on the items it lists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from tracker.clock import local_today
from tracker.database import db
from tracker.domain.reminders import ReminderPolicy
from tracker.formatting import format_date
from tracker.history.changes import record
from tracker.letters.paper import Signature
from tracker.letters.queries import overdue_lines
from tracker.models import UrgingLetter, UrgingLetterItem, User, WorkItem
from tracker.names import Label
from tracker.overdue.queries import OverdueFilters
from tracker.permissions import manages_plan
from tracker.refusals import Invalid, NotAllowed

#: The verb of the history entry each listed item gets.
URGED = "urged"


@dataclass(frozen=True)
class LetterRequest:
    agency: Label  #: id, code and name
    number: str


def issue_letters(
    user: User,
    requests: list[LetterRequest],
    sign: Signature,
    as_of: date,
    filters: OverdueFilters,
    policy: ReminderPolicy,
) -> list[UrgingLetter]:
    """One letter per agency listing its items overdue on `as_of`; refused as a whole when the
    selection is empty or an agency has nothing overdue (nothing is written then)."""
    if not manages_plan(user):
        raise NotAllowed(_("Only the provincial office issues urging letters."))
    if not requests:
        raise Invalid(_("Select at least one agency to write to."))
    drafts = [
        (request, overdue_lines(request.agency, as_of, filters, policy)) for request in requests
    ]
    empty = [request.agency.name for request, lines in drafts if not lines]
    if empty:
        raise Invalid(
            _("Nothing was overdue on %(date)s for: %(agencies)s. No letter was issued.",
              date=format_date(as_of), agencies="; ".join(empty))
        )  # fmt: skip
    letters = [_issue(user, request, lines, sign, as_of) for request, lines in drafts]
    db.session.commit()
    return letters


def _issue(user: User, request: LetterRequest, lines, sign: Signature, as_of: date):
    letter = UrgingLetter(
        agency_id=request.agency.id, number=request.number, issued_on=sign.issued_on, as_of=as_of,
        authority=sign.authority or None, signer_title=sign.signer_title,
        signer_name=sign.signer_name, created_by=user,
    )  # fmt: skip
    db.session.add(letter)
    today = local_today()
    # The reference is Vietnamese whatever the reader's language, like the letter itself.
    reference = f"Số {request.number} ngày {format_date(sign.issued_on)}"
    items = {item.id: item for item in _items([line.item_id for line in lines])}
    for position, line in enumerate(lines, start=1):
        letter.items.append(
            UrgingLetterItem(
                item_id=line.item_id,
                position=position,
                deadline=line.deadline,
                original_deadline=line.original_deadline,
                days_overdue=line.days,
            )  # fmt: skip
        )
        # Not a change of the item: it is not touched, so a form opened on it stays valid.
        record(items[line.item_id], user, URGED, today, note=reference, touch=False)
    return letter


def _items(ids: list[int]) -> list[WorkItem]:
    found: list[WorkItem] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        found.extend(db.session.scalars(select(WorkItem).where(WorkItem.id.in_(chunk))))
    return found
