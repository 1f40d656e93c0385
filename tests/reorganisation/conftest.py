"""Reorganisations in the browser: the office's forms, a preview, a confirmation."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import func, select

from tracker.database import db
from tracker.models import Agency, AssignmentPeriod, ReorganisationEvent, User

OFFICE = "office@tracker.demo"
# After the demo's last closed period (June 2026), before the tests' today (25/11/2026).
DAY = date(2026, 8, 1)
FINGERPRINT = re.compile(r'name="fingerprint" type="hidden" value="([0-9a-f]{64})"')


def agency(code: str) -> Agency:
    return db.session.scalar(select(Agency).where(Agency.code == code))


def written() -> tuple:
    """What a reorganisation writes: events, agencies' ends and names, periods, people."""
    db.session.expire_all()
    return (
        db.session.scalar(select(func.count()).select_from(ReorganisationEvent)),
        db.session.execute(select(Agency.code, Agency.name, Agency.existing_until,
                                  Agency.active, Agency.parent_id).order_by(Agency.code)).all(),
        db.session.scalar(select(func.count()).select_from(AssignmentPeriod)),
        db.session.execute(select(User.id, User.agency_id, User.active).order_by(User.id)).all(),
    )  # fmt: skip


def fingerprint_of(page: str) -> str:
    found = FINGERPRINT.search(page)
    assert found, "the preview offers no confirmation"
    return found.group(1)


@pytest.fixture
def office(login):
    return login(OFFICE)


@pytest.fixture
def preview_and_confirm(office):
    """Post the form for a preview, then confirm it with the preview's fingerprint (and any
    choices made on the preview): (preview response, confirmation response)."""

    def run(kind: str, data: dict, choices: dict | None = None):
        shown = office.post(f"/admin/reorganisation/{kind}", data={**data, "action": "preview"})
        assert shown.status_code == 200, shown.text
        done = office.post(
            f"/admin/reorganisation/{kind}",
            data={**data, **(choices or {}), "action": "confirm",
                  "fingerprint": fingerprint_of(shown.text)},
        )  # fmt: skip
        return shown, done

    return run
