"""Sign-in, lockout, second factor, idle timeout, language, profile, tokens and invitations."""

import time

import pyotp
import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from integra.accounts.models import PersonalAccessToken, User
from integra.accounts.services import token_create
from integra.core.models import AuditEvent, Membership
from integra.core.roles import Role
from integra.core.services import invitation_create
from tests.conftest import give_totp, make_org, make_user, signed_in

pytestmark = pytest.mark.django_db
PASSWORD = "A-long-password-1"
LOGIN = "/en/accounts/login/"


def _login(client, email, password=PASSWORD):
    return client.post(LOGIN, {"login": email, "password": password})


def test_login_and_failed_login_are_audited(member):
    client = Client()
    _login(client, member.email, "wrong-password")
    assert AuditEvent.objects.filter(action="accounts.login.failed", actor_label=member.email).exists()
    response = _login(client, member.email)
    assert response.status_code == 302 and response["Location"] == "/en/dashboard/"
    assert AuditEvent.objects.filter(action="accounts.login.succeeded", actor=member).exists()


def test_login_lands_in_the_users_language(org):
    user = make_user(org=org, roles=[Role.TRAINER], second_factor=False, language="pt")
    response = _login(Client(), user.email)
    assert response["Location"] == "/pt/dashboard/"
    assert response.cookies["django_language"].value == "pt"


def test_account_locks_after_repeated_failures(member, settings):
    client = Client()
    for _i in range(settings.LOGIN_ATTEMPTS):
        _login(client, member.email, "wrong-password")
    response = _login(client, member.email)  # the right password, too late
    assert response.status_code != 302
    assert "Too many failed login attempts" in response.content.decode()


def test_role_with_personal_data_must_set_up_second_factor(org):
    user = make_user(org=org, roles=[Role.CASE_MANAGER], second_factor=False)
    client = Client()
    _login(client, user.email)
    response = client.get("/en/dashboard/")
    assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    api = client.get("/api/v1/organisations/")
    assert api.status_code == 403 and api.json()["error"]["code"] == "second_factor_required"


def test_totp_setup_then_access(org, django_capture_on_commit_callbacks):
    user = make_user(org=org, roles=[Role.MENTOR], second_factor=False)
    client = Client()
    _login(client, user.email)
    page = client.get(reverse("mfa_activate_totp"))
    secret = page.context["form"].secret
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mfa_activate_totp"), {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302
    assert client.get("/en/dashboard/").status_code == 200
    assert AuditEvent.objects.filter(action="accounts.mfa.added", actor=user).exists()


def test_role_without_personal_data_is_not_forced(member):
    client = Client()
    client.force_login(member)
    assert client.get("/en/dashboard/").status_code == 200


def test_login_with_totp_asks_for_the_code(org):
    user = make_user(org=org, roles=[Role.CASE_MANAGER], second_factor=False)
    secret = give_totp(user)
    client = Client()
    response = _login(client, user.email)
    assert response.status_code == 302 and response["Location"] == reverse("mfa_authenticate")
    assert client.get("/en/dashboard/").status_code == 302  # not signed in yet
    response = client.post(reverse("mfa_authenticate"), {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302
    assert client.get("/en/dashboard/").status_code == 200


def test_idle_session_times_out(member, settings):
    client = signed_in(member)
    assert client.get("/en/dashboard/").status_code == 200
    session = client.session
    session["integra_last_activity"] = int(time.time()) - settings.SESSION_IDLE_TIMEOUT_MINUTES * 60 - 5
    session.save()
    response = client.get("/en/dashboard/")
    assert response.status_code == 302 and LOGIN in response["Location"]
    assert client.get("/en/dashboard/").status_code == 302


def test_password_reset_sends_mail(member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post("/en/accounts/password/reset/", {"email": member.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and member.email in mail.outbox[0].to


def test_signup_is_closed():
    response = Client().post("/en/accounts/signup/", {"email": "x@example.org", "password1": PASSWORD,
                                                      "password2": PASSWORD})
    assert not User.objects.filter(email="x@example.org").exists()
    assert response.status_code in (200, 302)


# --- profile and language ------------------------------------------------------------------------------------


def test_profile_updates_language_and_name(member):
    client = signed_in(member)
    response = client.post("/en/account/profile/", {"full_name": "Ana", "language": "pt", "version": 1})
    assert response.status_code == 302 and response["Location"] == "/pt/account/profile/"
    member.refresh_from_db()
    assert member.language == "pt" and member.full_name == "Ana"
    stale = client.post("/pt/account/profile/", {"full_name": "Old", "language": "pt", "version": 1})
    assert stale.status_code == 409  # a stale edit is a conflict, as on every other page
    response = client.post("/pt/account/profile/", {"full_name": "Ana", "language": "tlh", "version": 2})
    assert response.status_code == 400
    assert User.objects.get(pk=member.pk).language == "pt"


def test_profile_requires_sign_in():
    assert Client().get("/en/account/profile/").status_code == 302


def test_language_switcher_anonymous_and_signed_in(member):
    response = Client().post("/i18n/setlang/", {"language": "el", "next": "/en/"})
    assert response.status_code == 302 and response["Location"] == "/el/"
    client = signed_in(member)
    response = client.post("/i18n/setlang/", {"language": "bg", "next": "/en/dashboard/"})
    assert response["Location"] == "/bg/dashboard/"
    assert User.objects.get(pk=member.pk).language == "bg"
    response = client.post("/i18n/setlang/", {"language": "xx", "next": "https://evil.example/"})
    assert response["Location"] == "/"
    assert User.objects.get(pk=member.pk).language == "bg"


# --- tokens -------------------------------------------------------------------------------------------------


def test_tokens_page_shows_the_secret_once_and_revokes(member, org_admin):
    client = signed_in(member)
    response = client.post("/en/account/tokens/", {"name": "reporting", "days": 30, "read_only": "on"})
    assert response.status_code == 200
    secret = response.context["new_secret"]
    assert secret.startswith("itg_")
    token = PersonalAccessToken.objects.get(user=member)
    assert secret.split("_", 2)[2] not in token.secret_hash
    assert secret not in client.get("/en/account/tokens/").content.decode()
    others, _ = token_create(actor=None, user=org_admin, name="theirs", days=5)
    assert client.post(f"/en/account/tokens/{others.pk}/revoke/").status_code == 404
    assert client.post(f"/en/account/tokens/{token.pk}/revoke/").status_code == 302
    assert PersonalAccessToken.objects.get(pk=token.pk).revoked_at is not None


def test_token_form_bad_input(member):
    response = signed_in(member).post("/en/account/tokens/", {"name": "", "days": 1000})
    assert response.status_code == 400 and not PersonalAccessToken.objects.exists()


# --- invitations ------------------------------------------------------------------------------------------------


def _invite(org, admin, email, roles=(Role.MENTOR,)):
    _invitation, token = invitation_create(actor=admin, organisation=org, email=email, roles=list(roles))
    return f"/en/invitations/{token}/"


def test_new_person_accepts_invitation(org, org_admin):
    url = _invite(org, org_admin, "volunteer@example.org")
    client = Client()
    assert client.get(url).status_code == 200
    weak = client.post(url, {"full_name": "Vol", "password1": "123", "password2": "123"})
    assert weak.status_code == 400 and not User.objects.filter(email="volunteer@example.org").exists()
    response = client.post(url, {"full_name": "Vol Unteer", "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    membership = Membership.objects.get(user__email="volunteer@example.org")
    assert membership.role_codes == [Role.MENTOR]
    assert client.get(url).status_code == 404  # used
    # mentors see personal data: after signing in, the next page asks for a second factor
    _login(client, "volunteer@example.org")
    assert client.get("/en/dashboard/")["Location"] == reverse("mfa_activate_totp")


def test_invalid_invitation_link():
    response = Client().get("/en/invitations/made-up-token/")
    assert response.status_code == 404 and "not valid" in response.content.decode()


def test_invitation_for_existing_account_requires_that_account(org, org_admin, member):
    other_org = make_org()
    admin = make_user(org=other_org, roles=[Role.ORG_ADMIN])
    url = _invite(other_org, admin, member.email, roles=[Role.RESEARCHER])
    assert "Sign in" in Client().get(url).content.decode()
    wrong = signed_in(org_admin).post(url)
    assert wrong.status_code == 403
    response = signed_in(member).post(url)
    assert response.status_code == 302
    assert Membership.objects.get(user=member, organisation=other_org).role_codes == [Role.RESEARCHER]


def test_language_switch_works_whatever_the_cookie_says(member):
    client = signed_in(member)
    client.cookies["django_language"] = "fr"
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/en/dashboard/"})
    assert response["Location"] == "/fr/dashboard/"
    response = client.post("/i18n/setlang/", {"language": "it", "next": "/pt/organisations/?country=IT"})
    assert response["Location"] == "/it/organisations/?country=IT"
