"""The standards self-assessment: MENTOR's six Elements of Effective Practice and the NCVO Approved Provider
Standard's requirements (as data), each with a rating, evidence links and a review date."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from integra.core.errors import StaleEdit
from integra.mentoring import selectors, services
from integra.mentoring.models import StandardAssessment
from tests.conftest import signed_in

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def test_the_frameworks_are_data():
    frameworks = {f["code"]: f for f in selectors.standards()["frameworks"]}
    assert len(frameworks["mentor-eep"]["standards"]) == 6
    assert len(frameworks["ncvo-aps"]["standards"]) >= 10


def test_self_assessment_with_evidence_and_review_date(ngo, coordinator, mentor, stranger):
    kwargs = dict(organisation=ngo, code="eep-2", rating="met", evidence="Screening policy 2026",
                  links=["https://intranet.example.org/screening.pdf", ""], reviewed_on=TODAY(),
                  review_due_on=TODAY() + dt.timedelta(days=365))
    with pytest.raises(PermissionDenied):
        services.standard_assess(actor=mentor, **kwargs)
    for bad in ({"code": "eep-99"}, {"rating": "great"}, {"links": ["javascript:alert(1)"]},
                {"links": [f"https://x.example/{i}" for i in range(11)]}, {"review_due_on": TODAY()},
                {"reviewed_on": None}):
        with pytest.raises(ValidationError):
            services.standard_assess(actor=coordinator, **{**kwargs, **bad})
    assert not StandardAssessment.objects.exists()
    row = services.standard_assess(actor=coordinator, **kwargs)
    assert row.links == ["https://intranet.example.org/screening.pdf"]
    with pytest.raises(StaleEdit):  # an edit must say which version it saw
        services.standard_assess(actor=coordinator, **{**kwargs, "rating": "partly"}, expected_version=9)
    services.standard_assess(actor=coordinator, **{**kwargs, "rating": "partly"}, expected_version=row.version)
    assert StandardAssessment.objects.get().rating == "partly"
    StandardAssessment.objects.update(review_due_on=TODAY() - dt.timedelta(days=1))
    item = next(s for f in selectors.programme_standards(actor=coordinator, organisation=ngo) for s in f["standards"]
                if s["code"] == "eep-2")
    assert item["overdue"]


def test_standards_pages(ngo, coordinator, mentor, stranger, count_queries):
    url = reverse("mentoring:standards", args=[ngo.pk])
    assert signed_in(mentor).get(url).status_code == 404
    assert signed_in(stranger).get(url).status_code == 404
    page = signed_in(coordinator).get(url)
    assert page.status_code == 200 and b"Screening" in page.content and b"Approved Provider" in page.content
    edit = reverse("mentoring:standard_edit", args=[ngo.pk, "eep-6"])
    assert signed_in(mentor).get(edit).status_code == 404
    assert signed_in(coordinator).get(reverse("mentoring:standard_edit", args=[ngo.pk, "nope"])).status_code == 404
    assert signed_in(coordinator).post(edit, {"rating": "met", "links": "ftp://x"}).status_code == 400
    ok = signed_in(coordinator).post(edit, {"rating": "met", "evidence": "Exit surveys",
                                            "links": "https://example.org/closure", "reviewed_on": TODAY().isoformat(),
                                            "review_due_on": (TODAY() + dt.timedelta(days=200)).isoformat()})
    assert ok.status_code == 302
    stale = signed_in(coordinator).post(edit, {"rating": "partly", "reviewed_on": TODAY().isoformat(),
                                               "review_due_on": (TODAY() + dt.timedelta(days=200)).isoformat(),
                                               "version": "7"})
    assert stale.status_code == 409
    before, _ = count_queries(lambda: signed_in(coordinator).get(url))
    services.standard_assess(actor=coordinator, organisation=ngo, code="eep-1", rating="not_met", reviewed_on=TODAY(),
                             review_due_on=TODAY() + dt.timedelta(days=30))
    after, page = count_queries(lambda: signed_in(coordinator).get(url))
    assert after == before and b'href="https://example.org/closure"' in page.content
