"""What the late-update columns and the year's emulation evaluation cost, on bulk data.

`python -m bench evaluation`: the SQLite database of bench.reports (100,000 synthetic items,
built there and kept in bench/results/), plus one progress update this month for every third
item, a fifth of them late. Prints, median and 95th percentile over 20 runs in one process, the
statistics by agency computed without the cache, with and without the update columns, and the
evaluation of the year (figures of every agency), and the page /reports/evaluation/ itself.
"""

from __future__ import annotations

import os
import statistics
import time
from datetime import UTC, datetime
from datetime import time as clock_time

from sqlalchemy import func, insert, select

from bench import reports as bench_reports

RUNS = 20


def _with_updates(url: str) -> None:
    """One update this month for every third item (once: the database is kept)."""
    from tracker.clock import local_today
    from tracker.database import db
    from tracker.models import ProgressReport, User, WorkItem

    app = bench_reports._app(url)
    with app.app_context():
        if db.session.scalar(select(func.count()).select_from(ProgressReport)) > 10_000:
            return
        author = db.session.scalar(select(User.id).where(User.email == "office@tracker.demo"))
        today = local_today()
        moment = datetime.combine(today.replace(day=1), clock_time(3), tzinfo=UTC)
        ids = db.session.scalars(select(WorkItem.id).where(WorkItem.id % 3 == 0)).all()
        rows = [
            {"item_id": item_id, "author_id": author, "progress": 50, "text": "Đang triển khai.",
             "is_submission": False, "due_on": today.replace(day=20), "late": item_id % 5 == 0,
             "created_at": moment}
            for item_id in ids
        ]  # fmt: skip
        db.session.execute(insert(ProgressReport), rows)
        db.session.commit()
        bench_reports._analyze(db)


def _times(action) -> tuple[float, float]:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * len(times)) - 1]


def _measure(url: str, token: str) -> dict[str, tuple[float, float]]:
    from tracker.clock import local_today
    from tracker.evaluation.queries import agency_years, year_span
    from tracker.reports import statistics as tables
    from tracker.reports.statistics import EVERYTHING, Dimension

    app = bench_reports._app(url, REPORT_CACHE_SECONDS=0)
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    with app.app_context():
        today = local_today()
        start = tables.update_window_start(today)
        span = year_span(today.year, today)
        found = {
            "statistics by agency, without updates": _times(
                lambda: tables.computed(Dimension.AGENCY, today, EVERYTHING, None)),
            "statistics by agency, with updates": _times(
                lambda: tables.computed(Dimension.AGENCY, today, EVERYTHING, start)),
            "evaluation of the year (queries)": _times(lambda: agency_years(*span)),
        }  # fmt: skip
    page = "/reports/evaluation/"
    assert client.get(page, headers=headers).status_code == 200
    found["evaluation page"] = _times(lambda: client.get(page, headers=headers))
    return found


def main() -> None:
    items = int(os.environ.get("BENCH_ITEMS", "100000"))
    url = f"sqlite:///{bench_reports.RESULTS / f'reports-{items}.sqlite'}"
    bench_reports.RESULTS.mkdir(exist_ok=True)
    print(f"\n== late updates and the evaluation, SQLite, {items:,} synthetic items ==")
    token = bench_reports.seed(url, items)
    _with_updates(url)
    for name, (median, p95) in _measure(url, token).items():
        print(f"{name}: {median:.1f} / {p95:.1f} ms (median / p95 over {RUNS})")


if __name__ == "__main__":
    main()
