"""What a digest says, counted and ranked by the database: the domain's sections, exact counts,
the most urgent items first, and only what still applies."""

import pytest
from sqlalchemy import func, literal, select

from tracker.domain.reminders import OVERDUE, Section, due_rule, escalation_rule, section_of
from tracker.extensions import db
from tracker.models import Digest, Notice, WorkItem
from tracker.services import reminder_sql as sql
from tracker.services.digests import digest_content, prune_left_out
from tracker.services.sweep import sweep

RULES = [OVERDUE, *(due_rule(n) for n in (0, 1, 3, 7, 12)), *map(escalation_rule, (1, 2, 3))]


@pytest.mark.parametrize("rule", RULES)
def test_the_sql_section_of_a_rule_is_the_domains(app, rule):
    in_sql = db.session.scalar(select(sql.section_of_rule(literal(rule))))
    assert in_sql == section_of(rule).value


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


def test_counts_are_exact_and_each_part_lists_its_most_urgent_items(app, today):
    sweep(today)
    digest = busiest_digest()
    content = digest_content(digest.id, items_shown=2)
    held = held_by(digest)
    assert content.carried == len(held)
    for part in content.sections:
        expected = sum(1 for rule, _agency in held if section_of(rule) is part.section)
        assert part.total == expected
        assert len(part.lines) <= (
            2 if part.section is not Section.ESCALATED else 2 * len(part.groups)
        )
        deadlines = [line.deadline for line in part.items]
        assert deadlines == sorted(deadlines)
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
