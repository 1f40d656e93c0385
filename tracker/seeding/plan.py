"""Load the plan from seed/*.yaml, upserting by natural key (codes)."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path

import yaml
from sqlalchemy import select

from tracker.database import db
from tracker.models import (
    Activity,
    Agency,
    Group,
    Plan,
    ReorganisationEvent,
    Sector,
    TargetRevision,
    WorkItem,
    event_agencies,
)
from tracker.models.org import AgencyLevel
from tracker.seeding import SEED_DIR, set_changed

#: The level an agency of the seed has unless its entry names one.
LEVEL_OF_KIND = {
    "department": AgencyLevel.DEPARTMENT,
    "other": AgencyLevel.DEPARTMENT,
    "locality": AgencyLevel.DISTRICT,
}


def read_seed(seed_dir: Path, name: str):
    with (seed_dir / f"{name}.yaml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def load_plan(seed_dir: Path = SEED_DIR) -> Counter[str]:
    """Load agencies, sectors, the plan, its groups and items; return what changed."""
    report: Counter[str] = Counter()
    agencies = _load_agencies(read_seed(seed_dir, "agencies"), report)
    sectors = _load_sectors(read_seed(seed_dir, "sectors"), report)
    plan_data = read_seed(seed_dir, "plan")
    plan = _load_plan_row(plan_data["plan"], report)
    groups = _load_groups(plan, plan_data["groups"], report)
    items: dict[str, WorkItem] = {}
    for entry in read_seed(seed_dir, "items"):
        parent = items[entry["parent"]] if entry.get("parent") else None
        _check_within_parent(entry, parent)
        items[entry["code"]] = _load_item(plan, entry, groups, sectors, agencies, report, parent)
        _load_revisions(items[entry["code"]], entry, report)
    db.session.commit()
    return report


def _upsert(model, key: dict, values: dict, report: Counter[str], label: str):
    row = db.session.scalar(select(model).filter_by(**key))
    if row is None:
        row = model(**key, **values)
        db.session.add(row)
        report[f"{label} created"] += 1
    elif set_changed(row, **values):
        report[f"{label} updated"] += 1
    return row


def _renamed() -> set[str]:
    """Codes of the agencies renamed by a reorganisation: their name is the event's, not the
    2022 one of the seed (seed/reorganisation.yaml)."""
    return set(
        db.session.scalars(
            select(Agency.code)
            .join(event_agencies, event_agencies.c.agency_id == Agency.id)
            .join(ReorganisationEvent, ReorganisationEvent.id == event_agencies.c.event_id)
            .where(ReorganisationEvent.kind == "rename")
        )
    )


def _load_agencies(entries: list[dict], report: Counter[str]) -> dict[str, Agency]:
    renamed = _renamed()
    return {
        entry["code"]: _upsert(
            Agency,
            {"code": entry["code"]},
            {
                **({} if entry["code"] in renamed else {"name": entry["name"]}),
                "short_name": entry.get("short_name"),
                "kind": entry["kind"],
                "level": entry.get("level", LEVEL_OF_KIND[entry["kind"]]),
            },
            report,
            "agencies",
        )
        for entry in entries
    }


def _load_sectors(entries: list[dict], report: Counter[str]) -> dict[str, Sector]:
    return {
        entry["code"]: _upsert(
            Sector,
            {"code": entry["code"]},
            {"name": entry["name"], "position": i},
            report,
            "sectors",
        )
        for i, entry in enumerate(entries)
    }


def _load_plan_row(entry: dict, report: Counter[str]) -> Plan:
    fields = ("number", "issued_on", "issuer", "title", "basis", "general_objective")
    return _upsert(
        Plan, {"code": entry["code"]}, {f: entry.get(f) for f in fields}, report, "plans"
    )


def _load_groups(plan: Plan, entries: list[dict], report: Counter[str]) -> dict[str, Group]:
    db.session.flush()
    groups = {}
    for position, entry in enumerate(entries):
        values = {
            "kind": entry["kind"],
            "name": entry["name"],
            "heading": entry.get("heading"),
            "position": position,
        }
        key = {"plan_id": plan.id, "code": entry["code"]}
        groups[entry["code"]] = _upsert(Group, key, values, report, "groups")
    return groups


def _issued_at(day: date) -> datetime:
    """08:00 in Vietnam on the plan's date of issue, as an aware UTC timestamp."""
    return datetime.combine(day, time(1, 0), tzinfo=UTC)


def _decimal(value) -> Decimal | None:
    return Decimal(str(value)) if value is not None else None


def _check_within_parent(entry: dict, parent: WorkItem | None) -> None:
    """A sub-item is part of its parent's work: it cannot be due after the parent is."""
    deadline = entry["assignment"].get("deadline")
    if parent is not None and deadline and parent.deadline and deadline > parent.deadline:
        raise ValueError(
            f"{entry['code']}: deadline {deadline} is after its parent's ({parent.deadline})"
        )


def _item_text(entry: dict, groups, sectors, parent: WorkItem | None) -> dict:
    """What the plan itself says: always follows the YAML."""
    target = entry.get("target") or {}
    return {
        "parent": parent,
        "kind": entry["kind"],
        "title": entry["title"],
        "plan_text": entry.get("plan_text"),
        "group": groups[entry["group"]],
        "sector": sectors[entry["sector"]],
        "target_value": _decimal(target.get("value")),
        "target_value_max": _decimal(target.get("value_max")),
        "target_unit": target.get("unit"),
        "target_level": target.get("level"),
        "target_year": target.get("year"),
        "target_comparison": target.get("comparison", "at_least") if target else None,
    }


def _item_assignment(entry: dict, agencies) -> dict:
    """The office's default assignment (PLAN-59.md), applied while the office keeps it."""
    assignment = entry["assignment"]
    deadline: date | None = assignment.get("deadline")
    return {
        "lead_agency": agencies[assignment["lead"]],
        # Sorted like the relationship loads them, so an unchanged list compares equal.
        "coordinating_agencies": sorted(
            (agencies[c] for c in assignment.get("coordinating", [])), key=lambda a: a.code
        ),
        "deadline": deadline,
        "original_deadline": deadline,
        "report_every_months": assignment.get("report_every_months"),
    }


def _load_item(
    plan: Plan, entry: dict, groups, sectors, agencies, report: Counter[str], parent=None
) -> WorkItem:
    item = db.session.scalar(select(WorkItem).filter_by(plan_id=plan.id, code=entry["code"]))
    text = _item_text(entry, groups, sectors, parent)
    assignment = _item_assignment(entry, agencies)
    if item is None:
        item = WorkItem(
            plan=plan,
            code=entry["code"],
            assigned_on=plan.issued_on,
            default_assignment=True,
            last_activity_on=plan.issued_on,
            # The plan line a sector's work item applies (seed/README.md); the office may edit it.
            description=f"Căn cứ: {entry['basis']}" if entry.get("basis") else None,
            **text,
            **assignment,
        )
        # The plan assigned the item on its date of issue; that is when its history starts.
        item.activities.append(Activity(verb="seeded", created_at=_issued_at(plan.issued_on)))
        db.session.add(item)
        report["items created"] += 1
        return item
    changed = set_changed(item, **text)
    # Once the office has changed the assignment (or an extension moved the deadline), the seed
    # no longer touches it: the office's decision wins over the default.
    if item.default_assignment and item.deadline == item.original_deadline:
        changed = set_changed(item, **assignment) or changed
    if changed:
        report["items updated"] += 1
    return item


def _load_revisions(item: WorkItem, entry: dict, report: Counter[str]) -> None:
    """A later document's revisions of a target (seed/README.md), each once, with its line in
    the item's history on the document's date."""
    for revision in (entry.get("target") or {}).get("revisions", []):
        decided_on, document = revision["decided_on"], revision["document"]
        if any(r.decided_on == decided_on and r.document == document for r in item.revisions):
            continue
        before = item.revisions[-1] if item.revisions else None
        value = _decimal(revision["value"])
        item.revisions.append(
            TargetRevision(
                value=value,
                year=revision["year"],
                decided_on=decided_on,
                document=document,
                note=revision.get("reason"),
                created_at=_issued_at(decided_on),
            )
        )
        changes = {"target_value": [_figure(before, item), format(value.normalize(), "f")]}
        item.activities.append(
            Activity(
                verb="target_revised",
                changes=changes,
                note=f"{document}: {revision.get('reason', '')}".strip(": "),
                created_at=_issued_at(decided_on),
            )
        )
        report["target revisions recorded"] += 1


def _figure(before: TargetRevision | None, item: WorkItem) -> str:
    """The value in force before a revision, as the history writes it: "15–20" for a range."""
    if before is not None:
        return format(before.value.normalize(), "f")
    low = format(item.target_value.normalize(), "f")
    high = item.target_value_max
    return f"{low}–{format(high.normalize(), 'f')}" if high is not None else low
