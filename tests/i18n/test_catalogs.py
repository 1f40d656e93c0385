"""The Vietnamese catalog is complete and keeps every placeholder of its English msgids."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent.parent
CATALOG = ROOT / "tracker" / "translations" / "vi" / "LC_MESSAGES" / "messages.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")


def _catalog():
    with CATALOG.open("rb") as handle:
        return read_po(handle)


def _messages():
    return [message for message in _catalog() if message.id]


def _ids(message) -> tuple[str, ...]:
    return message.id if isinstance(message.id, tuple) else (message.id,)


def _strings(message) -> tuple[str, ...]:
    return message.string if isinstance(message.string, tuple) else (message.string,)


@pytest.mark.parametrize("message", _messages(), ids=lambda m: _ids(m)[0][:40])
def test_every_message_is_translated_with_its_placeholders(message):
    assert all(_strings(message)), f"untranslated: {message.id!r}"
    assert not message.fuzzy, f"fuzzy: {message.id!r}"
    expected = set(PLACEHOLDER.findall(_ids(message)[-1]))
    for translation in _strings(message):
        assert set(PLACEHOLDER.findall(translation)) == expected, message.id


def test_every_string_in_the_code_is_in_the_catalog(tmp_path):
    template = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "lazy_ngettext:1,2",
            "--ignore-dirs",
            ".* __pycache__",  # as `make translations`: pybabel would skip templates/_macros
            "-o",
            str(template),
            "--no-location",
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with template.open("rb") as handle:
        extracted = {_ids(m)[0] for m in read_po(handle) if m.id}
    known = {_ids(m)[0] for m in _messages()}
    assert extracted - known == set(), "run `make translations` and translate the new strings"
