"""The plan overview: counts by pillar, group, sector and standing."""

from collections import Counter

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from tracker.clock import local_today
from tracker.database import db
from tracker.labels import KIND_LABELS
from tracker.models import Plan, Sector
from tracker.permissions import can_follow_up, uses_agency_page
from tracker.plans.counts import plan_counts
from tracker.plans.dashboard import dashboard, portfolio_scope
from tracker.portfolios.actions import portfolio_key, wants_own_scope
from tracker.reports.statistics import EVERYTHING

bp = Blueprint("plans", __name__)


@bp.get("/")
@login_required
def overview():
    """The plan at a glance, as of today; the dashboard of the person's portfolio unless they
    ask for everything (`scope=all`)."""
    if uses_agency_page(current_user):
        return redirect(url_for("agencies.index"))
    if request.args.get("scope") not in (None, "all", "mine"):
        abort(400, description=_("The scope is either all or mine."))
    today = local_today()
    # The plan the office was set up for: the first document recorded (others come later).
    plan = db.session.scalar(select(Plan).order_by(Plan.id))
    sectors = db.session.scalars(select(Sector).order_by(Sector.position)).all()
    by_group, by_sector, by_kind = plan_counts(current_user, today)
    groups = plan.groups if plan else []
    held = portfolio_key(current_user)  # read once: the dashboard and the switch ask
    return render_template(
        "plans/overview.html",
        dashboard=_dashboard(today, held),
        has_portfolio=any(held),
        plan=plan,
        today=today,
        totals=sum(by_kind.values(), start=Counter()),
        kind_rows=[(n, {"kind": k}, by_kind.get(k, Counter())) for k, n in KIND_LABELS.items()],
        group_rows=[(g.name, {"pillar": g.code}, by_group.get(g.id, Counter())) for g in groups],
        sector_rows=[(s.name, {"sector": s.code}, by_sector.get(s.id, Counter())) for s in sectors],
    )


def _dashboard(today, held):
    if not can_follow_up(current_user):
        return None
    mine = wants_own_scope(held, request.args.get("scope"))
    return dashboard(today, portfolio_scope(current_user, held) if mine else EVERYTHING)
