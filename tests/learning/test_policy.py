"""Learning access: who may open, design, run and see what, on the pages, in the API and in the services; the
two faces of every policy agree; cohorts and enrolments cannot be taken over from another organisation; every
service checks its own policy, whoever calls it."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from integra.core import access
from integra.core.access import VIEW
from integra.core.roles import Role
from integra.learning import selectors, services
from integra.learning.models import Certificate, Enrolment, Lesson, Module, Quiz, QuizAttempt, Reflection
from integra.learning.policy import RUN_COHORT
from tests.conftest import api_client, make_org, make_user, signed_in
from tests.learning.conftest import certify_trainer, finish_first_module, lessons_of

pytestmark = pytest.mark.django_db


def test_only_designers_design(course, learner, trainer):
    with pytest.raises(PermissionDenied):
        services.course_publish(actor=learner, course=course)
    assert signed_in(trainer).get(reverse("learning:design")).status_code == 403
    assert signed_in(learner).get(reverse("learning:design_course", args=[course.pk])).status_code == 403


def test_drafts_are_hidden_from_learners(designer, learner):
    from integra.learning.models import Course

    draft = Course.objects.create(title="Draft", created_by=designer)
    assert signed_in(learner).get(reverse("learning:course", args=[draft.pk])).status_code == 404
    assert signed_in(designer).get(reverse("learning:course", args=[draft.pk])).status_code == 200
    assert draft.pk not in [c["id"] for c in api_client(learner).get("/api/v1/courses/").json()["results"]]


@pytest.mark.parametrize("who,expected", [
    ("anonymous", {"design": 302, "blueprint": 302, "cohort": 302, "pilot": 302, "analysis": 302, "course": 302}),
    ("learner", {"design": 403, "blueprint": 200, "cohort": 404, "pilot": 403, "analysis": 403, "course": 200}),
    ("trainer", {"design": 403, "blueprint": 200, "cohort": 200, "pilot": 403, "analysis": 403, "course": 200}),
    ("other_trainer", {"design": 403, "blueprint": 200, "cohort": 404, "pilot": 403, "analysis": 403,
                       "course": 200}),
    ("designer", {"design": 200, "blueprint": 200, "cohort": 404, "pilot": 200, "analysis": 200, "course": 200}),
])
def test_learning_access_matrix(who, expected, course, trainer, training_org, learner, designer, client):
    cohort = services.cohort_create(actor=trainer, course=course, name="Pilot", organisation=training_org,
                                    language="en", starts_on=dt.date(2026, 11, 1), ends_on=dt.date(2026, 12, 31))
    people = {"learner": learner, "trainer": trainer, "designer": designer,
              "other_trainer": make_user(org=make_org(), roles=[Role.TRAINER])}
    browser = client if who == "anonymous" else signed_in(people[who])
    urls = {"design": reverse("learning:design_course", args=[course.pk]), "blueprint": reverse("learning:blueprint"),
            "cohort": reverse("learning:cohort", args=[cohort.pk]),
            "pilot": reverse("learning:pilot_report", args=[course.pk]),
            "analysis": reverse("learning:item_analysis", args=[Quiz.objects.get().pk]),
            "course": reverse("learning:course", args=[course.pk])}
    assert {name: browser.get(url).status_code for name, url in urls.items()} == expected
    coverage = browser.get(urls["blueprint"]).content.decode() if who != "anonymous" else ""
    assert ("not covered" in coverage) == (who == "designer")


# --- the two faces of every learning policy agree -------------------------------------------------------------

# The rows the world below holds of each kind; a policy registered for another learning model is checked too.
KINDS_IN_THE_WORLD = {"Certificate", "Course", "Module", "Lesson", "Block", "Quiz", "CompetenceArea", "Competence",
                      "LearningOutcome", "Question", "Cohort", "Enrolment", "LessonProgress", "Reflection",
                      "LessonFeedback", "CourseEvaluation", "QuizAttempt", "QuizAnswer", "TrainerObservation",
                      "OrganisationLearningSettings"}
PEOPLE = ["learner", "fellow", "loner", "trainer", "colleague", "other_trainer", "designer", "org_admin",
          "platform_admin", "nobody"]


@pytest.fixture
def world(course, designer, trainer, training_org, learner, cohort, other_trainer):
    """Every kind of learning row, and people in every role around them: a cohort of the training centre with
    two learners (one has finished, the other is on her way), a learner on her own, another organisation's
    cohort, a draft course, a certified trainer observing a session, the organisations' settings."""
    from integra.core.models import Membership
    from integra.learning.models import Course, OrganisationLearningSettings

    fellow = make_user("fellow@learn.example", org=make_org(country="IT"), roles=[Role.FRONTLINE])
    services.enrolment_create(actor=trainer, course=course, user=fellow, cohort=cohort)
    loner = make_user("loner@learn.example", org=make_org(country="GR"), roles=[Role.FRONTLINE])
    services.enrolment_create(actor=loner, course=course)
    elsewhere = Membership.objects.get(user=other_trainer).organisation
    their_cohort = services.cohort_create(actor=other_trainer, course=course, name="Elsewhere", organisation=elsewhere,
                                          language="bg", starts_on=dt.date(2026, 11, 1), ends_on=dt.date(2026, 12, 1))
    services.enrolment_create(actor=other_trainer, course=course, user=make_user(org=elsewhere), cohort=their_cohort)
    finish_first_module(learner, course)
    services.reflection_save(actor=learner, block=lessons_of(course)[2].blocks.get(), text="Mine alone")
    finish_first_module(fellow, course)
    services.lesson_feedback_save(actor=fellow, lesson=lessons_of(course)[0], useful=True, clear=True,
                                  comment="Clear")
    services.course_evaluation_submit(actor=learner, course=course, rating=5, would_recommend=True)
    draft = Course.objects.create(title="Draft", created_by=designer)
    draft_lesson = Lesson.objects.create(module=Module.objects.create(course=draft, title="Draft module"),
                                         title="Draft lesson")
    services.block_save(actor=designer, lesson=draft_lesson, kind="text", body="<p>Not yet</p>")
    Quiz.objects.create(module=draft_lesson.module, title="Draft quiz")
    certify_trainer(trainer, course=course, designer=designer)
    services.observation_request(actor=fellow, session_title="Pilot", delivered_on=dt.date(2026, 11, 20),
                                 observer=trainer)
    OrganisationLearningSettings.objects.create(organisation=training_org)
    OrganisationLearningSettings.objects.create(organisation=elsewhere, require_certified_trainers=True)
    return {"learner": learner, "fellow": fellow, "loner": loner, "trainer": trainer,
            "colleague": make_user(org=training_org, roles=[Role.TRAINER]), "other_trainer": other_trainer,
            "designer": designer, "org_admin": make_user(org=training_org, roles=[Role.ORG_ADMIN]),
            "platform_admin": make_user(superuser=True), "nobody": make_user(org=make_org())}


@pytest.mark.parametrize("who", PEOPLE)
def test_what_a_person_may_view_is_exactly_what_they_see(world, who):
    person = world[who]
    models = [m for m in access.registered_models() if m._meta.app_label == "learning"]
    assert KINDS_IN_THE_WORLD <= {m.__name__ for m in models}
    disagreements = []
    for model in models:
        rows = list(model._default_manager.all())
        assert rows or model.__name__ not in KINDS_IN_THE_WORLD, f"the world holds no {model.__name__}"
        may_view = {row.pk for row in rows if access.can(person, VIEW, row)}
        sees = set(access.visible(person, model).values_list("pk", flat=True))
        if may_view != sees:
            disagreements.append(f"{model.__name__}: can(VIEW) only {sorted(may_view - sees)}, "
                                 f"visible() only {sorted(sees - may_view)}")
    assert not disagreements, f"{who}:\n" + "\n".join(disagreements)


def test_learners_see_their_cohort_but_not_their_fellows(world, cohort):
    learner, fellow = world["learner"], world["fellow"]
    theirs = Enrolment.objects.get(user=fellow)
    assert access.can(learner, VIEW, cohort) and access.can(fellow, VIEW, cohort)
    assert not access.can(learner, VIEW, theirs) and theirs not in access.visible(learner, Enrolment)
    assert api_client(learner).get(f"/api/v1/enrolments/{theirs.pk}/").status_code == 404
    assert not access.visible(learner, QuizAttempt).filter(enrolment=theirs).exists()
    # Reflections are the learner's alone: not their trainer's, not a designer's.
    reflection = Reflection.objects.get(enrolment__user=learner)
    assert [p for p in PEOPLE if access.can(world[p], VIEW, reflection)] == ["learner"]


def test_trainers_see_the_learners_of_the_cohorts_they_run_only(world, cohort):
    trainer, colleague, other = world["trainer"], world["colleague"], world["other_trainer"]
    mine = set(access.visible(trainer, Enrolment).filter(cohort__isnull=False).values_list("user__email", flat=True))
    assert mine == {"learner@learn.example", "fellow@learn.example"}
    assert set(access.visible(colleague, Enrolment).values_list("pk", flat=True)) == set(
        access.visible(trainer, Enrolment).exclude(user=trainer).values_list("pk", flat=True))
    assert not access.visible(other, Enrolment).filter(cohort=cohort).exists()
    assert not access.can(other, RUN_COHORT, cohort) and not access.can(world["org_admin"], RUN_COHORT, cohort)
    assert access.can(world["org_admin"], VIEW, cohort)


# --- cohorts are created where one is a trainer; enrolments never move silently (the probe of issue 8) -----------


def _cohort_payload(course, organisation_id):
    return {"name": "Mine now", "course": course.pk, "organisation": organisation_id, "language": "en",
            "starts_on": "2026-11-01", "ends_on": "2026-12-31"}


def test_the_api_creates_cohorts_only_where_the_caller_is_a_trainer(course, cohort, training_org, other_trainer):
    from integra.core.models import Membership
    from integra.learning.models import Cohort

    client = api_client(other_trainer)
    refused = client.post("/api/v1/cohorts/", _cohort_payload(course, training_org.pk), format="json")
    missing = client.post("/api/v1/cohorts/", _cohort_payload(course, 999999), format="json")
    assert refused.status_code == missing.status_code == 400
    # A forbidden organisation gets the answer of one that does not exist.
    assert refused.json()["error"]["fields"]["organisation"] == [
        m.replace("999999", str(training_org.pk)) for m in missing.json()["error"]["fields"]["organisation"]]
    assert not Cohort.objects.filter(name="Mine now").exists()
    with pytest.raises(PermissionDenied):
        services.cohort_create(actor=other_trainer, course=course, name="Mine now", organisation=training_org,
                               language="en", starts_on=dt.date(2026, 11, 1), ends_on=dt.date(2026, 12, 1))
    # The course is open to every organisation: in their own, the cohort is theirs.
    elsewhere = Membership.objects.get(user=other_trainer).organisation
    created = client.post("/api/v1/cohorts/", _cohort_payload(course, elsewhere.pk), format="json")
    assert created.status_code == 201 and created.json()["trainer"] == other_trainer.pk
    # The page offers only the organisations where they are a trainer.
    form = signed_in(other_trainer).get(reverse("learning:cohorts")).context["form"]
    assert list(form.fields["organisation"].queryset) == [elsewhere]


def test_a_trainer_of_another_organisation_cannot_take_a_learner_out_of_a_cohort(course, cohort, trainer, learner,
                                                                                  other_trainer):
    """The probe of issue 8, through the API and the pages: it fails, and the Lisbon grid keeps its learner."""
    from integra.core.models import Membership
    from integra.learning.models import Cohort

    elsewhere = Membership.objects.get(user=other_trainer).organisation
    created = api_client(other_trainer).post("/api/v1/cohorts/", _cohort_payload(course, elsewhere.pk), format="json")
    theirs = Cohort.objects.get(pk=created.json()["id"])
    browser = signed_in(other_trainer)
    enrolment = Enrolment.objects.get(user=learner)
    # The old hidden-field dispatch is gone; the enrol action refuses someone enrolled elsewhere.
    assert browser.post(reverse("learning:cohort", args=[theirs.pk]),
                        {"what": "enrol", "email": learner.email}).status_code == 405
    enrol = browser.post(reverse("learning:cohort_enrol", args=[theirs.pk]), {"email": learner.email})
    assert enrol.status_code == 400 and "is already enrolled in this course" in enrol.content.decode()
    move = browser.post(reverse("learning:cohort_move_in", args=[theirs.pk]), {"email": learner.email})
    assert move.status_code == 400 and "not enrolled in this course in a cohort you run" in move.content.decode()
    with pytest.raises(PermissionDenied):
        services.enrolment_move(actor=other_trainer, enrolment=enrolment, cohort=theirs)
    with pytest.raises(ValidationError, match="already enrolled"):
        services.enrolment_create(actor=other_trainer, course=course, user=learner, cohort=theirs)
    rows, ok = services.cohort_csv_preview(actor=other_trainer, cohort=theirs, text=f"email\n{learner.email}\n")
    assert not ok and rows[0]["error"] == "already enrolled in this course"
    # Nor can they reach the Lisbon cohort itself.
    assert browser.post(reverse("learning:cohort_enrol", args=[cohort.pk]), {"email": "x@example.org"}).status_code \
        == 404
    assert Enrolment.objects.get(pk=enrolment.pk).cohort == cohort
    grid = selectors.cohort_grid(actor=trainer, cohort=cohort)
    assert [row["enrolment"].user for row in grid["rows"]] == [learner]


def test_enrolments_move_only_between_cohorts_the_mover_runs_with_audit_and_notifications(
        course, cohort, trainer, training_org, learner):
    from integra.core.models import AuditEvent, Notification

    colleague = make_user("colleague@learn.example", org=training_org, roles=[Role.TRAINER])
    evening = services.cohort_create(actor=colleague, course=course, name="Lisbon evening", organisation=training_org,
                                     language="pt", starts_on=dt.date(2026, 11, 1), ends_on=dt.date(2026, 12, 31))
    enrolment = Enrolment.objects.get(user=learner)
    finish_first_module(learner, course)
    with pytest.raises(ValidationError, match="already enrolled"):
        services.enrolment_create(actor=colleague, course=course, user=learner, cohort=evening)
    assert services.enrolment_create(actor=trainer, course=course, user=learner, cohort=cohort) == enrolment
    response = signed_in(colleague).post(reverse("learning:cohort_move_in", args=[evening.pk]),
                                         {"email": learner.email})
    assert response.status_code == 302 and response["Location"] == reverse("learning:cohort", args=[evening.pk])
    moved = Enrolment.objects.get(pk=enrolment.pk)
    assert moved.cohort == evening and moved.attempts.filter(passed=True).exists()  # her scores come with her
    event = AuditEvent.objects.get(action="learning.enrolment.moved")
    assert event.data["from_cohort"] == cohort.pk and event.data["to_cohort"] == evening.pk
    assert Notification.objects.filter(recipient=learner, title__contains="Lisbon evening").exists()
    assert Notification.objects.filter(recipient=trainer, title__contains="left your cohort").exists()
    with pytest.raises(ValidationError, match="already in this cohort"):
        services.enrolment_move(actor=colleague, enrolment=moved, cohort=evening)
    # A learner on her own is moved into a cohort only by herself, and only into one she runs.
    loner = make_user(org=make_org())
    hers = services.enrolment_create(actor=loner, course=course)
    with pytest.raises(PermissionDenied):
        services.enrolment_move(actor=trainer, enrolment=hers, cohort=cohort)
    with pytest.raises(PermissionDenied):
        services.enrolment_move(actor=loner, enrolment=hers, cohort=cohort)
    with pytest.raises(PermissionDenied):  # nor may she join a cohort by enrolling "herself" into it
        services.enrolment_create(actor=loner, course=course, cohort=cohort)


# --- certificates: every service checks its own policy ----------------------------------------------------------


def test_only_designers_and_the_issuer_s_authority_revoke_certificates(course, learner, designer, trainer):
    from integra.learning.policy import register_certificate_authority

    services.enrolment_create(actor=learner, course=course)
    finish_first_module(learner, course)
    services.reflection_save(actor=learner, block=lessons_of(course)[2].blocks.get(), text="Done")
    certificate = Certificate.objects.get(holder=learner)
    for person in (learner, trainer):
        with pytest.raises(PermissionDenied):
            services.certificate_revoke(actor=person, certificate=certificate, reason="Because")
    assert Certificate.objects.get(pk=certificate.pk).is_valid
    with pytest.raises(PermissionDenied):  # a person issues only what the policy lets them
        services.certificate_issue(actor=trainer, holder=trainer, kind=Certificate.Kind.CERTIFIED_TRAINER,
                                   title="Self-made", awarded_on=dt.date(2026, 1, 1), source="learning.trainer:1")
    # An app that issues certificates names who may issue and revoke its own.
    register_certificate_authority("tests.source", lambda actor, source: actor.pk == trainer.pk)
    try:
        issued = services.certificate_issue(actor=trainer, holder=learner, kind=Certificate.Kind.EVENT_ATTENDANCE,
                                            title="Workshop", awarded_on=dt.date(2026, 1, 1), source="tests.source:1")
        with pytest.raises(PermissionDenied):
            services.certificate_revoke(actor=learner, certificate=issued, reason="Mine")
        services.certificate_revoke(actor=trainer, certificate=issued, reason="Issued in error")
    finally:
        from integra.learning import policy

        policy._certificate_authorities.pop("tests.source")
    services.certificate_revoke(actor=designer, certificate=certificate, reason="Issued by mistake")
    assert not Certificate.objects.get(pk=certificate.pk).is_valid


def test_event_certificates_are_revoked_by_the_event_s_organisers(designer):
    from integra.core.models import OrganisationKind
    from integra.events import services as events
    from integra.events.models import Registration

    def organiser_of(name):
        org = make_org(name, kind=OrganisationKind.PROBATION, country="BG")
        return org, make_user(org=org, roles=[Role.EVENT_ORGANISER])

    sofia, organiser = organiser_of("Sofia Probation")
    _rome, stranger = organiser_of("Rome Probation")
    event = events.event_create(actor=organiser, organiser=sofia, title="Training week",
                                start_date=dt.date(2026, 12, 7), end_date=dt.date(2026, 12, 11), city="Sofia",
                                country="BG", time_zone="Europe/Sofia", is_published=True, attendance_rule=0)
    person = make_user(org=make_org(), roles=[Role.FRONTLINE])
    registration = events.registration_apply(actor=person, event=event)
    Registration.objects.filter(pk=registration.pk).update(status=Registration.Status.APPROVED)
    events.certificates_issue(actor=organiser, event=event)
    certificate = Certificate.objects.get(holder=person)
    with pytest.raises(PermissionDenied):
        services.certificate_revoke(actor=stranger, certificate=certificate, reason="Not mine")
    with pytest.raises(PermissionDenied):
        services.certificate_issue(actor=stranger, holder=stranger, kind=Certificate.Kind.EVENT_ATTENDANCE,
                                   title="Training week", awarded_on=event.end_date,
                                   source=f"events.registration:{registration.pk}")
    services.certificate_revoke(actor=organiser, certificate=certificate, reason="Issued in error")
    assert not Certificate.objects.get(pk=certificate.pk).is_valid
    # Designers may revoke any certificate, on the revocation page as in the service.
    again = services.certificate_issue(actor=organiser, holder=person, kind=Certificate.Kind.EVENT_ATTENDANCE,
                                       title="Training week", awarded_on=event.end_date,
                                       source=f"events.registration:{registration.pk}")
    services.certificate_revoke(actor=designer, certificate=again, reason="Duplicate")


def test_observations_are_signed_off_by_their_observer_only(course, designer, learner, trainer, other_trainer):
    from integra.learning.models import TrainerObservation

    for person in (trainer, other_trainer):
        certify_trainer(person, course=course, designer=designer)
    observation = services.observation_request(actor=learner, session_title="Pilot", delivered_on=dt.date(2026, 11, 2),
                                               observer=trainer)
    url = reverse("learning:observation_sign_off", args=[observation.pk])
    assert signed_in(other_trainer).post(url, {"notes": "x"}).status_code == 404  # not theirs: as if missing
    assert signed_in(learner).post(url, {"notes": "x"}).status_code == 404  # the candidate does not sign
    with pytest.raises(PermissionDenied):
        services.observation_sign_off(actor=other_trainer, observation=observation)
    assert TrainerObservation.objects.get(candidate=learner).signed_off_at is None
    response = signed_in(trainer).post(url, {"notes": "Well run"})
    assert response.status_code == 302 and TrainerObservation.objects.get(candidate=learner).signed_off_at is not None


def test_quiz_attempts_are_submitted_by_their_learner_only(course, learner, cohort, trainer):
    quiz = Quiz.objects.get()
    attempt = services.quiz_start(actor=learner, quiz=quiz)
    for person in (trainer, make_user(org=make_org())):
        response = signed_in(person).post(reverse("learning:quiz_submit", args=[quiz.pk]), {"attempt": attempt.pk})
        assert response.status_code == 404
        with pytest.raises(PermissionDenied):
            services.quiz_submit(actor=person, attempt=attempt, responses={})
    assert QuizAttempt.objects.get(pk=attempt.pk).submitted_at is None


def test_learning_settings_are_their_organisation_administrators(training_org, trainer):
    from integra.learning.models import OrganisationLearningSettings

    admin = make_user(org=training_org, roles=[Role.ORG_ADMIN])
    other_admin = make_user(org=make_org(), roles=[Role.ORG_ADMIN])
    url = reverse("learning:settings_save", args=[training_org.pk])
    for person in (trainer, other_admin):
        assert signed_in(person).post(url, {"require_certified_trainers": "on"}).status_code == 404
        with pytest.raises(PermissionDenied):
            services.learning_settings_save(actor=person, organisation=training_org, require_certified_trainers=True)
    assert not OrganisationLearningSettings.objects.exists()
    assert signed_in(admin).post(url, {"require_certified_trainers": "on"}).status_code == 302
    assert OrganisationLearningSettings.objects.get().require_certified_trainers
