"""Importing people from an Excel sheet: every row checked first, then all saved or none.

The sheet's first row names the columns (in Vietnamese or English, in any order): name, email,
phone, agency (its code), role, title.
"""

from __future__ import annotations

import io
from dataclasses import asdict, dataclass, field

from flask_babel import gettext as _

from tracker.database import db
from tracker.models import User
from tracker.passwords import tokens
from tracker.passwords.mail import send_link
from tracker.refusals import Invalid, ServiceError
from tracker.users.actions import Person, add_user, require_admin

#: Column headings understood, lower-cased, to the field they fill.
HEADINGS = {
    "name": "name", "họ và tên": "name", "họ tên": "name",
    "email": "email", "thư điện tử": "email",
    "phone": "phone", "điện thoại": "phone", "số điện thoại": "phone",
    "agency": "agency_code", "cơ quan": "agency_code", "mã cơ quan": "agency_code",
    "role": "role", "vai trò": "role",
    "title": "title", "chức vụ": "title",
}  # fmt: skip
MAX_ROWS = 2000


@dataclass
class Row:
    number: int  #: the row's number in the sheet, as Excel shows it
    person: Person
    errors: list[str] = field(default_factory=list)


def read_sheet(data: bytes) -> list[Row]:
    """The sheet's people; Invalid if it is not a workbook or lacks the needed columns."""
    from openpyxl import load_workbook  # loaded when a sheet is imported (slow to import)

    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
        lines = list(sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 1))
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise Invalid(_("This file is not an Excel workbook (.xlsx).")) from error
    if not lines:
        raise Invalid(_("The sheet is empty."))
    columns = [HEADINGS.get(str(cell or "").strip().lower()) for cell in lines[0]]
    if not {"name", "email", "role"} <= set(columns):
        raise Invalid(
            _("The first row must name the columns: name, email, role (and agency, phone, title).")
        )  # noqa: E501
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        values = {c: str(v).strip() for c, v in zip(columns, line, strict=False) if c and v}
        if values:
            rows.append(Row(number, Person(**{"name": "", "email": "", "role": "", **values})))
    if not rows:
        raise Invalid(_("The sheet has no people in it."))
    return rows


def check_rows(by: User, rows: list[Row]) -> bool:
    """Try every row as the real import would, then undo: the rows' errors say what fails."""
    require_admin(by)
    seen: set[str] = set()
    for row in rows:
        email = row.person.email.strip().lower()
        if not row.person.name.strip():
            row.errors.append(_("The name is missing."))
        if "@" not in email or len(email) > 254:
            row.errors.append(_("The email address is not valid."))
        elif email in seen:
            row.errors.append(_("This email appears twice in the sheet."))
        seen.add(email)
        if not row.errors:
            try:
                add_user(by, row.person)
                db.session.flush()
            except ServiceError as refusal:
                row.errors.append(refusal.message)
    db.session.rollback()
    return not any(row.errors for row in rows)


def import_rows(by: User, rows: list[Row], *, invite: bool) -> list[User]:
    """Create every person, or nobody if any row fails; then mail the invitations."""
    if not check_rows(by, rows):
        raise Invalid(_("Some rows have errors: nothing was imported."))
    people = [add_user(by, row.person) for row in rows]
    db.session.flush()
    links = [(user, tokens.issue(user, tokens.INVITE)) for user in people] if invite else []
    db.session.commit()
    for user, token in links:
        send_link(user, tokens.INVITE, token)
    return people


def rows_as_data(rows: list[Row]) -> list[dict]:
    return [asdict(row.person) for row in rows]


def rows_from_data(data: list) -> list[Row]:
    """Rows carried from the preview to the confirmation (checked again there)."""
    keys = {"name", "email", "role", "agency_code", "phone", "title"}
    rows = []
    for number, entry in enumerate(data, start=2):
        if not isinstance(entry, dict) or not all(
            isinstance(v, str | None) for v in entry.values()
        ):
            raise Invalid(_("The import was not understood: upload the file again."))
        values = {k: v for k, v in entry.items() if k in keys}
        rows.append(Row(number, Person(**{"name": "", "email": "", "role": "", **values})))
    return rows
