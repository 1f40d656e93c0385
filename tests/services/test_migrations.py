"""Migrations build the models' schema from empty, on SQLite and on PostgreSQL, and the seed
round-trips on it."""

import warnings

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask import current_app
from flask_migrate import downgrade, upgrade
from sqlalchemy import func, inspect, select, text

from tracker import create_app
from tracker.database import db, enable_migrations
from tracker.models import WorkItem
from tracker.seeding.plan import load_plan


def _drop_everything() -> None:
    """Start from an empty database (the test's copy came seeded)."""
    enable_migrations(current_app)
    db.drop_all()
    with db.engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))


def _has_index(name: str) -> bool:
    """Is there an index of that name (read from the catalog: reflection skips expressions)?"""
    catalog = {
        "sqlite": "SELECT name FROM sqlite_master WHERE type = 'index' AND name = :name",
        "postgresql": "SELECT indexname FROM pg_indexes WHERE indexname = :name",
    }[db.engine.dialect.name]
    return db.session.scalar(text(catalog), {"name": name}) is not None


def _included_columns_match() -> bool:
    """Every index the models give included columns (PostgreSQL's INCLUDE) has them in the
    catalog: the comparison with the models does not look at them."""
    included = [
        (index.name, index.dialect_options["postgresql"]["include"])
        for table in db.metadata.tables.values()
        for index in table.indexes
        if index.dialect_options["postgresql"]["include"]
    ]
    definition = text("SELECT indexdef FROM pg_indexes WHERE indexname = :name")
    found = {name: db.session.scalar(definition, {"name": name}) for name, _ in included}
    return bool(included) and all(
        f"INCLUDE ({', '.join(columns)})" in (found[name] or "") for name, columns in included
    )


def test_upgrade_from_empty_matches_the_models_and_seeds_twice(app):
    _drop_everything()
    upgrade()
    with db.engine.connect() as connection, warnings.catch_warnings():
        # Expression indexes (the items list's order) cannot be reflected: the comparison
        # skips them, so the test below checks that one by name.
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based")
        warnings.filterwarnings("ignore", "autogenerate skipping metadata-specified expression")
        diff = compare_metadata(MigrationContext.configure(connection), db.metadata)
    assert diff == []
    for expression_index in (
        "ix_work_items_list_order",
        "ix_work_items_open_urgent_agency",
        "ix_work_items_open_urgent_deadline",
    ):
        assert _has_index(expression_index)
    if db.engine.dialect.name == "postgresql":
        assert _included_columns_match()
    load_plan()
    first = db.session.scalar(select(func.count(WorkItem.id)))
    load_plan()
    assert db.session.scalar(select(func.count(WorkItem.id))) == first == 179


def test_downgrade_to_empty_and_back(app):
    _drop_everything()
    upgrade()
    downgrade(revision="base")
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
    upgrade()
    assert "work_items" in inspect(db.engine).get_table_names()


def test_cli_upgrade_then_seed(database_url):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url})
    runner = app.test_cli_runner()
    try:
        with app.app_context():
            _drop_everything()
            db.session.remove()
        assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
        result = runner.invoke(args=["seed", "--demo"])
        assert result.exit_code == 0, result.output
        assert "items created: 179" in result.output
        assert runner.invoke(args=["seed", "--demo"]).output.strip() == "Nothing changed."
    finally:  # a connection left in the pool would be closed by the collector, in another test
        with app.app_context():
            db.engine.dispose()


def test_people_s_search_text_is_filled_for_the_accounts_already_there(app):
    """0030 folds the name, address, title and phone of every account, in batches."""
    from tracker.models.org import searchable_text

    _drop_everything()
    upgrade(revision="0029")
    people = [
        (f"p{n}@so.gov.vn", f"Nguyễn Văn Đức {n}", "Giám đốc Sở" if n % 2 else None, None)
        for n in range(7)
    ]
    with db.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO users (email, name, title, phone, password_hash, role, language,"
                " notify_mail, active, created_at) VALUES (:email, :name, :title, :phone, 'x',"
                " 'viewer', 'vi', 'digest', :active, CURRENT_TIMESTAMP)"
            ),
            [
                {"email": e, "name": n, "title": t, "phone": p, "active": True}
                for e, n, t, p in people
            ],  # fmt: skip
        )
    upgrade(revision="0030")
    with db.engine.connect() as connection:
        filled = dict(connection.execute(text("SELECT email, search_text FROM users")).all())
    assert filled == {person[0]: searchable_text(*reversed(person[:2]), *person[2:])
                      for person in people}  # fmt: skip
    assert filled["p1@so.gov.vn"] == "nguyen van duc 1 p1@so.gov.vn giam doc so"
