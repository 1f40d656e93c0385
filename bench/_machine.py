"""How fast this machine is right now, so that figures from different runs can be compared.

The benchmarks' targets are set "on this 2-core machine", but the same kind of machine has been
seen running the same code three times slower on one day than on another, and its speed moves
within minutes (a shared host). Each benchmark of `make bench` therefore starts with two fixed
workloads, independent of the tracker: a pure-Python loop and a grouped SQLite scan of 100,000
rows. Record them beside the figures; figures compare only when these do.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from datetime import date, timedelta

ROWS = 100_000


def best_ms(work: Callable[[], object], repeat: int = 5) -> float:
    """The fastest of `repeat` runs, in milliseconds: the least disturbed by other work."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return min(times)


def python_loop() -> int:
    return sum(i * i for i in range(1_000_000))


def sqlite_table() -> sqlite3.Connection:
    """100,000 rows of (group, day) in memory, indexed in group order."""
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, grp INTEGER, day TEXT)")
    first = date(2025, 1, 1)
    rows = ((n % 60, (first + timedelta(days=n % 700)).isoformat()) for n in range(ROWS))
    connection.executemany("INSERT INTO t (grp, day) VALUES (?, ?)", rows)
    connection.execute("CREATE INDEX ix_t ON t (grp, day)")
    return connection


def sqlite_scan(connection: sqlite3.Connection) -> list:
    query = (
        "SELECT grp, count(*), count(CASE WHEN day < '2026-01-01' THEN 1 END) FROM t GROUP BY grp"
    )
    return connection.execute(query).fetchall()


def main() -> None:
    connection = sqlite_table()
    python_ms = best_ms(python_loop)
    sqlite_ms = best_ms(lambda: sqlite_scan(connection))
    load = ", ".join(f"{n:.2f}" for n in os.getloadavg())
    print(f"  machine speed now: Python loop {python_ms:.0f} ms, SQLite grouped scan of "
          f"{ROWS:,} rows {sqlite_ms:.1f} ms (lower is faster); load average {load}")  # fmt: skip


def postgres_memory(connection, table: str = "work_items") -> str:
    """The PostgreSQL server's page cache against `table`: with shared_buffers smaller than the
    table (128 MB by default), every full pass copies its pages in from the operating system
    again, and the same statements ran 4–25 % slower than on a server configured as
    docs/operations.md says."""
    buffers = connection.exec_driver_sql("SHOW shared_buffers").scalar()
    size = connection.exec_driver_sql(f"SELECT pg_size_pretty(pg_table_size('{table}'))").scalar()
    return f"PostgreSQL shared_buffers {buffers}, {table} {size}"


if __name__ == "__main__":
    main()
