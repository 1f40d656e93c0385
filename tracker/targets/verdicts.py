"""The targets' verdicts counted, and the few a page lists, without judging every target as a
row of the targets page.

A target neither measured by the day nor revised has a verdict the database can give: no data
while its year runs (or when it sets no value), missed once its year is over. Those are counted
and ordered by the database. Only the measured or revised ones are judged here, by the domain's
rule (`tracker.targets.queries.judge`, as the targets page judges them), from the few columns
the rule reads. Full rows are built for the targets listed, not for every one. At a million
items with 200,000 targets, judging each as a page row took 5.4 s of a cold dashboard.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, case, func, literal, select, union

from tracker.database import db
from tracker.domain.targets import Verdict, in_force
from tracker.models import Measurement, TargetRevision, WorkItem
from tracker.targets.queries import TargetFilters, TargetRow, ends_of, judge, revisions, target_rows

W = WorkItem

#: What the dashboard lists: targets at risk, then those missed.
LISTED = (Verdict.AT_RISK, Verdict.MISSED)
#: The verdicts the database gives a target that was never measured nor revised.
PLAIN = (Verdict.NO_DATA, Verdict.MISSED)

#: Where a target stands in plan order (its plan's year, then its code) and in the dashboard's
#: list (at risk before missed, then the year in force and the code): tuples sorted by Python,
#: so the database orders codes byte by byte too (`_in_plan_order`).
Place = tuple


@dataclass(frozen=True)
class Judged:
    """A target judged here, with the verdict the database gives the targets it does not judge
    (from the plan's value and year, as if never measured), which its count corrects."""

    id: int
    code: str
    year: int  #: the plan's
    year_in_force: int
    verdict: Verdict
    as_plain: Verdict

    @property
    def in_plan(self) -> Place:
        return (self.year, self.code, self.id)


@dataclass(frozen=True)
class Verdicts:
    """The verdicts of the targets some `where` selects on a day."""

    where: ColumnElement[bool]
    today: date
    counts: dict[Verdict, int]
    judged: list[Judged]  #: the measured or revised targets

    def plain(self, verdict: Verdict, first: int) -> list[Place]:
        """The first `first` targets the database finds of `verdict` (in `PLAIN`), in plan
        order, but the judged ones: judged here, their verdict may be another."""
        left_out = {t.id for t in self.judged if t.as_plain is verdict}
        query = (
            select(W.target_year, W.code, W.id)
            .where(self.where, _plain_verdict(self.today) == verdict.value)
            .order_by(*_in_plan_order())
            .limit(first + len(left_out))
        )
        return [tuple(row) for row in db.session.execute(query) if row.id not in left_out]

    def page(self, verdict: Verdict | None, offset: int, size: int) -> list[int]:
        """The ids of the targets (of `verdict`, when given) at `offset` in plan order."""
        if verdict is None:
            query = select(W.id).where(self.where).order_by(*_in_plan_order())
            return list(db.session.scalars(query.offset(offset).limit(size)))
        places = [t.in_plan for t in self.judged if t.verdict is verdict]
        if verdict in PLAIN:
            places += self.plain(verdict, offset + size)
        return [place[-1] for place in sorted(places)[offset : offset + size]]


def verdicts_of(where: ColumnElement[bool], today: date) -> Verdicts:
    """The targets `where` selects (`tracker.targets.queries.matching`) counted by verdict on
    `today` (4 queries, whatever the number of targets).

    The database's pass over every target leaves the measured ones in, corrected here: leaving
    them out costs a lookup per target, and PostgreSQL then reads alone rather than with its
    parallel workers (twice as long at a million items).
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
    return Verdicts(where, today, counts, judged)


def verdicts_and_listed(
    where: ColumnElement[bool], today: date, shown: int
) -> tuple[dict[Verdict, int], list[TargetRow]]:
    """The targets `where` selects counted by verdict on `today`, and the first `shown` of those
    at risk or missed: at risk first, then missed, each by the year in force and the code (6
    queries, whatever the number of targets)."""
    found = verdicts_of(where, today)
    listed = [
        (t.verdict is Verdict.MISSED, t.year_in_force, t.code, t.id)
        for t in found.judged
        if t.verdict in LISTED
    ]
    # Never revised, a plain target's year in force is its plan's.
    listed += [(True, *place) for place in found.plain(Verdict.MISSED, shown)]
    chosen = [place[-1] for place in sorted(listed)[:shown]]
    rows = {row.id: row for row in target_rows(TargetFilters(), today, chosen)}
    return found.counts, [rows[item_id] for item_id in chosen]


def _in_plan_order() -> tuple:
    """Year, then code byte by byte, as Python orders strings (not the database's locale)."""
    code = W.code.collate("C") if db.session.get_bind().dialect.name == "postgresql" else W.code
    return (W.target_year, code, W.id)


def _plain_verdict(today: date) -> ColumnElement[str]:
    """The verdict of a target never measured by `today` nor revised (the domain's rule)."""
    return case(
        (W.target_value.is_(None), literal(Verdict.NO_DATA.value)),
        (W.target_year < today.year, literal(Verdict.MISSED.value)),
        else_=literal(Verdict.NO_DATA.value),
    )


def _judged(where, today: date) -> Iterator[Judged]:
    """The targets measured by `today` or revised, judged in Python by the domain's rule."""
    measured = select(Measurement.item_id).where(Measurement.measured_on <= today)
    # A set the database hashes once (a few targets in thousands are measured).
    ids = select(W.id).where(where, W.id.in_(union(measured, select(TargetRevision.item_id))))
    ends, revised = ends_of(today, ids), revisions(ids)
    columns = (W.id, W.code, W.target_value, W.target_year, W.target_comparison, W.assigned_on)
    for item_id, code, value, year, comparison, assigned_on in db.session.execute(
        select(*columns).where(W.id.in_(ids))
    ):
        # What the database's pass gave it: the rule, as if never measured nor revised.
        as_plain, in_force_year = judge(value, year, comparison, assigned_on, [], today), year
        if (revision := in_force(revised.get(item_id, []), today)) is not None:
            value, in_force_year = revision.value, revision.year
        verdict = judge(value, in_force_year, comparison, assigned_on, ends.get(item_id, []), today)
        yield Judged(item_id, code, year, in_force_year, verdict, as_plain)
