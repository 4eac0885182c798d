import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from integra.core.errors import StaleEdit
from integra.core.models import AuditEvent, Notification
from integra.practices import selectors, services
from integra.practices.models import ContactRequest, Practice, Review

from .conftest import practice_fields, publish

S = Practice.Status


def _review(owner, editor, reviewer, practice, recommendation="peer_reviewed"):
    review = services.review_propose(actor=editor, practice=practice, reviewer=reviewer)
    services.review_decide(actor=owner, review=review, accept=True)
    scores = dict.fromkeys(Review.SCORES, 4)
    return services.review_submit(actor=reviewer, review=review, recommendation=recommendation,
                                  strengths="Clear aims.", improvements="Measure outcomes.", **scores)


@pytest.mark.django_db
def test_full_workflow_sets_the_peer_reviewed_label_only_from_a_completed_review(owner, editor, reviewer, draft):
    assert draft.status == S.DRAFT and draft.versions.count() == 1
    with pytest.raises(PermissionDenied):
        services.practice_submit(actor=editor, practice=draft)
    services.practice_submit(actor=owner, practice=draft)
    assert draft.status == S.SUBMITTED
    review = services.review_propose(actor=editor, practice=draft, reviewer=reviewer)
    draft.refresh_from_db()
    assert draft.status == S.PEER_REVIEW
    with pytest.raises(PermissionDenied):  # the reviewer cannot start before the owner accepts
        services.review_submit(actor=reviewer, review=review, recommendation="peer_reviewed", strengths="a",
                               improvements="b", **dict.fromkeys(Review.SCORES, 3))
    with pytest.raises(ValidationError):  # a review under way blocks publication
        services.review_decide(actor=owner, review=review, accept=True)
        services.practice_publish(actor=editor, practice=draft)
    services.review_submit(actor=reviewer, review=review, recommendation="peer_reviewed", strengths="Clear.",
                           improvements="Evaluate.", **dict.fromkeys(Review.SCORES, 4))
    draft.refresh_from_db()
    published = services.practice_publish(actor=editor, practice=draft)
    assert published.status == S.PUBLISHED and published.label == Practice.Label.PEER_REVIEWED
    assert AuditEvent.objects.filter(action="practices.review.completed").exists()
    services.practice_archive(actor=editor, practice=published)
    assert Practice.objects.get(pk=draft.pk).status == S.ARCHIVED


@pytest.mark.django_db
def test_published_without_review_is_only_inspiring(owner, editor):
    practice = publish(owner, editor)
    assert practice.label == Practice.Label.INSPIRING


@pytest.mark.django_db
def test_a_revise_recommendation_gives_no_label(owner, editor, reviewer, draft):
    services.practice_submit(actor=owner, practice=draft)
    _review(owner, editor, reviewer, draft, recommendation="revise")
    draft.refresh_from_db()
    assert services.practice_publish(actor=editor, practice=draft).label == Practice.Label.INSPIRING


@pytest.mark.django_db
def test_owner_and_conflicted_reviewers_are_refused(owner, editor, reviewer, draft, ngo):
    services.practice_submit(actor=owner, practice=draft)
    with pytest.raises(ValidationError, match="owner"):
        services.review_propose(actor=editor, practice=draft, reviewer=owner)
    reviewer.reviewer_profile.conflicts.add(ngo)
    with pytest.raises(ValidationError, match="conflict"):
        services.review_propose(actor=editor, practice=draft, reviewer=reviewer)
    assert not Review.objects.exists()
    candidates = selectors.reviewer_candidates(actor=editor, practice=draft)
    assert candidates[0]["conflict"]


@pytest.mark.django_db
def test_a_practice_without_its_link_to_prevention_is_refused(owner):
    with pytest.raises(ValidationError, match="prevents or counters"):
        services.practice_create(actor=owner, **practice_fields(prevention_link=" "))
    with pytest.raises(ValidationError, match="Maryland"):
        services.practice_create(actor=owner, **practice_fields(maryland_level=3))
    assert not Practice.objects.exists()
    ok = services.practice_create(actor=owner, **practice_fields(evidence_level="outcome", maryland_level=3))
    assert ok.maryland_level == 3


@pytest.mark.django_db
def test_stale_edit_is_refused_and_history_shows_the_difference(owner, draft):
    services.practice_update(actor=owner, practice=draft, expected_version=1, name="Mentoring after prison")
    stale = Practice.objects.get(pk=draft.pk)
    with pytest.raises(StaleEdit):
        services.practice_update(actor=owner, practice=stale, expected_version=1, name="Lost edit")
    assert Practice.objects.get(pk=draft.pk).name == "Mentoring after prison"
    newer, older = list(draft.versions.all())[:2]
    diff = {change["field"]: change for change in selectors.version_diff(older, newer)}
    assert "name_en" in diff
    assert {"op": "added", "text": "prison"} in diff["name_en"]["words"]


@pytest.mark.django_db
def test_stale_practices_are_proposed_for_archiving_and_owners_told(owner, editor, django_capture_on_commit_callbacks):
    practice = publish(owner, editor)
    Practice.objects.filter(pk=practice.pk).update(updated_at=timezone.now() - dt.timedelta(days=800))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.practices_propose_stale_for_archiving() == 1
    assert services.practices_propose_stale_for_archiving() == 0
    assert Practice.objects.get(pk=practice.pk).archive_proposed_at is not None
    assert Practice.objects.get(pk=practice.pk).status == S.PUBLISHED  # proposed, not decided
    assert Notification.objects.filter(recipient=owner, title__contains="archiving").exists()


@pytest.mark.django_db
def test_find_a_counterpart_needs_consent_and_is_rate_limited(owner, editor, stranger,
                                                              django_capture_on_commit_callbacks):
    practice = publish(owner, editor)
    with pytest.raises(ValidationError):
        services.contact_request_send(actor=stranger, practice=practice, message="Hello", share_email=False,
                                      consent=False)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(services.CONTACTS_PER_DAY):
            services.contact_request_send(actor=stranger, practice=practice, message="Hello", share_email=True,
                                          consent=True)
    with pytest.raises(ValidationError, match="tomorrow"):
        services.contact_request_send(actor=stranger, practice=practice, message="Again", share_email=True,
                                      consent=True)
    assert ContactRequest.objects.count() == services.CONTACTS_PER_DAY
    assert AuditEvent.objects.filter(action="practices.contact.sent").count() == services.CONTACTS_PER_DAY
    note = Notification.objects.filter(recipient=owner, title__contains="touch").first()
    assert note and "stranger@example.org" in note.body and owner.email not in note.body
    with pytest.raises(PermissionDenied):  # the owner does not contact themselves
        services.contact_request_send(actor=owner, practice=practice, message="x", share_email=False, consent=True)
