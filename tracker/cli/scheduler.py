"""`flask scheduler run`: the one process that sweeps every morning and delivers every minute."""

import click
from flask import current_app
from flask.cli import AppGroup


@click.group(cls=AppGroup)
def scheduler() -> None:
    """The background jobs (run exactly one of these in production)."""


@scheduler.command()
def run() -> None:
    """Run the jobs until stopped (Ctrl-C or SIGTERM)."""
    from apscheduler.schedulers.blocking import BlockingScheduler

    from tracker.scheduler import build, release_lock, show_job_logs, wait_for_lock

    app = current_app._get_current_object()
    show_job_logs(app)
    try:
        # A second scheduler started by mistake waits here, and takes over when this one ends.
        lock = wait_for_lock(app, waiting=_say_waiting)
    except KeyboardInterrupt:
        return
    jobs = build(app, BlockingScheduler)
    click.echo(
        f"Scheduler running: sweep at {current_app.config['REMINDER_SWEEP_AT']} "
        f"{current_app.config['TIMEZONE']}, delivery every minute."
    )
    try:
        jobs.start()
    except (KeyboardInterrupt, SystemExit):
        jobs.shutdown(wait=False)
    finally:
        release_lock(lock)


def _say_waiting() -> None:
    click.echo("Another scheduler is running on this database: waiting to take over.")
