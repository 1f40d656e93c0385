"""The forms of an item's workflow; the JSON API validates its bodies with the same forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    IntegerField,
    MultipleFileField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from tracker.evidence.files import files_of
from tracker.forms import REASON_TEXT, REPORT_TEXT, DayField, TrackerForm, VersionedForm
from tracker.workflow.actions import Report
from tracker.workflow.comments import MAX_COMMENT_CHARS


class _DocumentFields(VersionedForm):
    document_number = StringField(
        _l("Number of the report document"),
        description=_l("e.g. 125/BC-SYT"),
        validators=[Optional(), Length(max=60, message=_l("At most 60 characters."))],
    )
    document_date = DayField(
        _l("Date of the report document"),
        validators=[Optional()],
    )
    files = MultipleFileField(
        _l("Evidence files"),
        description=_l("PDF, Word, Excel or images."),
    )

    def report(self, progress: int = 100) -> Report:
        return Report(
            text=self.text.data or "",
            progress=progress,
            document_number=self.document_number.data,
            document_date=self.document_date.data,
            files=files_of(self.files),
        )


class ProgressForm(_DocumentFields):
    progress = IntegerField(
        _l("Progress (%)"),
        validators=[
            InputRequired(_l("Give the progress in per cent.")),
            NumberRange(0, 100, _l("Progress is a percentage from 0 to 100.")),
        ],
    )
    text = TextAreaField(
        _l("Progress report"),
        validators=[DataRequired(_l("Write a few words on what has been done.")), REPORT_TEXT],
    )


class SubmitForm(_DocumentFields):
    text = TextAreaField(
        _l("Report on the result"),
        description=_l(
            "The result, required; and the number and date of the agency's report document, "
            "or the evidence files."
        ),
        validators=[Optional(), REPORT_TEXT],
    )


class ReasonForm(VersionedForm):
    reason = TextAreaField(
        _l("Reason"), validators=[DataRequired(_l("Give the reason.")), REASON_TEXT]
    )

    def arguments(self) -> tuple[int, str]:
        """What the use cases that take a reason take after the item: version, reason."""
        return self.version.data, self.reason.data


class ConfirmForm(VersionedForm):
    note = TextAreaField(_l("Note (optional)"), validators=[Optional(), REASON_TEXT])


class CommentForm(TrackerForm):
    body = TextAreaField(
        _l("Comment"),
        validators=[
            DataRequired(_l("Write the comment.")),
            Length(
                max=MAX_COMMENT_CHARS,
                message=_l("A comment has at most 5,000 characters."),
            ),
        ],
    )


class NoteForm(VersionedForm):
    note = TextAreaField(_l("Note (optional)"), validators=[Optional(), REASON_TEXT])


class PlainForm(VersionedForm):
    """A button about an item, and the version it was pressed on."""


class DeleteCommentForm(TrackerForm):
    """The delete button of a comment (its CSRF token)."""
