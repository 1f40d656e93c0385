"""Fixtures for the fuzz tests: a client and an API token per role, real ids for the URLs, and
a watch on the application's log.

The number of generated examples is small in the normal suite and large under `make fuzz`
(TRACKER_FUZZ_EXAMPLES). Every request is counted, and the counts are printed at the end of the
run, so a long run can show how much it tried.
"""

from __future__ import annotations

import logging
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import pytest
from sqlalchemy import select

from tracker.accounts.login import new_api_token
from tracker.database import db
from tracker.models import Agency, Digest, ExtensionRequest, Period, User, WorkItem
from tracker.reminders.sweep import sweep

#: Examples per form and role (forms) or per operation and role (API); `make fuzz` sets more.
EXAMPLES = int(os.environ.get("TRACKER_FUZZ_EXAMPLES", "2"))
EMAILS = {
    "admin": "admin@tracker.demo",
    "office": "office@tracker.demo",
    "leader": "leader@tracker.demo",
    "head": "head.syt@tracker.demo",
    "officer": "officer.syt@tracker.demo",
    "viewer": "viewer@tracker.demo",
}
#: Requests sent by the fuzz tests of this run, by kind ("forms", "api").
REQUESTS: Counter[str] = Counter()


#: 5xx the fuzz tolerates while their fix is under way: (endpoint, field, what in that field
#: causes it, why). None today: a 5xx found by the fuzz fails the suite.
KNOWN_5XX: tuple = ()


def is_known_5xx(endpoint: str, fields: dict) -> bool:
    """Whether a 5xx on this endpoint, sent these fields, is one of KNOWN_5XX."""
    for known_endpoint, name, causes, _point in KNOWN_5XX:
        sent = fields.get(name)
        values = sent if isinstance(sent, list | tuple) else [sent]
        if known_endpoint == endpoint and any(causes(str(value)) for value in values):
            return True
    return False


def pytest_terminal_summary(terminalreporter):
    if REQUESTS:
        counts = ", ".join(f"{kind}: {n}" for kind, n in sorted(REQUESTS.items()))
        terminalreporter.write_line(f"fuzz requests ({EXAMPLES} examples each) — {counts}")


@pytest.fixture
def config_overrides(tmp_path) -> dict:
    """An error becomes a 500 response (and a logged exception), as in production."""
    return {"PROPAGATE_EXCEPTIONS": False, "UPLOAD_FOLDER": str(tmp_path / "uploads")}


class ErrorLog(logging.Handler):
    """Keeps what the application logs at ERROR or above."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)

    def take(self) -> list[str]:
        """The messages logged since the last call, with their exceptions."""
        # The handler watches the root logger and the app's, so a record may come twice.
        taken = list(dict.fromkeys(self.format(record) for record in self.records))
        self.records.clear()
        return taken


@pytest.fixture
def error_log(app):
    handler = ErrorLog()
    watched = [logging.getLogger(), app.logger]
    for logger in watched:
        logger.addHandler(handler)
    yield handler
    for logger in watched:
        logger.removeHandler(handler)


@pytest.fixture
def users(app) -> dict[str, User]:
    """The demo user of each role (the viewer account is created: the demo has none)."""
    viewer = User(email=EMAILS["viewer"], name="Đoàn kiểm tra", role="viewer")
    viewer.set_password("demo1234")
    db.session.add(viewer)
    db.session.commit()
    return {role: db.session.scalar(select(User).filter_by(email=e)) for role, e in EMAILS.items()}


@pytest.fixture
def clients(app, users, login) -> dict:
    """A signed-in client per role, and an anonymous one."""
    made = {role: login(EMAILS[role]) for role in users}
    made["anonymous"] = app.test_client()
    return made


@dataclass
class Fuzz:
    """What the fuzz tests share: how many examples, the request counter, the known 5xx."""

    examples: int = EXAMPLES
    requests: Counter = field(default_factory=lambda: REQUESTS)
    is_known_5xx: Callable[[str, dict], bool] = is_known_5xx
    emails: dict = field(default_factory=lambda: EMAILS)


@pytest.fixture
def fuzz() -> Fuzz:
    return Fuzz()


@pytest.fixture
def tokens(users) -> dict[str, str]:
    """An API token per role."""
    made = {role: new_api_token(user) for role, user in users.items()}
    db.session.commit()
    return made


@pytest.fixture
def url_values(app, item_by_code, today: date) -> list[dict]:
    """Sets of URL values naming real rows, as the route matrix fills them: items in each
    status, a target, a pending extension request, a digest, a period, a feed."""
    from tracker.feeds.actions import create_feed

    lead = item_by_code("NV-LV-01")
    # syt leads one task only, and it has a pending request: give it a second one without, so
    # that the form asking for an extension is reachable too.
    spare = db.session.scalar(
        select(WorkItem)
        .where(WorkItem.kind == "task", WorkItem.status == "in_progress")
        .where(WorkItem.id.not_in(select(ExtensionRequest.item_id)))
        .order_by(WorkItem.id)
    )
    spare.lead_agency_id = db.session.scalar(select(Agency.id).where(Agency.code == "syt"))
    request_id = db.session.scalar(
        select(ExtensionRequest.id).where(
            ExtensionRequest.item_id == lead.id, ExtensionRequest.status == "pending"
        )
    )
    sweep(today)
    office = db.session.scalar(select(User).filter_by(email=EMAILS["office"]))
    feed, _token = create_feed(office, None, "Thời hạn")
    db.session.commit()
    shared = {
        "digest_id": db.session.scalar(select(Digest.id).order_by(Digest.id)),
        "period_id": db.session.scalar(select(Period.id).order_by(Period.id)),
        "feed_id": feed.id,
        "document_id": lead.plan_id,
        "request_id": request_id,
        "attachment_id": 1,
        "notification_id": 1,
        "comment_id": 1,
        "filter_id": 1,
        "day": "2027-02-20",
        "code": "syt",
        "agency_code": "syt",
        "path": "agencies",
        "filename": "tracker.css",
        "token": "no-such-token",
        # Someone no fuzz client signs in as: deactivating them leaves every client working.
        "user_id": db.session.scalar(select(User.id).filter_by(email="head.stc@tracker.demo")),
        "agency_id": db.session.scalar(select(Agency.id).where(Agency.code == "stc")),
        "session_id": 1,
        "pick": "responsible",
    }
    codes = ("NV-LV-01", "NV-C-02", "NV-CQS-03", "KTS-2030-03-Y-TE")
    items = [lead.id, *(item_by_code(code).id for code in codes[1:]), spare.id]
    return [{**shared, "item_id": item_id} for item_id in items]
