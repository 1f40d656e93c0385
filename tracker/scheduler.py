"""APScheduler wiring only: each job pushes an app context and calls a service.

Production runs one `flask --app tracker scheduler run` process beside the web workers; `make
run` starts the same jobs in a background thread of the development server instead.
"""

from __future__ import annotations

import logging
from datetime import datetime
from zoneinfo import ZoneInfo

import click
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from flask import Flask
from werkzeug.serving import is_running_from_reloader

from tracker.clock import local_today, now_utc

log = logging.getLogger(__name__)
_in_process: BackgroundScheduler | None = None


def sweep_job(app: Flask) -> None:
    """The daily sweep (the service sends nothing on a day off, so it runs every day)."""
    from tracker.services.sweep import sweep

    with app.app_context():
        report = sweep(local_today())
        log.info(
            "Sweep of %s: %d notices for %d people",
            report.today,
            report.notices,
            len(report.recipients),
        )


def delivery_job(app: Flask) -> None:
    from tracker.services.outbox import deliver

    with app.app_context():
        outcomes = deliver()
        if outcomes:
            log.info("Delivery: %s", dict(outcomes))


def build(app: Flask, scheduler_class: type[BaseScheduler]) -> BaseScheduler:
    """The sweep every day at REMINDER_SWEEP_AT local time, delivery every minute; never two runs
    of a job at once, missed runs folded into one. If the process starts after the sweep time
    (downtime, a deploy), it sweeps at once: the sweep only catches up the current stages."""
    zone = ZoneInfo(app.config["TIMEZONE"])
    hour, minute = (int(part) for part in app.config["REMINDER_SWEEP_AT"].split(":"))
    scheduler = scheduler_class(
        timezone=zone,
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600},
    )
    scheduler.add_job(
        sweep_job, CronTrigger(hour=hour, minute=minute, timezone=zone), args=[app], id="sweep"
    )
    scheduler.add_job(delivery_job, IntervalTrigger(minutes=1), args=[app], id="deliver")
    with app.app_context():
        now = now_utc().astimezone(zone)
    if (now.hour, now.minute) >= (hour, minute):
        scheduler.add_job(sweep_job, args=[app], id="catch-up", next_run_time=datetime.now(zone))
    return scheduler


def init_app(app: Flask) -> None:
    """Start the jobs in this process when asked to and when serving with `flask run`.

    Never under tests, gunicorn or any other command, and not in the reloader's watching parent
    (with --debug the reloaded child starts them), so exactly one scheduler runs.
    """
    global _in_process
    if not app.config.get("SCHEDULER_IN_PROCESS") or app.testing or _in_process is not None:
        return
    command = click.get_current_context(silent=True)
    if command is None or command.command.name != "run":
        return
    if app.debug and not is_running_from_reloader():
        return
    _in_process = build(app, BackgroundScheduler)
    _in_process.start()
    log.info("Reminder scheduler started in the web process")
