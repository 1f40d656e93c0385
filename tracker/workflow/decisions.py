"""The office confirms or returns a submission, cancels or reopens an item. Each action is
declared once: its page is made here, its API endpoint in `tracker.api.writes`."""

from flask import abort, flash, render_template
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from tracker.database import db
from tracker.item_actions import (
    FormPage,
    ItemActionSpec,
    blank,
    guard,
    html_view,
    item_or_404,
    item_pages,
)
from tracker.items.record import item_record
from tracker.permissions import ItemAction
from tracker.workflow import actions as workflow
from tracker.workflow.forms import ConfirmForm, ReasonForm

bp = item_pages("decisions", __name__)


class ReviewPage(FormPage):
    """Confirming and returning share one page: the submission with both forms side by side."""

    def show(self, spec, form, item, context, status):
        return _review(item, *_both_forms(item, form), status)

    def refused(self, spec, error, form, item, context):
        """The review page again, with the refusal said at the top or beside its field."""
        db.session.rollback()
        if error.status in (403, 404):
            abort(error.status, description=error.message)
        confirm_form, return_form = _both_forms(item, form)
        if "reason" in error.errors:
            return_form.reason.errors = [*return_form.reason.errors, *error.errors["reason"]]
        else:
            flash(error.message, "danger")
        return _review(item, confirm_form, return_form, error.status)


def _both_forms(item, sent) -> tuple[ConfirmForm, ReasonForm]:
    """The form that was sent, beside a fresh one for the other choice."""
    if isinstance(sent, ConfirmForm):
        return sent, ReasonForm(version=item.version)
    return ConfirmForm(version=item.version), sent


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


CONFIRM = ItemActionSpec(
    name="confirm",
    summary="Confirm the submission: the item is completed on the date it was submitted.",
    form=ConfirmForm,
    permission=ItemAction.CONFIRM,
    use_case=workflow.confirm,
    arguments=lambda form: (form.version.data, form.note.data or ""),
    success=_l("Completion confirmed."),
    template="decisions/review.html",
    page_url="/<int:item_id>/confirm",
    page_methods=("POST",),
    api_url="/items/<int:item_id>/confirm",
    initial=blank,
    page=ReviewPage(),
)
RETURN = ItemActionSpec(
    name="return_submission",
    summary="Return the submission to the lead agency with the reason.",
    form=ReasonForm,
    permission=ItemAction.RETURN,
    use_case=workflow.return_submission,
    arguments=ReasonForm.arguments,
    success=_l("Returned to the lead agency."),
    template="decisions/review.html",
    page_url="/<int:item_id>/return",
    page_methods=("POST",),
    api_url="/items/<int:item_id>/return",
    initial=blank,
    page=ReviewPage(),
)
CANCEL = ItemActionSpec(
    name="cancel",
    summary="Cancel the item, with the reason; it leaves the statistics.",
    form=ReasonForm,
    permission=ItemAction.CANCEL,
    use_case=workflow.cancel,
    arguments=ReasonForm.arguments,
    success=_l("Item cancelled."),
    template="decisions/cancel.html",
    page_url="/<int:item_id>/cancel",
)
REOPEN = ItemActionSpec(
    name="reopen",
    summary="Reopen a completed item confirmed by mistake, with the reason.",
    form=ReasonForm,
    permission=ItemAction.REOPEN,
    use_case=workflow.reopen,
    arguments=ReasonForm.arguments,
    success=_l("Item reopened."),
    template="decisions/reopen.html",
    page_url="/<int:item_id>/reopen",
)
ACTIONS = (CONFIRM, RETURN, CANCEL, REOPEN)


@bp.get("/<int:item_id>/review")
def review(item_id: int):
    """The submission with its evidence, and the forms to confirm or return it."""
    item = item_or_404(item_id)
    guard(item, ItemAction.CONFIRM)
    return _review(item, ConfirmForm(version=item.version), ReasonForm(version=item.version))


for spec in ACTIONS:
    html_view(bp, spec)
