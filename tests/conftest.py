"""Shared fixtures: people in roles, organisations, signed-in clients, and a query-count helper."""

import itertools

import pyotp
import pytest
from allauth.mfa.models import Authenticator
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from integra.accounts.models import User
from integra.core.models import Membership, MembershipRole, Organisation, OrganisationKind
from integra.core.roles import Role

_seq = itertools.count(1)


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def make_org(name=None, kind=OrganisationKind.PRISON, country="FR", **extra) -> Organisation:
    return Organisation.objects.create(name=name or f"Organisation {next(_seq)}", kind=kind, country=country, **extra)


def make_user(email=None, *, org=None, roles=(), superuser=False, second_factor=True, **extra) -> User:
    user = User.objects.create_user(email=email or f"person{next(_seq)}@example.org", password="A-long-password-1",
                                    is_superuser=superuser, is_staff=superuser, **extra)
    if org is not None:
        membership = Membership.objects.create(user=user, organisation=org)
        MembershipRole.objects.bulk_create([MembershipRole(membership=membership, role=r) for r in roles])
    if second_factor:
        give_totp(user)
    return user


def give_totp(user) -> str:
    secret = pyotp.random_base32()
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": _encrypt_secret(secret)})
    return secret


def _encrypt_secret(secret):
    from allauth.mfa.utils import encrypt

    return encrypt(secret)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    session = client.session
    session["integra_mfa_ok"] = True
    session.save()
    return client


def api_client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def org(db):
    return make_org("Centre pénitentiaire Test")


@pytest.fixture
def other_org(db):
    return make_org("Other Probation Service", kind=OrganisationKind.PROBATION, country="IT")


@pytest.fixture
def platform_admin(db):
    return make_user("root@example.org", superuser=True)


@pytest.fixture
def org_admin(org):
    return make_user("admin@org.example", org=org, roles=[Role.ORG_ADMIN])


@pytest.fixture
def dpo(org):
    return make_user("dpo@org.example", org=org, roles=[Role.DATA_PROTECTION])


@pytest.fixture
def member(org):
    return make_user("trainer@org.example", org=org, roles=[Role.TRAINER], second_factor=False)


@pytest.fixture
def outsider(other_org):
    return make_user("admin@other.example", org=other_org, roles=[Role.ORG_ADMIN])


class QueryCounter:
    def __call__(self, fn):
        with CaptureQueriesContext(connection) as ctx:
            result = fn()
        return len(ctx.captured_queries), result


@pytest.fixture
def count_queries():
    return QueryCounter()
