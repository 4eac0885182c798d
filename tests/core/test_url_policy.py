"""Walks the whole URL configuration: every route must declare its protection, and every route that is
not on the public allow-list must refuse an anonymous visitor."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

# Routes anyone may open. Adding one here is a decision to review, not a formality.
PUBLIC_ROUTES = {
    "healthz", "favicon", "set_language", "api:schema", "api:docs", "core:home", "accounts:invitation_accept",
    # certificates are verified by anyone; published events have a public page, agenda and calendar
    "learning:verify", "learning:verify_code", "api:certificate-verify", "events:public", "events:agenda",
    "events:agenda_ics", "events:agenda_json", "api:event-agenda-ics",
    # anyone may apply to mentor (rate-limited per address and e-mail)
    "mentoring:apply",
    # the collection of practices: search, published practices, lessons learned and publications
    "practices:search", "practices:public", "practices:lessons", "practices:lesson", "practices:publications",
    "practices:publication", "practices:publication_pdf", "practices:approaches", "practices:approach",
    "api:practice-list", "api:practice-detail", "api:practice-search",
    "api:lesson-learned-list", "api:lesson-learned-detail",
    # any other path under the API: the JSON 404, the same for everyone
    "api:unknown",
}
# Third-party views with their own protection, reviewed as a whole: allauth's sign-in, password reset and
# second-factor pages (login_required where it matters), and Django's admin (staff only, our sign-in).
THIRD_PARTY_NAMESPACES = ("allauth.", "django.contrib.admin", "django.contrib.contenttypes.views", "rest_framework",
                          "drf_spectacular", "django.views")
ANONYMOUS_OK_THIRD_PARTY = {
    "account_login", "account_reset_password", "account_reset_password_done", "account_reset_password_from_key",
    "account_reset_password_from_key_done", "account_signup", "account_logout", "account_confirm_email",
    "account_email_verification_sent", "account_inactive", "account_login_code_confirm",
    "account_request_login_code", "mfa_login_webauthn", "mfa_signup_webauthn", "account_reauthenticate",
    "mfa_authenticate", "mfa_reauthenticate", "mfa_trust", "account_confirm_login_code", "account_verify_phone",
    "account_email_verification_sent_by_code",
}


def _walk(patterns, prefix="", namespace=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), (namespace + p.name) if p.name else None, p.callback


def _routes():
    return list(_walk(get_resolver().url_patterns))


def _module(callback):
    view_class = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    return (view_class or callback).__module__


def _declared_access(callback):
    view_class = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    return getattr(view_class, "integra_access", None) or getattr(callback, "integra_access", None)


def _example_path(route: str) -> str:
    path = route.replace("^", "").replace("$", "").replace("\\Z", "").replace("\\.", ".")
    path = re.sub(r"\(\?P<\w+>[^)]*\)", "1", path)  # DRF's regex groups first: their names look like <pk>
    path = re.sub(r"<int:\w+>", "1", path)
    path = re.sub(r"<(str:|slug:)?\w+>", "x", path)
    path = re.sub(r"\[\^/\.\]\+", "1", path)
    path = path.replace("(?:", "").replace(")?", "").replace("?", "")
    return "/" + path.lstrip("/")


def test_every_project_route_declares_its_protection():
    undeclared = []
    for route, name, callback in _routes():
        if _module(callback).startswith("integra") or _module(callback).startswith("bench"):
            access = _declared_access(callback)
            if access not in {"public", "signed_in", "policy"}:
                undeclared.append(f"{route} ({name}) in {_module(callback)}")
            if access == "public" and name not in PUBLIC_ROUTES:
                undeclared.append(f"{route} ({name}) is public but not on the PUBLIC_ROUTES allow-list")
        elif not _module(callback).startswith(THIRD_PARTY_NAMESPACES):
            undeclared.append(f"{route} ({name}) comes from an unreviewed package {_module(callback)}")
    assert not undeclared, "Routes without an explicit policy decision:\n" + "\n".join(undeclared)


@pytest.mark.django_db
def test_every_non_public_route_refuses_anonymous_visitors(client):
    leaks = []
    for route, name, _callback in _routes():
        if name in PUBLIC_ROUTES or name in ANONYMOUS_OK_THIRD_PARTY or "<drf_format_suffix" in route:
            continue
        path = _example_path(route)
        if path.startswith("/<") or "(" in path:
            continue
        for method in ("get", "post"):
            response = getattr(client, method)(path.replace("/<lang>", ""), secure=False)
            if response.status_code in (200, 201, 204) and not _is_login_page(response):
                leaks.append(f"{method.upper()} {path} ({name}) -> {response.status_code}")
    assert not leaks, "Reachable without signing in:\n" + "\n".join(leaks)


def _is_login_page(response) -> bool:
    return b'name="password"' in response.content and b"login" in response.content.lower()


def test_public_allow_list_names_real_routes():
    names = {name for _r, name, _c in _routes()}
    assert PUBLIC_ROUTES <= names

