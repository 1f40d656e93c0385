"""Liberation Serif, vendored (see README.md): the PDF papers and the chart images use it."""

from pathlib import Path

FOLDER = Path(__file__).parent


def font_path(style: str) -> str:
    """The file of a style: Regular, Bold, Italic or BoldItalic."""
    return str(FOLDER / f"LiberationSerif-{style}.ttf")
