"""A Paper as PDF (fpdf2): the same parts and places as the Word document, in Liberation Serif
(metric-compatible with Times New Roman), whose files are vendored in papers/fonts."""

from __future__ import annotations

import io
import unicodedata

from fpdf import FPDF, FontFace
from fpdf.enums import XPos, YPos

from tracker.papers.fonts import FOLDER
from tracker.papers.paper import (
    NATIONAL_MOTTO,
    NATIONAL_NAME,
    Figure,
    Heading,
    Paper,
    Paragraph,
    Table,
)

FONTS = FOLDER
FAMILY = "LiberationSerif"
STYLES = {"": "Regular", "B": "Bold", "I": "Italic", "BI": "BoldItalic"}
LEFT, RIGHT, TOP, BOTTOM = 30.0, 15.0, 20.0, 20.0
#: Line height in millimetres for a size in points: 1.25 times the size.
_PT = 0.3528


class _Pages(FPDF):
    footer_text = ""

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FAMILY, "I", 10)
        self.cell(0, 5, f"{self.footer_text}   {self.page_no()}/{{nb}}".strip(), align="R")


def pdf_bytes(paper: Paper) -> bytes:
    pdf = _Pages(orientation="L" if paper.landscape else "P", unit="mm", format="A4")
    pdf.footer_text = _nfc(paper.footer)
    for style, name in STYLES.items():
        pdf.add_font(FAMILY, style, str(FONTS / f"LiberationSerif-{name}.ttf"))
    pdf.set_margins(LEFT, TOP, RIGHT)
    pdf.set_auto_page_break(True, margin=BOTTOM)
    pdf.set_title(_nfc(paper.title or paper.subject))
    pdf.set_author(_nfc(paper.issuer))
    pdf.add_page()
    _heading(pdf, paper)
    _opening(pdf, paper)
    for block in paper.blocks:
        WRITERS[type(block)](pdf, block)
    _closing(pdf, paper)
    return bytes(pdf.output())


def _nfc(text: str) -> str:
    """Letters composed: the font has "ộ" as one glyph, not "o" plus two marks."""
    return unicodedata.normalize("NFC", text)


def _line(pdf, text, width=0.0, align="C", size=13, style="", x=None) -> None:
    pdf.set_font(FAMILY, style, size)
    if x is not None:
        pdf.set_x(x)
    pdf.multi_cell(
        width, size * _PT * 1.3, _nfc(text), align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )


def _heading(pdf, paper: Paper) -> None:
    """Two columns side by side: the issuer left, the national header right."""
    top, usable = pdf.get_y(), pdf.epw
    left_width, right_x = usable * 0.4, LEFT + usable * 0.4
    right_width = usable - left_width
    lines = [
        (paper.superior.upper(), 13, ""),
        (paper.issuer.upper(), 13, "B"),
        ("————", 10, ""),
        (paper.number, 13, ""),
        *([(paper.subject, 12, "")] if paper.subject else []),
    ]
    for text, size, style in lines:
        _line(pdf, text, left_width, size=size, style=style)
    bottom = pdf.get_y()
    pdf.set_y(top)
    for text, size, style in [
        (NATIONAL_NAME, 12, "B"),
        (NATIONAL_MOTTO, 14, "BU"),
        ("", 8, ""),
        (paper.place_date, 14, "I"),
    ]:
        _line(pdf, text, right_width, size=size, style=style, x=right_x)
    pdf.set_y(max(bottom, pdf.get_y()) + 6)


def _opening(pdf, paper: Paper) -> None:
    if paper.kind:
        _line(pdf, paper.kind.upper(), size=14, style="B")
    if paper.title:
        _line(pdf, paper.title, size=14, style="B")
    if paper.recipients:
        pdf.ln(3)
        first, *others = paper.recipients
        _line(pdf, f"Kính gửi: {first}", size=14)
        for other in others:
            _line(pdf, f"- {other}", size=14)
    pdf.ln(4)


def _paragraph(pdf, block: Paragraph) -> None:
    style = ("B" if block.bold else "") + ("I" if block.italic else "")
    indent = "      " if block.indent else ""
    _line(pdf, indent + block.text, align="J", size=14, style=style)
    pdf.ln(2)


def _section_heading(pdf, block: Heading) -> None:
    pdf.ln(2)
    _line(pdf, block.text, align="L", size=14, style="B")
    pdf.ln(2)


def _table(pdf, block: Table) -> None:
    pdf.set_font(FAMILY, "", 11)
    aligns = tuple("R" if i in block.numeric else "L" for i in range(len(block.headers)))
    with pdf.table(
        col_widths=tuple(block.widths),
        text_align=aligns,
        headings_style=FontFace(emphasis="BOLD"),
        repeat_headings=1,
        line_height=11 * _PT * 1.3,
        padding=1,
    ) as table:
        heading = table.row()
        for text in block.headers:
            heading.cell(_nfc(text), align="C")
        for index, values in enumerate(block.rows):
            total = block.bold_last and index == len(block.rows) - 1
            row = table.row(style=FontFace(emphasis="BOLD") if total else None)
            for text in values:
                row.cell(_nfc(text))
    pdf.ln(4)


def _figure(pdf, block: Figure) -> None:
    width = min(block.width_mm, pdf.epw)
    pdf.image(io.BytesIO(block.png), x=LEFT + (pdf.epw - width) / 2, w=width)
    _line(pdf, block.caption, size=12, style="I")
    pdf.ln(2)


def _closing(pdf, paper: Paper) -> None:
    pdf.ln(4)
    if pdf.will_page_break(60):
        pdf.add_page()
    top, half = pdf.get_y(), pdf.epw / 2
    _line(pdf, "Nơi nhận:", half, align="L", size=12, style="BI")
    for copy in paper.copies:
        _line(pdf, f"- {copy}", half, align="L", size=11)
    bottom = pdf.get_y()
    pdf.set_y(top)
    right = LEFT + half
    if paper.authority:
        _line(pdf, paper.authority.upper(), half, size=14, style="B", x=right)
    _line(pdf, paper.signer_title.upper(), half, size=14, style="B", x=right)
    pdf.ln(24)
    _line(pdf, paper.signer_name, half, size=14, style="B", x=right)
    pdf.set_y(max(bottom, pdf.get_y()))


WRITERS = {
    Paragraph: _paragraph,
    Heading: _section_heading,
    Table: _table,
    Figure: _figure,
}
