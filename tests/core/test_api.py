"""The REST API: same policy as the pages, one error format, pagination, filters, optimistic concurrency."""

import pytest
from rest_framework.test import APIClient

from integra.accounts.services import token_create
from integra.core import audit
from integra.core.models import AuditEvent, Invitation, Membership, Organisation
from integra.core.roles import Role
from tests.conftest import api_client, make_org, make_user

pytestmark = pytest.mark.django_db


def _error(response):
    body = response.json()
    assert set(body) == {"error"}, body
    assert {"code", "message"} <= set(body["error"])
    return body["error"]


def test_anonymous_requests_are_refused_with_the_error_format():
    for url in ("/api/v1/organisations/", "/api/v1/users/", "/api/v1/memberships/", "/api/v1/audit-events/",
                "/api/v1/invitations/"):
        response = APIClient().get(url)
        assert response.status_code in (401, 403), url
        assert _error(response)["code"] in {"not_authenticated", "authentication_failed"}


def test_organisation_list_filters_and_paginates(org, other_org, member):
    client = api_client(member)
    body = client.get("/api/v1/organisations/").json()
    assert body["count"] == 2 and {o["name"] for o in body["results"]} == {org.name, other_org.name}
    body = client.get("/api/v1/organisations/", {"country": "IT"}).json()
    assert [o["name"] for o in body["results"]] == [other_org.name]
    body = client.get("/api/v1/organisations/", {"q": "pénitentiaire"}).json()
    assert [o["name"] for o in body["results"]] == [org.name]
    response = client.get("/api/v1/organisations/", {"country": "Atlantis"})
    assert response.status_code == 400 and "country" in _error(response)["fields"]


def test_organisation_list_query_count_constant(member, count_queries):
    client = api_client(member)
    n1, _ = count_queries(lambda: client.get("/api/v1/organisations/"))
    parent = make_org()
    for _i in range(20):
        make_org(parent=parent)
    n2, response = count_queries(lambda: client.get("/api/v1/organisations/"))
    assert response.status_code == 200 and n1 == n2


def test_create_organisation_platform_admin_only(platform_admin, org_admin):
    data = {"name": "Lisbon NGO", "kind": "community", "country": "PT"}
    response = api_client(org_admin).post("/api/v1/organisations/", data, format="json")
    assert response.status_code == 403 and _error(response)["code"] == "permission_denied"
    response = api_client(platform_admin).post("/api/v1/organisations/", data, format="json")
    assert response.status_code == 201 and response.json()["version"] == 1
    response = api_client(platform_admin).post("/api/v1/organisations/", {"name": "", "kind": "x"}, format="json")
    error = _error(response)
    assert response.status_code == 400 and {"name", "kind", "country"} <= set(error["fields"])
    assert Organisation.objects.filter(name="Lisbon NGO").count() == 1


def test_patch_organisation_with_stale_version_is_409(org, org_admin, other_org):
    client = api_client(org_admin)
    response = client.patch(f"/api/v1/organisations/{org.pk}/", {"city": "Lyon", "version": 1}, format="json")
    assert response.status_code == 200 and response.json()["version"] == 2
    response = client.patch(f"/api/v1/organisations/{org.pk}/", {"city": "Nice", "version": 1}, format="json")
    assert response.status_code == 409 and _error(response)["code"] == "stale_version"
    assert Organisation.objects.get(pk=org.pk).city == "Lyon"
    response = client.patch(f"/api/v1/organisations/{other_org.pk}/", {"city": "Rome"}, format="json")
    assert response.status_code == 403


def test_memberships_scoped_and_role_changes(org, org_admin, member, outsider, count_queries):
    membership = Membership.objects.get(user=member)
    assert api_client(outsider).get(f"/api/v1/memberships/{membership.pk}/").status_code == 404
    client = api_client(org_admin)
    emails = {m["email"] for m in client.get("/api/v1/memberships/").json()["results"]}
    assert emails == {org_admin.email, member.email}
    response = client.patch(f"/api/v1/memberships/{membership.pk}/", {"roles": ["mentor", "trainer"]}, format="json")
    assert response.status_code == 200 and response.json()["roles"] == ["mentor", "trainer"]
    response = client.patch(f"/api/v1/memberships/{membership.pk}/", {"roles": ["wizard"]}, format="json")
    assert response.status_code == 400 and "roles" in _error(response)["fields"]
    response = client.patch(f"/api/v1/memberships/{membership.pk}/", {"roles": ["mentor"], "version": 1},
                            format="json")
    assert response.status_code == 409
    response = client.patch(f"/api/v1/memberships/{membership.pk}/", {"is_active": False}, format="json")
    assert response.status_code == 200 and response.json()["is_active"] is False
    n1, _ = count_queries(lambda: client.get("/api/v1/memberships/"))
    for _i in range(10):
        make_user(org=org, roles=[Role.MENTOR, Role.TRAINER], second_factor=False)
    n2, _ = count_queries(lambda: client.get("/api/v1/memberships/"))
    assert n1 == n2


def test_member_sees_only_own_membership(member, org_admin):
    body = api_client(member).get("/api/v1/memberships/").json()
    assert [m["email"] for m in body["results"]] == [member.email]
    response = api_client(member).patch(f"/api/v1/memberships/{body['results'][0]['id']}/", {"roles": ["org_admin"]},
                                        format="json")
    assert response.status_code == 403
    assert Membership.objects.get(user=member).role_codes == [Role.TRAINER]


def test_invitations_create_list_revoke(org, org_admin, other_org):
    client = api_client(org_admin)
    response = client.post("/api/v1/invitations/", {"email": "new@example.org", "organisation": org.pk,
                                                     "roles": ["mentor"]}, format="json")
    assert response.status_code == 201 and response.json()["status"] == "pending"
    invitation_id = response.json()["id"]
    response = client.post("/api/v1/invitations/", {"email": "new@example.org", "organisation": org.pk,
                                                     "roles": ["mentor"]}, format="json")
    assert response.status_code == 400 and "email" in _error(response)["fields"]
    response = client.post("/api/v1/invitations/", {"email": "x@example.org", "organisation": other_org.pk,
                                                     "roles": ["mentor"]}, format="json")
    assert response.status_code == 403  # the directory is visible, but the other organisation is not theirs
    assert client.get("/api/v1/invitations/").json()["count"] == 1
    response = client.post(f"/api/v1/invitations/{invitation_id}/revoke/")
    assert response.status_code == 200 and response.json()["status"] == "revoked"
    assert Invitation.objects.get(pk=invitation_id).revoked_at is not None


def test_audit_events_scoped_filtered_cursor_paginated(org, other_org, org_admin, count_queries):
    for i in range(60):
        audit.record(action="core.organisation.updated", organisation=org, object_id=str(i))
    audit.record(action="core.organisation.updated", organisation=other_org, purpose="elsewhere")
    client = api_client(org_admin)
    body = client.get("/api/v1/audit-events/").json()
    assert len(body["results"]) == 50 and body["next"]
    assert all(e["organisation"] == org.pk for e in body["results"])
    second = client.get(body["next"]).json()
    assert len(second["results"]) == 10
    body = client.get("/api/v1/audit-events/", {"object_id": "7"}).json()
    assert [e["object_id"] for e in body["results"]] == ["7"]
    response = client.get("/api/v1/audit-events/", {"date_from": "yesterday"})
    assert response.status_code == 400 and "date_from" in _error(response)["fields"]
    assert client.post("/api/v1/audit-events/", {}, format="json").status_code == 405
    seq = body["results"][0]["seq"]
    assert client.delete(f"/api/v1/audit-events/{seq}/").status_code == 405
    n1, _ = count_queries(lambda: client.get("/api/v1/audit-events/"))
    for _i in range(20):
        audit.record(action="core.organisation.updated", organisation=org, actor=org_admin)
    n2, _ = count_queries(lambda: client.get("/api/v1/audit-events/"))
    assert n1 == n2


def test_audit_event_export_csv(org, org_admin):
    audit.record(action="core.organisation.updated", organisation=org, purpose="@SUM(A1)")
    response = api_client(org_admin).get("/api/v1/audit-events/export/")
    content = b"".join(response.streaming_content).decode()
    assert response.status_code == 200 and "'@SUM(A1)" in content
    assert AuditEvent.objects.filter(action="core.audit.exported").exists()


def test_users_scoped(org, org_admin, member, outsider, platform_admin):
    emails = {u["email"] for u in api_client(org_admin).get("/api/v1/users/").json()["results"]}
    assert emails == {org_admin.email, member.email}
    assert {u["email"] for u in api_client(member).get("/api/v1/users/").json()["results"]} == {member.email}
    assert api_client(outsider).get(f"/api/v1/users/{member.pk}/").status_code == 404
    assert api_client(platform_admin).get(f"/api/v1/users/{outsider.pk}/").status_code == 200


def test_me_reads_and_updates_profile(member):
    client = api_client(member)
    assert client.get("/api/v1/users/me/").json()["email"] == member.email
    response = client.patch("/api/v1/users/me/", {"language": "pt", "full_name": "Marta"}, format="json")
    assert response.status_code == 200 and response.json()["language"] == "pt"
    response = client.patch("/api/v1/users/me/", {"language": "xx"}, format="json")
    assert response.status_code == 400 and "language" in _error(response)["fields"]
    response = client.patch("/api/v1/users/me/", {"full_name": "Stale", "version": 1}, format="json")
    assert response.status_code == 409


def test_personal_access_tokens(org, org_admin):
    _token, read_secret = token_create(actor=None, user=org_admin, name="reports", days=5, read_only=True)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {read_secret}")
    assert client.get("/api/v1/organisations/").status_code == 200
    response = client.patch(f"/api/v1/organisations/{org.pk}/", {"city": "Lyon"}, format="json")
    assert response.status_code == 403 and "read-only" in _error(response)["message"]
    token, write_secret = token_create(actor=None, user=org_admin, name="sync", days=5, read_only=False)
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {write_secret}")
    assert client.patch(f"/api/v1/organisations/{org.pk}/", {"city": "Lyon"}, format="json").status_code == 200
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {write_secret[:-2]}xx")
    assert client.get("/api/v1/organisations/").status_code == 401
    client.credentials(HTTP_AUTHORIZATION="Bearer itg_nonsense")
    assert client.get("/api/v1/organisations/").status_code == 401


def test_schema_and_docs_are_served():
    client = APIClient()
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    for path in ("/api/v1/organisations/", "/api/v1/users/", "/api/v1/memberships/", "/api/v1/audit-events/"):
        assert path in paths
    assert "personalAccessToken" in schema.json()["components"]["securitySchemes"]
    assert client.get("/api/v1/docs/").status_code == 200


def test_platform_admin_deactivates_an_account_everywhere(member, org_admin, platform_admin):
    _token, secret = token_create(actor=None, user=member, name="script", days=5)
    response = api_client(org_admin).post(f"/api/v1/users/{member.pk}/deactivate/")
    assert response.status_code == 403
    response = api_client(platform_admin).post(f"/api/v1/users/{member.pk}/deactivate/")
    assert response.status_code == 200 and response.json()["is_active"] is False
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert client.get("/api/v1/users/me/").status_code == 401
    assert AuditEvent.objects.filter(action="accounts.user.deactivated", object_id=str(member.pk)).exists()
    response = api_client(platform_admin).post(f"/api/v1/users/{platform_admin.pk}/deactivate/")
    assert response.status_code == 400
