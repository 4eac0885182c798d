"""Writes: policy checked, one transaction, one audit event, side effects after commit."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from integra.core import services
from integra.core.errors import StaleEdit
from integra.core.models import AuditEvent, Invitation, Membership, Notification, Organisation
from integra.core.roles import Role
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def _last_action():
    return AuditEvent.objects.order_by("-seq").values_list("action", flat=True).first()


def test_platform_admin_creates_an_organisation_and_invites_its_first_admin(
        platform_admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        organisation = services.organisation_create(
            actor=platform_admin, name=" Sofia Probation ", kind="probation", country="BG",
            first_admin_email="Head@Probation.example")
    assert organisation.name == "Sofia Probation"
    invitation = Invitation.objects.get(organisation=organisation)
    assert invitation.email == "head@probation.example" and invitation.roles == [Role.ORG_ADMIN]
    assert AuditEvent.objects.filter(action="core.organisation.created", object_id=str(organisation.pk)).exists()
    assert len(mail.outbox) == 1 and "/invitations/" in mail.outbox[0].body


def test_only_platform_admins_create_organisations(org_admin):
    with pytest.raises(PermissionDenied):
        services.organisation_create(actor=org_admin, name="X", kind="prison", country="FR")
    assert not Organisation.objects.filter(name="X").exists()


def test_organisation_update_refuses_a_stale_version(org, org_admin):
    services.organisation_update(actor=org_admin, organisation=org, expected_version=1, city="Lyon")
    assert org.version == 2
    stale = Organisation.objects.get(pk=org.pk)
    with pytest.raises(StaleEdit):
        services.organisation_update(actor=org_admin, organisation=stale, expected_version=1, city="Paris")
    assert Organisation.objects.get(pk=org.pk).city == "Lyon"


def test_organisation_cannot_become_its_own_ancestor(org, platform_admin):
    child = Organisation.objects.create(name="Child", kind="prison", country="FR", parent=org)
    with pytest.raises(ValidationError):
        services.organisation_update(actor=platform_admin, organisation=org, expected_version=org.version,
                                     parent=child)


def test_invitation_for_a_new_person_creates_account_and_membership(org, org_admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation, token = services.invitation_create(actor=org_admin, organisation=org, email="new@example.org",
                                                       roles=[Role.MENTOR, Role.TRAINER])
    assert token in mail.outbox[0].body
    assert services.invitation_by_token(token) == invitation
    user, membership = services.invitation_accept(invitation=invitation, full_name="New Person",
                                                  password="A-long-password-1")
    assert user.check_password("A-long-password-1")
    assert membership.role_codes == [Role.MENTOR, Role.TRAINER]
    assert services.invitation_by_token(token) is None  # one use only
    assert Notification.objects.filter(recipient=org_admin).exists()
    with pytest.raises(ValidationError):
        services.invitation_accept(invitation=Invitation.objects.get(pk=invitation.pk), full_name="Again",
                                   password="A-long-password-1")


def test_invitation_errors_are_specific_and_change_nothing(org, org_admin, member, other_org):
    count = Invitation.objects.count()
    with pytest.raises(ValidationError, match="already a member"):
        services.invitation_create(actor=org_admin, organisation=org, email=member.email, roles=[Role.TRAINER])
    with pytest.raises(ValidationError, match="Unknown role"):
        services.invitation_create(actor=org_admin, organisation=org, email="a@example.org", roles=["wizard"])
    with pytest.raises(PermissionDenied):
        services.invitation_create(actor=org_admin, organisation=other_org, email="a@example.org", roles=[Role.TRAINER])
    services.invitation_create(actor=org_admin, organisation=org, email="a@example.org", roles=[Role.TRAINER])
    with pytest.raises(ValidationError, match="pending invitation"):
        services.invitation_create(actor=org_admin, organisation=org, email="A@example.org", roles=[Role.TRAINER])
    assert Invitation.objects.count() == count + 1


def test_existing_account_must_be_the_invited_person(org, org_admin, member):
    other = make_user("someone@example.org")
    invitation, _ = services.invitation_create(actor=org_admin, organisation=org, email="someone@example.org",
                                               roles=[Role.RESEARCHER])
    with pytest.raises(PermissionDenied):
        services.invitation_accept(invitation=invitation, user=member)
    _user, membership = services.invitation_accept(invitation=invitation, user=other)
    assert membership.role_codes == [Role.RESEARCHER]


def test_role_change_is_audited_and_notified(org, org_admin, member):
    membership = member.memberships.get()
    services.membership_set_roles(actor=org_admin, membership=membership, roles=[Role.TRAINER, Role.MENTOR],
                                  expected_version=membership.version)
    event = AuditEvent.objects.get(action="core.membership.roles_changed")
    assert event.data["before"] == [Role.TRAINER] and event.data["after"] == [Role.MENTOR, Role.TRAINER]
    assert event.organisation_id == org.pk
    assert Notification.objects.filter(recipient=member).exists()


def test_the_last_admin_cannot_be_removed(org, org_admin):
    membership = org_admin.memberships.get()
    with pytest.raises(ValidationError, match="at least one active administrator"):
        services.membership_set_roles(actor=org_admin, membership=membership, roles=[Role.TRAINER],
                                      expected_version=membership.version)
    assert Membership.objects.get(pk=membership.pk).role_codes == [Role.ORG_ADMIN]


def test_admins_cannot_deactivate_themselves_but_can_deactivate_others(org, org_admin, member):
    with pytest.raises(ValidationError):
        services.membership_set_active(actor=org_admin, membership=org_admin.memberships.get(), active=False)
    services.membership_set_active(actor=org_admin, membership=member.memberships.get(), active=False)
    assert not Membership.objects.get(user=member).is_active
    assert _last_action() == "core.membership.deactivated"


def test_other_organisations_admin_cannot_change_roles(org, member, outsider):
    membership = member.memberships.get()
    with pytest.raises(PermissionDenied):
        services.membership_set_roles(actor=outsider, membership=membership, roles=[Role.ORG_ADMIN],
                                      expected_version=membership.version)


def test_a_failing_mail_server_loses_nothing(org, org_admin, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.core.test_services.BrokenEmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        invitation, _ = services.invitation_create(actor=org_admin, organisation=org, email="kept@example.org",
                                                   roles=[Role.TRAINER])
    assert Invitation.objects.filter(pk=invitation.pk).exists()


class BrokenEmailBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")
