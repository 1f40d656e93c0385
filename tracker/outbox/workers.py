"""Delivery by several processes at once, for a large outbox (the first sweep of a plan).

Rendering a digest and wrapping it in MIME is Python work that one process does on one core;
the outbox's claim is atomic (an UPDATE of pending rows, SKIP LOCKED on PostgreSQL), so several
processes can share the outbox and every guarantee of `deliver` holds unchanged: each worker
claims its own batches over its own SMTP connection and records each mail the moment it is sent.
"""

from __future__ import annotations

import multiprocessing
from collections import Counter

from flask import Flask, current_app

from tracker.database import db
from tracker.outbox.delivery import deliver
from tracker.outbox.mail import Links


def deliver_with_workers(batch_size: int, workers: int) -> Counter[str]:
    """Deliver with `workers` processes (this one and forks of it); the outcomes of all.

    Forked, not spawned: a worker starts in a millisecond with the application already built.
    Only from a process without other threads (the `flask reminders deliver` command).
    """
    if workers <= 1:
        return deliver(batch_size)
    app = current_app._get_current_object()
    _prepare_mails(app)
    db.session.remove()
    db.engine.dispose()  # no database connection may cross the fork
    context = multiprocessing.get_context("fork")
    results = context.SimpleQueue()
    forks = [
        context.Process(target=_work, args=(app, batch_size, results), daemon=True)
        for _ in range(workers - 1)
    ]
    for process in forks:
        process.start()
    outcomes = deliver(batch_size)  # this process is a worker too
    for process in forks:
        process.join()
    while not results.empty():
        outcomes += results.get()
    if failed := [process.exitcode for process in forks if process.exitcode != 0]:
        raise RuntimeError(f"{len(failed)} delivery worker(s) failed (exit codes {failed})")
    return outcomes


#: The templates of every digest's mail; those of events are compiled when a mail has some.
DIGEST_TEMPLATES = ("emails/digest.txt", "emails/digest.html")


def _prepare_mails(app: Flask) -> None:
    """Compile the digests' templates and build the URL map of their links once, here, rather
    than once in every fork. (The invitation and password templates are never delivered here.)"""
    for name in DIGEST_TEMPLATES:
        app.jinja_env.get_template(name)
    Links(app)


def _work(app: Flask, batch_size: int, results) -> None:
    with app.app_context():
        results.put(deliver(batch_size))
