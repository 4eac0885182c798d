"""Learning access: who may open, design, run and see what, on the pages, in the API and in the services."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from integra.core.roles import Role
from integra.learning import services
from integra.learning.models import (
    Quiz,
)
from tests.conftest import api_client, make_org, make_user, signed_in

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
