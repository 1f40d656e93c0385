"""`flask users create-admin`: the one command a real installation needs before the browser."""

from .conftest import user

STRONG = "Cù Lao Xanh 2026!"


def test_the_first_administrator_is_created_and_signs_in(runner, client):
    result = runner.invoke(
        args=["users", "create-admin", "Admin@UBND.binhdinh.gov.vn", "--name", "Quản trị"],
        input=f"{STRONG}\n{STRONG}\n",
    )
    assert result.exit_code == 0, result.output
    created = user("admin@ubnd.binhdinh.gov.vn")
    assert created.role == "admin" and created.agency is None
    signed = client.post("/login", data={"email": created.email, "password": STRONG})
    assert signed.status_code == 302
    assert client.get("/admin/users").status_code == 200


def test_a_weak_password_or_a_taken_email_is_refused(runner):
    weak = runner.invoke(
        args=["users", "create-admin", "new@tracker.demo"], input="matkhau123\nmatkhau123\n"
    )
    assert weak.exit_code != 0 and user("new@tracker.demo") is None
    taken = runner.invoke(
        args=["users", "create-admin", "admin@tracker.demo"], input=f"{STRONG}\n{STRONG}\n"
    )
    assert taken.exit_code != 0 and "already exists" in taken.output
