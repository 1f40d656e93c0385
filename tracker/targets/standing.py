"""One target on a date, read from the item itself: the value in force (the plan's, or a later
document's revision), its latest measured value and the verdict; and the rule that a target
is closed as met only when that value reaches the value in force."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _

from tracker.domain.targets import Revision, Target, in_force, reaches
from tracker.formatting import format_date, format_quantity
from tracker.models import WorkItem
from tracker.refusals import Conflict
from tracker.targets.queries import TargetRow, build_row


def revisions_of(item: WorkItem) -> list[Revision]:
    return [Revision(r.value, r.year, r.decided_on, r.document) for r in item.revisions]


def target_row(item: WorkItem, today: date) -> TargetRow:
    """The item's target as the targets page shows it on `today`."""
    known = sorted((m.measured_on, m.value) for m in item.measurements if m.measured_on <= today)
    ends = [known[0], known[-1]] if len(known) > 1 else known
    revision = in_force(revisions_of(item), today)
    agency = item.lead_agency
    return build_row(item, agency.code, agency.kind, ends, revision, today)


def meets(row: TargetRow) -> bool:
    """Does the latest measured value reach the value in force? A target without a figure
    (e.g. "make Quy Nhơn an AI centre") has nothing to miss."""
    if row.value is None:
        return True
    if row.latest is None:
        return False
    target = Target(row.value, row.year, date.min, row.comparison)
    return reaches(target, row.latest[1])


def check_met(item: WorkItem, today: date) -> None:
    """Refuse to mark a target completed (met) while its latest value misses the value in force."""
    if not item.is_target:
        return
    row = target_row(item, today)
    if meets(row):
        return
    wanted = format_quantity(row.value, row.unit)
    if row.latest is None:
        message = _(
            "No value of this target has been measured: report the measured value that meets "
            "the target (%(target)s) first. If it was not met, the provincial office ends the "
            "target as “ended – not met” with the reason.",
            target=wanted,
        )
    else:
        message = _(
            "The latest measured value, %(value)s on %(date)s, misses the target in force "
            "(%(target)s): a target is completed only when met. If it was not met, the "
            "provincial office ends the target as “ended – not met” with the reason.",
            value=format_quantity(row.latest[1], row.unit),
            date=format_date(row.latest[0]),
            target=wanted,
        )
    raise Conflict(message)


def met_outcome(item: WorkItem) -> dict:
    """What a confirmed completion sets beyond the status: a target ends as met."""
    return {"target_outcome": "met"} if item.is_target else {}
