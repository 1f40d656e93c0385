"""What the lead agency reports: progress updates and the submission of an item as done."""

from datetime import date

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


def states_the_result(report_text: str) -> bool:
    """A submission as done says what the result is: a bare "done" gives the office nothing."""
    return bool(report_text.strip())


def shows_its_basis(document_number: str | None, document_date: date | None, files: int) -> bool:
    """...and shows what it rests on: the number and date of the agency's report document
    (số, ngày văn bản báo cáo), or at least one evidence file."""
    return (bool((document_number or "").strip()) and document_date is not None) or files > 0


def submission_is_supported(
    report_text: str,
    evidence_files: int,
    document_number: str | None = None,
    document_date: date | None = None,
) -> bool:
    """What the office confirms on: the result, and the report document or the evidence."""
    return states_the_result(report_text) and shows_its_basis(
        document_number, document_date, evidence_files
    )
