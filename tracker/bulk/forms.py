"""The bulk action bar of the item list: the action, its parameters, the selected items."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectChoice, SelectField, TextAreaField
from wtforms.validators import InputRequired, Optional

from tracker.bulk.actions import ACTION_LABELS, Selection
from tracker.forms import REASON_TEXT, DayField, TrackerForm


class BulkForm(TrackerForm):
    action = SelectField(
        _l("Action"),
        choices=[SelectChoice(code, label) for code, label in ACTION_LABELS.items()],
        validators=[InputRequired(_l("Choose one of the actions offered."))],
    )
    lead_agency_id = IntegerField(_l("New lead agency"), validators=[Optional()])
    deadline = DayField(_l("New deadline"), validators=[Optional()])
    reason = TextAreaField(_l("Reason"), validators=[Optional(), REASON_TEXT])
    staff_id = IntegerField(_l("Member of staff"), validators=[Optional()])

    def selection(self, selected: list[str]) -> Selection:
        """`selected` holds "<item id>:<version>" as the list showed each item."""
        return Selection(
            action=self.action.data,
            items=_pairs(selected),
            lead_agency_id=self.lead_agency_id.data,
            deadline=self.deadline.data,
            reason=self.reason.data or "",
            staff_id=self.staff_id.data,
        )


def _pairs(selected: list[str]) -> list[tuple[int, int]]:
    pairs = []
    for value in selected[:500]:  # a page lists far fewer; more is not a person's selection
        item_id, _sep, version = value.partition(":")
        if item_id.isdecimal() and version.isdecimal() and len(item_id + version) < 19:
            pairs.append((int(item_id), int(version)))
    return pairs
