"""`make run` (DEBUG=True, settings/dev) shows the product's own 404 page for a missing or forbidden page, as
production does, not Django's debug page listing every URL pattern; a real error keeps the debug page."""

import os
import subprocess
import sys

import pytest
from django.http import Http404
from django.test import Client
from django.urls import path, reverse

from integra import urls as product_urls
from integra.core.middleware import ProductNotFoundPageMiddleware
from tests.conftest import make_org, make_user, signed_in

pytestmark = pytest.mark.django_db

PRODUCT_404 = "This page does not exist, or you do not have access to it."
TECHNICAL_404 = "Using the URLconf defined in"
MIDDLEWARE_PATH = f"{ProductNotFoundPageMiddleware.__module__}.{ProductNotFoundPageMiddleware.__name__}"


@pytest.fixture
def dev_debug(settings):
    settings.DEBUG = True
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, MIDDLEWARE_PATH]
    return settings


def test_the_development_settings_use_the_product_404_page(tmp_path):
    env = {**os.environ, "INTEGRA_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "integra.settings.dev"}
    env.pop("DEBUG", None)
    code = "from django.conf import settings; print(settings.DEBUG, settings.MIDDLEWARE[-1])"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", MIDDLEWARE_PATH]
    env["INTEGRA_TECHNICAL_404"] = "1"  # a developer who wants the URL list
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert MIDDLEWARE_PATH not in out


def test_without_it_debug_shows_the_url_list(settings):
    settings.DEBUG = True
    response = Client().get("/en/no-such-page/")
    assert response.status_code == 404 and TECHNICAL_404 in response.content.decode()


def test_an_unknown_page_shows_the_product_404_page_in_development(dev_debug):
    for url in ("/en/no-such-page/", "/fr/events/999999/agenda/nothing/"):
        response = Client().get(url)
        page = response.content.decode()
        assert response.status_code == 404, url
        assert TECHNICAL_404 not in page and "urlpatterns" not in page.lower()
    assert PRODUCT_404 in Client().get("/en/no-such-page/").content.decode()
    assert '<html lang="fr">' in Client().get("/fr/no-such-page/").content.decode()  # in the page's language


def test_a_forbidden_page_shows_the_product_404_page_in_development(dev_debug):
    stranger = make_user("stranger@example.org", org=make_org("Elsewhere"), roles=[])
    response = signed_in(stranger).get(reverse("events:registrations", args=[999999]))
    page = response.content.decode()
    assert response.status_code == 404 and PRODUCT_404 in page and TECHNICAL_404 not in page
    assert "Raised by:" not in page and 'id="info"' not in page  # nothing of the debug page


def _fails(request):
    raise RuntimeError("a real bug")


def _missing(request):
    raise Http404("nothing here")


# The product's URLs and error handlers, and two views of this test's own.
urlpatterns = [path("fails/", _fails), path("missing/", _missing), *product_urls.urlpatterns]
handler404 = product_urls.handler404


def test_a_real_error_keeps_the_debug_page(dev_debug):
    dev_debug.ROOT_URLCONF = __name__
    client = Client(raise_request_exception=False)
    response = client.get("/fails/")
    page = response.content.decode()
    assert response.status_code == 500 and "a real bug" in page and "Traceback" in page
    response = client.get("/missing/")
    assert response.status_code == 404 and PRODUCT_404 in response.content.decode()
    assert "nothing here" not in response.content.decode()
