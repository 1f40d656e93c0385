"""How long `flask seed synthetic` takes, as a whole process, and its peak memory.

`python -m bench seeding`: 100,000 items into a new SQLite file. With BENCH_POSTGRES set to a
server URL (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/postgres), also 1,000,000 items
(BENCH_SEED_ITEMS) into a new PostgreSQL database, which is dropped afterwards. Target: 1,000,000
items on PostgreSQL in under 3 minutes, `ANALYZE` included.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bench.reminders import FLASK, run

DATABASE = "bench_seeding"


def seed(url: str, items: int) -> None:
    env = {**os.environ, "TRACKER_DATABASE_URL": url}
    run([*FLASK, "db", "upgrade"], env)
    seeded = run([*FLASK, "seed", "synthetic", "--items", str(items)], env)
    print(
        f"  {items:,} items, {items // 50:,} users: {seeded.seconds:.1f} s, "
        f"{seeded.peak_mb:.0f} MB peak ({make_url(url).get_backend_name()})"
    )


def _fresh_postgres(base: str, drop_only: bool = False) -> str:
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)'))
        if not drop_only:
            connection.execute(text(f'CREATE DATABASE "{DATABASE}"'))
    admin.dispose()
    return make_url(base).set(database=DATABASE).render_as_string(hide_password=False)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        seed(f"sqlite:///{Path(folder) / 'seeding.sqlite'}", 100_000)
    postgres = os.environ.get("BENCH_POSTGRES")
    if not postgres:
        print("  (1,000,000 items on PostgreSQL: set BENCH_POSTGRES to a server URL)")
        return
    try:
        seed(_fresh_postgres(postgres), int(os.environ.get("BENCH_SEED_ITEMS", "1000000")))
    finally:
        _fresh_postgres(postgres, drop_only=True)


if __name__ == "__main__":
    main()
