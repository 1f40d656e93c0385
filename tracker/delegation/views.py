"""The lead agency acknowledges an assignment; its head gives an item to a member of staff."""

from flask_babel import lazy_gettext as _l

from tracker.delegation import actions
from tracker.delegation.forms import DelegateForm
from tracker.item_actions import ItemActionSpec, html_view, item_pages
from tracker.permissions import ItemAction
from tracker.workflow.forms import PlainForm

bp = item_pages("delegation", __name__)


def _staff(item, **url_values) -> dict:
    return {"staff": actions.staff_of(item.lead_agency_id)}


def _delegate_form(item) -> dict:
    return {"version": item.version, "staff_id": item.responsible_id}


ACKNOWLEDGE = ItemActionSpec(
    name="acknowledge",
    summary="Acknowledge receiving the assignment (đã tiếp nhận), dated today.",
    form=PlainForm,
    permission=ItemAction.ACKNOWLEDGE,
    use_case=actions.acknowledge,
    arguments=lambda form: (form.version.data,),
    success=_l("Receipt acknowledged."),
    template="delegation/acknowledge.html",
    page_url="/<int:item_id>/acknowledge",
    api_url="/items/<int:item_id>/acknowledge",
)
DELEGATE = ItemActionSpec(
    name="delegate",
    summary="Give the item to a member of staff, who then receives its reminders first.",
    form=DelegateForm,
    permission=ItemAction.DELEGATE,
    use_case=actions.delegate,
    arguments=lambda form: (form.version.data, form.staff_id.data),
    success=_l("Given to the member of staff; you keep seeing it and receive its escalations."),
    template="delegation/delegate.html",
    page_url="/<int:item_id>/delegate",
    api_url="/items/<int:item_id>/delegate",
    initial=_delegate_form,
    context=_staff,
)
ACTIONS = (ACKNOWLEDGE, DELEGATE)

for spec in ACTIONS:
    html_view(bp, spec)
