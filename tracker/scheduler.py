"""APScheduler wiring only: each job pushes an app context and calls a service.

Production runs one `flask --app tracker scheduler run` process beside the web workers; `make
run` starts the same jobs in a background thread of the development server instead.
"""

from __future__ import annotations

import logging
from datetime import datetime
from zoneinfo import ZoneInfo

import click
from flask import Flask
from werkzeug.serving import is_running_from_reloader

from tracker.clock import local_today, now_utc, sweep_time
from tracker.outbox.delivery import deliver
from tracker.reminders.sweep import sweep

log = logging.getLogger(__name__)
_in_process = None  # the BackgroundScheduler of `make run`, once started


def sweep_job(app: Flask) -> None:
    """The daily sweep (the service sends nothing on a day off, so it runs every day)."""
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


def delivery_job(app: Flask) -> None:
    with app.app_context():
        outcomes = deliver()
        if outcomes:
            log.info("Delivery: %s", dict(outcomes))


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
        sweep_job,
        CronTrigger(hour=hour, minute=minute, timezone=zone),
        args=[app],
        id="sweep",
        **once,
    )
    scheduler.add_job(delivery_job, IntervalTrigger(minutes=1), args=[app], id="deliver", **once)
    with app.app_context():
        now = now_utc().astimezone(zone)
    if sweep_at_start or (now.hour, now.minute) >= (hour, minute):
        scheduler.add_job(
            sweep_job, args=[app], id="catch-up", next_run_time=datetime.now(zone), **once
        )
    return scheduler


def init_app(app: Flask) -> None:
    """Start the jobs in this process when asked to and when serving with `flask run`."""
    global _in_process
    if _in_process is None and should_run_in_process(app):
        from apscheduler.schedulers.background import BackgroundScheduler

        show_job_logs(app)
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
