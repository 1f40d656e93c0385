"""The office revises a target by a later document, or ends a target that was not met.
Declared once: the pages are made here, the API endpoints in `tracker.api.writes`."""

from flask_babel import lazy_gettext as _l

from tracker.clock import local_today
from tracker.item_actions import ItemActionSpec, html_view, item_pages
from tracker.permissions import ItemAction
from tracker.targets import revisions
from tracker.targets.forms import CloseNotMetForm, RevisionForm
from tracker.targets.standing import target_row

bp = item_pages("target_revisions", __name__)


def _target_now(item, **url_values) -> dict:
    """The target in force today, shown above the form."""
    return {"target": target_row(item, local_today())}


REVISE = ItemActionSpec(
    name="revise_target",
    summary="Record a later document's revision of a target: value, year, document, date, reason.",
    form=RevisionForm,
    permission=ItemAction.REVISE_TARGET,
    use_case=revisions.revise_target,
    arguments=lambda form: (
        form.version.data,
        form.value.data,
        form.year.data,
        form.document.data,
        form.decided_on.data,
        form.reason.data,
    ),
    success=_l("Revision recorded; the plan's value is kept beside it."),
    template="revisions/revise.html",
    page_url="/<int:item_id>/target-revisions",
    api_url="/items/<int:item_id>/target-revisions",
    created=True,
    context=_target_now,
)
CLOSE_NOT_MET = ItemActionSpec(
    name="close_not_met",
    summary="End a target that was not met (kết thúc – không đạt), with the reason.",
    form=CloseNotMetForm,
    permission=ItemAction.CLOSE_NOT_MET,
    use_case=revisions.close_not_met,
    arguments=lambda form: (form.version.data, form.reason.data),
    success=_l("The target is ended as not met."),
    template="revisions/close_not_met.html",
    page_url="/<int:item_id>/close-not-met",
    api_url="/items/<int:item_id>/close-not-met",
    context=_target_now,
)
ACTIONS = (REVISE, CLOSE_NOT_MET)

for spec in ACTIONS:
    html_view(bp, spec)
