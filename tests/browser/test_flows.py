"""End-to-end flows in a real browser: second factor, language switch, invitations, accessibility, CSP.

Every test signs in as its own demo person (integra.core.demo), so the tests do not depend on each
other's order. The server and the browser are shared (see conftest.py)."""

import re
import time
import warnings
from pathlib import Path

import polib
import pyotp
import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from integra.core.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser

FRENCH_PO = Path(__file__).resolve().parents[2] / "src" / "integra" / "locale" / "fr" / "LC_MESSAGES" / "django.po"
LANG_PREFIX = r"/(en|fr|bg|it|pt|el)"
TOTP_ACTIVATE = re.compile(LANG_PREFIX + r"/accounts/2fa/totp/activate/?$")
TOTP_AUTHENTICATE = re.compile(LANG_PREFIX + r"/accounts/2fa/authenticate/?$")
REAUTHENTICATE = re.compile(LANG_PREFIX + r"/accounts/reauthenticate/")
CSP_MARKERS = ("Content Security Policy", "Content-Security-Policy", "Refused to")


# --- helpers -----------------------------------------------------------------------------------------

def sign_in_with_password(page: Page, email: str) -> None:
    page.goto("/en/accounts/login/")
    form = page.locator("form:has(input[name=password])")
    form.locator("input[name=login]").fill(email)
    form.locator("input[name=password]").fill(DEMO_PASSWORD)
    form.locator("button[type=submit]").first.click()
    page.wait_for_load_state()


def totp_step(now: float | None = None) -> int:
    return int(now if now is not None else time.time()) // 30


def fresh_totp_code(secret: str, not_in_step: int | None = None) -> str:
    """The current code, never one from `not_in_step` (a code already used) and never one about to
    expire before the server sees it: wait for the next 30 s window when needed."""
    while True:
        now = time.time()
        if totp_step(now) != not_in_step and 30 - now % 30 > 2:
            return pyotp.TOTP(secret).at(now)
        time.sleep(30 - now % 30 + 0.05)


def set_up_totp(page: Page) -> tuple[str, int]:
    """On allauth's activation page the app forced us to: read the secret, activate with a computed code.
    Returns the secret and the 30 s time step whose code was used.

    allauth asks for the password again before a second factor is added (MFA_REAUTHENTICATION_REQUIRED);
    when it does, confirm it and carry on to the activation page."""
    if REAUTHENTICATE.search(page.url):
        form = page.locator("form:has(input[name=password])")
        form.locator("input[name=password]").fill(DEMO_PASSWORD)
        form.locator("button[type=submit]").first.click()
        page.wait_for_load_state()
    expect(page).to_have_url(TOTP_ACTIVATE)
    secret = page.locator("#authenticator_secret").input_value().replace(" ", "")
    assert re.fullmatch(r"[A-Z2-7]{16,}=*", secret), f"unexpected TOTP secret {secret!r}"
    code = fresh_totp_code(secret)
    used_step = totp_step()
    form = page.locator("form:has(input[name=code])")
    form.locator("input[name=code]").fill(code)
    form.locator("button[type=submit]").first.click()
    page.wait_for_load_state()
    # allauth shows the recovery codes it generated (or the 2FA overview); either way we are past it.
    assert "/accounts/2fa/totp/activate" not in page.url, (
        f"TOTP activation was refused: {page.locator('main').inner_text()}")
    return secret, used_step


def sign_in_with_second_factor_setup(page: Page, email: str) -> tuple[str, int]:
    sign_in_with_password(page, email)
    return set_up_totp(page)


def go_to_dashboard(page: Page, language: str = "en") -> None:
    """From wherever allauth left us after the second factor (recovery codes, overview) to the dashboard."""
    page.goto(f"/{language}/dashboard/")
    expect(page).to_have_url(re.compile(f"/{language}/dashboard/$"))
    expect(page.locator("nav.user-menu")).to_be_visible()


def switch_language(page: Page, code: str) -> None:
    """Use the header switcher: choosing submits the form (integra.js); press "Change" if it did not."""
    before = page.url
    page.locator("select#language-select").select_option(code)
    try:
        page.wait_for_url(lambda url: url != before, timeout=3_000)
    except PlaywrightTimeout:  # no script: the visible button submits
        page.locator("form.language-switcher button[type=submit]").click()
    page.wait_for_load_state()


def french_translation(msgid: str) -> str:
    """The French translation of msgid in the catalogue, "" when translators have not done it yet."""
    entry = polib.pofile(str(FRENCH_PO)).find(msgid)
    if entry is None or "fuzzy" in entry.flags:
        return ""
    return entry.msgstr


def csp_reports(page: Page) -> list[str]:
    return [m for m in page.console_messages if any(marker in m for marker in CSP_MARKERS)]


def run_axe(page: Page, axe_js: Path) -> list[dict]:
    """Serious and critical axe-core violations on the current page (the context must bypass CSP)."""
    page.add_script_tag(path=str(axe_js))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ["violations"]});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                       targets: v.nodes.map(n => n.target.join(" "))}));
    }""")
    return [v for v in result if v["impact"] in ("serious", "critical")]


def assert_accessible(page: Page, axe_js: Path, label: str) -> None:
    violations = run_axe(page, axe_js)
    assert not violations, f"axe-core found serious/critical violations on {label} ({page.url}):\n" + "\n".join(
        f"  - {v['id']} [{v['impact']}] {v['help']}: {', '.join(v['targets'][:8])}" for v in violations)


def assert_fits_width(page: Page, label: str) -> None:
    """Nothing forces sideways scrolling of the whole page (wide tables scroll in their own box)."""
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    overflowing = page.evaluate("""() => {
        const w = document.documentElement.clientWidth;
        return [...document.querySelectorAll("body *")].filter(e => {
            const r = e.getBoundingClientRect();
            return r.width > 0 && r.right > w + 1 && !e.closest(".table-wrap");
        }).slice(0, 8).map(e => {
            const classes = typeof e.className === "string" ? e.className.trim().split(/\\s+/) : [];
            return e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + classes.map(c => c && "." + c).join("");
        });
    }""")
    assert widths[0] <= widths[1], (
        f"{label} is {widths[0]} px wide in a {widths[1]} px viewport; overflowing: {overflowing}")


# --- flow 1: second factor at first sign-in, language switch, sign-in with the code --------------------

def test_case_manager_sets_up_second_factor_switches_language_and_signs_in_again(page):
    secret, used_step = sign_in_with_second_factor_setup(page, "casemanager@example.org")

    go_to_dashboard(page, "en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Welcome, Claire")

    switch_language(page, "fr")
    expect(page).to_have_url(re.compile(r"/fr/dashboard/$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    heading = page.locator("h1").inner_text()
    french = french_translation("Welcome, %(name)s")
    if french:
        assert heading == french % {"name": "Claire"}, heading
        assert not heading.startswith("Welcome"), heading
    else:
        warnings.warn("The French catalogue does not translate “Welcome, %(name)s” yet: the dashboard heading "
                      f"is still English ({heading!r}); only the URL and <html lang> were checked.", stacklevel=1)

    # Sign out, then sign in again: now the code is asked for, not set up.
    page.locator("nav.user-menu form button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator("nav.user-menu")).to_have_count(0)
    sign_in_with_password(page, "casemanager@example.org")
    expect(page).to_have_url(TOTP_AUTHENTICATE)
    form = page.locator("form:has(input[name=code])")
    form.locator("input[name=code]").fill(fresh_totp_code(secret, not_in_step=used_step))
    form.locator("button[type=submit]").first.click()
    page.wait_for_load_state()
    # People land in their own language, which the switcher just set to French.
    expect(page).to_have_url(re.compile(r"/fr/dashboard/$"))
    expect(page.locator("nav.user-menu")).to_be_visible()

    assert not csp_reports(page), "Content-Security-Policy reports during the flow:\n" + "\n".join(csp_reports(page))


# --- flow 2: an organisation administrator invites a new person ---------------------------------------

def test_org_admin_invites_a_new_person(page):
    sign_in_with_second_factor_setup(page, "orgadmin@example.org")
    go_to_dashboard(page)

    # "People" in the main navigation: Odile manages two organisations, so it lists them first.
    page.locator("nav.main-nav a[href*='managed=1']").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Centre pénitentiaire de Fresnes", exact=True).click()
    page.wait_for_load_state()
    expect(page.locator("h1")).to_contain_text("Centre pénitentiaire de Fresnes")
    page.locator("main a[href$='/people/']").click()
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile(LANG_PREFIX + r"/organisations/\d+/people/$"))
    expect(page.locator("h1")).to_contain_text("Centre pénitentiaire de Fresnes")
    members_url = page.url

    page.locator("main a[href$='/invite/']").first.click()
    page.wait_for_load_state()
    email = f"new.officer.{int(time.time())}@example.org"
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=roles][value=frontline]").check()
    page.locator("input[name=job_title]").fill("Surveillante")
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_load_state()

    assert page.url == members_url, f"expected the people page after inviting, got {page.url}: " + (
        page.locator("main").inner_text())
    expect(page.locator(".messages")).to_contain_text(email)
    pending = page.locator("main ul.plain-list li").filter(has_text=email)
    expect(pending).to_have_count(1)
    assert not csp_reports(page), "Content-Security-Policy reports during the flow:\n" + "\n".join(csp_reports(page))


# --- accessibility (axe-core) at desktop and phone widths ----------------------------------------------

@pytest.mark.parametrize("width", [1280, 320])
def test_public_pages_are_accessible(new_page, axe_js, width):
    page = new_page(width=width, bypass_csp=True)
    for path, label in [("/en/", "the home page"), ("/en/accounts/login/", "the login page")]:
        page.goto(path)
        expect(page.locator("html")).to_have_attribute("lang", "en")
        assert_accessible(page, axe_js, f"{label} at {width} px")
        assert_fits_width(page, f"{label} at {width} px")


@pytest.mark.parametrize("width", [1280, 320])
def test_dashboard_is_accessible(new_page, axe_js, width):
    # A trainer needs no second factor; the dashboard is shown in English for the check.
    page = new_page(width=width, bypass_csp=True)
    sign_in_with_password(page, "trainer@example.org")
    page.goto("/en/dashboard/")
    expect(page.locator("nav.user-menu")).to_have_count(1)
    assert_accessible(page, axe_js, f"the dashboard at {width} px")
    assert_fits_width(page, f"the dashboard at {width} px")


# --- Content-Security-Policy: enforced (no bypass) and nothing refused -------------------------------

def test_dashboard_respects_content_security_policy(new_page):
    # Eleni reads the platform in Greek and needs no second factor.
    page = new_page()
    sign_in_with_password(page, "researcher@example.org")
    response = page.goto("/el/dashboard/")
    assert "script-src 'self'" in (response.headers.get("content-security-policy") or ""), response.headers
    expect(page.locator("nav.user-menu")).to_have_count(1)
    # The page's own scripts run under the policy: htmx is loaded, and integra.js submits the language
    # switcher as soon as a language is chosen (no click on "Change").
    assert page.evaluate("() => typeof window.htmx") == "object", "htmx did not load on the dashboard"
    before = page.url
    page.locator("select#language-select").select_option("en")
    page.wait_for_url(lambda url: url != before)
    expect(page).to_have_url(re.compile(r"/en/dashboard/$"))
    page.wait_for_load_state("networkidle")
    reports = csp_reports(page)
    assert not reports, "The browser reported Content-Security-Policy violations on the dashboard:\n" + (
        "\n".join(reports))
    errors = [m for m in page.console_messages if m.startswith(("error", "pageerror"))]
    assert not errors, "Console errors on the dashboard:\n" + "\n".join(errors)
