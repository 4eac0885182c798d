"""The large API lists page by key (a cursor), never by counting: every row once, in order, whatever the page, with
no COUNT(*), a query count flat in the size of the list, and a forged cursor refused like a page that is not there."""

import base64
import json

import pytest
from rest_framework.test import APIClient

from integra.core.models import Membership
from integra.core.roles import Role
from tests.conftest import api_client, make_org, make_user

pytestmark = pytest.mark.django_db


def _walk(client, url, **params):
    """Every page from the first along `next`; the rows and the bodies."""
    pages = []
    body = client.get(url, params).json()
    pages.append(body)
    while body["next"]:
        body = client.get(body["next"]).json()
        pages.append(body)
    return [row for page in pages for row in page["results"]], pages


def _cursor(raw) -> str:
    return base64.urlsafe_b64encode(json.dumps(raw).encode()).decode().rstrip("=")


@pytest.fixture
def crowd(org, org_admin):
    return [make_user(f"person{i:02d}@org.example", org=org, roles=[Role.TRAINER], second_factor=False)
            for i in range(7)]


def test_users_walk_forward_and_back_in_order_without_counting(org, org_admin, crowd, count_queries):
    client = api_client(org_admin)
    rows, pages = _walk(client, "/api/v1/users/", page_size=3)
    emails = [u["email"] for u in rows]
    assert emails == sorted([org_admin.email, *(u.email for u in crowd)])  # every one once, by e-mail
    assert [len(p["results"]) for p in pages] == [3, 3, 2]
    assert pages[0]["previous"] is None and pages[-1]["next"] is None and "count" not in pages[0]
    back = client.get(pages[-1]["previous"]).json()
    assert back["results"] == pages[1]["results"]
    assert client.get(back["previous"]).json()["results"] == pages[0]["results"]

    def second_page():
        response = client.get(pages[0]["next"])
        assert response.status_code == 200
        return response

    with_cursor, response = count_queries(second_page)
    for i in range(5):
        make_user(f"later{i}@org.example", org=org, roles=[Role.TRAINER], second_factor=False)
    assert count_queries(second_page)[0] == with_cursor  # flat in the size of the list


def test_no_count_is_run(org_admin, crowd):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = api_client(org_admin)
    for url in ("/api/v1/users/", "/api/v1/memberships/", "/api/v1/cases/", "/api/v1/referrals/",
                "/api/v1/actions/", "/api/v1/enrolments/", "/api/v1/audit-events/"):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, {"page_size": 2})
        assert response.status_code == 200, url
        assert set(response.json()) == {"next", "previous", "results"}, url
        assert not [q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"].upper()], url


def test_a_row_added_between_pages_neither_repeats_nor_shifts_a_page(org, org_admin, crowd):
    client = api_client(org_admin)
    first = client.get("/api/v1/users/", {"page_size": 4}).json()
    make_user("aaa-first@org.example", org=org, roles=[Role.TRAINER], second_factor=False)  # sorts before the cursor
    second = client.get(first["next"]).json()
    seen = [u["email"] for u in first["results"] + second["results"]]
    assert len(seen) == len(set(seen)) == 8 and "aaa-first@org.example" not in seen


def test_memberships_page_by_organisation_then_id(platform_admin, org, other_org, crowd):
    elsewhere = [make_user(f"x{i}@other.example", org=other_org, roles=[Role.MENTOR], second_factor=False)
                 for i in range(3)]
    rows, pages = _walk(api_client(platform_admin), "/api/v1/memberships/", page_size=2)
    expected = list(Membership.objects.order_by("organisation_id", "id").values_list("pk", flat=True))
    assert [m["id"] for m in rows] == expected and len(pages) == (len(expected) + 1) // 2
    assert {m["email"] for m in rows} >= {u.email for u in elsewhere}


def test_what_a_member_may_not_see_stays_out_of_every_page(member, crowd):
    rows, pages = _walk(api_client(member), "/api/v1/users/", page_size=1)
    assert [u["email"] for u in rows] == [member.email] and len(pages) == 1


@pytest.mark.parametrize("cursor", [
    "not a cursor", "%%%", _cursor(["a list"]), _cursor({"r": 2, "k": ["a"]}), _cursor({"r": 0, "k": []}),
    _cursor({"r": 0, "k": [None]}), _cursor({"r": 0, "k": [True]}), _cursor({"r": 0, "k": [{"a": 1}]}),
])
def test_a_forged_cursor_is_a_404_in_the_error_format(org_admin, cursor):
    response = api_client(org_admin).get("/api/v1/users/", {"cursor": cursor})
    assert response.status_code == 404, cursor
    assert response.json()["error"]["code"] == "not_found"


def test_a_cursor_key_of_the_wrong_type_is_a_404_not_a_500(org_admin):
    response = api_client(org_admin).get("/api/v1/memberships/",
                                         {"cursor": _cursor({"r": 0, "k": ["abc", "y"]})})
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    response = api_client(org_admin).get("/api/v1/referrals/", {"cursor": _cursor({"r": 0, "k": ["soon", 1]})})
    assert response.status_code == 404


@pytest.mark.parametrize("size", ["0", "201", "x", ""])
def test_page_size_is_checked(org_admin, size):
    response = api_client(org_admin).get("/api/v1/users/", {"page_size": size})
    assert response.status_code == 400 and "page_size" in response.json()["error"]["fields"]


def test_anonymous_is_refused_before_any_page(crowd):
    assert APIClient().get("/api/v1/users/", {"cursor": _cursor({"r": 0, "k": ["a"]})}).status_code in (401, 403)


def test_the_schema_declares_cursor_pages_for_the_large_lists():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    for path, component in [("/api/v1/users/", "PaginatedUserList"), ("/api/v1/cases/", "PaginatedRecordListList"),
                            ("/api/v1/actions/", "PaginatedActionList"), ("/api/v1/referrals/",
                                                                          "PaginatedReferralList"),
                            ("/api/v1/memberships/", "PaginatedMembershipList"),
                            ("/api/v1/enrolments/", "PaginatedEnrolmentList")]:
        parameters = {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}
        assert "cursor" in parameters and "page" not in parameters, path
        assert parameters["page_size"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 200}, path
        properties = schema["components"]["schemas"][component]["properties"]
        assert set(properties) == {"next", "previous", "results"}, component
        assert properties["next"]["nullable"] and properties["previous"]["nullable"]
    assert "count" in schema["components"]["schemas"]["PaginatedOrganisationList"]["properties"]  # small list


def test_an_other_organisation_s_people_are_not_reached_through_a_cursor(org_admin, crowd):
    stranger_org = make_org("Elsewhere")
    make_user("zzz@elsewhere.example", org=stranger_org, roles=[Role.TRAINER], second_factor=False)
    rows, _pages = _walk(api_client(org_admin), "/api/v1/users/", page_size=50,
                         cursor=_cursor({"r": 0, "k": ["zz"]}))
    assert rows == []


def test_a_datetime_key_with_ties_walks_every_row_once_both_ways(org, crowd):
    """Like referrals (-created_at, -id) and enrolments: a timestamp key, many rows sharing one instant."""
    from datetime import timedelta

    from django.utils import timezone
    from rest_framework.request import Request
    from rest_framework.test import APIRequestFactory

    from integra.core.api_policy import KeysetPagination

    now = timezone.now()
    Membership.objects.update(created_at=now)
    Membership.objects.filter(pk=Membership.objects.order_by("id").first().pk).update(
        created_at=now - timedelta(days=1))
    view = type("View", (), {"cursor_ordering": ("-created_at", "-id")})()
    expected = list(Membership.objects.order_by("-created_at", "-id").values_list("pk", flat=True))

    def page(url):
        paginator = KeysetPagination()
        rows = paginator.paginate_queryset(Membership.objects.all(), Request(APIRequestFactory().get(url)), view)
        return [m.pk for m in rows], paginator.get_next_link(), paginator.get_previous_link()

    seen, pages, url = [], [], "/api/v1/memberships/?page_size=3"
    while url:
        rows, url, previous = page(url)
        seen += rows
        pages.append((rows, previous))
    assert seen == expected and len(pages) == 3
    assert page(pages[-1][1])[0] == pages[-2][0]  # back one page from the last
