"""`flask import annex` and `flask export annex`: the same checks as the pages, and round trips."""

from __future__ import annotations

from openpyxl import load_workbook
from sqlalchemy import func, select

from tracker.annex.layout import COLUMNS
from tracker.database import db
from tracker.models import Agency, Plan, WorkItem

from .conftest import row, workbook
from .test_import_web import items_of


def versions(number: str) -> dict[str, int]:
    return {code: item.version for code, item in items_of(number).items()}


def test_dry_run_writes_nothing_then_the_import_writes_every_row(runner, tmp_path, good_sheet):
    path = tmp_path / "phu-luc.xlsx"
    path.write_bytes(good_sheet)
    result = runner.invoke(args=["import", "annex", str(path), "--document", "12/KH-UBND",
                                 "--dry-run"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "new: 4" in result.output and "Dry run" in result.output
    assert items_of("12/KH-UBND") == {}

    result = runner.invoke(args=["import", "annex", str(path), "--document", "12/KH-UBND"])
    assert result.exit_code == 0, result.output
    assert len(items_of("12/KH-UBND")) == 4


def test_an_invalid_sheet_exits_non_zero_with_every_row_s_fault(runner, tmp_path):
    path = tmp_path / "sai.xlsx"
    path.write_bytes(
        workbook([row("X-1", "Một", lead="Sở Không Có"), row("X-2", "Hai", deadline="hôm qua")])
    )
    result = runner.invoke(args=["import", "annex", str(path), "--document", "12/KH-UBND"])
    assert result.exit_code != 0
    assert "E2: " in result.output and "Sở Không Có" in result.output
    assert "G3: " in result.output
    assert "nothing was imported" in result.output
    assert db.session.scalar(select(Plan).where(Plan.number == "12/KH-UBND")) is None


def test_a_file_that_is_not_a_workbook_exits_non_zero(runner, tmp_path):
    path = tmp_path / "not.xlsx"
    path.write_text("hello")
    result = runner.invoke(args=["import", "annex", str(path), "--document", "12/KH-UBND"])
    assert result.exit_code != 0 and "không phải tệp Excel" in result.output


def test_plan_59_exported_imports_back_into_itself_unchanged(runner, tmp_path):
    path = tmp_path / "kh59.xlsx"
    result = runner.invoke(args=["export", "annex", "--document", "59/KH-UBND", str(path)])
    assert result.exit_code == 0, result.output
    before = versions("59/KH-UBND")
    result = runner.invoke(args=["import", "annex", str(path), "--document", "59/kh-ubnd"])
    assert result.exit_code == 0, result.output
    assert f"unchanged: {len(before)}" in result.output and "new: 0" in result.output
    db.session.expire_all()
    assert versions("59/KH-UBND") == before


def _give_ended_agencies_rows_to_their_successors(path) -> dict[str, str]:
    """The office's correction of a copy: a new document gives no work to an agency that has
    ended, so each row naming one names its successor instead. {item code: successor code}"""
    ended = {a.name: a for a in db.session.scalars(select(Agency).where(Agency.active.is_(False)))}
    keys = [column.key for column in COLUMNS]
    book = load_workbook(path)
    given = {}
    for cells in book.active.iter_rows(min_row=2):
        lead = cells[keys.index("lead")]
        if lead.value in ended:
            given[cells[keys.index("code")].value] = ended[lead.value].successor.code
            lead.value = ended[lead.value].successor.name
    book.save(path)
    return given


def test_an_export_under_a_new_number_creates_that_document_with_the_same_items(runner, tmp_path):
    path = tmp_path / "kh59.xlsx"
    runner.invoke(args=["export", "annex", "--document", "59/KH-UBND", str(path)])
    refused = runner.invoke(args=["import", "annex", str(path), "--document", "88/QĐ-UBND"])
    # Plan 59's items finished before the 2025 mergers are still led by agencies that ended,
    # which a new document (not dated yet: today's) may not name.
    assert refused.exit_code != 0
    assert (
        "“Sở Nông nghiệp và Phát triển nông thôn” không còn là cơ quan đang hoạt động"
        in refused.output
    )
    given = _give_ended_agencies_rows_to_their_successors(path)
    assert given["NV-LV-04-DAO-TAO"] == "snnmt"  # Sở NN&PTNT's training, done in 2024
    result = runner.invoke(args=["import", "annex", str(path), "--document", "88/QĐ-UBND"])
    assert result.exit_code == 0, result.output
    document = db.session.scalar(select(Plan).where(Plan.number == "88/QĐ-UBND"))
    assert document.doc_type == "quyet_dinh"  # read from the symbol
    assert document.issued_on is None and document.signer is None  # left to fill in
    copied, original = items_of("88/QĐ-UBND"), items_of("59/KH-UBND")
    assert sorted(copied) == sorted(original)
    for code, item in original.items():
        twin = copied[code]
        lead = item.lead_agency.code if code not in given else given[code]
        assert (twin.title, twin.kind, twin.deadline, twin.lead_agency.code, twin.sector_id) == (
            item.title, item.kind, item.deadline, lead, item.sector_id)  # fmt: skip
        assert twin.target_value == item.target_value
        assert [a.id for a in twin.coordinating_agencies] == [
            a.id for a in item.coordinating_agencies
        ]
        assert (twin.group.name if twin.group else None) == (
            item.group.name if item.group else None
        )
    # And that copy exported and imported again is unchanged as well.
    again = tmp_path / "kh88.xlsx"
    runner.invoke(args=["export", "annex", "--document", "88/QĐ-UBND", str(again)])
    result = runner.invoke(args=["import", "annex", str(again), "--document", "88/QĐ-UBND"])
    assert f"unchanged: {len(original)}" in result.output


def test_exporting_an_unknown_document_fails(runner, tmp_path):
    result = runner.invoke(args=["export", "annex", "--document", "1/KH-X", str(tmp_path / "a")])
    assert result.exit_code != 0 and "No document" in result.output
    assert db.session.scalar(select(func.count(WorkItem.id))) > 0
