"""A published, peer reviewed practice edited in substance loses the label until a new review completes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from integra.core.models import AuditEvent
from integra.practices import selectors, services
from integra.practices.models import Practice
from tests.conftest import signed_in

from .conftest import practice_fields
from .test_workflow import _review

L = Practice.Label


@pytest.fixture
def reviewed(owner, editor, reviewer):
    practice = services.practice_create(actor=owner, **practice_fields())
    services.practice_submit(actor=owner, practice=practice)
    _review(owner, editor, reviewer, practice)
    practice.refresh_from_db()
    practice = services.practice_publish(actor=editor, practice=practice)
    assert practice.label == L.PEER_REVIEWED
    return practice


@pytest.mark.django_db
def test_an_edit_of_form_keeps_the_label(reviewed, owner):
    practice = services.practice_update(actor=owner, practice=reviewed, expected_version=reviewed.version,
                                        contact_phone="+33 5 00 00 00 00", description_fr="Des mentors bénévoles.")
    assert practice.label == L.PEER_REVIEWED and practice.rereview_needed_since is None


@pytest.mark.django_db
def test_an_edit_in_substance_withdraws_the_label_until_a_new_review(reviewed, owner, editor, reviewer):
    practice = services.practice_update(actor=owner, practice=reviewed, expected_version=reviewed.version,
                                        description="Mentors now also meet families before release.")
    assert practice.status == Practice.Status.PUBLISHED  # still public, without the label
    assert practice.label == L.INSPIRING and practice.rereview_needed_since is not None
    event = AuditEvent.objects.filter(action="practices.practice.updated").latest("seq")
    assert event.data["peer_review_label_withdrawn"] is True
    assert practice in selectors.editorial_queue(actor=editor)
    # Archiving and republishing does not bring back the old review's label.
    services.practice_archive(actor=editor, practice=practice)
    practice = services.practice_publish(actor=editor, practice=Practice.objects.get(pk=practice.pk))
    assert practice.label == L.INSPIRING
    # A new review, while the entry stays published, sets it again.
    review = _review(owner, editor, reviewer, practice)
    practice.refresh_from_db()
    assert review.status == "completed" and practice.status == Practice.Status.PUBLISHED
    assert practice.label == L.PEER_REVIEWED and practice.rereview_needed_since is None


@pytest.mark.django_db
def test_a_new_review_that_does_not_recommend_leaves_it_inspiring(reviewed, owner, editor, reviewer):
    practice = services.practice_update(actor=owner, practice=reviewed, expected_version=reviewed.version,
                                        evidence_level="monitoring")
    _review(owner, editor, reviewer, practice, recommendation="revise")
    practice.refresh_from_db()
    assert practice.label == L.INSPIRING and practice.rereview_needed_since is None


@pytest.mark.django_db
def test_working_page_flags_it_and_offers_reviewers_to_editors(reviewed, owner, editor, stranger, reviewer):
    services.practice_update(actor=owner, practice=reviewed, expected_version=reviewed.version,
                             prevention_link="Belonging and mentoring that counter recruitment, now with families.")
    url = reverse("practices:practice", args=[reviewed.pk])
    assert signed_in(stranger).get(url).status_code == 404
    client = signed_in(editor)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url)
    body = page.content.decode()
    assert page.status_code == 200 and "label is withdrawn" in body and "Match a reviewer" in body
    assert len(queries) <= 25
    response = client.post(reverse("practices:propose_reviewer", args=[reviewed.pk]), {"reviewer": "x"})
    assert response.status_code == 302 and not reviewed.reviews.filter(status="proposed").exists()
    response = client.post(reverse("practices:propose_reviewer", args=[reviewed.pk]), {"reviewer": reviewer.pk})
    assert reviewed.reviews.filter(status="proposed").exists()
    assert Practice.objects.get(pk=reviewed.pk).status == Practice.Status.PUBLISHED
