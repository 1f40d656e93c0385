"""The pages of the three journeys at 100,000 items on SQLite (and 1,000,000 on PostgreSQL):
SQL statements, bytes, time.

Requests ask for compression as a browser does: "sent" is the page on the wire, "first visit"
adds every stylesheet and script it links (later visits take those from the browser's cache,
where their fingerprinted addresses keep them a year); "bytes" is the page uncompressed.

`python -m bench items` reuses the database of bench/reports.py (bench/results/, seeded on
first use; BENCH_FRESH=1 seeds it again); with BENCH_POSTGRES set to a server URL it also
measures 1,000,000 items (BENCH_PG_ITEMS) on PostgreSQL, in the database bench/reports.py
keeps. Statement counts and bytes do not depend on the machine's load; the times do (read them
beside the machine-speed line).

Then the dashboard ("/") of the office and of the leader: cold (the first request after a
commit that changed an item, which computes it), warm (the same worker again), and in another
worker (a second application on the same database, which finds what the first worker stored).
Last, the office's dashboard after a completion reported late and dated back: to the latest
month end (the kept figures of earlier month ends hold), then to a year ago (all are counted
again).
"""

from __future__ import annotations

import os
import re
import statistics
import time
from datetime import date, timedelta

from sqlalchemy import create_engine, event, select

from bench._machine import postgres_memory
from bench.reports import RESULTS, _app, _postgres_url, seed

REQUESTS = 10
COLD = 5  #: changes, each followed by a cold request (each computes the whole dashboard)
WARM = 6  #: warm requests after each cold one
BROWSER = {"Accept-Encoding": "gzip, deflate, br, zstd"}
LINKED = re.compile(r'<(?:link rel="stylesheet" href|script src)="([^"]+)"')
#: (who, page); "{item}" is the first item Sở Y tế leads.
PAGES = [
    ("head.syt@tracker.demo", "/agency/"),
    ("head.syt@tracker.demo", "/items/"),
    ("head.syt@tracker.demo", "/items/{item}"),
    ("office@tracker.demo", "/office/overdue"),
    ("office@tracker.demo", "/reports/agencies"),
    ("office@tracker.demo", "/"),
    ("office@tracker.demo", "/items/"),
    ("leader@tracker.demo", "/"),
]
#: Pages beside the three journeys that read every item or every person: at a million items
#: each took 0.4–5 s before it was made to read a page's worth (issue 22).
OTHER_PAGES = [
    ("office@tracker.demo", "/office/inbox"),
    ("office@tracker.demo", "/reports/targets/"),
    ("office@tracker.demo", "/sectors/y-te"),
    ("office@tracker.demo", "/reports/evaluation/"),
    ("office@tracker.demo", "/documents/"),
    ("office@tracker.demo", "/reports/agencies/syt?standing=overdue"),
    ("office@tracker.demo", "/office/letters/syt"),
    ("head.syt@tracker.demo", "/documents/"),
    ("admin@tracker.demo", "/admin/users"),
]


def measure(url: str) -> None:
    from tracker.database import db
    from tracker.models import Agency, WorkItem

    app = _app(url, WTF_CSRF_ENABLED=False, RATELIMIT_ENABLED=False)
    with app.app_context():
        engine = db.engine
        item_id = db.session.scalar(
            select(WorkItem.id).join(Agency, WorkItem.lead_agency_id == Agency.id)
            .where(Agency.code == "syt").order_by(WorkItem.id)
        )  # fmt: skip
    spent = {"statements": 0, "sql_ms": 0.0}

    def before(conn, *_args):
        conn.info["started"] = time.perf_counter()
        spent["statements"] += 1

    def after(conn, *_args):
        spent["sql_ms"] += (time.perf_counter() - conn.info["started"]) * 1000

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    clients = {}
    print(
        f"  {'who':24} {'page':20} {'SQL':>4} {'bytes':>7} {'sent':>6} {'first visit':>11} "
        f"{'median ms':>10} {'SQL ms':>8}"
    )
    for who, page in [*PAGES, *OTHER_PAGES]:
        if (who, page) == OTHER_PAGES[0]:
            print("  beside the journeys:")
        path = page.format(item=item_id)
        client = clients.get(who)
        if client is None:
            client = clients[who] = app.test_client()
            client.post("/login", data={"email": who, "password": "demo1234"})
        plain = client.get(path)
        assert plain.status_code == 200, path
        times, sql_times = [], []
        for _ in range(REQUESTS):
            spent.update(statements=0, sql_ms=0.0)
            started = time.perf_counter()
            response = client.get(path, headers=BROWSER)
            times.append((time.perf_counter() - started) * 1000)
            sql_times.append(spent["sql_ms"])
        first_visit = len(response.data) + sum(
            _sent(client, asset) for asset in LINKED.findall(plain.text)
        )
        print(
            f"  {who:24} {page:20} {spent['statements']:4} {len(plain.data):7} "
            f"{len(response.data):6} {first_visit:11} "
            f"{statistics.median(times):10.1f} {statistics.median(sql_times):8.1f}"
        )


def dashboard_times(url: str) -> None:
    """Median and 95th percentile of the dashboard: cold, warm, and in another worker."""
    first = _app(url, WTF_CSRF_ENABLED=False, RATELIMIT_ENABLED=False)
    print(f"\n  dashboard '/', {COLD} changes, each then {WARM} warm requests "
          "(ms: median / p95)")  # fmt: skip
    for who in ("office@tracker.demo", "leader@tracker.demo"):
        client = _signed_in(first, who)
        # The other worker has served the page before (its templates and statements are
        # compiled); after each change it finds the figures the first worker stored.
        elsewhere = _signed_in(_app(url, WTF_CSRF_ENABLED=False, RATELIMIT_ENABLED=False), who)
        _timed(elsewhere, "/")
        cold, warm, other = [], [], []
        for _ in range(COLD):
            _change_an_item(first)
            cold.append(_timed(client, "/"))
            warm += [_timed(client, "/") for _ in range(WARM)]
            other.append(_timed(elsewhere, "/"))
        print(f"  {who:24} cold {_spread(cold)}   warm {_spread(warm)}   "
              f"another worker {_spread(other)}")  # fmt: skip


def backdated_times(url: str) -> None:
    """The office's dashboard after a completion dated back to the latest month end, then to a
    year ago, each on an item overdue since before the trend's first month end, with every
    month end kept before (as the scheduler's figures job keeps them)."""
    from tracker.clock import local_today
    from tracker.domain.periods import month_ends
    from tracker.plans.dashboard import TREND_MONTHS, keep_month_ends

    app = _app(url, WTF_CSRF_ENABLED=False, RATELIMIT_ENABLED=False)
    client = _signed_in(app, "office@tracker.demo")
    with app.app_context():
        ends = month_ends(local_today(), TREND_MONTHS)
    print("\n  office's dashboard after a completion dated back (ms: cold, then warm)")
    for label, day in (("to the latest month end", ends[-1]), ("to a year ago", ends[0])):
        with app.app_context():  # every month end kept, as the scheduler's figures job does
            keep_month_ends(local_today())
        _timed(client, "/")
        _complete_back(app, ends[0], day)
        cold = _timed(client, "/")
        print(f"  {label:24} {cold:9.1f}   {_timed(client, '/'):7.1f}")


def target_pages_times(url: str) -> None:
    """The office's dashboard right after a target's measured value is recorded (its verdicts
    judged again), then the targets page and a sector's page (median of 3, and bytes)."""
    app = _app(url, WTF_CSRF_ENABLED=False, RATELIMIT_ENABLED=False)
    client = _signed_in(app, "office@tracker.demo")
    _timed(client, "/")
    cold = []
    for _ in range(3):
        _measure_a_target(app)
        cold.append(_timed(client, "/"))
    print(f"\n  office's dashboard after a measured value is recorded (ms: cold {_spread(cold)})")
    for path in ("/reports/targets/", "/reports/targets/?verdict=at_risk", "/sectors/y-te"):
        times = [_timed(client, path) for _ in range(3)]
        print(f"  {path:36} {statistics.median(times):7.1f} ms, {_sent(client, path):,} bytes")


def _measure_a_target(app) -> None:
    """Record a measured value of the first target, as the office would."""
    from tracker.clock import local_today
    from tracker.database import db
    from tracker.models import Measurement, WorkItem

    with app.app_context():
        target = db.session.scalar(select(WorkItem).where(WorkItem.kind == "target").limit(1))
        db.session.add(Measurement(item=target, value=1, measured_on=local_today(), source="bench"))
        db.session.commit()


def _complete_back(app, before: date, day: date) -> None:
    """Complete, on `day` and without confirmation, an open task overdue since before `before`."""
    from tracker.database import db
    from tracker.models import WorkItem

    with app.app_context():
        item = db.session.scalar(
            select(WorkItem)
            .where(
                WorkItem.kind == "task",  # a target's completion is judged again too
                WorkItem.status.in_(("assigned", "in_progress")),
                WorkItem.deadline < before - timedelta(days=1),
                WorkItem.assigned_on < before,
                WorkItem.parent_id.is_(None),
            )
            .order_by(WorkItem.id)
            .limit(1)
        )
        item.status, item.completed_on, item.confirmed_on = "completed", day, None
        db.session.commit()


def _signed_in(app, who: str):
    client = app.test_client()
    client.post("/login", data={"email": who, "password": "demo1234"})
    return client


def _change_an_item(app) -> None:
    """A commit that changes one item's progress, as a report would: the data's version rises."""
    from tracker.database import db
    from tracker.models import WorkItem

    with app.app_context():
        item = db.session.scalar(select(WorkItem).order_by(WorkItem.id.desc()).limit(1))
        item.progress = (item.progress + 1) % 100
        db.session.commit()


def _timed(client, path: str) -> float:
    started = time.perf_counter()
    assert client.get(path, headers=BROWSER).status_code == 200, path
    return (time.perf_counter() - started) * 1000


def _spread(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return f"{statistics.median(ordered):7.1f} / {p95:7.1f}"


def _sent(client, address: str) -> int:
    with client.get(address, headers=BROWSER) as response:
        return len(response.data)


def main() -> None:
    items = int(os.environ.get("BENCH_ITEMS", "100000"))
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"reports-{items}.sqlite"
    if os.environ.get("BENCH_FRESH"):
        path.unlink(missing_ok=True)
    url = f"sqlite:///{path}"
    seed(url, items)
    print(f"\n  journey pages, {items:,} items, SQLite ({REQUESTS} requests each)")
    measure(url)
    dashboard_times(url)
    backdated_times(url)
    target_pages_times(url)
    postgres = os.environ.get("BENCH_POSTGRES")
    if not postgres:
        print("\n  (1,000,000 items on PostgreSQL: set BENCH_POSTGRES to a server URL)")
        return
    pg_items = int(os.environ.get("BENCH_PG_ITEMS", "1000000"))
    url = _postgres_url(postgres, pg_items)
    seed(url, pg_items)
    print(f"\n  journey pages, {pg_items:,} items, PostgreSQL ({REQUESTS} requests each)")
    engine = create_engine(url)
    with engine.connect() as connection:
        print(f"  {postgres_memory(connection)}")
    engine.dispose()
    measure(url)
    dashboard_times(url)
    backdated_times(url)
    target_pages_times(url)


if __name__ == "__main__":
    main()
