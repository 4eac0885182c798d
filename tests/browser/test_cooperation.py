"""Multi-agency cooperation in a real browser: open a record, refer it, accept the referral as the other
agency, hold a case conference and assign an action.

Karim Benali (prisoncase@, case manager at the Centre pénitentiaire de Fresnes) opens the record, records
the person's consent and refers the record to the SPIP de Paris. Claire Dubois (casemanager@, case manager
at the SPIP de Paris) accepts it, schedules a case conference, records it and assigns herself an action.
The demo "Paris resettlement protocol" is the information-sharing agreement between the two.

Both people set up their second factor at their first sign-in here. test_flows.py expects to do that itself
for casemanager@, so this module runs on a server of its own (base_url below) and leaves the session's
server untouched."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from .conftest import integra_server
from .test_flows import (
    assert_accessible,
    csp_reports,
    go_to_dashboard,
    sign_in_with_second_factor_setup,
)

pytestmark = pytest.mark.browser

SERVER_TIME_ZONE = ZoneInfo("Europe/Brussels")  # TIME_ZONE in integra.settings.base: "today" for the services
RECORD_URL = re.compile(r"/en/cases/(\d+)/$")
REFERENCE = re.compile(r"TR-\d{4}-[0-9A-F]{6}")

KARIM = ("prisoncase@example.org", "Karim Benali")
CLAIRE = ("casemanager@example.org", "Claire Dubois")
FRESNES, SPIP, UEPE_ROMA = "Centre pénitentiaire de Fresnes", "SPIP de Paris", "UEPE Roma"
NO_AGREEMENT = "There is no valid information-sharing agreement between the two organisations."
NO_BASIS = "There is no consent or other legal basis of this person covering that organisation."


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    """A server of this module's own (see the module docstring), shared by its tests."""
    with integra_server(tmp_path_factory.mktemp("integra-var-cooperation")) as url:
        yield url


# --- helpers -----------------------------------------------------------------------------------------

def server_today() -> dt.date:
    return dt.datetime.now(SERVER_TIME_ZONE).date()


def main_nav(page: Page, label: str) -> None:
    page.locator("nav.main-nav").get_by_role("link", name=label, exact=True).click()
    page.wait_for_load_state()


def submit(page: Page, button: str) -> None:
    page.locator("main").get_by_role("button", name=button, exact=True).click()
    page.wait_for_load_state()


def main_text(page: Page) -> str:
    return page.locator("main").inner_text()


def expect_message(page: Page, text: str) -> None:
    expect(page.locator("main .messages")).to_contain_text(text)


def sign_out(page: Page) -> None:
    page.locator("nav.user-menu form button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator("nav.user-menu")).to_have_count(0)


def section_links(page: Page) -> list[str]:
    return [text.strip() for text in page.locator("main ul.section-list a").all_inner_texts()]


def assert_record_page_respects_csp(page: Page, record_url: str, label: str) -> None:
    """Load the record page in the flow's own context (the policy enforced) and look for refusals."""
    page.console_messages.clear()
    response = page.goto(record_url)
    assert response.status == 200, f"{label}: the record page answered {response.status}"
    assert "script-src 'self'" in (response.headers.get("content-security-policy") or ""), response.headers
    page.wait_for_load_state("networkidle")
    assert page.evaluate("() => typeof window.htmx") == "object", f"{label}: htmx did not load on the record page"
    reports = csp_reports(page)
    assert not reports, f"Content-Security-Policy violations on the record page ({label}):\n" + "\n".join(reports)
    errors = [m for m in page.console_messages if m.startswith(("error", "pageerror"))]
    assert not errors, f"Console errors on the record page ({label}):\n" + "\n".join(errors)


def assert_pages_accessible(new_page, page: Page, axe_js, pages: list[tuple[str, str]]) -> None:
    """axe-core in a CSP-bypassing copy of the signed-in context (same session cookie, no new sign-in)."""
    scanner = new_page(bypass_csp=True, storage_state=page.context.storage_state())
    for url, label in pages:
        response = scanner.goto(url)
        assert response.status == 200, f"{label} answered {response.status}"
        expect(scanner.locator("nav.user-menu")).to_have_count(1)
        assert_accessible(scanner, axe_js, label)
    scanner.context.close()


# --- the flow ----------------------------------------------------------------------------------------

def open_record(page: Page, release: dt.date) -> tuple[str, str]:
    """Step 1, as Karim: Caseload → Open a transition record. Returns the record's URL and reference."""
    main_nav(page, "Caseload")
    expect(page.locator("h1")).to_have_text("Caseload")
    page.locator("main").get_by_role("link", name="Open a transition record").click()
    page.wait_for_load_state()
    expect(page.locator("h1")).to_have_text("Open a transition record")
    form = page.locator("main form[method=post]")
    form.get_by_label("Owning organisation").select_option(label=FRESNES)
    form.get_by_label("Given names").fill("Yanis")
    form.get_by_label("Family name").fill("Mercier")
    form.get_by_label("Establishment").fill(FRESNES)
    form.get_by_label("Expected release date").fill(release.isoformat())
    form.get_by_label("Phase").select_option(label="Pre-release")
    submit(page, "Open the record")

    assert RECORD_URL.search(page.url), f"expected the record page, got {page.url}:\n{main_text(page)}"
    heading = page.locator("h1").inner_text()
    match = REFERENCE.search(heading)
    assert match, f"no TR- reference in the record heading {heading!r}"
    reference = match.group(0)
    expect(page.locator("h1 .tag")).to_have_text("Pre-release")
    expect_message(page, f"Record {reference} opened.")
    details = page.locator("main dl.details")
    expect(details).to_contain_text(FRESNES)
    expect(details).to_contain_text(release.isoformat())
    # The owner's case manager has full access: the identity section is there for him.
    assert "Identity" in section_links(page), section_links(page)
    return page.url, reference


def record_consent(page: Page, today: dt.date) -> None:
    """Step 2a: consent of the person covering the SPIP de Paris, for case work and practical support."""
    page.locator("main").get_by_role("link", name="Consent and legal basis").click()
    page.wait_for_load_state()
    expect(page.locator("h1")).to_have_text("Consent and legal basis for sharing")
    form = page.locator("main form[method=post]").filter(has=page.locator("select[name=basis]"))
    form.locator("select[name=basis]").select_option(label="Consent of the person")
    form.locator("select[name=recipients]").select_option(label=SPIP)
    form.get_by_label("Case work", exact=True).check()
    form.get_by_label("Practical support", exact=True).check()
    form.get_by_label("Date given or established").fill(today.isoformat())
    form.get_by_label("Evidence").fill("Signed consent form, prison file section 2.")
    submit(page, "Record")

    assert page.url.endswith("/sharing/"), f"expected the sharing page, got {page.url}:\n{main_text(page)}"
    expect_message(page, "The basis for sharing was recorded.")
    recorded = page.locator("main ul.plain-list li").filter(has_text="Consent of the person")
    expect(recorded).to_have_count(1)
    expect(recorded).to_contain_text(SPIP)
    expect(recorded).to_contain_text(today.isoformat())


def fill_referral(page: Page, organisation: str) -> None:
    form = page.locator("main form[method=post]")
    form.get_by_label("Refer to").select_option(label=organisation)
    form.get_by_label("Type").select_option(label="Referral")
    form.get_by_label("Urgency").select_option(label="Within a week")
    form.get_by_label("Access to grant").select_option(label="Case work")
    form.get_by_label("Reason").fill("Release in four weeks: probation supervision and resettlement plan.")


def refer(page: Page, record_url: str, reference: str) -> None:
    """Step 2b: refused where no agreement or basis covers the organisation, then sent to the SPIP de Paris."""
    page.goto(record_url)
    page.locator("main .page-head").get_by_role("link", name="Refer or hand over").click()
    page.wait_for_load_state()
    expect(page.locator("h1")).to_have_text("Refer or hand over")
    refer_url = page.url

    # UEPE Roma: no information-sharing agreement with Fresnes, no consent naming it.
    fill_referral(page, UEPE_ROMA)
    submit(page, "Send")
    assert page.url == refer_url, f"the refused referral left the form for {page.url}"
    expect(page.locator("main .error-summary")).to_contain_text("nothing was saved")
    error = page.locator("#id_to_organisation_error")
    expect(error).to_contain_text(NO_AGREEMENT)
    expect(error).to_contain_text(NO_BASIS)
    expect(page.locator("main .messages")).to_have_count(0)

    fill_referral(page, SPIP)
    submit(page, "Send")
    assert page.url == record_url, f"expected the record page after sending, got {page.url}:\n{main_text(page)}"
    expect_message(page, f"Referral sent to {SPIP}.")
    # Exactly one referral went out: to the SPIP, pending; nothing to UEPE Roma.
    referrals = page.locator("section[aria-labelledby=ref-heading] li")
    expect(referrals).to_have_count(1)
    expect(referrals).to_contain_text(f"Referral → {SPIP}")
    expect(referrals).to_contain_text("Pending")
    expect(page.locator("section[aria-labelledby=ref-heading]")).not_to_contain_text(UEPE_ROMA)
    # The sender's own list says the same.
    main_nav(page, "Referrals")
    page.locator("main nav.tabs").get_by_role("link", name="Sent by me").click()
    page.wait_for_load_state()
    sent = page.locator("main table tbody tr").filter(has_text=reference)
    expect(sent).to_have_count(1)
    expect(sent).to_contain_text(SPIP)


def accept_referral(page: Page, record_url: str, reference: str) -> None:
    """Step 3, as Claire: Referrals → the referral → Accept; she lands on the record with case-work access."""
    main_nav(page, "Referrals")
    expect(page.locator("h1")).to_have_text("Referrals")
    row = page.locator("main table tbody tr").filter(has_text=reference)
    expect(row).to_have_count(1)
    expect(row).to_contain_text(FRESNES)
    expect(row).to_contain_text("Pending")
    row.get_by_role("link", name=reference).click()
    page.wait_for_load_state()
    expect(page.locator("h1")).to_have_text(f"Referral: {reference}")
    expect(page.locator("main dl.details")).to_contain_text("Case work")
    submit(page, "Accept")

    assert page.url == record_url, f"expected the record page after accepting, got {page.url}:\n{main_text(page)}"
    expect_message(page, "Accepted. The record is now on your caseload.")
    expect(page.locator("h1")).to_contain_text(reference)
    team = page.locator("section[aria-labelledby=team-heading]")
    expect(team).to_contain_text(f"{CLAIRE[1]} — {SPIP}")
    # Case-work access, narrowed by the consent (case work and practical support): no identity, no
    # assessment, no risk and intelligence.
    assert page.locator("main a[href$='/identity/']").count() == 0, "the identity section is linked"
    sections = section_links(page)
    assert sections == ["Case work", "Practical support"], f"sections offered to the SPIP: {sections}"
    # She can open the record, so the identity page tells her in words that it is not shared with her (403).
    response = page.goto(record_url + "identity/")
    assert response.status == 403, f"the identity page answered {response.status} to the SPIP's case manager"
    expect(page.locator("h1")).to_contain_text("not shared with you")

    page.goto(record_url)
    page.locator("main ul.section-list").get_by_role("link", name="Case work", exact=True).click()
    page.wait_for_load_state()
    assert page.url == record_url + "sections/casework/", page.url
    expect(page.locator("h1")).to_have_text("Case work")
    page.goto(record_url)


def hold_conference(page: Page, record_url: str, reference: str, today: dt.date) -> None:
    """Step 4, as Claire: schedule a case conference, record it, add an action owned by herself."""
    page.locator("main").get_by_role("link", name="Schedule a case conference").click()
    page.wait_for_load_state()
    expect(page.locator("h1")).to_have_text("Schedule a case conference")
    when = dt.datetime.combine(today + dt.timedelta(days=1), dt.time(10, 30))
    form = page.locator("main form[method=post]")
    form.get_by_label("Title").fill("Pre-release planning")
    form.get_by_label("Date and time").fill(when.strftime("%Y-%m-%dT%H:%M"))
    form.get_by_label("Place").fill("Centre pénitentiaire de Fresnes, visits room 3")
    form.get_by_label("Agenda").fill("Housing; supervision plan; family contact")
    invite = form.get_by_label(KARIM[1], exact=True)
    expect(invite).to_have_count(1)  # the record's team, Karim included, is offered
    invite.check()
    submit(page, "Schedule and invite")

    conference_url = page.url
    assert re.search(r"/en/conferences/\d+/$", conference_url), (
        f"expected the conference page, got {conference_url}:\n{main_text(page)}")
    expect_message(page, "Case conference scheduled")
    expect(page.locator("h1")).to_contain_text("Pre-release planning")
    expect(page.locator("h1 .tag")).to_have_text("Scheduled")
    details = page.locator("main dl.details")
    expect(details).to_contain_text(when.strftime("%Y-%m-%d %H:%M"))
    expect(details).to_contain_text(KARIM[1])
    expect(details).to_contain_text(CLAIRE[1])

    # Minutes, attendance and a decision.
    record_form = page.locator("main form[method=post]").filter(has=page.locator("textarea[name=minutes]"))
    record_form.get_by_label("Case-work minutes").fill("Housing application to be made before release. Supervision "
                                             "plan agreed with the person.")
    record_form.get_by_label(CLAIRE[1], exact=True).check()
    record_form.get_by_label(KARIM[1], exact=True).check()
    record_form.get_by_label("Case-work decisions (one per line)").fill("Apply for supported housing")
    record_form.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state()
    assert page.url == conference_url, f"expected the conference page after saving, got {page.url}"
    expect_message(page, "Minutes, attendance and decisions saved.")
    expect(page.locator("h1 .tag")).to_have_text("Held")
    expect(page.locator("main ol li").filter(has_text="Apply for supported housing")).to_have_count(1)
    expect(details).to_contain_text(f"{KARIM[1]} ✓")
    expect(details).to_contain_text(f"{CLAIRE[1]} ✓")
    expect(page.locator("textarea[name=minutes]")).to_have_value(re.compile("^Housing application"))

    # An action from the conference, owned by Claire herself.
    due = today + dt.timedelta(days=14)
    page.locator("main details summary").filter(has_text="Add an action").click()
    action_form = page.locator("main form[method=post][action$='/actions/new/']")
    action_form.get_by_label("Action", exact=True).fill("Book the housing office appointment")
    action_form.get_by_label("Owner").select_option(label=CLAIRE[1])
    action_form.get_by_label("Due date").fill(due.isoformat())
    action_form.get_by_role("button", name="Add the action").click()
    page.wait_for_load_state()
    assert page.url == conference_url, f"expected the conference page after adding the action, got {page.url}"
    expect_message(page, "Action added.")
    action = page.locator("main ul.plain-list li").filter(has_text="Book the housing office appointment")
    expect(action).to_have_count(1)
    expect(action).to_contain_text(CLAIRE[1])
    expect(action).to_contain_text(due.isoformat())
    expect(action).to_contain_text("Open")

    # The record page lists the conference and the action too.
    page.goto(record_url)
    expect(page.locator("section[aria-labelledby=conf-heading]")).to_contain_text("Pre-release planning")
    expect(page.locator("section[aria-labelledby=actions-heading]")).to_contain_text(
        "Book the housing office appointment")

    # "Actions" in the main navigation: Claire's own open actions.
    main_nav(page, "Actions")
    expect(page.locator("h1")).to_have_text("My actions")
    row = page.locator("main table tbody tr").filter(has_text="Book the housing office appointment")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(reference)
    expect(row).to_contain_text(due.isoformat())
    row.get_by_role("link", name=reference).click()
    page.wait_for_load_state()
    assert page.url == record_url, page.url


def test_open_refer_accept_confer_and_assign_an_action(page, new_page, axe_js):
    today = server_today()

    # 1. Karim opens a transition record at Fresnes.
    sign_in_with_second_factor_setup(page, KARIM[0])
    go_to_dashboard(page)
    record_url, reference = open_record(page, release=today + dt.timedelta(days=28))

    # 2. Consent covering the SPIP, then the referral (one refused first).
    record_consent(page, today)
    refer(page, record_url, reference)

    # The owner's view of the record and his caseload: accessible, and the policy enforced without refusals.
    assert_record_page_respects_csp(page, record_url, "as the owner's case manager")
    assert_pages_accessible(new_page, page, axe_js, [
        (record_url, f"the record page of {reference} as its owner's case manager"),
        ("/en/cases/", "the caseload page of the owner's case manager"),
    ])
    assert not csp_reports(page), "Content-Security-Policy reports during Karim's part:\n" + "\n".join(
        csp_reports(page))

    # 3. Claire, at the SPIP de Paris, accepts the referral.
    sign_out(page)
    sign_in_with_second_factor_setup(page, CLAIRE[0])
    go_to_dashboard(page)
    page.console_messages.clear()
    accept_referral(page, record_url, reference)

    # 4. A case conference and an action.
    hold_conference(page, record_url, reference, today)

    # 5. The partner's view of the record and her caseload (now with the record on it).
    assert_record_page_respects_csp(page, record_url, "as the SPIP's case manager")
    page.goto("/en/cases/")
    expect(page.locator("main table tbody tr").filter(has_text=reference)).to_have_count(1)
    assert_pages_accessible(new_page, page, axe_js, [
        (record_url, f"the record page of {reference} as the SPIP's case manager"),
        ("/en/cases/", "the caseload page of the SPIP's case manager"),
    ])
    assert not csp_reports(page), "Content-Security-Policy reports during Claire's part:\n" + "\n".join(
        csp_reports(page))
