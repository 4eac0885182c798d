import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from integra.practices import services
from tests.conftest import api_client

from .conftest import publish


@pytest.mark.django_db
def test_public_reads_published_only(owner, editor, draft):
    published = publish(owner, editor, name="Prévention par les pairs", contact_name="Ana",
                        contact_email="ana@example.org")
    anonymous = APIClient()
    listing = anonymous.get("/api/v1/practices/").json()
    assert [row["id"] for row in listing["results"]] == [published.pk]
    assert listing["results"][0]["contact"] is None  # no consent to show it
    assert anonymous.get(f"/api/v1/practices/{draft.pk}/").status_code == 404
    assert api_client(owner).get(f"/api/v1/practices/{draft.pk}/").status_code == 200
    assert anonymous.post("/api/v1/practices/", {}, format="json").status_code in (401, 403)  # writing: sign in


@pytest.mark.django_db
def test_search_with_facets(owner, editor):
    publish(owner, editor, name="Prévention en prison", settings=["prison"])
    publish(owner, editor, name="Community work", settings=["community"])
    response = APIClient().get("/api/v1/practices/search/", {"q": "PREVENTION", "setting": "prison"})
    body = response.json()
    assert response.status_code == 200 and body["count"] == 1
    assert body["results"][0]["name"] == "Prévention en prison"
    assert {f["value"]: f["count"] for f in body["facets"]["setting"]} == {"prison": 1}


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{"q": "x" * 300}, {"setting": "moon"}, {"page_size": "0"}, {"page": "x"}])
def test_bad_search_input_is_400(params):
    response = APIClient().get("/api/v1/practices/search/", params)
    assert response.status_code == 400 and "error" in response.json()


@pytest.mark.django_db
def test_search_query_count_is_flat(owner, editor):
    publish(owner, editor)
    client = APIClient()
    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/practices/search/", {"q": "mentoring"})
    for i in range(6):
        publish(owner, editor, name=f"Mentoring {i}")
    with CaptureQueriesContext(connection) as many:
        client.get("/api/v1/practices/search/", {"q": "mentoring"})
    assert len(many) == len(few)


@pytest.mark.django_db
def test_studies_only_for_their_team(editor, stranger, research_org):
    study = services.study_create(actor=editor, organisation=research_org, title="Interviews",
                                  research_questions="What works?",
                                  retention_until=timezone.localdate() + dt.timedelta(days=30))
    services.code_create(actor=editor, study=study, name="Trust")
    assert api_client(editor).get("/api/v1/studies/").json()["count"] == 1
    assert api_client(stranger).get("/api/v1/studies/").json()["count"] == 0
    assert api_client(stranger).get(f"/api/v1/studies/{study.pk}/codebook/").status_code == 404
    codebook = api_client(editor).get(f"/api/v1/studies/{study.pk}/codebook/").json()
    assert codebook[0]["name"] == "Trust"
    assert APIClient().get("/api/v1/studies/").status_code in (401, 403)


@pytest.mark.django_db
def test_lessons_public_when_published(editor, owner):
    practice = publish(owner, editor)
    services.lesson_create(actor=editor, title="Trust first", summary="Trust is built slowly.",
                           practices=[practice], is_published=True)
    services.lesson_create(actor=editor, title="Hidden", summary="Draft lesson.")
    rows = APIClient().get("/api/v1/lessons-learned/").json()["results"]
    assert [r["title"] for r in rows] == ["Trust first"] and rows[0]["practices"] == [practice.pk]




@pytest.mark.django_db
def test_facet_lists_are_lists(owner, editor):
    publish(owner, editor, settings=["prison", "community"])
    row = APIClient().get("/api/v1/practices/").json()["results"][0]
    assert row["settings"] == ["community", "prison"] and row["languages"] == ["en", "fr"]
