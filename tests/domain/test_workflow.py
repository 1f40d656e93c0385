"""The lifecycle table: every allowed move, a list of refused ones, and its completeness."""

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.workflow import (
    OPEN_STATUSES,
    TRANSITIONS,
    Action,
    Actor,
    Status,
    TransitionRefused,
    allowed_actions,
    next_status,
)

S, A = Status, Action
OFFICE, LEAD = Actor.OFFICE, Actor.LEAD_AGENCY

# Written out from the practice, independently of TRANSITIONS: (source, action, actor, target).
EXPECTED = [
    (S.ASSIGNED, A.START, LEAD, S.IN_PROGRESS),
    (S.ASSIGNED, A.UPDATE, LEAD, S.IN_PROGRESS),
    (S.IN_PROGRESS, A.UPDATE, LEAD, S.IN_PROGRESS),
    (S.RETURNED, A.UPDATE, LEAD, S.IN_PROGRESS),
    (S.ASSIGNED, A.SUBMIT, LEAD, S.SUBMITTED),
    (S.IN_PROGRESS, A.SUBMIT, LEAD, S.SUBMITTED),
    (S.RETURNED, A.SUBMIT, LEAD, S.SUBMITTED),
    (S.SUBMITTED, A.CONFIRM, OFFICE, S.COMPLETED),
    (S.SUBMITTED, A.RETURN, OFFICE, S.RETURNED),
    (S.SUBMITTED, A.WITHDRAW, LEAD, S.IN_PROGRESS),
    (S.ASSIGNED, A.REFUSE, LEAD, S.REFUSED),
    (S.IN_PROGRESS, A.REFUSE, LEAD, S.REFUSED),
    (S.RETURNED, A.REFUSE, LEAD, S.REFUSED),
    (S.REFUSED, A.REASSIGN, OFFICE, S.ASSIGNED),
    (S.ASSIGNED, A.REASSIGN, OFFICE, S.ASSIGNED),
    (S.IN_PROGRESS, A.REASSIGN, OFFICE, S.IN_PROGRESS),
    (S.RETURNED, A.REASSIGN, OFFICE, S.RETURNED),
    (S.ASSIGNED, A.CANCEL, OFFICE, S.CANCELLED),
    (S.IN_PROGRESS, A.CANCEL, OFFICE, S.CANCELLED),
    (S.SUBMITTED, A.CANCEL, OFFICE, S.CANCELLED),
    (S.RETURNED, A.CANCEL, OFFICE, S.CANCELLED),
    (S.REFUSED, A.CANCEL, OFFICE, S.CANCELLED),
    (S.COMPLETED, A.REOPEN, OFFICE, S.IN_PROGRESS),
]


@pytest.mark.parametrize(("source", "action", "actor", "target"), EXPECTED)
def test_allowed_transition(source: Status, action: Action, actor: Actor, target: Status) -> None:
    assert next_status(source, action, actor) is target


def test_the_table_holds_exactly_the_expected_rows() -> None:
    rows = [(t.source, t.action, t.actor, t.target) for t in TRANSITIONS]
    assert len(rows) == len(set(rows)) == len({row[:3] for row in rows})
    assert set(rows) == set(EXPECTED)


@pytest.mark.parametrize(
    ("source", "action", "actor"),
    [
        pytest.param(S.SUBMITTED, A.CONFIRM, LEAD, id="agency-confirms-its-own-work"),
        pytest.param(S.SUBMITTED, A.RETURN, LEAD, id="agency-returns"),
        pytest.param(S.ASSIGNED, A.SUBMIT, OFFICE, id="office-submits-for-the-agency"),
        pytest.param(S.ASSIGNED, A.CONFIRM, OFFICE, id="confirm-without-submission"),
        pytest.param(S.IN_PROGRESS, A.START, LEAD, id="start-twice"),
        pytest.param(S.RETURNED, A.START, LEAD, id="start-after-return"),
        pytest.param(S.SUBMITTED, A.UPDATE, LEAD, id="update-awaiting-confirmation"),
        pytest.param(S.SUBMITTED, A.SUBMIT, LEAD, id="submit-twice"),
        pytest.param(S.SUBMITTED, A.REFUSE, LEAD, id="refuse-after-submitting"),
        pytest.param(S.REFUSED, A.SUBMIT, LEAD, id="submit-a-refused-item"),
        pytest.param(S.REFUSED, A.UPDATE, LEAD, id="update-a-refused-item"),
        pytest.param(S.COMPLETED, A.UPDATE, LEAD, id="update-after-confirmation"),
        pytest.param(S.COMPLETED, A.REOPEN, LEAD, id="agency-reopens"),
        pytest.param(S.COMPLETED, A.CANCEL, OFFICE, id="cancel-a-completed-item"),
        pytest.param(S.COMPLETED, A.REASSIGN, OFFICE, id="reassign-a-completed-item"),
        pytest.param(S.SUBMITTED, A.REASSIGN, OFFICE, id="reassign-awaiting-confirmation"),
        pytest.param(S.CANCELLED, A.REOPEN, OFFICE, id="reopen-a-cancelled-item"),
        pytest.param(S.CANCELLED, A.CANCEL, OFFICE, id="cancel-twice"),
        pytest.param(S.ASSIGNED, A.CANCEL, LEAD, id="agency-cancels"),
        pytest.param(S.IN_PROGRESS, A.REOPEN, OFFICE, id="reopen-an-open-item"),
    ],
)
def test_refused_transition(source: Status, action: Action, actor: Actor) -> None:
    with pytest.raises(TransitionRefused) as refused:
        next_status(source, action, actor)
    assert (refused.value.source, refused.value.action, refused.value.actor) == (
        source,
        action,
        actor,
    )


def test_refusal_message_is_english_and_survives_pickling() -> None:
    error = TransitionRefused(S.COMPLETED, A.SUBMIT, LEAD)
    assert str(error) == "the lead_agency cannot submit an item that is completed"
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.source, copy.action, copy.actor, str(copy)) == (
        error.source,
        error.action,
        error.actor,
        str(error),
    )


@pytest.mark.parametrize(
    ("source", "actor", "expected"),
    [
        (S.ASSIGNED, LEAD, {A.START, A.UPDATE, A.SUBMIT, A.REFUSE}),
        (S.ASSIGNED, OFFICE, {A.REASSIGN, A.CANCEL}),
        (S.IN_PROGRESS, LEAD, {A.UPDATE, A.SUBMIT, A.REFUSE}),
        (S.SUBMITTED, LEAD, {A.WITHDRAW}),
        (S.SUBMITTED, OFFICE, {A.CONFIRM, A.RETURN, A.CANCEL}),
        (S.RETURNED, LEAD, {A.UPDATE, A.SUBMIT, A.REFUSE}),
        (S.REFUSED, OFFICE, {A.REASSIGN, A.CANCEL}),
        (S.REFUSED, LEAD, set()),
        (S.COMPLETED, OFFICE, {A.REOPEN}),
        (S.COMPLETED, LEAD, set()),
        (S.CANCELLED, OFFICE, set()),
        (S.CANCELLED, LEAD, set()),
    ],
)
def test_allowed_actions(source: Status, actor: Actor, expected: set[Action]) -> None:
    assert allowed_actions(source, actor) == expected


def test_open_statuses_are_those_not_completed_nor_cancelled() -> None:
    assert OPEN_STATUSES == set(Status) - {S.COMPLETED, S.CANCELLED}
    assert all(next_status(s, A.CANCEL, OFFICE) is S.CANCELLED for s in OPEN_STATUSES)


@given(source=st.sampled_from(Status), action=st.sampled_from(Action), actor=st.sampled_from(Actor))
def test_every_move_is_decided(source: Status, action: Action, actor: Actor) -> None:
    try:
        target = next_status(source, action, actor)
    except TransitionRefused:
        assert action not in allowed_actions(source, actor)
    else:
        assert target in Status
        assert action in allowed_actions(source, actor)
