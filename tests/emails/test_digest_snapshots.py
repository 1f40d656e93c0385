"""The rendered digests, text and HTML, compared with stored snapshots.

After an intended change of a mail, regenerate them: UPDATE_SNAPSHOTS=1 pytest tests/emails
and read the diff before committing it.
"""

import os
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from tracker.database import db
from tracker.domain.reminders import Section
from tracker.models import Digest, User
from tracker.outbox.mail import Links, render_digest
from tracker.reminders.digests import digest_content
from tracker.reminders.sweep import sweep

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
CASES = {
    "officer-overdue-and-due-today": "officer.skhdt@tracker.demo",
    "officer-due-soon-english": "officer.stttt@tracker.demo",
    "head-copy": "head.syt@tracker.demo",
    "office-escalations": "office@tracker.demo",
}


@pytest.fixture
def rendered(app, today, user_by_email):
    user_by_email("officer.stttt@tracker.demo").language = "en"
    db.session.commit()
    sweep(today)

    def render(email_address: str, items_shown: int = app.config["MAIL_ITEMS_PER_SECTION"]):
        digest_id = db.session.scalar(
            select(Digest.id)
            .join(User, User.id == Digest.recipient_id)
            .where(User.email == email_address)
        )
        return render_digest(digest_content(digest_id, items_shown))

    return render


def check(name: str, text: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("UPDATE_SNAPSHOTS"):
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no snapshot {name}: run with UPDATE_SNAPSHOTS=1"
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", CASES)
def test_digest_matches_its_snapshot(rendered, name):
    mail = rendered(CASES[name])
    check(f"{name}.txt", f"Subject: {mail.subject}\n\n{mail.text}")
    check(f"{name}.html", mail.html)


def test_a_long_section_lists_its_first_items_and_links_to_the_rest(rendered):
    mail = rendered("officer.vp-ubnd@tracker.demo", items_shown=2)
    check("officer-first-of-many.txt", f"Subject: {mail.subject}\n\n{mail.text}")
    check("officer-first-of-many.html", mail.html)


def test_the_snapshots_show_what_they_should():
    """Guard against blessing a broken render: the stored mails say the essentials."""
    officer = (SNAPSHOTS / "officer-overdue-and-due-today.txt").read_text(encoding="utf-8")
    # SKHĐT's digital economy share (5.56 % of GRDP against 10 %) is still followed up.
    assert officer.startswith("Subject: 1 nhiệm vụ quá hạn, 1 nhiệm vụ đến hạn hôm nay\n")
    assert "Kính gửi Cán bộ đầu mối SKHĐT," in officer
    english = (SNAPSHOTS / "officer-due-soon-english.txt").read_text(encoding="utf-8")
    assert "due within 7 working days" in english and "Dear " in english
    first_of_many = (SNAPSHOTS / "officer-first-of-many.txt").read_text(encoding="utf-8")
    # The districts' open items came to the provincial office on 1/7/2025 (the seed's events).
    # So did the 2025 targets the demo measured short of their value (seed/README.md).
    assert "…và 24 nhiệm vụ khác: http://tracker.test/items/?standing=overdue" in first_of_many
    office = (SNAPSHOTS / "office-escalations.txt").read_text(encoding="utf-8")
    assert "http://tracker.test/office/letters/syt" in office
    # The sectors' work (sub-items, per-sector targets) added overdue items; NV-C-02 and
    # NV-KTS-01 are submitted; the 2025 targets missed and not ended as not met are overdue.
    assert "65 nhiệm vụ quá hạn cần đôn đốc" in office


def test_the_rest_of_a_section_due_soon_is_what_is_due_from_the_mails_day(app):
    links = Links(app)
    assert links.rest_of(Section.DUE_SOON, date(2026, 11, 25)) == (
        "http://tracker.test/items/?standing=in_progress&due_from=2026-11-25"
    )
    assert links.rest_of(Section.AGENCY_OVERDUE, date(2026, 11, 25)) == (
        "http://tracker.test/items/?standing=overdue"
    )
