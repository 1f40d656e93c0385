"""Late updates: an update records its reporting deadline when written; per agency, the share
of late updates and the open items without an update, on the statistics page, in its exports
and in a period's report (as frozen when the period closed)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from flask_migrate import stamp, upgrade
from sqlalchemy import select, text

from tests.papers import docx_tables
from tests.spreadsheets import csv_rows, table
from tracker.database import db, enable_migrations
from tracker.models import Agency, Period, ProgressReport, User, WorkItem
from tracker.periods import actions as period_service
from tracker.reports import statistics
from tracker.reports.statistics import Dimension
from tracker.timeliness.stamp import local_day
from tracker.workflow.actions import Report, record_progress

OFFICE = "office@tracker.demo"
HEAD = "head.syt@tracker.demo"
NOVEMBER = "/reports/agencies?as_of=2026-11-25"


def _update(app, item, on: datetime) -> ProgressReport:
    clock, app.config["CLOCK"] = app.config["CLOCK"], lambda: on
    head = db.session.scalar(select(User).where(User.email == HEAD))
    record_progress(head, item.id, item.version, Report(text="Đang triển khai.", progress=30))
    app.config["CLOCK"] = clock
    return db.session.scalars(
        select(ProgressReport).where(ProgressReport.item_id == item.id).order_by(ProgressReport.id)
    ).all()[-1]


def test_an_update_records_its_deadline_and_whether_it_came_late(app, make_item):
    item = make_item("syt", deadline=date(2027, 6, 30))
    half_yearly = make_item("syt", deadline=date(2027, 6, 30), report_every_months=6)
    db.session.commit()
    first = _update(app, item, datetime(2026, 11, 24, 2, 0, tzinfo=UTC))  # after the 20th
    assert (first.due_on, first.late) == (date(2026, 11, 20), True)
    second = _update(app, item, datetime(2026, 11, 25, 2, 0, tzinfo=UTC))
    assert (second.due_on, second.late) == (date(2026, 11, 20), False)  # the cycle's report exists
    # 30/11 23:30 in Vietnam is 16:30 UTC: still November's cycle, not December's.
    evening = _update(app, item, datetime(2026, 11, 30, 16, 30, tzinfo=UTC))
    assert evening.due_on == date(2026, 11, 20)
    december = _update(app, item, datetime(2026, 11, 30, 17, 30, tzinfo=UTC))  # 1/12 00:30
    assert (december.due_on, december.late) == (date(2026, 12, 20), False)
    half = _update(app, half_yearly, datetime(2026, 11, 24, 2, 0, tzinfo=UTC))
    assert (half.due_on, half.late) == (date(2026, 12, 20), False)


def test_the_demo_updates_are_stamped(app):
    missing = select(ProgressReport.id).where(ProgressReport.due_on.is_(None))
    assert db.session.scalars(missing).first() is None
    assert db.session.scalars(select(ProgressReport.id).where(ProgressReport.late)).first()


def _syt_updates(html: str) -> dict[str, str]:
    row = re.search(r'<tr data-code="syt">(.*?)</tr>', html, re.S).group(1)
    return dict(re.findall(r'data-updates="([a-z-]+)">([^<]*)<', row))


def test_statistics_count_late_updates_and_items_not_updated(app, login, make_item):
    client = login(OFFICE)
    before = _syt_updates(client.get(NOVEMBER).text)
    item = make_item("syt", deadline=date(2027, 6, 30))
    db.session.commit()
    silent = _syt_updates(client.get(NOVEMBER).text)
    assert int(silent["never"]) == int(before["never"]) + 1
    _update(app, item, datetime(2026, 11, 24, 2, 0, tzinfo=UTC))
    after = _syt_updates(client.get(NOVEMBER).text)
    assert int(after["count"]) == int(before["count"]) + 1
    assert int(after["late"]) == int(before["late"]) + 1
    assert after["never"] == before["never"]
    assert "Cập nhật từ 01/11/2026" in client.get(NOVEMBER).text


def test_exports_carry_the_update_columns_typed(app, login, make_item):
    client = login(OFFICE)
    item = make_item("syt", deadline=date(2027, 6, 30))
    db.session.commit()
    _update(app, item, datetime(2026, 11, 24, 2, 0, tzinfo=UTC))
    shown = _syt_updates(client.get(NOVEMBER).text)
    sheet, header, rows = table(client.get(NOVEMBER + "&format=xlsx").data)
    assert header[-4:] == [
        "Số lượt cập nhật", "Cập nhật chậm", "Tỷ lệ cập nhật chậm (%)", "Nhiệm vụ chưa cập nhật",
    ]  # fmt: skip
    line = next(n for n, row in enumerate(rows, start=2) if row[1] == "Sở Y tế")
    updates, late, share, never = rows[line - 2][-4:]
    assert (updates, late, never) == (int(shown["count"]), int(shown["late"]), int(shown["never"]))
    assert isinstance(updates, int) and abs(share - late / updates) < 0.001
    assert sheet.cell(line, len(header) - 1).number_format.endswith("%")
    csv = csv_rows(client.get(NOVEMBER + "&format=csv").data)
    assert csv[0] == header
    syt = next(row for row in csv if row[1] == "Sở Y tế")
    assert syt[-4:-2] == [str(updates), str(late)] and syt[-1] == str(never)


def _october(client) -> Period:
    data = {"kind": "month", "year": "2026", "number": "10", "cutoff_day": ""}
    assert client.post("/reports/periods/", data=data).status_code == 302
    return db.session.scalar(select(Period).filter_by(kind="month", year=2026, number=10))


def test_a_closed_period_keeps_its_update_figures(app, login, make_item):
    client = login(OFFICE)
    period = _october(client)
    assert client.post(f"/reports/periods/{period.id}/close").status_code == 302
    frozen = period_service.period_table(period, Dimension.AGENCY)
    assert frozen.updates_from == date(2026, 10, 1)
    syt = frozen.row("syt").updates
    # An update written later but dated inside the window (a correction of the records, say).
    item = make_item("syt", deadline=date(2027, 6, 30))
    head = db.session.scalar(select(User).where(User.email == HEAD))
    db.session.add(
        ProgressReport(item_id=item.id, author_id=head.id, progress=10, text="Bổ sung.",
                       created_at=datetime(2026, 10, 25, 2, 0, tzinfo=UTC),
                       due_on=date(2026, 10, 20), late=True)
    )  # fmt: skip
    db.session.commit()
    assert period_service.period_table(period, Dimension.AGENCY).row("syt").updates == syt
    live = client.get("/reports/agencies?as_of=2026-10-31").text
    assert int(_syt_updates(live)["late"]) == syt.late + 1
    response = client.get(f"/periods/{period.id}/report?format=docx")
    updates = next(t for t in docx_tables(response.data) if "Cập nhật chậm" in t[0])
    line = next(row for row in updates if row[1] == "Sở Y tế")
    assert line[2:4] == [str(syt.updates), str(syt.late)]


def test_a_period_closed_before_updates_were_counted_says_so(app, login):
    client = login(OFFICE)
    period = db.session.scalar(select(Period).filter_by(kind="quarter", year=2026, number=2))
    for snapshot in period.snapshots:  # as a closing before this change stored it
        snapshot.data = {"rows": [{k: v for k, v in row.items() if k != "updates"}
                                  for row in snapshot.data["rows"]]}  # fmt: skip
    db.session.commit()
    assert period_service.period_table(period, Dimension.AGENCY).updates_from is None
    page = client.get(f"/reports/periods/{period.id}").text
    assert 'data-updates="count"' not in page
    response = client.get(f"/periods/{period.id}/report?format=docx")
    assert response.status_code == 200


def _plain(value) -> str:
    """A workbook cell as the CSV writes it (rates are fractions in Excel, "12.5%" in CSV)."""
    if value is None:
        return ""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:g}"
    return str(int(value)) if isinstance(value, float) else str(value)


def test_csv_and_excel_carry_the_same_rows_but_the_total(login):
    """The CSV is the Excel table without its total row (docs/reports.md says why)."""
    client = login(OFFICE)
    _sheet, header, rows = table(client.get(NOVEMBER + "&format=xlsx").data)
    csv = csv_rows(client.get(NOVEMBER + "&format=csv").data)
    assert csv[0] == header
    assert rows[-1][1] == "Tổng số" and len(csv) - 1 == len(rows) - 1
    rate_columns = {n for n, name in enumerate(header) if name.endswith("(%)")}
    for excel, line in zip(rows[:-1], csv[1:], strict=True):
        for n, (value, written) in enumerate(zip(excel, line, strict=True)):
            if n in rate_columns and value is not None:
                assert abs(float(written.rstrip("%")) - value * 100) < 0.001
            else:
                assert _plain(value) == written


def test_the_migration_stamps_old_updates_as_the_application_does(app):
    """Revision 0016 gives the updates written before it what the application would have
    written (the demo's updates were stamped by the application)."""
    stamped = {r.id: (r.due_on, r.late) for r in db.session.scalars(select(ProgressReport))}
    assert len(stamped) > 50 and any(late for _, late in stamped.values())
    db.session.execute(ProgressReport.__table__.update().values(due_on=None, late=False))
    db.session.execute(text("DROP INDEX ix_progress_reports_created_at"))  # as 0012 had it
    db.session.commit()
    enable_migrations(app)
    stamp(revision="0012")
    upgrade(revision="0016")
    db.session.expire_all()
    again = {r.id: (r.due_on, r.late) for r in db.session.scalars(select(ProgressReport))}
    assert again == stamped


def test_the_figures_agree_with_a_plain_count_of_the_demo(app):
    """Every agency's figures as of today, against a count item by item in Python."""
    today, start = date(2026, 11, 25), date(2026, 11, 1)
    table_now = statistics.table(Dimension.AGENCY, today)
    items = db.session.scalars(select(WorkItem)).all()
    parents = {item.parent_id for item in items if item.parent_id}
    reports = db.session.scalars(select(ProgressReport)).all()
    in_window = [r for r in reports if start <= local_day(r.created_at) <= today]
    updated = {r.item_id for r in in_window}
    for row in table_now.rows:
        agency = db.session.scalar(select(Agency).where(Agency.code == row.code))
        leaves = [i for i in items if i.lead_agency_id == agency.id and i.id not in parents
                  and i.recurrence is None]  # fmt: skip
        open_ones = [i for i in leaves if i.assigned_on <= today and i.status not in
                     ("completed", "cancelled")]  # fmt: skip
        mine = [r for r in in_window if r.item_id in {i.id for i in leaves}]
        assert row.updates.updates == len(mine), row.code
        assert row.updates.late == sum(r.late for r in mine), row.code
        silent = [i for i in open_ones if i.id not in updated]
        assert row.updates.never_updated == len(silent), row.code
    total = table_now.updates_total
    assert total.updates and total.late and total.never_updated  # nothing vacuous
