"""`flask reminders sweep|deliver` and the scheduler's wiring."""

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import click
import pytest
from apscheduler.schedulers.background import BackgroundScheduler

from tracker.database import db
from tracker.models import Digest, Notice
from tracker.outbox.delivery import deliver
from tracker.reminders.sweep import sweep
from tracker.scheduler import build, delivery_job, should_run_in_process, sweep_job

from .conftest import count, overdue_items

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def config_overrides() -> dict:
    return {}  # mail suppressed: delivery records without sending


def test_sweep_dry_run_prints_per_person_and_records_nothing(runner, today):
    result = runner.invoke(args=["reminders", "sweep", "--today", "2026-11-25", "--dry-run"])
    assert result.exit_code == 0, result.output
    # The health heading and its three overdue sub-items.
    assert "officer.syt@tracker.demo (Cán bộ đầu mối SYT): 4 overdue" in result.output
    assert (
        f"office@tracker.demo (Chuyên viên Văn phòng UBND tỉnh): {overdue_items(today)} escalated"
        in result.output
    )
    assert "2026-11-25: would queue" in result.output
    assert count(Notice) == 0


def test_sweep_then_again_then_deliver(app, runner):
    first = runner.invoke(args=["reminders", "sweep", "--today", "2026-11-25"])
    assert "2026-11-25: queued" in first.output and count(Notice) > 0
    again = runner.invoke(args=["reminders", "sweep", "--today", "2026-11-25"])
    assert "queued 0 notices for 0 people" in again.output
    delivered = runner.invoke(args=["reminders", "deliver"])
    assert delivered.exit_code == 0 and f"sent: {count(Digest)}" in delivered.output
    assert "Nothing to deliver." in runner.invoke(args=["reminders", "deliver"]).output


def test_a_delivery_worker_delivers_until_sigterm(app, runner, today, database_url, tmp_path):
    sweep(today)
    log = tmp_path / "worker.log"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TRACKER_DATABASE_URL": database_url}
    command = [sys.executable, "-m", "flask", "--app", "tracker", "reminders", "deliver"]
    with log.open("w") as output:
        worker = subprocess.Popen(
            [*command, "--every", "1"], cwd=ROOT, env=env, stdout=output, stderr=output
        )
    try:
        for _ in range(600):  # bounded: a worker that never delivers fails below
            if "logged: " in log.read_text() or worker.poll() is not None:
                break
            time.sleep(0.1)
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=60)
    assert worker.returncode == 0, log.read_text()
    assert log.read_text().endswith("Delivery worker stopped.\n")
    assert f"logged: {count(Digest)}" in log.read_text()  # no mail server: kept in the outbox
    db.session.expire_all()
    assert count(Digest, Digest.status == "logged") == count(Digest)


def test_a_delivery_run_told_to_stop_claims_nothing_more(app, today):
    sweep(today)
    stop = threading.Event()
    stop.set()
    assert deliver(stop=stop) == {}
    assert count(Digest, Digest.status == "pending") == count(Digest) > 0


def test_a_delivery_worker_is_one_process(runner):
    refused = runner.invoke(args=["reminders", "deliver", "--every", "30", "--workers", "2"])
    assert refused.exit_code == 2 and "start more workers instead" in refused.output


def test_sweep_on_a_day_off_and_with_a_bad_date(runner):
    assert "a day off" in runner.invoke(args=["reminders", "sweep", "--today", "2026-11-28"]).output
    bad = runner.invoke(args=["reminders", "sweep", "--today", "28/11/2026"])
    assert bad.exit_code == 2 and "does not match the format" in bad.output


def test_the_scheduler_sweeps_every_morning_and_delivers_every_minute(app):
    jobs = build(app, BackgroundScheduler)
    by_id = {job.id: job for job in jobs.get_jobs()}
    # 09:00: past the sweep time; recurring items' occurrences are made just before each sweep.
    assert set(by_id) == {
        "sweep", "deliver", "catch-up", "occurrences", "occurrences-catch-up", "figures",
    }  # fmt: skip
    cron = {field.name: str(field) for field in by_id["sweep"].trigger.fields}
    assert (cron["hour"], cron["minute"], cron["day_of_week"]) == ("7", "30", "*")
    assert str(by_id["sweep"].trigger.timezone) == "Asia/Ho_Chi_Minh"
    assert by_id["deliver"].trigger.interval.total_seconds() == 60
    assert all(job.coalesce and job.max_instances == 1 for job in by_id.values())


def test_no_catch_up_sweep_before_the_sweep_time(app):
    app.config["CLOCK"] = lambda: datetime(2026, 11, 24, 23, 0, tzinfo=UTC)  # 06:00 in Vietnam
    jobs = {job.id for job in build(app, BackgroundScheduler).get_jobs()}
    assert jobs == {"sweep", "deliver", "occurrences", "figures"}
    at_start = build(app, BackgroundScheduler, sweep_at_start=True)  # `make run` on a laptop
    assert "catch-up" in {job.id for job in at_start.get_jobs()}


def test_the_jobs_push_their_own_app_context(app):
    sweep_job(app)
    assert count(Digest) > 0
    delivery_job(app)
    assert count(Digest, Digest.status == "pending") == 0


def test_the_sweep_job_says_when_it_is_a_day_off(app, caplog):
    app.config["CLOCK"] = lambda: datetime(2026, 12, 5, 0, 30, tzinfo=UTC)  # Saturday in Vietnam
    with caplog.at_level("INFO", logger="tracker.scheduler"):
        sweep_job(app)
    assert caplog.messages == ["Sweep of 2026-12-05: a day off, nothing is sent"]
    assert count(Digest) == 0


def test_in_process_only_when_serving_with_flask_run(app, monkeypatch):
    app.config["SCHEDULER_IN_PROCESS"] = True
    assert not should_run_in_process(app)  # under tests
    app.testing = False
    assert not should_run_in_process(app)  # no command: gunicorn, a script
    with click.Context(click.Command("shell")):
        assert not should_run_in_process(app)
    with click.Context(click.Command("run")):
        assert should_run_in_process(app)
        app.debug = True
        assert not should_run_in_process(app)  # the reloader's parent
        monkeypatch.setenv("WERKZEUG_RUN_MAIN", "true")
        assert should_run_in_process(app)  # the reloaded child
    app.config["SCHEDULER_IN_PROCESS"] = False
    with click.Context(click.Command("run")):
        assert not should_run_in_process(app)
