"""Every label a person reads for a coded value (standings, statuses, kinds, history entries,
escalation levels, digest sections, outbox statuses, periods), alike for pages, exports, mails."""

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext

from tracker.domain.documents import DocumentType
from tracker.domain.periods import PeriodKind
from tracker.domain.reminders import ReminderPolicy, Section
from tracker.domain.standing import AgeBucket, Standing
from tracker.domain.targets import Verdict
from tracker.domain.urgency import Urgency
from tracker.labels.badges import (
    BADGE_STATE_LABELS,
    STATUS_LABELS,
    TARGET_OUTCOME_LABELS,
    TARGET_SHORT_LABEL,
    badge_of,
    item_badge,
    status_words,
)

__all__ = [
    "BADGE_STATE_LABELS",
    "STATUS_LABELS",
    "TARGET_OUTCOME_LABELS",
    "TARGET_SHORT_LABEL",
    "badge_of",
    "item_badge",
    "status_words",
]

STANDING_LABELS = {
    Standing.DONE_ON_TIME: _l("Completed on time"),
    Standing.DONE_LATE: _l("Completed late"),
    Standing.IN_PROGRESS: _l("In progress, within deadline"),
    Standing.OVERDUE: _l("In progress, overdue"),
    Standing.NO_DEADLINE: _l("No deadline"),
}
KIND_LABELS = {"target": _l("Target"), "task": _l("Task")}
DOCUMENT_TYPE_LABELS = {
    DocumentType.PLAN: _l("Plan"),
    DocumentType.DECISION: _l("Decision"),
    DocumentType.DIRECTIVE: _l("Directive"),
    DocumentType.CONCLUSION: _l("Notice of conclusions"),
    DocumentType.OFFICIAL_LETTER: _l("Official letter"),
    DocumentType.OTHER: _l("Other document"),
}
RECURRENCE_LABELS = {
    "monthly": _l("Monthly"),
    "quarterly": _l("Quarterly"),
    "half_yearly": _l("Every six months"),
    "yearly": _l("Yearly"),
}
#: The flags an item may carry, as the list's filter and badges name them.
FLAG_LABELS = {
    "key": _l("Key task"),
    "urgent": _l("Urgent"),
    "not_public": _l("Not public"),
}
AGE_LABELS = {
    AgeBucket.D1_30: _l("1–30 days"),
    AgeBucket.D31_90: _l("31–90 days"),
    AgeBucket.OVER_90: _l("More than 90 days"),
}
# Where an item sorts on its agency's page.
URGENCY_LABELS = {
    Urgency.OVERDUE: _l("Overdue"),
    Urgency.DUE_SOON: _l("Due soon"),
    Urgency.OTHER: _l("Other items"),
    Urgency.CLOSED: _l("Completed or cancelled"),
}
# What an entry of an item's history says happened, by its verb.
ACTIVITY_LABELS = {
    "created": _l("Created"),
    "seeded": _l("Assigned by the plan"),
    "updated": _l("Updated"),
    "reassigned": _l("Reassigned"),
    "progress": _l("Progress reported"),
    "submitted": _l("Submitted as done"),
    "confirmed": _l("Completion confirmed"),
    "returned": _l("Returned to the agency"),
    "refused": _l("Refused by the agency"),
    "cancelled": _l("Cancelled"),
    "reopened": _l("Reopened"),
    "extension_requested": _l("Extension requested"),
    "extension_approved": _l("Extension approved"),
    "extension_rejected": _l("Extension rejected"),
    "measured": _l("Value reported"),
    "commented": _l("Comment"),
    "reminded": _l("Reminder sent"),
    "escalated": _l("Escalated"),
    "sent_to_head": _l("Submitted to the head of the agency"),
    "sent_back": _l("Sent back by the head of the agency"),
    "withdrawn": _l("Submission withdrawn"),
    "acknowledged": _l("Receipt acknowledged"),
    "delegated": _l("Given to a member of staff"),
    "comment_edited": _l("Comment edited"),
    "comment_deleted": _l("Comment deleted"),
    "extension_proposed": _l("Extension proposed to the leader"),
    "urged": _l("Urged by official letter"),
    "paused": _l("Paused by the office"),
    "resumed": _l("Resumed by the office"),
    "target_revised": _l("Target revised by a later document"),
    "closed_not_met": _l("Ended, target not met"),
}
FIELD_LABELS = {
    "status": _l("Status"),
    "progress": _l("Progress"),
    "deadline": _l("Deadline"),
    "lead_agency": _l("Lead agency"),
    "coordinating_agencies": _l("Coordinating agencies"),
    "responsible": _l("Responsible person"),
    "title": _l("Title"),
    "completed_on": _l("Completed on"),
    "proposed_deadline": _l("Proposed deadline"),
    "decision_document": _l("Decision document"),
    "granted_deadline": _l("Deadline granted"),
    "comment": _l("Comment"),
    "measured_value": _l("Measured value"),
    "paused_working_days": _l("Working days paused"),
    "target_value": _l("Target value"),
    "target_year": _l("Target year"),
    "target_outcome": _l("Outcome of the target"),
}
VERDICT_LABELS = {
    Verdict.MET: _l("Met"),
    Verdict.ON_TRACK: _l("On track"),
    Verdict.AT_RISK: _l("At risk"),
    Verdict.MISSED: _l("Missed"),
    Verdict.NO_DATA: _l("Not measured yet"),
}


def escalation_level_labels(policy: ReminderPolicy) -> dict[int, str]:
    """The escalation levels, named with the thresholds of the office's policy."""
    return {
        1: _l("Level 1: overdue"),
        2: lazy_ngettext(
            "Level 2: %(num)d working day or more",
            "Level 2: %(num)d working days or more",
            policy.office_after,
        ),
        3: lazy_ngettext(
            "Level 3: %(num)d day or more",
            "Level 3: %(num)d days or more",
            policy.leader_after_days,
        ),
    }


# The parts of a digest: short, as the columns of the sweep's preview...
SECTION_LABELS = {
    Section.OVERDUE: _l("Overdue"),
    Section.DUE_TODAY: _l("Due today"),
    Section.DUE_SOON: _l("Due soon"),
    Section.AGENCY_OVERDUE: _l("Agency's overdue (copy to the head)"),
    Section.ESCALATED: _l("Escalated"),
}
# ...and in full, as the headings of the mail its recipient reads.
DIGEST_SECTION_TITLES = {
    Section.OVERDUE: _l("Overdue"),
    Section.DUE_TODAY: _l("Due today"),
    Section.DUE_SOON: _l("Due soon"),
    Section.AGENCY_OVERDUE: _l("Overdue items of your agency (copy to the head)"),
    Section.ESCALATED: _l("Long overdue items to follow up, by agency"),
}
# The outbox's statuses (tracker.models.notices.DIGEST_STATUSES), as the administrator reads them.
OUTBOX_STATUS_LABELS = {
    "pending": _l("Pending"),
    "sending": _l("Being sent"),
    "sent": _l("Sent"),
    "failed": _l("Failed"),
    "logged": _l("Logged (no mail server)"),
    "skipped": _l("Skipped (nothing left to send)"),
}
# A deadline extension request's statuses (tracker.models.workflow.EXTENSION_STATUSES).
EXTENSION_STATUS_LABELS = {
    "pending": _l("Waiting for a decision"),
    "approved": _l("Approved"),
    "rejected": _l("Rejected"),
    "withdrawn": _l("Withdrawn"),
}
PERIOD_KIND_LABELS = {
    PeriodKind.MONTH: _l("Month"),
    PeriodKind.QUARTER: _l("Quarter"),
    PeriodKind.HALF: _l("Half-year"),
    PeriodKind.YEAR: _l("Year"),
}
PERIOD_STATUS_LABELS = {
    "open": _l("Open"),
    "closed": _l("Closed (figures frozen)"),
    "published": _l("Published"),
}
# A person's role (tracker.models.org.Role).
ROLE_LABELS = {
    "admin": _l("Administrator"),
    "office": _l("Provincial office"),
    "leader": _l("Provincial leader"),
    "head": _l("Head of agency"),
    "officer": _l("Focal officer"),
    "staff": _l("Staff member"),
    "viewer": _l("Read only"),
}
# An agency's level of government (tracker.models.org.AgencyLevel).
AGENCY_LEVEL_LABELS = {
    "province": _l("Province"),
    "department": _l("Department"),
    "district": _l("District"),
    "commune": _l("Commune"),
}
# What an audit log entry says happened (tracker.audit).
AUDIT_VERB_LABELS = {
    "created": _l("Created"),
    "updated": _l("Changed"),
    "deleted": _l("Deleted"),
    "deactivated": _l("Deactivated"),
    "reactivated": _l("Reactivated"),
    "login": _l("Signed in"),
    "login_failed": _l("Failed sign-in"),
    "password_reset_requested": _l("Password link asked for"),
    "password_reset": _l("Password reset by link"),
    "password_changed": _l("Password changed"),
    "invitation_sent": _l("Invitation sent"),
    "invitation_accepted": _l("Invitation accepted"),
    "sessions_ended": _l("Sessions ended"),
}
# What an audit log entry is about: a table, or a work item (its history).
AUDIT_SUBJECT_LABELS = {
    "users": _l("Person"),
    "agencies": _l("Agency"),
    "sectors": _l("Sector"),
    "reminder_settings": _l("Reminder policy"),
    "report_periods": _l("Reporting period"),
    "evaluation_weights": _l("Weights of the emulation evaluation"),
    "accounts": _l("Sign-in"),
    "work_items": _l("Work item"),
}
# What a notification says happened (tracker.models.notifications.NOTIFICATION_EVENTS)...
NOTIFICATION_LABELS = {
    "assigned": _l("Assigned to you or your agency"),
    "reassigned_away": _l("Given to another agency"),
    "submitted": _l("Submitted, waiting for the office"),
    "confirmed": _l("Completion confirmed"),
    "returned": _l("Submission returned"),
    "extension_requested": _l("Extension requested"),
    "extension_decided": _l("Extension decided"),
    "commented": _l("New comment"),
    "mentioned": _l("You were mentioned"),
    "review_requested": _l("A submission waits for your review"),
    "sent_back": _l("Sent back by the head of the agency"),
    "delegated": _l("Given to you by the head of the agency"),
    "reminded": _l("Reminder from the provincial office"),
    "deadline_changed": _l("Deadline changed"),
    "extension_proposed": _l("Extension proposed for your decision"),
    "paused": _l("Paused by the provincial office"),
    "resumed": _l("Resumed by the provincial office"),
}
# ...and what its reader does next.
NOTIFICATION_NEXT_STEPS = {
    "assigned": _l("Acknowledge it and plan the work to its deadline."),
    "reassigned_away": _l(
        "Nothing more is yours to do; hand what you have to the new lead agency."
    ),
    "submitted": _l("Check the report and the evidence, then confirm it or return it."),
    "confirmed": _l("Nothing more to do: the item is completed."),
    "returned": _l("Do what the reason asks, then submit the item again."),
    "extension_requested": _l(
        "Decide on the request: approve it, with an earlier date if need be, or reject it."
    ),
    "extension_decided": _l("Plan the work to the deadline now in force."),
    "commented": _l("Read the comment and answer on the item's page if needed."),
    "mentioned": _l("Read the comment and answer on the item's page if needed."),
    "review_requested": _l("Forward it to the office, or send it back with a reason."),
    "sent_back": _l("Do what the reason asks, then submit the item again."),
    "delegated": _l("It is yours to carry out: its reminders now come to you first."),
    "reminded": _l("Report the item's progress, or submit it if it is done."),
    "deadline_changed": _l("Plan the work to the deadline now in force."),
    "extension_proposed": _l(
        "Decide on the request: approve it with the approving document's number, or reject it."
    ),
    "paused": _l("Its deadline is not running: nothing is due until the office resumes it."),
    "resumed": _l("Plan the work to the deadline now in force."),
}
# How a person's notifications come by mail (tracker.models.notifications.MAIL_PREFERENCES).
MAIL_PREFERENCE_LABELS = {
    "digest": _l("In the morning digest (one mail a day)"),
    "immediate": _l("At once, one mail per event"),
    "off": _l("No mail: in the tracker only"),
}
# Approval inside the agency: where a submission made in the agency stands with its head.
REVIEW_STATUS_LABELS = {
    "pending": _l("Waiting for the head of the agency"),
    "forwarded": _l("Forwarded to the office"),
    "sent_back": _l("Sent back by the head of the agency"),
    "withdrawn": _l("Withdrawn"),
}
