"""The write API: the same services and policy as the pages (drafts, stale edits 409, submit, lessons learned,
studies and codebooks)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from integra.practices.models import Code, LessonLearned, Practice, Study
from tests.conftest import api_client

from .conftest import publish

FIELDS = {"name": "Family circles", "description": "Families meet before release.",
          "prevention_link": "Family ties counter recruitment after release.", "organisation_name": "Trait d'Union",
          "settings": ["prison"], "themes": ["families"], "name_fr": "Cercles familiaux"}


@pytest.mark.django_db
def test_practice_draft_create_update_stale_and_submit(owner, editor, stranger):
    assert APIClient().post("/api/v1/practices/", FIELDS, format="json").status_code in (401, 403)
    client = api_client(owner)
    response = client.post("/api/v1/practices/", FIELDS, format="json")
    assert response.status_code == 201, response.content
    practice = Practice.objects.get(pk=response.json()["id"])
    assert practice.status == Practice.Status.DRAFT and practice.name_fr == "Cercles familiaux"
    assert practice.settings == ["prison"]
    url = f"/api/v1/practices/{practice.pk}/"
    assert client.patch(url, {"funding": "City council", "version": 1}, format="json").status_code == 200
    stale = client.patch(url, {"funding": "Other", "version": 1}, format="json")
    assert stale.status_code == 409 and Practice.objects.get(pk=practice.pk).funding == "City council"
    # Someone else's draft is not even there; a bad value is a 400 naming the field.
    assert api_client(stranger).patch(url, {"funding": "x"}, format="json").status_code == 404
    bad = client.patch(url, {"settings": ["moon"]}, format="json")
    assert bad.status_code == 400 and "settings" in bad.json()["error"]["fields"]
    no_link = client.post("/api/v1/practices/", {**FIELDS, "prevention_link": " "}, format="json")
    assert no_link.status_code == 400
    assert api_client(editor).post(f"{url}submit/").status_code == 404  # a draft is the owner's alone
    submitted = client.post(f"{url}submit/")
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    assert client.post(f"{url}submit/").status_code == 400  # only a draft can be submitted


@pytest.mark.django_db
def test_lessons_learned_are_written_by_editors_only(owner, editor):
    practice = publish(owner, editor)
    body = {"title": "Start early", "summary": "Plan before release.", "practices": [practice.pk],
            "summary_pt": "Planear antes."}
    assert api_client(owner).post("/api/v1/lessons-learned/", body, format="json").status_code == 403
    response = api_client(editor).post("/api/v1/lessons-learned/", body, format="json")
    assert response.status_code == 201, response.content
    lesson = LessonLearned.objects.get(pk=response.json()["id"])
    assert lesson.summary_pt == "Planear antes." and list(lesson.practices.all()) == [practice]
    url = f"/api/v1/lessons-learned/{lesson.pk}/"
    assert api_client(editor).patch(url, {"title": "Start earlier", "version": 1}, format="json").status_code == 200
    assert api_client(editor).patch(url, {"title": "Late", "version": 1}, format="json").status_code == 409
    assert api_client(editor).patch(url, {"practices": [999999]}, format="json").status_code == 400
    assert LessonLearned.objects.get(pk=lesson.pk).title_en == "Start earlier"


@pytest.mark.django_db
def test_studies_and_codebooks(editor, owner, research_org, ngo):
    body = {"organisation": research_org.pk, "title": "Release interviews", "research_questions": "What helps?",
            "retention_until": (timezone.localdate() + dt.timedelta(days=365)).isoformat()}
    assert api_client(owner).post("/api/v1/studies/", {**body, "organisation": ngo.pk},
                                  format="json").status_code == 403
    assert api_client(editor).post("/api/v1/studies/", {**body, "organisation": ngo.pk},
                                   format="json").status_code == 400
    response = api_client(editor).post("/api/v1/studies/", body, format="json")
    assert response.status_code == 201
    study = Study.objects.get(pk=response.json()["id"])
    url = f"/api/v1/studies/{study.pk}/codes/"
    theme = api_client(editor).post(url, {"name": "Support", "is_theme": True}, format="json")
    assert theme.status_code == 201
    child = api_client(editor).post(url, {"name": "Trust", "parent": theme.json()["id"]}, format="json")
    assert child.status_code == 201 and Code.objects.get(pk=child.json()["id"]).parent_id == theme.json()["id"]
    assert api_client(editor).post(url, {"name": "Trust", "parent": theme.json()["id"]},
                                   format="json").status_code == 400  # the same name at the same place
    assert api_client(owner).post(url, {"name": "Mine"}, format="json").status_code == 404  # not in the team
    with CaptureQueriesContext(connection) as queries:
        codebook = api_client(editor).get(f"/api/v1/studies/{study.pk}/codebook/")
    assert codebook.status_code == 200 and len(codebook.json()) == 2
    assert len(queries) <= 10


def test_writes_take_json_only(owner):
    """A form body would read the text "0" as a boolean: the knowledge base's writes refuse it (415)."""
    response = api_client(owner).post("/api/v1/practices/", {**FIELDS, "contact_public": "0"}, format="multipart")
    assert response.status_code == 415
