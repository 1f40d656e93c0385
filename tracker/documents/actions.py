"""The office records an assigning document: its type, number and symbol, date, issuing body,
signer, the leader who assigned the tasks, a summary and its file."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select

from tracker.database import db
from tracker.domain.documents import code_for, is_document_number, type_from_symbol
from tracker.evidence.files import IncomingFile, check, stored
from tracker.models import Plan, User
from tracker.permissions import manages_plan
from tracker.refusals import Invalid, NotAllowed, NotFound


@dataclass(frozen=True)
class DocumentData:
    doc_type: str
    number: str
    title: str
    issuer: str
    issued_on: date | None = None
    signer: str | None = None
    assigning_leader: str | None = None
    summary: str | None = None


def _invalid(name: str, message: str) -> Invalid:
    return Invalid(message, {name: [message]})


def find_document(number: str) -> Plan | None:
    """The document with this number and symbol, however its letters are cased or spaced."""
    wanted = "".join(number.split()).upper()
    return db.session.scalar(
        select(Plan).where(func.upper(func.replace(Plan.number, " ", "")) == wanted)
    )


def _require_office(user: User) -> None:
    if not manages_plan(user):
        raise NotAllowed(_("Only the provincial office records documents."))


def _check(data: DocumentData, document: Plan | None) -> str:
    number = data.number.strip()
    if not is_document_number(number):
        raise _invalid("number", _("Write the number and symbol as in 59/KH-UBND."))
    same = find_document(number)
    if same is not None and same is not document:
        raise _invalid("number", _("Another document already has this number."))
    code = code_for(number)
    taken = db.session.scalar(select(Plan).where(Plan.code == code))
    if taken is not None and taken is not document:
        raise _invalid("number", _("Another document already has this number."))
    return number


def _values(data: DocumentData, number: str) -> dict:
    def clean(text: str | None) -> str | None:
        return (text or "").strip() or None

    return {
        "doc_type": data.doc_type,
        "number": number,
        "title": data.title.strip(),
        "issuer": data.issuer.strip(),
        "issued_on": data.issued_on,
        "signer": clean(data.signer),
        "assigning_leader": clean(data.assigning_leader),
        "summary": clean(data.summary),
    }


@contextmanager
def _attached(document: Plan, upload: IncomingFile | None) -> Iterator[None]:
    """Store the document's file (checked like evidence) and point the document at it; the
    file is removed again if what follows fails."""
    files = check([upload]) if upload is not None else []
    with stored(files) as saved:
        for file in saved:
            document.file_name = file.filename
            document.file_stored_name = file.stored_name
            document.file_content_type = file.content_type
        yield


def create_document(user: User, data: DocumentData, upload: IncomingFile | None = None) -> Plan:
    """Record a new document (its tasks are entered or imported afterwards)."""
    _require_office(user)
    number = _check(data, None)
    document = Plan(code=code_for(number), **_values(data, number))
    with _attached(document, upload):
        db.session.add(document)
        db.session.commit()
    return document


def update_document(
    user: User, document_id: int, data: DocumentData, upload: IncomingFile | None = None
) -> Plan:
    """Correct or complete a document; a new file replaces the one attached before."""
    _require_office(user)
    document = db.session.get(Plan, document_id)
    if document is None:
        raise NotFound(_("There is no such document."))
    number = _check(data, document)
    for name, value in _values(data, number).items():
        setattr(document, name, value)
    with _attached(document, upload):
        db.session.commit()
    return document


def document_for_import(number: str) -> tuple[Plan, bool]:
    """The document an annex is imported into: the one with this number, or a new one whose
    type the symbol names (date and signer left for the office to fill in). Not committed."""
    number = number.strip()
    document = find_document(number)
    if document is not None:
        return document, False
    if not is_document_number(number):
        raise _invalid("document", _("Write the number and symbol as in 59/KH-UBND."))
    document = Plan(
        code=code_for(number),
        doc_type=type_from_symbol(number).value,
        number=number,
        issuer="",
        title=number,
    )
    db.session.add(document)
    return document, True
