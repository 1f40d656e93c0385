"""Fixtures for the workflow tests: an upload folder per test, sample files, form helpers."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from tracker.database import db
from tracker.models import WorkItem

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@pytest.fixture
def upload_dir(tmp_path) -> Path:
    return tmp_path / "uploads"


@pytest.fixture
def config_overrides(upload_dir) -> dict:
    """Uploads go to the test's own folder (override this fixture to add more settings)."""
    return {"UPLOAD_FOLDER": str(upload_dir)}


def _zip(first: str, second: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(first, "<Types/>")
        archive.writestr(second, "<document/>")
    return buffer.getvalue()


#: One small file of each accepted type, with contents that identify it.
SAMPLES = {
    "pdf": b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n",
    "png": b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40,
    "jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40,
    "docx": _zip("[Content_Types].xml", "word/document.xml"),
    "xlsx": _zip("[Content_Types].xml", "xl/workbook.xml"),
    "doc": OLE + b"\x00" * 504 + b"\xec\xa5\xc1\x00" + b"\x00" * 100,
    "xls": OLE + b"\x00" * 504 + b"\x09\x08\x10\x00\x00\x06\x05\x00" + b"\x00" * 100,
}


@pytest.fixture
def sample():
    """sample("pdf") -> the bytes of a small valid file of that type."""
    return SAMPLES.__getitem__


@pytest.fixture
def upload():
    """upload(data, "name.pdf") -> a file part for the test client's `data=` (multipart)."""

    def part(data: bytes, name: str) -> tuple[io.BytesIO, str]:
        return (io.BytesIO(data), name)

    return part


@pytest.fixture
def fresh(app):
    """fresh(item) -> the item as the database has it now (after requests changed it)."""

    def reload(item: WorkItem) -> WorkItem:
        db.session.expire_all()
        return db.session.get(WorkItem, item.id)

    return reload
