"""The API's orjson renderer writes the bytes DRF's JSONRenderer writes, faster."""

import datetime as dt
import decimal
import uuid

import pytest
from django.utils.translation import gettext_lazy
from rest_framework.renderers import JSONRenderer
from rest_framework.utils.serializer_helpers import ReturnDict, ReturnList

from integra.core.api_renderers import OrjsonRenderer

SAMPLES = [
    {"count": 3, "next": None, "results": [{"id": 1, "name": "Élise — 日本"}]},
    ReturnDict({"a": 1, "b": [1.5, True, None]}, serializer=None),
    ReturnList([{"x": "y"}], serializer=None),
    {"when": dt.datetime(2026, 12, 1, 14, 3, 4, 567891, tzinfo=dt.UTC), "day": dt.date(2026, 1, 2),
     "time": dt.time(9, 30)},
    {"amount": decimal.Decimal("12.50"), "id": uuid.UUID(int=5), "label": gettext_lazy("Not found.")},
    {1: "integer key"},
    {"separators": "a\u2028b\u2029c", "quote": 'say "hi" </script>'},
    [2**70],  # beyond 64 bits: falls back to DRF
    [],
]


@pytest.mark.parametrize("data", SAMPLES)
def test_same_bytes_as_drf(data):
    assert OrjsonRenderer().render(data) == JSONRenderer().render(data)


def test_indent_falls_back_to_drf():
    data = {"a": [1, 2]}
    rendered = OrjsonRenderer().render(data, "application/json; indent=4")
    assert rendered == JSONRenderer().render(data, "application/json; indent=4")
    assert b"\n    " in rendered


def test_nothing_renders_nothing():
    assert OrjsonRenderer().render(None) == b""


@pytest.mark.django_db
def test_the_api_answers_through_it(client, django_user_model):
    user = django_user_model.objects.create_user(email="r@example.org", password="x-long-password-1")
    client.force_login(user)
    response = client.get("/api/v1/users/me/", HTTP_ACCEPT="application/json")
    assert isinstance(response.accepted_renderer, OrjsonRenderer)
