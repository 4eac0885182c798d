"""The audit trail in plain words: every action code has a label, records show their reference, people their
name and organisation, dates one locale-aware format, filters are choices, and the page stays flat in queries."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from integra.core import audit
from integra.core.audit_labels import describe, describe_purpose, known_actions
from integra.core.roles import Role
from tests.conftest import make_org, make_user, signed_in

SRC = Path(__file__).resolve().parents[2] / "src" / "integra"
APPS = ("core", "accounts", "cooperation", "learning", "events")
# `_audit("verb")` helpers prefix the app's family.
PREFIXES = {"cooperation": "cooperation.record.", "events": "events."}


def _codes_in_source() -> set[str]:
    codes = set()
    for app in APPS:
        for path in (SRC / app).rglob("*.py"):
            if "migrations" in path.parts or path.name in {"audit_labels.py", "audit_display.py"}:
                continue
            text = path.read_text()
            codes |= set(re.findall(r'action="((?:core|accounts|cooperation|learning|events|admin)\.[a-z_.]+)"', text))
            codes |= set(re.findall(r'"(learning\.[a-z_]+\.[a-z_]+)"', text))
            if app in PREFIXES:
                codes |= {PREFIXES[app] + verb for verb in re.findall(r'_audit\("([a-z_.]+)"', text)
                          if not verb.endswith(".")}
    # `_audit("registration." + status)`: the statuses an approval can lead to.
    codes |= {"events.registration.approved", "events.registration.waiting"}
    return {c for c in codes if c.count(".") >= 1 and not c.endswith(".")}


def test_every_action_code_of_every_app_has_a_label():
    codes = _codes_in_source()
    assert len(codes) > 80  # the scan found the codes
    missing = sorted(c for c in codes if c not in known_actions())
    assert not missing, f"audit codes without a label: {missing}"


def test_an_unregistered_viewed_code_still_reads():
    assert describe("core.organisation.viewed") == "Viewed: organisation"
    assert describe("nobody.knows.this") == "nobody.knows.this"



@pytest.mark.parametrize("language", ["fr", "pt"])
def test_labels_and_purposes_in_french_and_portuguese(language):
    with translation.override(language):
        assert describe("cooperation.referral.viewed") != "Viewed a referral"  # in the catalogue already
        label, purpose = describe("cooperation.record.section_viewed"), describe_purpose("case work (team member)")
    assert label != "Viewed a section of the record" and purpose != "case work (team member)"


@pytest.fixture
def trail(db):
    """An organisation with a named administrator and case manager, and a record with reads of a section."""
    from integra.cooperation import services as cooperation

    prison = make_org("Prison Alpha")
    admin = make_user("admin@alpha.example", org=prison, roles=[Role.ORG_ADMIN, Role.DATA_PROTECTION],
                      full_name="Ada Admin")
    cm = make_user("cm@alpha.example", org=prison, roles=[Role.CASE_MANAGER], full_name="Carl Case")
    record = cooperation.record_open(actor=cm, organisation=prison, given_names="A", family_name="B")
    cooperation.record_viewed(actor=cm, record=record, section="casework")
    return prison, admin, cm, record


def test_audit_page_shows_names_organisations_references_and_words(trail):
    prison, admin, cm, record = trail
    body = signed_in(admin).get(reverse("core:audit")).content.decode()
    assert "Carl Case" in body and "Prison Alpha" in body and record.reference in body
    assert "Viewed a section of the record" in body and "case work (team member)" in body
    assert "cooperation.record.section_viewed" not in body.split("<main")[1].split("<form")[0] + \
        body.split("</form>")[-1]  # no code outside the filter's option values
    assert "cooperation.transitionrecord #" not in body and "cm@alpha.example</td>" not in body


def test_audit_dates_are_one_locale_aware_format(trail, settings):
    _prison, admin, _cm, _record = trail
    client = signed_in(admin)
    en = client.get("/en/audit/").content.decode()
    assert not re.search(r"\d{1,2}:\d{2} [ap]\.m\.", en)  # not Django's US "7:10 a.m."
    assert re.search(r"<time datetime=\"[^\"]+\">\d{1,2} [A-Z][a-z]{2}\.? \d{4}, \d{2}:\d{2}</time>", en)
    fr = client.get("/fr/audit/").content.decode()
    assert re.search(r"<time datetime=\"[^\"]+\">\d{2}/\d{2}/\d{4} \d{2}:\d{2}</time>", fr)


def test_audit_filters_are_choices_and_find_record_events(trail):
    prison, admin, cm, record = trail
    client = signed_in(admin)
    response = client.get(reverse("core:audit"))
    form = response.context["form"]
    assert ("cm@alpha.example", "Carl Case (cm@alpha.example)") in form.fields["actor"].choices
    assert (prison.pk, "Prison Alpha") in form.fields["organisation"].choices
    assert ("cooperation.record", "Transition records") in form.fields["family"].choices
    action_codes = {code for _group, items in form.fields["action"].choices[1:] for code, _label in items}
    assert "cooperation.record.section_viewed" in action_codes  # record events can be chosen
    by_family = client.get(reverse("core:audit"), {"family": "cooperation.record"}).context["events"]
    assert by_family and all(v.event.action.startswith("cooperation.record.") for v in by_family)
    by_reference = client.get(reverse("core:audit"), {"reference": record.reference.lower()}).context["events"]
    assert by_reference and all(v.record == record.reference for v in by_reference)
    by_person = client.get(reverse("core:audit"), {"actor": "cm@alpha.example"}).context["events"]
    assert by_person and all(v.person == "Carl Case" for v in by_person)
    unknown = client.get(reverse("core:audit"), {"reference": "TR-NOPE"})
    assert unknown.status_code == 200 and not unknown.context["events"]
    assert client.get(reverse("core:audit"), {"family": "nope"}).status_code == 400


def test_audit_page_query_count_stays_flat_with_more_people_records_and_kinds(trail, count_queries):
    from integra.cooperation import services as cooperation

    prison, admin, cm, record = trail
    client = signed_in(admin)
    client.get(reverse("core:audit"))
    n1, _ = count_queries(lambda: client.get(reverse("core:audit")))
    for i in range(8):
        person = make_user(f"p{i}@alpha.example", org=prison, roles=[Role.CASE_MANAGER], full_name=f"P {i}")
        other = cooperation.record_open(actor=person, organisation=prison, given_names="C", family_name=str(i))
        cooperation.record_viewed(actor=person, record=other, section="casework")
        audit.record(action="core.organisation.updated", actor=person, organisation=prison, obj=prison)
    n2, _ = count_queries(lambda: client.get(reverse("core:audit")))
    assert n2 <= n1 + 1  # at most one more: a kind of record not on the first page (organisations)


def test_audit_export_has_the_plain_words_too(trail):
    _prison, admin, _cm, record = trail
    content = b"".join(signed_in(admin).get(reverse("core:audit_export")).streaming_content).decode()
    assert "Carl Case" in content and record.reference in content and "Viewed a section of the record" in content


# --- the access log --------------------------------------------------------------------------------------------


def test_access_log_in_plain_words_and_its_csv(trail):
    prison, admin, cm, record = trail
    audit.record(action="cooperation.record.viewed", actor=cm, organisation=prison, obj=record,
                 purpose="=HYPERLINK(\"http://evil\")")
    client = signed_in(admin)
    body = client.get(reverse("cooperation:access_log", args=[record.pk])).content.decode()
    assert "Carl Case" in body and "Prison Alpha" in body and "Viewed a section of the record — Case work" in body
    assert "(casework)" not in body and "cm@alpha.example" not in body
    response = client.get(reverse("cooperation:access_log_export", args=[record.pk]))
    assert response.status_code == 200 and response.streaming and response["Content-Type"].startswith("text/csv")
    content = b"".join(response.streaming_content).decode()
    assert "Carl Case" in content and "Case work" in content and "'=HYPERLINK" in content
    assert ",=HYPERLINK" not in content
    from integra.core.models import AuditEvent

    assert AuditEvent.objects.filter(action="cooperation.record.access_log_exported", actor=admin).exists()


def test_access_log_csv_in_french(trail):
    _prison, admin, _cm, record = trail
    content = b"".join(signed_in(admin).get(f"/fr/cases/{record.pk}/access-log.csv").streaming_content).decode()
    with translation.override("fr"):
        section, when = translation.gettext("Case work"), translation.gettext("When")
    assert section != "Case work" and f",{section}," in content and content.lstrip("\ufeff").startswith(when)
    assert re.search(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}", content)


def test_access_log_csv_is_refused_to_those_without_the_log(trail):
    prison, _admin, cm, record = trail
    outsider = make_user("x@elsewhere.example", org=make_org("Elsewhere"), roles=[Role.DATA_PROTECTION])
    assert signed_in(outsider).get(reverse("cooperation:access_log_export", args=[record.pk])).status_code == 404
    assert signed_in(outsider).get(reverse("cooperation:access_log_export", args=[999999])).status_code == 404


def test_access_log_page_query_count_is_flat(trail, count_queries):
    from integra.cooperation import services as cooperation

    prison, admin, _cm, record = trail
    client = signed_in(admin)
    url = reverse("cooperation:access_log", args=[record.pk])
    client.get(url)
    n1, _ = count_queries(lambda: client.get(url))
    for i in range(10):
        person = make_user(f"q{i}@alpha.example", org=prison, roles=[Role.CASE_MANAGER], full_name=f"Q {i}")
        cooperation.team_add(actor=_cm, record=record, user=person, organisation=prison, access_level="casework")
        cooperation.record_viewed(actor=person, record=record, section="assessment")
    n2, _ = count_queries(lambda: client.get(url))
    assert n2 == n1
