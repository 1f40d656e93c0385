"""The office's pages to pause and resume an item; their API endpoints come from the same
declarations (`tracker.api.writes`)."""

from flask_babel import lazy_gettext as _l

from tracker.item_actions import ItemActionSpec, html_view, item_pages
from tracker.pauses import actions
from tracker.pauses.forms import PauseForm, ResumeForm
from tracker.permissions import ItemAction

bp = item_pages("pauses", __name__)


def _running(item, **url_values) -> dict:
    return {"pause": actions.running_pause(item.id)}


PAUSE = ItemActionSpec(
    name="pause",
    summary="Pause the item with a reason: its deadline clock stops until it is resumed.",
    form=PauseForm,
    permission=ItemAction.PAUSE,
    use_case=actions.pause,
    arguments=lambda form: (form.version.data, form.pause()),
    success=_l("Item paused; the lead agency is told."),
    template="pauses/pause.html",
    page_url="/<int:item_id>/pause",
    api_url="/items/<int:item_id>/pause",
    precondition=actions.check_pausable,
)
RESUME = ItemActionSpec(
    name="resume",
    summary="Resume a paused item: its deadline moves on by the working days it was paused.",
    form=ResumeForm,
    permission=ItemAction.RESUME,
    use_case=actions.resume,
    arguments=lambda form: (form.version.data, form.pause()),
    success=_l("Item resumed; its deadline moved by the working days it was paused."),
    template="pauses/resume.html",
    page_url="/<int:item_id>/resume",
    api_url="/items/<int:item_id>/resume",
    context=_running,
)
ACTIONS = (PAUSE, RESUME)

for spec in ACTIONS:
    html_view(bp, spec)
