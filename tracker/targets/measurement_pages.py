"""The lead agency reports a measured value of a target. Declared once: its page is made
here, its API endpoint in `tracker.api.writes`."""

from flask_babel import lazy_gettext as _l

from tracker.clock import local_today
from tracker.item_actions import ItemActionSpec, html_view, item_pages
from tracker.permissions import ItemAction
from tracker.targets import measurements
from tracker.targets.forms import MeasurementForm

bp = item_pages("measurements", __name__)

MEASURE = ItemActionSpec(
    name="measure",
    summary="Report a measured value of a target: value, date, source.",
    form=MeasurementForm,
    permission=ItemAction.MEASURE,
    use_case=measurements.record_measurement,
    arguments=lambda form: (
        form.version.data,
        form.value.data,
        form.measured_on.data,
        form.source.data,
    ),
    success=_l("Value recorded."),
    template="measurements/record.html",
    page_url="/<int:item_id>/measurements",
    api_url="/items/<int:item_id>/measurements",
    created=True,
    initial=lambda item: {"version": item.version, "measured_on": local_today()},
)
ACTIONS = (MEASURE,)


html_view(bp, MEASURE)
