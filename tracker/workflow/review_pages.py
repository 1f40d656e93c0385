"""The pages of the approval inside the agency: the head forwards a submission to the office or
sends it back; its author withdraws it. Each action is declared once (tracker.item_actions)."""

from flask_babel import lazy_gettext as _l

from tracker.item_actions import ItemActionSpec, html_view, item_pages
from tracker.permissions import ItemAction
from tracker.workflow import review
from tracker.workflow.forms import NoteForm, PlainForm, ReasonForm

bp = item_pages("agency_review", __name__)


def _waiting(item, **url_values) -> dict:
    return {"waiting": review.waiting_review(item.id)}


FORWARD = ItemActionSpec(
    name="forward",
    summary="Forward the submission waiting for the head of the agency to the office.",
    form=NoteForm,
    permission=ItemAction.REVIEW,
    use_case=review.forward,
    arguments=lambda form: (form.version.data, form.note.data or ""),
    success=_l("Forwarded to the provincial office, which will confirm it."),
    template="workflow/forward.html",
    page_url="/<int:item_id>/agency-review/forward",
    api_url="/items/<int:item_id>/agency-review/forward",
    context=_waiting,
)
SEND_BACK = ItemActionSpec(
    name="send_back",
    summary="Send the submission waiting for the head back to its author, with the reason.",
    form=ReasonForm,
    permission=ItemAction.REVIEW,
    use_case=review.send_back,
    arguments=ReasonForm.arguments,
    success=_l("Sent back to its author with your reason."),
    template="workflow/send_back.html",
    page_url="/<int:item_id>/agency-review/send-back",
    api_url="/items/<int:item_id>/agency-review/send-back",
    context=_waiting,
)
WITHDRAW = ItemActionSpec(
    name="withdraw",
    summary="Withdraw a submission not yet reviewed; the agency carries on with the item.",
    form=PlainForm,
    permission=ItemAction.WITHDRAW,
    use_case=review.withdraw,
    arguments=lambda form: (form.version.data,),
    success=_l("Submission withdrawn; the item is being worked on again."),
    template="workflow/withdraw.html",
    page_url="/<int:item_id>/withdraw",
    api_url="/items/<int:item_id>/withdraw",
    context=_waiting,
)
ACTIONS = (FORWARD, SEND_BACK, WITHDRAW)

for spec in ACTIONS:
    html_view(bp, spec)
