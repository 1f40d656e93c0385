"""The urging letter (văn bản đôn đốc) to an agency: its overdue items as of a date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from tracker.extensions import db
from tracker.models import Agency, Plan, WorkItem
from tracker.services.reminder_sql import reminded


@dataclass(frozen=True)
class UrgingLetter:
    agency: Agency
    as_of: date
    items: list[WorkItem]
    issuer: str  #: the body that assigned the plan, e.g. "UBND tỉnh Bình Định"

    @property
    def place(self) -> str:
        """Where the letter is written: the province, from the issuer's name."""
        for prefix in ("UBND tỉnh ", "Ủy ban nhân dân tỉnh "):
            if self.issuer.startswith(prefix):
                return self.issuer.removeprefix(prefix)
        return self.issuer


def urging_letter(agency_code: str, as_of: date) -> UrgingLetter | None:
    """The agency's items still being worked on whose deadline passed; None if no such agency."""
    agency = db.session.scalar(select(Agency).where(Agency.code == agency_code))
    if agency is None:
        return None
    items = db.session.scalars(
        select(WorkItem)
        .options(joinedload(WorkItem.plan))
        .where(WorkItem.lead_agency_id == agency.id, reminded(), WorkItem.deadline < as_of)
        .order_by(WorkItem.deadline, WorkItem.code)
    ).all()
    issuer = db.session.scalar(select(Plan.issuer).order_by(Plan.id).limit(1)) or ""
    return UrgingLetter(agency=agency, as_of=as_of, items=list(items), issuer=issuer)
