"""The demo tells the truth: public figures where they exist, dated when reported; elsewhere
illustrative values, said to be so; the verdicts are a mix, and no target is completed as met
while its latest value misses."""

from collections import Counter
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from tracker.database import db
from tracker.domain.targets import Verdict
from tracker.models import Measurement, WorkItem
from tracker.seeding.demo_targets import ILLUSTRATIVE, PUBLIC_FIGURES
from tracker.targets.queries import TargetFilters, target_rows
from tracker.targets.standing import meets, target_row

V = Verdict


def test_the_verdicts_on_the_seeded_demo_are_a_mix(app, today):
    rows = target_rows(TargetFilters(), today)
    by_year = {year: Counter(r.verdict for r in rows if r.year == year) for year in (2025, 2030)}
    assert by_year[2025][V.MET] >= 5 and by_year[2025][V.MISSED] >= 5
    assert by_year[2030][V.ON_TRACK] >= 5 and by_year[2030][V.AT_RISK] >= 5
    assert by_year[2030][V.MET] == 0  # nothing is reached four years early
    assert Counter(r.verdict for r in rows)[V.MET] < len(rows) / 2


def test_the_public_figures_are_the_measured_values_dated_when_reported(item_by_code):
    expected = {
        "KTS-2025-01": (date(2024, 11, 27), Decimal("5.56")),
        "KTS-2030-01": (date(2024, 11, 27), Decimal("5.56")),
        "XHS-2025-01-HO": (date(2023, 12, 31), Decimal("73")),
        "XHS-2025-02": (date(2024, 12, 31), Decimal("99.6")),
    }
    for code, (day, value) in expected.items():
        [measured] = item_by_code(code).measurements
        assert (measured.measured_on, measured.value) == (day, value), code
        assert "minh họa" not in measured.source
    assert set(expected) <= set(PUBLIC_FIGURES)


def test_every_other_value_says_it_is_illustrative(app):
    public = select(WorkItem.id).where(WorkItem.code.in_(PUBLIC_FIGURES))
    sources = set(
        db.session.scalars(select(Measurement.source).where(Measurement.item_id.not_in(public)))
    )
    assert sources == {ILLUSTRATIVE}


def test_a_target_is_completed_as_met_only_when_its_value_meets_it(app, today, item_by_code):
    park = item_by_code("KTS-2022-01")  # the Quang Trung software park: 1 park by 2022
    assert park.status != "completed" and park.measurements[-1].value == 0
    completed = db.session.scalars(
        select(WorkItem).where(WorkItem.kind == "target", WorkItem.status == "completed")
    ).all()
    outcomes = Counter(item.target_outcome for item in completed)
    assert outcomes["met"] >= 3 and outcomes["not_met"] >= 3 and outcomes[None] == 0
    for item in completed:
        assert meets(target_row(item, today)) is (item.target_outcome == "met"), item.code


def test_the_gia_lai_revision_turns_the_2030_digital_economy_at_risk(app, today):
    def verdict(on):
        return next(r for r in target_rows(TargetFilters(), on) if r.code == "KTS-2030-01")

    assert verdict(date(2025, 9, 16)).verdict is V.ON_TRACK  # toward 15–20 %
    assert verdict(today).verdict is V.AT_RISK  # toward 30 %
