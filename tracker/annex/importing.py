"""Importing an annex into a document: every row checked and compared first, then all rows
written in one transaction, or nothing.

Rows are matched to the document's items by their code: importing the same sheet again
changes nothing, and a corrected sheet changes only what differs, each change recorded in the
item's history like any other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.annex.layout import letter
from tracker.annex.reading import Problem, read_sheet
from tracker.annex.resolving import AnnexRow, Names, RowReader, nearest
from tracker.clock import local_today
from tracker.database import db
from tracker.documents.actions import document_for_import
from tracker.domain.text import fold
from tracker.domain.workflow import Status
from tracker.formatting import format_date
from tracker.history.changes import apply, display, record
from tracker.history.periods import assignment_changed, open_period
from tracker.models import Group, Plan, User, WorkItem
from tracker.permissions import manages_plan
from tracker.refusals import NotAllowed

#: What a row sets on its item, in the order the preview names changes.
FIELDS = (
    "title", "kind", "group", "sector", "lead_agency", "coordinating_agencies", "deadline",
    "target_value", "target_unit", "is_key", "is_urgent", "is_public",
)  # fmt: skip


@dataclass
class RowOutcome:
    row: AnnexRow
    action: str  #: "new", "changed" or "unchanged"
    changed: list[str] = field(default_factory=list)  #: the fields that differ


@dataclass
class Outcome:
    number: str
    document_is_new: bool
    rows: list[RowOutcome]
    problems: list[Problem]
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    def count(self, action: str) -> int:
        return sum(1 for outcome in self.rows if outcome.action == action)


class _Groups:
    """The document's headings: matched by name, heading or code; a document without any
    takes its headings from the sheet."""

    def __init__(self, document: Plan) -> None:
        self.document = document
        self.known: dict[str, Group] = {}
        for group in document.groups if document.id else []:
            for text in (group.name, group.heading, group.code):
                if text:
                    self.known.setdefault(fold(text), group)
        self.open = not self.known
        self.new: dict[str, Group] = {}

    def find(self, heading: str | None) -> Group | str | None:
        """The group, the heading that a new group will have, or None for no group."""
        if not heading:
            return None
        return self.known.get(fold(heading)) or (heading if self.open else None)

    def unknown(self, heading: str | None) -> bool:
        return bool(heading) and self.find(heading) is None

    def suggestion(self, heading: str) -> str:
        names = {fold(group.name): group.name for group in self.known.values()}
        found = nearest(heading, names)
        if found:
            return _("Unknown heading “%(text)s”: did you mean “%(name)s”?", text=heading,
                     name=found)  # fmt: skip
        return _("Unknown heading “%(text)s”.", text=heading)

    def made(self, heading: str) -> Group:
        key = fold(heading)
        if key not in self.new:
            position = len(self.document.groups) + 1
            self.new[key] = Group(
                plan=self.document, code=f"M{position}", kind="group", name=heading[:200],
                heading=heading, position=position,
            )  # fmt: skip
        return self.new[key]


def _values(row: AnnexRow, group) -> dict:
    return {
        "title": row.title, "kind": row.kind, "group": group, "sector": row.sector,
        "lead_agency": row.lead, "coordinating_agencies": row.coordinating,
        "deadline": row.deadline, "target_value": row.target_value,
        "target_unit": row.target_unit, "is_key": row.is_key, "is_urgent": row.is_urgent,
        "is_public": row.is_public,
    }  # fmt: skip


def _differences(item: WorkItem, values: dict, parent_code: str | None) -> list[str]:
    changed = []
    for name in FIELDS:
        new = values[name]
        if name == "group":
            # A heading still to be made into a group is a change; a group is compared as is.
            differs = isinstance(new, str) or item.group is not new
        else:
            differs = getattr(item, name) != new
        if differs:
            changed.append(name)
    current_parent = item.parent.code if item.parent is not None else None
    if (current_parent or "").upper() != (parent_code or "").upper():
        changed.append("parent")
    return changed


def _check_references(rows, existing, groups: _Groups, problems: list[Problem]) -> None:
    codes = {row.code.upper() for row in rows} | set(existing)
    for row in rows:
        if row.parent_code and row.parent_code.upper() not in codes:
            problems.append(
                Problem(
                    _("No row or item has the code %(code)s.", code=row.parent_code),
                    row.number,
                    letter("parent"),
                )  # fmt: skip
            )
        if groups.unknown(row.heading):
            problems.append(Problem(groups.suggestion(row.heading), row.number, letter("heading")))
        _check_new_lead(row, existing.get(row.code.upper()), problems)


def _check_new_lead(row, item: WorkItem | None, problems: list[Problem]) -> None:
    """An agency that has ended may still be named for what it held (an older document's row
    read back unchanged), never given new work: a new item, or an item moved to it."""
    lead = row.lead
    if lead is None or lead.existing_until is None:
        return
    if item is not None and item.lead_agency_id == lead.id:
        return
    message = _("%(name)s no longer exists from %(day)s: give the item to the agency that took "
                "over its work.", name=lead.name, day=format_date(lead.existing_until))  # fmt: skip
    problems.append(Problem(message, row.number, letter("lead")))


def _read(data: bytes, filename: str, number: str):
    sheet = read_sheet(data, filename)
    problems = list(sheet.problems)
    document, is_new = document_for_import(number)
    reader = RowReader(Names(document.issued_on), problems)
    rows = [reader.read(raw) for raw in sheet.rows]
    existing = {
        item.code.upper(): item
        for item in db.session.scalars(
            select(WorkItem)
            .where(WorkItem.plan_id == document.id)
            .options(selectinload(WorkItem.coordinating_agencies))
        )
    } if not is_new else {}  # fmt: skip
    return rows, problems, document, is_new, existing


def import_annex(
    user: User | None, data: bytes, filename: str, number: str, dry_run: bool = False
) -> Outcome:
    """Check an annex against document `number` and, unless `dry_run` or anything is wrong,
    write it. `user` is None on the command line (the operator of the server)."""
    if user is not None and not manages_plan(user):
        raise NotAllowed(_("Only the provincial office imports annexes."))
    rows, problems, document, is_new, existing = _read(data, filename, number)
    groups = _Groups(document)
    _check_references(rows, existing, groups, problems)
    outcomes = []
    for row in rows:
        item = existing.get(row.code.upper())
        if item is None:
            outcomes.append(RowOutcome(row, "new"))
            continue
        changed = _differences(item, _values(row, groups.find(row.heading)), row.parent_code)
        outcomes.append(RowOutcome(row, "changed" if changed else "unchanged", changed))
    outcome = Outcome(document.number, is_new, outcomes, sorted(problems, key=_order))
    if outcome.problems or dry_run:
        db.session.rollback()
        return outcome
    try:
        _write(user, document, groups, outcomes, existing, filename)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    outcome.written = True
    return outcome


def _order(problem: Problem):
    return (problem.row or 0, problem.column or "")


def _write(user, document, groups: _Groups, outcomes, existing, filename: str) -> None:
    today = local_today()
    note = _("Imported from the annex %(name)s.", name=filename)
    items = dict(existing)
    for outcome in outcomes:
        row = outcome.row
        group = groups.find(row.heading)
        values = _values(row, groups.made(group) if isinstance(group, str) else group)
        if outcome.action == "new":
            items[row.code.upper()] = _create(user, document, row, values, today, note)
        elif outcome.action == "changed":
            _update(user, items[row.code.upper()], values, today, note)
    for outcome in outcomes:
        _link_parent(user, items, outcome, today, note)


def _create(user, document, row: AnnexRow, values: dict, today, note: str) -> WorkItem:
    target = row.kind == "target"
    item = WorkItem(
        plan=document, code=row.code, assigned_on=today, original_deadline=row.deadline,
        status=Status.ASSIGNED.value, target_year=row.deadline.year if target else None,
        target_comparison="at_least" if target else None, last_activity_on=today, **values,
    )  # fmt: skip
    db.session.add(item)
    changes = {
        name: [None, display(values[name])]
        for name in ("lead_agency", "coordinating_agencies", "deadline")
        if values[name]
    }
    record(item, user, "created", today, changes, note)
    return item


def _update(user, item: WorkItem, values: dict, today, note: str) -> None:
    if values["kind"] == "target" and item.target_year is None and values["deadline"]:
        item.target_year = values["deadline"].year
    changes = apply(item, **values)
    if not changes:
        return  # only its parent changed: _link_parent records that
    if item.original_deadline is None:
        item.original_deadline = item.deadline
    verb = "reassigned" if "lead_agency" in changes else "updated"
    record(item, user, verb, today, changes, note)
    if assignment_changed(changes):
        kind = "reassignment" if "lead_agency" in changes else "correction"
        open_period(item, kind, today, user, note)


def _link_parent(user, items: dict, outcome: RowOutcome, today, note: str) -> None:
    if outcome.action == "unchanged" or (
        outcome.action == "changed" and "parent" not in outcome.changed
    ):
        return
    item = items[outcome.row.code.upper()]
    parent = items.get((outcome.row.parent_code or "").upper())
    if item.parent is not parent:
        old, new = (found.code if found else None for found in (item.parent, parent))
        item.parent = parent
        if outcome.action == "changed":
            record(item, user, "updated", today, {"parent": [old, new]}, note)
