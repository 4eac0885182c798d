"""Need to know after a handover and in meetings, as people click through the demo (issue 9).

Claire Dubois (casemanager@, SPIP de Paris) opens the waiting handover of TR-DEMO-0001: it says, before she
accepts, that identity and risk and intelligence will not travel. She accepts; the team page says Karim Benali
(Fresnes) no longer has access and why, he is not offered as an action owner, and the sections that did not
travel are refused in words. The volunteer mentor, on a phone, reads the practical minutes and decisions of the
TR-DEMO-0002 conference, not the case-work ones, and is told in words that the case-work section is not shared
with them. This module has a server of its own: it accepts the demo handover and sets up second factors."""

import pytest
from playwright.sync_api import expect

from .conftest import integra_server
from .test_flows import assert_accessible, assert_fits_width, sign_in_with_second_factor_setup

pytestmark = pytest.mark.browser

KARIM = "Karim Benali"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    with integra_server(tmp_path_factory.mktemp("integra-var-need-to-know")) as url:
        yield url


def test_handover_shows_what_travels_and_ends_the_former_owners_access(new_page, axe_js):
    page = new_page(bypass_csp=True)
    sign_in_with_second_factor_setup(page, "casemanager@example.org")
    page.goto("/en/referrals/1/")
    details = page.locator("main dl.details")
    expect(details).to_contain_text("Will not travel")
    expect(details).to_contain_text("Risk and intelligence")
    expect(details).to_contain_text("the information-sharing agreement does not cover it")
    assert_accessible(page, axe_js, "the handover page with the sections that will not travel")
    page.locator("main").get_by_role("button", name="Accept", exact=True).click()
    page.wait_for_load_state()
    assert page.url.endswith("/en/cases/1/"), page.url
    options = page.locator("main select[name=owner] option").all_inner_texts()
    assert options and not any(KARIM in o for o in options), options
    page.goto("/en/cases/1/team/")
    ended = page.locator("main").filter(has_text="Access ended at the handover")
    expect(ended).to_contain_text(KARIM)
    expect(page.locator("main")).to_contain_text("no longer has access")
    assert_accessible(page, axe_js, "the team page after the handover")
    response = page.goto("/en/cases/1/sections/intelligence/")
    assert response.status == 403
    expect(page.locator("h1")).to_have_text("Risk and intelligence: not shared with you")
    expect(page.locator("main")).to_contain_text("did not travel to your organisation")


def test_the_mentor_on_a_phone_reads_only_the_practical_part_of_the_meeting(new_page, axe_js):
    page = new_page(width=390, height=844, bypass_csp=True)
    sign_in_with_second_factor_setup(page, "volunteer@example.org")
    page.goto("/en/conferences/1/")
    main = page.locator("main")
    expect(main).to_contain_text("Continue weekly mentoring")
    expect(main).to_contain_text("Mentor meets Jonas weekly")
    expect(main).not_to_contain_text("Licence conditions")
    expect(main).not_to_contain_text("Review the licence conditions")
    assert_fits_width(page, "the conference page for the mentor at 390 px")
    assert_accessible(page, axe_js, "the conference page for the mentor")
    response = page.goto("/en/cases/2/sections/casework/")
    assert response.status == 403
    expect(page.locator("h1")).to_have_text("Case work: not shared with you")
    expect(main).to_contain_text("does not include this section")
    assert_fits_width(page, "the section-not-shared page at 390 px")
    assert_accessible(page, axe_js, "the section-not-shared page")
    # A record the mentor cannot open at all stays a plain 404.
    assert page.goto("/en/cases/1/sections/casework/").status == 404
