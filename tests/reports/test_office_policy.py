"""The office's saved reminder policy reaches every page that escalates or warns: the overdue
list's levels and filter, and the agency page's "due soon" window."""

import re
from datetime import date

from tracker.database import db

OFFICE = "office@tracker.demo"
DEFAULT_POLICY = {"before": "7, 3, 1, 0", "overdue_every": "5", "office_after": "7",
                  "leader_after_days": "30", "urgent_from": "3",
                  "urgent_overdue_every": "1"}  # fmt: skip


def _save_policy(login, **changes) -> None:
    response = login(OFFICE).post("/admin/policy", data={**DEFAULT_POLICY, **changes})
    assert response.status_code == 302


def _level_of(page: str, code: str) -> str:
    row = page.split(f">{code}<")[1].split("</tr>")[0]
    return re.search(r'class="badge escalation-(\d)"', row).group(1)


def test_the_saved_policy_sets_the_escalation_level_of_the_overdue_list(login, agency, make_item):
    # Due Thursday 19/11/2026: on Wednesday 25/11 overdue by 4 working days (20, 23, 24, 25).
    make_item(agency.code, code="T-MUC-2", deadline=date(2026, 11, 19), status="in_progress")
    db.session.commit()
    url = f"/office/overdue?agency={agency.code}"
    assert _level_of(login(OFFICE).get(url).text, "T-MUC-2") == "1"

    _save_policy(login, office_after="3")
    page = login(OFFICE).get(url).text
    assert _level_of(page, "T-MUC-2") == "2"
    assert "Mức 2: quá hạn từ 3 ngày làm việc" in page  # the filter names the office's threshold
    level2 = login(OFFICE).get(f"{url}&level=2").text.split('id="overdue"')[1]
    assert "T-MUC-2" in level2


def _urgency_on_agency_page(client, code: str) -> str:
    for number in range(1, 20):
        page = client.get(f"/agency/?page={number}").text
        found = re.search(rf'data-urgency="(\d)">(?:(?!data-urgency).)*?>{code}<', page, re.S)
        if found:
            return found.group(1)
    raise AssertionError(f"{code} is not on the agency page")


def test_the_due_soon_window_reaches_as_far_as_the_first_reminder(login, make_item):
    # Due Wednesday 2/12/2026: 5 working days after Wednesday 25/11.
    make_item("syt", code="T-SAP-DEN", deadline=date(2026, 12, 2), status="in_progress")
    db.session.commit()
    head = login("head.syt@tracker.demo")
    assert _urgency_on_agency_page(head, "T-SAP-DEN") == "1"  # within the first reminder's 7

    _save_policy(login, before="3, 1, 0")
    assert _urgency_on_agency_page(head, "T-SAP-DEN") == "2"  # beyond it: not due soon yet
