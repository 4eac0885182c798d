"""The `integra` console command's own subcommands."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Q
from django.utils import timezone
from rest_framework.test import APIClient

from integra.accounts.models import PersonalAccessToken, User
from integra.core.models import AuditEvent, Invitation, Membership, Notification, Organisation
from integra.core.roles import Role

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_prints_accounts(capsys):
    call_command("demo")
    counts = (Organisation.objects.count(), User.objects.count(), Membership.objects.count())
    out = capsys.readouterr().out
    assert "admin@example.org" in out and "Password for every demo account" in out
    # Every account it made, those the apps' loaders add too (the README's table lists them all).
    printed = {line.split()[0] for line in out.splitlines() if line.startswith("  ") and "@" in line}
    people = User.objects.filter(email__endswith="@example.org").filter(
        Q(memberships__isnull=False) | Q(is_superuser=True))
    assert printed == set(people.values_list("email", flat=True))
    assert {"rater.one@example.org", "circle.one@example.org"} <= printed
    call_command("demo")
    assert (Organisation.objects.count(), User.objects.count(), Membership.objects.count()) == counts
    assert set(Organisation.objects.values_list("country", flat=True)) >= {"FR", "BG", "IT", "PT", "GR"}
    held = set(Membership.objects.values_list("roles__role", flat=True))
    assert held >= set(Role.values)
    assert User.objects.get(email="admin@example.org").is_superuser


def test_token_create_list_revoke(member, capsys):
    call_command("token", "create", member.email, "--days", "7", "--read-only")
    secret = capsys.readouterr().out.strip()
    token = PersonalAccessToken.objects.get(user=member)
    assert token.read_only and token.expires_at < timezone.now() + timedelta(days=8)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert client.get("/api/v1/users/me/").json()["email"] == member.email
    call_command("token", "list", member.email)
    assert token.prefix in capsys.readouterr().out
    call_command("token", "revoke", token.prefix)
    assert client.get("/api/v1/users/me/").status_code == 401
    assert AuditEvent.objects.filter(action="accounts.token.revoked").exists()


def test_token_errors_are_clear(member):
    with pytest.raises(CommandError, match="No account"):
        call_command("token", "create", "nobody@example.org")
    with pytest.raises(CommandError, match="366"):
        call_command("token", "create", member.email, "--days", "9999")
    with pytest.raises(CommandError, match="No token"):
        call_command("token", "revoke", "itg_doesnotexist")


def test_purge_removes_only_expired_records_and_is_audited(org, member, capsys):
    long_ago = timezone.now() - timedelta(days=400)
    old = Invitation.objects.create(email="o@example.org", organisation=org, roles=[], token_hash="c" * 64,
                                    expires_at=long_ago)
    fresh = Invitation.objects.create(email="f@example.org", organisation=org, roles=[], token_hash="d" * 64,
                                      expires_at=timezone.now() + timedelta(days=3))
    Notification.objects.create(recipient=member, title="old", read_at=long_ago)
    Notification.objects.create(recipient=member, title="unread")
    call_command("purge", "--dry-run")
    assert Invitation.objects.filter(pk=old.pk).exists()
    call_command("purge")
    assert not Invitation.objects.filter(pk=old.pk).exists() and Invitation.objects.filter(pk=fresh.pk).exists()
    assert list(Notification.objects.values_list("title", flat=True)) == ["unread"]
    event = AuditEvent.objects.get(action="core.retention.purged")
    assert event.data["counts"]["core.invitations"] == 1


def test_keys_generate_prints_a_fernet_key(capsys):
    from cryptography.fernet import Fernet

    call_command("keys", "generate")
    Fernet(capsys.readouterr().out.strip().encode())
