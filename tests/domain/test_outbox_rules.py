"""Delivery rules: exponential backoff with a cap, which SMTP replies are final."""

from datetime import timedelta

import pytest

from tracker.domain.outbox import is_permanent_reply, retry_delay, should_give_up


@pytest.mark.parametrize(
    ("attempts", "seconds"),
    [(1, 60), (2, 120), (3, 240), (6, 1920), (7, 3600), (40, 3600), (10_000, 3600)],
)
def test_retry_delay_doubles_up_to_the_cap(attempts, seconds):
    assert retry_delay(attempts, base_seconds=60, max_seconds=3600) == timedelta(seconds=seconds)


def test_no_retry_before_an_attempt():
    with pytest.raises(ValueError, match="at least one attempt"):
        retry_delay(0, 60, 3600)


@pytest.mark.parametrize(
    ("code", "permanent"),
    [(250, False), (421, False), (450, False), (451, False), (550, True), (552, True), (554, True)],
)
def test_5xx_replies_are_permanent(code, permanent):
    assert is_permanent_reply(code) is permanent


@pytest.mark.parametrize(("attempts", "give_up"), [(1, False), (47, False), (48, True), (60, True)])
def test_give_up_after_max_attempts(attempts, give_up):
    assert should_give_up(attempts, 48) is give_up
