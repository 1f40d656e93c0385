"""The targets page keeps what it reads of 200,000 targets while no write reaches a target: a
task's progress report leaves it as it was; a measured value is seen at once (the version the
page compares is the database's)."""

import pytest

from tracker.database import db
from tracker.targets import views

OFFICE = "office@tracker.demo"


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """The parts of the page read from the database, in order."""
    done: list[str] = []
    original_verdicts = views.verdicts_of
    monkeypatch.setattr(
        views, "verdicts_of", lambda *a: done.append("verdicts_of") or original_verdicts(*a)
    )
    original_split = views.target_service.split_rows
    monkeypatch.setattr(
        views.target_service, "split_rows", lambda *a: done.append("split") or original_split(*a)
    )
    return done


def test_a_task_s_report_keeps_the_page_and_a_measured_value_renews_it(
    app, login, item_by_code, reads, measured
):
    client, target = login(OFFICE), item_by_code("XHS-2030-02")
    assert target.target_comparison == "at_least"
    met = "/reports/targets/?verdict=met"
    assert target.code not in client.get(met).text
    assert reads == ["verdicts_of", "split"]
    task = item_by_code("NV-LV-01")
    task.progress = (task.progress or 0) + 10
    db.session.commit()
    assert target.code not in client.get(met).text
    assert reads == ["verdicts_of", "split"]  # read once: a task changes no target
    # The target reached, committed by another session: the version the page compares is the
    # database's, so every process sees it.
    measured(target.code, str(target.target_value))
    assert target.code in client.get(met).text
    assert reads[2:] == ["verdicts_of", "split"]
