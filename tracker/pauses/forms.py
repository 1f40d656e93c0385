"""The forms to pause an item and to resume it; the JSON API validates with them too."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Optional

from tracker.forms import REASON_TEXT, VersionedForm
from tracker.pauses.actions import PauseInput


class PauseForm(VersionedForm):
    reason = TextAreaField(
        _l("Reason for the pause"),
        validators=[DataRequired(_l("Give the reason for the pause.")), REASON_TEXT],
    )

    def pause(self) -> PauseInput:
        return PauseInput(reason=self.reason.data or "")


class ResumeForm(VersionedForm):
    reason = TextAreaField(_l("Note (optional)"), validators=[Optional(), REASON_TEXT])

    def pause(self) -> PauseInput:
        return PauseInput(reason=self.reason.data or "")
