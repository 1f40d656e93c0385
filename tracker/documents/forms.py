"""The document form and the reconciliation's date."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from tracker.documents.actions import DocumentData
from tracker.evidence.files import IncomingFile
from tracker.forms import REPORT_TEXT, DayField, TrackerForm
from tracker.labels import DOCUMENT_TYPE_LABELS


def _short(limit: int):
    return Length(max=limit, message=_l("At most %(max)d characters.", max=limit))


class DocumentForm(TrackerForm):
    doc_type = SelectField(_l("Type of document"), default="ke_hoach")
    number = StringField(
        _l("Number and symbol"),
        description=_l("As written on the document, e.g. 59/KH-UBND."),
        validators=[DataRequired(_l("Give the document's number and symbol.")), _short(60)],
    )
    issued_on = DayField(_l("Date of issue"), validators=[Optional()])
    issuer = StringField(
        _l("Issuing body"),
        validators=[DataRequired(_l("Name the body that issued it.")), _short(200)],
    )
    title = TextAreaField(
        _l("Subject"),
        validators=[DataRequired(_l("Give the document's subject.")), _short(2000)],
    )
    signer = StringField(_l("Signed by"), validators=[Optional(), _short(200)])
    assigning_leader = StringField(
        _l("Leader who assigned the tasks"), validators=[Optional(), _short(200)]
    )
    summary = TextAreaField(_l("Summary"), validators=[Optional(), REPORT_TEXT])
    file = FileField(_l("The document's file (PDF, DOCX…)"), validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.doc_type.choices = [(code.value, name) for code, name in DOCUMENT_TYPE_LABELS.items()]

    def data_object(self) -> DocumentData:
        return DocumentData(
            doc_type=self.doc_type.data,
            number=self.number.data,
            title=self.title.data,
            issuer=self.issuer.data,
            issued_on=self.issued_on.data,
            signer=self.signer.data,
            assigning_leader=self.assigning_leader.data,
            summary=self.summary.data,
        )

    def upload(self) -> IncomingFile | None:
        chosen = self.file.data
        if chosen is None or not getattr(chosen, "filename", None):
            return None
        return IncomingFile(chosen.filename, chosen.stream)
