"""Events policies: the two faces agree (object check and list filter) for every events model and a range of
people; public events, drafts, organisers, child rows asking their parent, and the model-level questions menus,
cards and choice lists ask."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from integra.core import access
from integra.core.access import ADD, CHANGE, DELETE, VIEW
from integra.core.dashboard import cards_for
from integra.core.models import Organisation, OrganisationKind
from integra.core.navigation import nav_for
from integra.core.roles import Role
from integra.core.selectors import organisation_choices
from integra.events import policy, services
from integra.events.models import (
    Answer,
    Attendance,
    CountryQuota,
    EvaluationQuestion,
    EvaluationResponse,
    Event,
    GroupChoice,
    Registration,
    Room,
    Slot,
    Speaker,
)
from integra.events.policy import CANCEL, EVALUATE, MANAGE, REGISTER
from tests.conftest import make_org, make_user
from tests.events.conftest import at, participant

pytestmark = pytest.mark.django_db

EVENTS_MODELS = [Event, Registration, CountryQuota, Room, Speaker, Slot, EvaluationQuestion, Attendance,
                 EvaluationResponse, Answer, GroupChoice]


@pytest.fixture
def world(event, organiser, organiser_org, platform_admin):
    """A published event with every kind of row; a draft with a registered person; another organisation's draft."""
    other_org = make_org("Other organiser", kind=OrganisationKind.RESEARCH, country="IT")
    other_organiser = make_user(org=other_org, roles=[Role.EVENT_ORGANISER])
    people = {"approved": participant("FR"), "pending": participant("IT"), "cancelled": participant("PT"),
              "stranger": participant("GR"), "draft registrant": participant("BG"),
              "no organisation": make_user()}
    services.quota_set(actor=organiser, event=event, country="FR", places=2)
    hall = services.room_add(actor=organiser, event=event, name="Hall")
    speaker = services.speaker_add(actor=organiser, event=event, name="Speaker")
    slot = services.slot_save(actor=organiser, event=event, kind="work_session", starts_at=at(7, 9),
                              ends_at=at(7, 10), room=hall, speakers=[speaker], takes_attendance=True)
    question = services.evaluation_question_create(actor=organiser, event=event, text="Useful?", slot=slot)
    approved = services.registration_apply(actor=people["approved"], event=event)
    services.registration_approve(actor=organiser, registration=approved)
    services.registration_apply(actor=people["pending"], event=event)
    cancelled = services.registration_apply(actor=people["cancelled"], event=event)
    services.registration_cancel(actor=people["cancelled"], registration=cancelled)
    services.attendance_mark(actor=organiser, slot=slot, present_registration_ids=[approved.pk])
    services.evaluation_submit(actor=people["approved"], registration=approved, answers={question.pk: 5})

    draft = services.event_create(actor=organiser, organiser=organiser_org, title="Draft", is_published=True,
                                  start_date=dt.date(2027, 1, 4), end_date=dt.date(2027, 1, 5))
    services.registration_apply(actor=people["draft registrant"], event=draft)
    services.event_update(actor=organiser, event=draft, expected_version=draft.version, is_published=False)
    services.room_add(actor=organiser, event=draft, name="Draft room")
    others_draft = services.event_create(actor=other_organiser, organiser=other_org, title="Their draft",
                                         start_date=dt.date(2027, 2, 1), end_date=dt.date(2027, 2, 2))
    services.room_add(actor=other_organiser, event=others_draft, name="Their room")
    users = {"platform admin": platform_admin, "organiser": organiser, "other organiser": other_organiser, **people}
    return {"users": users, "event": event, "draft": draft, "others_draft": others_draft, "slot": slot,
            "question": question, "approved": approved, "cancelled": cancelled}


def test_can_view_agrees_with_visible_for_every_events_model(world):
    for label, user in world["users"].items():
        access.forget_roles(user)
        for model in EVENTS_MODELS:
            allowed = {obj.pk for obj in model._default_manager.all() if access.can(user, VIEW, obj)}
            listed = set(access.visible(user, model).values_list("pk", flat=True))
            assert allowed == listed, f"{model.__name__} for {label}: can(VIEW) {allowed} ≠ visible() {listed}"


def test_who_sees_which_event(world):
    users, event, draft, others = world["users"], world["event"], world["draft"], world["others_draft"]

    def seen(label):
        return set(access.visible(users[label], Event).values_list("pk", flat=True))

    assert seen("platform admin") == {event.pk, draft.pk, others.pk}
    assert seen("organiser") == {event.pk, draft.pk}
    assert seen("other organiser") == {event.pk, others.pk}
    assert seen("draft registrant") == {event.pk, draft.pk}
    assert seen("stranger") == seen("no organisation") == {event.pk}


def test_who_sees_which_registration(world):
    users = world["users"]

    def seen(label):
        return set(access.visible(users[label], Registration).values_list("user__email", flat=True))

    everyone_at_the_event = {users[k].email for k in ("approved", "pending", "cancelled")}
    assert seen("organiser") == everyone_at_the_event | {users["draft registrant"].email}
    assert seen("approved") == {users["approved"].email}
    assert seen("other organiser") == seen("stranger") == set()


def test_published_events_are_public(world):
    event, draft = world["event"], world["draft"]
    assert set(policy.public_events().values_list("pk", flat=True)) == {event.pk}
    assert policy.is_public(event) and not policy.is_public(draft)
    anonymous = AnonymousUser()
    assert set(policy.readable_events(anonymous).values_list("pk", flat=True)) == {event.pk}
    assert policy.access_readable_event(anonymous, event.pk) == event
    for pk in (draft.pk, 999_999, "x"):
        with pytest.raises(Http404):
            policy.access_readable_event(anonymous, pk)
    assert policy.access_readable_event(world["users"]["draft registrant"], draft.pk) == draft
    assert policy.access_public_event(event.pk) == event
    with pytest.raises(Http404):
        policy.access_public_event(draft.pk)  # the public page shows published events only


def test_access_event_is_404_for_missing_and_forbidden_alike(world):
    users, draft = world["users"], world["draft"]
    for pk, action in ((draft.pk, VIEW), (999_999, VIEW), (world["event"].pk, MANAGE)):
        with pytest.raises(Http404):
            policy.access_event(users["stranger"], pk, action)
    assert policy.access_event(users["organiser"], draft.pk, MANAGE) == draft
    with pytest.raises(Http404):
        policy.access_registration(users["stranger"], world["approved"].pk)
    assert policy.access_registration(users["approved"], world["approved"].pk) == world["approved"]
    with pytest.raises(Http404):  # a slot of another event
        policy.access_slot(users["organiser"], world["slot"].pk, CHANGE, event=draft)
    with pytest.raises(Http404):  # seen, but not the participant's to change
        policy.access_slot(users["approved"], world["slot"].pk, CHANGE, event=world["event"])
    assert policy.access_slot(users["organiser"], world["slot"].pk, CHANGE, event=world["event"]) == world["slot"]
    with pytest.raises(Http404):
        policy.access_question(users["approved"], world["question"].pk, DELETE, event=world["event"])


def test_organisers_manage_their_organisation_s_events(world):
    users, event, others = world["users"], world["event"], world["others_draft"]
    assert access.can(users["organiser"], MANAGE, event) and access.can(users["platform admin"], MANAGE, others)
    assert not access.can(users["other organiser"], MANAGE, event)
    assert not access.can(users["approved"], MANAGE, event)
    assert access.can(users["stranger"], REGISTER, event)
    assert not access.can(users["organiser"], REGISTER, world["draft"])  # a draft takes no registrations


def test_registrations_are_cancelled_by_their_person_or_organisers_and_evaluated_by_their_person(world):
    users, approved = world["users"], world["approved"]
    assert access.can(users["approved"], CANCEL, approved) and access.can(users["organiser"], CANCEL, approved)
    assert not access.can(users["stranger"], CANCEL, approved)
    assert access.can(users["approved"], EVALUATE, approved)
    assert not access.can(users["organiser"], EVALUATE, approved)
    pending = Registration.objects.get(user=users["pending"])
    assert not access.can(users["pending"], EVALUATE, pending)


def test_rows_inside_an_event_ask_the_event(world):
    users, event, slot = world["users"], world["event"], world["slot"]
    for row in (slot, event.quotas.get(), event.rooms.get(), event.speakers.get(), world["question"]):
        for action in (CHANGE, DELETE):
            assert access.can(users["organiser"], action, row), (row, action)
            assert not access.can(users["approved"], action, row), (row, action)
            assert not access.can(users["other organiser"], action, row), (row, action)
        assert access.can(users["stranger"], VIEW, row)  # part of a published event
    for model in (Slot, Room, CountryQuota, Speaker, EvaluationQuestion):
        assert access.can_create(users["organiser"], model, event=event)
        assert not access.can_create(users["approved"], model, event=event)
        assert not access.can_create(users["organiser"], model)  # no event, no right


def test_rows_inside_a_registration_ask_the_registration(world):
    users, approved = world["users"], world["approved"]
    mark, response = Attendance.objects.get(), EvaluationResponse.objects.get()
    assert access.can(users["approved"], VIEW, mark) and access.can(users["organiser"], VIEW, mark)
    assert access.can(users["organiser"], CHANGE, mark) and not access.can(users["approved"], CHANGE, mark)
    assert not access.can(users["stranger"], VIEW, mark)
    assert access.can_create(users["approved"], EvaluationResponse, registration=approved)
    assert not access.can_create(users["organiser"], EvaluationResponse, registration=approved)
    for action in (CHANGE, DELETE):  # an evaluation is final once sent
        assert not access.can(users["approved"], action, response)
        assert not access.can(users["platform admin"], action, response)
    assert access.can(users["organiser"], VIEW, Answer.objects.get())


def test_model_level_questions_for_menus_cards_and_choice_lists(world, organiser_org):
    users = world["users"]
    other_org = users["other organiser"].memberships.get().organisation
    assert access.organisations_for(users["organiser"], Event, ADD) == {organiser_org.pk}
    assert access.organisations_for(users["platform admin"], Event, ADD) is None
    assert access.organisations_for(users["stranger"], Event, ADD) == set()
    assert list(organisation_choices(actor=users["organiser"], model=Event, action=ADD)) == [organiser_org]
    assert set(organisation_choices(actor=users["platform admin"], model=Event, action=ADD)) == set(
        Organisation.objects.active())
    assert access.can_create(users["organiser"], Event, organisation=organiser_org)
    assert not access.can_create(users["organiser"], Event, organisation=other_org)
    for label, user in users.items():
        assert access.can_any(user, Event, VIEW), label  # published events are open to every signed-in person
        assert access.can_any(user, Event, ADD) == (label in {"platform admin", "organiser", "other organiser"})
    assert not access.can_any(AnonymousUser(), Event, VIEW)
    stranger_orgs = {m.organisation_id for m in users["stranger"].memberships.all()}
    assert access.organisations_for(users["stranger"], Registration, ADD) == stranger_orgs
    assert access.organisations_for(users["no organisation"], Registration, ADD) == set()


def test_menus_and_cards_ask_the_policy(world, organiser, organiser_org):
    users = world["users"]
    for label in ("stranger", "organiser", "no organisation"):
        labels = [item["label"] for item in nav_for(users[label], "/en/")]
        assert "Events" in labels and "Certificates" in labels, label
    later = services.event_create(actor=organiser, organiser=organiser_org, title="Later", is_published=True,
                                  start_date=dt.date(2030, 5, 6), end_date=dt.date(2030, 5, 7))
    for label in ("approved", "cancelled"):
        registration = services.registration_apply(actor=users[label], event=later)
    services.registration_cancel(actor=users["cancelled"], registration=registration)

    def titles(user):
        return [str(card.title) for card in cards_for(user)]

    assert "My training events" in titles(users["approved"])
    assert "My training events" not in titles(users["cancelled"]) and "My training events" not in titles(
        users["stranger"])
