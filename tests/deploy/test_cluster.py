"""More than one server: deploy/cluster.sh starts two web processes on two ports, two delivery
workers and two schedulers on one test database, as two machines would run them (the same
commands as deploy/systemd/). Every due digest reaches the SMTP server once, though both workers
send at the same time; the scheduler's sweep runs in one scheduler only; a session started on one
web process is valid on the other, and ended there, it ends on the first too.

On PostgreSQL (CI) the claims, the scheduler's lock and the sessions live in the database; on a
SQLite file the same guarantees hold on one machine (its write lock, flock, /proc).
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from email import message_from_bytes
from email.policy import default as default_policy
from pathlib import Path
from typing import NamedTuple

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func, select

from tracker.database import db
from tracker.models import Digest
from tracker.reminders.sweep import sweep

from .servers import ROOT, free_port, run_nginx, wait_until_up

GENEROUS = 90  # seconds: only so that a broken cluster fails instead of hanging
SWEPT = "Sweep of "  # what the scheduler's sweep job logs each time it runs
WAITING = "Another scheduler is running"
PASSWORD = "demo1234"


class HoldingMailbox:
    """Keeps every message; holds the first one unanswered until a second SMTP session has
    opened, so that two delivery workers are sending at the same time."""

    def __init__(self) -> None:
        self.received: list[tuple[tuple[str, ...], bytes]] = []
        self.sessions = 0
        self.overlapped = threading.Event()  #: a second session opened while one was held
        self._held = False

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        self.sessions += 1
        session.host_name = hostname
        if self.sessions >= 2:
            self.overlapped.set()
        return responses

    async def handle_DATA(self, server, session, envelope):
        if not self._held:
            self._held = True
            for _ in range(GENEROUS * 10):
                if self.overlapped.is_set():
                    break
                await asyncio.sleep(0.1)
        self.received.append((tuple(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted for delivery"

    def message_ids(self) -> Counter[str]:
        """How many times each message came: a digest is one Message-ID, however often sent."""
        return Counter(
            str(message_from_bytes(content, policy=default_policy)["Message-ID"])
            for _rcpt_tos, content in self.received
        )

    def mails(self) -> Counter[tuple[str, str]]:
        """(recipient, subject) of every message received, with how many times each came."""
        found: Counter[tuple[str, str]] = Counter()
        for rcpt_tos, content in self.received:
            # A long encoded subject is folded onto its own line: unfolded, it starts with a space.
            subject = str(message_from_bytes(content, policy=default_policy)["Subject"]).strip()
            found.update((address, subject) for address in rcpt_tos)
        return found


class Cluster(NamedTuple):
    process: subprocess.Popen
    folder: Path
    webs: list[str]  #: base URLs of the web processes

    def log(self, name: str) -> str:
        return (self.folder / f"{name}.log").read_text()


@pytest.fixture
def mailbox() -> Iterator[tuple[HoldingMailbox, int]]:
    handler, port = HoldingMailbox(), free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield handler, port
    controller.stop()


@pytest.fixture
def cluster(app, database_url, mailbox, tmp_path) -> Iterator[Cluster]:
    """deploy/cluster.sh on the test's database, every process logging into tmp_path."""
    ports = [free_port(), free_port()]
    folder = tmp_path / "cluster"
    env = {
        **os.environ,
        "PYTHON": sys.executable,
        "PYTHONPATH": str(ROOT),
        "TRACKER_DATABASE_URL": database_url,
        "TRACKER_SECRET_KEY": "one-key-for-every-server",
        "TRACKER_MAIL_SERVER": "127.0.0.1",
        "TRACKER_MAIL_PORT": str(mailbox[1]),
        "TRACKER_BASE_URL": "http://tracker.test",
        # The sweep time has always passed: the scheduler holding the lock sweeps at start.
        "TRACKER_REMINDER_SWEEP_AT": '"00:00"',
        "WEB_CONCURRENCY": "1",
        "TRACKER_THREADS": "4",
        "GUNICORN_CMD_ARGS": "--access-logfile -",  # which process served each request
        "CLUSTER_DIR": str(folder),
        "CLUSTER_WEB_PORTS": " ".join(map(str, ports)),
        "CLUSTER_DELIVERY_EVERY": "1",
        "CLUSTER_DELIVERY_BATCH": "2",
    }
    db.session.commit()  # the test's setup is in the database before any process reads it
    with (tmp_path / "cluster.log").open("w") as output:
        process = subprocess.Popen(
            ["bash", str(ROOT / "deploy" / "cluster.sh")],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # the test can end the whole group if the script cannot
        )
    webs = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        for base, port in zip(webs, ports, strict=True):
            wait_until_up(f"{base}/healthz", process, folder / f"web-{port}.log")
        yield Cluster(process, folder, webs)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=GENEROUS)


def stop(cluster: Cluster) -> list[int]:
    """SIGTERM to the script, as systemd or Ctrl-C would; the pids it had started."""
    pids = [int(path.read_text()) for path in cluster.folder.glob("*.pid")]
    cluster.process.send_signal(signal.SIGTERM)
    cluster.process.wait(timeout=GENEROUS)
    return pids


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def outbox_settled() -> bool:
    """Nothing claimed, nothing due left unsent (digests due later, if any, may wait)."""
    db.session.rollback()  # read what the processes committed
    now = datetime.now(UTC)
    unsent = select(func.count()).where(
        (Digest.status == "sending")
        | ((Digest.status == "pending") & (Digest.next_attempt_at <= now))
    )
    return db.session.scalar(unsent) == 0


def sent_digests() -> Counter[tuple[str, str]]:
    rows = db.session.execute(
        select(Digest.to_address, Digest.subject).where(Digest.status == "sent")
    )
    return Counter((address, subject) for address, subject in rows)


def wait_for(done) -> None:
    """Poll until `done()` (bounded: a broken cluster fails below instead of hanging)."""
    deadline = time.monotonic() + GENEROUS
    while not done() and time.monotonic() < deadline:
        time.sleep(0.2)


def test_every_digest_is_mailed_once_and_the_sweep_runs_once(cluster, mailbox, today):
    handler, _port = mailbox
    queued = sweep(today)  # due since that morning: the delivery workers take them at once
    assert queued.notices > 0 and len(queued.recipients) > 4

    def scheduled() -> bool:
        logs = [cluster.log(f"scheduler-{n}") for n in (1, 2)]
        return sum(log.count(SWEPT) for log in logs) >= 1 and any(WAITING in log for log in logs)

    wait_for(lambda: scheduled() and outbox_settled() and handler.mails() == sent_digests())

    assert handler.overlapped.is_set(), "the two delivery workers never sent at the same time"
    for n in (1, 2):
        assert "sent: " in cluster.log(f"delivery-{n}"), cluster.log(f"delivery-{n}")
    assert outbox_settled()
    # The scheduler swept the real today as well: a person may get two digests of the same
    # subject, one per day; each digest, one Message-ID, reaches the server once.
    sent = handler.message_ids()
    assert set(sent.values()) == {1}, "a digest was mailed twice"
    assert len(sent) == sent_digests().total()
    assert handler.mails() == sent_digests()
    assert len({address for address, _subject in handler.mails()}) >= len(queued.recipients)
    # The scheduler's jobs: one scheduler swept, the other waits to take over.
    logs = [cluster.log(f"scheduler-{n}") for n in (1, 2)]
    assert sorted(log.count(SWEPT) for log in logs) == [0, 1], logs
    assert sorted(WAITING in log for log in logs) == [False, True], logs

    pids = stop(cluster)
    assert cluster.process.returncode == 128 + signal.SIGTERM
    assert len(pids) == 6 and not any(alive(pid) for pid in pids)
    assert not list(cluster.folder.glob("*.pid"))


class Browser:
    """Cookies by hand (no redirects followed), so the test says which server gets which."""

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}

    def request(self, url: str, data: dict | None = None) -> tuple[int, str, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body)
        if self.cookies:
            cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
            request.add_header("Cookie", cookie)
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            with opener.open(request, timeout=30) as response:
                status, headers, text = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            status, headers, text = error.code, error.headers, error.read()
        for header in headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        return status, headers.get("Location", ""), text.decode()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def csrf_token(page: str) -> str:
    found = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page)
    assert found, page[:500]
    return found.group(1)


def test_a_session_started_on_one_web_process_works_on_the_other(cluster, tmp_path):
    first, second = cluster.webs
    browser = Browser()
    _status, _location, form = browser.request(f"{first}/login")
    status, location, _ = browser.request(
        f"{first}/login",
        {"email": "office@tracker.demo", "password": PASSWORD, "csrf_token": csrf_token(form)},
    )
    assert status == 302 and "/login" not in location

    status, _location, profile = browser.request(f"{second}/me")
    assert status == 200 and "office@tracker.demo" in profile

    # Behind nginx, with deploy/nginx.conf's two upstream servers: each process serves some.
    (tmp_path / "nginx").mkdir()
    nginx = run_nginx(tmp_path / "nginx", [web.removeprefix("http://") for web in cluster.webs])
    base = next(nginx)
    try:
        for _ in range(4):
            status, _location, page = browser.request(f"{base}/me?via=nginx")
            assert status == 200 and "office@tracker.demo" in page
    finally:
        nginx.close()
    for web in cluster.webs:
        port = web.rsplit(":", 1)[1]
        assert '"GET /me?via=nginx ' in cluster.log(f"web-{port}"), f"{web} served none"

    # Signed out on the second, the session is over on the first too.
    kept = dict(browser.cookies)
    status, _location, _ = browser.request(f"{second}/logout", {"csrf_token": csrf_token(profile)})
    assert status == 302
    browser.cookies = kept
    status, location, _ = browser.request(f"{first}/me")
    assert status == 302 and "/login" in location
