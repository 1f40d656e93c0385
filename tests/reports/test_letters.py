"""Urging letters: the draft as Word and PDF, the office numbering and signing letters to two
agencies, the record on each item, and every refusal with its message."""

import re
from datetime import date

import pytest
from sqlalchemy import func, select

from tests.papers import docx_tables, docx_text, pdf_text
from tests.spreadsheets import table
from tracker.database import db
from tracker.models import Activity, Agency, UrgingLetter, UrgingLetterItem, WorkItem

OFFICE = "office@tracker.demo"
AS_OF = "2026-09-30"


def _overdue_agencies(client, count: int) -> list[str]:
    """Agencies the overdue list offers to write to, as the page shows them."""
    page = client.get(f"/office/overdue?as_of={AS_OF}").text
    codes = [part.split('"')[0] for part in page.split('name="agency" value="')[1:]]
    assert len(codes) >= count
    return codes[:count]


def _issue(client, codes, numbers, **fields):
    data = {"agency": codes, "as_of": AS_OF, "issued_on": "2026-11-25",
            "signer_title": "PHÓ CHÁNH VĂN PHÒNG", "signer_name": "Trần Văn Bình",
            "authority": "KT. CHÁNH VĂN PHÒNG"}  # fmt: skip
    data.update({f"numbers-{i}": number for i, number in enumerate(numbers)}, **fields)
    return client.post("/office/letters/new", data=data)


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_draft_is_an_administrative_paper(login, fmt):
    response = login(OFFICE).get(f"/office/letters/syt?as_of={AS_OF}&format={fmt}")
    assert response.status_code == 200
    assert (
        f'filename="du-thao-don-doc-syt-{AS_OF}.{fmt}"' in response.headers["Content-Disposition"]
    )
    text = (docx_text if fmt == "docx" else pdf_text)(response.data)
    for expected in ("UBND TỈNH GIA LAI", "VĂN PHÒNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                     "Độc lập - Tự do - Hạnh phúc", "Kính gửi: Sở Y tế", "DỰ THẢO",
                     "Tính đến ngày 30/09/2026, Sở Y tế còn", "NV-LV-01", "Nơi nhận:",
                     "V/v đôn đốc thực hiện các nhiệm vụ quá hạn"):  # fmt: skip
        assert expected in " ".join(text.split()), expected


def test_the_draft_lists_each_item_with_its_document_and_deadlines(login, item_by_code):
    data = login(OFFICE).get(f"/office/letters/syt?as_of={AS_OF}&format=docx").data
    listing = docx_tables(data)[1]
    assert listing[0] == ["STT", "Nhiệm vụ", "Văn bản giao nhiệm vụ", "Thời hạn ban đầu",
                          "Thời hạn hiện hành", "Số ngày quá hạn"]  # fmt: skip
    # The health sector's work is counted (and urged) through its sub-items.
    line = next(row for row in listing[1:] if row[1].startswith("NV-LV-01-"))
    item = item_by_code(line[1].split(". ", 1)[0])
    assert line[2] == item.plan.number
    assert line[4] == "/".join(reversed(str(item.deadline).split("-")))
    assert int(line[5]) == (date(2026, 9, 30) - item.deadline).days
    days = [int(row[5]) for row in listing[1:]]
    assert days == sorted(days, reverse=True)  # the most overdue first


def test_the_office_issues_letters_to_two_agencies(login):
    client = login(OFFICE)
    codes = _overdue_agencies(client, 2)
    response = _issue(client, codes, ["101/VP-TH", "102/VP-TH"])
    assert response.status_code == 302
    letters = db.session.scalars(select(UrgingLetter).order_by(UrgingLetter.id)).all()
    assert [(x.agency.code, x.number) for x in letters] == list(
        zip(codes, ["101/VP-TH", "102/VP-TH"], strict=True)
    )
    index = client.get(response.headers["Location"]).text
    assert index.count("data-issued") == 2
    for letter in letters:
        listed = db.session.scalars(
            select(UrgingLetterItem.item_id).where(UrgingLetterItem.letter_id == letter.id)
        ).all()
        lead = {db.session.get(WorkItem, item_id).lead_agency_id for item_id in listed}
        assert listed and lead == {letter.agency_id}
        notes = db.session.scalars(
            select(Activity.note).where(Activity.verb == "urged", Activity.item_id.in_(listed))
        ).all()
        assert notes == [f"Số {letter.number} ngày 25/11/2026"] * len(listed)
        for fmt, read in (("docx", docx_text), ("pdf", pdf_text)):
            url = f"/office/letters/{letter.agency.code}?letter={letter.id}&format={fmt}"
            text = " ".join(read(client.get(url).data).split())
            assert f"Số: {letter.number}" in text and "DỰ THẢO" not in text
            assert "Gia Lai, ngày 25 tháng 11 năm 2026" in text
            assert "KT. CHÁNH VĂN PHÒNG" in text and "Trần Văn Bình" in text


def test_a_letter_is_on_the_items_history_and_the_overdue_list(login):
    client = login(OFFICE)
    [code] = _overdue_agencies(client, 1)
    assert _issue(client, [code], ["55/VP-TH"]).status_code == 302
    entry = db.session.scalar(select(UrgingLetterItem).order_by(UrgingLetterItem.position))
    page = client.get(f"/items/{entry.item_id}").text
    assert "Đã đôn đốc bằng văn bản" in page and "Số 55/VP-TH ngày 25/11/2026" in page
    overdue = client.get(f"/office/overdue?as_of={AS_OF}").text
    assert "Đã gửi 1 văn bản đôn đốc, gần nhất số 55/VP-TH ngày 25/11/2026" in overdue
    _sheet, header, rows = table(client.get(f"/office/overdue?as_of={AS_OF}&format=xlsx").data)
    letters = {row[1]: row[header.index("Số văn bản đôn đốc")] for row in rows}
    assert letters[db.session.get(WorkItem, entry.item_id).code] == 1
    assert set(letters.values()) == {0, 1}


def test_an_agency_with_nothing_overdue_gets_no_letter(login, agency):
    db.session.commit()
    client = login(OFFICE)
    [code] = _overdue_agencies(client, 1)
    response = _issue(client, [code, agency.code], ["1/VP-TH", "2/VP-TH"])
    assert response.status_code == 400
    assert "không có nhiệm vụ quá hạn của: Cơ quan thử nghiệm" in response.text
    assert db.session.scalar(select(func.count(UrgingLetter.id))) == 0  # not even the other
    assert db.session.scalar(select(func.count(Activity.id)).where(Activity.verb == "urged")) == 0
    draft = client.get(f"/office/letters/{agency.code}?as_of={AS_OF}&format=pdf")
    assert draft.status_code == 200
    assert "không có nhiệm vụ được giao nào quá hạn" in " ".join(pdf_text(draft.data).split())


@pytest.mark.parametrize(
    ("codes", "numbers", "message"),
    [
        ([], [], "Chọn ít nhất một cơ quan để gửi văn bản."),
        (["syt"], [""], "Nhập số, ký hiệu văn bản"),
        (["syt", "stttt"], ["7/VP-TH", "7/VP-TH"], "Mỗi văn bản phải có số riêng."),
    ],
)
def test_bad_selections_are_refused_with_a_message(login, codes, numbers, message):
    response = _issue(login(OFFICE), codes, numbers)
    assert response.status_code == 400
    assert message in response.text
    assert db.session.scalar(select(func.count(UrgingLetter.id))) == 0


def test_a_letter_of_another_agency_or_none_is_404(login):
    client = login(OFFICE)
    [code] = _overdue_agencies(client, 1)
    _issue(client, [code], ["9/VP-TH"])
    letter = db.session.scalar(select(UrgingLetter))
    other = db.session.scalar(select(Agency.code).where(Agency.id != letter.agency_id))
    assert client.get(f"/office/letters/{other}?letter={letter.id}&format=pdf").status_code == 404
    assert client.get(f"/office/letters/{code}?letter=99999999999999&format=pdf").status_code == 400
    assert client.get(f"/office/letters/{code}?format=odt").status_code == 400


def test_the_leader_reads_but_does_not_issue(login):
    leader = login("leader@tracker.demo")
    assert leader.get(f"/office/letters/syt?as_of={AS_OF}&format=docx").status_code == 200
    assert _issue(leader, ["syt"], ["3/VP-TH"]).status_code == 403


def test_a_long_letter_s_page_shows_the_most_overdue_and_sends_the_rest_to_paper(
    login, monkeypatch
):
    """Thousands of overdue items do not make a page of megabytes: the page shows the first
    lines, says how many the letter lists, and the Word draft lists them all."""
    from tracker.letters import views

    client = login(OFFICE)
    whole = client.get(f"/office/letters/syt?as_of={AS_OF}").text
    codes = re.findall(r'class="letter-code">([^<]*)<', whole)
    rows = len(codes)
    assert rows > 2 and 'id="letter-shortened"' not in whole and "data-print" in whole
    monkeypatch.setattr(views, "SHOWN_ON_PAGE", 2)
    page = client.get(f"/office/letters/syt?as_of={AS_OF}").text
    assert re.findall(r'class="letter-code">([^<]*)<', page) == codes[:2]  # the most overdue
    assert f"Thư liệt kê {rows} nhiệm vụ" in page and "data-print" not in page
    assert f"Sở Y tế còn {rows} nhiệm vụ" in " ".join(page.split())
    listing = docx_tables(client.get(f"/office/letters/syt?as_of={AS_OF}&format=docx").data)[1]
    assert len(listing) - 1 == rows
