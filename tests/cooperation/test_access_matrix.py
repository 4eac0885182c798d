"""Need to know, proven: every section × access level × organisation situation, through the pages, the API,
the timeline, search, exports and notifications."""

import pytest
from django.urls import reverse
from django.utils import timezone

from integra.cooperation import services
from integra.cooperation.models import Section, SharingBasis, TransitionRecord
from integra.cooperation.policy import record_access
from integra.core import access
from integra.core.models import Notification
from tests.conftest import api_client, signed_in

from .conftest import CASEWORK_SECTIONS

pytestmark = pytest.mark.django_db

SECTIONS = [s for s in Section.values if s != Section.IDENTITY]
EXPECTED = {
    # who: sections they may read
    "prison_cm": set(Section.values),  # owner team, full access
    "probation_cm": {"assessment", "casework", "practical"},  # case work, under agreement and consent
    "mentor": {"practical"},  # practical support only
    "stranger": set(),  # off the team
}


def _sections_seen_through_pages(client, record):
    seen = set()
    for section in Section.values:
        url = reverse("cooperation:identity", args=[record.pk]) if section == Section.IDENTITY else \
            reverse("cooperation:section", args=[record.pk, section])
        response = client.get(url)
        # 403 with a page in words when the person can open the record but not this section; 404 when they
        # cannot open the record at all (its existence does not leak).
        assert response.status_code in (200, 403, 404), (url, response.status_code)
        if response.status_code == 403:
            assert "not shared with you" in response.content.decode()
            assert "secret-" not in response.content.decode()
        if response.status_code == 200:
            seen.add(section)
            if section != Section.IDENTITY:
                assert f"secret-{section}-note" in response.content.decode()
    return seen


@pytest.mark.parametrize("who", list(EXPECTED))
def test_sections_per_access_level(who, shared_record, request):
    user = request.getfixturevalue(who)
    client = signed_in(user)
    assert _sections_seen_through_pages(client, shared_record) == EXPECTED[who]
    record_page = client.get(reverse("cooperation:record", args=[shared_record.pk]))
    body = record_page.content.decode()
    if not EXPECTED[who]:
        assert record_page.status_code == 404
        return
    assert record_page.status_code == 200
    for section in SECTIONS:
        assert (f"secret-{section}-note" in body) is False  # notes never on the summary page
    assert "Samir" not in body  # the summary is pseudonymous; the name lives in the identity section only


@pytest.mark.parametrize("who", list(EXPECTED))
def test_api_and_timeline_agree_with_pages(who, shared_record, request):
    user = request.getfixturevalue(who)
    client = api_client(user)
    listed = {r["reference"] for r in client.get("/api/v1/cases/").json()["results"]}
    assert (shared_record.reference in listed) == bool(EXPECTED[who])
    detail = client.get(f"/api/v1/cases/{shared_record.pk}/")
    if not EXPECTED[who]:
        assert detail.status_code == 404
        assert client.get(f"/api/v1/cases/{shared_record.pk}/timeline/").status_code == 404
        return
    assert set(detail.json()["your_access"]["sections"]) == EXPECTED[who]
    timeline = client.get(f"/api/v1/cases/{shared_record.pk}/timeline/").json()["results"]
    sections_in_timeline = {row["section"] for row in timeline} - {""}
    assert sections_in_timeline <= EXPECTED[who]
    assert "Samir" not in str(detail.json()) and "Samir" not in str(timeline)


def test_list_filter_and_object_check_agree(shared_record, prison_cm, probation_cm, mentor, stranger, prison_dpo):
    for user in (prison_cm, probation_cm, mentor, stranger, prison_dpo):
        visible = set(access.visible(user, TransitionRecord).values_list("pk", flat=True))
        assert (shared_record.pk in visible) == access.can(user, "view", shared_record), user


def test_no_agreement_no_sharing(record, consent, prison_cm, stranger, stranger_org):
    with pytest.raises(Exception) as error:
        services.team_add(actor=prison_cm, record=record, user=stranger, organisation=stranger_org,
                          access_level="practical")
    assert "no valid information-sharing agreement" in str(error.value)
    assert "no consent or other legal basis" in str(error.value)


def test_no_basis_no_sharing(record, agreement, prison_cm, probation_cm, probation):
    with pytest.raises(Exception) as error:
        services.team_add(actor=prison_cm, record=record, user=probation_cm, organisation=probation,
                          access_level="casework")
    message = str(error.value)
    assert "no consent or other legal basis" in message and "agreement" not in message.split("basis")[0]


def test_consent_withdrawal_cuts_access_at_once(shared_record, consent, prison_cm, probation_cm, mentor):
    services.basis_withdraw(actor=prison_cm, basis=consent)
    for user in (probation_cm, mentor):
        services_user_cache_reset(user)
        assert signed_in(user).get(reverse("cooperation:record", args=[shared_record.pk])).status_code == 404
        assert api_client(user).get(f"/api/v1/cases/{shared_record.pk}/").status_code == 404
    assert signed_in(prison_cm).get(reverse("cooperation:record", args=[shared_record.pk])).status_code == 200


def test_agreement_ending_cuts_access(shared_record, agreement, platform_admin, probation_cm):
    services.agreement_terminate(actor=platform_admin, agreement=agreement)
    assert signed_in(probation_cm).get(reverse("cooperation:record", args=[shared_record.pk])).status_code == 404


def test_consent_scope_narrows_sections(record, agreement, prison_cm, probation_cm, probation):
    services.basis_add(actor=prison_cm, record=record, basis="consent", scope=["practical"], recipients=[probation],
                       given_on=timezone.localdate())
    services.team_add(actor=prison_cm, record=record, user=probation_cm, organisation=probation,
                      access_level="casework")
    assert record_access(probation_cm, record).sections == {"practical"}


def test_after_handover_the_new_owner_has_full_access(record, agreement, consent, prison_cm, probation_cm):
    referral = services.referral_create(actor=prison_cm, record=record, to_organisation=probation_cm.memberships
                                        .get().organisation, kind="handover", reason="Release day")
    services.referral_accept(actor=probation_cm, referral=referral)
    record.refresh_from_db()
    assert record.owner_id == probation_cm.memberships.get().organisation_id
    grant = record_access(probation_cm, record)
    # Full access as the new owner, to what travelled: the agreement and the consent cover case work only.
    assert grant.level == "full" and grant.on_owner_team and grant.sections == set(CASEWORK_SECTIONS)
    services_user_cache_reset(prison_cm)
    # the prison is now a partner: it sees only what the agreement and the consent allow
    assert record_access(prison_cm, record).sections <= {"assessment", "casework", "practical"}


def test_caseload_search_never_finds_invisible_records(shared_record, stranger):
    response = signed_in(stranger).get(reverse("cooperation:caseload"), {"q": shared_record.reference})
    assert reverse("cooperation:record", args=[shared_record.pk]) not in response.content.decode()
    assert "No record matches these filters." in response.content.decode()


def test_notifications_name_only_the_reference(shared_record, probation_cm):
    for note in Notification.objects.filter(recipient=probation_cm):
        assert "Samir" not in note.title + note.body and "secret-" not in note.title + note.body


def test_exports_and_access_log_only_for_owner_full_team_and_dpo(shared_record, prison_cm, probation_cm, mentor,
                                                                 stranger, prison_dpo):
    for user, allowed in ((prison_cm, True), (prison_dpo, True), (probation_cm, False), (mentor, False),
                          (stranger, False)):
        client = signed_in(user)
        for url in (reverse("cooperation:access_log", args=[shared_record.pk]),
                    reverse("cooperation:export", args=[shared_record.pk, "json"])):
            assert (client.get(url).status_code == 200) == allowed, (user, url)


def test_dpo_does_not_see_content_pages(shared_record, prison_dpo):
    client = signed_in(prison_dpo)
    assert client.get(reverse("cooperation:record", args=[shared_record.pk])).status_code == 404
    assert shared_record.reference in client.get(reverse("cooperation:data_protection")).content.decode()


def test_withdrawn_basis_cannot_be_used_for_new_referrals(record, agreement, consent, prison_cm, probation):
    SharingBasis.objects.filter(pk=consent.pk).update(withdrawn_at=timezone.now())
    with pytest.raises(Exception, match="no consent"):
        services.referral_create(actor=prison_cm, record=record, to_organisation=probation, reason="x")


def services_user_cache_reset(user):
    from integra.cooperation.policy import forget_record_access

    forget_record_access(user)
