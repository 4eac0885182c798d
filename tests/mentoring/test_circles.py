"""Circles of support and accountability: four to six vetted volunteers around one core member, a coordinator, an
outer circle drawn from the record's team, weekly meetings whose minutes are due within 48 hours (late ones
flagged), and decisions recorded only by consensus. Pages and API with the same policy."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from integra.mentoring import selectors, services
from integra.mentoring.models import Circle, CircleDecision, CircleMeeting
from tests.conftest import api_client, make_user, signed_in
from tests.mentoring.conftest import apply, make_available

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _volunteers(ngo, coordinator, coordinator2, n):
    people = []
    for i in range(n):
        user = make_user(f"vol{i}@ngo.example", org=ngo, roles=["mentor"])
        people.append(make_available(apply(ngo, user, area=f"Area {i}"), coordinator=coordinator, second=coordinator2,
                                     user=user))
    return people


@pytest.fixture
def pool(ngo, coordinator, coordinator2, mentor_profile):
    return [mentor_profile, *_volunteers(ngo, coordinator, coordinator2, 4)]


@pytest.fixture
def circle(mentee, pool, coordinator):
    return services.circle_create(actor=coordinator, mentee=mentee, volunteers=pool[:4])


def test_a_circle_needs_four_to_six_eligible_volunteers(mentee, pool, coordinator, mentor, ngo):
    with pytest.raises(ValidationError) as error:
        services.circle_create(actor=coordinator, mentee=mentee, volunteers=pool[:3])
    assert "4 to 6" in str(error.value)
    services.constraint_add(actor=coordinator, mentee=mentee, kind="conflict", mentor=pool[1])
    with pytest.raises(ValidationError) as error:  # a hard constraint excludes a volunteer as it does a match
        services.circle_create(actor=coordinator, mentee=mentee, volunteers=pool[:4])
    assert "Conflict of interest" in str(error.value)
    applicant = apply(ngo, make_user(org=ngo, roles=["mentor"]))
    with pytest.raises(ValidationError):  # not vetted
        services.circle_create(actor=coordinator, mentee=mentee, volunteers=[pool[0], *pool[2:5], applicant])
    with pytest.raises(PermissionDenied):  # a mentor does not form circles
        services.circle_create(actor=mentor, mentee=mentee, volunteers=[pool[0], *pool[2:5]])
    assert not Circle.objects.exists()
    circle = services.circle_create(actor=coordinator, mentee=mentee, volunteers=[pool[0], *pool[2:5]])
    assert circle.volunteers.count() == 4 and circle.coordinator == coordinator
    with pytest.raises(ValidationError):  # one active circle per core member
        services.circle_create(actor=coordinator, mentee=mentee, volunteers=[pool[0], *pool[2:5]])


def test_the_outer_circle_is_drawn_from_the_records_team(circle, coordinator, prison_cm, stranger, pool):
    services.circle_outer_add(actor=coordinator, circle=circle, user=prison_cm)  # the record's owner is on the team
    assert circle.outer.filter(user=prison_cm).exists()
    with pytest.raises(ValidationError) as error:
        services.circle_outer_add(actor=coordinator, circle=circle, user=stranger)
    assert "not on it" in str(error.value)
    with pytest.raises(ValidationError):
        services.circle_outer_add(actor=coordinator, circle=circle, user=prison_cm)
    with pytest.raises(PermissionDenied):
        services.circle_outer_add(actor=pool[0].user, circle=circle, user=prison_cm)


def test_minutes_are_due_within_48_hours_and_decisions_need_consensus(circle, pool, coordinator, stranger):
    volunteer = pool[1].user
    late = services.circle_meeting_record(actor=volunteer, circle=circle, held_on=TODAY(), present=5)
    assert not late.minutes_overdue
    CircleMeeting.objects.filter(pk=late.pk).update(held_on=TODAY() - dt.timedelta(days=4))
    Circle.objects.filter(pk=circle.pk).update(started_on=TODAY() - dt.timedelta(days=30))
    circle.refresh_from_db()
    late.refresh_from_db()
    assert late.minutes_overdue
    assert list(selectors.circles_minutes_overdue(actor=coordinator)) == [late]
    on_time = services.circle_meeting_record(actor=volunteer, circle=circle, held_on=TODAY(), present=6,
                                             minutes="We met at the library.")
    assert on_time.minutes_at and not on_time.minutes_overdue
    with pytest.raises(ValidationError):  # future
        services.circle_meeting_record(actor=volunteer, circle=circle, held_on=TODAY() + dt.timedelta(days=1),
                                       present=5)
    with pytest.raises(PermissionDenied):
        services.circle_meeting_record(actor=stranger, circle=circle, held_on=TODAY(), present=5)
    services.circle_minutes_write(actor=volunteer, meeting=late, minutes="Late minutes", expected_version=late.version)
    assert late.minutes_overdue  # written, but late: stays marked late
    assert not selectors.circles_minutes_overdue(actor=coordinator).exists()
    from integra.core.errors import StaleEdit

    with pytest.raises(StaleEdit):
        services.circle_minutes_write(actor=volunteer, meeting=late, minutes="Again", expected_version=1)
    with pytest.raises(ValidationError) as error:
        services.circle_decision_record(actor=volunteer, meeting=on_time, text="Meet at the library", consensus=False)
    assert "consensus" in str(error.value)
    services.circle_decision_record(actor=volunteer, meeting=on_time, text="Meet at the library", consensus=True)
    assert CircleDecision.objects.count() == 1


def test_circle_pages_access_and_query_counts(circle, pool, coordinator, prison_cm, stranger, mentor,
                                              count_queries):
    url = reverse("mentoring:circle", args=[circle.pk])
    volunteer = pool[1].user
    services.circle_outer_add(actor=coordinator, circle=circle, user=prison_cm)
    services.circle_meeting_record(actor=volunteer, circle=circle, held_on=TODAY(), present=5,
                                   minutes="Secret minutes")
    assert signed_in(stranger).get(url).status_code == 404
    assert signed_in(volunteer).get(url).status_code == 200
    outer_page = signed_in(prison_cm).get(url)
    assert outer_page.status_code == 200 and b"Secret minutes" not in outer_page.content  # decisions, not minutes
    assert b"Secret minutes" in signed_in(coordinator).get(url).content
    assert signed_in(coordinator).get(reverse("mentoring:circles")).status_code == 200
    assert signed_in(stranger).get(reverse("mentoring:circles")).status_code in (200, 403)
    # the outer circle reads but does not write
    meeting_url = reverse("mentoring:circle_meeting", args=[circle.pk])
    assert signed_in(prison_cm).post(meeting_url, {"held_on": TODAY().isoformat(), "present": "4"}
                                     ).status_code == 403
    assert signed_in(volunteer).post(meeting_url, {"held_on": "not a date", "present": "4"}).status_code == 400
    assert signed_in(volunteer).post(meeting_url, {"held_on": TODAY().isoformat(), "present": "4"}
                                     ).status_code == 302
    meeting = CircleMeeting.objects.order_by("-id").first()
    decision_url = reverse("mentoring:circle_decision", args=[meeting.pk])
    signed_in(volunteer).post(decision_url, {"text": "No consensus yet"})
    assert not CircleDecision.objects.exists()
    signed_in(volunteer).post(decision_url, {"text": "Help with the flat", "consensus": "on"})
    assert CircleDecision.objects.count() == 1
    minutes_url = reverse("mentoring:circle_minutes", args=[meeting.pk])
    assert signed_in(prison_cm).get(minutes_url).status_code == 404
    assert signed_in(volunteer).post(minutes_url, {"minutes": "", "version": meeting.version}).status_code == 400
    assert signed_in(volunteer).post(minutes_url, {"minutes": "Done", "version": meeting.version + 3}
                                     ).status_code == 409
    before, _ = count_queries(lambda: signed_in(coordinator).get(url))
    for _i in range(3):
        m = services.circle_meeting_record(actor=volunteer, circle=circle, held_on=TODAY(), present=5)
        services.circle_decision_record(actor=volunteer, meeting=m, text="More", consensus=True)
    after, _ = count_queries(lambda: signed_in(coordinator).get(url))
    assert after == before
    # the mentee page offers the circle; the coordinator's home lists overdue minutes
    assert b"Circle of support" in signed_in(coordinator).get(reverse("mentoring:mentee", args=[circle.mentee_id])
                                                              ).content
    assert b"Circle minutes overdue" in signed_in(coordinator).get(reverse("mentoring:home")).content


def test_forming_a_circle_through_the_page(mentee, pool, coordinator, mentor):
    url = reverse("mentoring:circle_create", args=[mentee.pk])
    assert signed_in(mentor).get(url).status_code == 404
    assert signed_in(coordinator).get(url).status_code == 200
    assert signed_in(coordinator).post(url, {"volunteers": [pool[0].pk], "started_on": TODAY().isoformat()}
                                       ).status_code == 400
    response = signed_in(coordinator).post(url, {"volunteers": [m.pk for m in pool[:5]],
                                                 "started_on": TODAY().isoformat()})
    assert response.status_code == 302
    assert Circle.objects.get().volunteers.count() == 5


def test_circles_through_the_api(mentee, pool, coordinator, stranger, prison_cm, count_queries):
    body = {"mentee": mentee.pk, "volunteers": [m.pk for m in pool[:4]], "started_on": TODAY().isoformat()}
    assert api_client(pool[0].user).post("/api/v1/circles/", body, format="json").status_code in (400, 403)
    assert api_client(coordinator).post("/api/v1/circles/", {**body, "volunteers": [pool[0].pk]},
                                        format="json").status_code == 400
    response = api_client(coordinator).post("/api/v1/circles/", body, format="json")
    assert response.status_code == 201, response.json()
    circle_id = response.json()["id"]
    assert sorted(response.json()["volunteer_ids"]) == sorted(m.pk for m in pool[:4])
    assert api_client(stranger).get(f"/api/v1/circles/{circle_id}/").status_code == 404
    volunteer = api_client(pool[1].user)
    assert volunteer.get("/api/v1/circles/").json()["count"] == 1
    meeting = volunteer.post("/api/v1/circle-meetings/", {"circle": circle_id, "held_on": TODAY().isoformat(),
                                                          "present": 5}, format="json")
    assert meeting.status_code == 201, meeting.json()
    meeting_id = meeting.json()["id"]
    assert api_client(stranger).post("/api/v1/circle-meetings/", {"circle": circle_id, "held_on": TODAY().isoformat(),
                                                                  "present": 5}, format="json").status_code in (400,
                                                                                                               403)
    bad = volunteer.post(f"/api/v1/circle-meetings/{meeting_id}/decisions/", {"text": "x", "consensus": False},
                         format="json")
    assert bad.status_code == 400
    ok = volunteer.post(f"/api/v1/circle-meetings/{meeting_id}/decisions/", {"text": "x", "consensus": True},
                        format="json")
    assert ok.status_code == 201
    stale = volunteer.post(f"/api/v1/circle-meetings/{meeting_id}/minutes/", {"minutes": "m", "version": 9},
                           format="json")
    assert stale.status_code == 409
    done = volunteer.post(f"/api/v1/circle-meetings/{meeting_id}/minutes/", {"minutes": "m", "version": 1},
                          format="json")
    assert done.status_code == 200 and "minutes" not in done.json()
    before, _ = count_queries(lambda: volunteer.get("/api/v1/circle-meetings/"))
    for _i in range(3):
        services.circle_meeting_record(actor=pool[1].user, circle=Circle.objects.get(), held_on=TODAY(), present=4)
    after, listing = count_queries(lambda: volunteer.get("/api/v1/circle-meetings/"))
    assert listing.json()["count"] == 4 and after == before
