"""Break the glass, narrowed: only the owner's own people and those of organisations in a valid agreement with
the owner may ask; it opens the case-work sections unless the person states an immediate risk to life; the
owner and the data-protection officer are alerted either way, and it ends after four hours."""

import datetime as dt
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from integra.accounts.models import User
from integra.cooperation import services
from integra.cooperation.models import (
    SECTIONS_BY_LEVEL,
    EmergencyAccess,
    EmergencyResponder,
    Note,
    PersonIdentity,
    Section,
    SharingAgreement,
    TransitionRecord,
)
from integra.cooperation.policy import BREAK_GLASS, emergency_reach, records_where, section_action
from integra.core import access
from integra.core.models import AuditEvent, Notification, OrganisationKind
from integra.core.roles import Role
from tests.conftest import make_org, make_user, signed_in

pytestmark = pytest.mark.django_db

REASON = "Police report a credible threat tonight; need the safety plan."


def _fresh(user):
    return User.objects.get(pk=user.pk)


def _find(user, record):
    return signed_in(user).get(reverse("cooperation:find"), {"reference": record.reference})


def _break(user, record, **extra):
    return signed_in(user).post(reverse("cooperation:emergency", args=[record.pk]), {"reason": REASON, **extra})


def _section(user, record, section):
    """The page of a section (the identity has its own page)."""
    if section == Section.IDENTITY:
        return signed_in(user).get(reverse("cooperation:identity", args=[record.pk])).status_code
    return signed_in(user).get(reverse("cooperation:section", args=[record.pk, section])).status_code


@pytest.fixture
def rome(db):
    """A probation officer of an organisation that has no agreement with the record's owner."""
    return make_user("officer@rome.example", org=make_org("Probation Rome", kind=OrganisationKind.PROBATION,
                                                          country="IT"), roles=[Role.CASE_MANAGER])


def test_an_organisation_without_an_agreement_with_the_owner_cannot_break_the_glass(shared_record, rome):
    """The attack: a Rome probation officer opened a Sofia record, identity and intelligence included."""
    found = _find(rome, shared_record)
    assert found.status_code == 404 and "Break the glass" not in found.content.decode()
    assert _break(rome, shared_record).status_code == 404
    assert _break(rome, shared_record, risk_to_life="on").status_code == 404
    with pytest.raises(PermissionDenied):
        services.emergency_access_grant(actor=_fresh(rome), record=shared_record, reason=REASON, risk_to_life=True)
    assert not EmergencyAccess.objects.exists()
    assert not access.can(_fresh(rome), BREAK_GLASS, shared_record)
    assert not records_where(_fresh(rome), BREAK_GLASS).exists()
    for section in Section.values:
        assert _section(rome, shared_record, section) == 404


def test_an_expired_agreement_does_not_open_the_glass(shared_record, stranger, emergency_agreement):
    SharingAgreement.objects.filter(pk=emergency_agreement.pk).update(
        valid_until=timezone.localdate() - timedelta(days=1))
    assert _find(stranger, shared_record).status_code == 404
    assert _break(stranger, shared_record).status_code == 404
    SharingAgreement.objects.filter(pk=emergency_agreement.pk).update(
        valid_from=timezone.localdate() + timedelta(days=1), valid_until=None)
    assert _break(stranger, shared_record).status_code == 404
    assert not EmergencyAccess.objects.exists()


def test_with_an_agreement_emergency_access_opens_case_work_only(shared_record, stranger, emergency_agreement,
                                                                 prison_cm, prison_dpo,
                                                                 django_capture_on_commit_callbacks):
    found = _find(stranger, shared_record)
    assert found.status_code == 200 and "Break the glass" in found.content.decode()
    assert "immediate" in found.content.decode()  # the checkbox is offered
    with django_capture_on_commit_callbacks(execute=True):
        assert _break(stranger, shared_record).status_code == 302
    grant = EmergencyAccess.objects.get()
    assert grant.access_level == "casework" and not grant.risk_to_life
    assert grant.organisation_id == emergency_agreement.parties.exclude(pk=shared_record.owner_id).get().pk
    assert timedelta(hours=3, minutes=59) < grant.expires_at - grant.granted_at <= timedelta(hours=4)
    for section in (Section.ASSESSMENT, Section.CASEWORK, Section.PRACTICAL):
        assert _section(stranger, shared_record, section) == 200
    for section in (Section.IDENTITY, Section.INTELLIGENCE):  # told in words: they can open the record itself
        assert _section(stranger, shared_record, section) == 403
    officer = _fresh(stranger)
    assert not access.can(officer, section_action(Section.IDENTITY), shared_record)
    assert not access.visible(officer, PersonIdentity).exists()
    notes = set(access.visible(officer, Note).filter(record=shared_record).values_list("section", flat=True))
    assert notes == set(SECTIONS_BY_LEVEL["casework"])
    record_page = signed_in(stranger).get(reverse("cooperation:record", args=[shared_record.pk]))
    assert record_page.status_code == 200 and "secret-intelligence-note" not in record_page.content.decode()
    # The alerts are kept: the owner's full-access team and the data-protection officer, and the access log.
    for person in (prison_cm, prison_dpo):
        assert Notification.objects.filter(recipient=person, title__contains="Emergency access").exists()
    event = AuditEvent.objects.get(action="cooperation.record.emergency_access")
    assert event.actor == stranger and event.data["level"] == "casework" and event.data["risk_to_life"] is False
    log = signed_in(prison_dpo).get(reverse("cooperation:access_log", args=[shared_record.pk]))
    assert log.status_code == 200 and 'class="row-alert"' in log.content.decode()
    # No second emergency access while the first holds: the record is reached already.
    assert _find(stranger, shared_record).status_code == 302
    EmergencyAccess.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    assert _section(stranger, shared_record, Section.CASEWORK) == 404


def test_an_immediate_risk_to_life_opens_the_whole_record(shared_record, stranger, emergency_agreement, prison_dpo,
                                                          django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert _break(stranger, shared_record, risk_to_life="on").status_code == 302
    grant = EmergencyAccess.objects.get()
    assert grant.access_level == "full" and grant.risk_to_life
    for section in Section.values:
        assert _section(stranger, shared_record, section) == 200
    assert access.can(_fresh(stranger), section_action(Section.IDENTITY), shared_record)
    alert = Notification.objects.get(recipient=prison_dpo)
    assert "immediate risk to life" in alert.title
    log = signed_in(prison_dpo).get(reverse("cooperation:access_log", args=[shared_record.pk])).content.decode()
    assert "immediate risk to life" in log


def test_the_reason_is_still_required_with_the_checkbox(shared_record, stranger, emergency_agreement):
    response = signed_in(stranger).post(reverse("cooperation:emergency", args=[shared_record.pk]),
                                        {"reason": "urgent", "risk_to_life": "on"})
    assert response.status_code == 400 and not EmergencyAccess.objects.exists()


def test_a_reason_longer_than_the_bound_is_refused_and_opens_nothing(shared_record, stranger, emergency_agreement):
    from integra.core import limits

    notifications = Notification.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.emergency_access_grant(actor=_fresh(stranger), record=shared_record,
                                        reason="x" * (limits.REASON_TEXT + 1))
    assert "reason" in refused.value.message_dict
    assert not EmergencyAccess.objects.exists() and Notification.objects.count() == notifications


def test_the_owners_own_people_outside_the_team_get_case_work(shared_record, prison):
    night = make_user("night@prison.example", org=prison, roles=[Role.FRONTLINE])
    assert _break(night, shared_record).status_code == 302
    assert EmergencyAccess.objects.get().organisation_id == prison.pk
    assert _section(night, shared_record, Section.INTELLIGENCE) == 403
    assert _section(night, shared_record, Section.CASEWORK) == 200


def test_people_without_an_emergency_role_in_the_agreeing_organisation_cannot(shared_record, emergency_agreement,
                                                                               stranger_org):
    analyst = make_user("analyst@agency.example", org=stranger_org, roles=[Role.MENTOR])
    assert _find(analyst, shared_record).status_code == 404
    assert _break(analyst, shared_record).status_code == 404


def test_organisations_for_and_can_agree_on_break_glass(shared_record, stranger, emergency_agreement, rome, prison,
                                                        stranger_org, prison_cm):
    other = services.record_open(actor=_fresh(stranger), organisation=stranger_org, given_names="D",
                                 family_name="D")
    for person in (stranger, rome, prison_cm, make_user(org=prison, roles=[Role.FRONTLINE])):
        person = _fresh(person)
        through = access.organisations_for(person, TransitionRecord, BREAK_GLASS)
        allowed = {r.pk for r in TransitionRecord.objects.all() if access.can(person, BREAK_GLASS, r)}
        assert allowed == set(records_where(person, BREAK_GLASS).values_list("pk", flat=True))
        for record in TransitionRecord.objects.filter(pk__in=allowed):
            assert emergency_reach(person)[record.owner_id] in through
        if not through:
            assert not allowed
    rome_org = rome.memberships.get().organisation_id
    assert access.organisations_for(_fresh(rome), TransitionRecord, BREAK_GLASS) == {rome_org}
    assert not access.can(_fresh(rome), BREAK_GLASS, shared_record)
    assert access.can(_fresh(prison_cm), BREAK_GLASS, other)  # the agreement runs both ways


def test_the_find_page_costs_the_same_with_more_agreements(shared_record, stranger, emergency_agreement,
                                                           platform_admin, count_queries):
    client = signed_in(stranger)
    url = reverse("cooperation:find") + f"?reference={shared_record.reference}"
    client.get(url)  # the session's first request reads more
    before = count_queries(lambda: client.get(url))[0]
    for n in range(5):
        services.agreement_create(
            actor=platform_admin, title=f"Protocol {n}", parties=[emergency_agreement.parties.first(), make_org()],
            purposes="p", data_categories=[Section.PRACTICAL], legal_basis="public_task",
            valid_from=dt.date(2020, 1, 1), signatories="s")
    assert count_queries(lambda: client.get(url))[0] == before


# --- the role the owner's organisation names for it --------------------------------------------------------------


@pytest.fixture
def prison_admin(prison):
    return make_user("admin@prison.example", org=prison, roles=[Role.ORG_ADMIN])


def _name(admin, owner, organisation, role=Role.CASE_MANAGER, reason="Regional crisis team, nights and weekends."):
    return signed_in(admin).post(reverse("cooperation:emergency_responder_new"), {
        "owner": owner.pk, "organisation": organisation.pk, "role": role, "reason": reason})


def test_a_role_the_owner_names_may_break_the_glass_without_an_agreement(shared_record, rome, prison_admin, prison,
                                                                        prison_cm, prison_dpo,
                                                                        django_capture_on_commit_callbacks):
    rome_org = rome.memberships.get().organisation
    assert _name(prison_admin, prison, rome_org).status_code == 302
    found = _find(rome, shared_record)
    assert found.status_code == 200 and "Break the glass" in found.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert _break(rome, shared_record).status_code == 302
    grant = EmergencyAccess.objects.get()
    assert grant.organisation_id == rome_org.pk and grant.access_level == "casework"  # same terms as any other
    assert _section(rome, shared_record, Section.IDENTITY) == 403  # the record opens, its identity does not
    assert Notification.objects.filter(recipient=prison_dpo).exists()
    assert set(AuditEvent.objects.filter(action="cooperation.emergency_responder.named")
               .values_list("organisation_id", flat=True)) == {prison.pk, rome_org.pk}


def test_only_the_named_role_and_only_while_named(shared_record, prison_admin, prison, stranger_org):
    frontline = make_user("frontline@agency.example", org=stranger_org, roles=[Role.FRONTLINE])
    officer = make_user("cm2@agency.example", org=stranger_org, roles=[Role.CASE_MANAGER])
    responder = services.emergency_responder_name(actor=prison_admin, owner=prison, organisation=stranger_org,
                                                  role=Role.FRONTLINE, reason="Out-of-hours team")
    assert access.can(_fresh(frontline), BREAK_GLASS, shared_record)
    assert not access.can(_fresh(officer), BREAK_GLASS, shared_record)  # a role the owner did not name
    signed_in(prison_admin).post(reverse("cooperation:emergency_responder_end", args=[responder.pk]))
    responder.refresh_from_db()
    assert responder.ended_at is not None
    assert _break(frontline, shared_record).status_code == 404
    assert not EmergencyAccess.objects.exists()


def test_naming_is_for_the_owners_administrators_only(prison, stranger_org, prison_cm, rome, prison_admin):
    rome_org = rome.memberships.get().organisation
    other_admin = make_user("admin@agency.example", org=stranger_org, roles=[Role.ORG_ADMIN])
    assert signed_in(prison_cm).get(reverse("cooperation:emergency_responder_new")).status_code == 403
    assert _name(prison_cm, prison, rome_org).status_code == 403
    # An administrator of another organisation cannot name responders for the prison's records.
    response = _name(other_admin, prison, rome_org)
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()
    with pytest.raises(PermissionDenied):
        services.emergency_responder_name(actor=other_admin, owner=prison, organisation=rome_org,
                                          role=Role.CASE_MANAGER, reason="self-service")
    responder = services.emergency_responder_name(actor=prison_admin, owner=prison, organisation=rome_org,
                                                  role=Role.CASE_MANAGER, reason="Crisis team")
    assert signed_in(other_admin).post(reverse("cooperation:emergency_responder_end",
                                               args=[responder.pk])).status_code == 404
    assert signed_in(prison_cm).post(reverse("cooperation:emergency_responder_end",
                                             args=[responder.pk])).status_code == 404
    # The named organisation sees that it is named.
    assert signed_in(rome).get(reverse("cooperation:emergency_responders")).status_code == 200
    responder.refresh_from_db()
    assert responder.ended_at is None


@pytest.mark.parametrize("changes, field, words", [
    ({"role": Role.ORG_ADMIN}, "role", "Select a valid choice"),
    ({"reason": "  "}, "reason", "This field is required"),
    ({"reason": "x" * 1001}, "reason", "at most 1000"),
])
def test_naming_refuses_bad_input(prison_admin, prison, rome, changes, field, words):
    rome_org = rome.memberships.get().organisation
    response = _name(prison_admin, prison, rome_org, **changes)
    assert response.status_code == 400 and words in response.content.decode()
    assert not EmergencyResponder.objects.exists()


def test_naming_refuses_ones_own_organisation_a_second_naming_and_a_foreign_role(prison_admin, prison, rome):
    rome_org = rome.memberships.get().organisation
    with pytest.raises(ValidationError, match="already break the glass"):
        services.emergency_responder_name(actor=prison_admin, owner=prison, organisation=prison,
                                          role=Role.CASE_MANAGER, reason="x")
    with pytest.raises(ValidationError, match="from the list"):
        services.emergency_responder_name(actor=prison_admin, owner=prison, organisation=rome_org,
                                          role=Role.DATA_PROTECTION, reason="x")
    services.emergency_responder_name(actor=prison_admin, owner=prison, organisation=rome_org,
                                      role=Role.CASE_MANAGER, reason="x")
    with pytest.raises(ValidationError, match="already named"):
        services.emergency_responder_name(actor=prison_admin, owner=prison, organisation=rome_org,
                                          role=Role.CASE_MANAGER, reason="x")
    assert EmergencyResponder.objects.count() == 1


def test_responders_page_queries_do_not_grow_with_rows(prison_admin, prison, count_queries):
    def names(n):
        for i in range(n):
            org = make_org(f"Crisis team {EmergencyResponder.objects.count()}-{i}")
            services.emergency_responder_name(actor=prison_admin, owner=prison, organisation=org,
                                              role=Role.FRONTLINE, reason="Nights")
    client = signed_in(prison_admin)
    names(1)
    client.get(reverse("cooperation:emergency_responders"))  # the session's first request loads its own rows
    one, first = count_queries(lambda: client.get(reverse("cooperation:emergency_responders")))
    names(6)
    seven, response = count_queries(lambda: client.get(reverse("cooperation:emergency_responders")))
    assert first.status_code == 200 and response.content.decode().count("Nights") == 7
    assert seven == one
