"""What the lead agency does on an item: progress, submission, refusal, extension request,
measured values; comments by everyone involved; evidence downloads."""

from flask import Blueprint, abort, render_template, send_file
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tracker.clock import local_today
from tracker.extensions import actions as extensions
from tracker.items.record import attachment_of
from tracker.permissions import ItemAction
from tracker.refusals import ServiceError
from tracker.targets import measurements
from tracker.workflow import actions as workflow
from tracker.workflow import comments
from tracker.workflow import evidence as uploads
from tracker.workflow.common import back_to_item, form_status, guard, item_or_404, refused
from tracker.workflow.forms import (
    CommentForm,
    ExtensionForm,
    MeasurementForm,
    ProgressForm,
    ReasonForm,
    SubmitForm,
)

bp = Blueprint("workflow", __name__, url_prefix="/items")
A = ItemAction


@bp.before_request
@login_required
def require_login():
    """Every page here needs a signed-in user."""


@bp.route("/<int:item_id>/progress", methods=["GET", "POST"])
def progress(item_id: int):
    """Record progress: percentage, report, evidence, the report document's number and date."""
    item = item_or_404(item_id)
    form = ProgressForm(version=item.version, progress=item.progress)
    if form.validate_on_submit():
        try:
            workflow.record_progress(
                current_user, item.id, form.version.data, form.report(form.progress.data)
            )
        except ServiceError as error:
            return refused(error, "workflow/progress.html", form, item=item)
        return back_to_item(item.id, _("Progress recorded."))
    guard(item, A.PROGRESS)
    return render_template("workflow/progress.html", form=form, item=item), form_status(form)


@bp.route("/<int:item_id>/submit", methods=["GET", "POST"])
def submit(item_id: int):
    """Submit the item as done, with the report on its result and the evidence."""
    item = item_or_404(item_id)
    form = SubmitForm(version=item.version)
    if form.validate_on_submit():
        try:
            workflow.submit(current_user, item.id, form.version.data, form.report())
        except ServiceError as error:
            return refused(error, "workflow/submit.html", form, item=item)
        return back_to_item(item.id, _("Submitted as done; the provincial office will confirm it."))
    guard(item, A.SUBMIT)
    return render_template("workflow/submit.html", form=form, item=item), form_status(form)


@bp.route("/<int:item_id>/refuse", methods=["GET", "POST"])
def refuse(item_id: int):
    """Refuse an item wrongly assigned to the agency, with the reason."""
    item = item_or_404(item_id)
    form = ReasonForm(version=item.version)
    if form.validate_on_submit():
        try:
            workflow.refuse(current_user, item.id, form.version.data, form.reason.data)
        except ServiceError as error:
            return refused(error, "workflow/refuse.html", form, item=item)
        return back_to_item(item.id, _("Refused; the provincial office will reassign the item."))
    guard(item, A.REFUSE)
    return render_template("workflow/refuse.html", form=form, item=item), form_status(form)


@bp.route("/<int:item_id>/extensions/new", methods=["GET", "POST"])
def request_extension(item_id: int):
    """Ask for a new deadline, with the reason and an attachment."""
    item = item_or_404(item_id)
    form = ExtensionForm(version=item.version)
    if form.validate_on_submit():
        try:
            extensions.request_extension(current_user, item.id, form.version.data, form.extension())
        except ServiceError as error:
            return refused(error, "workflow/extension.html", form, item=item)
        return back_to_item(item.id, _("Extension requested; the provincial office will decide."))
    guard(item, A.REQUEST_EXTENSION)
    try:
        extensions.check_requestable(item)
    except ServiceError as error:
        abort(error.status, description=error.message)
    return render_template("workflow/extension.html", form=form, item=item), form_status(form)


@bp.route("/<int:item_id>/measurements", methods=["GET", "POST"])
def measure(item_id: int):
    """Report a measured value of a target: value, date, source."""
    item = item_or_404(item_id)
    form = MeasurementForm(version=item.version, measured_on=local_today())
    if form.validate_on_submit():
        try:
            measurements.record_measurement(
                current_user,
                item.id,
                form.version.data,
                form.value.data,
                form.measured_on.data,
                form.source.data,
            )
        except ServiceError as error:
            return refused(error, "workflow/measure.html", form, item=item)
        return back_to_item(item.id, _("Value recorded."))
    guard(item, A.MEASURE)
    return render_template("workflow/measure.html", form=form, item=item), form_status(form)


@bp.route("/<int:item_id>/comments", methods=["GET", "POST"])
def comment(item_id: int):
    """Comment on the item (lead agency, coordinating agencies, the office)."""
    item = item_or_404(item_id)
    form = CommentForm()
    if form.validate_on_submit():
        try:
            comments.add_comment(current_user, item.id, form.body.data)
        except ServiceError as error:
            return refused(error, "workflow/comment.html", form, item=item)
        return back_to_item(item.id, _("Comment added."), part="comments")
    guard(item, A.COMMENT)
    return render_template("workflow/comment.html", form=form, item=item), form_status(form)


@bp.get("/<int:item_id>/files/<int:attachment_id>")
def attachment(item_id: int, attachment_id: int):
    """Download an evidence file, under the name it was uploaded with."""
    item = item_or_404(item_id)
    found = attachment_of(item, attachment_id)
    if found is None or not uploads.path_of(found).is_file():
        abort(404, description=_("There is no such file on this item."))
    response = send_file(
        uploads.path_of(found),
        mimetype=found.content_type,
        as_attachment=True,
        download_name=found.filename,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
