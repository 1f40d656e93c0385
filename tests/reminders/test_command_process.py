"""A command's own process (`flask --app tracker reminders …`): its application registers its
pages only when something asks for them, builds its mails' links from the pages they link to
alone, and the process ends once its work is committed and reported."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
from sqlalchemy import select
from werkzeug.routing import Map

from tracker import create_app
from tracker.database import db
from tracker.models import Digest, Notice, Notification
from tracker.outbox.mail import Links, render_digest
from tracker.reminders.digests import digest_content

from ..conftest import base_config
from .conftest import count

ROOT = Path(__file__).resolve().parents[2]
GENEROUS = 120  # seconds: only so that a broken run fails instead of hanging


def built_by_command(database_url: str):
    with click.Context(click.Command("flask")).scope():
        return create_app(base_config(database_url))


def rules(urls: Map) -> set[tuple]:
    return {(rule.rule, rule.endpoint, tuple(sorted(rule.methods))) for rule in urls.iter_rules()}


def test_a_commands_application_registers_its_pages_when_first_asked(app, database_url):
    command = built_by_command(database_url)
    assert command.built_by_command and not app.built_by_command
    assert "items.show" not in command.view_functions
    linked = rules(command.link_map)
    assert "items.show" not in command.view_functions  # the links' own map registers nothing
    assert rules(command.url_map) == rules(app.url_map)  # asked for: every page, as served
    assert "items.show" in command.view_functions
    assert linked <= rules(app.url_map)
    assert command.link_map is command.url_map


def test_a_commands_application_serves_its_pages_when_first_asked(app, database_url):
    """`flask run`: the first request registers every page, with what only pages use."""
    command = built_by_command(database_url)
    page = command.test_client().get("/login")
    assert page.status_code == 200 and "Đăng nhập" in page.text
    assert "tracker.css?v=" in page.text  # the static files' fingerprints
    assert (
        page.headers["Content-Security-Policy"]
        == app.test_client().get("/login").headers["Content-Security-Policy"]
    )
    assert set(command.jinja_env.globals) == set(app.jinja_env.globals)


def test_a_mails_links_read_the_same_from_the_linked_pages_alone(app, database_url):
    command = built_by_command(database_url)
    served, linked = Links(app), Links(command)
    assert linked.item(7) == served.item(7) == "http://tracker.test/items/7"
    assert linked.items(standing="overdue") == served.items(standing="overdue")
    assert linked.urging_letter("syt") == served.urging_letter("syt")
    others = (("profile.show", {"_anchor": "notify"}), ("passwords.reset", {"token": "t"}))
    for endpoint, values in others:
        assert linked.url(endpoint, **values) == served.url(endpoint, **values)
    assert linked.home == served.home
    assert "items.show" not in command.view_functions
    # A page no mail linked to before: built from every page.
    assert linked.url("healthz") == served.url("healthz") == "http://tracker.test/healthz"


def flask_command(database_url: str, *args: str, **env: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "TRACKER_DATABASE_URL": database_url,
        "TRACKER_BASE_URL": "http://tracker.test",
        **env,
    }
    command = [sys.executable, "-m", "flask", "--app", "tracker", *args]
    return subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=GENEROUS
    )


def test_the_sweep_and_delivery_processes_end_with_their_work_committed_and_said(
    app, today, smtp, smtp_port, database_url
):
    smtp.start()
    swept = flask_command(database_url, "reminders", "sweep", "--today", today.isoformat())
    assert swept.returncode == 0, swept.stderr
    assert swept.stdout.splitlines()[-1].startswith(f"{today}: queued ")
    db.session.commit()  # the process's writes, seen from here
    digests = count(Digest)
    assert digests > 0 and count(Notice) > 0
    mail_server = {"TRACKER_MAIL_SERVER": "127.0.0.1", "TRACKER_MAIL_PORT": str(smtp_port)}
    delivered = flask_command(
        database_url, "reminders", "deliver", "--batch-size", "3", "--workers", "2", **mail_server
    )
    assert delivered.returncode == 0, delivered.stderr
    assert f"sent: {digests}" in delivered.stdout
    assert delivered.stdout.splitlines()[-1].startswith("Delivered in ")
    assert sorted(smtp.mailbox.per_recipient().values()) == [1] * digests
    db.session.commit()
    # Each mail as the served application writes it, its links included.
    with_events = select(Notification.digest_id).where(Notification.digest_id.is_not(None))
    plain = db.session.scalars(select(Digest).where(Digest.id.not_in(with_events))).all()
    shown = app.config["MAIL_ITEMS_PER_SECTION"]
    assert plain
    for digest in plain:
        mail = render_digest(digest_content(digest.id, shown, recheck=False))
        assert (digest.status, digest.body_text, digest.body_html) == ("sent", mail.text, mail.html)
