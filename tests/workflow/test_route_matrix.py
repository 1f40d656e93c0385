"""Every route of the application × every role: the status code each one gets.

The table must name every (endpoint, method) of app.url_map, so a new route cannot be added
without deciding who may use it. Write requests carry no valid data: a role that may use the
route gets 400 (its input is refused), one that may not gets 403 (or 404 for an item it cannot
see), an anonymous visitor is sent to sign in (401 on the API); nothing is written.
"""

import io

import pytest
from flask import url_for
from sqlalchemy import select

from tracker.database import db
from tracker.evidence.files import IncomingFile
from tracker.models import Attachment, Digest, ExtensionRequest, User
from tracker.reminders.sweep import sweep
from tracker.workflow import actions as workflow

from ..people.routes import PEOPLE_ROUTES

ROLES = ("admin", "office", "leader", "head", "officer", "viewer", "anonymous")
EMAILS = {
    "admin": "admin@tracker.demo",
    "office": "office@tracker.demo",
    "leader": "leader@tracker.demo",
    "head": "head.syt@tracker.demo",
    "officer": "officer.syt@tracker.demo",
    "viewer": "viewer@tracker.demo",
}
LOGIN = 302  # an anonymous visitor is redirected to the sign-in page


def row(admin, office, leader, head, officer, viewer, anonymous=LOGIN) -> dict[str, int]:
    return dict(zip(ROLES, (admin, office, leader, head, officer, viewer, anonymous), strict=True))


EVERYONE = row(200, 200, 200, 200, 200, 200, 200)
SIGNED_IN = row(200, 200, 200, 200, 200, 200)
LEAD_FORM = row(403, 403, 403, 200, 200, 403)  # the lead agency's forms (syt leads NV-LV-01)
LEAD_POST = row(403, 403, 403, 400, 400, 403)
HEAD_FORM = row(403, 403, 403, 200, 403, 403)  # the head of the lead agency's forms
HEAD_POST = row(403, 403, 403, 400, 403, 403)
ALREADY_ACKNOWLEDGED = row(403, 403, 403, 409, 409, 403)
OFFICE_FORM = row(200, 200, 403, 403, 403, 403)
OFFICE_POST = row(400, 400, 403, 403, 403, 403)
DECIDERS_FORM = row(200, 200, 200, 403, 403, 403)
DECIDERS_POST = row(400, 400, 400, 403, 403, 403)
# On NV-C-02 (stttt's, submitted), which the syt users cannot see at all.
REVIEW_POST = row(400, 400, 403, 404, 404, 403)
API_401 = 401

#: (endpoint, method) → (which item the URL names, expected status per role)
MATRIX = {
    ("static", "GET"): (None, EVERYONE),
    ("healthz", "GET"): (None, EVERYONE),
    ("favicon", "GET"): (None, EVERYONE),
    ("accounts.login", "GET"): (None, row(302, 302, 302, 302, 302, 302, 200)),
    ("accounts.login", "POST"): (None, row(302, 302, 302, 302, 302, 302, 400)),
    ("accounts.logout", "POST"): (None, row(302, 302, 302, 302, 302, 302, 302)),
    ("accounts.set_language", "POST"): (None, row(302, 302, 302, 302, 302, 302, 302)),
    ("plans.overview", "GET"): (None, row(200, 200, 200, 302, 302, 200)),
    ("items.index", "GET"): (None, SIGNED_IN),
    ("items.show", "GET"): ("lead", SIGNED_IN),
    # A bulk action with nothing chosen is refused; roles without bulk actions are refused.
    ("bulk.perform", "POST"): (None, row(400, 400, 403, 400, 403, 403)),
    ("agencies.index", "GET"): (None, row(403, 403, 403, 200, 200, 403)),
    ("inbox.index", "GET"): (None, row(200, 200, 200, 403, 403, 403)),
    # One's own notifications: another's (here none at all) does not exist for anyone.
    ("notifications.index", "GET"): (None, SIGNED_IN),
    # One's own saved filters: an empty name is refused; another's filter does not exist.
    ("saved_filters.save", "POST"): (None, row(400, 400, 400, 400, 400, 400)),
    ("saved_filters.pin", "POST"): (None, row(404, 404, 404, 404, 404, 404)),
    ("saved_filters.delete", "POST"): (None, row(404, 404, 404, 404, 404, 404)),
    ("notifications.read", "POST"): (None, row(404, 404, 404, 404, 404, 404)),
    ("notifications.read_all", "POST"): (None, row(302, 302, 302, 302, 302, 302)),
    ("api.notifications", "GET"): (None, row(200, 200, 200, 200, 200, 200, API_401)),
    ("api.read_notification", "POST"): (None, row(404, 404, 404, 404, 404, 404, API_401)),
    ("api.read_all_notifications", "POST"): (None, row(200, 200, 200, 200, 200, 200, API_401)),
    ("workflow.progress", "GET"): ("lead", LEAD_FORM),
    ("workflow.progress", "POST"): ("lead", LEAD_POST),
    ("workflow.submit", "GET"): ("lead", LEAD_FORM),
    ("workflow.submit", "POST"): ("lead", LEAD_POST),
    ("workflow.refuse", "GET"): ("lead", LEAD_FORM),
    ("workflow.refuse", "POST"): ("lead", LEAD_POST),
    # NV-LV-01 already has a pending request (demo): the form is refused as a conflict.
    # The head asks for an extension (NV-LV-01 has one pending already: 409), not the officer.
    ("extensions.request_extension", "GET"): ("lead", row(403, 403, 403, 409, 403, 403)),
    ("extensions.request_extension", "POST"): ("lead", row(403, 403, 403, 409, 403, 403)),
    # NV-LV-01 is a task: no measured values, whoever asks.
    ("measurements.measure", "GET"): ("lead", row(409, 409, 403, 409, 409, 403)),
    ("measurements.measure", "POST"): ("lead", row(409, 409, 403, 409, 409, 403)),
    # Only targets are revised or ended as not met, by the office: NV-LV-01 is a task.
    ("target_revisions.revise_target", "GET"): ("lead", row(409, 409, 403, 403, 403, 403)),
    ("target_revisions.revise_target", "POST"): ("lead", row(409, 409, 403, 403, 403, 403)),
    ("target_revisions.close_not_met", "GET"): ("lead", row(409, 409, 403, 403, 403, 403)),
    ("target_revisions.close_not_met", "POST"): ("lead", row(409, 409, 403, 403, 403, 403)),
    ("workflow.comment", "GET"): ("lead", row(200, 200, 403, 200, 200, 403)),
    ("workflow.comment", "POST"): ("lead", row(400, 400, 403, 400, 400, 403)),
    ("workflow.attachment", "GET"): ("lead", SIGNED_IN),
    # Editing a comment (none with this id: the page offers nothing, deleting finds nothing).
    ("workflow.edit_comment", "GET"): ("lead", row(200, 200, 403, 200, 200, 403)),
    ("workflow.edit_comment", "POST"): ("lead", row(400, 400, 403, 400, 400, 403)),
    ("workflow.delete_comment", "POST"): ("lead", row(404, 404, 403, 404, 404, 403)),
    ("decisions.review", "GET"): ("submitted", row(200, 200, 403, 404, 404, 403)),
    ("decisions.confirm", "POST"): ("submitted", REVIEW_POST),
    ("decisions.return_submission", "POST"): ("submitted", REVIEW_POST),
    ("decisions.cancel", "GET"): ("lead", OFFICE_FORM),
    ("decisions.cancel", "POST"): ("lead", OFFICE_POST),
    ("decisions.reopen", "GET"): ("completed", OFFICE_FORM),
    ("decisions.reopen", "POST"): ("completed", OFFICE_POST),
    ("extensions.decide_extension", "GET"): ("lead", DECIDERS_FORM),
    ("extensions.decide_extension", "POST"): ("lead", DECIDERS_POST),
    ("assignments.create", "GET"): (None, OFFICE_FORM),
    ("assignments.create", "POST"): (None, OFFICE_POST),
    ("assignments.create_subitem", "GET"): ("lead", OFFICE_FORM),
    ("assignments.create_subitem", "POST"): ("lead", OFFICE_POST),
    ("assignments.edit", "GET"): ("lead", OFFICE_FORM),
    ("assignments.edit", "POST"): ("lead", OFFICE_POST),
    ("assignments.reassign", "GET"): ("lead", OFFICE_FORM),
    ("assignments.reassign", "POST"): ("lead", OFFICE_POST),
    ("assignments.recurrence", "GET"): ("lead", OFFICE_FORM),
    ("assignments.recurrence", "POST"): ("lead", OFFICE_POST),
    ("api.openapi", "GET"): (None, EVERYONE),
    ("api.items", "GET"): (None, row(200, 200, 200, 200, 200, 200, API_401)),
    ("api.item", "GET"): ("lead", row(200, 200, 200, 200, 200, 200, API_401)),
    ("api.item_history", "GET"): ("lead", row(200, 200, 200, 200, 200, 200, API_401)),
    ("api.agencies", "GET"): (None, row(200, 200, 200, 200, 200, 200, API_401)),
    ("api_writes.reassign", "POST"): ("lead", row(400, 400, 403, 403, 403, 403, API_401)),
    ("api_writes.progress", "POST"): ("lead", row(403, 403, 403, 400, 400, 403, API_401)),
    ("api_writes.submit", "POST"): ("lead", row(403, 403, 403, 400, 400, 403, API_401)),
    ("api_writes.confirm", "POST"): ("submitted", row(400, 400, 403, 404, 404, 403, API_401)),
    ("api_writes.return_submission", "POST"): (
        "submitted",
        row(400, 400, 403, 404, 404, 403, API_401),
    ),
    ("api_writes.request_extension", "POST"): (
        "lead",
        row(403, 403, 403, 409, 403, 403, API_401),
    ),
    ("api_writes.decide_extension", "POST"): ("lead", row(400, 400, 400, 403, 403, 403, API_401)),
    ("api_writes.measure", "POST"): ("lead", row(409, 409, 403, 409, 409, 403, API_401)),
    ("api_writes.revise_target", "POST"): ("lead", row(409, 409, 403, 403, 403, 403, API_401)),
    ("api_writes.close_not_met", "POST"): ("lead", row(409, 409, 403, 403, 403, 403, API_401)),
    ("api_writes.comment", "POST"): ("lead", row(400, 400, 403, 400, 400, 403, API_401)),
    # Approval inside the agency: the head reviews (nothing waits on NV-LV-01: the page says
    # so), the lead agency withdraws and acknowledges, the head gives an item to staff.
    ("agency_review.forward", "GET"): ("lead", HEAD_FORM),
    ("agency_review.forward", "POST"): ("lead", HEAD_POST),
    ("agency_review.send_back", "GET"): ("lead", HEAD_FORM),
    ("agency_review.send_back", "POST"): ("lead", HEAD_POST),
    ("agency_review.withdraw", "GET"): ("lead", LEAD_FORM),
    ("agency_review.withdraw", "POST"): ("lead", LEAD_POST),
    # NV-LV-01 is being worked on: its receipt needs no acknowledging.
    ("delegation.acknowledge", "GET"): ("lead", ALREADY_ACKNOWLEDGED),
    ("delegation.acknowledge", "POST"): ("lead", ALREADY_ACKNOWLEDGED),
    ("delegation.delegate", "GET"): ("lead", HEAD_FORM),
    ("delegation.delegate", "POST"): ("lead", HEAD_POST),
    ("api_writes.forward", "POST"): ("lead", row(403, 403, 403, 400, 403, 403, API_401)),
    ("api_writes.send_back", "POST"): ("lead", row(403, 403, 403, 400, 403, 403, API_401)),
    ("api_writes.withdraw", "POST"): ("lead", row(403, 403, 403, 400, 400, 403, API_401)),
    ("api_writes.acknowledge", "POST"): ("lead", row(403, 403, 403, 409, 409, 403, API_401)),
    ("api_writes.delegate", "POST"): ("lead", row(403, 403, 403, 400, 403, 403, API_401)),
    # The office proposes a decision on the pending request to the leader.
    ("extension_proposals.propose_extension", "GET"): ("lead", DECIDERS_FORM),
    ("extension_proposals.propose_extension", "POST"): ("lead", DECIDERS_POST),
    ("api_writes.propose_extension", "POST"): (
        "lead",
        row(400, 400, 400, 403, 403, 403, API_401),
    ),
    # The office pauses and resumes an item: NV-LV-01 has an extension request waiting (to be
    # decided first) and is not paused.
    ("pauses.pause", "GET"): ("lead", row(409, 409, 403, 403, 403, 403)),
    ("pauses.pause", "POST"): ("lead", row(409, 409, 403, 403, 403, 403)),
    ("pauses.resume", "GET"): ("lead", row(409, 409, 403, 403, 403, 403)),
    ("pauses.resume", "POST"): ("lead", row(409, 409, 403, 403, 403, 403)),
    ("api_writes.pause", "POST"): ("lead", row(409, 409, 403, 403, 403, 403, API_401)),
    ("api_writes.resume", "POST"): ("lead", row(409, 409, 403, 403, 403, 403, API_401)),
    # Reminder administration (a digest swept from the demo; no swap recorded on the day).
    ("outbox.index", "GET"): (None, OFFICE_FORM),
    ("outbox.show", "GET"): ("outbox", OFFICE_FORM),
    ("outbox.retry", "POST"): ("outbox", row(302, 302, 403, 403, 403, 403)),  # pending: refused
    ("reminders.preview", "GET"): (None, OFFICE_FORM),
    ("reminders.policy", "GET"): (None, OFFICE_FORM),
    ("reminders.policy", "POST"): (None, OFFICE_POST),
    ("workdays.index", "GET"): (None, OFFICE_FORM),
    ("workdays.add", "POST"): (None, OFFICE_POST),
    ("workdays.remove", "POST"): ("outbox", row(404, 404, 403, 403, 403, 403)),
    # Follow-up and reports (syt's own figures for its users; the office's calendar feed).
    ("overdue.overdue", "GET"): ("reports", DECIDERS_FORM),
    ("overdue.idle", "GET"): ("reports", DECIDERS_FORM),
    ("letters.show", "GET"): ("reports", DECIDERS_FORM),
    ("letters.index", "GET"): ("reports", DECIDERS_FORM),
    # Without a selection of agencies the form is refused: select at least one.
    ("letters.new", "GET"): ("reports", OFFICE_POST),
    ("letters.new", "POST"): ("reports", OFFICE_POST),
    ("reports.extended", "GET"): (None, SIGNED_IN),
    # The year-end evaluation: read by the follow-up roles; its weights set by the office.
    ("evaluation.index", "GET"): (None, DECIDERS_FORM),
    ("evaluation.weights", "POST"): (None, OFFICE_POST),
    ("reports.table", "GET"): ("reports", SIGNED_IN),
    ("reports.cell", "GET"): ("reports", SIGNED_IN),
    ("targets.index", "GET"): ("reports", SIGNED_IN),
    # A sector's page: read by the follow-up roles, as the dashboard.
    ("sectors.show", "GET"): ("sector", DECIDERS_FORM),
    ("api_sectors.show", "GET"): ("sector", row(200, 200, 200, 403, 403, 403, API_401)),
    ("api_reports.table", "GET"): ("reports", row(200, 200, 200, 200, 200, 200, API_401)),
    ("periods.index", "GET"): ("reports", SIGNED_IN),
    ("periods.show", "GET"): ("reports", SIGNED_IN),
    ("periods.create", "POST"): ("reports", OFFICE_POST),
    # Without ?format= the report sends its readers to the period's page.
    ("period_reports.report", "GET"): ("reports", row(302, 302, 302, 403, 403, 403)),
    # The first demo period is already published: closing or publishing it again conflicts.
    ("periods.close", "POST"): ("reports", row(409, 409, 403, 403, 403, 403)),
    ("periods.publish", "POST"): ("reports", row(409, 409, 403, 403, 403, 403)),
    ("public.index", "GET"): ("reports", EVERYONE),
    ("public.show", "GET"): ("reports", EVERYONE),
    ("feeds.index", "GET"): ("reports", SIGNED_IN),
    ("feeds.index", "POST"): ("reports", row(400, 400, 400, 400, 400, 400)),
    ("feeds.feed", "GET"): ("reports", row(404, 404, 404, 404, 404, 404, 404)),
    # Only its owner (the office account) can revoke a feed; for anyone else it does not exist.
    ("feeds.revoke", "POST"): ("reports", row(404, 302, 404, 404, 404, 404)),
    **PEOPLE_ROUTES,
    # Assigning documents (Plan 59, which has no file) and the annex import.
    ("documents.index", "GET"): ("document", SIGNED_IN),
    ("documents.show", "GET"): ("document", SIGNED_IN),
    ("documents.file", "GET"): ("document", row(404, 404, 404, 404, 404, 404)),
    ("documents.create", "GET"): (None, OFFICE_FORM),
    ("documents.create", "POST"): (None, OFFICE_POST),
    ("documents.edit", "GET"): ("document", OFFICE_FORM),
    # An empty form changes nothing of the document it shows: saved as it is.
    ("documents.edit", "POST"): ("document", row(302, 302, 403, 403, 403, 403)),
    ("annex.upload", "GET"): (None, OFFICE_FORM),
    ("annex.preview", "POST"): (None, OFFICE_POST),
    ("annex.confirm", "POST"): (None, OFFICE_POST),
    ("annex.template", "GET"): (None, OFFICE_FORM),
    ("annex.export", "GET"): ("document", OFFICE_FORM),
    ("api_documents.document_list", "GET"): (None, row(200, 200, 200, 200, 200, 200, API_401)),
    ("api_documents.document", "GET"): ("document", row(200, 200, 200, 200, 200, 200, API_401)),
    ("api_documents.create_document", "POST"): (None, row(400, 400, 403, 403, 403, 403, API_401)),
    ("api_documents.import_preview", "POST"): (None, row(400, 400, 403, 403, 403, 403, API_401)),
    ("api_documents.import_confirm", "POST"): (None, row(400, 400, 403, 403, 403, 403, API_401)),
}
ITEMS = {"lead": "NV-LV-01", "submitted": "NV-C-02", "completed": "NV-CQS-03"}


@pytest.fixture
def clients(app, login, user_by_email):
    """A client per role (the viewer account is created: the demo has none)."""
    viewer = User(email=EMAILS["viewer"], name="Đoàn kiểm tra", role="viewer")
    viewer.set_password("demo1234")
    db.session.add(viewer)
    db.session.commit()
    made = {role: login(email) for role, email in EMAILS.items()}
    made["anonymous"] = app.test_client()
    return made


@pytest.fixture
def url_values(item_by_code, user_by_email, today):
    """Values for the URL variables, per item kind: ids of real rows."""
    lead = item_by_code(ITEMS["lead"])
    evidence = IncomingFile("a.pdf", io.BytesIO(b"%PDF-1.4\n%%EOF\n"))
    workflow.record_progress(
        user_by_email(EMAILS["officer"]),
        lead.id,
        lead.version,
        workflow.Report(text="Ảnh chụp", progress=45, files=[evidence]),
    )
    attachment_id = db.session.scalar(select(Attachment.id).where(Attachment.item_id == lead.id))
    request_id = db.session.scalar(
        select(ExtensionRequest.id).where(
            ExtensionRequest.item_id == lead.id, ExtensionRequest.status == "pending"
        )
    )
    values = {kind: {"item_id": item_by_code(code).id} for kind, code in ITEMS.items()}
    values["lead"].update(attachment_id=attachment_id, request_id=request_id, comment_id=999_999)
    values[None] = {
        "filename": "tracker.css",
        "code": "en",
        "notification_id": 999_999,
        "filter_id": 999_999,
    }
    sweep(today)
    digest_id = db.session.scalar(select(Digest.id).order_by(Digest.id))
    values["outbox"] = {"digest_id": digest_id, "day": "2027-02-20", "code": "syt"}
    values["reports"] = _report_values(user_by_email)
    stc = user_by_email("head.stc@tracker.demo")
    values["people"] = {"user_id": stc.id, "agency_id": stc.agency_id, "session_id": 999_999,
                        "token": "no-such-token", "pick": "responsible"}  # fmt: skip
    values["nobody"] = {"user_id": 999_999}
    values["sector"] = {"code": "y-te"}
    values["document"] = {"document_id": item_by_code(ITEMS["lead"]).plan_id}
    return values


def _report_values(user_by_email) -> dict:
    """A published period, the office's calendar feed, syt's figures and an unknown token."""
    from tracker.feeds.actions import create_feed
    from tracker.models import Period

    period_id = db.session.scalar(select(Period.id).order_by(Period.id))
    feed, _token = create_feed(user_by_email(EMAILS["office"]), None, "Thời hạn")
    return {
        "path": "agencies",
        "code": "syt",
        "agency_code": "syt",
        "period_id": period_id,
        "feed_id": feed.id,
        "token": "no-such-token",
    }


def _url(app, endpoint: str, values: dict) -> str:
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
    with app.test_request_context():
        return url_for(endpoint, **{k: v for k, v in values.items() if k in rule.arguments})


def _call(client, method: str, url: str) -> int:
    if url.startswith("/api/") and method == "POST":
        response = client.post(url, json={})
    else:
        response = client.open(url, method=method, data={})
    response.close()
    return response.status_code


def test_the_matrix_names_every_route(app):
    routes = {
        (rule.endpoint, method)
        for rule in app.url_map.iter_rules()
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert routes == set(MATRIX)


def test_every_route_for_every_role(app, clients, url_values, login):
    wrong = []
    for (endpoint, method), (kind, expected) in sorted(MATRIX.items()):
        url = _url(app, endpoint, url_values[kind])
        for role in ROLES:
            client = clients[role]
            if endpoint == "accounts.logout" and role != "anonymous":
                client = login(EMAILS[role])  # signing out must not end the other requests
            status = _call(client, method, url)
            if status != expected[role]:
                wrong.append(f"{method} {url} as {role}: {status}, expected {expected[role]}")
    assert not wrong, "\n".join(wrong)


ITEM_ROUTES = sorted(key for key, (kind, _) in MATRIX.items() if kind == "lead")
#: On an item its agency only coordinates, a head or officer may read and comment, nothing more.
COORDINATOR_MAY = {
    ("items.show", "GET"): 200,
    ("api.item", "GET"): 200,
    ("api.item_history", "GET"): 200,
    ("workflow.comment", "GET"): 200,
    ("workflow.comment", "POST"): 400,
    ("api_writes.comment", "POST"): 400,
    ("workflow.edit_comment", "GET"): 200,
    ("workflow.edit_comment", "POST"): 400,
    ("workflow.delete_comment", "POST"): 404,  # no such comment
}


@pytest.mark.parametrize("role", ["head", "officer"])
def test_agency_users_on_items_they_coordinate_or_cannot_see(app, clients, item_by_code, role):
    ids = {"attachment_id": 1, "request_id": 1, "comment_id": 999_999}
    coordinated = {"item_id": item_by_code("NV-C-01").id, **ids}
    foreign = {"item_id": item_by_code("NV-LV-08").id, **ids}
    wrong = []
    for endpoint, method in ITEM_ROUTES:
        if endpoint in {
            "workflow.attachment",
            "extensions.decide_extension",
            "extension_proposals.propose_extension",
        }:
            continue  # they name a row of another item: 404, tested with the forged ids
        status = _call(clients[role], method, _url(app, endpoint, coordinated))
        if status != COORDINATOR_MAY.get((endpoint, method), 403):
            wrong.append(f"coordinated {method} {endpoint}: {status}")
        status = _call(clients[role], method, _url(app, endpoint, foreign))
        if status != 404:
            wrong.append(f"foreign {method} {endpoint}: {status}")
    assert not wrong, "\n".join(wrong)
