"""The targets' verdicts counted, and the few the dashboard lists, without judging every target
as a row of the targets page.

A target neither measured by the day nor revised has a verdict the database can give: no data
while its year runs (or when it sets no value), missed once its year is over. Those are counted
by the database. Only the measured or revised ones are judged here, by the domain's rule
(`tracker.targets.queries.judge`, as the targets page judges them), from the few columns the
rule reads. Full rows are built for the targets listed, not for every one. At a million items
with 200,000 targets, judging each as a page row took 5.4 s of a cold dashboard.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, case, func, literal, select, union

from tracker.database import db
from tracker.domain.targets import Verdict, in_force
from tracker.models import Measurement, TargetRevision, WorkItem
from tracker.targets.queries import (
    TargetFilters,
    TargetRow,
    ends_of,
    judge,
    revisions,
    target_rows,
)

W = WorkItem

#: What the dashboard lists: targets at risk, then those missed.
LISTED = (Verdict.AT_RISK, Verdict.MISSED)


@dataclass(frozen=True, order=True)
class _Listed:
    """A listed target's place: at risk before missed, then by year in force and code."""

    missed: bool
    year: int
    code: str
    id: int


@dataclass(frozen=True)
class _Judged:
    """A target judged here, and the verdict the database gives the targets it does not judge
    (from the plan's value and year, as if never measured), which its count corrects."""

    verdict: Verdict
    as_plain: Verdict
    place: _Listed


def verdicts_and_listed(
    where: ColumnElement[bool], today: date, shown: int
) -> tuple[dict[Verdict, int], list[TargetRow]]:
    """The targets `where` selects (`tracker.targets.queries.matching`) counted by verdict on
    `today`, and the first `shown` of those at risk or missed: at risk first, then missed, each
    by the year in force and the code (5 queries, whatever the number of targets).

    The database's two passes over every target leave the measured ones in, corrected here:
    leaving them out costs a lookup per target, and PostgreSQL then reads alone rather than
    with its parallel workers (twice as long at a million items).
    """
    judged = list(_judged(where, today))
    counts = dict.fromkeys(Verdict, 0)
    plain = _plain_verdict(today)
    for found, number in db.session.execute(
        select(plain, func.count()).where(where).group_by(plain)
    ):
        counts[Verdict(found)] += number
    for target in judged:
        counts[target.as_plain] -= 1
        counts[target.verdict] += 1
    listed = [target.place for target in judged if target.verdict in LISTED]
    missed_as_plain = {target.place.id for target in judged if target.as_plain is Verdict.MISSED}
    listed += _plain_missed(where, today, shown, missed_as_plain)
    chosen = sorted(listed)[:shown]
    rows = {row.id: row for row in target_rows(TargetFilters(), today, [c.id for c in chosen])}
    return counts, [rows[c.id] for c in chosen]


def _plain_verdict(today: date) -> ColumnElement[str]:
    """The verdict of a target never measured by `today` nor revised (the domain's rule)."""
    return case(
        (W.target_value.is_(None), literal(Verdict.NO_DATA.value)),
        (W.target_year < today.year, literal(Verdict.MISSED.value)),
        else_=literal(Verdict.NO_DATA.value),
    )


def _as_plain(value, year: int, today: date) -> Verdict:
    """`_plain_verdict` of one target's own columns."""
    return Verdict.MISSED if value is not None and year < today.year else Verdict.NO_DATA


def _plain_missed(where, today: date, shown: int, judged: set[int]) -> list[_Listed]:
    """The first `shown` targets the database finds missed, by year and code (the code in byte
    order, as Python orders the others, whatever the database's locale), but the `judged`
    ones: judged here, they are found missed, or not, with their measurements."""
    code = W.code.collate("C") if db.session.get_bind().dialect.name == "postgresql" else W.code
    query = (
        select(W.id, W.target_year, W.code)
        .where(where, W.target_value.is_not(None), W.target_year < today.year)
        .order_by(W.target_year, code)
        .limit(shown + len(judged))  # the judged ones among them are left out below
    )
    found = db.session.execute(query)
    return [_Listed(True, year, code, id_) for id_, year, code in found if id_ not in judged]


def _judged(where, today: date):
    """The targets measured by `today` or revised, judged in Python by the domain's rule."""
    measured = select(Measurement.item_id).where(Measurement.measured_on <= today)
    # A set the database hashes once (a few targets in thousands are measured).
    ids = select(W.id).where(where, W.id.in_(union(measured, select(TargetRevision.item_id))))
    ends, revised = ends_of(today, ids), revisions(ids)
    columns = (W.id, W.code, W.target_value, W.target_year, W.target_comparison, W.assigned_on)
    for item_id, code, value, year, comparison, assigned_on in db.session.execute(
        select(*columns).where(W.id.in_(ids))
    ):
        as_plain = _as_plain(value, year, today)
        if (revision := in_force(revised.get(item_id, []), today)) is not None:
            value, year = revision.value, revision.year
        verdict = judge(value, year, comparison, assigned_on, ends.get(item_id, []), today)
        yield _Judged(verdict, as_plain, _Listed(verdict is Verdict.MISSED, year, code, item_id))
