"""Need to know after a handover and in meetings (issue 9): the former owner's access ends or is adjusted at
acceptance and the team shows it; only people who can open the record are offered as owners and invitees; the
former owner's DPO exports what their organisation wrote; only what the agreement and the basis allow travels;
minutes and decisions follow the section model; team roles are choices; a section one cannot read is refused
in words where the record itself can be opened, and stays a 404 where it cannot."""

import importlib
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from integra.accounts.models import User
from integra.cooperation import services
from integra.cooperation.models import (
    Action,
    CaseConference,
    LegalBasis,
    Note,
    Referral,
    Section,
    SharingBasis,
    TeamMember,
    TeamRole,
    TimelineEntry,
    TransitionRecord,
)
from integra.cooperation.policy import (
    EXPORT,
    EXPORT_AUTHORED,
    VIEW_ACCESS_LOG,
    record_access,
    record_openers,
    subject_access_scope,
    team_access,
    transfer_plan,
)
from integra.core import access
from integra.core.models import AuditEvent
from integra.core.roles import Role
from tests.conftest import api_client, make_user, signed_in

from .conftest import CASEWORK_SECTIONS

pytestmark = pytest.mark.django_db


def _fresh(user):
    return User.objects.get(pk=user.pk)


def _hand_over(record, prison_cm, probation_cm, probation, **kwargs):
    referral = services.referral_create(actor=prison_cm, record=record, to_organisation=probation, kind="handover",
                                        reason="Release day", **kwargs)
    services.referral_accept(actor=_fresh(probation_cm), referral=referral)
    return TransitionRecord.objects.get(pk=record.pk), referral


@pytest.fixture
def prison_officer(prison, record, prison_cm):
    officer = make_user("officer@prison.example", org=prison, roles=[Role.FRONTLINE])
    services.team_add(actor=prison_cm, record=record, user=officer, organisation=prison, access_level="casework",
                      role_on_team=TeamRole.PRISON_OFFICER)
    return officer


@pytest.fixture
def intelligence_note(record, prison_cm):
    return services.note_add(actor=prison_cm, record=record, section=Section.INTELLIGENCE,
                             body="Contact with a known recruiter ended in March")


# --- 1. the former owner's access at acceptance, on the team page, in the choice lists -----------------------


def test_handover_ends_the_former_owners_access_when_nothing_covers_them(record, agreement, consent, prison_cm,
                                                                        probation_cm, probation, prison_officer):
    record, _referral = _hand_over(record, prison_cm, probation_cm, probation)
    # The consent names the probation service and the NGO, not the prison: nothing remains for its people.
    for person in (prison_cm, prison_officer):
        assert not record_access(_fresh(person), record).allowed
        row = TeamMember.objects.get(record=record, user=person)
        assert row.removed_at is not None and row.ended_by_handover
    ended = TimelineEntry.objects.filter(record=record, kind="team_access_ended")
    assert ended.count() == 2
    event = AuditEvent.objects.filter(action="cooperation.record.handed_over").get()
    assert sorted(r["user"] for r in event.data["former_owner_team"]) == sorted([prison_cm.pk, prison_officer.pk])
    assert all(r["level"] is None for r in event.data["former_owner_team"])
    # The team page (the new owner manages the team) says so, and why.
    page = signed_in(probation_cm).get(reverse("cooperation:team", args=[record.pk])).content.decode()
    assert "Access ended at the handover" in page and "no longer has access" in page
    assert prison_officer.email in page or str(prison_officer) in page
    # The timeline tells every member in words.
    timeline = signed_in(probation_cm).get(reverse("cooperation:timeline", args=[record.pk])).content.decode()
    assert "no longer has access: the handover ended it" in timeline
    # The former owner's people reach nothing.
    assert signed_in(prison_officer).get(reverse("cooperation:record", args=[record.pk])).status_code == 404


def test_handover_adjusts_the_former_owners_access_to_what_the_agreement_and_the_consent_allow(
        record, agreement, prison_cm, probation_cm, probation, prison, prison_officer):
    services.basis_add(actor=prison_cm, record=record, basis=LegalBasis.CONSENT, scope=[Section.PRACTICAL],
                       recipients=[prison], given_on=timezone.localdate())
    services.basis_add(actor=prison_cm, record=record, basis=LegalBasis.CONSENT, scope=CASEWORK_SECTIONS,
                       recipients=[probation], given_on=timezone.localdate())
    record, _referral = _hand_over(record, prison_cm, probation_cm, probation)
    row = TeamMember.objects.current().get(record=record, user=prison_officer)
    assert row.access_level == "practical" and row.sections == ["practical"]  # adjusted, explicitly
    grant = record_access(_fresh(prison_officer), record)
    assert grant.allowed and grant.sections == {"practical"} and not grant.on_owner_team
    assert TimelineEntry.objects.filter(record=record, kind="team_access_adjusted").count() == 2
    page = signed_in(probation_cm).get(reverse("cooperation:team", args=[record.pk])).content.decode()
    assert "Practical support only</strong>: Practical support" in page


def test_team_access_says_what_each_member_actually_has(shared_record, prison_cm, probation_cm, mentor, ngo,
                                                        agreement, consent, count_queries):
    """The record's face (team page, choice lists) agrees with each person's own access, and says why not."""
    services.basis_withdraw(actor=prison_cm, basis=consent)
    services.basis_add(actor=prison_cm, record=shared_record, basis=LegalBasis.CONSENT, scope=["practical"],
                       recipients=[ngo], given_on=timezone.localdate())
    rows = {row.member.user_id: row for row in team_access(shared_record)}
    for user_id, row in rows.items():
        grant = record_access(User.objects.get(pk=user_id), shared_record)
        assert (row.access.level, row.access.sections) == (grant.level, grant.sections)
    assert not rows[probation_cm.pk].allowed
    assert "No consent or other legal basis" in rows[probation_cm.pk].reasons[0]
    assert rows[mentor.pk].access.sections == {"practical"}
    page = signed_in(prison_cm).get(reverse("cooperation:team", args=[shared_record.pk])).content.decode()
    assert "No longer has access" in page and "No consent or other legal basis" in page
    # Flat as the team grows.
    client = signed_in(prison_cm)
    url = reverse("cooperation:team", args=[shared_record.pk])
    client.get(url)
    before = count_queries(lambda: client.get(url))[0]
    for i in range(4):
        person = make_user(f"more{i}@ngo.example", org=ngo, roles=[Role.MENTOR])
        services.team_add(actor=prison_cm, record=shared_record, user=person, organisation=ngo,
                          access_level="practical")
    assert count_queries(lambda: client.get(url))[0] == before


def test_only_people_who_can_open_the_record_are_offered_and_accepted(record, agreement, consent, prison_cm,
                                                                     probation_cm, probation, ngo, mentor):
    services.team_add(actor=prison_cm, record=record, user=mentor, organisation=ngo, access_level="practical")
    services.team_add(actor=prison_cm, record=record, user=probation_cm, organisation=probation,
                      access_level="casework")
    services.basis_withdraw(actor=prison_cm, basis=consent)  # the mentor and probation can open nothing now
    assert record_openers(record) == {prison_cm.pk}
    client = signed_in(prison_cm)
    record_page = client.get(reverse("cooperation:record", args=[record.pk])).content.decode()
    conference_form = client.get(reverse("cooperation:conference_new", args=[record.pk])).content.decode()
    for page in (record_page, conference_form):
        assert f'value="{mentor.pk}"' not in page and f'value="{probation_cm.pk}"' not in page
    with pytest.raises(Exception, match="able to open the record"):
        services.action_create(actor=prison_cm, record=record, title="Call", owner=mentor,
                               due_date=timezone.localdate())
    with pytest.raises(Exception, match="who can open the record"):
        services.conference_schedule(actor=prison_cm, record=record, title="Panel", scheduled_at=timezone.now(),
                                     participants=[mentor], location="Room 1")
    response = api_client(prison_cm).post("/api/v1/actions/", {"record": record.pk, "title": "Call",
                                                               "owner": mentor.pk, "due_date": str(
                                                                   timezone.localdate())}, format="json")
    assert response.status_code == 400 and "owner" in response.json()["errors"] if "errors" in response.json() \
        else response.status_code == 400
    assert not Action.objects.exists() and not CaseConference.objects.exists()
    # Allowed: the owner's own case manager.
    assert services.action_create(actor=prison_cm, record=record, title="Call", owner=prison_cm,
                                  due_date=timezone.localdate())


# --- 2. the former owner's DPO answers for what their organisation wrote --------------------------------------


def test_the_former_owners_dpo_exports_what_their_organisation_wrote(record, agreement, consent, prison_cm,
                                                                     probation_cm, probation, prison_dpo,
                                                                     intelligence_note, stranger):
    services.note_add(actor=prison_cm, record=record, section=Section.CASEWORK, body="Prison case work note")
    assert not access.can(_fresh(prison_dpo), EXPORT_AUTHORED, record) or access.can(_fresh(prison_dpo), EXPORT,
                                                                                     record)
    record, _referral = _hand_over(record, prison_cm, probation_cm, probation)
    services.note_add(actor=_fresh(probation_cm), record=record, section=Section.CASEWORK, body="SPIP note")
    dpo = _fresh(prison_dpo)
    assert not access.can(dpo, EXPORT, record) and access.can(dpo, EXPORT_AUTHORED, record)
    assert not access.can(dpo, VIEW_ACCESS_LOG, record) and not access.can(dpo, "view", record)
    scope = subject_access_scope(dpo, record)
    assert not scope.whole and scope.organisation_ids == {prison_dpo.memberships.get().organisation_id}
    response = signed_in(prison_dpo).get(reverse("cooperation:export", args=[record.pk, "json"]))
    assert response.status_code == 200
    data = json.loads(response.content)
    texts = {n["text"] for n in data["notes"]}
    assert texts == {"Contact with a known recruiter ended in March", "Prison case work note"}
    assert not data["team"] and not data["access_log"] and not data["identity"] and not data["conferences"]
    event = AuditEvent.objects.filter(action="cooperation.record.exported").latest("seq")
    assert event.data["scope"] == "authored"
    # The data-protection page offers it; the record itself, the access log and the rights stay closed.
    page = signed_in(prison_dpo).get(reverse("cooperation:data_protection")).content.decode()
    assert "Records your organisation wrote on" in page and record.reference in page
    assert signed_in(prison_dpo).get(reverse("cooperation:access_log", args=[record.pk])).status_code == 404
    assert signed_in(prison_dpo).post(reverse("cooperation:rights", args=[record.pk]),
                                      {"restricted": "on"}).status_code == 404
    # Denied: a DPO of an organisation that wrote nothing on it, and a case manager.
    other_dpo = make_user("dpo@agency.example", org=stranger.memberships.get().organisation,
                          roles=[Role.DATA_PROTECTION])
    assert signed_in(other_dpo).get(reverse("cooperation:export", args=[record.pk, "json"])).status_code == 404
    assert signed_in(stranger).get(reverse("cooperation:export", args=[record.pk, "json"])).status_code == 404


def test_the_new_owners_dpo_exports_what_the_owner_holds(record, agreement, consent, prison_cm, probation_cm,
                                                         probation, intelligence_note):
    record, _referral = _hand_over(record, prison_cm, probation_cm, probation)
    services.note_add(actor=_fresh(probation_cm), record=record, section=Section.CASEWORK, body="SPIP note")
    probation_dpo = make_user("dpo@probation.example", org=probation, roles=[Role.DATA_PROTECTION])
    scope = subject_access_scope(_fresh(probation_dpo), record)
    assert scope.whole
    data = services.subject_access_export(actor=_fresh(probation_dpo), record=record)
    texts = {n["text"] for n in data["notes"]}
    assert "SPIP note" in texts and intelligence_note.body not in texts  # the intelligence section did not travel


# --- 3. only what the agreement and the basis allow travels; the form says so before sending -----------------


def test_a_handover_carries_only_what_the_agreement_and_the_consent_allow(record, agreement, consent, prison_cm,
                                                                          probation_cm, probation,
                                                                          intelligence_note):
    plan = transfer_plan(record, probation.pk, Section.values)
    assert set(plan.travelling) == set(CASEWORK_SECTIONS)
    assert set(plan.held_back_sections) == {Section.IDENTITY, Section.INTELLIGENCE}
    assert all("agreement does not cover it" in " ".join(r) for _s, r in plan.held_back)
    referral = services.referral_create(actor=prison_cm, record=record, to_organisation=probation,
                                        kind="handover", reason="Release day")
    page = signed_in(probation_cm).get(reverse("cooperation:referral", args=[referral.pk])).content.decode()
    assert "Will not travel" in page and "Risk and intelligence" in page
    services.referral_accept(actor=_fresh(probation_cm), referral=referral)
    record = TransitionRecord.objects.get(pk=record.pk)
    assert set(record.owner_sections) == set(CASEWORK_SECTIONS)
    grant = record_access(_fresh(probation_cm), record)
    assert grant.on_owner_team and grant.sections == set(CASEWORK_SECTIONS)
    client = signed_in(probation_cm)
    intelligence = client.get(reverse("cooperation:section", args=[record.pk, "intelligence"]))
    assert intelligence.status_code == 403 and intelligence_note.body not in intelligence.content.decode()
    assert client.get(reverse("cooperation:identity", args=[record.pk])).status_code == 403
    assert not access.visible(_fresh(probation_cm), Note).filter(section="intelligence").exists()
    # A colleague the new owner adds later with full access does not see what did not travel either.
    colleague = make_user("second@probation.example", org=probation, roles=[Role.CASE_MANAGER])
    services.team_add(actor=_fresh(probation_cm), record=record, user=colleague, organisation=probation,
                      access_level="full")
    assert not record_access(_fresh(colleague), record).sees(Section.INTELLIGENCE)


def test_the_referral_form_says_which_selected_sections_will_not_travel(record, agreement, consent, prison_cm,
                                                                        probation):
    url = reverse("cooperation:refer", args=[record.pk])
    data = {"to_organisation": probation.pk, "kind": "handover", "urgency": "routine", "access_level": "full",
            "sections": ["identity", "casework", "practical"], "reason": "Release day"}
    client = signed_in(prison_cm)
    first = client.post(url, data)
    body = first.content.decode()
    assert first.status_code == 400 and "These selected sections will not travel" in body
    assert "Identity" in body and "the information-sharing agreement does not cover it" in body
    assert not Referral.objects.exists()
    # Confirmed: sent, without identity.
    assert client.post(url, {**data, "confirm_held_back": "on"}).status_code == 302
    referral = Referral.objects.get()
    assert transfer_plan(record, probation.pk, referral.sections).held_back_sections == ["identity"]
    # A basis of its own needs its evidence.
    referral.status = Referral.Status.REVOKED
    referral.save()
    missing = client.post(url, {**data, "extra_basis": "legal_obligation"})
    assert missing.status_code == 400 and "documented" in missing.content.decode()


def test_a_section_outside_them_travels_with_its_own_recorded_legal_basis(record, agreement, consent, prison_cm,
                                                                          probation_cm, probation):
    response = api_client(prison_cm).post("/api/v1/referrals/", {
        "record": record.pk, "to_organisation": probation.pk, "kind": "handover", "reason": "Release day",
        "sections": ["identity", "casework"], "extra_basis": "legal_obligation",
        "extra_basis_evidence": "Code of criminal procedure, art. 712"}, format="json")
    assert response.status_code == 201, response.content
    own = SharingBasis.objects.get(beyond_agreement=True)
    assert own.scope == ["identity"] and own.basis == "legal_obligation" and list(own.recipients.all()) == [probation]
    referral = Referral.objects.get()
    assert transfer_plan(record, probation.pk, referral.sections).travelling == ("identity", "casework")
    services.referral_accept(actor=_fresh(probation_cm), referral=referral)
    grant = record_access(_fresh(probation_cm), TransitionRecord.objects.get(pk=record.pk))
    assert grant.sections == {"identity", "casework"}


def test_a_referral_carries_only_its_pack(record, agreement, consent, prison_cm, probation_cm, probation):
    referral = services.referral_create(actor=prison_cm, record=record, to_organisation=probation,
                                        access_level="casework", sections=["practical"], reason="Support")
    services.referral_accept(actor=_fresh(probation_cm), referral=referral)
    assert record_access(_fresh(probation_cm), record).sections == {"practical"}


# --- 4. minutes and decisions follow the section model -------------------------------------------------------


@pytest.fixture
def held_conference(shared_record, prison_cm, probation_cm, mentor):
    conference = services.conference_schedule(actor=prison_cm, record=shared_record, title="Panel",
                                              scheduled_at=timezone.now(), participants=[probation_cm, mentor],
                                              location="Prison A")
    services.conference_record(actor=prison_cm, conference=conference, expected_version=conference.version,
                               minutes="Licence breach discussed", attended_user_ids=[mentor.pk],
                               decisions=["Recall hearing to be considered"],
                               practical_minutes="Mentor meets weekly", practical_decisions=["Weekly mentoring"])
    return CaseConference.objects.get(pk=conference.pk)


def test_a_practical_mentor_sees_only_the_practical_minutes_and_decisions(held_conference, mentor, probation_cm):
    url = reverse("cooperation:conference", args=[held_conference.pk])
    page = signed_in(mentor).get(url).content.decode()
    assert "Mentor meets weekly" in page and "Weekly mentoring" in page
    assert "Licence breach" not in page and "Recall hearing" not in page
    event = AuditEvent.objects.filter(action="cooperation.record.section_viewed", actor=mentor).latest("seq")
    assert event.data["section"] == "practical" and event.purpose == "case conference"
    api = api_client(mentor).get(f"/api/v1/conferences/{held_conference.pk}/").json()
    assert [d["text"] for d in api["decisions"]] == ["Weekly mentoring"]
    assert "minutes" not in api
    # Case work access: both.
    full = signed_in(probation_cm).get(url).content.decode()
    assert "Recall hearing" in full and "Weekly mentoring" in full
    api = api_client(probation_cm).get(f"/api/v1/conferences/{held_conference.pk}/").json()
    assert {d["text"] for d in api["decisions"]} == {"Recall hearing to be considered", "Weekly mentoring"}
    assert AuditEvent.objects.filter(action="cooperation.record.section_viewed", actor=probation_cm,
                                     purpose="case conference (API)").exists()


def test_the_conference_page_and_api_stay_flat(held_conference, prison_cm, mentor, count_queries):
    client, api = signed_in(mentor), api_client(mentor)
    url, api_url = reverse("cooperation:conference", args=[held_conference.pk]), \
        f"/api/v1/conferences/{held_conference.pk}/"
    client.get(url), api.get(api_url)
    before = (count_queries(lambda: client.get(url))[0], count_queries(lambda: api.get(api_url))[0])
    services.conference_record(actor=prison_cm, conference=held_conference, expected_version=held_conference.version,
                               minutes="more", attended_user_ids=[], decisions=["a", "b"],
                               practical_decisions=["c", "d"])
    after = (count_queries(lambda: client.get(url))[0], count_queries(lambda: api.get(api_url))[0])
    assert before == after


# --- 5. team roles are choices -------------------------------------------------------------------------------


def test_team_roles_are_translatable_choices(record, prison_cm, prison, probation_cm, agreement, consent,
                                             probation):
    url = reverse("cooperation:team", args=[record.pk])
    page = signed_in(prison_cm).get(url).content.decode()
    assert '<option value="mentor">Mentor</option>' in page
    bad = signed_in(prison_cm).post(url, {"email": probation_cm.email, "organisation": probation.pk,
                                          "access_level": "casework", "role_on_team": "Chief of everything"})
    assert bad.status_code == 400 and not TeamMember.objects.filter(user=probation_cm).exists()
    assert signed_in(prison_cm).post(url, {"email": probation_cm.email, "organisation": probation.pk,
                                           "access_level": "casework",
                                           "role_on_team": "probation_officer"}).status_code == 302
    member = TeamMember.objects.current().get(user=probation_cm)
    assert member.get_role_on_team_display() == "Probation officer"
    assert TeamMember.objects.get(user=prison_cm).role_on_team == TeamRole.CASE_MANAGER
    with pytest.raises(Exception, match="Choose a role"):
        services.team_add(actor=prison_cm, record=record, user=make_user(org=prison), organisation=prison,
                          access_level="practical", role_on_team="boss")


def test_free_text_roles_migrate_to_choices():
    migration = importlib.import_module("integra.cooperation.migrations.0008_need_to_know_after_handover")

    def code(text):
        low = text.strip().lower()
        return next((c for c, words in migration.ROLE_WORDS if any(w in low for w in words)), "other")

    assert code("Volunteer mentor") == "mentor"
    assert code("Case manager") == "case_manager"
    assert code("Gestionnaire de cas") == "case_manager"
    assert code("Handover (ownership moves)") == "referral_contact"
    assert code("Prison officer") == "prison_officer"
    assert code("Mentoring coordinator") == "mentoring_coordinator"
    assert code("Chef") == "other"
    assert set(c for c, _w in migration.ROLE_WORDS) <= set(TeamRole.values)


# --- 6. a section outside one's access: told in words, where the record itself can be opened ----------------


def test_a_section_outside_ones_access_is_refused_in_words_but_records_do_not_leak(shared_record, mentor,
                                                                                   stranger):
    client = signed_in(mentor)
    response = client.get(reverse("cooperation:section", args=[shared_record.pk, "casework"]))
    body = response.content.decode()
    assert response.status_code == 403
    assert "Case work: not shared with you" in body and "does not include this section" in body
    assert "secret-casework-note" not in body
    assert client.get(reverse("cooperation:identity", args=[shared_record.pk])).status_code == 403
    assert client.get(reverse("cooperation:section", args=[shared_record.pk, "practical"])).status_code == 200
    # Someone who cannot open the record, and a record that does not exist: the same 404.
    outsider = signed_in(stranger)
    assert outsider.get(reverse("cooperation:section", args=[shared_record.pk, "casework"])).status_code == 404
    assert outsider.get(reverse("cooperation:section", args=[shared_record.pk, "practical"])).status_code == 404
    assert client.get(reverse("cooperation:section", args=[shared_record.pk + 999, "casework"])).status_code == 404
    assert client.get(reverse("cooperation:section", args=[shared_record.pk, "nonsense"])).status_code == 404


def test_the_refusal_page_speaks_the_readers_language(shared_record, mentor):
    response = signed_in(mentor).get(f"/fr/cases/{shared_record.pk}/sections/casework/")
    assert response.status_code == 403
    assert '<html lang="fr"' in response.content.decode()


def test_the_demo_shows_the_handover_and_the_meeting_as_they_should_be():
    from django.core.management import call_command

    call_command("demo", verbosity=0)
    first = TransitionRecord.objects.get(reference="TR-DEMO-0001")
    handover = first.referrals.get(kind="handover")
    plan = transfer_plan(first, handover.to_organisation_id, handover.sections)
    assert set(plan.held_back_sections) == {Section.IDENTITY, Section.INTELLIGENCE}
    spip_cm, prison_cm = (User.objects.get(email=e) for e in ("casemanager@example.org", "prisoncase@example.org"))
    services.referral_accept(actor=spip_cm, referral=handover)
    first.refresh_from_db()
    assert not record_access(_fresh(prison_cm), first).allowed
    assert not record_access(_fresh(spip_cm), first).sees(Section.INTELLIGENCE)
    dpo = _fresh(User.objects.get(email="dpo@example.org"))
    exported = services.subject_access_export(actor=dpo, record=first)
    assert any("recruiter" in n["text"] for n in exported["notes"])
    volunteer = _fresh(User.objects.get(email="volunteer@example.org"))
    conference = CaseConference.objects.get(record__reference="TR-DEMO-0002")
    page = signed_in(volunteer).get(reverse("cooperation:conference", args=[conference.pk])).content.decode()
    assert "Continue weekly mentoring" in page and "Licence conditions" not in page


def test_a_member_narrowed_to_practical_support_neither_reads_nor_writes_case_work_minutes(
        held_conference, record, prison_cm, probation_cm, probation):
    TeamMember.objects.filter(record=record, user=probation_cm).update(sections=["practical"])
    member = _fresh(probation_cm)
    assert access.can(member, "view", held_conference) and not access.can(member, "change", held_conference)
    page = signed_in(probation_cm).get(reverse("cooperation:conference", args=[held_conference.pk]))
    body = page.content.decode()
    assert page.status_code == 200 and "Licence breach" not in body and "Mentor meets weekly" in body
    assert signed_in(probation_cm).post(reverse("cooperation:conference", args=[held_conference.pk]), {
        "minutes": "", "version": held_conference.version}).status_code == 403
    assert CaseConference.objects.get(pk=held_conference.pk).minutes == "Licence breach discussed"


def test_emergency_access_after_a_handover_opens_only_what_the_owner_holds(record, agreement, consent, prison_cm,
                                                                           probation_cm, probation, stranger,
                                                                           platform_admin, intelligence_note):
    record, _referral = _hand_over(record, prison_cm, probation_cm, probation)
    services.agreement_create(actor=platform_admin, title="Protection", parties=[probation,
                                                                                 stranger.memberships.get()
                                                                                 .organisation],
                              purposes="Public protection", data_categories=["practical"],
                              legal_basis=LegalBasis.PUBLIC_TASK, valid_from=timezone.localdate(),
                              signatories="Directors")
    services.emergency_access_grant(actor=_fresh(stranger), record=record, risk_to_life=True,
                                    reason="Credible threat tonight, need the plan")
    grant = record_access(_fresh(stranger), record)
    assert grant.via == "emergency" and grant.level == "full"
    assert grant.sections == set(CASEWORK_SECTIONS)  # identity and intelligence did not travel to the owner


def test_the_record_page_shows_each_members_actual_access(shared_record, prison_cm, probation_cm, consent):
    services.basis_withdraw(actor=prison_cm, basis=consent)
    page = signed_in(prison_cm).get(reverse("cooperation:record", args=[shared_record.pk])).content.decode()
    team = page[page.index('id="team-heading"'):page.index('id="actions-heading"')]
    assert f"{probation_cm} — Probation B" in team and "no longer has access" in team
    assert "(Full, Case manager)" in team


def test_a_referral_of_which_nothing_may_travel_is_refused(record, agreement, consent, prison_cm, probation_cm,
                                                           probation):
    with pytest.raises(Exception, match="None of the selected sections may travel"):
        services.referral_create(actor=prison_cm, record=record, to_organisation=probation, access_level="full",
                                 sections=["identity"], reason="Support")
    referral = services.referral_create(actor=prison_cm, record=record, to_organisation=probation,
                                        access_level="casework", sections=["practical"], reason="Support")
    SharingBasis.objects.filter(pk=consent.pk).update(scope=["casework"])
    with pytest.raises(Exception, match="may travel to your organisation any more"):
        services.referral_accept(actor=_fresh(probation_cm), referral=referral)
    assert not TeamMember.objects.filter(user=probation_cm).exists()
