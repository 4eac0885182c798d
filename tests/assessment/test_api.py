import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from integra.assessment.models import Assessment
from tests.conftest import api_client

from .conftest import complete, finished

pytestmark = pytest.mark.django_db


def test_instruments_list_and_licensed_text(instrument, prison_cm, platform_admin):
    from integra.assessment import services

    client = api_client(prison_cm)
    listed = client.get("/api/v1/instruments/").json()
    assert listed["results"][0]["code"] == "integra-demo-individual"
    assert client.get(f"/api/v1/instruments/{instrument.pk}/").json()["definition"]["code"] == instrument.code
    services.instrument_configure(actor=platform_admin, instrument=instrument, expected_version=instrument.version,
                                  licence_holder="Rights Holder", qualifying_course=None, certificate_valid_months=36,
                                  min_sources=2)
    assert client.get(f"/api/v1/instruments/{instrument.pk}/").json()["definition"] is None


def test_assessment_flow_through_the_api(shared_record, prison_cm, colleague, mentor, instrument):
    author = api_client(prison_cm)
    response = author.post("/api/v1/assessments/", {"record": shared_record.pk, "instrument": instrument.pk},
                           format="json")
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    assessment = Assessment.objects.get(pk=pk)
    response = author.post(f"/api/v1/assessments/{pk}/submit/", {"version": assessment.version}, format="json")
    assert response.status_code == 400 and response.json()["error"]["message"]
    complete(prison_cm, assessment)
    assessment.refresh_from_db()
    assert author.post(f"/api/v1/assessments/{pk}/submit/", {"version": assessment.version - 1},
                       format="json").status_code == 409
    assert author.post(f"/api/v1/assessments/{pk}/submit/", {"version": assessment.version},
                       format="json").status_code == 200
    assert author.post(f"/api/v1/assessments/{pk}/countersign/", {"version": assessment.version + 1},
                       format="json").status_code in {400, 403}
    response = api_client(colleague).post(f"/api/v1/assessments/{pk}/countersign/",
                                          {"version": assessment.version + 1, "disagreements": ["grievance"],
                                           "note": "Moderate, in my view."}, format="json")
    assert response.status_code == 200 and response.json()["disagreements"] == ["grievance"]
    response = author.post(f"/api/v1/assessments/{pk}/finalise/", {"version": assessment.version + 2},
                           format="json")
    assert response.status_code == 200 and response.json()["status"] == "final"
    assert api_client(mentor).get(f"/api/v1/assessments/{pk}/").status_code == 404
    assert api_client(mentor).get("/api/v1/assessments/").json()["results"] == []


def test_bad_input(shared_record, prison_cm, mentor, instrument):
    client = api_client(prison_cm)
    assert client.post("/api/v1/assessments/", {"record": shared_record.pk, "instrument": instrument.pk,
                                                "judgement": "low"}, format="json").status_code == 400
    assert client.post("/api/v1/assessments/", {"record": 999999, "instrument": instrument.pk},
                       format="json").status_code == 400
    assert api_client(mentor).post("/api/v1/assessments/", {"record": shared_record.pk,
                                                            "instrument": instrument.pk},
                                   format="json").status_code in {400, 403}


def test_list_query_count_flat(shared_record, prison_cm, colleague, instrument):
    finished(prison_cm, colleague, shared_record, instrument)
    client = api_client(prison_cm)
    client.get("/api/v1/assessments/")
    with CaptureQueriesContext(connection) as first:
        client.get("/api/v1/assessments/")
    for _ in range(3):
        finished(prison_cm, colleague, shared_record, instrument)
    with CaptureQueriesContext(connection) as later:
        assert len(client.get("/api/v1/assessments/").json()["results"]) == 4
    assert len(later) == len(first)
