"""The data-protection officer in a real browser: from the records of their organisation to a reviewed
subject-access copy with an item withheld, released in French; then the access log and the audit trail in plain
words, and the access log as CSV.

Runs on a server of its own: the officer sets up a second factor at first sign-in here."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import integra_server
from .test_cooperation import assert_pages_accessible
from .test_flows import csp_reports, go_to_dashboard, sign_in_with_second_factor_setup

pytestmark = pytest.mark.browser

DPO = "dpo@example.org"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    with integra_server(tmp_path_factory.mktemp("integra-var-dpo")) as url:
        yield url


def test_the_officer_reviews_withholds_and_releases_a_copy(page, new_page, axe_js):
    sign_in_with_second_factor_setup(page, DPO)
    go_to_dashboard(page)
    page.goto("/en/cases/data-protection/")
    page.locator("main").get_by_role("link", name=re.compile(r"^Subject-access copy — TR-DEMO-0001")).click()
    page.wait_for_load_state()
    expect(page.locator("main h1")).to_contain_text("Subject-access copy of TR-DEMO-0001")
    review_url = page.url

    # Withhold the first intelligence item under the crime exemption, in French.
    row = page.locator("main tbody tr.row-alert").first
    expect(row).to_be_visible()
    row.get_by_role("checkbox").check()
    row.get_by_role("combobox").select_option("crime")
    page.locator("main").get_by_label("Language of the copy").select_option("fr")
    with page.expect_download() as download_info:
        page.locator("main").get_by_role("button", name="Release the copy (PDF)").click()
    download = download_info.value
    assert download.suggested_filename.endswith("-fr.pdf")
    assert open(download.path(), "rb").read(5) == b"%PDF-"

    page.goto("/en/cases/data-protection/")
    page.locator("main").get_by_role("link", name=re.compile(r"^Subject-access copy — TR-DEMO-0001")).click()
    page.wait_for_load_state()
    releases = page.locator("main table").last
    expect(releases).to_contain_text("Français")

    # The access log and the audit trail read in words.
    page.goto("/en/cases/data-protection/")
    page.locator("main").get_by_role("link", name=re.compile(r"^Access log — TR-DEMO-0001")).click()
    page.wait_for_load_state()
    log = page.locator("main").inner_text()
    assert "Subject-access copy released" in log and "cooperation.record" not in log
    log_url = page.url
    with page.expect_download() as csv_info:
        page.locator("main").get_by_role("link", name="Export CSV").click()
    assert csv_info.value.suggested_filename == "access-log-TR-DEMO-0001.csv"

    page.goto("/fr/audit/")
    audit = page.locator("main table").inner_text()
    assert "TR-DEMO-0001" in audit and "cooperation.transitionrecord" not in audit
    assert not csp_reports(page)
    assert_pages_accessible(new_page, page, axe_js, [(review_url, "the subject-access review"),
                                                     (log_url, "the access log"), ("/fr/audit/", "the audit trail")])
