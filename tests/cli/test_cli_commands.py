"""The command line: seed, synthetic data, users and API tokens."""

from sqlalchemy import func, select

from tracker.database import db
from tracker.models import User, WorkItem, item_coordinators


def test_seed_twice_changes_nothing(runner):
    result = runner.invoke(args=["seed", "--demo"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "Nothing changed."


def test_synthetic_items_have_the_benchmark_shape(runner, today):
    before = db.session.scalar(select(func.count(WorkItem.id)))
    result = runner.invoke(args=["seed", "synthetic", "--items", "2000", "--users", "150"])
    assert result.exit_code == 0, (result.output, result.exception)
    assert "items created: 2000" in result.output
    synthetic = WorkItem.code.like("SYN-%")
    assert db.session.scalar(select(func.count(WorkItem.id))) == before + 2000
    overdue = db.session.scalar(
        select(func.count()).where(
            synthetic, WorkItem.status != "completed", WorkItem.deadline < today
        )
    )
    assert 0.25 < overdue / 2000 < 0.35
    users = db.session.scalar(select(func.count()).where(User.email.like("%@synthetic.test")))
    assert users == 150
    # Reminders go to the people who answer for an item, not to every officer of its agency:
    # the shape has a couple of focal officers per agency, and staff.
    focal_per_agency = db.session.execute(
        select(User.agency_id, func.count())
        .where(User.email.like("%@synthetic.test"), User.role == "officer")
        .group_by(User.agency_id)
    ).all()
    assert focal_per_agency and max(count for _agency, count in focal_per_agency) <= 2
    staff = select(func.count()).where(User.email.like("%@synthetic.test"), User.role == "staff")
    focal = sum(count for _agency, count in focal_per_agency)
    assert focal < 150
    assert db.session.scalar(staff) == 150 - focal
    # Stamped as changed when made: delivery checks again only the notices of what changed
    # since the sweep, and a person never stamped counts as changed.
    unstamped = select(func.count()).where(
        User.email.like("%@synthetic.test"), User.updated_at.is_(None)
    )
    assert db.session.scalar(unstamped) == 0


def test_after_synthetic_items_new_rows_get_fresh_ids(runner, client):
    """The bulk load writes its own ids (COPY on PostgreSQL): the tables' next ids must follow."""
    result = runner.invoke(args=["seed", "synthetic", "--items", "300", "--users", "3"])
    assert result.exit_code == 0, result.output
    coordinated = db.session.scalar(
        select(func.count(item_coordinators.c.item_id.distinct())).where(
            item_coordinators.c.item_id.in_(select(WorkItem.id).where(WorkItem.code.like("SYN-%")))
        )
    )
    assert 40 < coordinated < 150  # about 30 % of the items have a coordinating agency
    largest_item = db.session.scalar(select(func.max(WorkItem.id)))
    largest_user = db.session.scalar(select(func.max(User.id)))
    source = db.session.get(WorkItem, largest_item)
    item = WorkItem(
        plan_id=source.plan_id,
        code="AFTER-SYN",
        kind="task",
        title="Sau dữ liệu tổng hợp",
        group_id=source.group_id,
        lead_agency_id=source.lead_agency_id,
        assigned_on=source.assigned_on,
        status="assigned",
        progress=0,
    )
    person = User(email="after@synthetic.test", name="Sau", role="office", password_hash="x")
    db.session.add_all([item, person])
    db.session.commit()
    assert item.id == largest_item + 1
    assert person.id == largest_user + 1


def test_synthetic_refuses_a_non_number(runner):
    result = runner.invoke(args=["seed", "synthetic", "--items", "many"])
    assert result.exit_code == 2
    assert "many" in result.output


def test_token_prints_a_working_api_token(runner, client):
    result = runner.invoke(args=["users", "token", "office@tracker.demo"])
    assert result.exit_code == 0
    token = result.output.strip()
    response = client.get("/api/v1/items", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert response.json["total"] == db.session.scalar(select(func.count(WorkItem.id)))


def test_token_for_an_unknown_user_fails_clearly(runner):
    result = runner.invoke(args=["users", "token", "ghost@tracker.demo"])
    assert result.exit_code == 1
    assert "No user with email ghost@tracker.demo" in result.output


def test_create_user_needs_an_agency_for_a_head(runner):
    args = ["users", "create", "x@example.org", "--name", "X", "--role", "head", "--password", "p"]
    result = runner.invoke(args=args)
    assert result.exit_code == 1
    assert "needs --agency" in result.output
    result = runner.invoke(args=[*args, "--agency", "syt"])
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(User).where(User.email == "x@example.org"))
    assert user.agency.code == "syt"
    assert user.check_password("p")
