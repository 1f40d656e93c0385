"""The office confirms or returns a submission, cancels or reopens an item; the office or the
leader approves or rejects an extension request."""

from flask import Blueprint, abort, flash, render_template
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tracker.database import db
from tracker.extensions import actions as extensions
from tracker.items.record import item_record
from tracker.models import ExtensionRequest
from tracker.permissions import ItemAction
from tracker.refusals import ServiceError
from tracker.workflow import actions as workflow
from tracker.workflow.common import back_to_item, form_status, guard, item_or_404, refused
from tracker.workflow.forms import ConfirmForm, DecisionForm, ReasonForm

bp = Blueprint("decisions", __name__, url_prefix="/items")
A = ItemAction


@bp.before_request
@login_required
def require_login():
    """Every page here needs a signed-in user."""


def _review(item, confirm_form, return_form, status: int = 200):
    record = item_record(current_user, item)
    return (
        render_template(
            "decisions/review.html",
            item=item,
            record=record,
            confirm_form=confirm_form,
            return_form=return_form,
        ),
        status,
    )


@bp.get("/<int:item_id>/review")
def review(item_id: int):
    """The submission with its evidence, and the forms to confirm or return it."""
    item = item_or_404(item_id)
    guard(item, A.CONFIRM)
    return _review(item, ConfirmForm(version=item.version), ReasonForm(version=item.version))


@bp.post("/<int:item_id>/confirm")
def confirm(item_id: int):
    """Confirm the submission: the item is completed on the date it was submitted."""
    item = item_or_404(item_id)
    form = ConfirmForm()
    if not form.validate():
        guard(item, A.CONFIRM)
        return _review(item, form, ReasonForm(version=item.version), 400)
    try:
        workflow.confirm(current_user, item.id, form.version.data, form.note.data or "")
    except ServiceError as error:
        return _refused_review(error, item, form, ReasonForm(version=item.version))
    return back_to_item(item.id, _("Completion confirmed."))


@bp.post("/<int:item_id>/return")
def return_submission(item_id: int):
    """Return the submission to the lead agency with the reason."""
    item = item_or_404(item_id)
    form = ReasonForm()
    if not form.validate():
        guard(item, A.RETURN)
        return _review(item, ConfirmForm(version=item.version), form, 400)
    try:
        workflow.return_submission(current_user, item.id, form.version.data, form.reason.data)
    except ServiceError as error:
        return _refused_review(error, item, ConfirmForm(version=item.version), form)
    return back_to_item(item.id, _("Returned to the lead agency."))


def _refused_review(error: ServiceError, item, confirm_form, return_form):
    """The review page again, with the refusal said at the top or beside its field."""
    db.session.rollback()
    if error.status in (403, 404):
        abort(error.status, description=error.message)
    target = return_form if "reason" in error.errors else None
    if target is not None:
        target.reason.errors = [*target.reason.errors, *error.errors["reason"]]
    else:
        flash(error.message, "danger")
    return _review(item, confirm_form, return_form, error.status)


def _reason_page(item_id: int, action: ItemAction, template: str, run, done: str):
    item = item_or_404(item_id)
    form = ReasonForm(version=item.version)
    if form.validate_on_submit():
        try:
            run(current_user, item.id, form.version.data, form.reason.data)
        except ServiceError as error:
            return refused(error, template, form, item=item)
        return back_to_item(item.id, done)
    guard(item, action)
    return render_template(template, form=form, item=item), form_status(form)


@bp.route("/<int:item_id>/cancel", methods=["GET", "POST"])
def cancel(item_id: int):
    """Cancel the item, with the reason; it leaves the statistics."""
    return _reason_page(
        item_id, A.CANCEL, "decisions/cancel.html", workflow.cancel, _("Item cancelled.")
    )


@bp.route("/<int:item_id>/reopen", methods=["GET", "POST"])
def reopen(item_id: int):
    """Reopen a completed item confirmed by mistake, with the reason."""
    return _reason_page(
        item_id, A.REOPEN, "decisions/reopen.html", workflow.reopen, _("Item reopened.")
    )


@bp.route("/<int:item_id>/extensions/<int:request_id>", methods=["GET", "POST"])
def decide_extension(item_id: int, request_id: int):
    """An extension request, and the form to approve it (with the document number) or reject it."""
    item = item_or_404(item_id)
    request_row = db.session.get(ExtensionRequest, request_id)
    if request_row is None or request_row.item_id != item.id:
        abort(404, description=_("There is no such extension request on this item."))
    form = DecisionForm(version=item.version)
    context = {"item": item, "extension": request_row}
    if form.validate_on_submit():
        try:
            extensions.decide_extension(
                current_user, item.id, request_row.id, form.version.data, form.outcome()
            )
        except ServiceError as error:
            return refused(error, "decisions/extension.html", form, **context)
        approved = form.decision.data == "approve"
        return back_to_item(
            item.id, _("Extension approved.") if approved else _("Extension rejected.")
        )
    guard(item, A.DECIDE_EXTENSION)
    return render_template("decisions/extension.html", form=form, **context), form_status(form)
