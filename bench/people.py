"""The pages that choose or search a person, with a ministry's 20,000 accounts on SQLite:
bytes sent (compressed, as a browser asks) and server time.

The pages to enter and to assign an item choose the responsible person; the audit log filters
by who acted; the people list searches accounts. With every person listed in the page, the
page to enter an item weighed 132 KB compressed at 20,000 people (issue 22's budget is 100 KB).
The database (bench/results/people-20000.sqlite) is seeded on first use; BENCH_FRESH=1 seeds
it again.
"""

from __future__ import annotations

import os
import statistics

from sqlalchemy import func, select

from bench.items import _sent, _signed_in, _timed
from bench.reports import RESULTS, _app

PEOPLE = 20_000
ITEMS = 10_000
REQUESTS = 10


def seed(url: str) -> None:
    from tracker.clock import local_today
    from tracker.database import db
    from tracker.models import User
    from tracker.seeding.demo import load_demo
    from tracker.seeding.plan import load_plan
    from tracker.seeding.synthetic import load_synthetic

    app = _app(url)
    with app.app_context():
        db.create_all()
        if not db.session.scalar(select(func.count()).select_from(User)):
            load_plan()
            load_demo(local_today())
            load_synthetic(ITEMS, PEOPLE, local_today())
            db.session.commit()


def pages(app) -> list[tuple[str, str]]:
    from tracker.database import db
    from tracker.models import User, WorkItem

    with app.app_context():
        item = db.session.scalar(select(func.min(WorkItem.id)))
        office = db.session.scalar(select(User.id).where(User.email == "office@tracker.demo"))
    shown = [
        ("office@tracker.demo", "/items/new"),
        ("office@tracker.demo", f"/items/{item}/assignment"),
        ("admin@tracker.demo", "/admin/audit"),
        ("admin@tracker.demo", f"/admin/audit?actor={office}"),
        ("admin@tracker.demo", "/admin/users?q=can+bo+1999"),
    ]
    if "people.lookup" in app.view_functions:
        shown.append(("office@tracker.demo", "/people/lookup/responsible?q=can+bo+1999"))
    return shown


def main() -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"people-{PEOPLE}.sqlite"
    if os.environ.get("BENCH_FRESH"):
        path.unlink(missing_ok=True)
    url = f"sqlite:///{path}"
    seed(url)
    app = _app(url, WTF_CSRF_ENABLED=False, RATELIMIT_ENABLED=False)
    print(f"\n  {PEOPLE:,} people, {ITEMS:,} items, SQLite ({REQUESTS} requests each)")
    print(f"  {'who':22} {'page':44} {'bytes':>8} {'sent':>7} {'median ms':>10}")
    clients = {}
    for who, page in pages(app):
        if who not in clients:
            clients[who] = _signed_in(app, who)
        client = clients[who]
        plain = client.get(page)
        assert plain.status_code == 200, page
        times = [_timed(client, page) for _ in range(REQUESTS)]
        print(
            f"  {who:22} {page:44} {len(plain.data):8} {_sent(client, page):7} "
            f"{statistics.median(times):10.1f}"
        )
