"""People in a real browser, with mail through a real SMTP server: the administrator opens an
account and the new colleague signs in through the invitation; a person who forgot their
password sets a new one from the mail; the administrator deactivates someone with open items."""

import re
import time

import pytest

from tracker.database import db

from ..reminders.conftest import SMTPServer, free_port

NEW_PASSWORD = "Tháp Đôi Quy Nhơn 2026"
LINK = re.compile(r"(http://[^\s\"<>]+/password/reset/[A-Za-z0-9_-]+)")


@pytest.fixture
def smtp_port() -> int:
    return free_port()


@pytest.fixture
def config_overrides(smtp_port) -> dict:
    # CSRF on as in production; mail really goes over SMTP to the test's server.
    return {
        "WTF_CSRF_ENABLED": True,
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": smtp_port,
        "MAIL_SUPPRESS_SEND": False,
    }


@pytest.fixture
def smtp(smtp_port):
    server = SMTPServer(smtp_port)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def links_in_mail(app, smtp, live_server):
    """The links mailed so far, pointed at the live server (mail links use BASE_URL)."""
    app.config["BASE_URL"] = live_server

    def read(to: str) -> list[str]:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            found = [
                LINK.search(message.get_body(("plain",)).get_content()).group(1)
                for message in smtp.mailbox.messages()
                if message["To"] == to
            ]
            if found:
                return found
            time.sleep(0.05)
        raise AssertionError(f"no mail to {to}")

    return read


def sign_out(page) -> None:
    page.click("form[action='/logout'] button")
    page.wait_for_url(re.compile(r"/login"))


def test_the_administrator_opens_an_account_and_the_colleague_signs_in_through_the_invitation(
    page, browser_login, links_in_mail, screenshot
):
    browser_login("admin@tracker.demo")
    page.click("#nav-admin")
    page.click("#new-user")
    page.fill("input[name=name]", "Huỳnh Thị Mai")
    page.fill("input[name=email]", "mai.ht@syt.binhdinh.gov.vn")
    page.fill("input[name=phone]", "0256 3821 111")
    page.fill("input[name=title]", "Chuyên viên Phòng Kế hoạch")
    page.select_option("select[name=role]", "officer")
    page.select_option("select[name=agency]", "syt")
    screenshot("user-new")
    page.click("#user-form [type=submit]")
    assert "Đã tạo tài khoản cho Huỳnh Thị Mai." in page.locator(".alert-success").inner_text()
    assert "mai.ht@syt.binhdinh.gov.vn" in page.locator("#users").inner_text()
    sign_out(page)

    link = links_in_mail("mai.ht@syt.binhdinh.gov.vn")[0]
    page.goto(link)
    assert "Đặt mật khẩu" in page.locator("h1").inner_text()
    page.fill("input[name=password]", "ngắn")
    page.fill("input[name=confirm]", "ngắn")
    page.click("#password-form [type=submit]")
    assert "ít nhất 10 ký tự" in page.locator(".invalid-feedback").inner_text()
    page.fill("input[name=password]", NEW_PASSWORD)
    page.fill("input[name=confirm]", NEW_PASSWORD)
    page.click("#password-form [type=submit]")
    assert "Đã đặt mật khẩu" in page.locator(".alert-success").inner_text()

    browser_login("mai.ht@syt.binhdinh.gov.vn", NEW_PASSWORD)
    assert page.url.endswith("/agency/")
    assert "Sở Y tế" in page.locator("h1").inner_text()
    page.goto(link)
    assert "đã được dùng" in page.locator("#link-refusal").inner_text()


def test_forgot_password_end_to_end_through_a_real_smtp_server(page, links_in_mail, smtp):
    page.goto("/login")
    page.click("#forgot-link")
    page.fill("input[name=email]", "head.syt@tracker.demo")
    page.click("#forgot-form [type=submit]")
    assert "liên kết đặt mật khẩu mới" in page.locator(".alert-info").inner_text()
    link = links_in_mail("head.syt@tracker.demo")[0]
    message = smtp.mailbox.messages()[0]
    assert message["Subject"] == "Đặt lại mật khẩu cho hệ thống theo dõi kế hoạch"
    assert message["Auto-Submitted"] == "auto-generated"

    page.goto(link)
    page.fill("input[name=password]", NEW_PASSWORD)
    page.fill("input[name=confirm]", NEW_PASSWORD)
    page.click("#password-form [type=submit]")
    page.fill("input[name=email]", "head.syt@tracker.demo")
    page.fill("input[name=password]", "demo1234")
    page.click("#submit")
    assert "Sai địa chỉ thư điện tử hoặc mật khẩu." in page.locator(".alert-danger").inner_text()
    page.fill("input[name=email]", "head.syt@tracker.demo")
    page.fill("input[name=password]", NEW_PASSWORD)
    page.click("#submit")
    page.wait_for_url(re.compile(r"/agency/"))


def test_deactivating_a_person_with_open_items(page, browser_login, item_by_code, user_by_email):
    head = user_by_email("head.syt@tracker.demo")
    item = item_by_code("NV-LV-01")
    item.responsible_id = head.id
    db.session.commit()
    browser_login("admin@tracker.demo")
    page.goto("/admin/users")
    page.fill("input[name=q]", "head.syt")
    page.click("#users-filter [type=submit]")
    page.click(f"#user-{head.id} a:text-is('Khóa')")
    assert "NV-LV-01" in page.locator("#open-items").inner_text()
    page.click("#deactivate-form [type=submit]")
    assert "Đã khóa tài khoản" in page.locator(".alert-success").inner_text()
    assert "Đã khóa" in page.locator(f"#user-{head.id}").inner_text()
    sign_out(page)
    browser_login("head.syt@tracker.demo")
    assert "Sai địa chỉ thư điện tử hoặc mật khẩu." in page.locator(".alert-danger").inner_text()
