"""A closed period's report as Word and PDF: the frozen figures, the chart, the overdue list;
a period not yet closed is refused with a message."""

import io

import pytest
from docx import Document
from sqlalchemy import select

from tests.papers import docx_tables, docx_text, pdf_pages, pdf_text
from tracker.database import db
from tracker.models import Period, WorkItem
from tracker.periods import actions as period_service
from tracker.reports.statistics import Dimension

OFFICE = "office@tracker.demo"


def _closed_q3(client) -> Period:
    period = db.session.scalar(select(Period).filter_by(kind="quarter", year=2026, number=3))
    assert client.post(f"/reports/periods/{period.id}/close").status_code == 302
    return period


def test_the_report_holds_the_frozen_figures(login):
    client = login(OFFICE)
    period = _closed_q3(client)
    frozen = period_service.period_table(period, Dimension.AGENCY)
    # Something done after the closing does not change the report.
    item = db.session.scalar(select(WorkItem).where(WorkItem.status != "completed"))
    item.status, item.completed_on, item.confirmed_on = (
        "completed",
        period.starts_on,
        period.starts_on,
    )
    db.session.commit()
    response = client.get(f"/periods/{period.id}/report?format=docx")
    assert response.status_code == 200
    assert 'filename="bao-cao-quy-3-2026.docx"' in response.headers["Content-Disposition"]
    agencies = docx_tables(response.data)[1]
    assert agencies[0][:3] == ["STT", "Cơ quan chủ trì", "Tổng số"]
    for row, exported in zip(frozen.rows, agencies[1:], strict=False):
        assert exported[1] == row.name and exported[2] == str(row.tally.total)
        assert exported[6] == str(row.tally.overdue)
    assert agencies[-1][1] == "Tổng số" and agencies[-1][2] == str(frozen.total.total)
    text = docx_text(response.data)
    headings = (
        "BÁO CÁO",
        "Quý 3/2026",
        "I. THEO CƠ QUAN CHỦ TRÌ",
        "II. THEO TRỤ CỘT",
        "III. THEO LĨNH VỰC",
        "IV. NHIỆM VỤ QUÁ HẠN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    )
    for heading in headings:
        assert heading in text, heading
    document = Document(io.BytesIO(response.data))
    assert len(document.inline_shapes) == 1  # the chart
    assert document.sections[0].page_width > document.sections[0].page_height  # landscape A4


def test_the_pdf_report_reads_back(login):
    client = login(OFFICE)
    period = _closed_q3(client)
    data = client.get(f"/periods/{period.id}/report?format=pdf").data
    text = " ".join(pdf_text(data).split())
    assert "BÁO CÁO" in text and "Quý 3/2026" in text and "Tổng số" in text
    assert "NV-LV-01" in text  # overdue on 30/09/2026
    assert pdf_pages(data) >= 2


def test_an_open_period_is_refused_with_a_message(login):
    client = login(OFFICE)
    period = db.session.scalar(select(Period).where(Period.status == "open"))
    response = client.get(f"/periods/{period.id}/report?format=pdf")
    assert response.status_code == 409
    assert "chưa được khóa" in response.text


@pytest.mark.parametrize(("path", "status"), [("/periods/999999/report?format=pdf", 404),
                                              ("/periods/1/report?format=odt", 400)])  # fmt: skip
def test_bad_requests(login, path, status):
    assert login(OFFICE).get(path).status_code == status


def test_agency_users_do_not_get_the_report(login):
    assert login("head.syt@tracker.demo").get("/periods/1/report?format=pdf").status_code == 403
