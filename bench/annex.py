"""Importing a plan's annex of 1,000 rows, as the office would from the command line.

In a temporary SQLite database with the plan loaded: `flask import annex` of a generated
workbook of 1,000 rows (agencies, coordinating agencies, sectors, dates as dates and as text,
flags, sub-items) into a new document, then the same workbook again (every row matched,
nothing written), each timed as a whole process (start-up included).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROWS = 1_000
FLASK = [sys.executable, "-m", "flask", "--app", "tracker"]
ROOT = Path(__file__).resolve().parent.parent
TARGET = "target: 1,000 rows imported in < 10 s"
AGENCIES = ("Sở Y tế", "Sở Tài chính", "Sở Nội vụ", "Công an tỉnh", "Văn phòng UBND tỉnh")
SECTORS = ("Chung", "Y tế", "Du lịch", "Nông nghiệp")


def annex_rows(count: int) -> list[dict]:
    rows = []
    for n in range(1, count + 1):
        deadline = date(2027, 1, 1) + timedelta(days=n % 300)
        rows.append(
            {
                "heading": f"Nhóm nhiệm vụ {n % 5 + 1}",
                "code": f"B-{n:04d}",
                "title": f"Nhiệm vụ số {n} của phụ lục kế hoạch",
                "kind": "Chỉ tiêu" if n % 10 == 0 else "Nhiệm vụ",
                "lead": AGENCIES[n % len(AGENCIES)],
                "coordinating": "; ".join(AGENCIES[(n + 1) % 5 : (n + 1) % 5 + 2]),
                "deadline": deadline if n % 2 else deadline.strftime("%d/%m/%Y"),
                "target_value": 90 if n % 10 == 0 else None,
                "target_unit": "%" if n % 10 == 0 else None,
                "sector": SECTORS[n % len(SECTORS)],
                "is_key": "x" if n % 7 == 0 else None,
                "is_urgent": "x" if n % 11 == 0 else None,
                "parent": f"B-{n - 1:04d}" if n % 20 == 0 else None,
            }
        )
    return rows


def write_workbook(path: Path, count: int) -> None:
    from openpyxl import Workbook

    from tracker.annex.layout import COLUMNS

    book = Workbook()
    sheet = book.active
    sheet.append([column.header for column in COLUMNS])
    for row in annex_rows(count):
        sheet.append([row.get(column.key) for column in COLUMNS])
    book.save(path)


def timed(args: list[str], env: dict[str, str]) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return seconds, done.stdout


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "TRACKER_DATABASE_URL": f"sqlite:///{folder}/bench.sqlite"}
        env["PYTHONPATH"] = str(ROOT)
        timed([*FLASK, "db", "upgrade"], env)
        timed([*FLASK, "seed"], env)
        sheet = Path(folder) / "annex.xlsx"
        write_workbook(sheet, ROWS)
        command = [*FLASK, "import", "annex", str(sheet), "--document", "900/KH-UBND"]
        first, output = timed(command, env)
        assert f"new: {ROWS}" in output, output
        again, output = timed(command, env)
        assert f"unchanged: {ROWS}" in output, output
    print(TARGET)
    print(f"annex import, {ROWS:,} rows into a new document: {first:.2f} s (whole process)")
    print(f"the same sheet again, nothing to write:      {again:.2f} s")


if __name__ == "__main__":
    main()
