"""A figure that every web process shares (tracker.reports.shared_figures), and a past day's
figure kept beyond writes (tracker.reports.past_figures: a past date's statistics table), are
computed by one process at a time on PostgreSQL: requests that find it missing at the same
moment wait for the first and read what it stored, up to a limit. SQLite's deployments are one
server: each computes."""

from __future__ import annotations

import threading
import time
from datetime import date

import pytest
from sqlalchemy import text

from tracker.database import db
from tracker.reports import past_figures, shared_figures
from tracker.reports.shared_figures import COMPUTING_LOCK_SPACE, shared

DAY = date(2026, 11, 25)
PAST = date(2026, 10, 31)  #: settled: kept beyond writes (the tests' today is 25/11/2026)
FIGURE = {"overdue": 42}


def on_postgres() -> bool:
    return db.engine.dialect.name == "postgresql"


def advisory_locks(granted: bool) -> int:
    """Computing locks held (granted) or waited for in this test's database, seen from another
    connection (the server's other databases are other tests', run meanwhile)."""
    query = text(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = :space "
        "AND granted = :granted "
        "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
    )
    with db.engine.connect() as connection:
        return connection.execute(
            query, {"space": COMPUTING_LOCK_SPACE, "granted": granted}
        ).scalar()


def until(condition, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the condition never held"
        time.sleep(0.02)


class Requests:
    """Requests in threads of their own, asking the same figure, whose computation waits until
    the test lets it finish."""

    def __init__(self, app, kind: str) -> None:
        self.app, self.kind, self.computed, self.results = app, kind, [], {}
        self.finish = threading.Event()
        self.threads: list[threading.Thread] = []

    def compute(self) -> dict:
        self.computed.append(threading.current_thread().name)
        assert self.finish.wait(10)
        return FIGURE

    def figure(self) -> dict:
        if self.kind == "shared":
            return shared("test-figure", "all", DAY, self.compute, dict, dict)
        return past_figures.kept("test-figure", "all", [PAST], lambda _day: self.compute())[PAST]

    def ask(self, name: str) -> None:
        def request() -> None:
            with self.app.app_context():
                self.results[name] = self.figure()
                db.session.remove()

        thread = threading.Thread(target=request, name=name)
        self.threads.append(thread)
        thread.start()

    def join(self) -> None:
        for thread in self.threads:
            thread.join(10)
            assert not thread.is_alive()


KINDS = pytest.mark.parametrize("kind", ["shared", "kept"])


@KINDS
def test_requests_at_the_same_moment_compute_a_figure_once(app, kind):
    requests = Requests(app, kind)
    requests.ask("first")
    until(lambda: requests.computed)
    requests.ask("second")
    if on_postgres():
        until(lambda: advisory_locks(granted=False) == 1)  # the second waits for the first
    else:
        until(lambda: len(requests.computed) == 2)
    requests.finish.set()
    requests.join()
    assert requests.results == {"first": FIGURE, "second": FIGURE}
    assert requests.computed == (["first"] if on_postgres() else ["first", "second"])
    if on_postgres():
        assert advisory_locks(granted=True) == 0  # released


@KINDS
def test_a_request_that_waited_too_long_computes_the_figure_itself(app, monkeypatch, kind):
    monkeypatch.setattr(shared_figures, "COMPUTING_WAIT_SECONDS", 1)
    requests = Requests(app, kind)
    requests.ask("first")
    until(lambda: requests.computed)
    requests.ask("second")
    until(lambda: len(requests.computed) == 2)  # on PostgreSQL, after a second's wait
    requests.finish.set()
    requests.join()
    assert requests.results == {"first": FIGURE, "second": FIGURE}
    if on_postgres():
        assert advisory_locks(granted=True) == advisory_locks(granted=False) == 0
