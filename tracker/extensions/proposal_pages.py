"""The office specialist's proposal to the leader on an extension request (its page and its
API endpoint, declared once)."""

from flask import abort
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from tracker.database import db
from tracker.extensions import proposals
from tracker.extensions.forms import ProposalForm
from tracker.item_actions import ItemActionSpec, html_view, item_pages
from tracker.models import ExtensionRequest
from tracker.permissions import ItemAction

bp = item_pages("extension_proposals", __name__)


def _the_request(item, request_id: int) -> dict:
    request_row = db.session.get(ExtensionRequest, request_id)
    if request_row is None or request_row.item_id != item.id:
        abort(404, description=_("There is no such extension request on this item."))
    return {"extension": request_row, "proposal": proposals.proposal_of(request_row)}


def _initial(item) -> dict:
    return {"version": item.version}


PROPOSE = ItemActionSpec(
    name="propose_extension",
    summary="Propose the decision on an extension request to the deciding leader.",
    form=ProposalForm,
    permission=ItemAction.DECIDE_EXTENSION,
    use_case=proposals.propose,
    arguments=lambda form, request_id: (request_id, form.version.data, form.proposal()),
    success=_l("Proposed to the leader, who is told and decides."),
    template="extensions/propose.html",
    page_url="/<int:item_id>/extensions/<int:request_id>/proposal",
    api_url="/items/<int:item_id>/extensions/<int:request_id>/proposal",
    initial=_initial,
    context=_the_request,
)
ACTIONS = (PROPOSE,)

for spec in ACTIONS:
    html_view(bp, spec)
