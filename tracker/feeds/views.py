"""Create and revoke calendar feeds; serve a feed at its secret address."""

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Length

from tracker.clock import local_today
from tracker.feeds import actions as feed_service
from tracker.feeds.ical import calendar_bytes
from tracker.forms import TrackerForm
from tracker.names import load_labels
from tracker.permissions import can_follow_agency_calendar, sees_everything

bp = Blueprint("feeds", __name__, url_prefix="/calendar")
MINE = "mine"


class FeedForm(TrackerForm):
    label = StringField(
        _l("Name"),
        validators=[
            DataRequired(_l("Give the calendar a name.")),
            Length(max=120, message=_l("The name is too long.")),
        ],
    )
    scope = SelectField(_l("Deadlines of"), default=MINE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = load_labels().agencies
        if not sees_everything(current_user):
            agencies = [a for a in agencies if a.id == current_user.agency_id]
        self.scope.choices = [(MINE, _l("Items I am responsible for"))] + [
            (a.code, _("Items led by %(agency)s", agency=a.name)) for a in agencies
        ]
        self.agencies = {a.code: a for a in agencies}


def _feed_url(token: str) -> str:
    return current_app.config["BASE_URL"].rstrip("/") + url_for("feeds.feed", token=token)


@bp.route("/", methods=["GET", "POST"])
@login_required
def index():
    """My calendar feeds; a new one's address is shown once, right after it is made."""
    form = FeedForm()
    if form.validate_on_submit():
        agency_id = None
        if form.scope.data != MINE:
            agency_id = form.agencies[form.scope.data].id
            if not can_follow_agency_calendar(current_user, agency_id):
                abort(403)
        _, token = feed_service.create_feed(current_user, agency_id, form.label.data.strip())
        feeds = feed_service.feeds_of(current_user)
        return render_template(
            "feeds/index.html", form=FeedForm(formdata=None), feeds=feeds, new_url=_feed_url(token)
        ), 201
    status = 400 if form.is_submitted() else 200
    return render_template(
        "feeds/index.html", form=form, feeds=feed_service.feeds_of(current_user)
    ), status


@bp.post("/<int:feed_id>/revoke")
@login_required
def revoke(feed_id: int):
    """Stop a feed's address from working, for good."""
    if feed_service.revoke_feed(current_user, feed_id) is None:
        abort(404, description=_("There is no such calendar feed."))
    flash(_("The calendar address no longer works."), "success")
    return redirect(url_for("feeds.index"))


@bp.get("/<token>.ics")
def feed(token: str):
    """The feed itself, for calendar applications: no session, the address is the secret."""
    found = feed_service.find_feed(token)
    if found is None or not found.owner.active:
        abort(404, description=_("There is no calendar at this address."))
    if found.revoked_at is not None:
        abort(
            410,
            description=_("This calendar address was revoked. Create a new one in the tracker."),
        )
    if found.agency_id is not None and not can_follow_agency_calendar(found.owner, found.agency_id):
        abort(
            410,
            description=_("This calendar address was revoked. Create a new one in the tracker."),
        )
    items = feed_service.deadlines(found, current_app.config["EXPORT_MAX_ROWS"])
    with force_locale(found.owner.language):
        body = calendar_bytes(found.label, items, current_app.config["BASE_URL"])
    feed_service.record_use(found, local_today())
    return Response(
        body, mimetype="text/calendar", headers={"Cache-Control": "private, max-age=300"}
    )
