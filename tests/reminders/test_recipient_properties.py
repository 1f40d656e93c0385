"""The SQL sweep sends what the reference model of the reminder rules (tests/oracles/reminders.py)
says, on generated items, assignments and deactivated people over the seeded demo data."""

import itertools
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from tracker.database import db
from tracker.models import Agency, Sector, User
from tracker.models.accounts import portfolio_agencies
from tracker.reminders.policy import load_policy
from tracker.reminders.sweep import sweep
from tracker.workdays.store import working_calendar

from ..oracles.reminders import notices_on
from .conftest import recorded_keys, reference_facts

_codes = itertools.count(1)
STATUSES = ("assigned", "in_progress", "returned", "submitted", "cancelled", "refused")
#: People whose being active the examples switch: an officer, a head, the office, the leaders.
SWITCHED = ("officer.syt@tracker.demo", "head.sgddt@tracker.demo", "office@tracker.demo",
            "leader@tracker.demo", "pct2@tracker.demo")  # fmt: skip
#: People whom the examples send on leave: an officer (their head stands in), a head (their
#: deputy does), the office (nobody can).
AWAY = ("officer.syt@tracker.demo", "head.sgddt@tracker.demo", "office@tracker.demo")
DEPUTY = "deputy.sgddt@tracker.demo"
#: A second leader whose portfolio holds agencies and no sector; "giao-duc" has no leader in
#: charge, so its items' last escalation goes by the lead agency to whoever follows it (a
#: leader; the office specialist who follows one too is not a leader and gets nothing by it).
OVERSEER = "pct2@tracker.demo"

items = st.lists(
    st.fixed_dictionaries(
        {
            "agency_code": st.sampled_from(("syt", "sgddt", "sct")),
            "days_to_deadline": st.integers(-45, 12),
            "status": st.sampled_from(STATUSES),
            "responsible": st.sampled_from(
                ("officer", "officer.sgddt@tracker.demo", "head.sct@tracker.demo", None)
            ),
            "sector": st.sampled_from((None, "y-te", "giao-duc")),
        }
    ),
    min_size=1,
    max_size=5,
)


def _prepare(make_item, user_by_email, today, cases, active, away) -> None:
    sectors = dict(db.session.execute(select(Sector.code, Sector.id)).all())
    if user_by_email(DEPUTY) is None:
        head = user_by_email("head.sgddt@tracker.demo")
        deputy = User(email=DEPUTY, name="Phó Giám đốc", role="head", agency_id=head.agency_id)
        deputy.set_password("phó giám đốc sở")
        db.session.add(deputy)
    if user_by_email(OVERSEER) is None:
        _give_portfolios(user_by_email)
    for case in cases:
        deadline = today + timedelta(days=case["days_to_deadline"])
        make_item(f"PROP-{next(_codes)}", case["agency_code"], deadline, case["status"],
                  case["responsible"], sectors.get(case["sector"]))  # fmt: skip
    for email_address, is_active in zip(SWITCHED, active, strict=True):
        user_by_email(email_address).active = is_active
    for email_address, (start, length) in zip(AWAY, away, strict=True):
        person = user_by_email(email_address)
        person.leave_from = today + timedelta(days=start) if length else None
        person.leave_until = today + timedelta(days=start + length) if length else None
    db.session.commit()


def _give_portfolios(user_by_email) -> None:
    overseer = User(email=OVERSEER, name="Phó Chủ tịch 2", role="leader")
    overseer.set_password("phó chủ tịch tỉnh")
    db.session.add(overseer)
    db.session.flush()
    agencies = dict(db.session.execute(select(Agency.code, Agency.id)).all())
    followed = [(overseer, "syt"), (overseer, "sgddt"), (user_by_email("leader@tracker.demo"),
                "sct"), (user_by_email("office@tracker.demo"), "sgddt")]  # fmt: skip
    db.session.execute(
        portfolio_agencies.insert(),
        [{"user_id": person.id, "agency_id": agencies[code]} for person, code in followed],
    )
    db.session.scalar(select(Sector).where(Sector.code == "giao-duc")).leader_id = None


# The sweep commits, so examples add up in the test's database; the record of what was sent
# before each sweep is passed to the model, which makes each comparison stand on its own.
@settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    cases=items,
    active=st.tuples(*(st.booleans() for _ in SWITCHED)),
    away=st.tuples(*(st.tuples(st.integers(0, 30), st.integers(0, 20)) for _ in AWAY)),
    working_days_later=st.integers(0, 25),
)
def test_the_sql_sweep_sends_what_the_reference_model_says(
    app, today, make_item, user_by_email, cases, active, away, working_days_later
):
    _prepare(make_item, user_by_email, today, cases, active, away)
    policy, calendar = load_policy(), working_calendar()
    day = calendar.add_working_days(today, working_days_later)
    facts, directory = reference_facts()
    before = recorded_keys()
    expected = {n.key for n in notices_on(facts, directory, day, policy, calendar, before)}
    sweep(day)
    assert recorded_keys() - before == expected
