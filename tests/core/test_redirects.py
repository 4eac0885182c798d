"""`next` leads back into this site only: the usual open-redirect payloads fall back to the page's own target."""

import pytest
from django.test import RequestFactory

from integra.core.redirects import safe_next_url

OFF_SITE = ["//evil.example/", "https://evil.example/", "http://evil.example/x", "/\\evil.example",
            "\\/\\/evil.example", "javascript:alert(1)", "///evil.example", "https:evil.example",
            " //evil.example", "\\\\evil.example"]


@pytest.mark.parametrize("payload", OFF_SITE)
def test_off_site_next_falls_back(payload):
    request = RequestFactory().post("/en/x/", {"next": payload})
    assert safe_next_url(request, "/en/fallback/") == "/en/fallback/"


@pytest.mark.parametrize("target", ["/en/cases/2/", "/en/dashboard/?tab=mine", "http://testserver/en/cases/2/"])
def test_on_site_next_is_followed(target):
    request = RequestFactory().post("/en/x/", {"next": target})
    assert safe_next_url(request, "/en/fallback/") == target


def test_next_in_the_query_string_counts_too():
    assert safe_next_url(RequestFactory().get("/en/x/?next=/en/y/"), "/f/") == "/en/y/"
    assert safe_next_url(RequestFactory().get("/en/x/?next=//evil.example/"), "/f/") == "/f/"


@pytest.mark.django_db
@pytest.mark.parametrize("payload", OFF_SITE[:3])
def test_language_switch_never_leaves_the_site(client, payload):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": payload})
    assert response.status_code == 302 and "evil.example" not in response["Location"]
