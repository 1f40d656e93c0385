"""A mail flattened by tracker.outbox.mail.DigestMessage: its headers written as Flask-Mail
encoded them (a short line of printable ASCII as it is, every other through the Header class,
exactly as Python's compat32 policy writes them), its texts with SMTP's line ends in one go,
byte for byte what the standard generator writes."""

import random
import string
from email import policy
from email.generator import BytesGenerator
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from io import BytesIO

import pytest

from tracker.outbox.mail import _AS_ENCODED, _LinesAtOnce

COMPAT32 = policy.compat32.clone(linesep="\r\n")
NAMES = (
    "Subject",
    "From",
    "To",
    "Message-ID",
    "Content-Type",
    "Content-Transfer-Encoding",
    "X-Auto-Response-Suppress",
)
EDGES = (
    "",
    "a",
    "a  b",
    " leading",
    "trailing ",
    "tab\there",
    "line\nbreak",
    "line\r\n folded",
    "control\x0bchar",
    "x" * 60,
    "x" * 70,
    "x" * 79,
    "word " * 15 + "end",
    'multipart/alternative; boundary="=_' + "0123456789abcdef" * 2 + '"',
    "<digest.42.20261208070000000000@tracker.example.gov.vn>",
    "=?utf-8?b?Tmhp4buHbSB24bulIHF1w6EgaOG6oW4=?=",
    "Nhiệm vụ quá hạn",
    "a: b",
    "key=value; other=thing, more",
)


@pytest.mark.parametrize("value", EDGES)
@pytest.mark.parametrize("name", NAMES)
def test_a_header_is_written_as_compat32_writes_it(name, value):
    assert _AS_ENCODED.fold_binary(name, value) == COMPAT32.fold_binary(name, value)


def test_random_headers_are_written_alike():
    rng = random.Random(22)
    alphabet = string.ascii_letters + string.digits + string.punctuation + "     \t"
    for _ in range(20_000):
        name = rng.choice(NAMES)
        value = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 90)))
        assert _AS_ENCODED.fold_binary(name, value) == COMPAT32.fold_binary(name, value), value


def test_texts_are_written_as_the_standard_generator_writes_them():
    rng = random.Random(22)
    pieces = ("a", "Nhiệm vụ", " ", "\r", "\n", "\r\n", "\n\n", ".", "From ")
    for _ in range(5_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 15)))
        message = MIMEMultipart("alternative")
        message.attach(MIMEText(text, "plain", "utf-8"))
        message.attach(MIMEText(f"<p>{text}</p>", "html", "utf-8"))
        message.set_boundary("=_boundary")
        written = []
        for generator in (BytesGenerator, _LinesAtOnce):
            flat = BytesIO()
            generator(flat, mangle_from_=False, policy=_AS_ENCODED).flatten(message)
            written.append(flat.getvalue())
        assert written[0] == written[1], repr(text)
