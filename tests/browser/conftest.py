"""Browser tests: a real INTEGRA server in a subprocess, driven by Debian's Chromium through Playwright.

pytest-django's live_server is not used on purpose: it flushes the database between tests, and the audit
table refuses DELETE. Instead one development server runs for the whole session on a throw-away SQLite
database in a temporary INTEGRA_VAR_DIR, loaded with the demo data. Each test signs in as its own demo
person so the tests do not depend on each other's state.
"""

import atexit
import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("INTEGRA_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
REPO_DIR = Path(__file__).resolve().parents[2]
AXE_JS = REPO_DIR / "node_modules" / "axe-core" / "axe.min.js"
BIN_DIR = Path(sys.executable).parent
INTEGRA = BIN_DIR / "integra"
SERVER_START_TIMEOUT = 30
# The server's settings: development settings (DEBUG, so runserver serves the static files) unless
# INTEGRA_BROWSER_SETTINGS names another module importable by the server (PYTHONPATH is passed on).
SERVER_SETTINGS = os.environ.get("INTEGRA_BROWSER_SETTINGS", "integra.settings.dev")

# Variables that would point the server at another database, cache, key or mail backend than its own.
_SCRUBBED_ENV = ("DATABASE_URL", "REDIS_URL", "SECRET_KEY", "INTEGRA_FIELD_KEY", "EMAIL_BACKEND", "DEBUG",
                 "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "INTEGRA_IDLE_TIMEOUT_MINUTES")


def _require(condition: bool, reason: str) -> None:
    """Fail in CI (where everything must be installed), skip on a developer's machine."""
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set: browser tests must run)", pytrace=False)
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _integra(env: dict, log, *args: str) -> None:
    # Generous: on a loaded 2-core machine a fresh migrate or the demo has taken more than two minutes.
    result = subprocess.run([str(INTEGRA), *args], env=env, cwd=REPO_DIR, stdout=log, stderr=subprocess.STDOUT,
                            timeout=600)
    if result.returncode:
        log.flush()
        raise RuntimeError(f"`integra {' '.join(args)}` failed with exit code {result.returncode}; "
                           f"see {log.name}:\n{Path(log.name).read_text()[-4000:]}")


def _wait_for_health(url: str, process: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The server exited with code {process.returncode}:\n{log_path.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - our own local server
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer 200 within {SERVER_START_TIMEOUT} s:\n{log_path.read_text()[-4000:]}")


_DEMO_TEMPLATES: dict[str, Path] = {}


def _copy_demo_var_dir(env: dict, log, var_dir: Path) -> None:
    """Fill var_dir with a migrated SQLite database holding the demo, its keys and its files: made once per settings
    module and copied for each server after that (a fresh migrate and demo take minutes on a 2-core machine, a
    copy a fraction of a second, and every server still starts from the same untouched demo)."""
    settings_module = env["DJANGO_SETTINGS_MODULE"]
    template = _DEMO_TEMPLATES.get(settings_module)
    if template is None:
        template = Path(tempfile.mkdtemp(prefix="integra-demo-template-"))
        atexit.register(shutil.rmtree, template, ignore_errors=True)
        template_env = {**env, "INTEGRA_VAR_DIR": str(template)}
        _integra(template_env, log, "migrate", "--noinput")
        _integra(template_env, log, "demo")
        _DEMO_TEMPLATES[settings_module] = template
    shutil.copytree(template, var_dir, dirs_exist_ok=True)


@contextlib.contextmanager
def integra_server(var_dir: Path, *, settings_module: str = SERVER_SETTINGS, env_overrides: dict | None = None,
                   prepare: Callable[[dict], None] | None = None) -> Iterator[str]:
    """Run a development server with the demo data on a throw-away database in var_dir; yield its address.

    The session's base_url uses it; a test module whose flow changes demo people in ways other modules do not
    expect (a second factor set up, say) can override base_url with a module-scoped server of its own. The API
    contract test starts it with its own settings and database (`env_overrides`) and makes its tokens once the
    demo is loaded (`prepare(env)`)."""
    _require(INTEGRA.exists(), f"{INTEGRA} not found: install the project (make install-test)")
    env = {k: v for k, v in os.environ.items() if k not in _SCRUBBED_ENV}
    env.update({"INTEGRA_VAR_DIR": str(var_dir), "DJANGO_SETTINGS_MODULE": settings_module,
                "PYTHONUNBUFFERED": "1", **(env_overrides or {})})
    log_path = var_dir / "server.log"
    port = _free_port()
    with log_path.open("w") as log:
        _integra(env, log, "compiletranslations", "--verbosity", "0")
        if "DATABASE_URL" in env:
            _integra(env, log, "migrate", "--noinput")
            _integra(env, log, "demo")
        else:
            _copy_demo_var_dir(env, log, var_dir)
        if prepare:
            prepare(env)
        process = subprocess.Popen(
            [str(INTEGRA), "runserver", f"127.0.0.1:{port}", "--noreload"],
            env=env, cwd=REPO_DIR, stdout=log, stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_for_health(f"{url}/healthz", process, log_path)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture(scope="session")
def base_url(tmp_path_factory):
    """The address of a development server with the demo data, for the whole session."""
    with integra_server(tmp_path_factory.mktemp("integra-var")) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    _require(CHROMIUM.exists(), f"{CHROMIUM} not found: install Chromium (apt-get install chromium) "
                                "to run the browser tests")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is a test dependency
        _require(False, "playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def new_page(browser, base_url):
    """A factory of pages, each in a fresh browser context (own cookies), with the console recorded.

    new_page(width=320) opens a phone-sized page; page.console_messages lists "type: text" strings.
    bypass_csp=True lets a test inject axe-core, but then the browser no longer enforces the page's
    Content-Security-Policy: tests that look for policy violations use the default, bypass_csp=False.
    storage_state=other_page.context.storage_state() starts the context with another context's cookies
    (the same signed-in session, without signing in again)."""
    contexts = []

    def make(width: int = 1280, height: int = 900, bypass_csp: bool = False, storage_state=None):
        context = browser.new_context(base_url=base_url, bypass_csp=bypass_csp, locale="en-GB",
                                      viewport={"width": width, "height": height}, storage_state=storage_state)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.console_messages = []
        page.on("console", lambda msg: page.console_messages.append(f"{msg.type}: {msg.text}"))
        page.on("pageerror", lambda error: page.console_messages.append(f"pageerror: {error}"))
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def axe_js() -> Path:
    _require(AXE_JS.exists(), f"{AXE_JS} not found: run `make assets` (npm ci) for the accessibility tests")
    return AXE_JS


@pytest.fixture
def page(new_page):
    return new_page()


# --- the public verification page of a certificate, as both the learning and the events flows end -------------

CERTIFICATE_NOT_FOUND = "No certificate has this code."


def verify_certificate(page, code: str, *, holder: str, title, date, kind: str, holder_email: str) -> None:
    """Anonymously: the public verification page confirms the certificate — holder, what it is for, date and
    type (each a text or a pattern) — and shows no e-mail address."""
    from playwright.sync_api import expect  # a test dependency: the browser fixture says when it is missing

    response = page.goto(f"/en/verify/{code}/")
    assert response.status == 200, f"the verification page answered {response.status}"
    expect(page.locator("nav.user-menu")).to_have_count(0)
    expect(page.locator("h1")).to_have_text("Verify a certificate")
    result = page.locator("main [role=status]").filter(has=page.locator("h2"))
    expect(result.locator("h2")).to_have_text("Valid certificate")
    details = result.locator("dl.details")
    expect(details.locator("dt")).to_have_text(["Holder", "For", "Date", "Type"])
    expect(details.locator("dd")).to_have_text([holder, title, date, kind])
    html = page.content()
    assert holder_email not in html, "the holder's e-mail address is on the public verification page"
    assert "@example.org" not in html, "an e-mail address is on the public verification page"
    expect(page.locator("main")).not_to_contain_text(CERTIFICATE_NOT_FOUND)


def verify_unknown_certificate(page) -> None:
    """A code that was never issued (valid alphabet, so only the lookup can refuse it): 404, and no certificate."""
    from playwright.sync_api import expect

    response = page.goto("/en/verify/ZZZZ-ZZZZ-ZZZZ/")
    assert response.status == 404, f"an unknown code answered {response.status}"
    expect(page.locator("main [role=alert]")).to_contain_text(CERTIFICATE_NOT_FOUND)
    expect(page.get_by_text("Valid certificate")).to_have_count(0)
