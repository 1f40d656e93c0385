"""The statistics as of every date agree with a plain reading of randomly generated histories:
items reassigned, given new deadlines, completed, confirmed and cancelled on random days,
written through the app's own dated assignment (tracker.history.periods.open_period).

The expected table is computed here in Python from the generated events alone (what held on
each day), not from the database's periods, for every dimension and many scopes.
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import insert, select

from tracker.database import db
from tracker.domain.tally import Tally
from tracker.history.periods import open_period
from tracker.models import Agency, Group, Plan, Sector, User, WorkItem
from tracker.models.accounts import portfolio_agencies
from tracker.reports import statistics
from tracker.reports.statistics import Basis, Dimension, Scope

START = date(2025, 1, 1)
#: Every day the generated histories touch, and one on each side.
DAYS = [START + timedelta(days=n) for n in range(-1, 14)]
OPEN = ("assigned", "in_progress", "submitted", "returned", "refused")


def _day(rng: random.Random, first: date, last: int = 11) -> date:
    """A day from `first` to START + `last`: narrow, so that events often share a day."""
    return first + timedelta(days=rng.randint(0, max(0, (START - first).days + last)))


@dataclass
class History:
    """One generated item: where it stood, and each assignment in the order it was made."""

    item: WorkItem
    sector_id: int
    group_id: int
    public: bool
    assigned_on: date
    original: date | None
    #: (first day, lead agency, deadline) of each assignment, oldest first (same day: recorded).
    assignments: list = field(default_factory=list)
    status: str = "in_progress"
    completed_on: date | None = None
    confirmed_on: date | None = None
    cancelled_on: date | None = None

    def assignment_on(self, day: date) -> tuple[int, date | None]:
        """(lead, deadline) in force on `day`: the last assignment made by then; before the first,
        today's lead and the original deadline."""
        begun = [(lead, deadline) for first, lead, deadline in self.assignments if first <= day]
        return begun[-1] if begun else (self.assignments[-1][1], self.original)

    def standing_on(self, day: date, deadline: date | None) -> str | None:
        if self.assigned_on > day:
            return None
        if self.status == "cancelled" and (self.cancelled_on is None or self.cancelled_on <= day):
            return None
        confirmed = self.confirmed_on or self.completed_on
        if self.status == "completed" and self.completed_on <= day and confirmed <= day:
            late = deadline is not None and self.completed_on > deadline
            return "done_late" if late else "done_on_time"
        if deadline is None:
            return "no_deadline"
        return "overdue" if deadline < day else "in_progress"


def _generate(rng: random.Random, number: int, agencies, sectors, groups, plan) -> list[History]:
    made = []
    for n in range(number):
        assigned_on = _day(rng, START, 6)
        original = rng.choice([None, _day(rng, START, 12)])
        lead = rng.choice(agencies)
        item = WorkItem(
            plan_id=plan.id, code=f"R-{n:04d}", title="Nhiệm vụ", kind="task",
            lead_agency_id=lead, group_id=rng.choice(groups), sector_id=rng.choice(sectors),
            is_public=rng.random() < 0.7, assigned_on=assigned_on,
            deadline=original, original_deadline=original,
        )  # fmt: skip
        db.session.add(item)
        db.session.flush()  # its first period: from the day assigned, the original deadline
        history = History(item, item.sector_id, item.group_id, item.is_public, assigned_on,
                          original, [(assigned_on, lead, original)])  # fmt: skip
        day = assigned_on
        for _ in range(rng.choice([0, 1, 1, 2, 3, 4])):
            day = _day(rng, day, 9)  # periods follow one another, as the app requires
            # A new deadline needs an original one (ck_work_items_original_kept).
            if original is None or rng.random() < 0.5:
                item.lead_agency_id, kind = rng.choice(agencies), "reassignment"
            else:
                item.deadline, kind = _day(rng, START, 12), "extension"
            db.session.expire(item, ["lead_agency"])
            open_period(item, kind, day)
            history.assignments.append((day, item.lead_agency_id, item.deadline))
        _finish(rng, item, history)
        made.append(history)
    db.session.flush()
    return made


def _finish(rng: random.Random, item: WorkItem, history: History) -> None:
    """Completed, cancelled, or still open, on random days."""
    status = rng.choice(["completed", "completed", "cancelled", *OPEN])
    item.status = history.status = status
    if status == "completed":
        history.completed_on = _day(rng, history.assigned_on, 10)
        history.confirmed_on = rng.choice([None, _day(rng, history.completed_on, 11)])
    elif status == "cancelled":
        history.cancelled_on = rng.choice([None, _day(rng, history.assigned_on, 10)])
    item.completed_on, item.confirmed_on = history.completed_on, history.confirmed_on
    item.cancelled_on = history.cancelled_on


def _expected(histories, dimension: Dimension, day: date, scope: Scope, portfolio) -> dict:
    counts: dict = {}
    for history in histories:
        lead, deadline = history.assignment_on(day)
        if scope.basis is Basis.ORIGINAL:
            deadline = history.original
        if scope.agency_id is not None and lead != scope.agency_id:
            continue
        if scope.public_only and not history.public:
            continue
        followed, overseen = portfolio
        if scope.portfolio_id is not None and not (
            lead in followed or history.sector_id in overseen
        ):
            continue
        standing = history.standing_on(day, deadline)
        key = {Dimension.AGENCY: lead, Dimension.SECTOR: history.sector_id,
               Dimension.PILLAR: history.group_id}[dimension]  # fmt: skip
        if standing is not None:
            row = counts.setdefault(key, {})
            row[standing] = row.get(standing, 0) + 1
    return {key: Tally.of(row) for key, row in counts.items()}


def _nonzero(found: dict, keys=None) -> dict:
    return {
        key: tally
        for key, tally in found.items()
        if tally != Tally() and (keys is None or key in keys)
    }


def _setting():
    """Three agencies of its own (no demo item is theirs), a document of its own with two
    groups, two sectors, and a person following one agency and overseeing one sector."""
    agencies = [Agency(code=f"lich-su-{n}", name=f"Cơ quan {n}", kind="department") for n in "abc"]
    plan = Plan(code="KH-LICH-SU", number="1/KH-TEST", issuer="UBND tỉnh", title="Kế hoạch thử")
    db.session.add_all([*agencies, plan])
    db.session.flush()
    groups = [Group(plan_id=plan.id, code=f"G{n}", kind="group", name=f"Nhóm {n}") for n in "12"]
    db.session.add_all(groups)
    sectors = list(db.session.scalars(select(Sector).order_by(Sector.id).limit(2)))
    person = db.session.scalar(select(User).where(User.role == "leader").order_by(User.id))
    for sector in db.session.scalars(select(Sector).where(Sector.leader_id == person.id)):
        sector.leader_id = None
    sectors[1].leader_id = person.id
    followed = portfolio_agencies
    db.session.execute(followed.delete().where(followed.c.user_id == person.id))
    db.session.execute(insert(followed).values(user_id=person.id, agency_id=agencies[0].id))
    db.session.flush()
    portfolio = ({agencies[0].id}, {sectors[1].id})
    ids = [a.id for a in agencies], [s.id for s in sectors], [g.id for g in groups]
    return (*ids, plan, person.id, portfolio)


def test_statistics_as_of_every_day_equal_the_generated_histories(app):
    agencies, sectors, groups, plan, person, portfolio = _setting()
    histories = _generate(random.Random(15), 150, agencies, sectors, groups, plan)
    mine = Scope(document_id=plan.id)
    scopes = [
        mine,
        Scope(document_id=plan.id, public_only=True),
        Scope(document_id=plan.id, basis=Basis.ORIGINAL),
        Scope(document_id=plan.id, agency_id=agencies[0]),
        Scope(document_id=plan.id, agency_id=agencies[1], basis=Basis.ORIGINAL),
        Scope(document_id=plan.id, portfolio_id=person),
    ]
    checked = 0
    for day in DAYS:
        for dimension in Dimension:
            for scope in scopes:
                expected = _expected(histories, dimension, day, scope, portfolio)
                found = _nonzero(statistics.counts(dimension, day, scope))
                assert found == _nonzero(expected), (day, dimension, scope)
                checked += sum(tally.total for tally in expected.values())
        # Without the document's bound, the agencies of its own hold exactly its items.
        for scope in (Scope(), Scope(public_only=True), Scope(basis=Basis.ORIGINAL)):
            expected = _expected(histories, Dimension.AGENCY, day, scope, portfolio)
            found = statistics.counts(Dimension.AGENCY, day, scope)
            assert _nonzero(found, agencies) == _nonzero(expected), (day, scope)
    # The histories reach every standing and move items between agencies on the checked days.
    assert checked > 1000
    moved = [h for h in histories if len({lead for _, lead, _ in h.assignments}) > 1]
    assert len(moved) > 10
