"""Text folding for search: "y te" finds "y tế", "dd" is not needed for "đ"."""

import unicodedata

# Đ/đ is a letter of its own, not d plus a combining mark, so NFD leaves it alone.
_LETTERS = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str) -> str:
    """Lower-case `text`, drop diacritics and collapse white space."""
    decomposed = unicodedata.normalize("NFD", text.translate(_LETTERS).lower())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.split())
