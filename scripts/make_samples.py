"""Write docs/samples/: the office's papers and exports, generated from the demo data.

Usage: python scripts/make_samples.py [FOLDER]
A throw-away SQLite database is seeded with the plan and the demo (as of 25/11/2026); the
office signs in, closes the third quarter of 2026, issues urging letters to two agencies and
downloads what it would attach to its papers, and the year's emulation evaluation. Run it
again after changing a layout.
"""

import sys
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

from tracker import create_app
from tracker.database import db
from tracker.models import Period
from tracker.seeding.demo import load_demo
from tracker.seeding.plan import load_plan

TODAY = date(2026, 11, 25)
AS_OF = "2026-09-30"
OFFICE = {"email": "office@tracker.demo", "password": "demo1234"}


def _app(folder: Path):
    return create_app({
        "TESTING": True,
        "SECRET_KEY": "samples",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'samples.sqlite'}",
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "MAIL_SUPPRESS_SEND": True,
        "CLOCK": lambda: datetime(2026, 11, 25, 2, 0, tzinfo=UTC),
    })  # fmt: skip


def _save(out: Path, name: str, response) -> None:
    assert response.status_code == 200, (name, response.status_code, response.text[:300])
    (out / name).write_bytes(response.data)
    print(f"{out / name}: {len(response.data):,} bytes")


def _letters(client, out: Path) -> None:
    page = client.get(f"/office/overdue?as_of={AS_OF}").text
    codes = [part.split('"')[0] for part in page.split('name="agency" value="')[1:3]]
    data = {"agency": codes, "as_of": AS_OF, "issued_on": TODAY.isoformat(),
            "numbers-0": "125/VP-TH", "numbers-1": "126/VP-TH", "authority": "KT. CHÁNH VĂN PHÒNG",
            "signer_title": "PHÓ CHÁNH VĂN PHÒNG", "signer_name": "Nguyễn Văn An"}  # fmt: skip
    assert client.post("/office/letters/new", data=data).status_code == 302
    for number, code in enumerate(codes, start=1):
        for fmt in ("docx", "pdf"):
            url = f"/office/letters/{code}?letter={number}&format={fmt}"
            _save(out, f"van-ban-don-doc-{code}.{fmt}", client.get(url))


EXPORTS = {
    "thong-ke-theo-co-quan": f"/reports/agencies?as_of={AS_OF}",
    "nhiem-vu-qua-han": f"/office/overdue?as_of={AS_OF}",
    "danh-sach-nhiem-vu-so-y-te": "/items/?agency=syt",
}


def _exports(client, out: Path) -> None:
    for name, url in EXPORTS.items():
        for fmt in ("xlsx", "csv"):
            _save(out, f"{name}.{fmt}", client.get(f"{url}&format={fmt}"))


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        app = _app(Path(scratch))
        with app.app_context():
            db.create_all()
            load_plan()
            load_demo(TODAY)
            client = app.test_client()
            assert client.post("/login", data=OFFICE).status_code == 302
            _letters(client, out)
            _exports(client, out)
            extra(client, out)
            db.session.remove()
            db.engine.dispose()


def extra(client, out: Path) -> None:
    """The report of the third quarter of 2026, once the quarter is closed."""
    period = db.session.query(Period).filter_by(kind="quarter", year=2026, number=3).one()
    assert client.post(f"/reports/periods/{period.id}/close").status_code == 302
    for fmt in ("docx", "pdf"):
        _save(
            out,
            f"bao-cao-quy-3-2026.{fmt}",
            client.get(f"/periods/{period.id}/report?format={fmt}"),
        )
    for fmt in ("xlsx", "docx"):
        url = f"/reports/evaluation/?year=2026&format={fmt}"
        _save(out, f"danh-gia-thi-dua-2026.{fmt}", client.get(url))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/samples"))
