"""Many people at once on PostgreSQL at 1,000,000 items, as before a reporting deadline.

`python -m bench at_once`, with BENCH_POSTGRES set to a server URL (else it says so and stops):
gunicorn with the repository's gunicorn.conf.py (gthread, one worker per core, 8 threads) on
bench_history_1000000 (bench.history builds it, and so does this), 8 clients each signed in as
the office through the login form.

1. Past dates: the figures kept of past days are deleted first, so every table is counted; the
   clients ask the table by agency as of 5 dates each, 40 dates 10 to 205 days back. Printed:
   the wall time, the answers' statuses, whether each page shows its date, the latency's
   median, p95 and maximum, and the most connections the server held meanwhile (a web process
   reads a past date's table on three more connections, tracker/snapshot_reads.py).
2. The dashboard right after a change, three times: a progress report is committed, then the
   8 clients open `/` at the same moment. Printed per round: when the last answered, and the
   median (one process computes the figures, the others wait for them:
   tracker/reports/shared_figures.py).
3. The same past date, three times (210, 215 and 220 days back, not kept yet): the 8 clients
   ask its table by agency at the same moment; printed as 2 (one process counts it, the others
   wait and read what it kept: tracker/reports/past_figures.py).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import create_engine, text

from bench.history import postgres_database
from bench.items import _app, _change_an_item
from bench.reports import ROOT, _free_port, _signed_in, _wait_for

CLIENTS, DATES_EACH, ROUNDS = 8, 5, 3
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
ITEMS = 1_000_000
OFFICE = "office@tracker.demo"


def past_dates(today: date) -> list[date]:
    """Distinct dates 10 to 205 days back for the load, then 210 to 220 for part 3's rounds."""
    return [today - timedelta(days=10 + 5 * n) for n in range(CLIENTS * DATES_EACH + ROUNDS)]


def ask(base: str, cookie: str, day: date) -> tuple[int, float, bool]:
    """(status, milliseconds, whether the page names its date) of one table."""
    request = urllib.request.Request(
        f"{base}/reports/agencies?as_of={day.isoformat()}", headers={"Cookie": cookie}
    )
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as response:
        page = response.read().decode()
        status = response.status
    return status, (time.perf_counter() - started) * 1000, day.strftime("%d/%m/%Y") in page


def connections(engine) -> int:
    with engine.connect() as connection:
        query = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
        return connection.execute(text(query)).scalar_one() - 1  # not this one


def load(base: str, days: list[date], engine) -> tuple[list[tuple], float, int]:
    """Every client's answers, the wall time, the most connections seen meanwhile."""
    answers: list[tuple] = []
    cookies = [_signed_in(base, OFFICE).removeprefix("Cookie: ") for _ in range(CLIENTS)]
    peak, done = [0], threading.Event()

    def client(number: int) -> None:
        for day in days[number::CLIENTS]:
            answers.append(ask(base, cookies[number], day))

    def watch() -> None:
        while not done.wait(0.2):
            peak[0] = max(peak[0], connections(engine))

    watcher = threading.Thread(target=watch)
    watcher.start()
    started = time.perf_counter()
    clients = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in clients:
        thread.start()
    for thread in clients:
        thread.join()
    wall = time.perf_counter() - started
    done.set()
    watcher.join()
    return answers, wall, peak[0]


def rounds_at_once(base: str, before_each, paths: list[str]) -> list[tuple[float, float]]:
    """(ms until the last answered, median ms) of each round: before_each(), then the clients
    ask that round's path at the same moment."""
    cookies = [_signed_in(base, OFFICE).removeprefix("Cookie: ") for _ in range(CLIENTS)]
    for cookie in cookies:  # each process has served a page once
        _page(base, "/", cookie)
    rounds = []
    for path in paths:
        before_each()
        times: list[float] = []
        clients = [
            threading.Thread(target=_page_into, args=(base, path, cookie, times))
            for cookie in cookies
        ]
        started = time.perf_counter()
        for thread in clients:
            thread.start()
        for thread in clients:
            thread.join()
        rounds.append(((time.perf_counter() - started) * 1000, statistics.median(times)))
    return rounds


def _page_into(base: str, path: str, cookie: str, times: list[float]) -> None:
    times.append(_page(base, path, cookie))


def _page(base: str, path: str, cookie: str) -> float:
    request = urllib.request.Request(f"{base}{path}", headers={"Cookie": cookie})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as response:
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{path} answered {response.status}")
    return (time.perf_counter() - started) * 1000


def _spread(rounds: list[tuple[float, float]]) -> str:
    return ", ".join(f"{last:.0f} / {median:.0f}" for last, median in rounds)


def main() -> None:
    base_url = os.environ.get("BENCH_POSTGRES")
    if not base_url:
        print("(many people at once at 1,000,000 items: set BENCH_POSTGRES to a server URL)")
        return
    url = postgres_database(base_url, ITEMS)
    engine = create_engine(url)
    with engine.begin() as connection:  # count every table: nothing kept from an earlier run
        connection.execute(text("DELETE FROM past_figures"))
        connection.execute(text("DELETE FROM cached_figures"))
    port = _free_port()
    env = {**os.environ, "TRACKER_DATABASE_URL": url, "TRACKER_SECRET_KEY": "bench",
           "TRACKER_BIND": f"127.0.0.1:{port}"}  # fmt: skip
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--no-control-socket", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        _wait_for(port)
        days = past_dates(datetime.now(VIETNAM).date())
        base = f"http://127.0.0.1:{port}"
        answers, wall, peak = load(base, days[: CLIENTS * DATES_EACH], engine)
        writer = _app(url)
        dashboard = rounds_at_once(base, lambda: _change_an_item(writer), ["/"] * ROUNDS)
        same_day = [f"/reports/agencies?as_of={day.isoformat()}" for day in days[-ROUNDS:]]
        same_past_date = rounds_at_once(base, lambda: None, same_day)
    finally:
        server.terminate()
        server.wait(timeout=30)
        engine.dispose()
    times = sorted(ms for _status, ms, _shown in answers)
    statuses = sorted({status for status, _ms, _shown in answers})
    print(f"statistics by agency of {len(answers)} distinct past dates, {CLIENTS} clients, "
          f"{ITEMS:,} items (PostgreSQL, gunicorn.conf.py): {wall:.1f} s")  # fmt: skip
    print(f"  statuses {statuses}; every page shows its date: "
          f"{all(shown for _status, _ms, shown in answers)}")  # fmt: skip
    print(f"  latency median {statistics.median(times):.0f} ms, p95 "
          f"{times[int(0.95 * len(times)) - 1]:.0f} ms, max {times[-1]:.0f} ms; "
          f"at most {peak} connections to the database")  # fmt: skip
    print(f"dashboard '/' opened by {CLIENTS} clients at once right after a change, "
          f"{ROUNDS} rounds (ms until the last answered / median):")  # fmt: skip
    print(f"  {_spread(dashboard)}")
    print(f"the same past date's statistics asked by {CLIENTS} clients at once, {ROUNDS} dates "
          "(ms until the last answered / median):")  # fmt: skip
    print(f"  {_spread(same_past_date)}")


if __name__ == "__main__":
    main()
