"""What the lead agency reports: progress updates and the submission of an item as done."""

from tracker.domain.workflow import Action, Status

#: The lowest and highest progress an update may give, in per cent.
PROGRESS_RANGE = (0, 100)


def progress_action(status: Status) -> Action:
    """The lifecycle action a progress update is: the first one starts the work."""
    return Action.START if status is Status.ASSIGNED else Action.UPDATE


def valid_progress(value: int) -> bool:
    """Whether `value` is a percentage the item can record."""
    low, high = PROGRESS_RANGE
    return low <= value <= high


def submission_is_supported(report_text: str, evidence_files: int) -> bool:
    """A submission as done must say what was done or attach the proof of it.

    The office confirms on this basis; a bare "done" gives it nothing to check.
    """
    return bool(report_text.strip()) or evidence_files > 0
