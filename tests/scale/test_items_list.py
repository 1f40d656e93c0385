"""The items list after its speed-up shows the same items in the same order: what the user may
see (led, coordinated, or held by an agency they left), soonest deadline first, those without a
deadline last, then by code — checked against the rule written out in Python."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from tracker.database import db
from tracker.items.queries import ItemFilters, list_items
from tracker.models import Agency, AssignmentPeriod, FormerMembership, User, WorkItem
from tracker.visibility import SEES_EVERYTHING


def expected_order(items: list[WorkItem]) -> list[str]:
    ordered = sorted(items, key=lambda i: (i.deadline is None, i.deadline or date.min, i.code))
    return [item.code for item in ordered]


def visible_by_rule(user: User) -> list[WorkItem]:
    everything = db.session.scalars(select(WorkItem)).all()
    if user.role in SEES_EVERYTHING:
        return list(everything)
    formerly = _formerly_held(user)
    return [
        item
        for item in everything
        if item.lead_agency_id == user.agency_id
        or any(a.id == user.agency_id for a in item.coordinating_agencies)
        or item.id in formerly
    ]


def _formerly_held(user: User) -> set[int]:
    """Items an agency the user left held (led or coordinated) in a period begun before the
    user left it: the seed's 2025 mergers moved officer.stttt to Sở KH&CN."""
    memberships = db.session.scalars(
        select(FormerMembership).where(FormerMembership.user_id == user.id)
    ).all()
    held = set()
    for period in db.session.scalars(select(AssignmentPeriod)):
        agencies = {period.lead_agency_id} | {a.id for a in period.coordinating_agencies}
        if any(m.agency_id in agencies and period.valid_from < m.until for m in memberships):
            held.add(period.item_id)
    return held


@pytest.mark.parametrize(
    "email", ["head.syt@tracker.demo", "officer.stttt@tracker.demo", "office@tracker.demo"]
)
def test_the_list_holds_what_the_rule_says_in_its_order(app, user_by_email, today, email):
    user = user_by_email(email)
    page = list_items(user, ItemFilters(), today, 1, 1000)
    expected = expected_order(visible_by_rule(user))
    if email == "officer.stttt@tracker.demo":  # moved to Sở KH&CN, reading its former items
        assert user.agency.code == "skhcn" and "KTS-2022-01" in expected
    assert len(expected) >= 5
    assert [item.code for item in page.rows] == expected
    assert page.total == len(expected)


def test_pages_follow_one_another_without_gaps(app, user_by_email, today):
    user = user_by_email("office@tracker.demo")
    whole = [item.code for item in list_items(user, ItemFilters(), today, 1, 1000).rows]
    paged = [
        item.code
        for number in range(1, len(whole) // 20 + 2)
        for item in list_items(user, ItemFilters(), today, number, 20).rows
    ]
    assert paged == whole


def test_an_agency_sees_no_item_of_another(app, login):
    """A head's list names none of the items that only another agency holds."""
    syt = db.session.scalar(select(Agency).where(Agency.code == "syt"))
    foreign = db.session.scalars(select(WorkItem).where(WorkItem.lead_agency_id != syt.id)).all()
    only_foreign = [
        item.code for item in foreign if all(a.id != syt.id for a in item.coordinating_agencies)
    ]
    page = login("head.syt@tracker.demo").get("/items/?page=1").text
    assert only_foreign and not any(f">{code}<" in page for code in only_foreign)


@pytest.mark.parametrize(
    ("email", "names_former_agencies"),
    [("head.syt@tracker.demo", False), ("officer.stttt@tracker.demo", True)],
)
def test_only_people_who_left_an_agency_have_their_former_items_in_the_clause(
    app, user_by_email, email, names_former_agencies
):
    """PostgreSQL costs the former agencies' part as a million rows and compiles the count with
    JIT: it is left out for the many who never left an agency."""
    from tracker.visibility import visible_items_clause

    clause = visible_items_clause(user_by_email(email))
    compiled = str(clause.compile(db.engine))
    assert ("former_memberships" in compiled) is names_former_agencies
    assert "item_coordinators" in compiled
