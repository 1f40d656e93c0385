"""Rules of keeping an item current: progress, submission, extension eligibility, urgency,
target progress, and the standing an item has once extensions are approved."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.extensions import (
    EXTENDABLE_STATUSES,
    RequestBlock,
    may_decide,
    request_block,
)
from tracker.domain.progress import progress_action, submission_is_supported, valid_progress
from tracker.domain.standing import Standing, StandingFacts, standing_on
from tracker.domain.targets import target_progress
from tracker.domain.urgency import Urgency, due_soon_until, urgency_of
from tracker.domain.workdays import WorkCalendar
from tracker.domain.workflow import Action, Actor, Status, allowed_actions

from ..oracles.history import deadline_in_force

S = Status


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (S.ASSIGNED, Action.START),
        (S.IN_PROGRESS, Action.UPDATE),
        (S.RETURNED, Action.UPDATE),
        (S.SUBMITTED, Action.UPDATE),
        (S.COMPLETED, Action.UPDATE),
    ],
)
def test_progress_action(status: Status, action: Action) -> None:
    assert progress_action(status) is action


def test_progress_is_recorded_only_while_the_agency_works() -> None:
    works = {s for s in Status if progress_action(s) in allowed_actions(s, Actor.LEAD_AGENCY)}
    assert works == {S.ASSIGNED, S.IN_PROGRESS, S.RETURNED}


@pytest.mark.parametrize(
    ("value", "valid"), [(-1, False), (0, True), (55, True), (100, True), (101, False)]
)
def test_valid_progress(value: int, valid: bool) -> None:
    assert valid_progress(value) is valid


DAY = date(2026, 11, 20)


@pytest.mark.parametrize(
    ("text", "files", "number", "day", "supported"),
    [
        ("Đã hoàn thành.", 1, None, None, True),
        ("Đã hoàn thành.", 0, "125/BC-SYT", DAY, True),
        ("Đã hoàn thành.", 0, None, None, False),  # no basis
        ("Đã hoàn thành.", 0, "125/BC-SYT", None, False),  # a number without its date
        ("Đã hoàn thành.", 0, "  ", DAY, False),
        ("", 1, "125/BC-SYT", DAY, False),  # no result
        ("   \n", 2, None, None, False),
        ("", 0, None, None, False),
    ],
)
def test_a_submission_needs_the_result_and_a_document_or_evidence(
    text: str, files: int, number, day, supported: bool
) -> None:
    assert submission_is_supported(text, files, number, day) is supported


@pytest.mark.parametrize(
    ("status", "pending", "block"),
    [
        (S.ASSIGNED, False, None),
        (S.IN_PROGRESS, False, None),
        (S.RETURNED, False, None),
        (S.IN_PROGRESS, True, RequestBlock.ALREADY_PENDING),
        (S.SUBMITTED, False, RequestBlock.NOT_BEING_WORKED_ON),
        (S.REFUSED, False, RequestBlock.NOT_BEING_WORKED_ON),
        (S.COMPLETED, False, RequestBlock.NOT_BEING_WORKED_ON),
        (S.CANCELLED, True, RequestBlock.NOT_BEING_WORKED_ON),
    ],
)
def test_when_an_extension_can_be_requested(
    status: Status, pending: bool, block: RequestBlock | None
) -> None:
    assert request_block(status, pending) == block


def test_extendable_statuses_are_those_the_agency_submits_from() -> None:
    submittable = {s for s in Status if Action.SUBMIT in allowed_actions(s, Actor.LEAD_AGENCY)}
    assert submittable == EXTENDABLE_STATUSES


@pytest.mark.parametrize("status", list(Status))
def test_a_request_is_decided_only_on_an_open_item(status: Status) -> None:
    assert may_decide(status) is (status not in {S.COMPLETED, S.CANCELLED})


@pytest.mark.parametrize(
    ("latest", "target", "comparison", "expected"),
    [
        ("45", "90", "at_least", 50),
        ("90", "90", "at_least", 100),
        ("120", "90", "at_least", 100),
        ("0", "90", None, 0),
        ("3", "5", "at_most", 100),
        ("10", "5", "at_most", 50),
        ("5", "0", "at_least", 100),
        (None, "90", "at_least", None),
        ("45", None, "at_least", None),
        ("-1", "90", "at_least", None),
    ],
)
def test_target_progress(
    latest: str | None, target: str | None, comparison: str | None, expected: int | None
) -> None:
    value = Decimal(latest) if latest is not None else None
    goal = Decimal(target) if target is not None else None
    assert target_progress(value, goal, comparison) == expected


@given(
    latest=st.decimals(0, 10**6, places=2),
    target=st.decimals(0, 10**6, places=2),
    comparison=st.sampled_from(["at_least", "at_most"]),
)
def test_target_progress_is_a_percentage(latest, target, comparison) -> None:
    assert 0 <= target_progress(latest, target, comparison) <= 100


CAL = WorkCalendar()
TODAY = date(2026, 11, 25)  # a Wednesday
SOON = date(2026, 12, 4)  # 7 working days later


def test_due_soon_reaches_seven_working_days() -> None:
    assert due_soon_until(TODAY, CAL) == SOON
    assert due_soon_until(TODAY, CAL, 2) == date(2026, 11, 27)


@pytest.mark.parametrize(
    ("status", "deadline", "urgency"),
    [
        (S.IN_PROGRESS, TODAY - timedelta(days=1), Urgency.OVERDUE),
        (S.ASSIGNED, TODAY - timedelta(days=400), Urgency.OVERDUE),
        (S.RETURNED, TODAY - timedelta(days=3), Urgency.OVERDUE),
        (S.IN_PROGRESS, TODAY, Urgency.DUE_SOON),
        (S.IN_PROGRESS, SOON, Urgency.DUE_SOON),
        (S.IN_PROGRESS, SOON + timedelta(days=1), Urgency.OTHER),
        (S.IN_PROGRESS, None, Urgency.OTHER),
        # Submitted or refused: waiting for the office, not for the agency.
        (S.SUBMITTED, TODAY - timedelta(days=10), Urgency.OTHER),
        (S.REFUSED, TODAY - timedelta(days=10), Urgency.OTHER),
        (S.COMPLETED, TODAY - timedelta(days=10), Urgency.CLOSED),
        (S.CANCELLED, None, Urgency.CLOSED),
    ],
)
def test_urgency(status: Status, deadline: date | None, urgency: Urgency) -> None:
    assert urgency_of(status, deadline, TODAY, SOON) is urgency


ORIGINAL = date(2025, 12, 31)
APPROVED = [(date(2025, 12, 20), date(2026, 3, 31))]  # decided before the original deadline
LATE_APPROVAL = [(date(2026, 2, 10), date(2026, 6, 30))]  # decided after it had passed


@pytest.mark.parametrize(
    ("approved", "completed_on", "as_of", "expected"),
    [
        pytest.param([], None, date(2026, 1, 5), Standing.OVERDUE, id="no-extension-overdue"),
        pytest.param(APPROVED, None, date(2026, 1, 5), Standing.IN_PROGRESS, id="extended"),
        pytest.param(APPROVED, None, date(2026, 4, 1), Standing.OVERDUE, id="past-new-deadline"),
        pytest.param(
            APPROVED, date(2026, 3, 15), date(2026, 5, 1), Standing.DONE_ON_TIME, id="done-in-time"
        ),
        pytest.param([], date(2026, 3, 15), date(2026, 5, 1), Standing.DONE_LATE, id="done-late"),
        pytest.param(
            LATE_APPROVAL, None, date(2026, 2, 1), Standing.OVERDUE, id="before-the-approval"
        ),
        pytest.param(
            LATE_APPROVAL, None, date(2026, 2, 10), Standing.IN_PROGRESS, id="from-the-approval"
        ),
        pytest.param(
            APPROVED + LATE_APPROVAL,
            date(2026, 5, 20),
            date(2026, 7, 1),
            Standing.DONE_ON_TIME,
            id="two-extensions",
        ),
        pytest.param(
            APPROVED, date(2026, 4, 2), date(2026, 7, 1), Standing.DONE_LATE, id="late-even-so"
        ),
    ],
)
def test_standing_after_extensions(
    approved: list[tuple[date, date]], completed_on: date | None, as_of: date, expected: Standing
) -> None:
    deadline = deadline_in_force(ORIGINAL, approved, as_of)
    assert standing_on(StandingFacts(deadline, completed_on), as_of) is expected
