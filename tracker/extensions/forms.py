"""The forms to request an extension and to decide one; the JSON API validates with them too."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import MultipleFileField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from tracker.evidence.files import files_of
from tracker.extensions.actions import Decision, ExtensionInput
from tracker.extensions.proposals import Proposal
from tracker.forms import REASON_TEXT, REPORT_TEXT, DayField, VersionedForm


class ExtensionForm(VersionedForm):
    proposed_deadline = DayField(
        _l("Proposed new deadline"),
        validators=[InputRequired(_l("Give the proposed deadline as a date."))],
    )
    reason = TextAreaField(
        _l("Reason for the extension"),
        validators=[DataRequired(_l("Give the reason for the extension.")), REPORT_TEXT],
    )
    files = MultipleFileField(
        _l("Attachment"), description=_l("The agency's request document, if any.")
    )

    def extension(self) -> ExtensionInput:
        return ExtensionInput(
            proposed_deadline=self.proposed_deadline.data,
            reason=self.reason.data or "",
            files=files_of(self.files),
        )


class DecisionForm(VersionedForm):
    decision = SelectField(
        _l("Decision"),
        choices=[SelectChoice("approve", _l("Approve")), SelectChoice("reject", _l("Reject"))],
        validators=[InputRequired(_l("Choose to approve or reject."))],
    )
    decision_document = StringField(
        _l("Number of the approving document"),
        description=_l("e.g. 1234/UBND-TH; required to approve."),
        validators=[Optional(), Length(max=60, message=_l("At most 60 characters."))],
    )
    granted_deadline = DayField(
        _l("Deadline granted"),
        description=_l(
            "Leave empty to grant the date asked for; an earlier date approves in part."
        ),
        validators=[Optional()],
    )
    note = TextAreaField(
        _l("Note"), description=_l("Required to reject."), validators=[Optional(), REASON_TEXT]
    )

    def outcome(self) -> Decision:
        return Decision(
            approve=self.decision.data == "approve",
            decision_document=self.decision_document.data,
            note=self.note.data,
            granted_deadline=self.granted_deadline.data,
        )


class ProposalForm(VersionedForm):
    deadline = DayField(
        _l("Deadline proposed to the leader"),
        description=_l("The date asked for, or an earlier one."),
        validators=[InputRequired(_l("Give the proposed deadline as a date."))],
    )
    note = TextAreaField(_l("Opinion of the office"), validators=[Optional(), REASON_TEXT])

    def proposal(self) -> Proposal:
        return Proposal(deadline=self.deadline.data, note=self.note.data or "")
