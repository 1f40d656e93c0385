"""The dashboard's verdict counts and listed targets (tracker.targets.verdicts) agree, on any
targets, with judging every target as a row of the targets page; in a constant number of
statements."""

import re
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from tests.workers import statements_of
from tracker.database import db
from tracker.domain.targets import Verdict
from tracker.models import Agency, Measurement, Plan, TargetRevision, WorkItem
from tracker.targets.queries import (
    TargetFilters,
    matching,
    split_rows,
    target_rows,
)
from tracker.targets.verdicts import LISTED, verdicts_and_listed, verdicts_of

TODAY = date(2026, 12, 7)
OURS = WorkItem.code.like("V-%")
day = st.integers(min_value=-800, max_value=60).map(lambda n: TODAY + timedelta(days=n))
value = st.integers(min_value=0, max_value=120).map(Decimal)
target = st.fixed_dictionaries(
    {
        # Codes whose byte order differs from a locale's (hyphens, case) and from their number's.
        "prefix": st.sampled_from(["A", "a", "B-", "-Z", "AB", "Ab-1"]),
        "value": st.one_of(st.none(), value),
        "year": st.integers(min_value=2023, max_value=2028),
        "comparison": st.sampled_from([None, "at_least", "at_most"]),
        "status": st.sampled_from(["assigned", "in_progress", "completed", "cancelled"]),
        "assigned_on": day,
        "measured": st.lists(st.tuples(day, value), max_size=3),
        "revised": st.lists(st.tuples(day, value, st.integers(2024, 2030)), max_size=1),
    }
)


def add_targets(targets: list[dict]) -> None:
    """These targets in place of the last example's (whose rows the database deleted by
    cascade: their objects must not linger in the session, their ids are given again)."""
    db.session.execute(delete(WorkItem).where(OURS))
    db.session.expunge_all()
    plan, agency = db.session.scalar(select(Plan)), db.session.scalar(select(Agency))
    for n, facts in enumerate(targets):
        item = WorkItem(
            plan=plan, code=f"V-{facts['prefix']}{n:02d}", kind="target", title="t",
            lead_agency=agency, assigned_on=facts["assigned_on"], status=facts["status"],
            completed_on=TODAY if facts["status"] == "completed" else None,
            target_value=facts["value"], target_year=facts["year"],
            target_comparison=facts["comparison"],
        )  # fmt: skip
        item.measurements = [
            Measurement(value=measured, measured_on=on, source="test")
            for on, measured in facts["measured"]
        ]
        item.revisions = [
            TargetRevision(value=revised, year=year, decided_on=on, document="QĐ")
            for on, revised, year in facts["revised"]
        ]
        db.session.add(item)
    db.session.flush()


def verdict_counts(rows) -> dict[Verdict, int]:
    return dict.fromkeys(Verdict, 0) | Counter(row.verdict for row in rows)


def every_row_judged(shown: int) -> tuple[dict[Verdict, int], list]:
    """What the dashboard showed before: every target judged as a row, then sorted."""
    ids = db.session.scalars(select(WorkItem.id).where(OURS)).all()
    rows = target_rows(TargetFilters(), TODAY, ids)
    listed = [row for row in rows if row.verdict in LISTED]
    listed.sort(key=lambda row: (row.verdict is not Verdict.AT_RISK, row.year, row.code))
    return verdict_counts(rows), listed[:shown]


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(targets=st.lists(target, min_size=1, max_size=12), shown=st.integers(1, 4))
def test_the_counts_and_the_listed_targets_are_those_of_every_row_judged(app, targets, shown):
    add_targets(targets)
    assert verdicts_and_listed(matching(TargetFilters()) & OURS, TODAY, shown) == (
        every_row_judged(shown)
    )


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    targets=st.lists(target, min_size=1, max_size=12),
    verdict=st.one_of(st.none(), st.sampled_from(Verdict)),
    offset=st.integers(0, 8),
    size=st.integers(1, 4),
)
@example(  # a later page of targets none has measured: the database's part of it, offset
    targets=[dict(prefix="A", value=None, year=2026, comparison=None, status="assigned",
                  assigned_on=TODAY, measured=[], revised=[])] * 6,
    verdict=Verdict.NO_DATA, offset=3, size=2,
)  # fmt: skip
def test_a_page_of_the_targets_page_is_that_of_every_row_judged(
    app, targets, verdict, offset, size
):
    """In plan order, of one verdict or all: the targets page's counts and its page of rows."""
    add_targets(targets)
    ids = db.session.scalars(select(WorkItem.id).where(OURS)).all()
    rows = target_rows(TargetFilters(verdict=verdict), TODAY, ids)
    found = verdicts_of(matching(TargetFilters()) & OURS, TODAY)
    assert found.counts == verdict_counts(target_rows(TargetFilters(), TODAY, ids))
    assert found.page(verdict, offset, size) == [row.id for row in rows][offset : offset + size]


def test_the_statements_do_not_grow_with_the_targets(app):
    measured = [(TODAY - timedelta(days=40), Decimal(5)), (TODAY, Decimal(9))]
    facts = dict(prefix="A", value=Decimal(50), year=2026, comparison=None, status="assigned",
                 assigned_on=date(2025, 1, 1), measured=measured, revised=[])  # fmt: skip
    counted = []
    for number in (2, 20):
        add_targets([facts] * number + [{**facts, "measured": [], "year": 2024}] * number)
        with statements_of(app) as statements:
            counts, listed = verdicts_and_listed(matching(TargetFilters()) & OURS, TODAY, 10)
        assert counts[Verdict.AT_RISK] == number and counts[Verdict.MISSED] == number
        assert len(listed) == min(10, 2 * number)
        counted.append(len(statements))
    assert counted[0] == counted[1]


def test_a_measured_target_of_a_past_year_leaves_its_place_to_the_next_missed_one(app):
    """Met by its measurement, though the database, reading the plan's value and year alone,
    would find it missed and first in line."""
    facts = dict(prefix="A", value=Decimal(10), year=2023, comparison=None, status="assigned",
                 assigned_on=date(2022, 1, 1), measured=[], revised=[])  # fmt: skip
    met = {**facts, "measured": [(date(2023, 6, 1), Decimal(20))]}
    add_targets([met, facts, facts])
    counts, listed = verdicts_and_listed(matching(TargetFilters()) & OURS, TODAY, 2)
    assert (counts[Verdict.MET], counts[Verdict.MISSED]) == (1, 2)
    assert [row.code for row in listed] == ["V-A01", "V-A02"]


def test_the_targets_split_per_locality_are_found_by_their_codes(app, login, today):
    """The side-by-side table reads the targets whose code ends with their locality's, not
    every target: the same ones as judging every row and keeping those with a base code."""
    every = target_rows(TargetFilters(), today)
    split = split_rows(TargetFilters(), today)
    assert [row.id for row in split] == [row.id for row in every if row.base_code]
    assert any(row.code == "CQS-2025-05-QUI-NHON" for row in split)
    html = login("office@tracker.demo").get("/reports/targets/").text
    table = html.split('id="locality-targets"')[1].split("</table>")[0]
    bases = {row.base_code for row in split}
    assert set(re.findall(r'data-base="([^"]+)"', table)) == bases
