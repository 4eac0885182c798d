"""On a phone (390 × 844): the header menu folds behind a "Menu" button, opens and closes by mouse and keyboard
and says so (aria-expanded), and the main pages fit the screen — no sideways scrolling of the page.

People: Ana Ferreira (trainer@, no second factor) for the dashboard, the learning home and a course; Ivana
Dimitrova (organiser@) for the Sofia agenda and its registrations; Pierre Martin (casemanager@, SPIP de Paris)
sets up his second factor here for the caseload and a record — which changes him for other modules, so this module
runs on a server of its own."""

import re

import pytest
from playwright.sync_api import Page, expect

from .conftest import integra_server
from .test_flows import sign_in_with_password, sign_in_with_second_factor_setup

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
COLLAPSED_HEADER_MAX = 80  # px: the brand and the Menu button on one line (it took up to 372 px before)
SOFIA_TITLE = "Short-term joint staff training event C2 — Sofia"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    with integra_server(tmp_path_factory.mktemp("integra-var-phone")) as url:
        yield url


def phone_page(new_page) -> Page:
    return new_page(width=PHONE["width"], height=PHONE["height"])


def header_height(page: Page) -> float:
    return page.evaluate("() => document.querySelector('header.site-header').getBoundingClientRect().height")


def assert_fits_the_phone(page: Page, label: str) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    wide = page.evaluate("""() => [...document.querySelectorAll('body *')].filter(e => {
        const r = e.getBoundingClientRect(); return r.width > 0 && r.right > document.documentElement.clientWidth + 1;
    }).slice(0, 6).map(e => e.tagName.toLowerCase() + (typeof e.className === 'string' && e.className
        ? '.' + e.className.trim().split(/\\s+/).join('.') : ''))""")
    assert width <= PHONE["width"], f"{label} is {width} px wide on a {PHONE['width']} px phone; too wide: {wide}"
    height = header_height(page)
    assert height <= COLLAPSED_HEADER_MAX, f"the header of {label} is {height:.0f} px high with the menu folded"
    errors = [m for m in page.console_messages if m.startswith(("error", "pageerror"))]
    assert not errors, f"console errors on {label}:\n" + "\n".join(errors)


def test_the_header_menu_folds_behind_a_button_on_a_phone(new_page):
    page = phone_page(new_page)
    sign_in_with_password(page, "trainer@example.org")
    page.goto("/en/dashboard/")
    toggle = page.locator("header").get_by_role("button", name=re.compile("^Menu"))
    nav = page.locator("nav.main-nav")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(nav).to_be_hidden()
    expect(page.locator("nav.user-menu")).to_be_hidden()
    assert header_height(page) <= COLLAPSED_HEADER_MAX

    toggle.click()  # open by mouse
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(nav).to_be_visible()
    expect(page.locator("nav.user-menu").get_by_role("button", name="Sign out")).to_be_visible()
    expect(page.locator("select#language-select")).to_be_visible()
    page.keyboard.press("Escape")  # Escape closes it and gives the focus back to the button
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(nav).to_be_hidden()
    expect(toggle).to_be_focused()

    page.keyboard.press("Enter")  # by keyboard: the focused button opens it, Tab reaches the menu's links
    expect(toggle).to_have_attribute("aria-expanded", "true")
    nav.get_by_role("link", name="Learning", exact=True).focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile(r"/en/learning/$"))
    expect(page.locator("header").get_by_role("button", name=re.compile("^Menu"))).to_have_attribute(
        "aria-expanded", "false")  # a new page starts folded


def test_on_a_wide_screen_and_without_script_nothing_is_folded(new_page, browser, base_url):
    page = new_page(width=1280)
    sign_in_with_password(page, "trainer@example.org")
    page.goto("/en/dashboard/")
    expect(page.locator("header").get_by_role("button", name=re.compile("^Menu"))).to_be_hidden()
    expect(page.locator("nav.main-nav")).to_be_visible()
    expect(page.locator("nav.user-menu")).to_be_visible()

    context = browser.new_context(base_url=base_url, viewport=PHONE, java_script_enabled=False, locale="en-GB",
                                  storage_state=page.context.storage_state())
    try:
        bare = context.new_page()
        bare.goto("/en/dashboard/")
        expect(bare.locator("nav.main-nav")).to_be_visible()  # everything stays reachable
        expect(bare.locator("header").get_by_role("button", name=re.compile("^Menu"))).to_be_hidden()
        assert bare.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        context.close()


def test_an_anonymous_visitor_keeps_sign_in_in_view(new_page):
    page = phone_page(new_page)
    page.goto("/en/")
    expect(page.locator("header").get_by_role("link", name="Sign in", exact=True)).to_have_count(1)
    expect(page.locator("header").get_by_role("link", name="Sign in", exact=True)).to_be_visible()
    assert_fits_the_phone(page, "the home page")


def test_the_main_pages_fit_a_phone(new_page):
    trainer = phone_page(new_page)
    sign_in_with_password(trainer, "trainer@example.org")
    trainer.goto("/en/learning/")
    course = trainer.locator("main a[href*='/learning/courses/']").first.get_attribute("href")
    for url, label in [("/en/dashboard/", "the dashboard"), ("/en/learning/", "the learning home"),
                       (course, "a course")]:
        trainer.goto(url)
        assert_fits_the_phone(trainer, label)

    organiser = phone_page(new_page)
    sign_in_with_password(organiser, "organiser@example.org")
    organiser.goto("/en/events/")
    sofia = organiser.locator("main").get_by_role("link", name=SOFIA_TITLE, exact=True).get_attribute("href")
    for url, label in [(sofia + "agenda/", "the Sofia agenda"), (sofia + "registrations/", "the registrations"),
                       (sofia + "quotas/", "the quotas"), (sofia, "the event page")]:
        organiser.goto(url)
        assert_fits_the_phone(organiser, label)
    # the registrations table is a list of cards, each value labelled with its column
    first = organiser.locator("main table.stack tbody tr").first
    organiser.goto(sofia + "registrations/")
    expect(first.locator("td[data-label=Status]")).to_be_visible()
    assert organiser.evaluate("() => getComputedStyle(document.querySelector('main table.stack tbody tr'))"
                              ".display") == "block"

    case_manager = phone_page(new_page)
    sign_in_with_second_factor_setup(case_manager, "casemanager@example.org")
    case_manager.goto("/en/dashboard/")  # past allauth's recovery codes
    expect(case_manager).to_have_url(re.compile(r"/en/dashboard/$"))
    case_manager.goto("/en/cases/")
    assert_fits_the_phone(case_manager, "the caseload")
    record = case_manager.locator("main a[href]").filter(has_text=re.compile(r"TR-DEMO-\d{4}")).first
    record.click()
    case_manager.wait_for_load_state()
    expect(case_manager).to_have_url(re.compile(r"/en/cases/\d+/$"))
    assert_fits_the_phone(case_manager, "a transition record")
