"""The upload form and the confirmation of a previewed annex."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import HiddenField, StringField
from wtforms.validators import DataRequired, Length, ValidationError

from tracker.forms import TrackerForm


def _document_field():
    return StringField(
        _l("Document (number and symbol)"),
        description=_l("An existing document, or a new number such as 12/KH-UBND: it is created."),
        validators=[
            DataRequired(_l("Give the document's number and symbol.")),
            Length(max=60, message=_l("At most %(max)d characters.", max=60)),
        ],
    )


class UploadForm(TrackerForm):
    document = _document_field()
    file = FileField(_l("Annex workbook (.xlsx)"))

    def validate_file(self, field) -> None:
        if not getattr(field.data, "filename", None):
            raise ValidationError(_l("Choose the workbook to import."))


class ConfirmForm(TrackerForm):
    document = _document_field()
    token = HiddenField(validators=[DataRequired(_l("This preview has expired."))])
    filename = HiddenField()
