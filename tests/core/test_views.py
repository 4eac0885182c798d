"""Pages: allowed, denied (anonymous, wrong role, other organisation), bad input, and query counts that do not
grow with the data."""

import pytest
from django.urls import reverse

from integra.core import audit
from integra.core.models import Invitation, Membership, Notification, Organisation
from integra.core.roles import Role
from tests.conftest import make_org, make_user, signed_in

pytestmark = pytest.mark.django_db


def _login_redirect(response):
    return response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- home, dashboard --------------------------------------------------------------------------------------


def test_home_is_public_and_links_to_sign_in(client):
    response = client.get("/en/")
    assert response.status_code == 200
    assert reverse("account_login") in response.content.decode()


def test_root_redirects_to_a_language(client):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/en/"


def test_dashboard_requires_sign_in(client):
    assert _login_redirect(client.get(reverse("core:dashboard")))


def test_dashboard_shows_what_needs_attention_for_an_org_admin(org, org_admin, member):
    Invitation.objects.create(email="w@example.org", organisation=org, roles=[Role.MENTOR], token_hash="a" * 64,
                              expires_at="2999-01-01T00:00Z")
    make_user(org=org, roles=[Role.CASE_MANAGER], second_factor=False)
    page = signed_in(org_admin).get(reverse("core:dashboard")).content.decode()
    assert "1 invitation waiting to be accepted" in page
    assert "1 member has not set up a second factor yet" in page


def test_dashboard_empty_state_for_someone_without_organisation(db):
    page = signed_in(make_user()).get(reverse("core:dashboard")).content.decode()
    assert "You do not belong to an organisation yet" in page
    assert "Nothing needs your attention right now." in page


def test_platform_admin_dashboard_lists_organisations_without_admin(platform_admin, org):
    page = signed_in(platform_admin).get(reverse("core:dashboard")).content.decode()
    assert org.name in page and "no active administrator" in page


def test_dashboard_queries_do_not_grow_with_data(org, org_admin, count_queries):
    client = signed_in(org_admin)
    url = reverse("core:dashboard")
    client.get(url)
    before, _ = count_queries(lambda: client.get(url))
    for _i in range(10):
        make_user(org=org, roles=[Role.MENTOR], second_factor=False)
        Notification.objects.create(recipient=org_admin, title="t")
        audit.record(action="core.test", organisation=org)
    after, response = count_queries(lambda: client.get(url))
    assert response.status_code == 200
    assert after == before, f"{before} queries became {after}"


# --- organisations ----------------------------------------------------------------------------------------


def test_organisation_list_search_filter_and_pagination(org, other_org, member):
    client = signed_in(member)
    page = client.get(reverse("core:organisation_list")).content.decode()
    assert org.name in page and other_org.name in page
    page = client.get(reverse("core:organisation_list"), {"country": "IT"}).content.decode()
    assert other_org.name in page and org.name not in page
    page = client.get(reverse("core:organisation_list"), {"q": "probation"}).content.decode()
    assert other_org.name in page and org.name not in page
    assert client.get(reverse("core:organisation_list"), {"country": "XX"}).status_code == 200  # ignored filter


def test_organisation_list_queries_constant(member, count_queries):
    client = signed_in(member)
    url = reverse("core:organisation_list")
    client.get(url)  # the first request of a session also stamps its activity time
    before, _ = count_queries(lambda: client.get(url))
    parent = make_org()
    for _i in range(30):
        make_org(parent=parent)
    after, _ = count_queries(lambda: client.get(url))
    assert after == before


def test_only_platform_admin_can_open_organisation_create(org_admin, platform_admin, client):
    url = reverse("core:organisation_create")
    assert _login_redirect(client.get(url))
    assert signed_in(org_admin).get(url).status_code == 403
    assert signed_in(platform_admin).get(url).status_code == 200


def test_create_organisation_with_first_admin(platform_admin, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(platform_admin).post(reverse("core:organisation_create"), {
            "name": "Athens Probation", "kind": "probation", "country": "GR", "first_admin_email": "boss@example.gr",
        })
    organisation = Organisation.objects.get(name="Athens Probation")
    assert response.status_code == 302 and response["Location"] == reverse("core:organisation_detail",
                                                                             args=[organisation.pk])
    assert Invitation.objects.filter(organisation=organisation, email="boss@example.gr").exists()
    assert len(mailoutbox) == 1


def test_create_organisation_bad_input_is_explained_and_changes_nothing(platform_admin):
    count = Organisation.objects.count()
    response = signed_in(platform_admin).post(reverse("core:organisation_create"), {
        "name": "", "kind": "castle", "country": "FR", "first_admin_email": "not-an-email",
    })
    assert response.status_code == 400
    body = response.content.decode()
    assert "This field is required." in body and "Select a valid choice." in body
    assert "Enter a valid email address." in body
    assert Organisation.objects.count() == count


def test_edit_organisation_allowed_for_its_admin_only(org, other_org, org_admin, member):
    assert signed_in(org_admin).get(reverse("core:organisation_edit", args=[org.pk])).status_code == 200
    assert signed_in(member).get(reverse("core:organisation_edit", args=[org.pk])).status_code == 404
    assert signed_in(org_admin).get(reverse("core:organisation_edit", args=[other_org.pk])).status_code == 404


def test_edit_organisation_refuses_a_stale_form(org, org_admin):
    client = signed_in(org_admin)
    data = {"name": org.name, "kind": org.kind, "country": org.country, "city": "Lyon", "version": 1}
    assert client.post(reverse("core:organisation_edit", args=[org.pk]), data).status_code == 302
    data["city"] = "Marseille"
    response = client.post(reverse("core:organisation_edit", args=[org.pk]), data)
    assert response.status_code == 409
    assert "Someone else changed this organisation" in response.content.decode()
    assert Organisation.objects.get(pk=org.pk).city == "Lyon"


def test_deactivate_organisation_is_platform_admin_only(org, org_admin, platform_admin):
    url = reverse("core:organisation_active", args=[org.pk])
    assert signed_in(org_admin).post(url, {"active": "0"}).status_code == 404
    assert signed_in(platform_admin).post(url, {"active": "0"}).status_code == 302
    assert not Organisation.objects.get(pk=org.pk).is_active


def test_missing_organisation_is_404_in_the_users_language(member):
    response = signed_in(member).get("/fr/organisations/999999/")
    assert response.status_code == 404
    assert 'lang="fr"' in response.content.decode()


# --- people -----------------------------------------------------------------------------------------------


def test_members_page_for_admin_only(org, other_org, org_admin, member, outsider, dpo, count_queries):
    url = reverse("core:members", args=[org.pk])
    assert signed_in(member).get(url).status_code == 404
    assert signed_in(outsider).get(url).status_code == 404
    assert signed_in(dpo).get(url).status_code == 404
    client = signed_in(org_admin)
    page = client.get(url).content.decode()
    assert member.email in page
    before, _ = count_queries(lambda: client.get(url))
    for _i in range(10):
        make_user(org=org, roles=[Role.MENTOR, Role.TRAINER], second_factor=False)
    after, _ = count_queries(lambda: client.get(url))
    assert after == before


def test_members_filter_by_missing_second_factor(org, org_admin, member):
    case_manager = make_user(org=org, roles=[Role.CASE_MANAGER], second_factor=False)
    page = signed_in(org_admin).get(reverse("core:members", args=[org.pk]), {"second_factor": "missing"})
    body = page.content.decode()
    assert case_manager.email in body and member.email not in body  # trainers need no second factor


def test_invite_page_sends_invitation(org, org_admin, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(org_admin).post(reverse("core:invite", args=[org.pk]),
                                             {"email": "mentor@example.pt", "roles": [Role.MENTOR], "job_title": ""})
    assert response.status_code == 302
    assert Invitation.objects.filter(email="mentor@example.pt", organisation=org).exists()
    assert "mentor@example.pt" in mailoutbox[0].to


def test_invite_bad_input(org, org_admin, member):
    client = signed_in(org_admin)
    response = client.post(reverse("core:invite", args=[org.pk]), {"email": "nope", "roles": ["wizard"]})
    assert response.status_code == 400
    response = client.post(reverse("core:invite", args=[org.pk]), {"email": member.email, "roles": [Role.MENTOR]})
    assert response.status_code == 400 and "already a member" in response.content.decode()
    assert not Invitation.objects.exists()


def test_invite_denied_for_other_organisation(org, outsider):
    response = signed_in(outsider).post(reverse("core:invite", args=[org.pk]),
                                        {"email": "x@example.org", "roles": [Role.MENTOR]})
    assert response.status_code == 404 and not Invitation.objects.exists()


def test_change_roles_page(org, org_admin, member, outsider):
    membership = member.memberships.get()
    url = reverse("core:membership_edit", args=[membership.pk])
    assert signed_in(outsider).get(url).status_code == 404
    assert signed_in(member).get(url).status_code == 404
    client = signed_in(org_admin)
    assert client.get(url).status_code == 200
    response = client.post(url, {"roles": [Role.MENTOR, Role.TRAINER], "job_title": "Volunteer", "version": 1})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role_codes == [Role.MENTOR, Role.TRAINER] and membership.job_title == "Volunteer"
    stale = client.post(url, {"roles": [Role.MENTOR], "job_title": "", "version": 1})
    assert stale.status_code == 409
    assert Membership.objects.get(pk=membership.pk).role_codes == [Role.MENTOR, Role.TRAINER]


def test_deactivate_and_reactivate_member(org, org_admin, member):
    membership = member.memberships.get()
    client = signed_in(org_admin)
    client.post(reverse("core:membership_active", args=[membership.pk]), {"active": "0"})
    assert not Membership.objects.get(pk=membership.pk).is_active
    client.post(reverse("core:membership_active", args=[membership.pk]), {"active": "1"})
    assert Membership.objects.get(pk=membership.pk).is_active


def test_revoke_invitation(org, org_admin, outsider):
    invitation = Invitation.objects.create(email="w@example.org", organisation=org, roles=[Role.MENTOR],
                                           token_hash="b" * 64, expires_at="2999-01-01T00:00Z")
    url = reverse("core:invitation_revoke", args=[invitation.pk])
    assert signed_in(outsider).post(url).status_code == 404
    assert signed_in(org_admin).post(url).status_code == 302
    assert Invitation.objects.get(pk=invitation.pk).revoked_at is not None


# --- audit trail ------------------------------------------------------------------------------------------


def test_audit_page_scoped_filtered_and_paged(org, other_org, org_admin, count_queries):
    for i in range(60):
        audit.record(action="core.organisation.updated", organisation=org, object_type="core.organisation",
                     object_id=str(org.pk), purpose=f"change {i}")
    audit.record(action="core.organisation.updated", organisation=other_org, purpose="elsewhere")
    client = signed_in(org_admin)
    response = client.get(reverse("core:audit"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "change 59" in body and "elsewhere" not in body
    assert "Older events" in body
    before = response.context["older_query"]
    older = client.get(reverse("core:audit") + "?" + before).content.decode()
    assert "change 0" in older and "change 59" not in older
    filtered = client.get(reverse("core:audit"), {"action": "accounts.login.succeeded"}).content.decode()
    assert "change 59" not in filtered
    n1, _ = count_queries(lambda: client.get(reverse("core:audit")))
    for _i in range(20):
        audit.record(action="core.organisation.updated", organisation=org, actor=org_admin)
    n2, _ = count_queries(lambda: client.get(reverse("core:audit")))
    assert n1 == n2


def test_audit_page_bad_filters_are_explained(org_admin):
    response = signed_in(org_admin).get(reverse("core:audit"), {"date_from": "2026-13-45", "actor": "x"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Enter a valid date." in body and "Select a valid choice." in body  # the person is a choice


def test_audit_page_for_plain_member_shows_only_own_actions(org, member):
    audit.record(action="core.organisation.updated", organisation=org, purpose="not yours")
    audit.record(action="accounts.login.succeeded", actor=member, purpose="yours")
    body = signed_in(member).get(reverse("core:audit")).content.decode()
    assert "yours" in body and "not yours" not in body


def test_audit_export_is_formula_safe_and_audited(org, org_admin):
    audit.record(action="core.organisation.updated", organisation=org, purpose="=HYPERLINK(\"http://evil\")")
    response = signed_in(org_admin).get(reverse("core:audit_export"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    content = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK" in content
    assert ",=HYPERLINK" not in content
    from integra.core.models import AuditEvent

    assert AuditEvent.objects.filter(action="core.audit.exported", actor=org_admin).exists()


def test_audit_export_requires_sign_in(client):
    assert _login_redirect(client.get(reverse("core:audit_export")))


# --- notifications ----------------------------------------------------------------------------------------


def test_notifications_list_and_mark_read(member, org_admin):
    mine = Notification.objects.create(recipient=member, title="Your roles changed")
    theirs = Notification.objects.create(recipient=org_admin, title="Private to admin")
    client = signed_in(member)
    body = client.get(reverse("core:notifications")).content.decode()
    assert "Your roles changed" in body and "Private to admin" not in body
    assert client.post(reverse("core:notification_read", args=[theirs.pk])).status_code == 404
    response = client.post(reverse("core:notification_read", args=[mine.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "Mark as read" not in response.content.decode()
    assert Notification.objects.get(pk=mine.pk).read_at is not None
    assert Notification.objects.get(pk=theirs.pk).read_at is None


def test_mark_all_read(member):
    Notification.objects.create(recipient=member, title="a")
    Notification.objects.create(recipient=member, title="b")
    signed_in(member).post(reverse("core:notifications_read_all"))
    assert not Notification.objects.filter(recipient=member, read_at__isnull=True).exists()


# --- health, errors, language, security headers --------------------------------------------------------------


def test_healthz_reports_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok" and response.json()["checks"]["database"] == "ok"


def test_healthz_503_when_the_database_is_down(client, monkeypatch):
    from django.db import connection

    def broken_cursor(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["checks"]["database"] == "unavailable"


def test_pages_send_strict_security_headers(client):
    response = client.get("/en/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_no_inline_script_or_style_in_pages(member):
    body = signed_in(member).get(reverse("core:dashboard")).content.decode()
    import re

    for tag in re.findall(r"<script[^>]*>", body):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert " style=" not in body and "<style" not in body


def test_interface_in_every_language(client, settings):
    for code, _name in settings.LANGUAGES:
        response = client.get(f"/{code}/")
        assert response.status_code == 200 and f'lang="{code}"' in response.content.decode()


def test_dashboard_counts_members_and_invitations_exactly(org, org_admin):
    for i in range(3):
        Invitation.objects.create(email=f"w{i}@example.org", organisation=org, roles=[Role.MENTOR],
                                  token_hash=f"{i}" * 64, expires_at="2999-01-01T00:00Z")
    for _i in range(4):
        make_user(org=org, roles=[Role.TRAINER], second_factor=False)
    for _i in range(2):
        make_user(org=org, roles=[Role.MENTOR], second_factor=False)
    page = signed_in(org_admin).get(reverse("core:dashboard")).content.decode()
    assert "3 invitations waiting to be accepted" in page and "7 active members" in page
    assert "2 members have not set up a second factor yet" in page
