"""How long the application takes to start, as a process and again within one.

`make bench` (or `python -m bench startup`). A process of `flask --app tracker` is what each
command of the reminder job, the scheduler and every web worker pays before any work: its wall
time to print a command's help (median of 7 runs). Then, within this process, an application
built again, as the test suite builds one per test, and its first page: the sign-in page,
which extends the base template (median of 7).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 7
COMMAND = [sys.executable, "-m", "flask", "--app", "tracker", "reminders", "--help"]


def process_start() -> float:
    started = time.perf_counter()
    subprocess.run(COMMAND, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - started


def app_again(database: Path) -> tuple[float, float]:
    """(seconds to build an application, seconds of its first page)."""
    from tracker import create_app

    started = time.perf_counter()
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}", "SECRET_KEY": "bench"})
    built = time.perf_counter()
    with app.test_client() as client:
        response = client.get("/login")
    assert response.status_code == 200, response.status_code
    return built - started, time.perf_counter() - built


def main() -> None:
    starts = [process_start() for _ in range(RUNS)]
    print(f"  process start (`flask --app tracker reminders --help`): median "
          f"{statistics.median(starts):.2f} s, {min(starts):.2f}–{max(starts):.2f} s")  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="tracker-bench-") as folder:
        database = Path(folder) / "startup.sqlite"
        app_again(database)  # the first application of this process imports the code
        again = [app_again(database) for _ in range(RUNS)]
    built = statistics.median(seconds for seconds, _page in again)
    page = statistics.median(page for _seconds, page in again)
    print(f"  an application built again in the same process: {built * 1000:.0f} ms; "
          f"its first page (/login): {page * 1000:.0f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
