"""What an administrative paper says, independent of Word or PDF.

The parts and their places follow Nghị định 30/2020/NĐ-CP, Phụ lục I: top left the issuing
body under its superior and the number and symbol (with "V/v …" for a letter); top right the
national name and motto, then place and date; the kind and title of the paper (a report) or
"Kính gửi: …" (a letter); the body; bottom left "Nơi nhận", bottom right the signer's authority,
title and name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: The national header: fixed text, never translated.
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False
    italic: bool = False
    indent: bool = True  #: the first line indented, as a body paragraph is


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[str]]
    widths: list[float]  #: relative widths of the columns
    numeric: frozenset[int] = frozenset()  #: columns aligned right
    bold_last: bool = False  #: the last row is a total


@dataclass(frozen=True)
class Figure:
    png: bytes
    caption: str
    width_mm: float = 160


@dataclass
class Paper:
    superior: str  #: the issuing body's superior, e.g. "UBND TỈNH BÌNH ĐỊNH"
    issuer: str  #: the issuing body, e.g. "VĂN PHÒNG"
    number: str  #: "Số: 123/VP-TH"
    place_date: str  #: "Bình Định, ngày 05 tháng 12 năm 2026"
    subject: str = ""  #: a letter's "V/v …" under its number
    kind: str = ""  #: a report's kind ("BÁO CÁO") above its title
    title: str = ""
    recipients: list[str] = field(default_factory=list)  #: "Kính gửi: …"
    blocks: list = field(default_factory=list)  #: Paragraph | Heading | Table | Figure
    copies: list[str] = field(default_factory=list)  #: "Nơi nhận"
    authority: str = ""  #: "KT. CHÁNH VĂN PHÒNG", "TL. CHỦ TỊCH"
    signer_title: str = ""
    signer_name: str = ""
    landscape: bool = False
    footer: str = ""  #: a short reference on every page, e.g. the number


def vietnamese_date(place: str, day) -> str:
    """ "Bình Định, ngày 05 tháng 12 năm 2026": days and months below 10 written with a 0 for
    day 1–9 and months 1–2, as Nghị định 30/2020 asks."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"
