"""The record page works out the team's access once per request (it was twice: once for the team list and again
for the action form's owner choices), and its queries stay flat in the size of the team and of the caseload."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from integra.cooperation import services
from tests.conftest import make_user, signed_in


def _page_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response, [query["sql"] for query in captured.captured_queries]


def test_team_access_is_worked_out_once(shared_record, prison_cm):
    client = signed_in(prison_cm)
    url = reverse("cooperation:record", args=[shared_record.pk])
    client.get(url)
    response, queries = _page_queries(client, url)
    agreement_reads = [sql for sql in queries if 'FROM "cooperation_sharingagreement"' in sql]
    assert len(agreement_reads) == 1, agreement_reads  # _sharing_today, once
    # The action form still offers exactly the team members who can open the record.
    owners = response.context["action_form"].fields["owner"].queryset
    assert set(owners.values_list("email", flat=True)) == {member.member.user.email
                                                          for member in response.context["team"] if member.allowed}
    page = response.content.decode()
    for user in owners:
        assert f'<option value="{user.pk}">' in page  # the owner choices are on the page (FastSelect)
    assert '<select name="phase" id="id_phase">' in page and '<select name="kind" id="id_kind">' in page


def test_record_page_queries_flat_in_team_and_caseload(shared_record, prison, probation, prison_cm):
    client = signed_in(prison_cm)
    url = reverse("cooperation:record", args=[shared_record.pk])
    client.get(url)
    _response, before = _page_queries(client, url)
    for i in range(4):
        colleague = make_user(f"colleague{i}@probation.example", org=probation, roles=["case_manager"])
        services.team_add(actor=prison_cm, record=shared_record, user=colleague, organisation=probation,
                          access_level="casework")
        services.record_open(actor=prison_cm, organisation=prison, given_names=f"P{i}", family_name="Q")
    _response, after = _page_queries(client, url)
    assert len(after) == len(before), (len(before), len(after))
