"""KPI targets: the target value, the latest measured value, the trend, a verdict."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import ColumnElement, Select, false, func, or_, select, true

from tracker.database import db
from tracker.domain.targets import (
    Revision,
    Target,
    Verdict,
    in_force,
    locality_base_code,
    verdict,
)
from tracker.models import (
    Agency,
    AssignmentPeriod,
    Group,
    Measurement,
    Sector,
    TargetRevision,
    WorkItem,
)
from tracker.models.org import AgencyKind

W = WorkItem


@dataclass(frozen=True)
class TargetFilters:
    pillar: str | None = None
    agency: str | None = None
    sector: str | None = None
    year: int | None = None
    verdict: Verdict | None = None


@dataclass(frozen=True)
class TargetRow:
    id: int
    code: str
    title: str
    agency_id: int
    agency_code: str
    agency_kind: str
    value: Decimal | None
    value_max: Decimal | None
    unit: str | None
    comparison: str
    year: int
    level: str | None
    latest: tuple[date, Decimal] | None
    verdict: Verdict
    #: The value and year the plan first set, when a later document revised them.
    original_value: Decimal | None = None
    original_year: int | None = None
    original_value_max: Decimal | None = None
    revision: Revision | None = None  #: the revision in force on the row's date
    outcome: str | None = None  #: how a completed target ended: met | not_met
    #: The agency the plan first assigned it to, when it is not the lead today (a locality's
    #: target stays that locality's after the district level ended and the office took it).
    assigned_to: int | None = None

    @property
    def base_code(self) -> str | None:
        if self.agency_kind != AgencyKind.LOCALITY:
            return None
        return locality_base_code(self.code, self.agency_code)


def ends_of(today: date, ids_query) -> dict[int, list[tuple[date, Decimal]]]:
    """The first and the latest measurement up to today of each target (one query)."""
    m = Measurement
    ranked = (
        select(
            m.item_id,
            m.measured_on,
            m.value,
            func.row_number()
            .over(partition_by=m.item_id, order_by=(m.measured_on, m.id))
            .label("first"),
            func.row_number()
            .over(partition_by=m.item_id, order_by=(m.measured_on.desc(), m.id.desc()))
            .label("last"),
        )  # fmt: skip
        .where(m.measured_on <= today, m.item_id.in_(ids_query))
        .subquery()
    )
    ends: dict[int, list] = defaultdict(list)
    query = select(ranked.c.item_id, ranked.c.measured_on, ranked.c.value).where(
        (ranked.c.first == 1) | (ranked.c.last == 1)
    )
    for item_id, measured_on, value in db.session.execute(query.order_by(ranked.c.measured_on)):
        ends[item_id].append((measured_on, value))
    return ends


def revisions(ids_query) -> dict[int, list[Revision]]:
    """Each target's revisions, oldest first (one query)."""
    r = TargetRevision
    query = (
        select(r.item_id, r.value, r.year, r.decided_on, r.document)
        .where(r.item_id.in_(ids_query))
        .order_by(r.decided_on, r.id)
    )
    found: dict[int, list[Revision]] = defaultdict(list)
    for item_id, value, year, decided_on, document in db.session.execute(query):
        found[item_id].append(Revision(value, year, decided_on, document))
    return found


def matching(filters: TargetFilters):
    """The targets the filters select (cancelled ones never count)."""
    clause = W.kind == "target"
    if filters.pillar:
        clause &= W.group_id.in_(select(Group.id).where(Group.code == filters.pillar))
    if filters.agency:
        clause &= W.lead_agency_id.in_(select(Agency.id).where(Agency.code == filters.agency))
    if filters.sector:
        clause &= W.sector_id.in_(select(Sector.id).where(Sector.code == filters.sector))
    clause &= W.target_year == filters.year if filters.year else true()
    return clause & (W.status != "cancelled")


def target_rows(
    filters: TargetFilters, today: date, only: Collection[int] | Select | None = None
) -> list[TargetRow]:
    """Every target matching the filters (and among `only`, ids or a query of them, when given)
    with its verdict on `today`, in plan order (3 queries).

    A target revised by a later document is judged against the value in force on `today`."""
    where = matching(filters)
    if only is not None:
        where &= W.id.in_(only)
    ends = ends_of(today, select(W.id).where(where))
    revised = revisions(select(W.id).where(where))
    # The agency the plan assigned each target to: a locality's, though the office leads it now.
    query = (
        select(
            *_ROW_COLUMNS,
            Agency.id.label("assigned_to"),
            Agency.code.label("agency_code"),
            Agency.kind.label("agency_kind"),
        )  # fmt: skip
        .join(Agency, func.coalesce(_first_lead(), W.lead_agency_id) == Agency.id)
        .where(where)
        .order_by(W.target_year, W.code)
    )
    rows = [
        build_row(item, item.agency_code, item.agency_kind, ends.get(item.id, []),
                  in_force(revised[item.id], today), today, assigned_to=item.assigned_to)
        for item in db.session.execute(query)
    ]  # fmt: skip
    if filters.verdict:
        rows = [row for row in rows if row.verdict is filters.verdict]
    return rows


#: What `build_row` reads of an item: plain columns, not whole items (the dashboard judges every
#: target, and loading each as an ORM object cost more than judging it).
_ROW_COLUMNS = (
    W.id, W.code, W.title, W.lead_agency_id, W.assigned_on, W.target_value, W.target_value_max,
    W.target_year, W.target_unit, W.target_comparison, W.target_level, W.target_outcome,
)  # fmt: skip


def split_rows(filters: TargetFilters, today: date) -> list[TargetRow]:
    """The rows of the targets split per locality that match the filters (`locality_table`)."""
    return target_rows(filters, today, select(W.id).where(matching(filters), split_per_locality()))


def split_per_locality() -> ColumnElement[bool]:
    """Targets the plan assigned to a locality whose code ends with that locality's (e.g.
    "CQS-2025-05-QUI-NHON"): those `TargetRow.base_code` groups. The codes are compared first,
    against every locality's (a few dozen), so that only their few targets look up the agency
    of their first assignment: 200,000 such lookups took the targets page 1.5 s."""
    localities = db.session.scalars(select(Agency.code).where(Agency.kind == AgencyKind.LOCALITY))
    suffixes = [
        func.upper(W.code).endswith(f"-{code.upper()}", autoescape=True) for code in localities
    ]
    if not suffixes:
        return false()
    assigned = func.coalesce(_first_lead(), W.lead_agency_id)
    return or_(*suffixes) & assigned.in_(
        select(Agency.id).where(Agency.kind == AgencyKind.LOCALITY)
    )


def _first_lead():
    """The lead agency of an item's first assignment period."""
    P = AssignmentPeriod
    return (
        select(P.lead_agency_id)
        .where(P.item_id == W.id)
        .order_by(P.valid_from, P.id)
        .limit(1)
        .scalar_subquery()
    )


def build_row(
    item: WorkItem, agency_code: str, agency_kind: str, ends, revision, today: date,
    assigned_to: int | None = None,
):  # fmt: skip
    """A target's row: `ends` are its first and latest measurements up to `today`, `revision`
    the one in force then (None: the original value holds)."""
    value, year = item.target_value, item.target_year
    value_max = item.target_value_max
    if revision is not None:
        value, year, value_max = revision.value, revision.year, None
    judged = judge(value, year, item.target_comparison, item.assigned_on, ends, today)
    return TargetRow(
        id=item.id, code=item.code, title=item.title, agency_id=item.lead_agency_id,
        agency_code=agency_code, agency_kind=agency_kind, value=value,
        value_max=value_max, unit=item.target_unit,
        comparison=item.target_comparison or "at_least", year=year,
        level=item.target_level, latest=ends[-1] if ends else None, verdict=judged,
        original_value=item.target_value if revision else None,
        original_year=item.target_year if revision else None, revision=revision,
        original_value_max=item.target_value_max if revision else None,
        outcome=item.target_outcome, assigned_to=assigned_to,
    )  # fmt: skip


def judge(
    value: Decimal | None, year: int, comparison: str | None, assigned_on: date, ends, today: date
) -> Verdict:
    """The verdict of a target whose value in force is `value` by `year`, measured `ends`."""
    if value is None:
        return Verdict.NO_DATA
    target = Target(
        value=value, year=year, assigned_on=assigned_on, comparison=comparison or "at_least"
    )
    return verdict(target, ends, today)


def series(item_ids: list[int], today: date) -> dict[int, list[tuple[date, Decimal]]]:
    """Every measurement up to today of the given targets, oldest first (one query)."""
    found: dict[int, list] = defaultdict(list)
    if not item_ids:
        return found
    m = Measurement
    query = (
        select(m.item_id, m.measured_on, m.value)
        .where(m.item_id.in_(item_ids), m.measured_on <= today)
        .order_by(m.measured_on, m.id)
    )
    for item_id, measured_on, value in db.session.execute(query):
        found[item_id].append((measured_on, value))
    return found


@dataclass(frozen=True)
class LocalityTable:
    """Targets split per locality, side by side: one row per shared code."""

    localities: list[tuple[int, str]]  #: (agency id, name) of the columns
    rows: list[tuple[str, str, dict[int, TargetRow]]]  #: (base code, title, locality -> target)


def locality_table(rows: list[TargetRow], names: dict[int, str]) -> LocalityTable:
    grouped: dict[str, dict[int, TargetRow]] = defaultdict(dict)
    for row in rows:
        if row.base_code:
            grouped[row.base_code][row.assigned_to or row.agency_id] = row
    used = sorted({agency for cells in grouped.values() for agency in cells})
    lines = []
    for base, cells in grouped.items():
        first = next(iter(cells.values()))
        title = first.title.rsplit(" – ", 1)[0]  # the split titles end with " – <locality>"
        lines.append((base, title, cells))
    return LocalityTable([(agency, names.get(agency, "")) for agency in used], lines)
