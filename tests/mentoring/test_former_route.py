"""The former's route (issue 12): an assessment of the applicant by a certified assessor of the assessment app, then
the coordinator's decision with its rationale — never a decision without a finalised assessment, never on the
word of an uncertified assessor; a former without approval is not eligible, on the page, in matching and in
circles."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from integra.assessment.models import Assessment
from integra.core.models import AuditEvent, Notification
from integra.core.roles import Role
from integra.learning.models import Course
from integra.mentoring import selectors, services
from integra.mentoring.models import Mentor, Stage
from tests.conftest import make_user, signed_in
from tests.mentoring.conftest import apply, assess_former, assessment_instrument, certify, make_available

pytestmark = pytest.mark.django_db
RATIONALE = "The assessment shows a stable disengagement for eight years; references confirm it."


def suggested(coordinator, mentee) -> set[int]:
    return {s.mentor.pk for s in selectors.suggestions(actor=coordinator, mentee=mentee)["suggestions"]}


@pytest.fixture
def course(db):
    return Course.objects.create(title="Assessing formers", status=Course.Status.PUBLISHED)


@pytest.fixture
def instrument(platform_admin, course):
    return assessment_instrument(platform_admin, course)


@pytest.fixture
def assessor(probation, course):
    user = make_user("assessor@probation.example", org=probation, roles=[Role.CASE_MANAGER])
    certify(user, course)
    return user


@pytest.fixture
def countersigner(probation, course):
    user = make_user("second@probation.example", org=probation, roles=[Role.FRONTLINE])
    certify(user, course)
    return user


@pytest.fixture
def former(ngo, mentor):
    return apply(ngo, mentor, former_route=True)


def test_the_route_runs_from_the_request_to_the_approval(former, coordinator, assessor, countersigner, instrument):
    assessment = assess_former(former, coordinator=coordinator, assessor=assessor, countersigner=countersigner,
                               instrument=instrument)
    assert former.former_assessment == assessment and assessment.record_id is None
    assert assessment.assessor == assessor and assessment.organisation_id == assessor.memberships.get().organisation_id
    assert str(former.pk) in assessment.subject and former.full_name not in assessment.subject
    assert Notification.objects.filter(recipient=assessor, url__endswith=f"/{assessment.pk}/").exists()
    requested = AuditEvent.objects.get(action="mentoring.mentor.former_assessment_requested")
    assert requested.actor == coordinator and requested.data["assessment"] == assessment.pk
    services.former_decide(actor=coordinator, mentor=former, approved=True, rationale=RATIONALE)
    former.refresh_from_db()
    assert former.former_approved_on == timezone.localdate() and former.former_decided_by == coordinator
    assert former.former_rationale == RATIONALE
    event = AuditEvent.objects.get(action="mentoring.mentor.former_decided")
    assert event.actor == coordinator and event.data == {"approved": True, "assessment": assessment.pk}
    with pytest.raises(ValidationError, match="already decided"):  # decided once
        services.former_decide(actor=coordinator, mentor=former, approved=False, rationale=RATIONALE)


def test_no_decision_without_a_finalised_assessment(former, coordinator, assessor, countersigner, instrument):
    with pytest.raises(ValidationError, match="No assessment by a certified assessor has been requested"):
        services.former_decide(actor=coordinator, mentor=former, approved=True, rationale=RATIONALE)
    assess_former(former, coordinator=coordinator, assessor=assessor, countersigner=countersigner,
                  instrument=instrument, finalise=False)
    for approved in (True, False):  # neither approving nor refusing before the assessment is final
        with pytest.raises(ValidationError, match="not finalised yet") as error:
            services.former_decide(actor=coordinator, mentor=former, approved=approved, rationale=RATIONALE)
        assert error.value.error_dict["approved"][0].code == "no_final_assessment"
    former.refresh_from_db()
    assert former.former_approved_on is None and former.stage == Stage.APPLICANT and not former.former_rationale
    assert not AuditEvent.objects.filter(action="mentoring.mentor.former_decided").exists()


def test_an_assessor_without_a_certificate_is_refused(former, coordinator, probation, instrument):
    uncertified = make_user("new@probation.example", org=probation, roles=[Role.CASE_MANAGER])
    with pytest.raises(ValidationError, match="valid certificate") as error:
        services.former_assessment_request(actor=coordinator, mentor=former, assessor=uncertified,
                                           instrument=instrument)
    assert "assessor" in error.value.error_dict
    former.refresh_from_db()
    assert former.former_assessment is None and not Assessment.objects.exists()


def test_a_certificate_expired_before_finalisation_does_not_count(former, coordinator, assessor, countersigner,
                                                                  instrument):
    assessment = assess_former(former, coordinator=coordinator, assessor=assessor, countersigner=countersigner,
                               instrument=instrument)
    # The assessor's only certificate was too old on the day the assessment was finalised.
    Assessment.objects.filter(pk=assessment.pk).update(finalised_at=timezone.now() + dt.timedelta(days=400))
    former.refresh_from_db()
    with pytest.raises(ValidationError, match="not made by a certified assessor"):
        services.former_decide(actor=coordinator, mentor=former, approved=True, rationale=RATIONALE)
    assert selectors.former_route_state(former)["can_request"] is True  # a new assessment may be asked for


def test_the_assessor_must_assess_for_an_organisation(former, coordinator, ngo, instrument):
    volunteer = make_user("helper@ngo.example", org=ngo, roles=[Role.MENTOR])
    with pytest.raises(ValidationError, match="not an assessor"):
        services.former_assessment_request(actor=coordinator, mentor=former, assessor=volunteer,
                                           instrument=instrument)


def test_only_the_coordinator_requests_and_decides(former, mentor, stranger, stranger_org, assessor, instrument):
    other = make_user("coord@elsewhere.example", org=stranger_org, roles=[Role.MENTORING_COORDINATOR])
    for actor in (mentor, stranger, other, assessor):
        with pytest.raises(PermissionDenied):
            services.former_assessment_request(actor=actor, mentor=former, assessor=assessor, instrument=instrument)
        with pytest.raises(PermissionDenied):
            services.former_decide(actor=actor, mentor=former, approved=True, rationale=RATIONALE)


def test_refusal_ends_the_application_and_a_second_request_is_refused(former, coordinator, assessor, countersigner,
                                                                      instrument):
    assess_former(former, coordinator=coordinator, assessor=assessor, countersigner=countersigner,
                  instrument=instrument)
    services.former_decide(actor=coordinator, mentor=former, approved=False, rationale=RATIONALE)
    former.refresh_from_db()
    assert former.stage == Stage.EXITED and former.former_approved_on is None
    with pytest.raises(ValidationError, match="already decided"):
        services.former_assessment_request(actor=coordinator, mentor=former, assessor=assessor, instrument=instrument)
    with pytest.raises(ValidationError, match="already decided"):
        services.former_decide(actor=coordinator, mentor=former, approved=True, rationale=RATIONALE)


def test_a_request_while_one_is_under_way_is_refused(former, coordinator, assessor, instrument):
    services.former_assessment_request(actor=coordinator, mentor=former, assessor=assessor, instrument=instrument)
    with pytest.raises(ValidationError, match="already under way"):
        services.former_assessment_request(actor=coordinator, mentor=former, assessor=assessor, instrument=instrument)
    assert Assessment.objects.count() == 1


def test_a_mentor_not_on_the_route_has_no_assessment(ngo, coordinator, assessor, instrument):
    plain = apply(ngo, email="plain@example.org")
    with pytest.raises(ValidationError, match="former's route"):
        services.former_assessment_request(actor=coordinator, mentor=plain, assessor=assessor, instrument=instrument)


def test_a_former_without_approval_is_not_eligible(ngo, mentor, coordinator, coordinator2, assessor, countersigner,
                                                   instrument, mentee):
    former = apply(ngo, mentor, former_route=True)
    with pytest.raises(ValidationError, match="no coordinator decision"):
        make_available(former, coordinator=coordinator, second=coordinator2, user=mentor)
    former = Mentor.objects.get(pk=former.pk)
    assert "The former's route has no coordinator decision yet." in selectors.eligibility_gaps([former])[former.pk]
    assert former.pk not in suggested(coordinator, mentee)
    assess_former(former, coordinator=coordinator, assessor=assessor, countersigner=countersigner,
                  instrument=instrument)
    services.former_decide(actor=coordinator, mentor=former, approved=True, rationale=RATIONALE)
    former.refresh_from_db()
    assert selectors.eligibility_gaps([former])[former.pk] == []
    services.mentor_set_stage(actor=coordinator, mentor=former, stage=Stage.AVAILABLE,
                              expected_version=former.version)
    assert former.pk in suggested(coordinator, mentee)


# --- the pages ---------------------------------------------------------------------------------------------------


def _page(user, name, pk):
    return signed_in(user).get(reverse(f"mentoring:{name}", args=[pk]))


def test_the_coordinators_page_shows_each_step(former, coordinator, mentor, stranger, assessor, countersigner,
                                               instrument):
    page = _page(coordinator, "mentor", former.pk)
    assert page.status_code == 200 and b"Request the assessment" in page.content
    assert b"No assessment by a certified assessor has been requested" in page.content
    decide = f'href="{reverse("mentoring:former", args=[former.pk])}"'.encode()
    assert decide not in page.content  # no decision yet
    own = _page(mentor, "mentor", former.pk)  # the applicant sees their file, not the route's workings
    assert own.status_code == 200 and b"Request the assessment" not in own.content
    for person, expected in ((mentor, 404), (stranger, 404), (assessor, 404), (coordinator, 200)):
        assert _page(person, "former_assessment", former.pk).status_code == expected
        assert _page(person, "former", former.pk).status_code == expected
    assess_former(former, coordinator=coordinator, assessor=assessor, countersigner=countersigner,
                  instrument=instrument)
    page = _page(coordinator, "mentor", former.pk)
    assert str(assessor).encode() in page.content and b"Moderate" in page.content
    assert decide in page.content
    assert b"Request the assessment" not in page.content


def test_requesting_and_deciding_through_the_pages(former, coordinator, assessor, countersigner, instrument):
    client = signed_in(coordinator)
    url = reverse("mentoring:former_assessment", args=[former.pk])
    bad = client.post(url, {"assessor": "nobody@example.org", "instrument": instrument.pk})
    assert bad.status_code == 400 and b"No active account has this e-mail address." in bad.content
    response = client.post(url, {"assessor": assessor.email.upper(), "instrument": instrument.pk})
    assert response.status_code == 302
    former.refresh_from_db()
    assert former.former_assessment.assessor == assessor
    decide = reverse("mentoring:former", args=[former.pk])
    early = client.post(decide, {"approved": "yes", "rationale": RATIONALE})
    assert early.status_code == 400 and b"not finalised yet" in early.content
    former.refresh_from_db()
    assert former.former_approved_on is None
    from integra.assessment import services as assessment_services
    from tests.assessment.conftest import complete

    assessment = complete(assessor, former.former_assessment)
    assessment_services.assessment_submit(actor=assessor, assessment=assessment, expected_version=assessment.version)
    assessment_services.assessment_countersign(actor=countersigner, assessment=assessment,
                                               expected_version=assessment.version)
    assessment_services.assessment_finalise(actor=assessor, assessment=assessment, expected_version=assessment.version)
    short = client.post(decide, {"approved": "yes", "rationale": "Fine."})
    assert short.status_code == 400
    assert client.post(decide, {"approved": "yes", "rationale": RATIONALE}).status_code == 302
    former.refresh_from_db()
    assert former.former_approved_on == timezone.localdate()
    assert signed_in(assessor).get(reverse("assessment:assessment", args=[assessment.pk])).status_code == 200
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(assessor)
    listed = api.get("/api/v1/assessments/").json()["results"]
    assert [row["id"] for row in listed] == [assessment.pk]
    assert api.get("/api/v1/waves/").json()["results"] == []  # an applicant is not a unit's wave


def test_the_mentor_page_query_count_does_not_grow_with_the_route(former, coordinator, assessor, countersigner,
                                                                  instrument, count_queries):
    before = count_queries(lambda: _page(coordinator, "mentor", former.pk))[0]
    assess_former(former, coordinator=coordinator, assessor=assessor, countersigner=countersigner,
                  instrument=instrument)
    services.former_decide(actor=coordinator, mentor=former, approved=True, rationale=RATIONALE)
    after = count_queries(lambda: _page(coordinator, "mentor", former.pk))[0]
    assert after <= before + 3  # the assessment with its instrument and assessor, the certificate, the decider
