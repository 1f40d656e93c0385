"""Bulk synthetic items and users for benchmarks: 100,000 items in seconds, not minutes.

The shape: items spread over agencies, sectors and deadlines; about 30 % overdue, 10 % due
within 7 days, 20 % completed, the rest due later; a few without deadline.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta

import click
from sqlalchemy import func, select

from tracker.database import db
from tracker.domain.text import fold
from tracker.models import Agency, Group, Plan, Sector, User, WorkItem, item_coordinators
from tracker.models.org import hash_password, searchable_text
from tracker.models.types import utcnow
from tracker.seeding import bulk
from tracker.seeding.statistics import analyze

CHUNK = 5_000
#: Focal officers per agency; the other synthetic people are staff.
FOCAL_OFFICERS = 2
FIELDS = ("y tế", "giáo dục", "nông nghiệp", "du lịch", "giao thông vận tải")


def load_synthetic(items: int, users: int, today: date, seed: int = 59) -> Counter[str]:
    """Insert `items` synthetic items and `users` officers; repeatable for a given seed."""
    rng = random.Random(seed)
    plan = db.session.scalar(select(Plan).order_by(Plan.id))
    agencies = db.session.scalars(select(Agency.id).order_by(Agency.id)).all()
    groups = db.session.scalars(select(Group.id).where(Group.plan_id == plan.id)).all()
    sectors = db.session.scalars(select(Sector.id)).all()
    people = _synthetic_users(users, agencies)
    start = bulk.next_id(WorkItem.__table__)
    chunks = range(start, start + items, CHUNK)
    with click.progressbar(chunks, label="items") as bar:
        for first in bar:
            numbers = range(first, min(first + CHUNK, start + items))
            rows = [
                _row(n, plan.id, agencies, groups, sectors, people, rng, today) for n in numbers
            ]
            bulk.insert_rows(WorkItem.__table__, rows)
            bulk.insert_rows(item_coordinators, _links(rows, agencies, rng))
    bulk.catch_up_sequence(WorkItem.__table__)
    db.session.commit()
    analyze()  # the tables' shape changed wholesale: plans made for the old one would crawl
    return Counter({"items created": items, "users created": len(people)})


def _links(rows: list[dict], agencies: list[int], rng: random.Random) -> list[dict]:
    """Coordinating agencies for about 30 % of the items."""
    return [
        {"item_id": row["id"], "agency_id": rng.choice(agencies)}
        for row in rows
        if rng.random() < 0.3
    ]


def _synthetic_users(count: int, agencies: list[int]) -> list[tuple[int, int]]:
    """(user id, agency id) pairs of newly made people, one password hash for all.

    As in a real agency, a couple of focal officers per agency keep its items current and the
    rest are staff (chuyên viên), each answering for the items given to them.
    """
    password_hash = hash_password("synthetic")
    existing = db.session.scalar(select(func.count(User.id))) or 0
    focal = FOCAL_OFFICERS * len(agencies)
    made = utcnow()
    rows = []
    for n in range(count):
        email, name = f"officer{existing + n}@synthetic.test", f"Cán bộ {existing + n}"
        rows.append(
            {
                "email": email,
                "name": name,
                "search_text": searchable_text(name, email, None, None),
                "role": "officer" if n < focal else "staff",
                "agency_id": agencies[n % len(agencies)],
                "password_hash": password_hash,
                "language": "vi",
                "active": True,
                # Stamped here: PostgreSQL's COPY applies no Python-side default, and a person
                # never stamped counts as changed, so delivery would check their notices again.
                "created_at": made,
                "updated_at": made,
            }
        )
    if not rows:
        return []
    first = bulk.next_id(User.__table__)
    rows = [{"id": first + n, **row} for n, row in enumerate(rows)]
    bulk.insert_rows(User.__table__, rows)
    bulk.catch_up_sequence(User.__table__)
    return [(row["id"], row["agency_id"]) for row in rows]


def _deadline_and_status(rng: random.Random, today: date) -> tuple[date | None, str, date | None]:
    roll = rng.random()
    if roll < 0.30:  # overdue: 1 day to 2 years late
        return today - timedelta(days=rng.randint(1, 730)), "in_progress", None
    if roll < 0.40:  # due within 7 days
        return today + timedelta(days=rng.randint(0, 7)), "in_progress", None
    if roll < 0.60:  # completed, mostly on time
        deadline = today - timedelta(days=rng.randint(0, 700))
        return deadline, "completed", deadline + timedelta(days=rng.randint(-60, 20))
    if roll < 0.63:
        return None, "assigned", None
    return (
        today + timedelta(days=rng.randint(8, 1500)),
        rng.choice(("assigned", "in_progress")),
        None,
    )


def _row(n, plan_id, agencies, groups, sectors, people, rng, today) -> dict:
    deadline, status, completed_on = _deadline_and_status(rng, today)
    if people:
        responsible_id, lead = people[n % len(people)]
    else:
        responsible_id, lead = None, rng.choice(agencies)
    code = f"SYN-{n:07d}"
    title = f"Nhiệm vụ tổng hợp số {n}: chuyển đổi số lĩnh vực {rng.choice(FIELDS)}"
    kind = "task" if rng.random() < 0.8 else "target"
    return {
        "id": n,
        "plan_id": plan_id,
        "code": code,
        "kind": kind,
        "title": title,
        "search_text": fold(f"{code} {title}"),
        "group_id": rng.choice(groups),
        "sector_id": rng.choice(sectors),
        "lead_agency_id": lead,
        "responsible_id": responsible_id,
        "assigned_on": today - timedelta(days=800),
        "deadline": deadline,
        "original_deadline": deadline,
        "status": status,
        "progress": 100 if status == "completed" else rng.randint(0, 95),
        "completed_on": completed_on,
        "confirmed_on": completed_on,
        "target_year": (deadline or today).year if kind == "target" else None,
        "target_value": 100 if kind == "target" else None,
        "target_unit": "%" if kind == "target" else None,
        "last_activity_on": today - timedelta(days=rng.randint(0, 200)),
        "version": 1,
        "default_assignment": False,
        "is_key": False,
        "is_public": True,
        "created_at": utcnow(),
        "updated_at": utcnow(),
    }
