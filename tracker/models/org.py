"""Agencies and the people who work in them."""

from __future__ import annotations

import enum
from datetime import date, datetime

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, SmallInteger, String, Text, and_, event, or_
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from tracker.database import db
from tracker.domain.text import fold
from tracker.models.types import UTCDateTime, enum_check, utcnow


class AgencyKind(enum.StrEnum):
    DEPARTMENT = "department"  # sở, ban, ngành of the province
    LOCALITY = "locality"  # district-level People's Committee
    OTHER = "other"  # e.g. the State Bank branch, the Youth Union


class Role(enum.StrEnum):
    ADMIN = "admin"
    OFFICE = "office"  # Văn phòng UBND tỉnh: assigns, follows up, confirms
    LEADER = "leader"  # Chủ tịch / Phó Chủ tịch UBND tỉnh
    HEAD = "head"  # head of an agency: accountable, receives escalations
    OFFICER = "officer"  # the agency's focal officer: keeps items current
    STAFF = "staff"  # chuyên viên: works on the items the head of the agency gives them
    VIEWER = "viewer"  # read only, e.g. an inspection group


class AgencyLevel(enum.StrEnum):
    """The level of government an agency belongs to (cấp tỉnh, sở/ngành, cấp huyện, cấp xã)."""

    PROVINCE = "province"  # the province's People's Committee and its office
    DEPARTMENT = "department"  # sở, ban, ngành and other provincial bodies
    DISTRICT = "district"  # huyện, thị xã, thành phố (abolished on 1/7/2025)
    COMMUNE = "commune"  # xã, phường, đặc khu


AGENCY_ROLES = frozenset({Role.HEAD, Role.OFFICER, Role.STAFF})
#: Those who answer for all of the agency's items (staff answer for those given to them).
ANSWERING_ROLES = frozenset({Role.HEAD, Role.OFFICER})


def _reviews_by_default(context) -> bool:
    """Approval inside the agency is on by default for departments (sở, ban, ngành)."""
    return context.get_current_parameters().get("kind", AgencyKind.DEPARTMENT) == "department"


class Agency(db.Model):
    __tablename__ = "agencies"
    __table_args__ = (
        CheckConstraint(enum_check("kind", AgencyKind), name="kind"),
        CheckConstraint(enum_check("level", AgencyLevel), name="level"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str | None] = mapped_column(String(60))
    kind: Mapped[str] = mapped_column(String(20), default=AgencyKind.DEPARTMENT)
    level: Mapped[str] = mapped_column(String(20), default=AgencyLevel.DEPARTMENT)
    #: Where official mail to the agency goes (its public address, not a person's).
    email: Mapped[str | None] = mapped_column(String(254))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    active: Mapped[bool] = mapped_column(default=True)
    #: The agency that took over this one's work after a reorganisation (merger, abolition).
    successor_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    #: The first day it existed (None: before anything the tracker records).
    existing_from: Mapped[date | None]
    #: The first day it no longer existed (merged, divided, dissolved); None: it exists.
    existing_until: Mapped[date | None]
    #: A submission by the focal officer or staff goes to the head (or deputy) first, who
    #: forwards it to the office or sends it back.
    internal_review: Mapped[bool] = mapped_column(default=_reviews_by_default)

    parent: Mapped[Agency | None] = relationship(remote_side=[id], foreign_keys=[parent_id])
    successor: Mapped[Agency | None] = relationship(remote_side=[id], foreign_keys=[successor_id])

    def __repr__(self) -> str:
        return f"<Agency {self.code}>"

    @classmethod
    def existing_on(cls, on: date):
        """Existing on the day, in SQL: from its first day until the first day it no longer
        did (the one rule of the lists, the API and the reorganisation checks)."""
        return and_(
            or_(cls.existing_from.is_(None), cls.existing_from <= on),
            or_(cls.existing_until.is_(None), cls.existing_until > on),
        )


def hash_password(password: str) -> str:
    """The stored form of a password, by the method the configuration names."""
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


class User(UserMixin, db.Model):
    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint(enum_check("role", Role), name="role"),
        CheckConstraint(enum_check("language", ("vi", "en")), name="language"),
        CheckConstraint(
            enum_check("notify_mail", ("immediate", "digest", "off")), name="notify_mail"
        ),
        # A head or focal officer always belongs to an agency: permissions hang on it.
        CheckConstraint(
            "role NOT IN ('head', 'officer', 'staff') OR agency_id IS NOT NULL", name="agency"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    title: Mapped[str | None] = mapped_column(String(120))  # chức vụ, e.g. "Giám đốc Sở"
    phone: Mapped[str | None] = mapped_column(String(40))
    #: Name, address, title and phone folded (tracker.domain.text.fold): searched by SQL, so
    #: that finding one of tens of thousands of people reads no account into Python.
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(20), default=Role.VIEWER)
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"), index=True)
    language: Mapped[str] = mapped_column(String(5), default="vi")
    #: How the mail of their notifications goes: immediate | digest | off.
    notify_mail: Mapped[str] = mapped_column(String(10), default="digest", server_default="digest")
    #: The events (tracker.labels.NOTIFICATION_LABELS) not mailed to them, comma-separated;
    #: None: every event. They stay in the tracker's notifications all the same.
    mail_muted: Mapped[str | None] = mapped_column(String(400))
    #: The local hour their daily digest goes at (never before the sweep); None: with it.
    digest_hour: Mapped[int | None] = mapped_column(SmallInteger)
    active: Mapped[bool] = mapped_column(default=True)
    #: On leave (both days included): reminders meant for them go to the agency's head, or a
    #: head's to the agency's other heads (tracker.domain.leave).
    leave_from: Mapped[date | None] = mapped_column()
    leave_until: Mapped[date | None] = mapped_column()
    #: SHA-256 of the API bearer token; the token itself is shown once and never stored.
    api_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    #: Last change of any kind. Delivery checks a digest's notices again only where a person,
    #: a sector or an item changed after the sweep (NULL: unknown, so treated as changed).
    updated_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime(), default=utcnow, onupdate=utcnow
    )

    agency: Mapped[Agency | None] = relationship()

    @property
    def mail_muted_events(self) -> list[str]:
        """The events not mailed to them (`mail_muted` as a list), as /me shows them."""
        return [event for event in (self.mail_muted or "").split(",") if event]

    #: The secret key of the session the request signed in with (tracker.accounts.sessions);
    #: not a column.
    session_key = None

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    def get_id(self) -> str:
        """What the session and remember-me cookies carry: the user and their session."""
        return f"{self.id}.{self.session_key}" if self.session_key else str(self.id)

    def set_password(self, password: str) -> None:
        self.password_hash = hash_password(password)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def __repr__(self) -> str:
        return f"<User {self.email}>"


def searchable_text(name: str, email: str, title: str | None, phone: str | None) -> str:
    """What a search of people looks in, folded."""
    return fold(" ".join(filter(None, [name, email, title, phone])))


@event.listens_for(User, "before_insert")
@event.listens_for(User, "before_update")
def _refresh_search_text(_mapper, _connection, user: User) -> None:
    """Keep the folded search text in step with what it is made of."""
    user.search_text = searchable_text(user.name, user.email, user.title, user.phone)
