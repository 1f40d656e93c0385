"""How fast the office's overdue list and the statistics table are, on bulk synthetic data.

`make bench` (or `python -m bench.reports`): SQLite with 100,000 items. Prints the server time
of the overdue list's first page and of the statistics table (median and 95th percentile over
50 in-process requests), the SQL statements per page, and requests per second on the overdue
list (the office) and on the items list (a head, signed in) under gunicorn (2 workers, the
threads of gunicorn.conf.py) and wrk (8 connections).

The PostgreSQL run with 1,000,000 items is opt-in (seeding takes minutes):
`BENCH_POSTGRES=postgresql+psycopg://postgres@127.0.0.1:5432/postgres make bench`.
Seeded databases are kept in bench/results/ (SQLite) or as bench_reports_<n> (PostgreSQL)
and reused; BENCH_FRESH=1 rebuilds them.
"""

from __future__ import annotations

import http.cookiejar
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from sqlalchemy import bindparam, create_engine, event, func, insert, select, text, update
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
REQUESTS = 50
PAGES = {"overdue list, page 1": "/office/overdue", "statistics by agency": "/reports/agencies"}


def _app(url: str, **config):
    from tracker import create_app

    return create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", **config})


def seed(url: str, items: int) -> str:
    """Schema, plan, demo accounts, `items` synthetic items, 2 % with extension requests.

    Returns the office's API token (the benchmark signs in with it).
    """
    from tracker.accounts.login import new_api_token
    from tracker.clock import local_today
    from tracker.database import db
    from tracker.models import User
    from tracker.seeding.demo import load_demo
    from tracker.seeding.plan import load_plan
    from tracker.seeding.synthetic import load_synthetic

    app = _app(url)
    with app.app_context():
        db.create_all()
        today = local_today()
        if not db.session.scalar(select(func.count()).select_from(User)):
            load_plan()
            load_demo(today)
            load_synthetic(items, items // 50, today)
            _extensions(today)
        office = db.session.scalar(select(User).where(User.email == "office@tracker.demo"))
        token = new_api_token(office)
        db.session.commit()
        _analyze(db)
        db.engine.dispose()
    return token


def _extensions(today) -> None:
    """Extension requests on 2 % of the items: half approved (moving the deadline), the rest
    rejected or pending, decided in the last 90 days, as the workflow records them."""
    from tracker.database import db
    from tracker.models import ExtensionRequest, User, WorkItem

    rng = random.Random(5)
    officer = db.session.scalar(select(User.id).where(User.role == "officer"))
    rows = db.session.execute(
        select(WorkItem.id, WorkItem.deadline).where(WorkItem.deadline.is_not(None))
    )
    chosen = [row for row in rows if rng.random() < 0.02]
    requests, moved = [], []
    for item_id, deadline in chosen:
        status = rng.choice(("approved", "approved", "rejected", "pending"))
        decided = today - timedelta(days=rng.randint(1, 90))
        proposed = deadline + timedelta(days=rng.randint(10, 120))
        requests.append({
            "item_id": item_id, "requested_by_id": officer, "requested_on": decided,
            "current_deadline": deadline, "proposed_deadline": proposed, "reason": "Bench",
            "status": status, "decided_on": None if status == "pending" else decided,
            "is_late": False,
        })  # fmt: skip
        if status == "approved":
            moved.append({"item_id": item_id, "new_deadline": proposed})
    db.session.execute(insert(ExtensionRequest), requests)
    # The workflow moves the deadline in force when it approves: do the same, by primary key.
    table = WorkItem.__table__
    db.session.execute(
        update(table)
        .where(table.c.id == bindparam("item_id"))
        .values(deadline=bindparam("new_deadline")),
        moved,
    )
    db.session.commit()


def _analyze(db) -> None:
    """Planner statistics after a bulk load (PostgreSQL's autovacuum would do it later)."""
    if db.engine.dialect.name == "sqlite":
        db.session.execute(text("ANALYZE"))
        db.session.commit()
    else:
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))


@contextmanager
def _counting(engine):
    counted = [0]

    def count(*_args):
        counted[0] += 1

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield counted
    finally:
        event.remove(engine, "before_cursor_execute", count)


def server_times(url: str, token: str, cache_seconds: int) -> dict[str, tuple[float, float, int]]:
    """(median ms, p95 ms, SQL statements) per page over REQUESTS in-process requests."""
    from tracker.database import db

    app = _app(url, REPORT_CACHE_SECONDS=cache_seconds)
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    results = {}
    with app.app_context():
        engine = db.engine
    for name, path in PAGES.items():
        assert client.get(path, headers=headers).status_code == 200
        times = []
        with _counting(engine) as counted:
            for _ in range(REQUESTS):
                start = time.perf_counter()
                response = client.get(path, headers=headers)
                times.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200
        times.sort()
        p95 = times[int(0.95 * len(times)) - 1]
        results[name] = (statistics.median(times), p95, counted[0] // REQUESTS)
    return results


def queries_by_page_size(url: str, token: str) -> dict[int, int]:
    """SQL statements of the overdue list's first page, whatever the page size."""
    from tracker.database import db

    found = {}
    for size in (10, 100, 500):
        app = _app(url, OVERDUE_PER_PAGE=size)
        client = app.test_client()
        with app.app_context():
            engine = db.engine
        client.get("/office/overdue", headers={"Authorization": f"Bearer {token}"})
        with _counting(engine) as counted:
            client.get("/office/overdue", headers={"Authorization": f"Bearer {token}"})
        found[size] = counted[0]
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def requests_per_second(url: str, token: str, path: str, who: str | None = None) -> float | None:
    """wrk -c8 against gunicorn with 2 workers, as the office's API token or, given `who`, as
    that demo person signed in through the login page; None when wrk is not installed."""
    if shutil.which("wrk") is None:
        print("  wrk is not installed (apt-get install -y wrk): skipping requests/s")
        return None
    port = _free_port()
    env = {**os.environ, "TRACKER_DATABASE_URL": url, "TRACKER_SECRET_KEY": "bench"}
    gunicorn = [sys.executable, "-m", "gunicorn", "--no-control-socket", "-w", "2"]
    server = subprocess.Popen(
        [*gunicorn, "-b", f"127.0.0.1:{port}", "--log-level", "warning", "wsgi:app"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        _wait_for(port)
        base = f"http://127.0.0.1:{port}"
        auth = f"Authorization: Bearer {token}" if who is None else _signed_in(base, who)
        subprocess.run(["wrk", "-t2", "-c8", "-d3s", "-H", auth, base + path], capture_output=True)
        out = subprocess.run(
            ["wrk", "-t2", "-c8", "-d15s", "-H", auth, base + path], capture_output=True, text=True
        ).stdout
        non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        if non_2xx:
            print(f"  warning: {non_2xx.group(1)} responses were not 2xx")
        return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    finally:
        server.terminate()
        server.wait(timeout=10)


def _signed_in(base: str, who: str) -> str:
    """A Cookie header of a session opened through the login form, as a browser does."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = opener.open(base + "/login").read().decode()
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    fields = {"csrf_token": csrf, "email": who, "password": "demo1234"}
    opener.open(base + "/login", urllib.parse.urlencode(fields).encode())
    return "Cookie: " + "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)


def _wait_for(port: int) -> None:
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not start")


def run(label: str, url: str, items: int, target_ms: float, with_wrk: bool) -> None:
    print(f"\n== {label}: {items:,} synthetic items ==")
    started = time.perf_counter()
    token = seed(url, items)
    print(f"  database ready in {time.perf_counter() - started:.0f} s")
    for cache, note in ((300, "as deployed (statistics reused while no item changes)"),
                        (0, "statistics recomputed on every request")):  # fmt: skip
        print(f"  server time over {REQUESTS} requests, {note}:")
        for name, (median, p95, queries) in server_times(url, token, cache).items():
            verdict = "ok" if p95 < target_ms else f"over the {target_ms:g} ms target"
            print(f"    {name:24} median {median:7.1f} ms   p95 {p95:7.1f} ms   "
                  f"{queries} SQL statements   ({verdict})")  # fmt: skip
    sizes = queries_by_page_size(url, token)
    print("  SQL statements of the overdue list by page size: "
          + ", ".join(f"{size} rows: {n}" for size, n in sizes.items()))  # fmt: skip
    if with_wrk:
        rate = requests_per_second(url, token, "/office/overdue")
        if rate is not None:
            verdict = "ok" if rate >= 200 else "under the 200 req/s target"
            print(f"  gunicorn -w 2, wrk -c8, overdue list: {rate:.0f} requests/s ({verdict})")
        rate = requests_per_second(url, token, "/items/", who="head.syt@tracker.demo")
        if rate is not None:
            verdict = "ok" if rate >= 150 else "under the 150 req/s target"
            print(
                f"  gunicorn -w 2, wrk -c8, items list of a head: {rate:.0f} requests/s ({verdict})"
            )


def _postgres_url(base: str, items: int, prefix: str = "bench_reports") -> str:
    name = f"{prefix}_{items}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if os.environ.get("BENCH_FRESH"):
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
        if exists.scalar() is None:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(base).set(database=name).render_as_string(hide_password=False)


def main() -> None:
    items = int(os.environ.get("BENCH_ITEMS", "100000"))
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"reports-{items}.sqlite"
    if os.environ.get("BENCH_FRESH"):
        path.unlink(missing_ok=True)
    run("SQLite", f"sqlite:///{path}", items, target_ms=20, with_wrk=True)
    postgres = os.environ.get("BENCH_POSTGRES")
    if postgres:
        pg_items = int(os.environ.get("BENCH_PG_ITEMS", "1000000"))
        url = _postgres_url(postgres, pg_items)
        run("PostgreSQL", url, pg_items, target_ms=100, with_wrk=True)
    else:
        print("\n(PostgreSQL with 1,000,000 items: set BENCH_POSTGRES to a server URL)")


if __name__ == "__main__":
    main()
