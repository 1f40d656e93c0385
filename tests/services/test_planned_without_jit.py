"""Reads whose cost the planner overestimates are planned without JIT compilation on
PostgreSQL (tracker.database.planned_without_jit), and only they."""

import re

from sqlalchemy import text

from tests.workers import statements_of
from tracker.database import db, planned_without_jit


def jit() -> str | None:
    if db.engine.dialect.name != "postgresql":
        return None
    return db.session.execute(text("SHOW jit")).scalar()


def test_the_block_plans_without_jit_and_the_transaction_goes_on_as_before(app):
    before = jit()
    with planned_without_jit():
        inside = jit()
    assert jit() == before
    if db.engine.dialect.name == "postgresql":
        assert (before, inside) == ("on", "off")
    else:
        assert before is inside is None  # nothing to set on SQLite


def test_the_items_behind_a_number_are_read_without_jit(app, login):
    with statements_of(app) as statements:
        page = login("office@tracker.demo").get("/reports/agencies/syt?standing=overdue")
    assert page.status_code == 200
    assert re.search(r'<td class="text-nowrap"><a href="/items/\d+">', page.text)  # some overdue
    switched = [sql for sql in statements if sql.startswith("SET LOCAL jit")]
    if db.engine.dialect.name == "postgresql":
        assert switched == ["SET LOCAL jit = off", "SET LOCAL jit = on"]
    else:
        assert switched == []
