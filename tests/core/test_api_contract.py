"""Issue 10, "The API says what it does": one serializer base for every serializer (unknown keys refused, every
writable field bounded), the error shape documented on every operation, public operations declared public, and
an unknown API path answered in JSON."""

import importlib
import inspect

import pytest
from django.urls import reverse
from rest_framework import serializers
from rest_framework.test import APIClient

from integra.core.api_policy import BoundedInputMixin
from tests.conftest import api_client

API_MODULES = ["integra.accounts.api", "integra.core.api", "integra.cooperation.api", "integra.events.api",
               "integra.learning.api"]


def _serializers():
    for name in API_MODULES:
        module = importlib.import_module(name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, serializers.BaseSerializer) and cls.__module__ == name:
                yield cls


@pytest.mark.parametrize("serializer", list(_serializers()), ids=lambda cls: f"{cls.__module__}.{cls.__name__}")
def test_every_serializer_of_the_api_refuses_what_it_does_not_write_and_bounds_what_it_does(serializer):
    assert issubclass(serializer, BoundedInputMixin), (
        f"{serializer.__name__} must inherit integra.core.api_policy.ModelSerializer or Serializer")


@pytest.fixture
def schema(db):
    response = APIClient().get(reverse("api:schema"), {"format": "json"})
    assert response.status_code == 200
    return response.json()


def _operations(schema):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            if method in {"get", "post", "put", "patch", "delete"}:
                yield path, method, operation


def test_every_operation_documents_the_error_shape(schema):
    error = schema["components"]["schemas"]["Error"]
    assert error["properties"]["error"]["required"] == ["code", "message"]
    for path, method, operation in _operations(schema):
        public = operation.get("security") == []
        for status in ("400", "404") if public else ("400", "403", "404", "409"):
            content = operation["responses"].get(status, {}).get("content", {})
            assert content.get("application/json", {}).get("schema") == {"$ref": "#/components/schemas/Error"}, (
                f"{method.upper()} {path} does not document {status}")


def test_public_operations_are_declared_public_and_no_other(schema):
    public = {path for path, _method, operation in _operations(schema) if operation.get("security") == []}
    assert public == {"/api/v1/events/{id}/agenda.ics", "/api/v1/certificates/verify/{code}/",
                      # the collection of practices: published entries and lessons learned, read by anyone
                      "/api/v1/practices/", "/api/v1/practices/{id}/", "/api/v1/practices/search/",
                      "/api/v1/lessons-learned/", "/api/v1/lessons-learned/{id}/"}


def test_request_bodies_allow_no_other_keys_and_the_decline_reason_is_required(schema):
    components = schema["components"]["schemas"]
    for name, component in components.items():
        if name.endswith("Request") and component.get("type") == "object":
            assert component["additionalProperties"] is False, name
    decline = schema["paths"]["/api/v1/referrals/{id}/decline/"]["post"]["requestBody"]
    reference = decline["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert "reason" in components[reference]["required"]


@pytest.mark.parametrize("path", ["/api/v1/nothing-here/", "/api/v1/cases/1/nothing/", "/api/v1/x"])
def test_an_unknown_api_path_answers_the_json_404(path, member):
    for client in (APIClient(), api_client(member)):
        response = client.get(path)
        assert response.status_code == 404
        assert response["Content-Type"].startswith("application/json")
        assert response.json()["error"]["code"] == "not_found"


def test_the_own_profile_refuses_an_email_change(member):
    response = api_client(member).patch("/api/v1/users/me/", {"email": "new@example.org"}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"email": ["This field cannot be changed here."]}
    member.refresh_from_db()
    assert member.email == "trainer@org.example"


@pytest.mark.parametrize("query", ["page_size=0", "page_size=abc", "page_size=100000", "page=", "page=0",
                                   "parent=0.5", "parent=", "is_active=null", "country=FR&parent=1e300"])
def test_query_parameters_are_checked_not_ignored(query, member):
    response = api_client(member).get(f"/api/v1/organisations/?{query}")
    assert response.status_code == 400, (query, response.content)
    assert response.json()["error"]["code"] == "invalid"


def test_an_id_beyond_any_column_is_a_client_error_not_a_500(member):
    response = api_client(member).get("/api/v1/enrolments/?user=100000000000000000000000000")
    assert response.status_code == 400


def test_a_request_body_beyond_the_upload_limit_is_refused_before_it_is_read(member):
    """An 11.5 MB note or JSON body: refused as too large (400 on pages, 413 in the API), never stored."""
    big = "x" * (11 * 1024 * 1024 + 512 * 1024)
    response = api_client(member).patch("/api/v1/users/me/", {"full_name": big}, format="json")
    assert response.status_code == 413 and response.json()["error"]["code"] == "too_large"
    member.refresh_from_db()
    assert member.full_name != big


def test_a_multiple_choice_field_takes_a_list_of_its_choices():
    """DRF's MultipleChoiceField is a ChoiceField: the JSON type check treats it as the list it is."""
    from integra.core.api_policy import Serializer

    class Settings(Serializer):
        settings = serializers.MultipleChoiceField(choices=["prison", "probation", "community"])

    ok = Settings(data={"settings": ["prison", "community"]})
    assert ok.is_valid(), ok.errors
    assert set(ok.validated_data["settings"]) == {"prison", "community"}
    text = Settings(data={"settings": "prison"})
    assert not text.is_valid() and "Expected a list" in str(text.errors["settings"])
    unknown = Settings(data={"settings": ["prison", "moon"]})
    assert not unknown.is_valid() and "settings" in unknown.errors
