"""The knowledge base in a real browser: an anonymous visitor searches the collection without accents and
narrows it with a facet (on a phone too); Eleni Papadopoulou (researcher@, the study lead, no second factor)
codes a segment of an interview transcript and sees it in the frequency report."""

import re

import pytest
from playwright.sync_api import expect

from .test_flows import assert_accessible, assert_fits_width, csp_reports, sign_in_with_password

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1280, 390])
def test_search_accent_free_then_facet(new_page, width):
    page = new_page(width=width)
    page.goto("/en/practices/")
    page.get_by_label("Search").fill("REINSERCAO")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"q=REINSERCAO"))
    results = page.locator(".result-list > li")
    expect(results.first).to_be_visible()
    expect(page.locator(".result-list mark").first).to_have_text(re.compile("reinser", re.IGNORECASE))
    before = results.count()
    facet = page.locator("aside.facets form").filter(has=page.locator("input[name=setting]")).first
    facet.locator("input[name=setting][value=prison]").check()
    facet.get_by_role("button", name="Apply").click()
    expect(page).to_have_url(re.compile(r"setting=prison"))
    assert page.locator(".result-list > li").count() <= before
    assert_fits_width(page, f"the practices search at {width} px")
    assert not csp_reports(page), page.console_messages


def test_search_page_is_accessible(new_page, axe_js):
    page = new_page(bypass_csp=True)
    page.goto("/en/practices/?q=prevention")
    assert_accessible(page, axe_js, "the practices search")


def test_researcher_codes_a_segment(page):
    sign_in_with_password(page, "researcher@example.org")
    page.goto("/en/studies/")
    page.get_by_role("link", name="Stakeholders' views on release and disengagement").click()
    page.get_by_role("link", name="INT-3").click()
    transcript = page.locator("pre.transcript").inner_text()
    start = transcript.index("wrong people")
    form = page.locator("form[action$='/codings/']")
    form.get_by_label("Code", exact=True).select_option(label="Trust of the person")
    form.get_by_label("From character").fill(str(start))
    form.get_by_label("To character").fill(str(start + len("wrong people")))
    form.get_by_role("button", name="Code").click()
    expect(page.locator("[role=status], .messages").first).to_contain_text("Segment coded.")
    expect(page.locator("table")).to_contain_text("wrong people")
    page.goto(page.url.split("/sessions/")[0] + "/frequencies/")
    expect(page.locator("table").first).to_contain_text("Trust of the person")
