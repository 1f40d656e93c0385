"""The one badge of an item, and its status in words: where it stands, with what makes it
urgent or short, and how a completed target ended. The same words on lists, item pages,
exports and mails."""

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext

from tracker.domain.standing import Standing, days_overdue
from tracker.domain.targets import Verdict

STATUS_LABELS = {
    "assigned": _l("Assigned"),
    "in_progress": _l("In progress"),
    "submitted": _l("Submitted, awaiting confirmation"),
    "completed": _l("Completed"),
    "returned": _l("Returned"),
    "refused": _l("Refused"),
    "cancelled": _l("Cancelled"),
}
BADGE_STATE_LABELS = {
    "assigned": _l("Assigned"),
    "in_progress": _l("In progress"),
    "waiting_head": _l("Waiting for the head of the agency"),
    "paused": _l("Paused"),
    "submitted": _l("Waiting for the office to confirm"),
    "completed": _l("Completed"),
    "completed_late": _l("Completed late"),
    "returned": _l("Returned, to be done again"),
    "refused": _l("Refused, to be reassigned"),
    "cancelled": _l("Cancelled"),
    "late": _l("late"),
}
TARGET_SHORT_LABEL = _l("target not met")
#: How a completed target ended (tracker.models.items.TARGET_OUTCOMES): as its badge and its
#: status say it on lists, item pages and exports.
TARGET_OUTCOME_LABELS = {
    "met": _l("Completed · met"),
    "not_met": _l("Ended · not met"),
}


def status_words(status: str, outcome: str | None = None) -> str:
    """An item's status in words; a completed target says whether it was met."""
    if status == "completed" and outcome in TARGET_OUTCOME_LABELS:
        return str(TARGET_OUTCOME_LABELS[outcome])
    return str(STATUS_LABELS.get(status, status))


def item_badge(
    status: str,
    standing: Standing | None,
    days_late: int,
    verdict=None,
    waiting_head=False,
    outcome: str | None = None,
    paused: bool = False,
) -> str:
    """The badge's words, e.g. "Chờ Văn phòng xác nhận · quá hạn 3 ngày", "Hoàn thành · đạt",
    "Kết thúc · không đạt", "Tạm dừng": the same on lists, item pages and mails."""
    if paused and status not in ("completed", "cancelled"):
        return str(BADGE_STATE_LABELS["paused"])  # no deadline runs: nothing is overdue
    if status == "completed" and outcome in TARGET_OUTCOME_LABELS:
        parts = [str(TARGET_OUTCOME_LABELS[outcome])]
        if standing is Standing.DONE_LATE:
            parts.append(str(BADGE_STATE_LABELS["late"]))
        return " · ".join(parts)
    state = "waiting_head" if waiting_head and status not in ("submitted", "completed") else status
    if status == "completed" and standing is Standing.DONE_LATE:
        state = "completed_late"
    parts = [str(BADGE_STATE_LABELS.get(state, state))]
    if status not in ("completed", "cancelled") and days_late > 0:
        parts.append(str(lazy_ngettext("%(num)d day overdue", "%(num)d days overdue", days_late)))
    if status == "completed" and verdict in (Verdict.MISSED, Verdict.AT_RISK):
        parts.append(str(TARGET_SHORT_LABEL))
    return " · ".join(parts)


def badge_of(item, standing: Standing | None, day, verdict=None, waiting: bool = False) -> str:
    """The badge's words for a work item on `day`: what lists, item pages, exports and mails
    all show (waiting: a submission of it waits for the head of the agency)."""
    paused = item.paused_on is not None and item.paused_on <= day
    late = days_overdue(item.deadline, day)
    return item_badge(item.status, standing, late, verdict, waiting, item.target_outcome, paused)
