"""Blind coding for reliability: coders never see each other's codings; agreement per code against values
computed by hand; the adjudicator resolves disagreements into final codings."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from integra.core import access
from integra.core.models import AuditEvent
from integra.core.roles import Role
from integra.practices import analysis, selectors, services
from integra.practices.models import Coding, StudyMember
from tests.conftest import make_user, signed_in

TEXT = "P01: " + "a" * 95  # 100 characters


@pytest.fixture
def blind(editor, research_org):
    study = services.study_create(actor=editor, organisation=research_org, title="Blind", research_questions="Q",
                                  retention_until=timezone.localdate() + dt.timedelta(days=30))
    session = services.session_create(actor=editor, study=study, kind="interview", date=timezone.localdate(),
                                      facilitator="F", label="INT-1")
    transcript = services.transcript_save(actor=editor, session=session, text=TEXT)
    a = make_user("coder-a@example.org", org=research_org, roles=[Role.RESEARCHER])
    b = make_user("coder-b@example.org", org=research_org, roles=[Role.RESEARCHER])
    for coder in (a, b):
        services.study_member_add(actor=editor, study=study, user=coder, role=StudyMember.Role.CODER)
    services.study_set_blind_coding(actor=editor, study=study, blind=True)
    study.refresh_from_db()
    overlap = services.code_create(actor=editor, study=study, name="Overlap")
    same = services.code_create(actor=editor, study=study, name="Same")
    apart = services.code_create(actor=editor, study=study, name="Apart")
    for coder, spans in ((a, {overlap: (0, 40), same: (10, 30), apart: (0, 50)}),
                         (b, {overlap: (20, 60), same: (10, 30), apart: (50, 100)})):
        for code, (start, end) in spans.items():
            services.coding_add(actor=coder, transcript=transcript, code=code, start=start, end=end)
    return study, transcript, a, b, {"overlap": overlap, "same": same, "apart": apart}


@pytest.mark.django_db
def test_blind_coders_see_only_their_own_codings(blind, editor):
    study, transcript, a, b, _codes = blind
    assert {c.coder_id for c in selectors.codings_of(actor=a, transcript=transcript)} == {a.pk}
    assert {c.coder_id for c in selectors.codings_of(actor=editor, transcript=transcript)} == {a.pk, b.pk}
    other = Coding.objects.filter(coder=b).first()
    assert not access.can(a, "view", other) and access.can(b, "view", other)
    page = signed_in(a).get(reverse("practices:session", args=[study.pk, transcript.session.pk]))
    assert page.status_code == 200 and page.content.decode().count("coder-b@example.org") == 0
    assert signed_in(a).get(reverse("practices:agreement", args=[study.pk])).status_code == 404
    services.study_set_blind_coding(actor=editor, study=study, blind=False)
    assert {c.coder_id for c in selectors.codings_of(actor=a, transcript=transcript)} == {a.pk, b.pk}


@pytest.mark.django_db
def test_agreement_per_code_against_hand_computed_values(blind, editor):
    study, _transcript, a, b, _codes = blind
    rows = {r.code.name: r for r in analysis.agreement(actor=editor, study=study, coder_a=a, coder_b=b)}
    # Overlap: both 20, only A 20, only B 20, neither 40 → 60 %; κ = (0.6 − 0.52) / 0.48;
    # α = 1 − (200 − 1) · 80 / (2 · 80 · 120) = 1 − 15920 / 19200.
    assert rows["Overlap"].percentage == pytest.approx(60.0)
    assert rows["Overlap"].kappa == pytest.approx(0.08 / 0.48)
    assert rows["Overlap"].alpha == pytest.approx(1 - 15920 / 19200)
    # Same: identical spans → 100 %, κ = α = 1.
    assert (rows["Same"].percentage, rows["Same"].kappa, rows["Same"].alpha) == (100.0, 1.0, 1.0)
    # Apart: complementary halves → 0 %; pe = 0.5, κ = −1; α = 1 − 199 · 200 / (2 · 100 · 100) = −0.99.
    assert rows["Apart"].percentage == 0.0
    assert rows["Apart"].kappa == pytest.approx(-1.0)
    assert rows["Apart"].alpha == pytest.approx(-0.99)


@pytest.mark.django_db
def test_adjudication_resolves_disagreements_into_final_codings(blind, editor):
    study, transcript, a, b, codes = blind
    comparison = analysis.compare(actor=editor, study=study, coder_a=a, coder_b=b, transcript=transcript,
                                  code=codes["overlap"])[0]
    assert comparison.agreed == [(20, 40)]
    assert [(d["number"], d["start"], d["end"], d["coder"]) for d in comparison.disagreements] == [
        (1, 0, 20, "a"), (2, 40, 60, "b")]
    finals = services.adjudicate(actor=editor, transcript=transcript, code=codes["overlap"], coder_a=a, coder_b=b,
                                 keep=[2])
    assert [(f.start, f.end, f.is_final, f.coder_id) for f in finals] == [(20, 60, True, editor.pk)]
    # Adjudicating again replaces the final codings; the coders' own stay, so the agreement does not move.
    services.adjudicate(actor=editor, transcript=transcript, code=codes["overlap"], coder_a=a, coder_b=b,
                        keep=[1, 2])
    assert list(Coding.objects.filter(is_final=True).values_list("start", "end")) == [(0, 60)]
    rows = {r.code.name: r for r in analysis.agreement(actor=editor, study=study, coder_a=a, coder_b=b)}
    assert rows["Overlap"].percentage == pytest.approx(60.0)
    assert analysis.coders_of(actor=editor, study=study) == [a, b]
    assert AuditEvent.objects.filter(action="practices.coding.adjudicated").count() == 2


@pytest.mark.django_db
def test_adjudication_refuses_bad_input_and_changes_nothing(blind, editor):
    _study, transcript, a, b, codes = blind
    for kwargs in ({"keep": [3]}, {"keep": [], "coder_b": a}):
        with pytest.raises(ValidationError):
            services.adjudicate(**{"actor": editor, "transcript": transcript, "code": codes["overlap"],
                                   "coder_a": a, "coder_b": b, **kwargs})
    with pytest.raises(PermissionDenied):
        services.adjudicate(actor=a, transcript=transcript, code=codes["overlap"], coder_a=a, coder_b=b, keep=[])
    assert not Coding.objects.filter(is_final=True).exists()


@pytest.mark.django_db
def test_adjudication_pages_permission_bad_input_and_query_count(blind, editor, stranger):
    study, transcript, a, b, codes = blind
    url = reverse("practices:adjudication", args=[study.pk]) + f"?coder={a.pk}&coder={b.pk}"
    post_url = reverse("practices:adjudicate", args=[study.pk, transcript.pk, codes["overlap"].pk])
    for outsider in (a, stranger):
        assert signed_in(outsider).get(url).status_code == 404
        assert signed_in(outsider).post(post_url, {"coder_a": a.pk, "coder_b": b.pk, "keep": [1]}).status_code == 404
        assert signed_in(outsider).post(reverse("practices:blind_coding", args=[study.pk]),
                                        {"blind": 0}).status_code == 404
    lead = signed_in(editor)
    lead.get(url)  # the first request of a session reads more (session, preferences): measure the next ones
    with CaptureQueriesContext(connection) as queries:
        page = lead.get(url)
    assert page.status_code == 200 and "Overlap" in page.content.decode() and "Same" not in page.content.decode()
    session = services.session_create(actor=editor, study=study, kind="interview", date=timezone.localdate(),
                                      facilitator="F", label="INT-2")
    second = services.transcript_save(actor=editor, session=session, text=TEXT)
    for coder, start in ((a, 0), (b, 5)):
        services.coding_add(actor=coder, transcript=second, code=codes["overlap"], start=start, end=start + 10)
    with CaptureQueriesContext(connection) as more:
        assert "INT-2" in lead.get(url).content.decode()
    assert len(more) == len(queries) <= 16  # flat: as many queries for two transcripts as for one
    bad = lead.post(post_url, {"coder_a": a.pk, "coder_b": b.pk, "keep": [7]}, follow=True)
    assert "There is no disagreement number 7 here." in bad.content.decode()
    assert not Coding.objects.filter(is_final=True).exists()
    done = lead.post(post_url, {"coder_a": a.pk, "coder_b": b.pk, "keep": [1]})
    assert done.status_code == 302 and f"coder={a.pk}" in done["Location"]
    assert list(Coding.objects.filter(is_final=True).values_list("start", "end")) == [(0, 40)]
    assert lead.post(reverse("practices:blind_coding", args=[study.pk]), {"blind": "x"}).status_code == 302
    study.refresh_from_db()
    assert study.blind_coding  # a bad value changes nothing
