"""Reading work items: the filtered list, one item, counts by standing."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import Select, func, select
from sqlalchemy.orm import selectinload

from tracker.counting import piece_of_work
from tracker.database import db
from tracker.domain.standing import Standing, StandingFacts, standing_on
from tracker.domain.text import fold
from tracker.items import standing_sql
from tracker.items.standing_sql import standing_case, standing_clause
from tracker.models import (
    Activity,
    Agency,
    Group,
    Plan,
    ProgressReport,
    Sector,
    User,
    WorkItem,
    item_coordinators,
)
from tracker.paging import Page
from tracker.reports.cache import cached
from tracker.visibility import SEES_EVERYTHING, visible_items_clause


@dataclass(frozen=True)
class ItemFilters:
    """What the list is narrowed to; every field optional."""

    q: str | None = None
    document: str | None = None  #: the assigning document's number and symbol
    flag: str | None = None  #: "key", "urgent" or "not_public"
    flags_first: bool = False  #: urgent items first, then key tasks, then the usual order
    pillar: str | None = None  # group code
    sector: str | None = None
    agency: str | None = None  # lead or coordinating agency code
    agency_role: str | None = None  # "lead" or "coordinating": the agency's part, else either
    kind: str | None = None
    standing: Standing | None = None
    due_from: date | None = None
    due_to: date | None = None


def standing_of(item: WorkItem, as_of: date) -> Standing | None:
    """The item's standing on a date, by the domain rule."""
    facts = StandingFacts(
        deadline=item.deadline,
        completed_on=item.completed_on if item.status == "completed" else None,
        cancelled=item.status == "cancelled",
    )
    return standing_on(facts, as_of)


def why_returned(item: WorkItem) -> Activity | None:
    """The office's return of a returned item, with its reason: what the agency must address
    first, said at the top of the item rather than deep in its history."""
    if item.status != "returned":
        return None
    return next((entry for entry in reversed(item.activities) if entry.verb == "returned"), None)


def filtered_query(user: User, filters: ItemFilters, as_of: date) -> Select:
    """Items visible to the user that match the filters (no ordering, no paging)."""
    query = select(WorkItem).where(visible_items_clause(user))
    if filters.q:
        query = query.where(WorkItem.search_text.contains(fold(filters.q), autoescape=True))
    if filters.document:
        query = query.where(WorkItem.plan_id == document_id(filters.document))
    if filters.flag:
        query = query.where(FLAG_CLAUSES[filters.flag]())
    if filters.pillar:
        query = query.join(Group, WorkItem.group_id == Group.id).where(Group.code == filters.pillar)
    if filters.sector:
        query = query.join(Sector, WorkItem.sector_id == Sector.id).where(
            Sector.code == filters.sector
        )
    if filters.agency:
        query = query.where(_involves_agency(filters.agency, filters.agency_role))
    if filters.kind:
        query = query.where(WorkItem.kind == filters.kind)
    if filters.standing:
        # A standing is what the counts count: the list behind a count shows what it counted.
        query = query.where(standing_clause(filters.standing, as_of), piece_of_work())
    if filters.due_from:
        query = query.where(WorkItem.deadline >= filters.due_from)
    if filters.due_to:
        query = query.where(WorkItem.deadline <= filters.due_to)
    return query


#: The items each flag of the filter keeps.
FLAG_CLAUSES = {
    "key": lambda: WorkItem.is_key.is_(True),
    "urgent": lambda: WorkItem.is_urgent.is_(True),
    "not_public": lambda: WorkItem.is_public.is_(False),
}


def document_id(number: str):
    """The id of the document with this number, as a subquery (a filter's clause)."""
    return select(Plan.id).where(Plan.number == number).scalar_subquery()


def _involves_agency(code: str, role: str | None):
    agency_id = select(Agency.id).where(Agency.code == code).scalar_subquery()
    coordinated = select(item_coordinators.c.item_id).where(
        item_coordinators.c.agency_id == agency_id
    )
    if role == "lead":
        return WorkItem.lead_agency_id == agency_id
    if role == "coordinating":
        return WorkItem.id.in_(coordinated)
    return (WorkItem.lead_agency_id == agency_id) | WorkItem.id.in_(coordinated)


def list_items(user: User, filters: ItemFilters, as_of: date, page: int, per_page: int) -> Page:
    """One page of matching items, soonest deadline first, with what the list shows loaded."""
    chosen = page_of_ids(user, filters, as_of, page, per_page)
    return replace(chosen, rows=listed(chosen.rows))


def page_of_ids(user: User, filters: ItemFilters, as_of: date, page: int, per_page: int) -> Page:
    """The ids of one page of matching items, soonest deadline first, and the total.

    The ids are chosen sorting the columns of the order only rather than whole rows. They
    and the total are reused while the data version holds (tracker.reports.cache): the
    officers of an agency open the same list all day.
    """
    query = filtered_query(user, filters, as_of)
    key = (_scope(user), filters, as_of)

    def total() -> int:
        return db.session.scalar(query.with_only_columns(func.count(WorkItem.id))) or 0

    def page_ids() -> list[int]:
        chosen = query.with_only_columns(WorkItem.id).order_by(*_order(filters))
        return list(db.session.scalars(chosen.limit(per_page).offset((page - 1) * per_page)))

    ids = cached(("items_page", *key, page, per_page), page_ids)
    return Page(rows=ids, total=cached(("items_total", *key), total), page=page, per_page=per_page)


def listed(ids: list[int]) -> list[WorkItem]:
    """These items in this order, with what the list shows of each loaded."""
    return items_in_order(
        ids,
        selectinload(WorkItem.lead_agency),
        selectinload(WorkItem.coordinating_agencies),
        selectinload(WorkItem.responsible),
    )


def items_in_order(ids: list[int], *options) -> list[WorkItem]:
    """The items of these ids in this order (those since deleted left out), loaded with
    `options`: a page whose ids were chosen, or reused, before."""
    if not ids:
        return []
    found = db.session.scalars(select(WorkItem).where(WorkItem.id.in_(ids)).options(*options))
    by_id = {item.id: item for item in found}
    return [by_id[item_id] for item_id in ids if item_id in by_id]


def _scope(user: User) -> Hashable:
    """Who sees the same items: everyone who sees every item, otherwise the person (their
    agency, and what the agencies they left held: tracker.visibility)."""
    return "everything" if user.role in SEES_EVERYTHING else (user.id, user.agency_id)


def count_items(user: User, filters: ItemFilters, as_of: date) -> int:
    query = filtered_query(user, filters, as_of)
    return db.session.scalar(query.with_only_columns(func.count(WorkItem.id))) or 0


def export_items(user: User, filters: ItemFilters, as_of: date) -> list[WorkItem]:
    """Every matching item in the list's order, with what the export shows loaded."""
    query = filtered_query(user, filters, as_of).options(
        selectinload(WorkItem.plan),
        selectinload(WorkItem.lead_agency),
        selectinload(WorkItem.coordinating_agencies),
        selectinload(WorkItem.responsible),
    )
    return list(db.session.scalars(query.order_by(*_order(filters))))


def _order(filters: ItemFilters) -> tuple:
    usual = (WorkItem.deadline.is_(None), WorkItem.deadline, WorkItem.code)
    if filters.flags_first:
        return (WorkItem.is_urgent.desc(), WorkItem.is_key.desc(), *usual)
    return usual


def count_by_standing(user: User, filters: ItemFilters, as_of: date) -> Counter[str]:
    """How many matching items (whatever the standing filter) have each standing on `as_of`,
    each piece of work once (tracker.counting); reused while the data version holds."""
    everything = replace(filters, standing=None)

    def compute() -> Counter[str]:
        standing = standing_case(as_of).label("standing")
        query = filtered_query(user, everything, as_of)
        counted = query.where(piece_of_work()).with_only_columns(standing, func.count())
        rows = db.session.execute(counted.group_by(standing))
        return Counter({key: count for key, count in rows if key is not None})

    return cached(("items_counts", _scope(user), everything, as_of), compute)


def counts_by_each(user: User, columns: list, as_of: date) -> list[dict]:
    """For each column, its value -> counts by standing on `as_of`, of the items `user` sees,
    each piece of work once: one pass over the items (one statement)."""
    items = select(WorkItem).where(visible_items_clause(user), piece_of_work())
    rows = db.session.execute(standing_sql.tallied(items, columns, as_of))
    return standing_sql.by_each_key(standing_sql.standing_tallies(rows), len(columns))


def get_item(item_id: int) -> WorkItem | None:
    return db.session.get(
        WorkItem,
        item_id,
        options=[
            selectinload(WorkItem.coordinating_agencies),
            selectinload(WorkItem.activities),
            selectinload(WorkItem.measurements),
        ],
    )


def waiting_head_ids(items) -> frozenset[int]:
    """Which of these items have a submission waiting for the head (one query for a list)."""
    ids = [item.id for item in items]
    if not ids:
        return frozenset()
    return frozenset(
        db.session.scalars(
            select(ProgressReport.item_id).where(
                ProgressReport.item_id.in_(ids), ProgressReport.review_status == "pending"
            )
        )
    )
