"""Two `flask scheduler run` processes started by mistake: the jobs run in one of them only.

Real processes on one test database. Each would sweep at start (the sweep time is set to
midnight, so it has always passed), then deliver every minute; the sweep job logs one line
each time its body runs.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tracker.scheduler import release_lock, take_lock

ROOT = Path(__file__).resolve().parents[2]
GENEROUS = 120  # seconds: only so that a broken run fails instead of hanging
RAN = "Sweep of "
WAITING = "Another scheduler is running"


def scheduler_process(database_url: str, log: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "PYTHONUNBUFFERED": "1",
        "TRACKER_DATABASE_URL": database_url,
        "TRACKER_REMINDER_SWEEP_AT": '"00:00"',
    }
    command = [sys.executable, "-m", "flask", "--app", "tracker", "scheduler", "run"]
    with log.open("w") as output:
        return subprocess.Popen(command, env=env, cwd=ROOT, stdout=output, stderr=output)


def wait_for(logs: list[Path], done) -> list[str]:
    """Poll the processes' output until `done(outputs)` (bounded, never a timed assertion)."""
    deadline = time.monotonic() + GENEROUS
    while True:
        outputs = [log.read_text() for log in logs]
        if done(outputs) or time.monotonic() > deadline:
            return outputs
        time.sleep(0.05)


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=GENEROUS)


def test_two_scheduler_processes_run_each_job_once_and_one_takes_over(app, database_url, tmp_path):
    logs = [tmp_path / "first.log", tmp_path / "second.log"]
    processes = [scheduler_process(database_url, log) for log in logs]
    try:
        outputs = wait_for(
            logs,
            lambda out: (
                sum(o.count(RAN) for o in out) >= 2
                or (sum(o.count(RAN) for o in out) == 1 and any(WAITING in o for o in out))
            ),
        )
        assert [o.count(RAN) for o in outputs] in ([1, 0], [0, 1]), outputs
        running = 0 if RAN in outputs[0] else 1
        standby = 1 - running
        assert WAITING in outputs[standby] and WAITING not in outputs[running]

        # The one that runs the jobs stops: the other takes over, and sweeps on starting.
        stop(processes[running])
        outputs = wait_for(logs, lambda out: RAN in out[standby])
        assert outputs[standby].count(RAN) == 1, outputs
    finally:
        for process in processes:
            if process.poll() is None:
                stop(process)


def test_the_lock_is_held_until_released(app):
    held = take_lock(app)
    assert held is not None
    assert take_lock(app) is None  # another connection or open file: another scheduler
    release_lock(held)
    again = take_lock(app)
    assert again is not None
    release_lock(again)
