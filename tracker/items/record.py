"""What an item's page shows beside the item itself: reports with their evidence, extension
requests, comments, sub-items and the progress toward a target."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.clock import local_today
from tracker.database import db
from tracker.history.periods import periods_of
from tracker.models import (
    AssignmentPeriod,
    Attachment,
    Comment,
    ExtensionRequest,
    Measurement,
    ProgressReport,
    User,
    WorkItem,
)
from tracker.targets.measurements import latest_measurement, progress_toward_target
from tracker.targets.queries import TargetRow
from tracker.targets.standing import target_row
from tracker.visibility import visible_items_clause


@dataclass(frozen=True)
class ItemRecord:
    reports: list[ProgressReport]  # newest first
    extensions: list[ExtensionRequest]  # newest first
    comments: list[Comment]  # oldest first, as a conversation reads
    subitems: list[WorkItem]
    latest_measurement: Measurement | None
    target_progress: int | None
    #: The assignment period by period, oldest first: who led it and by when, from when.
    periods: list[AssignmentPeriod] = field(default_factory=list)
    #: A target's value in force today (revised or the plan's), latest value and verdict.
    target: TargetRow | None = None

    @property
    def pending_extension(self) -> ExtensionRequest | None:
        return next((e for e in self.extensions if e.status == "pending"), None)


def _rows(model, item: WorkItem, *order, load=()) -> list:
    query = select(model).where(model.item_id == item.id).order_by(*order)
    return list(db.session.scalars(query.options(*(selectinload(rel) for rel in load))))


def item_record(user: User, item: WorkItem) -> ItemRecord:
    """Everything the item's page lists, in a fixed number of queries."""
    P, E, C = ProgressReport, ExtensionRequest, Comment
    subitems = db.session.scalars(
        select(WorkItem)
        .where(WorkItem.parent_id == item.id, visible_items_clause(user))
        .order_by(WorkItem.code)
    )
    return ItemRecord(
        reports=_rows(P, item, P.created_at.desc(), P.id.desc(), load=(P.attachments, P.author)),
        extensions=_rows(E, item, E.created_at.desc(), E.id.desc(), load=(E.attachments,)),
        comments=_rows(C, item, C.created_at, C.id, load=(C.author,)),
        subitems=list(subitems),
        latest_measurement=latest_measurement(item) if item.is_target else None,
        target_progress=progress_toward_target(item) if item.is_target else None,
        periods=periods_of(item.id),
        target=target_row(item, local_today()) if item.is_target else None,
    )


def attachment_of(item: WorkItem, attachment_id: int) -> Attachment | None:
    """The item's attachment with this id; None for another item's (a forged link)."""
    attachment = db.session.get(Attachment, attachment_id)
    return attachment if attachment is not None and attachment.item_id == item.id else None
