"""What a digest says, counted and ranked by the database: the domain's sections, exact counts,
the most urgent items first, and only what still applies."""

from collections import defaultdict
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tracker.domain.reminders import Section, section_of
from tracker.extensions import db
from tracker.models import Agency, Digest, Notice, WorkItem
from tracker.services.digests import digest_content, prune_left_out
from tracker.services.sweep import sweep


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
