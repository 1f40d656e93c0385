"""As-of statistics with dated assignment: 10 % of the items reassigned at least once.

`make bench` (or `python -m bench history`). On SQLite, 100,000 items in
bench/results/history.sqlite (BENCH_FRESH=1 rebuilds it): the statistics by agency (the
database's work, no cache) as of today and as of a past date before the reassignments, median
and 95th percentile over 30 runs each. The issue asks the past date's p95 to stay within 1.5 ×
today's.

With BENCH_POSTGRES set to a server URL, also 1,000,000 items (BENCH_PG_ITEMS) on PostgreSQL, in
a database of their own (bench_history_<n>: seeded as bench/reports.py seeds, then reassigned
alike; kept and reused): the same table as of today, 30 and 200 days back, against issue 22's
1 s, as the statistics pages count it (a past date's statements side by side on one snapshot,
tracker.snapshot_reads) and with its statements one after the other, beside the server's
shared_buffers (docs/operations.md says how to size it).
"""

from __future__ import annotations

import os
import random
import statistics as stats
import time
from datetime import timedelta
from functools import partial
from pathlib import Path

from sqlalchemy import bindparam, func, insert, select, text, update

from bench._machine import postgres_memory

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
ITEMS, RUNS, SHARE = 100_000, 30, 0.10
#: The PostgreSQL run: days back of each date, and runs per date (a run takes about a second).
PG_DAYS_BACK, PG_RUNS = (0, 30, 200), 7


def _build(db, today) -> None:
    from tracker.seeding.demo import load_demo
    from tracker.seeding.plan import load_plan
    from tracker.seeding.synthetic import load_synthetic

    load_plan()
    load_demo(today)
    load_synthetic(ITEMS, ITEMS // 50, today)
    _reassign(db, today)


def _reassign(db, today) -> None:
    """Give each item its first period, as the app does (the synthetic loader writes rows in
    bulk), then reassign 10 % of the items with one period to another agency, each on a day of
    the last 150."""
    from tracker.models import Agency, AssignmentPeriod, WorkItem

    items, periods = WorkItem.__table__, AssignmentPeriod.__table__
    db.session.execute(
        insert(periods).from_select(
            ["item_id", "lead_agency_id", "deadline", "valid_from", "kind", "created_at"],
            select(items.c.id, items.c.lead_agency_id, items.c.original_deadline,
                   items.c.assigned_on, text("'assignment'"), items.c.created_at)
            .where(items.c.id.notin_(select(periods.c.item_id))),
        )
    )  # fmt: skip
    # An item the demo corrected has several periods: closing them all at one date would not do.
    single = select(periods.c.item_id).group_by(periods.c.item_id).having(func.count() == 1)
    rows = db.session.execute(
        select(items.c.id, items.c.deadline, items.c.assigned_on).where(items.c.id.in_(single))
    ).all()
    rng = random.Random(15)
    agencies = db.session.scalars(select(Agency.id)).all()
    moves = []
    for item_id, deadline, assigned_on in rows:
        if rng.random() < SHARE:
            day = max(assigned_on, today - timedelta(days=rng.randint(1, 150)))
            moves.append({"item": item_id, "lead": rng.choice(agencies), "day": day,
                          "deadline": deadline})  # fmt: skip
    db.session.execute(
        update(periods).where(periods.c.item_id == bindparam("item"))
        .values(valid_until=bindparam("day")), moves,
    )  # fmt: skip
    db.session.execute(
        insert(periods).values(item_id=bindparam("item"), lead_agency_id=bindparam("lead"),
                               deadline=bindparam("deadline"), valid_from=bindparam("day"),
                               kind="reassignment", created_at=func.current_timestamp()),
        moves,
    )  # fmt: skip
    db.session.execute(
        update(items).where(items.c.id == bindparam("item"))
        .values(lead_agency_id=bindparam("lead")), moves,
    )  # fmt: skip
    db.session.commit()


def _times(counts, dimension, as_of, scope, runs: int = RUNS) -> tuple[float, float]:
    counts(dimension, as_of, scope)
    found = []
    for _ in range(runs):
        start = time.perf_counter()
        counts(dimension, as_of, scope)
        found.append((time.perf_counter() - start) * 1000)
    found.sort()
    return stats.median(found), found[max(0, int(0.95 * len(found)) - 1)]


def sqlite_run() -> None:
    from tracker import create_app
    from tracker.clock import local_today
    from tracker.database import db
    from tracker.models import User
    from tracker.reports.statistics import EVERYTHING, Dimension, counts

    path = RESULTS / "history.sqlite"
    if os.environ.get("BENCH_FRESH"):
        path.unlink(missing_ok=True)
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}", "SECRET_KEY": "bench"})
    with app.app_context():
        db.create_all()
        today = local_today()
        if not db.session.scalar(select(func.count()).select_from(User)):
            _build(db, today)
            db.session.execute(text("ANALYZE"))
            db.session.commit()
        past = today - timedelta(days=200)
        now = _times(counts, Dimension.AGENCY, today, EVERYTHING)
        then = _times(counts, Dimension.AGENCY, past, EVERYTHING)
        print(f"statistics by agency, {ITEMS:,} items, {SHARE:.0%} reassigned (SQLite, no cache)")
        print(f"  as of today ({today}): median {now[0]:.1f} ms, p95 {now[1]:.1f} ms")
        print(f"  as of {past}: median {then[0]:.1f} ms, p95 {then[1]:.1f} ms "
              f"({then[1] / now[1]:.2f} × today's p95; the issue asks ≤ 1.5 ×)")  # fmt: skip
        db.engine.dispose()


def postgres_database(base: str, items: int) -> str:
    """The URL of bench_history_<items>, seeded and reassigned if it was not yet."""
    from bench.reports import _analyze, _app, _postgres_url, seed
    from tracker.clock import local_today
    from tracker.database import db
    from tracker.models import AssignmentPeriod

    url = _postgres_url(base, items, prefix="bench_history")
    seed(url, items)
    with _app(url).app_context():
        moved = select(AssignmentPeriod.id).where(AssignmentPeriod.kind == "reassignment")
        if db.session.scalar(moved.limit(1)) is None:
            _reassign(db, local_today())
            _analyze(db)
        db.engine.dispose()
    return url


def postgres_run(base: str, items: int) -> None:
    from bench.reports import _app
    from tracker.clock import local_today
    from tracker.database import db
    from tracker.reports.statistics import EVERYTHING, Dimension, counts

    started = time.perf_counter()
    url = postgres_database(base, items)
    with _app(url).app_context():
        today = local_today()
        print(f"\nstatistics by agency, {items:,} items, {SHARE:.0%} reassigned (PostgreSQL, "
              f"no cache; database ready in {time.perf_counter() - started:.0f} s)")  # fmt: skip
        print(f"  {postgres_memory(db.session.connection())}")
        side_by_side = partial(counts, together=True)  # as the statistics pages count
        for days in PG_DAYS_BACK:
            as_of = today - timedelta(days=days)
            median, p95 = _times(side_by_side, Dimension.AGENCY, as_of, EVERYTHING, PG_RUNS)
            in_turn = _times(counts, Dimension.AGENCY, as_of, EVERYTHING, PG_RUNS)
            verdict = "ok" if median < 1000 else "over issue 22's 1 s"
            print(f"  as of {days:3} days back: median {median:6.0f} ms, p95 {p95:6.0f} ms "
                  f"over {PG_RUNS} runs ({verdict}); its statements one after the other: "
                  f"median {in_turn[0]:.0f} ms, p95 {in_turn[1]:.0f} ms")  # fmt: skip
        db.engine.dispose()


def main() -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    sqlite_run()
    if postgres := os.environ.get("BENCH_POSTGRES"):
        postgres_run(postgres, int(os.environ.get("BENCH_PG_ITEMS", "1000000")))
    else:
        print("\n(1,000,000 items on PostgreSQL: set BENCH_POSTGRES to a server URL)")


if __name__ == "__main__":
    main()
