"""Official papers (văn bản hành chính) as Word and PDF, in the layout of Nghị định
30/2020/NĐ-CP: a Paper (tracker.papers.paper) is written by tracker.papers.word or
tracker.papers.pdf."""

from flask import Response, abort, request
from flask_babel import gettext as _

from tracker.papers.paper import Figure, Heading, Paper, Paragraph, Table

__all__ = ["FORMATS", "Figure", "Heading", "Paper", "Paragraph", "Table", "paper_format", "send"]

FORMATS = ("docx", "pdf")
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def paper_format() -> str | None:
    """`?format=docx|pdf`; None for the HTML page; 400 for anything else."""
    fmt = request.args.get("format", "").strip().lower()
    if not fmt:
        return None
    if fmt not in FORMATS:
        abort(400, description=_("Unknown document format: use docx or pdf."))
    return fmt


def render(paper: Paper, fmt: str) -> bytes:
    # Imported when a paper is made: python-docx and fpdf2 cost every process at start-up.
    if fmt == "docx":
        from tracker.papers.word import docx_bytes

        return docx_bytes(paper)
    from tracker.papers.pdf import pdf_bytes

    return pdf_bytes(paper)


def send(paper: Paper, fmt: str, filename: str) -> Response:
    """The paper as an attachment, `filename` without extension (ASCII)."""
    return Response(
        render(paper, fmt),
        content_type=CONTENT_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{filename}.{fmt}"'},
    )
