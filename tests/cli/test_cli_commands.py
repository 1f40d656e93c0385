"""The command line: seed, synthetic data, users and API tokens."""

from sqlalchemy import func, select

from tracker.database import db
from tracker.models import User, WorkItem


def test_seed_twice_changes_nothing(runner):
    result = runner.invoke(args=["seed", "--demo"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "Nothing changed."


def test_synthetic_items_have_the_benchmark_shape(runner, today):
    before = db.session.scalar(select(func.count(WorkItem.id)))
    result = runner.invoke(args=["seed", "synthetic", "--items", "2000", "--users", "40"])
    assert result.exit_code == 0, result.output
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
    assert users == 40


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
