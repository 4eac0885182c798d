"""Pages: the access matrix (assessor, countersigner, team member by level, mentor never, other organisation, DPO),
bad input, stale edits, imports with preview, exports, and flat query counts."""

import io

import pytest
from django.urls import reverse

from integra.assessment import instruments, services
from integra.assessment.models import Assessment, Instrument
from integra.core.models import AuditEvent
from tests.conftest import signed_in

from .conftest import DEMO, complete, finished

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(shared_record, prison_cm, instrument):
    return services.assessment_start(actor=prison_cm, record=shared_record, instrument=instrument)


@pytest.mark.parametrize(("who", "status"), [
    ("prison_cm", 200), ("colleague", 200), ("probation_cm", 200),  # owner team, same-org assessor, partner casework
    ("mentor", 404), ("stranger", 404), ("prison_dpo", 404),
])
def test_access_matrix(request, draft, colleague, who, status):
    user = request.getfixturevalue(who)
    client = signed_in(user)
    assert client.get(reverse("assessment:assessment", args=[draft.pk])).status_code == status
    assert client.get(reverse("assessment:record", args=[draft.record_id])).status_code == status
    if status == 200:
        event = AuditEvent.objects.filter(action="assessment.assessment.viewed", actor_id=user.pk).get()
        assert event.purpose == "structured assessment (case work)"


def test_mentor_never_sees_assessments_in_lists(draft, mentor, prison_cm):
    from integra.core import access

    assert not access.visible(mentor, Assessment).exists()
    assert access.visible(prison_cm, Assessment).count() == 1
    assert signed_in(mentor).get(reverse("assessment:home")).status_code == 403


def test_save_page_rejects_bad_rating_and_stale_edit(draft, prison_cm):
    client = signed_in(prison_cm)
    url = reverse("assessment:save", args=[draft.pk])
    response = client.post(url, {"version": draft.version, "value__grievance": "extreme"})
    assert response.status_code == 400
    response = client.post(url, {"version": draft.version, "value__grievance": "high",
                                 "sources__grievance": ["interview"]})
    assert response.status_code == 302
    assert draft.ratings.get().value == "high"
    response = client.post(url, {"version": draft.version, "value__grievance": "low"})
    assert response.status_code == 409
    assert draft.ratings.get().value == "high"


def test_page_shows_previous_ratings_and_computed_labels(shared_record, prison_cm, colleague, instrument):
    finished(prison_cm, colleague, shared_record, instrument)
    again = services.assessment_start(actor=prison_cm, record=shared_record, instrument=instrument)
    page = signed_in(prison_cm).get(reverse("assessment:assessment", args=[again.pk])).content.decode()
    assert "Previous rating" in page and "Computed aids" in page and "not a judgement" in page
    record_page = signed_in(prison_cm).get(reverse("assessment:record", args=[shared_record.pk])).content.decode()
    assert "trajectory" in record_page and "<svg" not in record_page  # one final assessment: a table, no line


def test_submit_countersign_finalise_buttons(draft, prison_cm, colleague):
    complete(prison_cm, draft)
    draft.refresh_from_db()
    assert signed_in(colleague).post(reverse("assessment:submit", args=[draft.pk]),
                                     {"version": draft.version}).status_code == 404  # not the author's
    assert Assessment.objects.get(pk=draft.pk).status == Assessment.Status.DRAFT
    signed_in(prison_cm).post(reverse("assessment:submit", args=[draft.pk]), {"version": draft.version})
    draft.refresh_from_db()
    assert draft.status == Assessment.Status.SUBMITTED
    assert signed_in(prison_cm).post(reverse("assessment:countersign", args=[draft.pk]),
                                     {"version": draft.version}).status_code == 404  # the author
    assert Assessment.objects.get(pk=draft.pk).status == Assessment.Status.SUBMITTED
    signed_in(colleague).post(reverse("assessment:countersign", args=[draft.pk]), {"version": draft.version})
    signed_in(colleague).post(reverse("assessment:finalise", args=[draft.pk]), {"version": draft.version + 1})
    assert Assessment.objects.get(pk=draft.pk).status == Assessment.Status.FINAL


def test_report_pdf(draft, prison_cm):
    complete(prison_cm, draft)
    response = signed_in(prison_cm).get(reverse("assessment:report", args=[draft.pk]), {"language": "fr"})
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert signed_in(prison_cm).get(reverse("assessment:report", args=[draft.pk]),
                                    {"language": "xx"}).status_code == 400


def test_import_preview_then_confirm(platform_admin):
    client = signed_in(platform_admin)
    content = (DEMO / "group.json").read_bytes()
    upload = io.BytesIO(content)
    upload.name = "group.json"
    response = client.post(reverse("assessment:import"), {"file": upload})
    assert response.status_code == 200 and not Instrument.objects.exists()  # preview saves nothing
    payload = response.context["confirm"].initial["payload"]
    response = client.post(reverse("assessment:import_confirm"), {"payload": payload})
    assert response.status_code == 302 and Instrument.objects.get().code == "integra-demo-group"
    assert client.post(reverse("assessment:import_confirm"), {"payload": payload + "x"}).status_code == 400


def test_import_errors_listed_and_nothing_saved(platform_admin):
    upload = io.BytesIO(b"survey,,\n,type,name\n,text,a\n,text,a\n")
    upload.name = "bad.csv"
    response = signed_in(platform_admin).post(reverse("assessment:import"), {"file": upload})
    assert response.status_code == 400
    page = response.content.decode()
    assert "label" in page and not Instrument.objects.exists()


def test_import_denied_without_role(prison_cm):
    assert signed_in(prison_cm).get(reverse("assessment:import")).status_code == 403


def test_export_files_reimport(instrument, platform_admin, prison_cm):
    version = instrument.versions.get()
    client = signed_in(platform_admin)
    for fmt, name in (("xlsx", "x.xlsx"), ("json", "x.json")):
        response = client.get(reverse("assessment:version_export", args=[version.pk, fmt]))
        assert response.status_code == 200
        assert instruments.read_upload(name, response.content).definition == version.definition
    assert signed_in(prison_cm).get(reverse("assessment:version_export", args=[version.pk, "json"])).status_code == 404


def test_csv_export_formula_safe(shared_record, prison_cm, colleague, instrument):
    finished(prison_cm, colleague, shared_record, instrument)
    response = signed_in(prison_cm).get(reverse("assessment:export_csv", args=[instrument.pk]))
    body = b"".join(response.streaming_content).decode()
    assert "version" in body.splitlines()[0] and shared_record.reference in body


def test_data_dictionary_follows_renames(instrument, platform_admin, prison_cm, mentor):
    from .conftest import load_definition

    definition = load_definition()
    definition["items"][0]["name"] = "grievance_v2"
    definition["mapping"] = {"grievance": "grievance_v2"}
    services.instrument_import(actor=platform_admin, definition=definition)
    response = signed_in(prison_cm).get(reverse("assessment:dictionary", args=[instrument.pk]))
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0].lstrip("\ufeff").startswith("version,status,item,exported as")
    assert any(line.startswith("1,published,grievance,grievance_v2,") for line in lines)
    assert any(line.startswith("2,draft,grievance_v2,grievance_v2,") for line in lines)


def test_instrument_pages(instrument, prison_cm, mentor, platform_admin):
    assert signed_in(prison_cm).get(reverse("assessment:instruments")).status_code == 200
    assert signed_in(prison_cm).get(reverse("assessment:instrument", args=[instrument.pk])).status_code == 200
    page = signed_in(platform_admin).get(reverse("assessment:instrument", args=[instrument.pk])).content.decode()
    assert "Missing translations" in page and "Licences" in page


def test_query_counts_flat(shared_record, prison_cm, colleague, instrument, django_assert_max_num_queries):
    finished(prison_cm, colleague, shared_record, instrument)
    client = signed_in(prison_cm)
    urls = [reverse("assessment:home"), reverse("assessment:record", args=[shared_record.pk]),
            reverse("assessment:instruments")]
    counts = {}
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for url in urls:
        client.get(url)  # warm: the session and the actor's roles
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        counts[url] = len(ctx)
    for _ in range(3):
        finished(prison_cm, colleague, shared_record, instrument)
    services.instrument_import(actor=prison_cm.__class__.objects.filter(is_superuser=True).first(),
                               definition=instruments.from_json(
                                   __import__("json").loads((DEMO / "group.json").read_text())).definition)
    for url in urls:
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        if "record" in url:
            assert len(ctx) <= counts[url] + 3, url  # one trajectory per instrument, not per assessment
        else:
            assert len(ctx) == counts[url], url
