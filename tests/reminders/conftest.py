"""A real SMTP server (aiosmtpd on 127.0.0.1) that tests stop, restart and count; helpers to
shape items and people for reminder tests."""

from __future__ import annotations

import asyncio
import email
import socket
import threading
from collections import Counter
from datetime import timedelta
from email.message import EmailMessage
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func, select

from tracker.database import db
from tracker.models import Digest, Notice, Sector, User, WorkItem
from tracker.models.accounts import portfolio_agencies

from ..oracles.reminders import Directory, ItemFacts, Person


class Mailbox:
    """aiosmtpd handler: keeps every message; refuses the addresses in `refused` with a 550.

    Messages are kept as received and parsed when a test reads them: the server answers as
    fast as a real one, so the benchmark measures the sender, not this handler.
    """

    def __init__(self) -> None:
        self.received: list[tuple[tuple[str, ...], bytes]] = []
        self.refused: set[str] = set()
        self.sessions = 0  #: SMTP sessions opened (each greets with EHLO)
        #: Keep the messages after this many unanswered until `go_on` is set (a stalled server).
        self.stall_after: int | None = None
        self.stalled = threading.Event()  #: set once a message is being held
        self.go_on = threading.Event()
        self._lock = threading.Lock()

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        self.sessions += 1
        session.host_name = hostname
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            self.received.append((tuple(envelope.rcpt_tos), envelope.content))
        # Taken but not yet acknowledged: the sender cannot know whether it went.
        if self.stall_after is not None and len(self.received) > self.stall_after:
            self.stalled.set()
            while not self.go_on.is_set():
                await asyncio.sleep(0.01)
        return "250 Message accepted for delivery"

    # A method, not a property: aiosmtpd lists its handler's members for every new connection,
    # which would parse every message received so far, ever slower as the mailbox fills.
    def messages(self) -> list[EmailMessage]:
        return [
            email.message_from_bytes(content, policy=default_policy)
            for _rcpt, content in self.received
        ]

    def per_recipient(self) -> Counter[str]:
        return Counter(address for rcpt_tos, _content in self.received for address in rcpt_tos)


class SMTPServer:
    """Start and stop a server on a fixed port, as an outage would."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.mailbox = Mailbox()
        self._controller: Controller | None = None

    def start(self) -> None:
        self._controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


def free_port() -> int:
    """aiosmtpd's Controller cannot take port 0: find a free port first."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_port() -> int:
    return free_port()


@pytest.fixture
def smtp(smtp_port: int):
    """The server, not started: tests start it (or leave it down to simulate an outage)."""
    server = SMTPServer(smtp_port)
    yield server
    server.stop()


@pytest.fixture
def config_overrides(smtp_port: int) -> dict:
    """Mail really goes over SMTP (MAIL_SUPPRESS_SEND defaults to TESTING)."""
    return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": smtp_port, "MAIL_SUPPRESS_SEND": False}


def count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where)) or 0


def notices_of(email_address: str) -> list[Notice]:
    from tracker.models import User

    return list(
        db.session.scalars(
            select(Notice)
            .join(User, User.id == Notice.recipient_id)
            .where(User.email == email_address)
        )
    )


def digest_statuses() -> Counter[str]:
    return Counter(
        dict(db.session.execute(select(Digest.status, func.count()).group_by(Digest.status)).all())
    )


@pytest.fixture
def make_item(app, today):
    """make_item("T-1", "syt", deadline) -> a new open task led by that agency, its focal
    officer responsible (or `responsible`, an email; None for nobody)."""
    from tracker.models import Agency, Plan, User, WorkItem

    def make(code, agency_code, deadline, status="in_progress", responsible="officer", sector=None):
        agency = db.session.scalar(select(Agency).where(Agency.code == agency_code))
        email_address = (
            f"officer.{agency_code}@tracker.demo" if responsible == "officer" else responsible
        )
        person = (
            db.session.scalar(select(User).where(User.email == email_address))
            if email_address
            else None
        )
        item = WorkItem(
            plan_id=db.session.scalar(select(Plan.id)),
            code=code,
            kind="task",
            title=f"Nhiệm vụ thử {code}",
            lead_agency_id=agency.id,
            responsible_id=person.id if person else None,
            sector_id=sector,
            assigned_on=today,
            deadline=deadline,
            original_deadline=deadline,
            status=status,
        )
        db.session.add(item)
        db.session.commit()
        return item

    return make


class Clock:
    """The app's clock, which a test moves forward (retries wait for their time)."""

    def __init__(self, now) -> None:
        self.now = now

    def __call__(self):
        return self.now

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock(app) -> Clock:
    moving = Clock(app.config["CLOCK"]())
    app.config["CLOCK"] = moving
    return moving


def run_in_threads(app, *jobs):
    """Run each job in its own thread with its own app context (its own session), all released
    at once; re-raise the first error."""
    barrier = threading.Barrier(len(jobs))
    results, errors = [None] * len(jobs), []

    def work(index, job):
        try:
            with app.app_context():
                barrier.wait()
                results[index] = job()
        except Exception as error:  # handed to the test below
            errors.append(error)

    db.session.commit()  # the test's own session holds nothing the threads must wait for
    threads = [threading.Thread(target=work, args=(n, job)) for n, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    if errors:
        raise errors[0]
    return results


def overdue_items(today) -> int:
    """The demo's overdue items still being worked on (what the office is told about)."""
    from tracker.domain.reminders import REMINDED_STATUSES
    from tracker.models import WorkItem

    return count(WorkItem, WorkItem.status.in_(REMINDED_STATUSES), WorkItem.deadline < today)


def reference_facts() -> tuple[list[ItemFacts], Directory]:
    """Everything the reminder rules read, as the reference model takes it."""
    items = [
        ItemFacts(i.id, i.status, i.deadline, i.lead_agency_id, i.responsible_id, i.sector_id)
        for i in db.session.scalars(select(WorkItem))
    ]
    people = tuple(
        Person(u.id, u.role, u.agency_id, u.active, u.leave_from, u.leave_until)
        for u in db.session.scalars(select(User))
    )
    leaders = tuple(
        (s.id, s.leader_id) for s in db.session.scalars(select(Sector)) if s.leader_id is not None
    )
    portfolios = tuple(
        (agency_id, user_id)
        for user_id, agency_id in db.session.execute(
            select(portfolio_agencies.c.user_id, portfolio_agencies.c.agency_id)
        )
    )
    return items, Directory(people=people, sector_leaders=leaders, portfolios=portfolios)


def recorded_keys() -> set[tuple]:
    """The key (recipient, item, rule, period) of every notice recorded."""
    return set(
        db.session.execute(select(Notice.recipient_id, Notice.item_id, Notice.rule, Notice.period))
    )
