"""Reminder rules, one table per rule: offsets, days off, Tết, swaps, catch-up, stops, escalation,
recipients."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from tracker.domain.reminders import Audience, ReminderPolicy, horizon, next_sweep_day
from tracker.domain.workdays import WorkCalendar

from ..oracles.reminders import (
    Directory,
    ItemFacts,
    Notice,
    Person,
    audience_of,
    notices_on,
    recipients,
    stages_on,
)

CAL = WorkCalendar()
POLICY = ReminderPolicy()
FRI_DEC_11 = date(2026, 12, 11)  # an ordinary Friday


def rules_on(deadline, today, calendar=CAL, policy=POLICY) -> list[str]:
    return [stage.rule for stage in stages_on(deadline, today, policy, calendar)]


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        pytest.param(date(2026, 12, 1), [], id="before-the-first-window"),
        pytest.param(date(2026, 12, 2), ["due:7"], id="7-working-days-before"),
        pytest.param(date(2026, 12, 4), ["due:7"], id="still-in-the-7-day-window"),
        pytest.param(date(2026, 12, 5), [], id="saturday-nothing"),
        pytest.param(date(2026, 12, 8), ["due:3"], id="3-working-days-before"),
        pytest.param(date(2026, 12, 9), ["due:3"], id="still-in-the-3-day-window"),
        pytest.param(date(2026, 12, 10), ["due:1"], id="1-working-day-before"),
        pytest.param(date(2026, 12, 11), ["due:0"], id="on-the-day"),
        pytest.param(date(2026, 12, 12), [], id="saturday-after-the-deadline"),
        pytest.param(date(2026, 12, 14), ["overdue", "escalation:1"], id="first-day-overdue"),
        pytest.param(date(2026, 12, 21), ["overdue", "escalation:1"], id="5-working-days-later"),
        pytest.param(
            date(2026, 12, 22),
            ["overdue", "escalation:1", "escalation:2"],
            id="office-from-7-working-days",
        ),
        pytest.param(
            date(2027, 1, 8),
            ["overdue", "escalation:1", "escalation:2"],
            id="28-days-no-leader-yet",
        ),
        pytest.param(date(2027, 1, 10), [], id="day-30-is-a-sunday"),
        pytest.param(
            date(2027, 1, 11),
            ["overdue", "escalation:1", "escalation:2", "escalation:3"],
            id="leader-from-30-days-first-working-day",
        ),
    ],
)
def test_each_offset_and_level(today, expected):
    assert rules_on(FRI_DEC_11, today) == expected


@pytest.mark.parametrize(
    ("today", "period"),
    [
        (date(2026, 12, 14), "2026-12-11#0"),
        (date(2026, 12, 18), "2026-12-11#0"),
        (date(2026, 12, 21), "2026-12-11#1"),
        (date(2026, 12, 28), "2026-12-11#2"),
        (date(2027, 1, 5), "2026-12-11#3"),  # 1 January 2027 is a holiday: one round is longer
    ],
)
def test_overdue_rounds_every_5_working_days(today, period):
    (overdue, *_rest) = stages_on(FRI_DEC_11, today, POLICY, CAL)
    assert (overdue.rule, overdue.period) == ("overdue", period)


def test_escalations_go_once_per_deadline():
    early = stages_on(FRI_DEC_11, date(2026, 12, 22), POLICY, CAL)
    late = stages_on(FRI_DEC_11, date(2027, 2, 22), POLICY, CAL)
    assert [s.period for s in early if s.rule == "escalation:2"] == ["2026-12-11"]
    assert [s.period for s in late if s.rule == "escalation:2"] == ["2026-12-11"]


@pytest.mark.parametrize(
    ("deadline", "today", "expected"),
    [
        # A deadline on a Sunday: the day's reminder goes out on the Friday before.
        pytest.param(date(2026, 12, 13), date(2026, 12, 10), ["due:3"], id="sunday-deadline-thu"),
        pytest.param(date(2026, 12, 13), date(2026, 12, 11), ["due:0"], id="sunday-deadline-fri"),
        pytest.param(date(2026, 12, 13), date(2026, 12, 14), ["overdue", "escalation:1"]),
        # Tết 2027 (4–10 February): nothing during it, reminders before it.
        pytest.param(date(2027, 2, 12), date(2027, 2, 3), ["due:3"], id="tet-before"),
        *(
            pytest.param(date(2027, 2, 12), date(2027, 2, day), [], id=f"tet-feb-{day}")
            for day in range(4, 11)
        ),
        pytest.param(date(2027, 2, 12), date(2027, 2, 11), ["due:1"], id="tet-after"),
        # A deadline inside Tết: the day's reminder goes on the last working day before Tết,
        # and the item is overdue from the first working day after it.
        pytest.param(date(2027, 2, 8), date(2027, 2, 3), ["due:0"], id="deadline-in-tet"),
        pytest.param(
            date(2027, 2, 8), date(2027, 2, 11), ["overdue", "escalation:1"], id="after-tet"
        ),
        # Hùng Kings 2027 (Friday 16 April): a Monday deadline's 1-day reminder is on Thursday.
        pytest.param(date(2027, 4, 19), date(2027, 4, 15), ["due:1"], id="hung-kings"),
    ],
)
def test_days_off(deadline, today, expected):
    assert rules_on(deadline, today) == expected


def test_a_swapped_working_saturday_carries_reminders():
    swapped = WorkCalendar(extra_working_days=frozenset({date(2027, 2, 20)}))
    monday = date(2027, 2, 22)
    assert rules_on(monday, date(2027, 2, 20), calendar=swapped) == ["due:1"]
    assert rules_on(monday, date(2027, 2, 20)) == []  # an ordinary Saturday
    assert rules_on(monday, date(2027, 2, 19)) == ["due:1"]


def test_an_extra_day_off_moves_the_reminder_before_it():
    bridge = WorkCalendar(extra_days_off=frozenset({date(2026, 12, 10)}))
    assert rules_on(FRI_DEC_11, date(2026, 12, 10), calendar=bridge) == []
    assert rules_on(FRI_DEC_11, date(2026, 12, 9), calendar=bridge) == ["due:1"]


@pytest.mark.parametrize(
    ("created_on", "expected"),
    [
        (date(2026, 12, 9), "due:3"),  # two working days before: the most urgent stage that applies
        (date(2026, 12, 10), "due:1"),
        (date(2026, 12, 11), "due:0"),
    ],
)
def test_an_item_created_late_gets_the_current_stage(created_on, expected):
    assert rules_on(FRI_DEC_11, created_on) == [expected]


OFFICER, OTHER_OFFICER, HEAD, OFFICE, LEADER = 1, 2, 3, 4, 5
PEOPLE = (
    Person(OFFICER, "officer", 10),
    Person(OTHER_OFFICER, "officer", 20),
    Person(HEAD, "head", 10),
    Person(OFFICE, "office", 99),
    Person(LEADER, "leader"),
)
DIRECTORY = Directory(people=PEOPLE, sector_leaders=((7, LEADER),))
ITEM = ItemFacts(1, "in_progress", FRI_DEC_11, 10, responsible_id=OFFICER, sector_id=7)


def notices(today, items=(ITEM,), directory=DIRECTORY, sent=frozenset()) -> set[tuple]:
    found = notices_on(items, directory, today, POLICY, CAL, sent)
    return {(n.recipient_id, n.rule) for n in found}


def test_catch_up_after_downtime_sends_the_current_stage_only():
    # The scheduler was off from 2 to 9 December: on the 10th only the 1-day reminder goes.
    assert notices(date(2026, 12, 10)) == {(OFFICER, "due:1")}
    # Off for a month after the deadline: one overdue round, not five.
    late = notices(date(2027, 1, 11))
    assert late == {
        (OFFICER, "overdue"),
        (HEAD, "escalation:1"),
        (OFFICE, "escalation:2"),
        (LEADER, "escalation:3"),
    }


def test_what_was_sent_is_not_sent_again():
    first = notices_on((ITEM,), DIRECTORY, date(2026, 12, 8), POLICY, CAL)
    again = notices_on((ITEM,), DIRECTORY, date(2026, 12, 9), POLICY, CAL, {n.key for n in first})
    assert first and again == ()


@pytest.mark.parametrize(
    ("status", "reminded"),
    [
        ("assigned", True),
        ("in_progress", True),
        ("returned", True),
        ("submitted", False),
        ("completed", False),
        ("cancelled", False),
        ("refused", False),
    ],
)
def test_stop_conditions(status, reminded):
    item = ItemFacts(1, status, FRI_DEC_11, 10, OFFICER, 7)
    assert bool(notices(date(2026, 12, 14), items=(item,))) is reminded


def test_an_approved_extension_stops_reminders_until_the_new_deadline():
    extended = ItemFacts(1, "in_progress", date(2026, 12, 31), 10, OFFICER, 7)
    assert notices(date(2026, 12, 14), items=(extended,)) == set()
    assert notices(date(2026, 12, 22), items=(extended,)) == {(OFFICER, "due:7")}


def test_reminders_restart_for_a_new_deadline():
    sent = {n.key for n in notices_on((ITEM,), DIRECTORY, date(2026, 12, 10), POLICY, CAL)}
    moved = ItemFacts(1, "in_progress", date(2026, 12, 14), 10, OFFICER, 7)
    assert notices(date(2026, 12, 10), items=(moved,), sent=sent) == {(OFFICER, "due:3")}


def test_no_deadline_no_reminder():
    item = ItemFacts(1, "in_progress", None, 10, OFFICER, 7)
    assert notices(date(2026, 12, 14), items=(item,)) == set()


@pytest.mark.parametrize(
    ("audience", "item", "people", "expected"),
    [
        pytest.param(Audience.ASSIGNEES, ITEM, PEOPLE, {OFFICER}, id="responsible-and-officers"),
        pytest.param(
            Audience.ASSIGNEES,
            ItemFacts(1, "in_progress", FRI_DEC_11, 20, OTHER_OFFICER, 7),
            PEOPLE,
            {OTHER_OFFICER},
            id="reassigned-to-another-agency",
        ),
        pytest.param(
            Audience.ASSIGNEES,
            ItemFacts(1, "in_progress", FRI_DEC_11, 10, None, 7),
            PEOPLE,
            {OFFICER},
            id="no-responsible-person-officers-still",
        ),
        pytest.param(
            Audience.ASSIGNEES,
            ItemFacts(1, "in_progress", FRI_DEC_11, 10, OTHER_OFFICER, 7),
            PEOPLE,
            {OFFICER, OTHER_OFFICER},
            id="responsible-outside-the-agency",
        ),
        pytest.param(
            Audience.ASSIGNEES,
            ITEM,
            (Person(OFFICER, "officer", 10, active=False), *PEOPLE[1:]),
            set(),
            id="deactivated-officer",
        ),
        pytest.param(Audience.HEADS, ITEM, PEOPLE, {HEAD}, id="head-of-the-lead-agency"),
        pytest.param(
            Audience.HEADS,
            ItemFacts(1, "in_progress", FRI_DEC_11, 10, HEAD, 7),
            PEOPLE,
            set(),
            id="head-who-is-responsible-is-an-assignee",
        ),
        pytest.param(Audience.OFFICE, ITEM, PEOPLE, {OFFICE}, id="office"),
        pytest.param(Audience.LEADER, ITEM, PEOPLE, {LEADER}, id="sector-leader"),
        pytest.param(
            Audience.LEADER,
            ItemFacts(1, "in_progress", FRI_DEC_11, 10, OFFICER, 8),
            PEOPLE,
            set(),
            id="sector-without-leader",
        ),
        pytest.param(
            Audience.LEADER,
            ITEM,
            (*PEOPLE[:4], Person(LEADER, "leader", active=False)),
            set(),
            id="deactivated-leader",
        ),
    ],
)
def test_recipients(audience, item, people, expected):
    directory = Directory(people=people, sector_leaders=((7, LEADER),))
    assert recipients(audience, item, directory) == expected


def test_reassignment_old_responsible_gets_nothing_new_one_does():
    before = notices(date(2026, 12, 14))
    reassigned = ItemFacts(1, "in_progress", FRI_DEC_11, 20, OTHER_OFFICER, 7)
    after = notices(date(2026, 12, 14), items=(reassigned,))
    assert (OFFICER, "overdue") in before
    assert (OFFICER, "overdue") not in after
    assert (OTHER_OFFICER, "overdue") in after


def test_a_responsible_officer_gets_one_notice_not_two():
    found = notices_on((ITEM,), DIRECTORY, date(2026, 12, 10), POLICY, CAL)
    assert found == (Notice(OFFICER, 1, "due:1", "2026-12-11", FRI_DEC_11),)


@pytest.mark.parametrize(
    ("rule", "audience"),
    [
        ("due:7", Audience.ASSIGNEES),
        ("due:0", Audience.ASSIGNEES),
        ("overdue", Audience.ASSIGNEES),
        ("escalation:1", Audience.HEADS),
        ("escalation:2", Audience.OFFICE),
        ("escalation:3", Audience.LEADER),
    ],
)
def test_audience_of_each_rule(rule, audience):
    assert audience_of(rule) is audience


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"before": ()}, "between 0 and 60"),
        ({"before": (61,)}, "between 0 and 60"),
        ({"before": (-1, 3)}, "between 0 and 60"),
        ({"overdue_every": 0}, "every 1 to 60"),
        ({"office_after": 0}, "1 to 250"),
        ({"leader_after_days": 400}, "1 to 365"),
    ],
)
def test_a_nonsensical_policy_is_refused(values, message):
    with pytest.raises(ValueError, match=message):
        ReminderPolicy(**values)


def test_policy_offsets_are_kept_descending_without_repeats():
    assert ReminderPolicy(before=(1, 7, 3, 1)).before == (7, 3, 1)


def test_a_policy_without_the_day_itself():
    policy = ReminderPolicy(before=(5, 2))
    assert [s.rule for s in stages_on(FRI_DEC_11, FRI_DEC_11, policy, CAL)] == ["due:2"]


@pytest.mark.parametrize(
    ("today", "before", "expected"),
    [
        (date(2026, 11, 25), (7, 3, 1, 0), date(2026, 12, 4)),
        (date(2026, 12, 11), (0,), date(2026, 12, 13)),  # Friday: the weekend's deadlines too
        (date(2026, 12, 10), (1, 0), date(2026, 12, 11)),
    ],
)
def test_horizon(today, before, expected):
    policy = ReminderPolicy(before=before)
    assert horizon(today, policy, CAL) == expected
    assert stages_on(expected, today, policy, CAL)
    assert not stages_on(expected + timedelta(days=1), today, policy, CAL)


SWEEP_AT = time(7, 30)
VN = ZoneInfo("Asia/Ho_Chi_Minh")
SWAPPED = WorkCalendar(extra_working_days=frozenset({date(2027, 2, 20)}))


@pytest.mark.parametrize(
    ("now", "calendar", "expected"),
    [
        pytest.param((2026, 12, 9, 7, 29), CAL, date(2026, 12, 9), id="before-the-hour"),
        pytest.param((2026, 12, 9, 7, 30), CAL, date(2026, 12, 10), id="at-the-hour"),
        pytest.param((2026, 12, 11, 9, 0), CAL, date(2026, 12, 14), id="friday-to-monday"),
        pytest.param((2026, 12, 5, 6, 0), CAL, date(2026, 12, 7), id="saturday-morning"),
        pytest.param((2027, 2, 3, 9, 0), CAL, date(2027, 2, 11), id="over-tet-2027"),
        pytest.param((2027, 2, 19, 9, 0), SWAPPED, date(2027, 2, 20), id="a-swapped-saturday"),
    ],
)
def test_the_next_sweep_that_sends(now, calendar, expected):
    assert next_sweep_day(datetime(*now, tzinfo=VN), SWEEP_AT, calendar) == expected
