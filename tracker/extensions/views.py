"""The head of the lead agency asks for a new deadline; the office or the leader approves or
rejects the request. Each action is declared once: its page is made here, its API endpoint in
`tracker.api.writes`."""

from flask import abort
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from tracker.database import db
from tracker.extensions import actions as extensions
from tracker.extensions.forms import DecisionForm, ExtensionForm
from tracker.extensions.proposals import proposal_of
from tracker.item_actions import ItemActionSpec, html_view, item_pages
from tracker.models import ExtensionRequest, WorkItem
from tracker.permissions import ItemAction

bp = item_pages("extensions", __name__)


def _the_request(item: WorkItem, request_id: int) -> dict:
    """The request named by the URL, which must be one of this item's."""
    request_row = db.session.get(ExtensionRequest, request_id)
    if request_row is None or request_row.item_id != item.id:
        abort(404, description=_("There is no such extension request on this item."))
    return {"extension": request_row, "proposal": proposal_of(request_row)}


def _decided(form: DecisionForm) -> str:
    if form.decision.data == "approve":
        return _("Extension approved.")
    return _("Extension rejected.")


REQUEST = ItemActionSpec(
    name="request_extension",
    summary="The head of the lead agency (or a deputy) asks for a new deadline, with the reason "
    "and an attachment.",
    form=ExtensionForm,
    permission=ItemAction.REQUEST_EXTENSION,
    use_case=extensions.request_extension,
    arguments=lambda form: (form.version.data, form.extension()),
    success=_l("Extension requested; the provincial office will decide."),
    template="extensions/request.html",
    page_url="/<int:item_id>/extensions/new",
    api_url="/items/<int:item_id>/extensions",
    created=True,
    precondition=extensions.check_requestable,
)
DECIDE = ItemActionSpec(
    name="decide_extension",
    summary="An extension request, and the form to approve it (with the document number) "
    "or reject it.",
    form=DecisionForm,
    permission=ItemAction.DECIDE_EXTENSION,
    use_case=extensions.decide_extension,
    arguments=lambda form, request_id: (request_id, form.version.data, form.outcome()),
    success=_decided,
    template="extensions/decide.html",
    page_url="/<int:item_id>/extensions/<int:request_id>",
    api_url="/items/<int:item_id>/extensions/<int:request_id>/decision",
    context=_the_request,
)
ACTIONS = (REQUEST, DECIDE)


for spec in ACTIONS:
    html_view(bp, spec)
