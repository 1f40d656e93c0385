"""The tracker's tables. Import models from here; modules are split by subject."""

from tracker.models.accounts import PasswordToken, UserSession
from tracker.models.activity import Activity
from tracker.models.assignments import AssignmentPeriod, period_coordinators
from tracker.models.audit import AuditEvent
from tracker.models.caching import CachedFigures, DataVersion, HistoryRaise, PastFigure
from tracker.models.filters import SavedFilter
from tracker.models.items import WorkItem, item_coordinators
from tracker.models.measurements import Measurement, TargetRevision
from tracker.models.notices import Digest, Notice, ReminderSettings
from tracker.models.notifications import Notification
from tracker.models.org import Agency, Role, User
from tracker.models.papers import EvaluationWeights, UrgingLetter, UrgingLetterItem
from tracker.models.pauses import ItemPause
from tracker.models.plans import Group, Plan, Sector
from tracker.models.reorganisation import FormerMembership, ReorganisationEvent, event_agencies
from tracker.models.reports import CalendarFeed, Period, PeriodSnapshot
from tracker.models.sign_ins import FailedSignIn
from tracker.models.workdays import CalendarDay
from tracker.models.workflow import Attachment, Comment, ExtensionRequest, ProgressReport

__all__ = [
    "Activity",
    "AssignmentPeriod",
    "Agency",
    "AuditEvent",
    "Attachment",
    "CalendarDay",
    "CachedFigures",
    "HistoryRaise",
    "PastFigure",
    "CalendarFeed",
    "Comment",
    "DataVersion",
    "Digest",
    "EvaluationWeights",
    "ExtensionRequest",
    "FailedSignIn",
    "FormerMembership",
    "ItemPause",
    "Group",
    "Measurement",
    "Notice",
    "Notification",
    "PasswordToken",
    "Period",
    "PeriodSnapshot",
    "Plan",
    "ProgressReport",
    "ReorganisationEvent",
    "ReminderSettings",
    "SavedFilter",
    "Role",
    "Sector",
    "TargetRevision",
    "UrgingLetter",
    "UrgingLetterItem",
    "User",
    "UserSession",
    "WorkItem",
    "event_agencies",
    "item_coordinators",
    "period_coordinators",
]
