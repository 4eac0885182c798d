"""Training events in a real browser: registering, being approved and downloading a certificate of attendance,
then checking it on the public verification page; the Sofia week's agenda for an anonymous visitor.

Marta Silva (mentor@, Associação Recomeçar, Portugal) applies for the Lisbon training week, which is open for
registration in the demo. The two demo people without a second factor who have a membership (trainer@ and
researcher@) are both registered for Lisbon already (approved and pending), so Marta, who sets up her second
factor at her first sign-in, is the participant here. Ivana Dimitrova (organiser@, the event organiser, no
second factor) approves her, takes attendance and issues the certificates.

The Lisbon week has five sessions where attendance is taken: three work sessions and two parallel working
groups (Employment / Housing after release), which count as one (a participant is in one group only), and the
attendance rule is 80 %. Marta is marked present at the three work sessions and in her working group, so she
earns the certificate; Ana Ferreira (trainer@, approved in the demo, no attendance) does not.

Marta's second factor and Lisbon's registrations change here: this module runs on a server of its own."""

import re

import pytest
from playwright.sync_api import Page, expect

from .conftest import integra_server, verify_certificate, verify_unknown_certificate
from .test_cooperation import assert_pages_accessible, expect_message, main_nav, main_text, sign_out, submit
from .test_flows import (
    TOTP_AUTHENTICATE,
    assert_accessible,
    assert_fits_width,
    csp_reports,
    fresh_totp_code,
    go_to_dashboard,
    sign_in_with_password,
    sign_in_with_second_factor_setup,
)

pytestmark = pytest.mark.browser

PARTICIPANT = ("mentor@example.org", "Marta Silva", "Associação Recomeçar")
ORGANISER = "organiser@example.org"
OTHER_APPROVED = "Ana Ferreira"  # trainer@, approved for Lisbon in the demo, no attendance taken for her
LISBON_TITLE = "Short-term joint staff training event C3 — Lisbon"
SOFIA_TITLE = "Short-term joint staff training event C2 — Sofia"
EVENT_URL = re.compile(r"/en/events/(\d+)/$")
CODE = re.compile(r"^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$")
DIETARY = "Lactose-free"
CONSENT = "I agree to appear on the participant list shared with the other participants"

# Lisbon's sessions with attendance: the three work sessions and the first of the two parallel working groups.
LISBON_ATTENDED = [
    "Mentoring programmes for people leaving prison",
    "Working with volunteers: recruitment, training, supervision",
    "Family support and reintegration",
    "Employment after release",
]
LISBON_OTHER_GROUP = "Housing after release"

SOFIA_DAYS = ["Monday 2 December 2019", "Tuesday 3 December 2019", "Wednesday 4 December 2019",
              "Thursday 5 December 2019", "Friday 6 December 2019"]
# Monday afternoon, as the printed agenda has it: four parallel working groups, then three.
SOFIA_GROUPS = ["Islamic fundamentalism vs Conversion", "Right-wing extremism", "Left-wing extremism",
                "Other types of extremism"]
SOFIA_LATER_GROUPS = ["Radicalisation push & pull factors",
                      "Probation & community organisations: the importance of information sharing",
                      "Best probation practices"]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    """A server of this module's own (see the module docstring), shared by its tests."""
    with integra_server(tmp_path_factory.mktemp("integra-var-events")) as url:
        yield url


@pytest.fixture(scope="module")
def event_urls(browser, base_url) -> dict[str, str]:
    """The demo events' pages, by title, as listed to a signed-in person (the list is not public).

    Read by Eleni (researcher@, no second factor), whom the flow below does not use."""
    context = browser.new_context(base_url=base_url, locale="en-GB")
    context.set_default_timeout(10_000)
    page = context.new_page()
    sign_in_with_password(page, "researcher@example.org")
    page.goto("/en/events/")
    urls = {}
    for title in (LISBON_TITLE, SOFIA_TITLE):
        link = page.locator("main").get_by_role("link", name=title, exact=True)
        expect(link).to_have_count(1)
        href = link.get_attribute("href")
        assert EVENT_URL.search(href), f"unexpected link to {title}: {href}"
        urls[title] = href
    context.close()
    return urls


# --- helpers -----------------------------------------------------------------------------------------

def sign_in_with_code(page: Page, email: str, secret: str, used_step: int) -> None:
    """Sign in again once the second factor is set up: password, then a code not used before."""
    sign_in_with_password(page, email)
    expect(page).to_have_url(TOTP_AUTHENTICATE)
    form = page.locator("form:has(input[name=code])")
    form.locator("input[name=code]").fill(fresh_totp_code(secret, not_in_step=used_step))
    form.locator("button[type=submit]").first.click()
    page.wait_for_load_state()
    assert not TOTP_AUTHENTICATE.search(page.url), f"the code was refused: {main_text(page)}"


def organiser_tab(page: Page, label: str) -> None:
    page.locator("main nav.tabs").get_by_role("link", name=label, exact=True).click()
    page.wait_for_load_state()


def open_lisbon_from_the_list(page: Page, lisbon_url: str) -> None:
    main_nav(page, "Events")
    expect(page.locator("h1")).to_have_text("Joint staff training events")
    page.locator("main").get_by_role("link", name=LISBON_TITLE, exact=True).click()
    page.wait_for_load_state()
    assert page.url.endswith(lisbon_url), f"expected the Lisbon event page {lisbon_url}, got {page.url}"
    expect(page.locator("h1")).to_have_text(LISBON_TITLE)


def registration_section(page: Page):
    return page.locator("section[aria-labelledby=reg-heading]")


def assert_event_page_respects_csp(page: Page, url: str) -> None:
    """The event page in a context that enforces the policy: served with it, htmx loaded, nothing refused."""
    page.console_messages.clear()
    response = page.goto(url)
    assert response.status == 200, f"the event page answered {response.status}"
    assert "script-src 'self'" in (response.headers.get("content-security-policy") or ""), response.headers
    page.wait_for_load_state("networkidle")
    assert page.evaluate("() => typeof window.htmx") == "object", "htmx did not load on the event page"
    reports = csp_reports(page)
    assert not reports, "Content-Security-Policy violations on the event page:\n" + "\n".join(reports)
    errors = [m for m in page.console_messages if m.startswith(("error", "pageerror"))]
    assert not errors, "Console errors on the event page:\n" + "\n".join(errors)


# --- the flow ----------------------------------------------------------------------------------------

def apply_to_attend(page: Page, lisbon_url: str) -> None:
    """Step 1, as Marta: Events → Lisbon → needs and consent → Apply to attend."""
    open_lisbon_from_the_list(page, lisbon_url)
    section = registration_section(page)
    expect(section.get_by_role("button", name="Apply to attend")).to_be_visible()
    form = section.locator("form[method=post]")
    expect(form.get_by_label("You represent")).to_have_value(re.compile(r"^\d+$"))
    expect(form.get_by_label("You represent").locator("option:checked")).to_have_text(PARTICIPANT[2])
    form.get_by_label("Dietary needs").fill(DIETARY)
    form.get_by_label(CONSENT).check()
    submit(page, "Apply to attend")

    assert page.url.endswith(lisbon_url), f"expected the event page after applying, got {page.url}"
    expect_message(page, "Application sent.")
    expect(section.locator("strong")).to_have_text("Waiting for approval")
    expect(section).to_contain_text(f"Waiting for approval — {PARTICIPANT[2]}")
    expect(section.get_by_role("button", name="Apply to attend")).to_have_count(0)
    expect(section.get_by_role("link", name="Download your certificate of attendance")).to_have_count(0)


def approve(page: Page, lisbon_url: str) -> None:
    """Step 2a, as Ivana: Lisbon → Registrations → approve Marta."""
    open_lisbon_from_the_list(page, lisbon_url)
    organiser_tab(page, "Registrations")
    expect(page.locator("h1")).to_have_text("Registrations")
    registrations_url = page.url
    row = page.locator("main table tbody tr").filter(has_text=PARTICIPANT[1])
    expect(row).to_have_count(1)
    expect(row).to_contain_text(PARTICIPANT[2])
    expect(row).to_contain_text(DIETARY)
    expect(row).to_contain_text("Waiting for approval")
    row.get_by_role("button", name=f"Approve — {PARTICIPANT[1]}").click()
    page.wait_for_load_state()

    assert page.url == registrations_url, f"expected the registrations page, got {page.url}:\n{main_text(page)}"
    expect_message(page, f"Registration of {PARTICIPANT[1]}: Approved.")
    expect(row.locator("td").nth(3)).to_have_text("Approved")
    expect(row.get_by_role("button", name=re.compile("^Approve"))).to_have_count(0)


def take_attendance(page: Page) -> None:
    """Step 2b: Agenda builder → each session Marta attended → tick her → Save attendance."""
    organiser_tab(page, "Agenda builder")
    expect(page.locator("h1")).to_have_text("Agenda builder")
    builder_url = page.url
    attendance_links = page.locator("main table.agenda").get_by_role("link", name=re.compile("^Attendance — "))
    expect(attendance_links).to_have_count(len(LISBON_ATTENDED) + 1)  # and the other parallel group
    for title in LISBON_ATTENDED:
        page.goto(builder_url)
        page.locator("main table.agenda").get_by_role("link", name=f"Attendance — {title}", exact=True).click()
        page.wait_for_load_state()
        expect(page.locator("h1")).to_have_text(f"Attendance — {title}")
        attendance_url = page.url
        present = page.locator("main form[method=post]").get_by_label(re.compile("^" + re.escape(PARTICIPANT[1])))
        expect(present).not_to_be_checked()
        present.check()
        submit(page, "Save attendance")
        assert page.url == attendance_url, f"expected the attendance page, got {page.url}:\n{main_text(page)}"
        expect_message(page, "Attendance saved: 1 present.")
        expect(present).to_be_checked()
        expect(page.locator("main form[method=post]").get_by_label(re.compile("^" + OTHER_APPROVED)))\
            .not_to_be_checked()


def issue_certificates(page: Page) -> None:
    """Step 2c: Registrations → Issue certificates of attendance. Ana (no attendance) does not get one."""
    organiser_tab(page, "Registrations")
    page.locator("main .page-head").get_by_role("button", name="Issue certificates of attendance").click()
    page.wait_for_load_state()
    expect(page.locator("h1")).to_have_text("Registrations")
    expect_message(page, "1 certificate available. 1 participant did not meet the attendance rule.")
    expect(page.locator("main table tbody tr").filter(has_text=PARTICIPANT[1]).locator("td").nth(3))\
        .to_have_text("Approved · certificate")
    expect(page.locator("main table tbody tr").filter(has_text=OTHER_APPROVED).locator("td").nth(3))\
        .to_have_text("Approved")


def download_certificate(page: Page, lisbon_url: str) -> str:
    """Step 3, as Marta: the event page shows the decision, her attendance and the certificate. Returns its code."""
    open_lisbon_from_the_list(page, lisbon_url)
    section = registration_section(page)
    expect(section.locator("strong")).to_have_text("Approved")
    expect(section).to_contain_text(f"Approved — {PARTICIPANT[2]}")
    attendance = section.locator("ul.plain-list li")
    # one line per session: of the parallel working groups, only the one she attended
    expect(attendance).to_have_count(len(LISBON_ATTENDED))
    for title in LISBON_ATTENDED:
        expect(attendance.filter(has_text=title)).to_have_text(f"{title} — present")
    expect(attendance.filter(has_text=LISBON_OTHER_GROUP)).to_have_count(0)

    link = section.get_by_role("link", name="Download your certificate of attendance", exact=True)
    expect(link).to_have_count(1)
    code = link.locator("xpath=following-sibling::code").inner_text().strip()
    assert CODE.match(code), f"unexpected verification code {code!r}"
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == f"certificate-{code}.pdf", download.suggested_filename
    with open(download.path(), "rb") as pdf:
        head = pdf.read(5)
    assert head == b"%PDF-", f"the certificate is not a PDF: it starts with {head!r}"
    # The page is still there (a failed PDF would have sent her to her certificates with an error).
    assert page.url.endswith(lisbon_url), page.url
    return code


def test_register_be_approved_and_download_the_certificate(page, new_page, axe_js, event_urls):
    lisbon_url = event_urls[LISBON_TITLE]

    # 1. Marta applies for the Lisbon week.
    secret, used_step = sign_in_with_second_factor_setup(page, PARTICIPANT[0])
    go_to_dashboard(page)
    apply_to_attend(page, lisbon_url)
    assert_pages_accessible(new_page, page, axe_js, [(lisbon_url, "the Lisbon event page (application pending)")])
    sign_out(page)

    # 2. Ivana approves her, takes attendance and issues the certificates.
    sign_in_with_password(page, ORGANISER)
    go_to_dashboard(page)
    approve(page, lisbon_url)
    take_attendance(page)
    issue_certificates(page)
    sign_out(page)

    # 3. Marta downloads her certificate.
    sign_in_with_code(page, PARTICIPANT[0], secret, used_step)
    go_to_dashboard(page)
    code = download_certificate(page, lisbon_url)
    assert_event_page_respects_csp(page, lisbon_url)
    assert_pages_accessible(new_page, page, axe_js, [(lisbon_url, "the Lisbon event page (with the certificate)")])
    assert not csp_reports(page), "Content-Security-Policy reports during the flow:\n" + "\n".join(csp_reports(page))
    sign_out(page)

    # 4. Anyone can check the certificate with its code.
    verify_certificate(page, code, holder=PARTICIPANT[1], title=LISBON_TITLE, date="2020-03-13",
                       kind="Certificate of attendance", holder_email=PARTICIPANT[0])
    verify_unknown_certificate(page)
    scanner = new_page(bypass_csp=True)
    for url, label in [(f"/en/verify/{code}/", "the verification page of a valid certificate"),
                       ("/en/verify/ZZZZ-ZZZZ-ZZZZ/", "the verification page of an unknown code")]:
        scanner.goto(url)
        assert_accessible(scanner, axe_js, label)


# --- the Sofia week's agenda, public ------------------------------------------------------------------

def day_column(page: Page, weekday: str):
    return page.locator("main section").filter(has=page.get_by_role("heading", name=re.compile("^" + weekday)))


@pytest.mark.parametrize("width", [1280, 320])
def test_sofia_agenda_shows_the_week_to_anonymous_visitors(new_page, axe_js, event_urls, width):
    page = new_page(width=width, bypass_csp=True)
    agenda_url = event_urls[SOFIA_TITLE] + "agenda/"
    response = page.goto(agenda_url)
    assert response.status == 200, f"the Sofia agenda answered {response.status} to an anonymous visitor"
    expect(page.locator("nav.user-menu")).to_have_count(0)
    expect(page.locator("h1")).to_have_text(f"Agenda — {SOFIA_TITLE}")
    expect(page.locator("main")).to_contain_text("Times are local (Europe/Sofia).")

    # One column per day (a list of days), each a list of slots; the markup is the week view's, so the
    # slots are found by their text rather than by table rows.
    days = page.locator("main section").filter(has=page.locator("h2"))
    expect(days.locator("h2")).to_have_text(SOFIA_DAYS, use_inner_text=True)
    monday = day_column(page, "Monday")
    for groups, time in ((SOFIA_GROUPS, "14:00–15:30"), (SOFIA_LATER_GROUPS, "16:00–17:30")):
        for group, room in zip(groups, "ABCD", strict=False):
            slot = monday.locator("li").filter(has_text=group)
            expect(slot).to_have_count(1)
            expect(slot).to_contain_text(time)
            expect(slot).to_contain_text(f"Room {room}")
        # The first group of each block is the one the others run parallel to.
        expect(monday.locator("li").filter(has_text=groups[0])).not_to_contain_text("parallel group")
    expect(monday.locator("li").filter(has_text="parallel group")).to_have_count(
        len(SOFIA_GROUPS) - 1 + len(SOFIA_LATER_GROUPS) - 1)
    thursday = day_column(page, "Thursday")
    dinner = thursday.locator("li").filter(has_text="Official dinner")
    expect(dinner).to_have_count(1)
    expect(dinner).to_contain_text("17:30–21:00")
    expect(day_column(page, "Wednesday").locator("li").filter(
        has_text="How probation should address the issue of radicalisation")).to_contain_text(
        "invited guest, to be confirmed")
    # The organiser's tools are not offered to a visitor.
    expect(page.locator("main nav.tabs")).to_have_count(0)
    expect(page.locator("main").get_by_role("link", name=re.compile("^Attendance"))).to_have_count(0)

    assert_fits_width(page, f"the Sofia agenda at {width} px")
    assert_accessible(page, axe_js, f"the Sofia agenda at {width} px")


# --- the Sofia week as a participant lived it: their working groups, their calendar, each slot's place ------------

SOFIA_FIELD_VISIT = "Field visits to the Sofia Central Prison and the Kremikovci Prison Dormitory"
SOFIA_FIELD_VISIT_PLACE = "Sofia Central Prison and Kremikovci Prison Dormitory"
SOFIA_VENUE = "Sofia Probation Service training centre"
# Ana Ferreira (trainer@) took part in Sofia: Right-wing extremism on Monday at 14:00, push & pull factors at 16:00.
TRAINER_GROUPS = ["Dealing with radicalisation (prison vs probation): Right-wing extremism",
                  "Radicalisation push & pull factors"]


@pytest.mark.parametrize("width", [1280, 390])
def test_a_sofia_participant_sees_their_groups_and_downloads_their_own_calendar(new_page, event_urls, width):
    from icalendar import Calendar

    page = new_page(width=width, height=844)
    sign_in_with_password(page, "trainer@example.org")
    page.goto(event_urls[SOFIA_TITLE])
    section = registration_section(page)
    groups = section.locator("ul.my-groups li")
    expect(groups).to_have_count(2)
    for item, title in zip(groups.all(), TRAINER_GROUPS, strict=True):
        expect(item).to_contain_text(title)
    # the week is over: the groups are shown, not offered to change
    expect(section.get_by_role("link", name="Choose your working groups")).to_have_count(0)
    link = page.locator("main").get_by_role("link", name="Add my agenda to my calendar (.ics)", exact=True)
    with page.expect_download() as download_info:
        link.click()
    with open(download_info.value.path(), "rb") as ics:
        events = list(Calendar.from_ical(ics.read()).walk("VEVENT"))
    summaries = [str(e["summary"]) for e in events]
    assert all(title in summaries for title in TRAINER_GROUPS), summaries
    assert not [s for s in summaries if "Left-wing" in s or s == "Best probation practices"], summaries
    visit = next(e for e in events if str(e["summary"]) == SOFIA_FIELD_VISIT)
    assert str(visit["location"]) == f"{SOFIA_FIELD_VISIT_PLACE}, Sofia"
    assert_fits_width(page, f"the Sofia event page of a participant at {width} px")


def test_the_sofia_agenda_shows_each_slot_s_place(new_page, event_urls):
    page = new_page(width=390, height=844)
    page.goto(event_urls[SOFIA_TITLE] + "agenda/")
    expect(page.locator("main")).to_contain_text(f"Sessions are at {SOFIA_VENUE} unless their location says otherwise.")
    visit = day_column(page, "Thursday").locator("li").filter(has_text=SOFIA_FIELD_VISIT)
    expect(visit.locator(".slot-place")).to_have_text(f"Location: {SOFIA_FIELD_VISIT_PLACE}")
    group = day_column(page, "Monday").locator("li").filter(has_text=TRAINER_GROUPS[0])
    expect(group.locator(".slot-place")).to_have_text(f"Location: Room B, {SOFIA_VENUE}")
    assert_fits_width(page, "the Sofia agenda at 390 px")
