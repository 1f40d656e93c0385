"""The screens people use: the full menu on a 1366 × 768 office laptop; on a 360 × 740 phone no
page of the three journeys (office specialist, department head, focal officer) scrolls
sideways, and chart labels stay readable. Screenshots go to test-artifacts/."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from tracker.database import db
from tracker.models import Period, WorkItem

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 360, "height": 740}
NARROWEST_FULL_MENU = {"width": 1280, "height": 720}


def scroll_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


#: The elements reaching past the window's right edge, to say what makes a page too wide.
STICKING_OUT = """
Array.from(document.querySelectorAll('body *'))
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
  .slice(-3).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
    + (e.className && e.className.baseVal === undefined ? '.' + e.className.split(' ')[0] : ''))
"""


def sticking_out(page) -> list[str]:
    return page.evaluate(STICKING_OUT)


def item_id(code: str) -> int:
    return db.session.scalar(select(WorkItem.id).where(WorkItem.code == code))


def full_menu(page, width: int) -> None:
    """Every link of the menu shown on one line, no hamburger, nothing wider than the window."""
    page.goto("/items/")
    assert not page.locator("#menu .navbar-toggler").is_visible()
    links = page.locator("#nav .nav-link")
    assert links.count() >= 5 and all(links.nth(i).is_visible() for i in range(links.count()))
    assert page.locator("#nav-notifications").is_visible()
    menu_height = page.evaluate("document.getElementById('menu').offsetHeight")
    assert menu_height < 80, "the menu wraps onto a second line"
    assert scroll_width(page) <= width, sticking_out(page)


@pytest.mark.viewport(LAPTOP)
@pytest.mark.parametrize("email", ["office@tracker.demo", "head.syt@tracker.demo"])
def test_the_menu_is_full_on_an_office_laptop(page, browser_login, screenshot, email):
    browser_login(email)
    full_menu(page, LAPTOP["width"])
    screenshot(f"laptop-menu-{email.split('@')[0]}")


@pytest.mark.viewport(NARROWEST_FULL_MENU)
def test_the_menu_is_still_full_at_1280_px(page, browser_login, screenshot):
    browser_login("office@tracker.demo")  # the office has the most links
    full_menu(page, NARROWEST_FULL_MENU["width"])
    screenshot("menu-1280")


def journeys() -> dict[str, list[str]]:
    lead = item_id("NV-LV-01")
    period = db.session.scalar(select(Period.id).order_by(Period.id))
    return {
        "office@tracker.demo": [
            "/",
            "/items/",
            f"/items/{lead}",
            "/office/inbox",
            "/office/overdue",
            "/reports/agencies",
            f"/reports/periods/{period}",
            "/notifications/",
            "/me",
        ],
        "head.syt@tracker.demo": [
            "/agency/",
            "/items/",
            f"/items/{lead}",
            f"/items/{lead}/delegate",
            f"/items/{lead}/agency-review/forward",
            "/notifications/",
        ],
        "officer.syt@tracker.demo": [
            "/agency/",
            f"/items/{lead}",
            f"/items/{lead}/progress",
            f"/items/{lead}/submit",
            "/notifications/",
            "/me",
        ],
    }


def too_wide(page, screenshot, email: str, width: int) -> list[str]:
    """The pages of the person's journey wider than `width`, each with what sticks out."""
    wide = []
    for path in journeys()[email]:
        response = page.goto(path)
        assert response.status == 200, path
        name = f"{width}px-{email.split('@')[0]}{path.replace('/', '-').rstrip('-') or '-home'}"
        screenshot(name)
        if (found := scroll_width(page)) > width:
            wide.append(f"{path}: {found}px ({', '.join(sticking_out(page))})")
    return wide


@pytest.mark.viewport(PHONE)
@pytest.mark.parametrize(
    "email", ["office@tracker.demo", "head.syt@tracker.demo", "officer.syt@tracker.demo"]
)
def test_no_page_of_a_journey_scrolls_sideways_on_a_phone(page, browser_login, screenshot, email):
    browser_login(email)
    wide = too_wide(page, screenshot, email, PHONE["width"])
    assert not wide, "pages wider than the phone: " + ", ".join(wide)


@pytest.mark.viewport(LAPTOP)
def test_no_page_of_the_office_scrolls_sideways_on_a_laptop(page, browser_login, screenshot):
    browser_login("office@tracker.demo")  # the dashboard's links to every sector ran off it
    wide = too_wide(page, screenshot, "office@tracker.demo", LAPTOP["width"])
    assert not wide, "pages wider than the laptop: " + ", ".join(wide)


@pytest.mark.viewport(PHONE)
def test_chart_labels_stay_readable_on_a_phone(page, browser_login, screenshot):
    browser_login("office@tracker.demo")
    page.goto("/")  # the leadership dashboard's charts
    sizes = page.evaluate(
        "Array.from(document.querySelectorAll('svg text'))"
        ".map(t => t.getBoundingClientRect().height ? parseFloat(getComputedStyle(t).fontSize)"
        " * t.getScreenCTM().a : null).filter(s => s !== null)"
    )
    screenshot("phone-chart-labels")
    assert sizes and min(sizes) >= 11, f"smallest chart label: {min(sizes or [0]):.1f}px"


@pytest.mark.viewport(LAPTOP)
def test_the_picker_finds_people_and_agencies_typed_without_diacritics(
    page, browser_login, screenshot
):
    browser_login("office@tracker.demo")
    page.goto("/items/new")
    type_in_picker(page, "lead_agency_id", "so y te")
    options = page.locator("#lead_agency_id-ts-dropdown .option")
    expect(options).to_have_text(["Sở Y tế"])  # waits for the list to follow the typing
    options.first.click()
    assert page.locator("#lead_agency_id").input_value() != ""
    type_in_picker(page, "responsible_id", "chuyen vien syt")
    shown = page.locator("#responsible_id-ts-dropdown .option")
    expect(shown).to_have_count(1)
    assert shown.first.inner_text().startswith("Chuyên viên SYT")
    group = page.locator("#responsible_id-ts-dropdown .optgroup-header").first.inner_text()
    assert group == "Sở Y tế"  # people grouped by agency
    screenshot("picker-people")
    page.goto("/items/new")  # a fresh form: the multiple choice of coordinating agencies
    # "Sở Giáo dục và Đào tạo": đ typed as d
    type_in_picker(page, "coordinating_agency_ids", "dao tao")
    found = page.locator("#coordinating_agency_ids-ts-dropdown .option")
    expect(found).to_have_text(["Sở Giáo dục và Đào tạo"])


def type_in_picker(page, select_id: str, typed: str) -> None:
    """Type into a picker once it is open and holds the focus, and wait until it holds all
    that was typed. Typed at once on a busy machine, right after choosing in the picker
    before, the list once stayed filtered by part of the words (47 people instead of one)."""
    control = page.locator(f"#{select_id}-ts-control")
    control.focus()  # opens it (openOnFocus); its input is too small to click
    expect(page.locator(f"#{select_id}-ts-dropdown")).to_be_visible()
    expect(control).to_be_focused()
    control.press_sequentially(typed)
    expect(control).to_have_value(typed)


def dismiss_first_then_accept(page) -> list[str]:
    """Answer the page's confirmations: "cancel" to the first, "OK" to the others; the list
    collects what each asked."""
    asked: list[str] = []

    def answer(dialog):
        asked.append(dialog.message)
        if len(asked) == 1:
            dialog.dismiss()
        else:
            dialog.accept()

    page.on("dialog", answer)
    return asked


@pytest.mark.viewport(LAPTOP)
def test_a_bulk_action_asks_first_naming_the_action_and_the_count(page, browser_login):
    browser_login("office@tracker.demo")
    page.goto("/items/?standing=overdue")
    boxes = page.locator("#items input[name=selected]")
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.select_option("#bulk-action", "remind")
    asked = dismiss_first_then_accept(page)
    page.click("#bulk-apply")  # dismissed: nothing is sent
    assert "Nhắc cơ quan chủ trì" in asked[0] and "cho 2 nhiệm vụ" in asked[0]
    assert page.locator(".alert-success").count() == 0
    page.click("#bulk-apply")
    expect(page.locator(".alert-success")).to_have_text("Đã thực hiện cho 2 nhiệm vụ.")


@pytest.mark.viewport(LAPTOP)
def test_closing_and_publishing_a_period_ask_first_naming_the_consequences(page, browser_login):
    period = db.session.scalar(select(Period).filter_by(kind="quarter", year=2026, number=3))
    browser_login("office@tracker.demo")
    asked = dismiss_first_then_accept(page)
    page.goto(f"/reports/periods/{period.id}")
    page.click("#close-period")  # dismissed: the period stays open
    assert "Khoá Quý 3/2026? Số liệu được chốt tính đến ngày" in asked[0]
    assert "không thể mở lại" in asked[0]
    db.session.expire_all()
    assert db.session.get(Period, period.id).status == "open"
    page.click("#close-period")
    page.click("#publish-period")
    assert "Số liệu đã chốt sẽ hiện trên trang công khai cho mọi người" in asked[2]
    expect(page.locator("#publish-period")).to_have_count(0)
    db.session.expire_all()
    assert db.session.get(Period, period.id).status == "published"


@pytest.mark.viewport(PHONE)
def test_on_a_phone_the_list_is_cards_and_the_footer_links_the_public_page(page, browser_login):
    browser_login("officer.syt@tracker.demo")
    page.goto("/items/")
    cards = page.locator("#item-cards > li")
    assert cards.count() > 0 and cards.first.is_visible()
    assert not page.locator("#items").is_visible()  # the table is for wider screens
    assert scroll_width(page) <= PHONE["width"]
    href = page.locator("#public-link").get_attribute("href")
    assert page.goto(href).status == 200 and page.url.endswith("/public/")


@pytest.mark.viewport(LAPTOP)
def test_every_form_choosing_an_agency_or_a_person_has_the_picker(page, browser_login):
    """The reassignment, the lists' filters, a new account's agency, the audit log's person and
    the head's bulk delegation: typing a few letters without diacritics finds the name."""
    lead = item_id("NV-LV-01")
    searches = [
        (
            "office@tracker.demo",
            f"/items/{lead}/reassign",
            "agency",
            "so tai chinh",
            "Sở Tài chính",
        ),
        ("office@tracker.demo", "/items/", "agency", "tai chinh", "Sở Tài chính"),
        ("office@tracker.demo", "/office/overdue", "agency", "khoa hoc", "Sở Khoa học"),
        ("office@tracker.demo", "/reports/targets/", "agency", "y te", "Sở Y tế"),
        ("admin@tracker.demo", "/admin/audit", "actor", "staff.syt", "staff.syt@tracker.demo"),
        ("admin@tracker.demo", "/admin/users/new", "agency", "so y te", "Sở Y tế"),
        ("head.syt@tracker.demo", "/items/", "bulk-staff", "chuyen vien", "Chuyên viên SYT"),
    ]
    signed_in = None
    for email, path, select_id, typed, found in searches:
        if email != signed_in:
            page.context.clear_cookies()
            browser_login(email)
            signed_in = email
        page.goto(path)
        type_in_picker(page, select_id, typed)
        options = page.locator(f"#{select_id}-ts-dropdown .option")
        expect(options.first).to_contain_text(found)
