"""Assigning documents: their types, and the type a document's symbol shows.

A Vietnamese administrative document's number and symbol (số, ký hiệu) name its kind:
"59/KH-UBND" is a plan (kế hoạch) of the People's Committee, "12/QĐ-UBND" a decision,
"05/CT-UBND" a directive, "120/TB-UBND" a notice of conclusions, "3456/UBND-KT" an official
letter (công văn, which has no kind abbreviation of its own).
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum


class DocumentType(StrEnum):
    PLAN = "ke_hoach"
    DECISION = "quyet_dinh"
    DIRECTIVE = "chi_thi"
    CONCLUSION = "thong_bao_ket_luan"
    OFFICIAL_LETTER = "cong_van"
    OTHER = "khac"


#: The kind abbreviation of a symbol (after the number's slash, before the issuer).
ABBREVIATIONS = {
    "KH": DocumentType.PLAN,
    "QD": DocumentType.DECISION,
    "CT": DocumentType.DIRECTIVE,
    "TB": DocumentType.CONCLUSION,
}
NUMBER_PATTERN = re.compile(r"^\s*\d+[A-Za-z]?\s*/\s*\S+")


def _plain(text: str) -> str:
    """Upper case without diacritics; Đ is its own letter to Unicode, so it is mapped."""
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).upper()


def is_document_number(number: str) -> bool:
    """Whether the text looks like a number and symbol: digits, a slash, a symbol."""
    return bool(NUMBER_PATTERN.match(number or ""))


def type_from_symbol(number: str) -> DocumentType:
    """The type the symbol names: "59/KH-UBND" → a plan; "3456/UBND-KT" → an official letter."""
    _, _, symbol = _plain(number).partition("/")
    parts = [part for part in re.split(r"[-\s]+", symbol) if part]
    if not parts:
        return DocumentType.OTHER
    if parts[0] in ABBREVIATIONS:
        return ABBREVIATIONS[parts[0]]
    return DocumentType.OFFICIAL_LETTER if len(parts) >= 2 else DocumentType.OTHER


def code_for(number: str) -> str:
    """A stable key for a document made from its number: "59/KH-UBND" → "59-KH-UBND"."""
    return re.sub(r"[^A-Z0-9]+", "-", _plain(number)).strip("-")[:40]
