import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from integra.assessment import selectors, services
from integra.assessment.models import Assessment, InstrumentVersion
from integra.core.errors import StaleEdit
from integra.core.models import AuditEvent
from integra.learning.models import Certificate, Course, Enrolment

from .conftest import RATINGS, answers, complete, finished, load_definition


def test_full_flow_and_audit(shared_record, prison_cm, colleague, instrument):
    assessment = finished(prison_cm, colleague, shared_record, instrument)
    assert assessment.status == Assessment.Status.FINAL
    assessment.refresh_from_db()
    assert assessment.countersigner == colleague and assessment.rationale == "Because."
    actions = set(AuditEvent.objects.filter(object_id=str(assessment.pk)).values_list("action", flat=True))
    assert {"assessment.assessment.started", "assessment.assessment.submitted", "assessment.assessment.countersigned",
            "assessment.assessment.finalised"} <= actions


def test_rating_outside_scale_and_insufficient_information(shared_record, prison_cm, instrument):
    assessment = services.assessment_start(actor=prison_cm, record=shared_record, instrument=instrument)
    with pytest.raises(ValidationError, match="not on this item's scale"):
        services.assessment_save(actor=prison_cm, assessment=assessment, expected_version=assessment.version,
                                 answers={"grievance": {"value": "extreme"}})
    with pytest.raises(ValidationError, match="insufficient"):
        services.assessment_save(actor=prison_cm, assessment=assessment, expected_version=assessment.version,
                                 answers={"grievance": {"value": "insufficient"}})
    with pytest.raises(ValidationError, match="Between 0 and 60"):
        services.assessment_save(actor=prison_cm, assessment=assessment, expected_version=assessment.version,
                                 answers={"years_in_custody": {"value": "99"}})
    assert not assessment.ratings.exists()
    services.assessment_save(actor=prison_cm, assessment=assessment, expected_version=assessment.version,
                             answers={"grievance": {"value": "insufficient", "insufficient_reason": "No file yet."}})
    assert assessment.ratings.get().insufficient_reason == "No file yet."


def test_hidden_answer_cleared(shared_record, prison_cm, instrument):
    assessment = services.assessment_start(actor=prison_cm, record=shared_record, instrument=instrument)
    _a, cleared = services.assessment_save(
        actor=prison_cm, assessment=assessment, expected_version=assessment.version,
        answers=answers({"extremist_contacts": "no", "contact_intensity": "high"}))
    assert cleared == ["contact_intensity"]
    assert not assessment.ratings.filter(item="contact_intensity").exists()


def test_submit_needs_judgement_rationale_and_bias_checks(shared_record, prison_cm, instrument):
    assessment = services.assessment_start(actor=prison_cm, record=shared_record, instrument=instrument)
    services.assessment_save(actor=prison_cm, assessment=assessment, expected_version=assessment.version,
                             answers=answers())
    with pytest.raises(ValidationError, match="summary judgement"):
        services.assessment_submit(actor=prison_cm, assessment=assessment, expected_version=assessment.version)
    fields = {f for f, _m in services.completeness_problems(assessment)}
    assert fields == {"judgement", "significant_items", "rationale", "evidence_against", "limitations",
                      "bias_checks"}
    assert Assessment.objects.get(pk=assessment.pk).status == Assessment.Status.DRAFT


def test_countersign_by_author_refused_and_disagreement_needs_note(shared_record, prison_cm, colleague, instrument):
    assessment = complete(prison_cm, services.assessment_start(actor=prison_cm, record=shared_record,
                                                               instrument=instrument))
    services.assessment_submit(actor=prison_cm, assessment=assessment, expected_version=assessment.version)
    with pytest.raises(ValidationError, match="author"):
        services.assessment_countersign(actor=prison_cm, assessment=assessment, expected_version=assessment.version)
    with pytest.raises(ValidationError, match="Explain"):
        services.assessment_countersign(actor=colleague, assessment=assessment, expected_version=assessment.version,
                                        disagreements=["grievance"])
    services.assessment_countersign(actor=colleague, assessment=assessment, expected_version=assessment.version,
                                    disagreements=["grievance"], note="I would rate it moderate.")
    assessment.refresh_from_db()
    assert assessment.disagreements == ["grievance"] and assessment.countersign_note == "I would rate it moderate."


def test_stale_edit_refused(shared_record, prison_cm, instrument):
    assessment = services.assessment_start(actor=prison_cm, record=shared_record, instrument=instrument)
    old = assessment.version
    services.assessment_save(actor=prison_cm, assessment=assessment, expected_version=old, answers=answers())
    with pytest.raises(StaleEdit):
        services.assessment_save(actor=prison_cm, assessment=Assessment.objects.get(pk=assessment.pk),
                                 expected_version=old, answers={})


def test_certificate_required(shared_record, prison_cm, instrument, platform_admin):
    course = Course.objects.create(title="Assessment training", status=Course.Status.PUBLISHED)
    services.instrument_configure(actor=platform_admin, instrument=instrument, expected_version=instrument.version,
                                  licence_holder="", qualifying_course=course, certificate_valid_months=12,
                                  min_sources=2)
    with pytest.raises(ValidationError, match="valid certificate"):
        services.assessment_start(actor=prison_cm, record=shared_record, instrument=instrument)
    old = Certificate.objects.create(kind=Certificate.Kind.COURSE_COMPLETION, holder=prison_cm, holder_name="x",
                                     title="t", awarded_on=timezone.localdate() - dt.timedelta(days=800),
                                     source="learning.enrolment:old")
    enrolment = Enrolment.objects.create(user=prison_cm, course=course, certificate=old)
    with pytest.raises(ValidationError, match="valid certificate"):  # too old: booster training needed
        services.assessment_start(actor=prison_cm, record=shared_record, instrument=instrument)
    fresh = Certificate.objects.create(kind=Certificate.Kind.COURSE_COMPLETION, holder=prison_cm, holder_name="x",
                                       title="t", awarded_on=timezone.localdate(), source="learning.enrolment:new")
    Enrolment.objects.filter(pk=enrolment.pk).update(certificate=fresh)
    assert services.assessment_start(actor=prison_cm, record=shared_record, instrument=instrument)


def test_licensed_instrument_needs_licence(shared_record, prison_cm, prison, instrument, platform_admin):
    services.instrument_configure(actor=platform_admin, instrument=instrument, expected_version=instrument.version,
                                  licence_holder="Rights Holder BV", qualifying_course=None,
                                  certificate_valid_months=36, min_sources=2)
    with pytest.raises(ValidationError, match="licence"):
        services.assessment_start(actor=prison_cm, record=shared_record, instrument=instrument)
    view = selectors.version_view(actor=prison_cm, version=instrument.versions.get())
    assert view["readable"] is False and view["domains"][0].items[0].label == "grievance"
    services.licence_grant(actor=platform_admin, instrument=instrument, organisation=prison,
                           valid_until=timezone.localdate() + dt.timedelta(days=30))
    instrument.__dict__.pop("_integra_licensed", None)
    assert services.assessment_start(actor=prison_cm, record=shared_record, instrument=instrument)


def test_reassessment_change_report_and_trajectory(shared_record, prison_cm, colleague, instrument):
    first = finished(prison_cm, colleague, shared_record, instrument, judgement="high")
    second = finished(prison_cm, colleague, shared_record, instrument, {**RATINGS, "grievance": "low"}, "low")
    assert second.previous == first
    third = services.assessment_start(actor=prison_cm, record=shared_record, instrument=instrument)
    assert third.previous == second and not third.ratings.exists()  # shown beside, never prefilled
    view = selectors.assessment_view(actor=prison_cm, assessment=second)
    assert [item.name for item in view["changes"]] == ["grievance"]
    assert view["counts"]["risk"] >= 1 and view["counts"]["protective"] == 3
    trajectory = selectors.trajectory(actor=prison_cm, record=shared_record, instrument=instrument)
    assert len(trajectory["points"]) == 2
    beliefs = next(s for s in trajectory["series"] if s["name"] == "beliefs")
    assert beliefs["values"] == [50, 17]  # (2+1+0)/6 then (0+1+0)/6, as a share of the scale's maximum


def test_published_version_frozen_new_version_with_mapping(instrument, platform_admin):
    definition = load_definition()
    definition["items"][0]["name"] = "grievance_v2"
    definition["mapping"] = {"grievance": "grievance_v2", "isolation": None}
    definition["items"] = [i for i in definition["items"] if i["name"] != "isolation"]
    version = services.instrument_import(actor=platform_admin, definition=definition, source_name="v2.json")
    assert version.number == 2 and version.status == InstrumentVersion.Status.DRAFT
    first = instrument.versions.get(number=1)
    with pytest.raises(ValidationError):
        services.version_publish(actor=platform_admin, version=first)
    changes = services.version_changes(first.definition, version.definition)
    assert changes["renamed"] == [("grievance", "grievance_v2")] and changes["removed"] == ["isolation"]


def test_export_across_versions(shared_record, prison_cm, colleague, instrument, platform_admin):
    finished(prison_cm, colleague, shared_record, instrument)
    definition = load_definition()
    definition["items"][0]["name"] = "grievance_v2"
    definition["mapping"] = {"grievance": "grievance_v2"}
    services.version_publish(actor=platform_admin, version=services.instrument_import(
        actor=platform_admin, definition=definition))
    rows, header = selectors.assessment_export(actor=prison_cm, instrument=instrument)
    assert header[2] == "version" and "grievance_v2" in header
    assert rows[0][2] == 1 and rows[0][header.index("grievance_v2")] == "high"  # renamed item followed


def test_only_managers_import(prison_cm):
    with pytest.raises(PermissionDenied):
        services.instrument_import(actor=prison_cm, definition=load_definition())


def test_reassessment_prompts(shared_record, prison_cm, colleague, instrument, mentor):
    from integra.assessment.models import Assessment as A

    first = finished(prison_cm, colleague, shared_record, instrument)
    A.objects.filter(pk=first.pk).update(review_date=timezone.localdate() + dt.timedelta(days=10))
    prompts = selectors.reassessment_prompts(actor=prison_cm)
    assert [a.pk for a in prompts["due"]] == [first.pk]
    from django.urls import reverse

    from tests.conftest import signed_in

    assert "Reassessments to consider" in signed_in(prison_cm).get(reverse("core:dashboard")).content.decode()
    assert prompts["releases"] == []  # released in 10 days, but assessed just now
    services.assessment_start(actor=prison_cm, record=shared_record, instrument=instrument)
    assert selectors.reassessment_prompts(actor=prison_cm)["due"] == []  # a reassessment follows it
    assert selectors.reassessment_prompts(actor=mentor) == {"due": [], "releases": []}
    from integra.core.dashboard import cards_for

    assert not [c for c in cards_for(mentor) if "Reassessment" in str(c.title)]
