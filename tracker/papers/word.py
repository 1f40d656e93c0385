"""A Paper as a Word document (python-docx): A4, Times New Roman 13–14, the margins and the
placement of Nghị định 30/2020/NĐ-CP."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from tracker.papers.paper import (
    NATIONAL_MOTTO,
    NATIONAL_NAME,
    Figure,
    Heading,
    Paper,
    Paragraph,
    Table,
)

FONT = "Times New Roman"
CENTER, RIGHT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY


def docx_bytes(paper: Paper) -> bytes:
    document = Document()
    _page(document, paper.landscape)
    _base_font(document)
    _heading(document, paper)
    _opening(document, paper)
    for block in paper.blocks:
        WRITERS[type(block)](document, block)
    _closing(document, paper)
    document.core_properties.title = paper.title or paper.subject
    document.core_properties.author = paper.issuer
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _page(document, landscape: bool) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)


def _base_font(document) -> None:
    style = document.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(13)
    # East Asian and complex-script slots too, or Word falls back to another font for them.
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)
    style.paragraph_format.space_after = Pt(0)


def _line(container, text: str, align=CENTER, size=13, bold=False, italic=False, underline=False):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    run = paragraph.add_run(text)
    run.font.size, run.bold, run.italic, run.underline = Pt(size), bold, italic, underline
    return paragraph


def _two_columns(document, widths_cm: tuple[float, float]):
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, cell, width in zip(table.columns, table.rows[0].cells, widths_cm, strict=True):
        column.width = cell.width = Cm(width)
        cell.paragraphs[0]._element.getparent().remove(cell.paragraphs[0]._element)
    return table.rows[0].cells


def _heading(document, paper: Paper) -> None:
    """Issuing body and number left, national name and motto, place and date right."""
    left, right = _two_columns(document, (6.5, 9.5))
    _line(left, paper.superior.upper(), size=13)
    _line(left, paper.issuer.upper(), size=13, bold=True)
    _line(left, "————", size=10)
    _line(left, paper.number, size=13)
    if paper.subject:
        _line(left, paper.subject, size=12)
    _line(right, NATIONAL_NAME, size=12, bold=True)
    _line(right, NATIONAL_MOTTO, size=14, bold=True, underline=True)
    _line(right, "")
    _line(right, paper.place_date, size=14, italic=True)


def _opening(document, paper: Paper) -> None:
    _line(document, "")
    if paper.kind:
        _line(document, paper.kind.upper(), size=14, bold=True)
    if paper.title:
        _line(document, paper.title, size=14, bold=True)
    if paper.recipients:
        _line(document, "")
        first, *others = paper.recipients
        _line(document, f"Kính gửi: {first}", size=14)
        for other in others:
            _line(document, f"- {other}", size=14)
    _line(document, "")


def _paragraph(document, block: Paragraph) -> None:
    paragraph = _line(
        document, block.text, align=JUSTIFY, size=14, bold=block.bold, italic=block.italic
    )
    paragraph.paragraph_format.space_after = Pt(6)
    if block.indent:
        paragraph.paragraph_format.first_line_indent = Cm(1.0)


def _section_heading(document, block: Heading) -> None:
    paragraph = _line(document, block.text, align=JUSTIFY, size=14, bold=True)
    paragraph.paragraph_format.space_before = Pt(6)
    paragraph.paragraph_format.space_after = Pt(6)


def _table(document, block: Table) -> None:
    table = document.add_table(rows=1, cols=len(block.headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    section = document.sections[0]
    page = section.page_width - section.left_margin - section.right_margin
    widths = [int(page * w / sum(block.widths)) for w in block.widths]
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid: LibreOffice reads it, not the cells' widths
    for cell, text, width in zip(table.rows[0].cells, block.headers, widths, strict=True):
        cell.width = width
        _cell_text(cell, text, CENTER, bold=True)
    # The header row repeats on every page.
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for index, row in enumerate(block.rows):
        bold = block.bold_last and index == len(block.rows) - 1
        cells = table.add_row().cells
        for column, (cell, text, width) in enumerate(zip(cells, row, widths, strict=True)):
            cell.width = width
            _cell_text(cell, text, RIGHT if column in block.numeric else None, bold=bold)
    _line(document, "")


def _cell_text(cell, text: str, align, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    if align is not None:
        paragraph.alignment = align
    run = paragraph.add_run(text)
    run.font.size, run.bold = Pt(11), bold


def _figure(document, block: Figure) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = CENTER
    paragraph.add_run().add_picture(io.BytesIO(block.png), width=Mm(block.width_mm))
    _line(document, block.caption, size=12, italic=True)


def _closing(document, paper: Paper) -> None:
    _line(document, "")
    left, right = _two_columns(document, (8.0, 8.0))
    _line(left, "Nơi nhận:", align=None, size=12, bold=True, italic=True)
    for copy in paper.copies:
        _line(left, f"- {copy}", align=None, size=11)
    if paper.authority:
        _line(right, paper.authority.upper(), size=14, bold=True)
    _line(right, paper.signer_title.upper(), size=14, bold=True)
    for _blank in range(4):
        _line(right, "")
    _line(right, paper.signer_name, size=14, bold=True)


WRITERS = {
    Paragraph: _paragraph,
    Heading: _section_heading,
    Table: _table,
    Figure: _figure,
}
