"""Structured assessment in a real browser: Claire Dubois (casemanager@, SPIP de Paris) opens her draft
reassessment of TR-DEMO-0002 from the Assessments menu, sees the previous ratings beside the items and the
computed aids, rates an item as "insufficient information" without explaining (refused, nothing saved), then
explains it and saves; the page is accessible and fits a phone. Then the trajectory of the record's assessments.

casemanager@ sets up her second factor here, so this module runs on a server of its own (see test_cooperation)."""

import pytest
from playwright.sync_api import Page, expect

from .conftest import integra_server
from .test_flows import (
    assert_accessible,
    assert_fits_width,
    csp_reports,
    go_to_dashboard,
    sign_in_with_second_factor_setup,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    with integra_server(tmp_path_factory.mktemp("integra-var-assessment")) as url:
        yield url


def test_assessor_rates_a_reassessment(new_page, axe_js):
    page: Page = new_page(bypass_csp=True)
    sign_in_with_second_factor_setup(page, "casemanager@example.org")
    go_to_dashboard(page)
    page.locator("nav.main-nav").get_by_role("link", name="Assessments", exact=True).click()
    page.wait_for_load_state()
    expect(page.locator("main h1")).to_have_text("Assessments")
    page.locator("main section").filter(has_text="Your drafts").get_by_role("link").first.click()
    page.wait_for_load_state()
    main = page.locator("main")
    expect(main).to_contain_text("Computed aids")
    expect(main).to_contain_text("not a judgement")
    expect(main).to_contain_text("Previous rating")

    # "Insufficient information" without the explanation: refused, and nothing is saved.
    grievance = main.get_by_role("group", name="Sense of grievance and injustice", exact=False).last
    grievance.get_by_label("Insufficient information").check()
    main.get_by_role("button", name="Save the draft").click()
    page.wait_for_load_state()
    expect(main.locator(".error-summary")).to_contain_text("Explain why the information is insufficient")

    grievance = main.get_by_role("group", name="Sense of grievance and injustice", exact=False).last
    grievance.get_by_label("Insufficient information").check()
    grievance.get_by_label("Why is the information insufficient?").fill("The new probation file has not arrived.")
    main.get_by_role("button", name="Save the draft").click()
    page.wait_for_load_state()
    expect(page.locator("main .messages")).to_contain_text("The draft is saved.")
    expect(main).to_contain_text("insufficient information: 1")
    assert_accessible(page, axe_js, "the assessment page")
    assert not csp_reports(page)

    main.get_by_role("link", name="All assessments of this person").click()
    page.wait_for_load_state()
    expect(main.locator("figure.trajectory table")).to_contain_text("Beliefs and attitudes")
    expect(main.locator("figure.trajectory svg")).to_have_count(1)
    assert_accessible(page, axe_js, "the record's assessments")

    page.set_viewport_size({"width": 390, "height": 844})
    assert_fits_width(page, "the record's assessments on a phone")


def test_coordinator_reads_the_calibration_report(new_page, axe_js):
    """Odile Martin (orgadmin@, SPIP) opens the demo's closed calibration round from the Calibration menu: three
    raters' ratings side by side, Krippendorff's α with n, the consensus meeting; accessible, fits a phone."""
    page: Page = new_page(bypass_csp=True)
    sign_in_with_second_factor_setup(page, "orgadmin@example.org")
    go_to_dashboard(page)
    page.locator("nav.main-nav").get_by_role("link", name="Calibration", exact=True).click()
    page.wait_for_load_state()
    main = page.locator("main")
    expect(main.locator("h1")).to_have_text("Calibration rounds")
    main.get_by_role("link", name="Calibration, autumn session").click()
    page.wait_for_load_state()
    expect(main).to_contain_text("no real person is assessed here")
    main.get_by_role("link", name="Report: ratings and agreement").click()
    page.wait_for_load_state()
    expect(main.locator("h1")).to_have_text("Calibration report")
    expect(main).to_contain_text("Krippendorff")
    expect(main).to_contain_text("n = 10")
    expect(main.locator("table thead th")).to_have_count(6)  # item, three raters, agreed, agreement
    expect(main).to_contain_text("booster session")
    assert_accessible(page, axe_js, "the calibration report")
    assert not csp_reports(page)
    page.set_viewport_size({"width": 390, "height": 844})
    assert_fits_width(page, "the calibration report on a phone")
