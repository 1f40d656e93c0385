"""The dashboard's targets' part is judged again only after a write that a verdict reads: a
task's progress report, the most common write, leaves 200,000 verdicts as they were
(tracker.reports.target_writes)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select, update

from tests.workers import statements_of
from tracker.database import db
from tracker.models import Agency, Measurement, TargetRevision, WorkItem
from tracker.plans.dashboard import _judged, computed, target_figures
from tracker.reports.cache import targets_version
from tracker.reports.statistics import EVERYTHING


def a_target() -> WorkItem:
    return db.session.scalar(
        select(WorkItem).where(WorkItem.kind == "target").order_by(WorkItem.id)
    )


def a_task() -> WorkItem:
    return db.session.scalar(select(WorkItem).where(WorkItem.kind == "task").order_by(WorkItem.id))


def judged_here(statements: list[str]) -> bool:
    return any("FROM measurements" in statement for statement in statements)


def test_a_tasks_report_leaves_the_verdicts_judged(app, today):
    before = computed(today)
    task = a_task()
    task.progress = (task.progress + 7) % 100
    db.session.commit()
    with statements_of(app) as statements:
        after = computed(today)
    assert not judged_here(statements)
    assert any("FROM work_items" in statement for statement in statements)  # the rest is not
    assert (after.verdicts, after.at_risk) == (before.verdicts, before.at_risk)
    assert (after.verdicts, after.at_risk) == _judged(today, EVERYTHING)


def _measured(today):
    db.session.add(Measurement(item=a_target(), value=Decimal(1), measured_on=today))


def _target_edited(today):
    a_target().target_value = Decimal(42)


def _revised(today):
    db.session.add(TargetRevision(item=a_target(), value=Decimal(7), year=2030, decided_on=today,
                                  document="12/QĐ-UBND"))  # fmt: skip


def _agency_renamed(today):
    agency = db.session.get(Agency, a_target().lead_agency_id)
    agency.name = agency.name + " (mới)"


def _task_made_target(today):
    task = a_task()
    task.kind, task.target_year, task.target_value = "target", 2030, Decimal(90)


def _bulk_statement(today):
    db.session.execute(update(WorkItem).where(WorkItem.id == a_task().id).values(progress=3))


def _task_reported(today):
    a_task().progress = 11


def _task_extended(today):
    task = a_task()
    task.deadline = (task.deadline or today) + timedelta(days=10)


@pytest.mark.parametrize(
    ("write", "raises"),
    [(_measured, True), (_target_edited, True), (_revised, True), (_agency_renamed, True),
     (_task_made_target, True), (_bulk_statement, True), (_task_reported, False),
     (_task_extended, False)],
)  # fmt: skip
def test_writes_a_verdict_reads_raise_the_targets_version(app, today, write, raises):
    start = targets_version()
    write(today)
    db.session.commit()
    assert targets_version() == ((start[0] + 1,) if raises else start)
    assert target_figures(today) == _judged(today, EVERYTHING)
