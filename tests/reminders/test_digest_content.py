"""What a digest says, counted and ranked by the database: the domain's sections, exact counts,
the most urgent items first, and only what still applies."""

from collections import defaultdict
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from tracker.clock import now_utc
from tracker.database import db
from tracker.domain.reminders import Section, section_of
from tracker.models import Agency, Digest, Notice, Sector, User, WorkItem
from tracker.reminders.digest_pruning import SETTLING, prune_left_out
from tracker.reminders.digests import digest_content
from tracker.reminders.sweep import sweep

from .conftest import count


def busiest_digest() -> Digest:
    digest_id = db.session.scalar(
        select(Notice.digest_id)
        .group_by(Notice.digest_id)
        .order_by(func.count().desc(), Notice.digest_id)
        .limit(1)
    )
    return db.session.get(Digest, digest_id)


def held_by(digest: Digest) -> list[tuple[str, int]]:
    return db.session.execute(
        select(Notice.rule, WorkItem.lead_agency_id)
        .join(WorkItem, WorkItem.id == Notice.item_id)
        .where(Notice.digest_id == digest.id)
    ).all()


def expected_parts(digest: Digest, shown: int) -> dict:
    """{(section, agency code of an escalated group or None): (count, first item ids)}, from
    every notice the digest holds, by the domain's sections."""
    rows = db.session.execute(
        select(Notice.rule, Agency.code, Notice.deadline, Notice.item_id)
        .join(WorkItem, WorkItem.id == Notice.item_id)
        .join(Agency, Agency.id == WorkItem.lead_agency_id)
        .where(Notice.digest_id == digest.id)
    )
    groups = defaultdict(list)
    for rule, agency, deadline, item_id in rows:
        section = section_of(rule)
        groups[(section, agency if section is Section.ESCALATED else None)].append(
            (deadline, item_id)
        )
    return {
        key: (len(found), [item_id for _deadline, item_id in sorted(found)[:shown]])
        for key, found in groups.items()
    }


def listed_parts(content) -> dict:
    parts = {}
    for part in content.sections:
        if part.section is Section.ESCALATED:
            for group in part.groups:
                parts[(part.section, group.agency_code)] = (
                    group.total,
                    [line.item_id for line in group.items],
                )
        else:
            parts[(part.section, None)] = (part.total, [line.item_id for line in part.items])
    return parts


@pytest.mark.parametrize("recheck", [True, False], ids=["preview", "delivery"])
def test_each_part_counts_exactly_and_lists_its_most_urgent_items(app, today, make_item, recheck):
    # Beside the plan's items, one agency's in every stage, each with its own deadline.
    for n, days in enumerate((-3, -40, -12, -9, -20, 9, 1, 6, 2, 4)):
        make_item(f"T-{n}", "syt", today + timedelta(days=days))
    sweep(today)
    digests = db.session.scalars(select(Digest)).all()
    assert {section for d in digests for section, _ in expected_parts(d, 2)} == set(Section)
    for digest in digests:
        content = digest_content(digest.id, items_shown=2, recheck=recheck)
        assert content.carried == len(held_by(digest))
        assert listed_parts(content) == expected_parts(digest, shown=2)
        assert [part.section for part in content.sections] == sorted(
            (part.section for part in content.sections), key=list(Section).index
        )


def test_the_preview_counts_only_what_still_applies_and_delivery_prunes_the_rest(app, today):
    sweep(today)
    digest = busiest_digest()
    before = digest_content(digest.id, items_shown=10)
    item = db.session.get(WorkItem, before.sections[0].lines[0].item_id)
    item.status = "cancelled"
    db.session.commit()
    after = digest_content(digest.id, items_shown=10)
    assert after.carried == before.carried - 1
    assert item.id not in {line.item_id for part in after.sections for line in part.lines}
    assert len(held_by(digest)) == before.carried  # the preview changes nothing
    assert prune_left_out([digest.id]) == 1
    assert digest_content(digest.id, items_shown=10, recheck=False).carried == after.carried


def settled(before: timedelta = timedelta(days=1)) -> None:
    """Stamp every person, sector and item as last changed `before` ago, as a morning's data
    would be (the test database was seeded moments ago)."""
    long_ago = now_utc() - before
    for model in (User, Sector, WorkItem):
        db.session.execute(update(model).values(updated_at=long_ago))
    db.session.commit()


def quietly_cancel(item_id: int, when) -> None:
    """Cancel an item with its change stamped at `when` (onupdate does not apply when the
    statement sets the column itself)."""
    db.session.execute(
        update(WorkItem).where(WorkItem.id == item_id).values(status="cancelled", updated_at=when)
    )
    db.session.commit()


def test_when_only_items_changed_the_prune_checks_those_items_alone(app, today):
    settled()
    sweep(today)
    digest = busiest_digest()
    unchanged, settling, changed = sorted({item_id for (item_id,) in held_items(digest)})[:3]
    # One item closed long before the digest was made (a sweep could not have missed it), one
    # shortly before (the change may have been committed while the sweep ran), one just now:
    # the last two are looked at again.
    quietly_cancel(unchanged, digest.created_at - SETTLING - timedelta(minutes=1))
    quietly_cancel(settling, digest.created_at - SETTLING + timedelta(minutes=1))
    quietly_cancel(changed, now_utc())
    about_changed = count_for(digest, settling) + count_for(digest, changed)
    assert prune_left_out([digest.id]) == about_changed >= 2
    assert count_for(digest, unchanged) > 0
    assert count_for(digest, settling) == count_for(digest, changed) == 0


@pytest.mark.parametrize("change", ["deactivated", "moved", "sector_leader"])
def test_a_change_to_people_or_sectors_checks_every_notice_again(app, today, change):
    settled()
    sweep(today)
    email = {
        "deactivated": "officer.syt@tracker.demo",
        "moved": "head.syt@tracker.demo",  # copied on the overdue items of Sở Y tế
        "sector_leader": "leader@tracker.demo",
    }[change]
    person = db.session.scalar(select(User).where(User.email == email))
    digest = db.session.scalar(select(Digest).where(Digest.recipient_id == person.id))
    held = count(Notice, Notice.digest_id == digest.id)
    if change == "deactivated":
        person.active = False
    elif change == "moved":
        person.agency = db.session.scalar(select(Agency).where(Agency.code == "sgddt"))
    else:
        for sector in db.session.scalars(select(Sector).where(Sector.leader_id == person.id)):
            sector.leader_id = None
    db.session.commit()
    # None of the digest's items changed, yet none of its notices applies any more.
    assert held > 0 and prune_left_out([digest.id]) == held
    assert count(Notice, Notice.digest_id == digest.id) == 0


def held_items(digest: Digest) -> list[tuple[int]]:
    return db.session.execute(select(Notice.item_id).where(Notice.digest_id == digest.id)).all()


def count_for(digest: Digest, item_id: int) -> int:
    return count(Notice, Notice.digest_id == digest.id, Notice.item_id == item_id)
