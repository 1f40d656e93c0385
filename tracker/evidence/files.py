"""Evidence files: size-limited, typed by their content, stored outside the web root.

A file is accepted when its content is one of the allowed types *and* its name claims that
same type: a PDF renamed "report.docx" or a text file named "scan.pdf" is refused. Files are
stored under the instance folder with generated names; the name the user gave is kept only
to offer the download under it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

import filetype
from flask import current_app
from flask_babel import gettext as _
from wtforms import MultipleFileField

from tracker.clock import now_utc
from tracker.models import Attachment
from tracker.refusals import Invalid, TooLarge

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97–2003 and Excel 97–2003 files
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OLE_TYPES = ("application/msword", "application/vnd.ms-excel", "application/x-ole-storage")
#: Extension the name claims → the content type the content must have (OLE: any OLE file).
CLAIMS = {
    "pdf": "application/pdf",
    "docx": DOCX,
    "xlsx": XLSX,
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
}
ALLOWED_NAMES = "PDF, DOCX, XLSX, DOC, XLS, PNG, JPEG"
MAX_FILES = 10


@dataclass(frozen=True)
class IncomingFile:
    """A file as received: the name the user's computer gave it and its bytes."""

    filename: str
    stream: IO[bytes]


@dataclass(frozen=True)
class StoredFile:
    filename: str
    stored_name: str
    content_type: str
    size: int


def upload_folder() -> Path:
    """Where files are kept: UPLOAD_FOLDER, by default instance/uploads (never under static/)."""
    configured = current_app.config.get("UPLOAD_FOLDER")
    folder = Path(configured) if configured else Path(current_app.instance_path) / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def path_of(attachment: Attachment) -> Path:
    return upload_folder() / PurePosixPath(attachment.stored_name).name


def detected_type(head: bytes) -> str | None:
    """The content type the bytes themselves show, or None."""
    kind = filetype.guess(head)
    if kind is not None:
        return kind.mime
    return "application/x-ole-storage" if head.startswith(OLE_MAGIC) else None


def _clean_name(filename: str) -> str:
    """The last part of the name the browser sent, without path or control characters."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    return name[-200:] or "file"


def _read(incoming: IncomingFile, limit: int) -> bytes:
    data = incoming.stream.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(
            _(
                "“%(name)s” is larger than %(size)d MB.",
                name=_clean_name(incoming.filename),
                size=limit // (1024 * 1024),
            )
        )
    return data


def _content_type(name: str, data: bytes) -> str:
    """The stored content type, after checking the content is what the name claims."""
    if not data:
        raise Invalid(_("“%(name)s” is empty.", name=name))
    claimed = CLAIMS.get(name.rsplit(".", 1)[-1].lower()) if "." in name else None
    found = detected_type(data[:8192])
    matches = found == claimed or (claimed in OLE_TYPES and found in OLE_TYPES)
    if claimed is None or not matches:
        raise Invalid(
            _(
                "“%(name)s” is not an accepted file, or its content is not what its name "
                "says. Accepted: %(types)s.",
                name=name,
                types=ALLOWED_NAMES,
            )
        )
    return claimed


@dataclass(frozen=True)
class CheckedFile:
    filename: str
    content_type: str
    data: bytes


def check(files: Sequence[IncomingFile]) -> list[CheckedFile]:
    """Read and check every file; raise before anything is stored if one is refused.

    Use cases call this before changing anything, then store what it returned.
    """
    if len(files) > MAX_FILES:
        raise Invalid(_("Attach at most %(count)d files at once.", count=MAX_FILES))
    limit = current_app.config["MAX_UPLOAD_BYTES"]
    checked = []
    for incoming in files:
        name = _clean_name(incoming.filename)
        data = _read(incoming, limit)
        checked.append(CheckedFile(name, _content_type(name, data), data))
    return checked


@contextmanager
def stored(files: Sequence[CheckedFile]) -> Iterator[list[StoredFile]]:
    """Store checked files; remove them again if the use case fails after storing them."""
    saved: list[StoredFile] = []
    folder = upload_folder()
    try:
        for file in files:
            extension = file.filename.rsplit(".", 1)[-1].lower()
            stored_name = f"{uuid.uuid4().hex}.{extension}"
            (folder / stored_name).write_bytes(file.data)
            saved.append(StoredFile(file.filename, stored_name, file.content_type, len(file.data)))
        yield saved
    except BaseException:
        for file in saved:
            (folder / file.stored_name).unlink(missing_ok=True)
        raise


def attachments(saved: Sequence[StoredFile], item_id: int, user_id: int) -> list[Attachment]:
    """Attachment rows for stored files (the caller links them to a report or a request)."""
    return [
        Attachment(
            item_id=item_id,
            uploaded_by_id=user_id,
            filename=file.filename,
            stored_name=file.stored_name,
            content_type=file.content_type,
            size=file.size,
            created_at=now_utc(),
        )
        for file in saved
    ]


def files_of(field: MultipleFileField) -> list[IncomingFile]:
    """The files actually chosen (a browser sends an empty part when none is)."""
    return [
        IncomingFile(f.filename, f.stream)
        for f in field.data or []
        if hasattr(f, "stream") and f.filename
    ]
