"""Mentoring on a 390 px phone: the volunteer mentor logs a session and raises a concern in two taps; the
coordinator then sees the concern on the programme's dashboard.

Lucie Moreau (volunteer@, Association Trait d'Union) is matched in the demo with TR-DEMO-0002. She sets up her
second factor here, so this module runs on a server of its own and leaves the session's server untouched."""

import re

import pytest
from playwright.sync_api import Page, expect

from .conftest import integra_server
from .test_flows import assert_accessible, assert_fits_width, sign_in_with_second_factor_setup

pytestmark = pytest.mark.browser

PHONE = 390


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    with integra_server(tmp_path_factory.mktemp("integra-var-mentoring")) as url:
        yield url


def _scan(new_page, page: Page, axe_js, label: str) -> None:
    scanner = new_page(width=PHONE, bypass_csp=True, storage_state=page.context.storage_state())
    scanner.goto(page.url)
    assert_accessible(scanner, axe_js, label)


def test_a_mentor_logs_a_session_and_raises_a_concern_on_a_phone(new_page, axe_js):
    page = new_page(width=PHONE, height=844)
    sign_in_with_second_factor_setup(page, "volunteer@example.org")
    page.goto("/en/mentoring/")
    assert_fits_width(page, "mentor's mentoring home")
    page.locator("main").get_by_role("link", name="TR-DEMO-0002").click()
    expect(page).to_have_url(re.compile(r"/en/mentoring/matches/\d+/$"))
    assert_fits_width(page, "match page")
    _scan(new_page, page, axe_js, "match page at 390 px")

    page.locator("main").get_by_role("link", name="Log a session").first.click()
    assert_fits_width(page, "session form")
    page.get_by_label("Minutes").fill("40")
    page.get_by_label("How").select_option("phone")
    page.get_by_label("Notes").fill("Talked about the housing appointment.")
    page.locator("main").get_by_role("button", name="Save").click()
    expect(page.locator("main .messages")).to_contain_text("Session logged.")

    page.locator("main").get_by_role("link", name="Raise a concern").first.click()
    assert_fits_width(page, "concern form")
    _scan(new_page, page, axe_js, "concern form at 390 px")
    page.get_by_label("Risk to others").check()  # tap one
    page.locator("main").get_by_role("button", name="Send as urgent").click()  # tap two
    expect(page.locator("main .messages")).to_contain_text("the coordinator and the case team were alerted")
    expect(page.locator("main")).to_contain_text("Urgent")


def test_the_coordinator_sees_the_programme_and_the_matching_aid(new_page, axe_js):
    page = new_page(width=PHONE, height=844)
    sign_in_with_second_factor_setup(page, "coordinator@example.org")
    page.goto("/en/mentoring/")
    expect(page.locator("main")).to_contain_text("Open concerns")
    assert_fits_width(page, "coordinator dashboard")
    page.goto("/en/mentoring/mentors/")
    assert_fits_width(page, "mentor pool")
    expect(page.locator("main")).to_contain_text("Lucie Moreau")
    _scan(new_page, page, axe_js, "mentor pool at 390 px")
