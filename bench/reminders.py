"""Reminder sweep and delivery at scale, measured as whole processes.

For each shape (100,000 synthetic items with 200 users, then with 2,000 users) in a temporary
SQLite database: `flask reminders sweep` (wall time, peak memory, notices, digests), the same
sweep again (nothing new: the steady cost of a re-run), then `flask reminders deliver` into a
local aiosmtpd server by two processes, one per core (mails per second, each process over one
reused SMTP connection; one mail per recipient checked). Peak memory is each child process's
own maximum resident set (GNU time). The 200-user shape, whose targets are a few seconds, runs five
rounds from copies of one seeded database: the round of median sweep + delivery is printed, with
the spread of all five, since this shared host's speed moves from one minute to the next.

The seeded rows are stamped as last changed the day before, as a morning's data would be:
delivery checks again only the notices of what changed after the sweep. One more delivery, after
every person is touched, measures the other case, where every notice is checked again.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from tracker.domain.workdays import WorkCalendar

ITEMS = 100_000
SHAPES = (200, 2_000)
#: Rounds from the same seeded database: the target shape's run is short and the host noisy.
ROUNDS = {200: 5}
FLASK = [sys.executable, "-m", "flask", "--app", "tracker"]
TIME = "/usr/bin/time"  #: GNU time (Debian's package "time")
ROOT = Path(__file__).resolve().parent.parent
TARGETS = (
    "targets (200 users): sweep < 300 MB; delivery >= 200 mails/s; "
    "sweep + deliver < 2 s (issue 22; the first target was 3.5 s)"
)


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float
    output: str


def run(args: list[str], env: dict[str, str]) -> Run:
    """Run one command as its own process; its wall time and its own peak memory.

    The peak is read by GNU time, which starts the command from its own small process: a
    child's maximum resident set (wait4) also holds the size of the process it was forked from,
    and `python -m bench` has grown to 400-600 MB by the time it runs this module."""
    started = time.perf_counter()
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as peak:
        process = subprocess.Popen(
            [TIME, "-f", "%M", "-o", peak.name, *args],
            env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        output = process.stdout.read()
        process.wait()
        kilobytes = int(peak.read().split()[-1])
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{output}")
    return Run(seconds, kilobytes / 1024, output)


def sweep_day() -> date:
    """Today in the province, or the next working day (nothing is swept on a day off)."""
    return WorkCalendar().on_or_after(datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date())


def queued(output: str) -> tuple[int, int, float]:
    """Notices, people, and the seconds the sweep itself took (the process also starts up)."""
    found = re.search(r"queued (\d+) notices for (\d+) people in ([\d.]+) s", output)
    if found is None:
        raise RuntimeError(f"unexpected sweep output:\n{output[-500:]}")
    return int(found.group(1)), int(found.group(2)), float(found.group(3))


def delivered_in(output: str) -> float:
    found = re.search(r"Delivered in ([\d.]+) s", output)
    if found is None:
        raise RuntimeError(f"unexpected delivery output:\n{output[-500:]}")
    return float(found.group(1))


def prepare(users: int, folder: Path) -> tuple[dict[str, str], Path, float]:
    """A fresh database with the synthetic shape: its environment, its file, the seeding time."""
    database = folder / f"bench-{users}.sqlite"
    env = {**os.environ, "TRACKER_DATABASE_URL": f"sqlite:///{database}"}
    for key in [key for key in env if key.startswith("TRACKER_MAIL_")]:
        del env[key]
    run([*FLASK, "db", "upgrade"], env)
    seeded = run([*FLASK, "seed", "synthetic", "--items", str(ITEMS), "--users", str(users)], env)
    stamp_changes(database, "-1 day", ("users", "sectors", "work_items"))
    return env, database, seeded.seconds


def stamp_changes(database: Path, shift: str, tables: tuple[str, ...]) -> None:
    """Move the rows' last change by `shift` (an SQLite date modifier, e.g. "-1 day")."""
    connection = sqlite3.connect(database)
    with connection:
        for table in tables:
            connection.execute(f"UPDATE {table} SET updated_at = datetime(updated_at, ?)", (shift,))
    connection.close()


def deliver_into_smtp(env: dict[str, str]) -> tuple[Run, Counter[str]]:
    """`flask reminders deliver` into a local aiosmtpd; the process and mails per recipient."""
    from tests.reminders.conftest import SMTPServer, free_port

    server = SMTPServer(free_port())
    server.start()
    try:
        mail_env = {
            **env,
            "TRACKER_MAIL_SERVER": "127.0.0.1",
            "TRACKER_MAIL_PORT": str(server.port),
        }
        command = [*FLASK, "reminders", "deliver", "--batch-size", "50", "--workers", "2"]
        return run(command, mail_env), (server.mailbox.per_recipient())
    finally:
        server.stop()


@dataclass(frozen=True)
class Round:
    """One sweep of the seeded database, the same sweep again, then delivery."""

    sweep: Run
    again: Run
    deliver: Run
    per_recipient: Counter[str]

    @property
    def both(self) -> float:
        return self.sweep.seconds + self.deliver.seconds


def one_round(env: dict[str, str], day: str) -> Round:
    sweep = run([*FLASK, "reminders", "sweep", "--today", day], env)
    again = run([*FLASK, "reminders", "sweep", "--today", day], env)
    deliver, per_recipient = deliver_into_smtp(env)
    return Round(sweep, again, deliver, per_recipient)


def restore(database: Path, pristine: Path) -> None:
    """The seeded database again, as it was before any sweep (WAL files and all)."""
    for suffix in ("-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(pristine, database)


def measure(users: int, folder: Path, rounds: int) -> None:
    """`rounds` rounds from the same seeded database; the round of median sweep + delivery is
    printed, with the spread of all: this shared host's speed moves from minute to minute."""
    env, database, seeded = prepare(users, folder)
    pristine = folder / f"seeded-{users}.sqlite"
    shutil.copyfile(database, pristine)
    day = sweep_day().isoformat()
    done = []
    for _ in range(rounds):
        restore(database, pristine)
        done.append(one_round(env, day))
    restore(database, pristine)
    run([*FLASK, "reminders", "sweep", "--today", day], env)
    stamp_changes(database, "+2 days", ("users",))  # everyone changed after the sweep
    all_checked, _ = deliver_into_smtp(env)
    pristine.unlink()
    median = sorted(done, key=lambda done_round: done_round.both)[len(done) // 2]
    report(users, seeded, day, median)
    sending = delivered_in(all_checked.output)
    print(
        f"  deliver, people changed since the sweep (every notice checked): "
        f"{all_checked.seconds:.2f} s process ({sending:.2f} s sending), "
        f"{users / sending:,.0f} mails/s sending"
    )
    if rounds > 1:
        totals = sorted(f"{done_round.both:.2f}" for done_round in done)
        print(f"  over {rounds} rounds, sweep + deliver (s): {', '.join(totals)}")


def report(users: int, seeded: float, day: str, median: Round) -> None:
    notices, people, swept_in = queued(median.sweep.output)
    per_recipient = median.per_recipient
    mails, sending = sum(per_recipient.values()), delivered_in(median.deliver.output)
    once = set(per_recipient.values()) == {1} and mails == people
    sweep, again, deliver = median.sweep, median.again, median.deliver
    print(f"\n{ITEMS:,} items, {users:,} users (seeded in {seeded:.0f} s), sweep of {day}")
    print(
        f"  sweep:           {sweep.seconds:6.2f} s process ({swept_in:.2f} s sweeping), "
        f"{sweep.peak_mb:4.0f} MB peak; {notices:,} notices, {people:,} digests"
    )
    print(
        f"  sweep again:     {again.seconds:6.2f} s process ({queued(again.output)[2]:.2f} s), "
        f"{again.peak_mb:4.0f} MB peak; {queued(again.output)[0]:,} new notices"
    )
    print(
        f"  deliver:         {deliver.seconds:6.2f} s process ({sending:.2f} s sending), "
        f"{deliver.peak_mb:4.0f} MB peak; {mails:,} mails, {mails / deliver.seconds:,.0f} mails/s "
        f"per process, {mails / sending:,.0f} mails/s sending; "
        f"one per recipient: {'yes' if once else 'NO'}"
    )
    print(f"  sweep + deliver: {median.both:6.2f} s (two processes)")


def main() -> None:
    print(f"Reminders: whole processes on SQLite; {TARGETS}")
    with tempfile.TemporaryDirectory(prefix="tracker-bench-") as folder:
        for users in SHAPES:
            measure(users, Path(folder), ROUNDS.get(users, 1))
