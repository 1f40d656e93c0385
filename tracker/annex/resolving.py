"""From a sheet's cells to what an item is made of: agencies, sector and dates found, each
fault pointed at its row and column, with the nearest name when an agency is unknown."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from flask_babel import gettext as _
from sqlalchemy import select

from tracker.annex.layout import flag_of, kind_of, letter
from tracker.annex.reading import Problem, RawRow
from tracker.database import db
from tracker.domain.text import fold
from tracker.models import Agency, ReorganisationEvent, Sector, event_agencies

DATE_TEXT = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
ISO_TEXT = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
EXCEL_EPOCH = date(1899, 12, 30)
SEPARATORS = re.compile(r"[;\n]+")


@dataclass
class AnnexRow:
    """One row, read and resolved: what an item of the document is made of."""

    number: int
    code: str
    title: str
    kind: str = "task"
    heading: str | None = None
    lead: Agency | None = None
    coordinating: list[Agency] = field(default_factory=list)
    deadline: date | None = None
    target_value: Decimal | None = None
    target_unit: str | None = None
    sector: Sector | None = None
    is_key: bool = False
    is_urgent: bool = False
    is_public: bool = True
    parent_code: str | None = None


class Names:
    """Agencies and sectors by every name a person writes for them, accents aside: an agency
    also by a name it had before a rename. `issued_on` is the document's date: an agency that
    ended after it is still named by the document's rows."""

    def __init__(self, issued_on: date | None = None) -> None:
        self.issued_on = issued_on
        agencies = db.session.scalars(select(Agency).order_by(Agency.name)).all()
        sectors = db.session.scalars(select(Sector).order_by(Sector.position)).all()
        self.agencies = self._index(agencies, ("name", "short_name", "code"))
        for old_name, agency in db.session.execute(
            select(ReorganisationEvent.old_name, Agency)
            .join(event_agencies, event_agencies.c.event_id == ReorganisationEvent.id)
            .join(Agency, Agency.id == event_agencies.c.agency_id)
            .where(ReorganisationEvent.kind == "rename")
        ).all():
            self.agencies.setdefault(fold(old_name), agency)
        self.sectors = self._index(sectors, ("name", "code"))
        self.agency_names = {fold(a.name): a.name for a in agencies if a.active}
        self.sector_names = {fold(s.name): s.name for s in sectors}

    def named(self, agency: Agency) -> bool:
        """Whether the document may name the agency: active, or ended after the document."""
        if agency.active:
            return True
        ended = agency.existing_until
        return ended is not None and self.issued_on is not None and self.issued_on < ended

    @staticmethod
    def _index(rows, attributes) -> dict:
        index = {}
        for row in rows:
            for attribute in attributes:
                value = getattr(row, attribute)
                if value:
                    index.setdefault(fold(value), row)
        return index


def nearest(text: str, names: dict[str, str]) -> str | None:
    found = difflib.get_close_matches(fold(text), list(names), n=1, cutoff=0.6)
    return names[found[0]] if found else None


def _unknown(text: str, names: dict[str, str], what: str) -> str:
    found = nearest(text, names)
    if found:
        return _("Unknown %(what)s “%(text)s”: did you mean “%(name)s”?", what=what, text=text,
                 name=found)  # fmt: skip
    return _("Unknown %(what)s “%(text)s”.", what=what, text=text)


def parse_date(value) -> date | None:
    """A deadline as written: an Excel date, its serial number, 31/12/2025 or 2025-12-31."""
    if value is None or isinstance(value, date):
        return value
    if isinstance(value, int | float) and 1 <= value < 2958466:
        return EXCEL_EPOCH + timedelta(days=int(value))
    text = str(value).strip()
    match = DATE_TEXT.match(text)
    parts = (match.group(3), match.group(2), match.group(1)) if match else None
    match = ISO_TEXT.match(text)
    parts = (match.group(1), match.group(2), match.group(3)) if match else parts
    if parts is None:
        raise ValueError(text)
    return date(*(int(part) for part in parts))


def parse_number(value) -> Decimal | None:
    """A target value: a number cell, or text written as 1.000,5 or 1000.5."""
    if value is None:
        return None
    if isinstance(value, int | float):
        number = Decimal(str(value))
    else:
        text = str(value).replace(" ", "").replace("%", "")
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        number = Decimal(text)
    if not number.is_finite() or abs(number) >= Decimal("1e12"):
        raise InvalidOperation(str(value))
    return number.quantize(Decimal("0.01"))


class RowReader:
    """Reads rows one by one, collecting every fault instead of stopping at the first."""

    def __init__(self, names: Names, problems: list[Problem]) -> None:
        self.names = names
        self.problems = problems
        self.codes: dict[str, int] = {}

    def fault(self, row: RawRow, key: str, message: str) -> None:
        self.problems.append(Problem(message, row.number, letter(key)))

    def text(self, row: RawRow, key: str) -> str | None:
        value = row.cells.get(key)
        if value is None:
            return None
        if isinstance(value, date):
            return value.strftime("%d/%m/%Y")
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).strip() or None

    def agency(self, row: RawRow, key: str, text: str) -> Agency | None:
        agency = self.names.agencies.get(fold(text))
        if agency is None:
            self.fault(row, key, _unknown(text, self.names.agency_names, _("agency")))
        elif not self.names.named(agency):
            self.fault(row, key, _("“%(name)s” is no longer an active agency.", name=agency.name))
            return None
        return agency

    def read(self, row: RawRow) -> AnnexRow:
        code = self.text(row, "code")
        title = self.text(row, "title")
        if not code:
            self.fault(row, "code", _("Give the row a code: it identifies the row on re-import."))
        elif code.upper() in self.codes:
            first = self.codes[code.upper()]
            message = _("Duplicate row: code %(code)s is already used in row %(row)d.")
            self.fault(row, "code", message % {"code": code, "row": first})
        else:
            self.codes[code.upper()] = row.number
        if not title:
            self.fault(row, "title", _("Write the task or target."))
        result = AnnexRow(row.number, code or "", title or "", heading=self.text(row, "heading"))
        self._kind(row, result)
        self._agencies(row, result)
        self._deadline(row, result)
        self._target(row, result)
        self._sector(row, result)
        self._flags(row, result)
        parent = self.text(row, "parent")
        result.parent_code = parent
        if parent and code and parent.upper() == code.upper():
            self.fault(row, "parent", _("A row cannot be its own parent."))
        return result

    def _kind(self, row: RawRow, result: AnnexRow) -> None:
        kind = kind_of(self.text(row, "kind") or "")
        if kind is None:
            self.fault(row, "kind", _("Write “nhiệm vụ” or “chỉ tiêu”."))
        result.kind = kind or "task"

    def _agencies(self, row: RawRow, result: AnnexRow) -> None:
        lead = self.text(row, "lead")
        if not lead:
            self.fault(row, "lead", _("Name the lead agency: every item has exactly one."))
        else:
            result.lead = self.agency(row, "lead", lead)
        names = [part.strip() for part in SEPARATORS.split(self.text(row, "coordinating") or "")]
        found = [self.agency(row, "coordinating", name) for name in names if name]
        lead_id = result.lead.id if result.lead else None
        unique = {agency.id: agency for agency in found if agency and agency.id != lead_id}
        result.coordinating = sorted(unique.values(), key=lambda agency: agency.code)

    def _deadline(self, row: RawRow, result: AnnexRow) -> None:
        try:
            result.deadline = parse_date(row.cells.get("deadline"))
        except ValueError:
            self.fault(row, "deadline", _("Not a date: write it as 31/12/2025."))

    def _target(self, row: RawRow, result: AnnexRow) -> None:
        try:
            result.target_value = parse_number(row.cells.get("target_value"))
        except (InvalidOperation, ValueError):
            self.fault(row, "target_value", _("Not a number."))
        result.target_unit = self.text(row, "target_unit")
        if result.kind == "target" and result.deadline is None:
            self.fault(row, "deadline", _("A target needs its deadline (the year it is due)."))

    def _sector(self, row: RawRow, result: AnnexRow) -> None:
        text = self.text(row, "sector")
        if text:
            result.sector = self.names.sectors.get(fold(text))
            if result.sector is None:
                self.fault(row, "sector", _unknown(text, self.names.sector_names, _("sector")))

    def _flags(self, row: RawRow, result: AnnexRow) -> None:
        values = {}
        for key in ("is_key", "is_urgent", "not_public"):
            flag = flag_of(self.text(row, key) or "")
            if flag is None:
                self.fault(row, key, _("Mark with x, or leave empty."))
            values[key] = bool(flag)
        result.is_key, result.is_urgent = values["is_key"], values["is_urgent"]
        result.is_public = not values["not_public"]
