"""Properties of the reminder rules over generated items, people, calendars and sweep schedules."""

from collections import defaultdict
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.domain.reminders import (
    REMINDED_STATUSES,
    Audience,
    ReminderPolicy,
    horizon,
    working_days_before,
)
from tracker.domain.workdays import WorkCalendar

from ..oracles.reminders import Directory, ItemFacts, Person, audience_of, notices_on, stages_on

START = date(2026, 12, 1)
relaxed = settings(deadline=None, max_examples=60)
STATUSES = ("assigned", "in_progress", "returned", "submitted", "completed", "cancelled", "refused")

days = st.integers(min_value=-40, max_value=60).map(lambda n: START + timedelta(days=n))
people = st.lists(
    st.builds(
        Person,
        user_id=st.integers(1, 12),
        role=st.sampled_from(("officer", "head", "office", "leader", "viewer")),
        agency_id=st.sampled_from((1, 2, None)),
        active=st.booleans(),
    ),
    max_size=10,
    unique_by=lambda person: person.user_id,
)
items = st.lists(
    st.builds(
        ItemFacts,
        item_id=st.integers(1, 30),
        status=st.sampled_from(STATUSES),
        deadline=st.one_of(st.none(), days),
        lead_agency_id=st.sampled_from((1, 2)),
        responsible_id=st.one_of(st.none(), st.integers(1, 12)),
        sector_id=st.sampled_from((1, 2, None)),
    ),
    max_size=12,
    unique_by=lambda item: item.item_id,
)
calendars = st.builds(
    lambda off, working: WorkCalendar(
        extra_days_off=frozenset(off) - frozenset(working), extra_working_days=frozenset(working)
    ),
    st.sets(days, max_size=3),
    st.sets(days, max_size=2),
)
policies = st.builds(
    ReminderPolicy,
    before=st.sets(st.integers(0, 10), min_size=1, max_size=4).map(tuple),
    overdue_every=st.integers(1, 6),
    office_after=st.integers(1, 10),
    leader_after_days=st.integers(1, 40),
)
directories = st.builds(
    Directory, people=people.map(tuple), sector_leaders=st.just(((1, 5), (2, 6)))
)


@relaxed
@given(items, directories, days, policies, calendars)
def test_no_two_notices_share_a_key(items, directory, today, policy, calendar):
    found = notices_on(items, directory, today, policy, calendar)
    assert len({notice.key for notice in found}) == len(found)


@relaxed
@given(items, directories, days, policies, calendars)
def test_nothing_for_closed_submitted_or_refused_items(items, directory, today, policy, calendar):
    quiet = {item.item_id for item in items if item.status not in REMINDED_STATUSES}
    found = notices_on(items, directory, today, policy, calendar)
    assert not any(notice.item_id in quiet for notice in found)


@relaxed
@given(items, directories, days, policies, calendars)
def test_nothing_on_a_day_off(items, directory, today, policy, calendar):
    if calendar.is_day_off(today):
        assert notices_on(items, directory, today, policy, calendar) == ()


@relaxed
@given(items, directories, days, policies, calendars)
def test_nobody_inactive_receives_anything(items, directory, today, policy, calendar):
    inactive = {person.user_id for person in directory.people if not person.active}
    found = notices_on(items, directory, today, policy, calendar)
    assert not any(notice.recipient_id in inactive for notice in found)


@relaxed
@given(days, days, policies, calendars)
def test_the_horizon_bounds_every_reminder_before_the_deadline(deadline, today, policy, calendar):
    if deadline >= today and stages_on(deadline, today, policy, calendar):
        assert deadline <= horizon(today, policy, calendar)


@relaxed
@given(items, directories, policies, calendars, st.sets(st.integers(0, 100), min_size=1))
def test_daily_sweeps_with_downtime(items, directory, policy, calendar, run_days):
    """Sweeps on some days only: each day one reminder per person and item at most, earlier
    stages never after later ones, reminders before the deadline and overdue notices after."""
    sent: set[tuple] = set()
    last_offset: dict[tuple, int] = {}
    for today in sorted(START - timedelta(days=40) + timedelta(days=n) for n in run_days):
        found = notices_on(items, directory, today, policy, calendar, sent)
        per_person_item = defaultdict(int)
        for notice in found:
            assert notice.key not in sent
            if audience_of(notice.rule) is Audience.ASSIGNEES:
                per_person_item[(notice.recipient_id, notice.item_id)] += 1
            before = working_days_before(notice.rule)
            if before is None:
                assert today > notice.deadline
                continue
            assert today <= notice.deadline
            previous = last_offset.get((notice.recipient_id, notice.item_id))
            assert previous is None or before < previous
            last_offset[(notice.recipient_id, notice.item_id)] = before
        assert all(count == 1 for count in per_person_item.values())
        sent |= {notice.key for notice in found}
