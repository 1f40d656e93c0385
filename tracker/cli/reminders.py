"""`flask reminders`: the daily sweep and the delivery of the outbox, by hand."""

import logging
import os
import signal
import sys
import threading
import time
from datetime import datetime

import click
from flask import current_app
from flask.cli import AppGroup

from tracker.clock import local_today
from tracker.database import db


@click.group(cls=AppGroup)
def reminders() -> None:
    """Reminders and escalations: safe to run at any time, any number of times."""


@reminders.command()
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Sweep as if it were this day (YYYY-MM-DD); default: today in the province.",
)
@click.option("--dry-run", is_flag=True, help="Only show what would be queued.")
def sweep(today: datetime | None, dry_run: bool) -> None:
    """Queue the day's reminders and escalations: one digest per person."""
    from tracker.reminders.sweep import sweep as run_sweep

    started = time.perf_counter()
    report = run_sweep(today.date() if today else local_today(), dry_run=dry_run)
    seconds = time.perf_counter() - started
    if report.day_off:
        click.echo(f"{report.today}: a day off, nothing to send.")
    else:
        verb = "would queue" if dry_run else "queued"
        for person in report.recipients:
            counts = ", ".join(f"{count} {section}" for section, count in person.counts.items())
            click.echo(f"{person.email} ({person.name}): {counts}")
        click.echo(
            f"{report.today}: {verb} {report.notices} notices for {len(report.recipients)}"
            f" people in {seconds:.2f} s."
        )
    _end_process()


@reminders.command()
@click.option(
    "--batch-size",
    type=click.IntRange(1, 10_000),
    default=100,
    show_default=True,
    help="Digests each process claims at a time.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 16),
    default=1,
    show_default=True,
    help="Processes sending at once (for a large outbox: one per core).",
)
@click.option(
    "--every",
    type=click.IntRange(1, 3600),
    default=None,
    metavar="SECONDS",
    help="Keep going: deliver again every SECONDS until stopped (a delivery worker).",
)
def deliver(batch_size: int, workers: int, every: int | None) -> None:
    """Send the pending digests (kept as "logged" when no mail server is configured)."""
    from tracker.outbox.workers import deliver_with_workers

    if every is not None:
        if workers > 1:
            raise click.UsageError("--every runs one process: start more workers instead.")
        _keep_delivering(every, batch_size)
        return
    started = time.perf_counter()
    outcomes = deliver_with_workers(batch_size, workers)
    seconds = time.perf_counter() - started
    if not outcomes:
        click.echo("Nothing to deliver.")
    for status, count in sorted(outcomes.items()):
        click.echo(f"{status}: {count}")
    if outcomes:
        click.echo(f"Delivered in {seconds:.2f} s.")
    _end_process()


def _end_process() -> None:
    """The work is committed and reported: a process the command line started for it ends
    now, without tearing the interpreter down, which took 25-45 ms of the sweep's and the
    delivery's processes (freeing the objects of every module one by one). A database server
    is told goodbye; SQLite's connection goes with the process, as it did at exit before (its
    write-ahead log stays). Never in a test's command runner: its application was not built
    by the command line."""
    if not getattr(current_app, "built_by_command", False):
        return
    db.session.remove()
    for engine in db.engines.values():
        if engine.dialect.name != "sqlite":
            engine.dispose()
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _keep_delivering(seconds: int, batch_size: int) -> None:
    """A delivery worker: deliver, wait, again, until SIGTERM or Ctrl-C. A signal ends the run
    after the batch in flight, whose every mail is then recorded: stopping sends nothing twice."""
    from tracker.outbox.delivery import deliver

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda _number, _frame: stop.set())
    signal.signal(signal.SIGINT, lambda _number, _frame: stop.set())
    click.echo(f"Delivering every {seconds} s until stopped.")
    while not stop.is_set():
        for status, count in sorted(deliver(batch_size, stop).items()):
            click.echo(f"{status}: {count}")
        stop.wait(seconds)
    click.echo("Delivery worker stopped.")
