"""A document's items, read for the annex export."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.database import db
from tracker.models import Plan, WorkItem


def items_of(document: Plan) -> list[WorkItem]:
    """The document's items in the order they were entered (the plan's order)."""
    return list(
        db.session.scalars(
            select(WorkItem)
            .where(WorkItem.plan_id == document.id)
            .options(
                selectinload(WorkItem.group),
                selectinload(WorkItem.sector),
                selectinload(WorkItem.lead_agency),
                selectinload(WorkItem.coordinating_agencies),
                selectinload(WorkItem.parent),
            )
            .order_by(WorkItem.id)
        )
    )


def annex_of(document: Plan) -> bytes:
    # Imported here: openpyxl costs every process ~45 ms at start-up (see tracker.exports).
    from tracker.annex.workbook import annex_bytes

    return annex_bytes(items_of(document))
