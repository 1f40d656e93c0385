"""Names of pillars, sectors and agencies, read in one query for filters and row labels."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, cached_property

from sqlalchemy import func, literal, select, union_all

from tracker.database import db
from tracker.models import Agency, Group, Plan, Sector


@dataclass(frozen=True)
class Label:
    id: int
    code: str
    name: str


@dataclass(frozen=True)
class Labels:
    """Every pillar or group, sector and agency, each list in its usual order."""

    pillars: list[Label] = field(default_factory=list)
    sectors: list[Label] = field(default_factory=list)
    agencies: list[Label] = field(default_factory=list)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {agency.id: agency for agency in self.agencies})

    def agency(self, agency_id: int) -> Label | None:
        return self._by_id.get(agency_id)

    def agency_by_code(self, code: str) -> Label | None:
        return next((a for a in self.agencies if a.code == code), None)

    @cached_property
    def agency_names(self) -> dict[int, str]:
        """Agency id -> name, for tables naming an agency on every row (a plain lookup)."""
        return {agency.id: agency.name for agency in self.agencies}


def load_labels() -> Labels:
    """All three lists in one round trip; each row carries its position in its own list."""
    lists: dict[str, list[Label]] = {"pillar": [], "sector": [], "agency": []}
    rows = db.session.execute(_labels_statement()).all()
    for what, _n, label_id, code, name in sorted(rows, key=lambda row: (row[0], row[1])):
        lists[what].append(Label(label_id, code, name))
    return Labels(lists["pillar"], lists["sector"], lists["agency"])


# Built once per process: every filter form reads the labels, and building the statement
# cost nearly as much as running it.
@cache
def _labels_statement():
    groups = select(
        literal("pillar").label("what"),
        func.row_number().over(order_by=(Plan.issued_on.desc(), Group.position)).label("n"),
        Group.id,
        Group.code,
        Group.name,
    ).join(Plan, Group.plan_id == Plan.id)
    sectors = select(
        literal("sector"),
        func.row_number().over(order_by=(Sector.position, Sector.id)),
        Sector.id,
        Sector.code,
        Sector.name,
    )
    agencies = select(
        literal("agency"),
        func.row_number().over(order_by=Agency.id),
        Agency.id,
        Agency.code,
        Agency.name,
    )
    return union_all(groups, sectors, agencies)
