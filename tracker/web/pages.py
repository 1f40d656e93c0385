"""Every page of the tracker: the one place each blueprint is registered.

Kept apart from the rest of the web's set-up: a process run by a command serves no page, and
registers them only if something asks for a URL (`tracker.Tracker`).
"""

from flask import Flask

from tracker.accounts.views import bp as accounts_bp
from tracker.agencies.admin import bp as agency_admin_bp
from tracker.agencies.views import bp as agencies_bp
from tracker.annex.views import bp as annex_bp
from tracker.api.documents import bp as api_documents_bp
from tracker.api.people import bp as api_people_bp
from tracker.api.reports import bp as api_reports_bp
from tracker.api.sectors import bp as api_sectors_bp
from tracker.api.views import bp as api_bp
from tracker.api.writes import bp as api_writes_bp
from tracker.assignments.views import bp as assignments_bp
from tracker.audit.views import bp as audit_bp
from tracker.bulk.views import bp as bulk_bp
from tracker.delegation.views import bp as delegation_bp
from tracker.documents.views import bp as documents_bp
from tracker.evaluation.views import bp as evaluation_bp
from tracker.extensions.proposal_pages import bp as extension_proposals_bp
from tracker.extensions.views import bp as extensions_bp
from tracker.feeds.views import bp as feeds_bp
from tracker.inbox.views import bp as inbox_bp
from tracker.items.views import bp as items_bp
from tracker.letters.views import bp as letters_bp
from tracker.notifications.views import bp as notifications_bp
from tracker.outbox.views import bp as outbox_bp
from tracker.overdue.views import bp as overdue_bp
from tracker.passwords.views import bp as passwords_bp
from tracker.pauses.views import bp as pauses_bp
from tracker.periods.public import bp as public_bp
from tracker.periods.report_views import bp as period_reports_bp
from tracker.periods.views import bp as periods_bp
from tracker.plans.views import bp as plans_bp
from tracker.portfolios.views import bp as portfolios_bp
from tracker.profile.views import bp as profile_bp
from tracker.reminders.views import bp as reminders_bp
from tracker.reorganisation.views import bp as reorganisation_bp
from tracker.reports.views import bp as reports_bp
from tracker.saved_filters.views import bp as saved_filters_bp
from tracker.sectors.views import bp as sectors_bp
from tracker.targets.measurement_pages import bp as measurements_bp
from tracker.targets.revision_pages import bp as target_revisions_bp
from tracker.targets.views import bp as targets_bp
from tracker.users.import_views import bp as user_import_bp
from tracker.users.picker_views import bp as people_bp
from tracker.users.views import bp as users_bp
from tracker.workdays.views import bp as workdays_bp
from tracker.workflow.decisions import bp as decisions_bp
from tracker.workflow.review_pages import bp as agency_review_bp
from tracker.workflow.views import bp as workflow_bp

BLUEPRINTS = (
    accounts_bp,
    plans_bp,
    items_bp,
    saved_filters_bp,
    bulk_bp,
    workflow_bp,
    decisions_bp,
    agency_review_bp,
    delegation_bp,
    pauses_bp,
    extensions_bp,
    extension_proposals_bp,
    measurements_bp,
    target_revisions_bp,
    assignments_bp,
    documents_bp,
    annex_bp,
    agencies_bp,
    reorganisation_bp,
    inbox_bp,
    notifications_bp,
    overdue_bp,
    letters_bp,
    reports_bp,
    evaluation_bp,
    periods_bp,
    period_reports_bp,
    public_bp,
    targets_bp,
    sectors_bp,
    feeds_bp,
    outbox_bp,
    reminders_bp,
    workdays_bp,
    passwords_bp,
    profile_bp,
    users_bp,
    user_import_bp,
    people_bp,
    agency_admin_bp,
    portfolios_bp,
    audit_bp,
    api_bp,
    api_writes_bp,
    api_reports_bp,
    api_sectors_bp,
    api_people_bp,
    api_documents_bp,
)


def register(app: Flask) -> None:
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
