"""People follow their work: moved to a successor, they keep reading what their former agency
held (led or coordinated) up to the event, wherever it went."""

from sqlalchemy import insert, select

from tracker.database import db
from tracker.models import AssignmentPeriod, WorkItem, item_coordinators, period_coordinators
from tracker.models.items import CLOSED_STATUSES
from tracker.permissions import can_view_item
from tracker.visibility import visible_items_clause

from .conftest import DAY, agency


def _coordinate(item: WorkItem, code: str) -> None:
    """`code` coordinates the item from its current assignment period on."""
    period = db.session.scalar(select(AssignmentPeriod).where(
        AssignmentPeriod.item_id == item.id, AssignmentPeriod.valid_until.is_(None)))  # fmt: skip
    agency_id = agency(code).id
    db.session.execute(insert(item_coordinators).values(item_id=item.id, agency_id=agency_id))
    db.session.execute(insert(period_coordinators).values(period_id=period.id,
                                                          agency_id=agency_id))  # fmt: skip
    db.session.commit()


def _led_by_syt(leaving_out: set[str]) -> list[WorkItem]:
    """Open items syt leads that neither sgddt nor sct coordinates."""
    items = db.session.scalars(
        select(WorkItem).where(WorkItem.lead_agency_id == agency("syt").id,
                               WorkItem.status.notin_(CLOSED_STATUSES)).order_by(WorkItem.code)
    )  # fmt: skip
    return [i for i in items if not {a.code for a in i.coordinating_agencies} & leaving_out]


def test_people_moved_elsewhere_keep_reading_what_their_agency_coordinated(
    preview_and_confirm, item_by_code, user_by_email
):
    shared, other = _led_by_syt({"sgddt", "sct"})[:2]
    _coordinate(shared, "sgddt")
    data = {"agency": "sgddt", "successors": ["syt", "sct"], "others_to": "syt",
            "on": DAY.isoformat(), "note": "Chia tách", "people": "move:sct"}  # fmt: skip
    _shown, done = preview_and_confirm("split", data)
    assert done.status_code == 302
    officer = user_by_email("officer.sgddt@tracker.demo")
    assert officer.agency.code == "sct"
    assert {a.code for a in item_by_code(shared.code).coordinating_agencies} == set()
    assert can_view_item(officer, item_by_code(shared.code))
    assert not can_view_item(officer, item_by_code(other.code))  # never its agency's
    visible = set(db.session.scalars(select(WorkItem.code).where(visible_items_clause(officer))))
    assert shared.code in visible and other.code not in visible
