"""APScheduler wiring only: each job pushes an app context and calls a service.

Production runs one `flask --app tracker scheduler run` process beside the web workers; `make
run` starts the same jobs in a background thread of the development server instead. Only the
process holding the scheduler's lock runs jobs (`take_lock`): a second one started by mistake
waits to take over, and sends nothing twice meanwhile.
"""

from __future__ import annotations

import fcntl
import logging
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import click
from flask import Flask
from sqlalchemy import Connection, text
from werkzeug.serving import is_running_from_reloader

from tracker.clock import local_today, now_utc, sweep_time
from tracker.database import db

log = logging.getLogger(__name__)
_in_process = None  # the BackgroundScheduler of `make run`, once started
_in_process_lock = None  # what makes `make run`'s process the one running the jobs

#: PostgreSQL advisory lock held, for as long as it runs, by the process running the jobs.
SCHEDULER_LOCK = 5_904_003
LOCK_RETRY_SECONDS = 5  # how often a waiting scheduler tries to take over


def take_lock(app: Flask):
    """The lock of the one process that runs the jobs, or None if another process holds it.

    Kept by the caller for as long as it schedules; the operating system or the database
    server drops it when the process ends, however it ends. PostgreSQL: a session advisory lock
    on a connection of its own (per database, whichever host the schedulers run on). SQLite:
    flock on a file beside the database (one machine, as the database itself).
    """
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            return _advisory_lock()
        return _file_lock(_lock_path(app))


def wait_for_lock(app: Flask, waiting) -> object:
    """Take the lock, trying again every few seconds; `waiting()` is called once if held."""
    while (lock := take_lock(app)) is None:
        if waiting is not None:
            waiting()
            waiting = None
        time.sleep(LOCK_RETRY_SECONDS)
    return lock


def _advisory_lock():
    connection = db.engine.connect()
    taken = connection.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": SCHEDULER_LOCK})
    if taken.scalar():
        connection.commit()
        return connection
    connection.close()
    return None


def _lock_path(app: Flask) -> Path:
    database = db.engine.url.database
    if not database or database == ":memory:":
        return Path(app.instance_path) / "scheduler.lock"
    return Path(f"{database}.scheduler-lock")


def _file_lock(path: Path):
    lock = path.open("a")
    try:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        lock.close()
        return None
    return lock


def release_lock(lock) -> None:
    """Let a waiting scheduler take over now (the end of the process would do it too)."""
    if isinstance(lock, Connection):
        # Unlocked before the connection goes: the server ends a closed session a moment
        # later, and a scheduler asking in that moment would find the lock still held.
        lock.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": SCHEDULER_LOCK})
        lock.commit()
        lock.invalidate()  # closed for good, never back to the pool
    lock.close()


# Each job imports its service when it runs: every process imports this module to build the
# app, and loading the services was 15 ms of the start of a command that runs no job.


def sweep_job(app: Flask) -> None:
    """The daily sweep (the service sends nothing on a day off, so it runs every day)."""
    from tracker.reminders.sweep import sweep

    with app.app_context():
        report = sweep(local_today())
        if report.day_off:
            log.info("Sweep of %s: a day off, nothing is sent", report.today)
            return
        log.info(
            "Sweep of %s: %d notices for %d people",
            report.today,
            report.notices,
            len(report.recipients),
        )


def occurrences_job(app: Flask) -> None:
    """Make the recurring items' occurrences due within the horizon (before the sweep reads
    them: both run at the sweep's time, this one first)."""
    from tracker.assignments.recurrence import make_occurrences

    with app.app_context():
        created = make_occurrences(local_today())
        if created:
            log.info("Recurring items: %d occurrences created", created)


def delivery_job(app: Flask) -> None:
    from tracker.outbox.delivery import deliver

    with app.app_context():
        outcomes = deliver()
        if outcomes:
            log.info("Delivery: %s", dict(outcomes))


def figures_job(app: Flask) -> None:
    """Count the dashboards' month ends not kept yet, before a reader waits for them (two
    short queries per dashboard when all are kept)."""
    from tracker.plans.dashboard import keep_month_ends

    with app.app_context():
        keep_month_ends(local_today())


def build(app: Flask, scheduler_class: type, sweep_at_start: bool = False):
    """The sweep every day at REMINDER_SWEEP_AT local time, delivery every minute; never two runs
    of a job at once, missed runs folded into one. If the process starts after the sweep time
    (downtime, a deploy) or `sweep_at_start` asks (a laptop), it sweeps at once: the sweep only
    catches up the current stages, and never twice the same notice."""
    # Imported here: every process builds the app, few run the scheduler.
    from apscheduler.triggers.cron import CronTrigger
    from apscheduler.triggers.interval import IntervalTrigger

    zone = ZoneInfo(app.config["TIMEZONE"])
    at = sweep_time(app.config)
    hour, minute = at.hour, at.minute
    scheduler = scheduler_class(timezone=zone)
    once = {"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600}
    scheduler.add_job(
        occurrences_job,
        CronTrigger(hour=hour, minute=max(minute - 1, 0), timezone=zone),
        args=[app],
        id="occurrences",
        **once,
    )
    scheduler.add_job(
        sweep_job,
        CronTrigger(hour=hour, minute=minute, timezone=zone),
        args=[app],
        id="sweep",
        **once,
    )
    scheduler.add_job(delivery_job, IntervalTrigger(minutes=1), args=[app], id="deliver", **once)
    scheduler.add_job(figures_job, IntervalTrigger(minutes=10), args=[app], id="figures", **once)
    with app.app_context():
        now = now_utc().astimezone(zone)
    if sweep_at_start or (now.hour, now.minute) >= (hour, minute):
        scheduler.add_job(
            occurrences_job,
            args=[app],
            id="occurrences-catch-up",
            next_run_time=datetime.now(zone),
            **once,
        )
        scheduler.add_job(
            sweep_job, args=[app], id="catch-up", next_run_time=datetime.now(zone), **once
        )
    return scheduler


def init_app(app: Flask) -> None:
    """Start the jobs in this process when asked to and when serving with `flask run`."""
    global _in_process, _in_process_lock
    if _in_process is None and should_run_in_process(app):
        from apscheduler.schedulers.background import BackgroundScheduler

        show_job_logs(app)
        _in_process_lock = take_lock(app)
        if _in_process_lock is None:
            log.warning("Another scheduler is running on this database: no jobs in this process")
            return
        _in_process = build(app, BackgroundScheduler, sweep_at_start=True)
        _in_process.start()
        log.info("Reminder scheduler started in the web process")


def show_job_logs(app: Flask) -> None:
    """Let what the jobs log (sweeps, deliveries, mails kept in the outbox) reach the console."""
    app.logger.setLevel(logging.INFO)  # the "tracker" logger, parent of the services' loggers


def should_run_in_process(app: Flask) -> bool:
    """SCHEDULER_IN_PROCESS is set and this process serves `flask run`.

    Never under tests, gunicorn or any other command, and not in the reloader's watching parent
    (with --debug the reloaded child starts the jobs), so exactly one scheduler runs.
    """
    if not app.config.get("SCHEDULER_IN_PROCESS") or app.testing:
        return False
    command = click.get_current_context(silent=True)
    if command is None or command.command.name != "run":
        return False
    return not app.debug or is_running_from_reloader()
