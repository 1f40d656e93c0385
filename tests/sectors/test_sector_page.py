"""A sector's page and its JSON: items by standing, targets, departments, what is overdue."""

import re
from datetime import date

import pytest
from sqlalchemy import select

from tracker.database import db
from tracker.models import AssignmentPeriod, Sector, WorkItem
from tracker.sectors.queries import departments, sector_page

OFFICE, LEADER = "office@tracker.demo", "leader@tracker.demo"


def _codes(html: str, section: str) -> list[str]:
    part = html.split(f'id="{section}"')[1].split("</section>")[0]
    return re.findall(r'<tr data-code="([^"]+)">', part)


def test_the_health_sector_page_shows_its_own_work(login):
    html = login(LEADER).get("/sectors/y-te").text
    items = _codes(html, "sector-standing")
    assert "NV-LV-01-SO-HOA" in items and "NV-LV-01-THANH-TOAN" in items
    # Broken into sub-items, the heading is counted (and listed) through them only.
    assert "NV-LV-01" not in items
    assert not any(code.startswith("NV-LV-02") for code in items)  # education's work
    assert _codes(html, "sector-targets") == ["KTS-2025-05-Y-TE", "KTS-2030-03-Y-TE"]
    departments = html.split('id="sector-departments"')[1].split("</section>")[0]
    assert 'data-code="syt"' in departments


def test_counts_are_the_pieces_of_work_listed(login, today):
    client = login(OFFICE)
    body = client.get("/api/v1/sectors/giao-duc").json
    listed = sum(len(rows) for rows in body["items"].values())
    assert body["counts"]["total"] == listed > 0
    for standing, rows in body["items"].items():
        assert body["counts"].get(standing, 0) == len(rows)
    # The items list filtered by the sector counts the same, by the same rule.
    page = client.get("/items/?sector=giao-duc").text
    assert f">{listed}<" in page or str(listed) in page


def test_overdue_items_say_since_when(login):
    body = login(OFFICE).get("/api/v1/sectors/y-te").json
    assert body["overdue"], "the demo has overdue health work"
    for row in body["overdue"]:
        deadline = date.fromisoformat(row["deadline"])
        since = date.fromisoformat(row["overdue_since"])
        assert (since - deadline).days == 1
        assert row["code"] in {i["code"] for i in body["items"]["overdue"]}


def test_the_dashboard_links_each_sector_page(login):
    client = login(LEADER)
    links = client.get("/").text.split('id="sector-links"')[1].split("</p>")[0]
    urls = re.findall(r'href="(/sectors/[^"]+)"', links)
    assert "/sectors/y-te" in urls and "/sectors/khac" in urls and len(urls) == 11
    assert all(client.get(url).status_code == 200 for url in urls)


@pytest.mark.parametrize("email", ["head.syt@tracker.demo", "officer.syt@tracker.demo"])
def test_agency_users_may_not_open_a_sector_page(login, email):
    client = login(email)
    assert client.get("/sectors/y-te").status_code == 403
    assert client.get("/api/v1/sectors/y-te").status_code == 403


def test_unknown_sector_and_bad_date_are_refused(login, client):
    office = login(OFFICE)
    assert office.get("/sectors/nope").status_code == 404
    assert office.get("/api/v1/sectors/nope").status_code == 404
    assert office.get("/sectors/y-te?as_of=2999-01-01").status_code == 400
    response = office.get("/api/v1/sectors/y-te?as_of=yesterday")
    assert response.status_code == 400 and "as_of" in response.json["errors"]
    assert client.get("/api/v1/sectors/y-te").status_code == 401


def test_departments_are_computed_from_who_leads_on_the_date(app, runner, today):
    """After a merger, the successor leads the sector's open work: no list to keep by hand."""
    sector = db.session.scalar(select(Sector).where(Sector.code == "nong-nghiep"))
    # The seed's merger of 1/3/2025: Sở NN&PTNT (with Sở TN&MT) became Sở NN&MT.
    assert [d.code for d in departments(sector.id, date(2025, 2, 28))] == ["snnptnt"]
    assert [d.code for d in departments(sector.id, today)] == ["snnmt"]
    result = runner.invoke(args=["agencies", "create", "sktnn", "Sở Kinh tế và Nông nghiệp"])
    assert result.exit_code == 0, result.output
    day = date(2026, 8, 1)
    result = runner.invoke(
        args=["agencies", "merge", "snnmt", "sct", "--into", "sktnn", "--on", day.isoformat()]
    )
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert [d.code for d in departments(sector.id, today)] == ["sktnn"]
    # On a day before the merger, the sector's department was the one of that day.
    assert [d.code for d in departments(sector.id, date(2026, 7, 31))] == ["snnmt"]
    page = sector_page(sector, today)
    assert {row.agency_id for row in page.overdue} <= {d.id for d in page.departments}


def test_every_priority_sector_has_its_own_work(app, today):
    sectors = db.session.scalars(select(Sector).where(Sector.code.notin_(("chung", "khac"))))
    for sector in sectors:
        page = sector_page(sector, today)
        assert page.total >= 5, sector.code
        suffix = sector.code.upper()
        codes = {row.code for row in page.targets}
        assert {f"KTS-2025-05-{suffix}", f"KTS-2030-03-{suffix}"} <= codes, sector.code
        parent = db.session.scalar(
            select(WorkItem).where(
                WorkItem.sector_id == sector.id,
                WorkItem.parent_id.is_(None),
                WorkItem.code.like("NV-LV-%"),
            )  # fmt: skip
        )
        assert parent.children and all(c.deadline <= parent.deadline for c in parent.children)
        # The plan gave the sub-items to the heading's department; those still open on a
        # reorganisation went on with the heading to its successor, those finished before it
        # stayed with the department that did them.
        assert {_first_lead(c) for c in parent.children} == {_first_lead(parent)}
        open_children = [c for c in parent.children if c.status not in ("completed", "cancelled")]
        assert {c.lead_agency_id for c in open_children} <= {parent.lead_agency_id}


def _first_lead(item: WorkItem) -> int:
    return db.session.scalar(
        select(AssignmentPeriod.lead_agency_id)
        .where(AssignmentPeriod.item_id == item.id)
        .order_by(AssignmentPeriod.valid_from, AssignmentPeriod.id)
        .limit(1)
    )


def test_a_large_sector_lists_its_first_items_and_links_to_the_rest(login, monkeypatch):
    """A ministry's sector holds a hundred thousand items: the page lists the first of each
    standing and of the targets, counts them all, and links to the lists that have the rest."""
    client = login(OFFICE)
    everything = client.get("/api/v1/sectors/y-te").json
    monkeypatch.setattr("tracker.sectors.queries.ITEMS_SHOWN", 1)
    monkeypatch.setattr("tracker.sectors.queries.TARGETS_SHOWN", 1)
    body = client.get("/api/v1/sectors/y-te").json
    assert body["counts"] == everything["counts"]
    for standing, rows in everything["items"].items():
        assert body["items"][standing] == rows[:1]  # the nearest deadline first, as before
    assert body["targets_total"] == len(everything["targets"]) == 2
    assert [row["code"] for row in body["targets"]] == ["KTS-2025-05-Y-TE"]
    html = client.get("/sectors/y-te").text
    assert _codes(html, "sector-targets") == ["KTS-2025-05-Y-TE"]
    standing, count = max(
        ((s, n) for s, n in everything["counts"].items() if s != "total"), key=lambda pair: pair[1]
    )
    assert count > 1
    assert f"/items/?sector=y-te&amp;standing={standing}" in html
    assert f"1 mục đầu tiên trong {count}" in html  # the interface speaks Vietnamese first
    targets_page = client.get("/reports/targets/?sector=y-te").text
    assert "KTS-2025-05-Y-TE" in targets_page and "KTS-2030-03-Y-TE" in targets_page
    assert "KTS-2025-05-XA-HOI" not in targets_page  # another sector's
