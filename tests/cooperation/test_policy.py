"""The cooperation policies' two faces agree: for every person, in every situation a record can put them in, the
rows the object check allows are exactly the rows the list filter returns, for every cooperation model, and for
every record action the queryset face (`records_where`) says what the object check says."""

import datetime as dt
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from integra.accounts.models import User
from integra.cooperation import services
from integra.cooperation.models import (
    SECTIONS_BY_LEVEL,
    Action,
    ConferenceParticipant,
    Decision,
    Document,
    EmergencyAccess,
    EmergencyResponder,
    LegalBasis,
    Section,
    SharingAgreement,
    TeamMember,
    TransitionRecord,
)
from integra.cooperation.policy import (
    BREAK_GLASS,
    CONFER,
    EDIT_IDENTITY,
    EDIT_SUMMARY,
    EXPORT,
    EXPORT_AUTHORED,
    MANAGE_TEAM,
    REFER,
    VIEW_ACCESS_LOG,
    record_access,
    records_where,
    section_action,
    sharing_gaps,
    visible_in,
)
from integra.core import access
from integra.core.access import CHANGE, VIEW
from integra.core.models import OrganisationKind
from integra.core.roles import Role
from tests.conftest import make_org, make_user

from .conftest import CASEWORK_SECTIONS

pytestmark = pytest.mark.django_db

COOPERATION_MODELS = [m for m in access.registered_models() if m._meta.app_label == "cooperation"]
RECORD_ROW_MODELS = [m for m in COOPERATION_MODELS if m not in (TransitionRecord, SharingAgreement, EmergencyResponder)]
RECORD_ACTIONS = [VIEW, CHANGE, EDIT_SUMMARY, EDIT_IDENTITY, MANAGE_TEAM, REFER, CONFER, VIEW_ACCESS_LOG, EXPORT,
                  EXPORT_AUTHORED, BREAK_GLASS, *(section_action(s) for s in Section.values)]


def _fresh(user):
    """The person as a new request sees them: no roles or record access cached from earlier steps."""
    return User.objects.get(pk=user.pk)


def assert_faces_agree(user):
    user = _fresh(user)
    for model in COOPERATION_MODELS:
        allowed = {obj.pk for obj in model._default_manager.all() if access.can(user, VIEW, obj)}
        listed = list(access.visible(user, model).values_list("pk", flat=True))
        assert len(listed) == len(set(listed)), f"{model.__name__}: visible() repeats rows for {user}"
        assert allowed == set(listed), f"{model.__name__} for {user}: can() {allowed} != visible() {set(listed)}"
    for action in RECORD_ACTIONS:
        allowed = {r.pk for r in TransitionRecord.objects.all() if access.can(user, action, r)}
        assert allowed == set(records_where(user, action).values_list("pk", flat=True)), (user, action)
    # A record's page reads its rows through visible_in: the same rows as visible(), one record at a time.
    for model in RECORD_ROW_MODELS:
        path = "conference__record" if model in (ConferenceParticipant, Decision) else "record"
        for record in TransitionRecord.objects.all():
            expected = set(access.visible(user, model).filter(**{path: record}).values_list("pk", flat=True))
            assert set(visible_in(user, model, record).values_list("pk", flat=True)) == expected, (model, user)


@pytest.fixture
def world(prison, probation, ngo, stranger_org, agreement, record, consent, prison_cm, probation_cm, mentor, stranger,
          prison_dpo, platform_admin, django_capture_on_commit_callbacks):
    """Records and people in every situation a record can put a person in."""
    social = make_org("Social E", kind=OrganisationKind.SOCIAL)
    people = {
        "prison_cm": prison_cm, "probation_cm": probation_cm, "mentor": mentor, "stranger": stranger,
        "prison_dpo": prison_dpo, "platform_admin": platform_admin,
        "prison_officer": make_user("officer@prison.example", org=prison, roles=[Role.FRONTLINE]),
        "prison_helper": make_user("helper@prison.example", org=prison, roles=[Role.FRONTLINE]),
        "probation_receiver": make_user("desk@probation.example", org=probation, roles=[Role.FRONTLINE]),
        "social_worker": make_user("worker@social.example", org=social, roles=[Role.FRONTLINE]),
        "expired_emergency": make_user("night@agency.example", org=stranger_org, roles=[Role.FRONTLINE]),
        "casework_emergency": make_user("duty@agency.example", org=stranger_org, roles=[Role.FRONTLINE]),
        "prison_admin": make_user("admin@prison.example", org=prison, roles=[Role.ORG_ADMIN]),
        "no_role": make_user("nobody@prison.example", org=prison),
    }
    short_lived = services.agreement_create(
        actor=platform_admin, title="Pilot with Social E", parties=[prison, social], purposes="Pilot",
        data_categories=CASEWORK_SECTIONS, legal_basis=LegalBasis.PUBLIC_TASK, valid_from=dt.date(2020, 1, 1),
        signatories="Directors")
    # Emergency access is open only to organisations in a valid agreement with the owner.
    services.agreement_create(
        actor=platform_admin, title="Emergency protocol with Agency D", parties=[prison, stranger_org],
        purposes="Public protection", data_categories=[Section.PRACTICAL], legal_basis=LegalBasis.PUBLIC_TASK,
        valid_from=dt.date(2020, 1, 1), signatories="Directors")
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        # A: shared at every level, with a conference, actions, notes, documents, flags, a referral, emergency access
        services.basis_add(actor=prison_cm, record=record, basis=LegalBasis.CONSENT, scope=CASEWORK_SECTIONS,
                           recipients=[social], given_on=today)
        for person, organisation, level in ((people["prison_officer"], prison, "casework"),
                                            (people["prison_helper"], prison, "practical"),
                                            (probation_cm, probation, "casework"), (mentor, ngo, "practical"),
                                            (people["social_worker"], social, "casework")):
            services.team_add(actor=prison_cm, record=record, user=person, organisation=organisation,
                              access_level=level)
        for section in Section.values:
            services.note_add(actor=prison_cm, record=record, section=section, body=f"note {section}")
        documents = [services.document_upload(actor=prison_cm, record=record, section=section, title=section,
                                              upload=SimpleUploadedFile(f"{section}.txt", b"text",
                                                                        content_type="text/plain"))
                     for section in (Section.CASEWORK, Section.PRACTICAL)]
        services.flag_add(actor=prison_cm, record=record, kind="interpreter")
        services.flag_remove(actor=prison_cm, flag=services.flag_add(actor=prison_cm, record=record, kind="health"))
        conference = services.conference_schedule(actor=prison_cm, record=record, title="Panel",
                                                  scheduled_at=timezone.now(), participants=[probation_cm, mentor],
                                                  location="Prison A")
        services.conference_record(actor=prison_cm, conference=conference, expected_version=conference.version,
                                   minutes="m", attended_user_ids=[mentor.pk], decisions=["Weekly contact"],
                                   practical_minutes="pm", practical_decisions=["Mentor meets weekly"])
        services.action_create(actor=prison_cm, record=record, conference=conference, owner=mentor,
                               title="Mentor's action", due_date=today)
        services.action_create(actor=prison_cm, record=record, conference=conference, owner=probation_cm,
                               title="Probation's action", due_date=today)
        services.action_create(actor=prison_cm, record=record, owner=people["prison_helper"],
                               title="Helper's action", due_date=today - timedelta(days=1))
        services.referral_create(actor=prison_cm, record=record, to_organisation=probation, reason="Supervision")
        services.emergency_access_grant(actor=stranger, record=record, reason="Credible threat tonight, need the plan",
                                        risk_to_life=True)
        services.emergency_access_grant(actor=people["casework_emergency"], record=record,
                                        reason="Missed the curfew, need the supervision plan")
        services.emergency_access_grant(actor=people["expired_emergency"], record=record,
                                        reason="Credible threat yesterday, needed the plan")
        EmergencyAccess.objects.filter(user=people["expired_emergency"]).update(
            expires_at=timezone.now() - timedelta(minutes=1))
        # B: consent narrower than the access level for probation; the NGO's consent withdrawn afterwards
        second = services.record_open(actor=prison_cm, organisation=prison, given_names="B", family_name="B")
        services.basis_add(actor=prison_cm, record=second, basis=LegalBasis.CONSENT, scope=[Section.PRACTICAL],
                           recipients=[probation], given_on=today)
        withdrawn = services.basis_add(actor=prison_cm, record=second, basis=LegalBasis.CONSENT,
                                       scope=CASEWORK_SECTIONS, recipients=[ngo], given_on=today)
        services.team_add(actor=prison_cm, record=second, user=probation_cm, organisation=probation,
                          access_level="casework")
        services.team_add(actor=prison_cm, record=second, user=mentor, organisation=ngo, access_level="practical")
        services.note_add(actor=prison_cm, record=second, section=Section.PRACTICAL, body="practical")
        services.note_add(actor=prison_cm, record=second, section=Section.CASEWORK, body="casework")
        services.action_create(actor=prison_cm, record=second, owner=mentor, title="Before withdrawal",
                               due_date=today)
        services.basis_withdraw(actor=prison_cm, basis=withdrawn)
        # C: handed over to probation; the prison stays as a partner under the agreement and the consent
        third = services.record_open(actor=prison_cm, organisation=prison, given_names="C", family_name="C")
        services.basis_add(actor=prison_cm, record=third, basis=LegalBasis.CONSENT, scope=[Section.CASEWORK],
                           recipients=[probation, prison], given_on=today)
        handover = services.referral_create(actor=prison_cm, record=third, to_organisation=probation,
                                            kind="handover", reason="Release day")
        services.referral_accept(actor=_fresh(probation_cm), referral=handover)
        services.note_add(actor=_fresh(probation_cm), record=TransitionRecord.objects.get(pk=third.pk),
                          section=Section.CASEWORK, body="after handover")
        # D: another agency's own record
        services.record_open(actor=stranger, organisation=stranger_org, given_names="D", family_name="D")
    # The agreement with Social E expired after the social worker joined record A.
    SharingAgreement.objects.filter(pk=short_lived.pk).update(valid_until=today - timedelta(days=1))
    yield people
    for document in Document.objects.filter(pk__in=[d.pk for d in documents]):
        document.file.delete(save=False)


PEOPLE = ["prison_cm", "prison_officer", "prison_helper", "probation_cm", "probation_receiver", "mentor",
          "social_worker", "stranger", "expired_emergency", "casework_emergency", "prison_dpo", "prison_admin",
          "platform_admin", "no_role"]


@pytest.mark.parametrize("who", PEOPLE)
def test_object_check_and_list_filter_agree_for_every_cooperation_model(who, world):
    assert_faces_agree(world[who])


def test_the_world_puts_people_where_it_says(world, record):
    """The situations of the agreement test are the ones its names claim."""
    def sees(who):
        return set(access.visible(_fresh(world[who]), TransitionRecord).values_list("reference", flat=True))

    assert record.reference in sees("stranger")  # emergency access
    assert record.reference not in sees("expired_emergency")
    assert record.reference in sees("casework_emergency")  # emergency access without a risk to life: case work
    assert record_access(_fresh(world["casework_emergency"]), record).sections == SECTIONS_BY_LEVEL["casework"]
    assert record_access(_fresh(world["stranger"]), record).level == "full"  # an immediate risk to life
    assert record.reference not in sees("social_worker")  # the agreement expired
    assert record.reference in sees("mentor") and len(sees("mentor")) == 1  # record B's consent was withdrawn
    assert len(sees("probation_cm")) == 3 and len(sees("prison_cm")) == 3  # A, B and C (a partner after handover)
    assert not sees("prison_dpo") and not sees("probation_receiver")
    assert set(COOPERATION_MODELS) >= {TransitionRecord, Document, EmergencyAccess, SharingAgreement}


def test_a_team_row_gives_access_exactly_when_sharing_is_allowed(world):
    """The caseload computed at once says what the record-by-record rule (sharing_gaps) says."""
    for member in TeamMember.objects.current().select_related("record"):
        user = _fresh(member.user)
        through_team = record_access(user, member.record).via == "team"
        assert through_team == (not sharing_gaps(member.record, member.organisation_id)), member


def test_emergency_access_opens_every_action_and_conference(world, record):
    """Under emergency access the actions and conferences of the record are both allowed and listed."""
    stranger = _fresh(world["stranger"])
    actions = set(access.visible(stranger, Action).filter(record=record).values_list("title", flat=True))
    assert actions == {"Mentor's action", "Probation's action", "Helper's action"}
    assert_faces_agree(stranger)


def test_new_policy_actions(world, record):
    officer, helper, cm = (_fresh(world[w]) for w in ("prison_officer", "prison_helper", "prison_cm"))
    identity = record.identity
    assert access.can(cm, EDIT_IDENTITY, record) and access.can(cm, CHANGE, identity)
    assert not access.can(officer, EDIT_IDENTITY, record) and not access.can(officer, VIEW, identity)
    stranger = _fresh(world["stranger"])
    assert access.can(stranger, VIEW, identity) and not access.can(stranger, CHANGE, identity)  # emergency: read only
    assert access.can(officer, EDIT_SUMMARY, record) and not access.can(helper, EDIT_SUMMARY, record)
    assert access.organisations_for(cm, TransitionRecord, BREAK_GLASS) == {record.owner_id}
    assert access.can_any(_fresh(world["prison_dpo"]), TransitionRecord, EXPORT)
    assert not access.can_any(_fresh(world["no_role"]), TransitionRecord)
