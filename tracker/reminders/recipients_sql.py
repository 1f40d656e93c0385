"""Who receives each stage of the reminder rules, as SQL (tests/oracles/reminders.py is the
reference model the tests compare it with).

The sweep joins the stages the domain computed per deadline with items and users in the
database, so 100,000 items never become Python objects; delivery re-checks with the same
predicates that each notice still applies.
"""

from __future__ import annotations

import enum
from datetime import date

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    Index,
    Integer,
    MetaData,
    Select,
    String,
    Table,
    and_,
    exists,
    literal_column,
    null,
    or_,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement

from tracker.database import db, suspend_foreign_keys
from tracker.domain.reminders import (
    REMINDED_STATUSES,
    Audience,
)
from tracker.models import Sector, User, WorkItem
from tracker.models.accounts import portfolio_agencies

W, U = WorkItem, User
P = portfolio_agencies.c
_scratch = MetaData()

#: The people on leave today and who receives their notices (tracker.domain.leave); usually
#: empty, and then not even read.
stand_ins = Table(
    "sweep_stand_ins",
    _scratch,
    Column("person_id", Integer, nullable=False),
    Column("stand_in_id", Integer, nullable=False),
    prefixes=["TEMPORARY"],
)

#: The stages due today, one row per deadline and stage (the domain's plan, a few thousand rows).
stages = Table(
    "sweep_stages",
    _scratch,
    Column("deadline", Date, nullable=False),
    Column("rule", String(20), nullable=False),
    Column("period", String(24), nullable=False),
    Column("audience", String(10), nullable=False),
    #: Urgent items follow the policy's shorter schedule: their stages are rows of their own.
    Column("urgent", Boolean, nullable=False),
    Index("ix_sweep_stages", "deadline", "audience"),
    prefixes=["TEMPORARY"],
)


def staged_item() -> ColumnElement[bool]:
    """An item and the stages of its deadline on its schedule (urgent or not)."""
    return and_(stages.c.deadline == W.deadline, stages.c.urgent == W.is_urgent)


def reminded() -> ColumnElement[bool]:
    return W.status.in_(sorted(REMINDED_STATUSES))


def deadlines_until(last: date) -> tuple[list[date], list[date]]:
    """The deadlines up to `last` that the stages are planned for: (plain, urgent).

    Read from indexes alone: the reminded items' deadlines from (status, deadline), those of
    urgent open items from the partial index on urgency and deadline. Asking for both columns
    of the reminded items read each one's row (40 ms at 100,000 items, against 8). A deadline
    in one list may hold no item of that kind: its stages then join no item, and no notice.
    """
    plain = db.session.scalars(
        select(W.deadline).distinct().where(reminded(), W.deadline <= last)
    ).all()
    # Neither completed nor cancelled, in literals: the index's own condition, which SQLite
    # must see in the query to use it (tracker.history.as_of_sql.open_now).
    still_open = W.status.notin_([literal_column("'completed'"), literal_column("'cancelled'")])
    urgent = db.session.scalars(
        select(W.deadline).distinct().where(W.is_urgent, still_open, W.deadline <= last)
    ).all()
    return plain, sorted(set(urgent).intersection(plain))


def without_sector_leader() -> ColumnElement[bool]:
    """The item's sector has no leader in charge (or the item has no sector): its last
    escalation goes to the leaders whose portfolio holds its lead agency instead."""
    sector = aliased(Sector)  # never correlated with a sector the outer query joins
    return ~exists(select(sector.id).where(sector.id == W.sector_id, sector.leader_id.is_not(None)))


def follows_lead_agency(person=U) -> ColumnElement[bool]:
    """The person is a provincial leader whose portfolio holds the item's lead agency."""
    held = select(P.user_id).where(P.user_id == person.id, P.agency_id == W.lead_agency_id)
    return and_(person.role == "leader", exists(held))


def is_assignee(person=U) -> ColumnElement[bool]:
    """The user is the item's responsible person or a focal officer of its lead agency."""
    return or_(
        person.id == W.responsible_id,
        and_(person.role == "officer", person.agency_id == W.lead_agency_id),
    )


def is_head(person=U) -> ColumnElement[bool]:
    # A head who is also the responsible person already has the item as an assignee.
    return and_(
        person.role == "head",
        person.agency_id == W.lead_agency_id,
        or_(W.responsible_id.is_(None), person.id != W.responsible_id),
    )


class Routing(enum.Enum):
    """Whose notices a set of SELECTs records, and to whom (see tracker.domain.leave)."""

    EVERYONE = "everyone"  #: nobody is on leave today: everyone's own notices
    PRESENT = "present"  #: the notices of everyone but the people on leave with a stand-in
    COVERED = "covered"  #: those people's notices, to their stand-ins, on their behalf


def audience_selects(routing: Routing = Routing.EVERYONE) -> list[tuple[Audience, Select]]:
    """One SELECT per way of being in an audience: (recipient, item, rule, period, deadline,
    on behalf of whom).

    Equi-joins, not one OR-join, so each can use an index. Officers first: the responsible
    person is usually one of them, and the responsible's SELECT then leaves them out.
    """
    s = stages.c
    joined = W.__table__.join(stages, staged_item())

    def of(audience: Audience, users_on: ColumnElement[bool], *extra) -> tuple[Audience, Select]:
        people = joined.join(U.__table__, users_on)
        return audience, _routed(routing, people, U.id).where(
            s.audience == audience.value, reminded(), U.active, *extra
        )

    leaders = joined.join(Sector.__table__, Sector.id == W.sector_id).join(
        U.__table__, U.id == Sector.leader_id
    )
    overseers = joined.join(portfolio_agencies, P.agency_id == W.lead_agency_id).join(
        U.__table__, U.id == P.user_id
    )
    return [
        of(Audience.ASSIGNEES, and_(U.agency_id == W.lead_agency_id, U.role == "officer")),
        of(
            Audience.ASSIGNEES,
            U.id == W.responsible_id,
            or_(U.role != "officer", U.agency_id != W.lead_agency_id),  # not already above
        ),
        of(Audience.HEADS, and_(U.agency_id == W.lead_agency_id, U.role == "head"), is_head()),
        of(Audience.OFFICE, U.role == "office"),
        (
            Audience.LEADER,
            _routed(routing, leaders, U.id).where(
                s.audience == Audience.LEADER.value, reminded(), U.active
            ),
        ),
        (
            Audience.LEADER,
            _routed(routing, overseers, U.id).where(
                s.audience == Audience.LEADER.value,
                reminded(),
                U.active,
                U.role == "leader",
                without_sector_leader(),
            ),
        ),  # fmt: skip
    ]


def _routed(routing: Routing, people, person) -> Select:
    """The notice columns over `people` (items, stages and users joined), as `routing` says."""
    s = stages.c
    notice = (W.id, s.rule, s.period, W.deadline)
    if routing is Routing.COVERED:
        covered = people.join(stand_ins, stand_ins.c.person_id == person)
        return select(stand_ins.c.stand_in_id, *notice, person).select_from(covered)
    own = select(person, *notice, null()).select_from(people)
    if routing is Routing.PRESENT:
        own = own.where(person.notin_(select(stand_ins.c.person_id)))
    return own


def anyone_in(audience: Audience) -> bool:
    """Whether any active person could be in the audience (else its SELECT is skipped)."""
    people = select(U.id).where(U.active)
    if audience is Audience.HEADS:
        people = people.where(U.role == "head")
    elif audience is Audience.OFFICE:
        people = people.where(U.role == "office")
    elif audience is Audience.LEADER:
        following = and_(U.role == "leader", U.id.in_(select(P.user_id)))
        people = people.where(or_(U.id.in_(select(Sector.leader_id)), following))
    return db.session.scalar(select(people.exists()))


def insert_ignoring_duplicates(table):
    """INSERT … ON CONFLICT DO NOTHING on SQLite and PostgreSQL alike."""
    dialect = db.session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    return module.insert(table).on_conflict_do_nothing()


def create_scratch_tables() -> None:
    """Fresh temporary tables for this sweep (a pooled connection may still hold old ones)."""
    connection = db.session.connection()
    for table in (stages, stand_ins):
        table.drop(connection, checkfirst=True)
        table.create(connection)


def drop_scratch_tables() -> None:
    for table in (stages, stand_ins):
        table.drop(db.session.connection(), checkfirst=True)


#: PostgreSQL advisory lock held by a sweep's transaction: sweeps run one at a time.
SWEEP_LOCK = 5_904_001


def lock_for_sweep() -> None:
    """Run one sweep at a time, reading and writing one state of the database.

    SQLite: take the write lock before the first read (BEGIN IMMEDIATE), so a delivery
    committing meanwhile cannot make the sweep's later write fail. PostgreSQL: a transaction
    advisory lock; a second sweep waits, then finds every notice recorded. The notice key would
    stop duplicates anyway; the lock also keeps each sweep's report exact. On SQLite the
    sweep's rows also skip the foreign-key checks: each is joined from its item, person and
    digest under this lock (`suspend_foreign_keys`; the checks return with the connection).
    """
    connection = db.session.connection()
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({SWEEP_LOCK})")
        return
    if not connection.connection.dbapi_connection.in_transaction:
        suspend_foreign_keys(connection)
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    # The first sweep of a large plan writes hundreds of thousands of rows: a 64 MB page cache
    # keeps SQLite from spilling them to disk mid-transaction.
    connection.exec_driver_sql("PRAGMA cache_size = -65536")
