"""Reading a generated paper back as Word and a PDF reader would: its text, in order."""

from __future__ import annotations

import io

from docx import Document
from pypdf import PdfReader


def docx_text(data: bytes) -> str:
    """Every paragraph, and each table's cells row by row, of a Word document, in order."""
    parts: list[str] = []
    for block in Document(io.BytesIO(data)).iter_inner_content():
        if hasattr(block, "rows"):
            for row in block.rows:
                cells = ("\n".join(p.text for p in cell.paragraphs) for cell in row.cells)
                parts.append(" | ".join(cells))
        else:
            parts.append(block.text)
    return "\n".join(parts)


def docx_tables(data: bytes) -> list[list[list[str]]]:
    return [
        [[cell.text for cell in row.cells] for row in table.rows]
        for table in Document(io.BytesIO(data)).tables
    ]


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def pdf_pages(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)
