"""Database wiring: SQLAlchemy with its constraint naming convention, migrations, SQLite's
pragmas, and the reports' read replica."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from flask import Flask, current_app, g, has_app_context
from flask_sqlalchemy import SQLAlchemy
from flask_sqlalchemy.session import Session as FlaskSession
from sqlalchemy import CompoundSelect, Connection, MetaData, Select, event, literal, select
from sqlalchemy.orm import DeclarativeBase

# Deterministic constraint names, so migrations can drop and alter them on every engine.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


#: The bind of TRACKER_REPORTS_DATABASE_URL, a read replica for the report pages.
REPLICA = "reports"


class Session(FlaskSession):
    """The session; in a request that asked for it (`read_from_replica`), its SELECTs go to the
    reports replica. Writes, and reads made while flushing, always go to the primary."""

    def get_bind(self, mapper=None, clause=None, bind=None, **kwargs):
        if (
            bind is None
            and isinstance(clause, Select | CompoundSelect)
            and not self._flushing
            and has_app_context()
            and g.get("_reads_from_replica", False)
        ):
            return self._db.engines[REPLICA]
        return super().get_bind(mapper=mapper, clause=clause, bind=bind, **kwargs)


db = SQLAlchemy(model_class=Base, session_options={"class_": Session})


def read_from_replica() -> None:
    """This request's reads go to the reports replica, if one is configured; call it only
    where every read may be seconds behind the primary and none leads to a write."""
    if REPLICA in current_app.config.get("SQLALCHEMY_BINDS", {}):
        g._reads_from_replica = True


MIGRATIONS_DIR = str(Path(__file__).resolve().parent.parent / "migrations")


def init_app(app: Flask) -> None:
    db.init_app(app)
    # Flask-SQLAlchemy gives each bind a metadata of its own, kept on the shared extension for
    # every later app of the process. The replica's would hold no table (it is a copy of the
    # primary) yet make create_all and drop_all demand a replica of apps that have none.
    db.metadatas.pop(REPLICA, None)
    app.cli.add_command(_MigrationCommands("db", help="Migrate the database (Flask-Migrate)."))
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            event.listen(db.engine, "connect", _sqlite_pragmas)
            event.listen(db.engine, "checkin", _restore_foreign_keys)


def enable_migrations(app: Flask) -> None:
    """Bind Flask-Migrate to the app, for `flask db …` and code that migrates (tests)."""
    if "migrate" not in app.extensions:
        from flask_migrate import Migrate

        Migrate(app, db, directory=MIGRATIONS_DIR, render_as_batch=True)


class _MigrationCommands(click.Command):
    """`flask db …`, Flask-Migrate's own commands loaded when used: Alembic takes a tenth of a
    second to import, which every other process (the sweep, delivery, each web worker) would
    otherwise pay at start. Parsing and running are left to Flask-Migrate's group."""

    def _commands(self) -> click.Group:
        from flask_migrate.cli import db as commands

        enable_migrations(current_app._get_current_object())
        return commands

    def make_context(self, info_name, args, parent=None, **extra) -> click.Context:
        return self._commands().make_context(info_name, args, parent=parent, **extra)

    def invoke(self, ctx: click.Context):
        return self._commands().invoke(ctx)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """WAL lets the web and the scheduler read while one writes; SQLite needs FKs turned on."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA mmap_size=268435456")  # random reads (delivery, lists) skip a syscall
    cursor.close()


#: Set on a pooled connection whose foreign-key checks a bulk writer suspended.
_KEYS_SUSPENDED = "foreign_keys_suspended"


def suspend_foreign_keys(connection: Connection) -> None:
    """Skip SQLite's foreign-key checks on this connection until it goes back to the pool.

    For a bulk writer only, whose rows are joined from their parent rows inside one
    write-locked transaction and so cannot break a key: checking them again costs the sweep
    half its time (three parent lookups per notice). Call it before the transaction begins;
    SQLite ignores the pragma inside one.
    """
    connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
    connection.info[_KEYS_SUSPENDED] = True


def _restore_foreign_keys(dbapi_connection, record) -> None:
    """Whatever happened meanwhile, a connection leaves the bulk writer with its checks on."""
    if record.info.pop(_KEYS_SUSPENDED, False) and dbapi_connection is not None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


@contextmanager
def row_triggers_skipped(connection: Connection) -> Iterator[bool]:
    """PostgreSQL's counterpart of `suspend_foreign_keys`, for the same kind of bulk writer:
    within the block, the transaction's rows skip the row triggers that check foreign keys
    (`session_replication_role = replica`). Only where the database role may set it (a
    superuser, or PostgreSQL 15's `GRANT SET ON PARAMETER session_replication_role`); without
    the right, the keys are checked as usual. Yields whether the checks were skipped.

    Each check is a lookup per row and key: at a million notices, three keys cost the sweep
    21 of its 45 seconds. Nothing that cascades may run in the block (triggers do that too).
    """
    skipped = connection.dialect.name == "postgresql" and _may_set_replication_role(connection)
    if skipped:
        connection.exec_driver_sql("SET LOCAL session_replication_role = replica")
    try:
        yield skipped
    finally:
        if skipped:
            connection.exec_driver_sql("SET LOCAL session_replication_role = origin")


@contextmanager
def planned_without_jit() -> Iterator[None]:
    """On PostgreSQL, the block's reads are planned without JIT compilation.

    The as-of rules look up each item's assignment periods in correlated subqueries, whose
    cost the planner counts for every row whether or not it runs: the items behind one number
    of the statistics, 9,540 of a million, were costed like an analysis of them all and
    compiled for 0.5 s, to run for 0.2 s. Passes over every item, which compilation does
    speed up, keep it. The setting is the transaction's (`SET LOCAL`), on the connection the
    session reads from (the reports replica where the request reads there).
    """
    connection = db.session.connection(bind_arguments={"clause": select(literal(1))})
    if connection.dialect.name != "postgresql":
        yield
        return
    was = connection.exec_driver_sql("SHOW jit").scalar()
    connection.exec_driver_sql("SET LOCAL jit = off")
    try:
        yield
    finally:
        connection.exec_driver_sql("SET LOCAL jit = on" if was == "on" else "SET LOCAL jit = off")


def _may_set_replication_role(connection: Connection) -> bool:
    if connection.dialect.server_version_info >= (15,):
        allowed = "SELECT has_parameter_privilege('session_replication_role', 'SET')"
    else:
        allowed = "SELECT current_setting('is_superuser') = 'on'"
    return bool(connection.exec_driver_sql(allowed).scalar())
