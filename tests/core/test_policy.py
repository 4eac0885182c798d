"""The policies' two faces (object check and list filter) agree, role by role."""

import pytest
from django.http import Http404

from integra.core import access, audit
from integra.core.access import CHANGE, VIEW
from integra.core.models import AuditEvent, Invitation, Membership, Organisation
from integra.core.policy import MANAGE_MEMBERS, VIEW_AUDIT
from integra.core.roles import Role
from tests.conftest import make_org, make_user

pytestmark = pytest.mark.django_db


def _agrees(actor, model, action=VIEW):
    """Every row the list filter shows passes the object check, and every other row fails it."""
    visible = set(access.visible(actor, model).values_list("pk", flat=True))
    for obj in model._default_manager.all():
        assert access.can(actor, action, obj) == (obj.pk in visible), (actor, obj)
    return visible


def test_organisation_directory_is_visible_to_members_but_only_admins_change(
        org, other_org, org_admin, member, platform_admin):
    other_org.is_active = False
    other_org.save()
    assert _agrees(member, Organisation) == {org.pk}
    assert access.can(org_admin, CHANGE, org) and not access.can(member, CHANGE, org)
    assert access.can(platform_admin, CHANGE, other_org)
    assert set(access.visible(platform_admin, Organisation).values_list("pk", flat=True)) == {org.pk, other_org.pk}


def test_manage_members_and_audit_rights(org, other_org, org_admin, dpo, member, outsider):
    assert access.can(org_admin, MANAGE_MEMBERS, org)
    assert not access.can(org_admin, MANAGE_MEMBERS, other_org)
    assert not access.can(dpo, MANAGE_MEMBERS, org) and access.can(dpo, VIEW_AUDIT, org)
    assert not access.can(member, VIEW_AUDIT, org)
    assert not access.can(outsider, MANAGE_MEMBERS, org)


def test_memberships_visible_to_own_person_and_their_admins(org, org_admin, member, outsider):
    in_org = set(Membership.objects.filter(organisation=org).values_list("pk", flat=True))
    assert _agrees(org_admin, Membership) == in_org
    assert _agrees(member, Membership) == {member.memberships.get().pk}
    assert org.pk not in set(access.visible(outsider, Membership).values_list("organisation_id", flat=True))


def test_audit_events_scoped_to_organisation_and_own_members(org, other_org, org_admin, dpo, member, outsider,
                                                              platform_admin):
    own_org_event = audit.record(action="core.test", organisation=org)
    other_org_event = audit.record(action="core.test", organisation=other_org)
    member_login = audit.record(action="accounts.login.succeeded", actor=member)
    outsider_login = audit.record(action="accounts.login.succeeded", actor=outsider)
    for reader in (org_admin, dpo):
        seen = _agrees(reader, AuditEvent)
        assert {own_org_event.pk, member_login.pk} <= seen
        assert other_org_event.pk not in seen and outsider_login.pk not in seen
    assert _agrees(member, AuditEvent) == {member_login.pk}
    assert {own_org_event.pk, other_org_event.pk, member_login.pk, outsider_login.pk} <= _agrees(
        platform_admin, AuditEvent)


def test_nobody_may_change_audit_events(platform_admin):
    event = audit.record(action="core.test")
    assert not access.can(platform_admin, CHANGE, event)


def test_access_raises_404_for_missing_and_forbidden_alike(org, other_org, member):
    invitation = Invitation.objects.create(email="x@example.org", organisation=other_org, roles=[Role.TRAINER],
                                           token_hash="h" * 64, expires_at="2999-01-01T00:00Z")
    with pytest.raises(Http404):
        access.access(member, Invitation, invitation.pk)
    with pytest.raises(Http404):
        access.access(member, Invitation, 999_999)
    with pytest.raises(Http404):
        access.access(member, Invitation, "not-a-number")


def test_a_model_without_policy_is_denied(org, platform_admin):
    from allauth.mfa.models import Authenticator

    assert not access.can(platform_admin, VIEW, Authenticator(user=platform_admin, type="totp"))
    assert not access.visible(platform_admin, Authenticator).exists()


def test_deactivated_people_and_memberships_lose_their_rights(org, org_admin):
    assert access.can(org_admin, CHANGE, org)
    membership = org_admin.memberships.get()
    membership.is_active = False
    membership.save()
    access.forget_roles(org_admin)
    assert not access.can(org_admin, CHANGE, org)
    user = make_user(org=make_org(), roles=[Role.ORG_ADMIN])
    user.is_active = False
    assert not access.can(user, VIEW, org)


def test_audited_access_records_the_read_with_its_purpose(org, org_admin, member):
    membership = member.memberships.get()
    found = access.access_audited(org_admin, Membership, membership.pk, purpose="checking roles before a review")
    assert found == membership
    event = AuditEvent.objects.get(action="core.membership.viewed")
    assert event.actor == org_admin and event.purpose == "checking roles before a review"
    assert event.organisation_id == org.pk and event.object_id == str(membership.pk)
    with pytest.raises(Http404):
        access.access_audited(member, Membership, org_admin.memberships.get().pk, purpose="curiosity")
    assert AuditEvent.objects.filter(action="core.membership.viewed").count() == 1
