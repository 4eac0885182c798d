"""The mentoring demo (issue 12): a circle of support around TR-DEMO-0002 — four vetted, signed volunteers with
their own accounts, the coordinator, the record's case manager in the outer circle, meetings with minutes and
consensus decisions — and a former approved through her own path: a finalised assessment by an assessor, then
the coordinator's decision. Loaded through the services, idempotent."""

import pytest

from integra.assessment.demo import load_demo_assessment
from integra.assessment.models import Assessment
from integra.cooperation.demo import load_demo_cooperation
from integra.core.demo import load_demo
from integra.mentoring import selectors
from integra.mentoring.demo import load_demo_mentoring
from integra.mentoring.models import Circle, CircleDecision, Mentor, Stage

pytestmark = pytest.mark.django_db


def test_demo_has_a_circle_and_an_approved_former():
    load_demo()
    load_demo_cooperation()
    load_demo_assessment()
    load_demo_mentoring()
    circle = Circle.objects.select_related("mentee__record", "coordinator").get()
    assert circle.mentee.record.reference == "TR-DEMO-0002"
    assert circle.coordinator.email == "coordinator@example.org"
    volunteers = [row.mentor for row in circle.volunteers.select_related("mentor__user")]
    assert len(volunteers) == 4 and all(m.user and m.user.email.startswith("circle.") for m in volunteers)
    assert all(gaps == [] for gaps in selectors.eligibility_gaps(volunteers).values())
    assert list(circle.outer.values_list("user__email", flat=True)) == ["casemanager@example.org"]
    first = circle.meetings.order_by("held_on").first()
    assert first.minutes and not first.minutes_overdue and first.decisions.count() == 2
    former = Mentor.objects.select_related("former_assessment").get(former_route=True)
    assert former.former_approved_on is not None and former.former_decided_by.email == "coordinator@example.org"
    assert former.former_assessment.status == Assessment.Status.FINAL and former.former_assessment.record_id is None
    assert former.stage == Stage.APPLICANT and "former's route has no coordinator decision" not in " ".join(
        selectors.eligibility_gaps([former])[former.pk])
    load_demo_mentoring()  # idempotent
    assert Circle.objects.count() == 1 and CircleDecision.objects.count() == 2
