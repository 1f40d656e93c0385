"""The annex's columns, in the order of the template, and the words its cells may hold.

The headers are the template's fixed Vietnamese text, like the national header of an export:
a sheet is read by position, and the header row is checked so that a sheet in another layout
is refused rather than read into the wrong fields.
"""

from __future__ import annotations

from dataclasses import dataclass

from tracker.domain.text import fold


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int
    limit: int  #: the most characters a cell may hold


COLUMNS = (
    Column("heading", "Đề mục", 24, 200),
    Column("code", "Mã dòng", 14, 60),
    Column("title", "Nhiệm vụ, chỉ tiêu", 60, 2000),
    Column("kind", "Loại (nhiệm vụ / chỉ tiêu)", 14, 20),
    Column("lead", "Cơ quan chủ trì", 30, 200),
    Column("coordinating", "Cơ quan phối hợp (cách nhau bởi dấu ;)", 36, 2000),
    Column("deadline", "Thời hạn (dd/mm/yyyy)", 14, 20),
    Column("target_value", "Giá trị chỉ tiêu", 12, 30),
    Column("target_unit", "Đơn vị tính", 12, 40),
    Column("sector", "Lĩnh vực", 20, 120),
    Column("is_key", "Trọng tâm (x)", 10, 10),
    Column("is_urgent", "Khẩn (x)", 10, 10),
    Column("not_public", "Không công khai (x)", 12, 10),
    Column("parent", "Mã dòng cha (nhiệm vụ con)", 14, 60),
)
KEYS = tuple(column.key for column in COLUMNS)
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
HEADER_ROW = 1
FIRST_ROW = HEADER_ROW + 1
SHEET_TITLE = "Phu luc"

KIND_WORDS = {"nhiem vu": "task", "task": "task", "chi tieu": "target", "target": "target"}
KIND_NAMES = {"task": "Nhiệm vụ", "target": "Chỉ tiêu"}
YES_WORDS = frozenset({"x", "co", "1", "yes", "true", "v"})
NO_WORDS = frozenset({"", "khong", "0", "no", "false"})
MARK = "x"


def letter(key: str) -> str:
    """The column's letter in the sheet, as a person finds it: "E" for the lead agency."""
    return LETTERS[KEYS.index(key)]


def header_matches(cells: list) -> bool:
    """Whether a header row is the template's (case, accents and spacing aside)."""
    given = [fold(str(cell or "")) for cell in cells[: len(COLUMNS)]]
    return given == [fold(column.header) for column in COLUMNS]


def kind_of(text: str) -> str | None:
    return KIND_WORDS.get(fold(text)) if text else "task"


def flag_of(text: str) -> bool | None:
    """True for a mark (x, có, 1), False for nothing or "không", None for anything else."""
    word = fold(text)
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    return None
