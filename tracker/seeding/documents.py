"""The demo's assigning documents beside Plan 59 (seed/documents.yaml): each upserted by its
number, its items imported from an annex in the template's layout exactly as the office
imports one, so re-seeding changes nothing."""

from __future__ import annotations

import io
from collections import Counter
from datetime import date
from pathlib import Path

from sqlalchemy import select

from tracker.annex.importing import import_annex
from tracker.assignments.recurrence import make_occurrences
from tracker.clock import local_today
from tracker.database import db
from tracker.documents.actions import document_for_import, find_document
from tracker.history.changes import apply, record
from tracker.models import Agency, User, WorkItem
from tracker.seeding import SEED_DIR, set_changed
from tracker.seeding.plan import read_seed

FIELDS = ("doc_type", "issued_on", "issuer", "title", "signer", "assigning_leader", "summary")


def _annex_rows(rows: list[dict]) -> bytes:
    # Imported here: openpyxl costs every process ~45 ms at start-up (see tracker.exports).
    from openpyxl import Workbook

    from tracker.annex.layout import COLUMNS

    book = Workbook()
    sheet = book.active
    sheet.append([column.header for column in COLUMNS])
    for row in rows:
        sheet.append([row.get(column.key) for column in COLUMNS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def load_demo_documents(office: User, seed_dir: Path = SEED_DIR) -> Counter[str]:
    report: Counter[str] = Counter()
    for entry in read_seed(seed_dir, "documents"):
        document, created = document_for_import(entry["number"])
        if set_changed(document, **{name: entry.get(name) for name in FIELDS}) or created:
            report["documents created" if created else "documents updated"] += 1
        db.session.commit()
        if entry.get("annex"):
            name = entry["annex"]
            data = (seed_dir / name).read_bytes()
        else:
            name, data = "documents.yaml", _annex_rows(entry["items"])
        outcome = import_annex(office, data, name, entry["number"])
        if not outcome.ok:
            raise ValueError(f"{entry['number']}: {[p.message for p in outcome.problems]}")
        report["document items created"] += outcome.count("new")
        report["document items updated"] += outcome.count("changed")
        report["document items given a responsible person"] += _name_responsible(
            office, entry["number"]
        )
    db.session.commit()
    return report


def _name_responsible(office: User, number: str) -> int:
    """The office names the lead agency's focal officer on each new item (as the demo's other
    items have one), recorded in the item's history."""
    document = find_document(number)
    items = db.session.scalars(
        select(WorkItem).where(WorkItem.plan_id == document.id, WorkItem.responsible_id.is_(None))
    ).all()
    named = 0
    for item in items:
        officer = db.session.scalar(
            select(User).where(
                User.agency_id == item.lead_agency_id,
                User.role == "officer",
                User.active.is_(True),
            )
        )
        if officer is None:
            continue
        changes = apply(item, responsible=officer)
        record(item, office, "updated", local_today(), changes)
        named += 1
    return named


#: Plan 59's periodic reporting duty: a progress report every six months, due by the 15th of
#: each half-year's last month (MONITORING-PRACTICE.md), by the plan's standing agency.
PERIODIC_REPORT = {
    "code": "BC-59-6T",
    "title": "Báo cáo định kỳ 6 tháng tình hình thực hiện Kế hoạch 59/KH-UBND",
    "recurrence": "half_yearly",
    "recur_day": 15,
    "recur_month": 6,
    "recur_rule": "before",
}
#: The standing agency for digital transformation, and the one that took its work over.
REPORTING_AGENCIES = ("stttt", "skhcn")


def load_periodic_report(office: User, today: date) -> Counter[str]:
    """Plan 59's periodic report as a recurring item, and its occurrences up to the horizon."""
    report: Counter[str] = Counter()
    plan = find_document("59/KH-UBND")
    if plan is None:
        return report
    item = db.session.scalar(
        select(WorkItem).where(
            WorkItem.plan_id == plan.id, WorkItem.code == PERIODIC_REPORT["code"]
        )
    )
    if item is None:
        lead = next(
            agency
            for code in REPORTING_AGENCIES
            if (agency := db.session.scalar(select(Agency).where(Agency.code == code)))
            and agency.active
        )
        officer = db.session.scalar(
            select(User).where(User.agency_id == lead.id, User.role == "officer")
        )
        item = WorkItem(
            plan=plan, kind="task", lead_agency=lead, responsible=officer, assigned_on=today,
            last_activity_on=today, status="assigned", **PERIODIC_REPORT,
        )  # fmt: skip
        db.session.add(item)
        record(item, office, "created", today, {"lead_agency": [None, lead.name]})
        db.session.commit()
        report["recurring items created"] += 1
    report["occurrences created"] += make_occurrences(today)
    return report
