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


def _figures(report):
    return {r["code"].name: (r["codings"], r["sessions"], r["participants"], r["by_coder"]) for r in report.rows}


@pytest.mark.django_db
def test_frequencies_of_a_blind_study_count_own_then_final_codings_never_both(blind, editor):
    """The rule, against hand-computed counts. Each coder coded the three codes once (A: Overlap 0–40,
    Same 10–30, Apart 0–50; B: Overlap 20–60, Same 10–30, Apart 50–100)."""
    study, transcript, a, b, codes = blind
    # Before adjudication: a coder counts only their own codings — 1 each, not the team's 2, and no trace of B.
    mine = selectors.code_frequencies(actor=a, study=study)
    assert mine.basis == "own" and mine.coders == [] and mine.pending == 0
    assert _figures(mine) == {"Apart": (1, 1, 0, []), "Overlap": (1, 1, 0, []), "Same": (1, 1, 0, [])}
    assert {r["code"].name: r["uses"] for r in selectors.codebook(actor=a, study=study)} == {
        "Apart": 1, "Overlap": 1, "Same": 1}
    # The lead: no final coding yet (0 each), each coder in their own column, three (transcript, code) pending.
    lead = selectors.code_frequencies(actor=editor, study=study)
    assert lead.basis == "final" and lead.coders == [a, b] and lead.pending == 3
    assert _figures(lead) == {"Apart": (0, 0, 0, [1, 1]), "Overlap": (0, 0, 0, [1, 1]), "Same": (0, 0, 0, [1, 1])}
    # P01 speaks the whole transcript: the final codings take the speaker, as a coder's codings do.
    sheet = services.consent_sheet_add_version(actor=editor, study=study, information="I", consent_text="C")
    services.participant_add(actor=editor, session=transcript.session, code="P01", role_category="ngo",
                             consent_sheet=sheet, consent_given_on=timezone.localdate())
    # Overlap: agreed 20–40, keep A's 0–20 → one final 0–40; Same: agreed 10–30 → one final; Apart: left open.
    services.adjudicate(actor=editor, transcript=transcript, code=codes["overlap"], coder_a=a, coder_b=b, keep=[1])
    services.adjudicate(actor=editor, transcript=transcript, code=codes["same"], coder_a=a, coder_b=b, keep=[])
    lead = selectors.code_frequencies(actor=editor, study=study)
    assert lead.pending == 1
    assert _figures(lead) == {"Apart": (0, 0, 0, [1, 1]), "Overlap": (1, 1, 1, [1, 1]), "Same": (1, 1, 1, [1, 1])}
    assert lead.rows[1]["roles"] == {"NGO worker": 1}
    # The coders still count their own only (the final codings are made of both coders' work).
    assert _figures(selectors.code_frequencies(actor=b, study=study))["Overlap"] == (1, 1, 0, [])
    # Blind coding off: where settled, the final codings count once (not 1 final + 2 raw = 3); Apart, never
    # adjudicated, counts both coders' codings.
    services.study_set_blind_coding(actor=editor, study=study, blind=False)
    study.refresh_from_db()
    for actor in (editor, a):
        team = selectors.code_frequencies(actor=actor, study=study)
        assert team.basis == "team" and team.coders == []
        assert _figures(team) == {"Apart": (2, 1, 0, []), "Overlap": (1, 1, 1, []), "Same": (1, 1, 1, [])}
    # Co-occurrence over the same codings: final Overlap 0–40, final Same 10–30, A's Apart 0–50, B's Apart 50–100.
    matrices = selectors.code_cooccurrence(actor=editor, study=study)
    assert matrices["columns"] == ["Apart", "Overlap", "Same"]
    assert [row["cells"] for row in matrices["rows"]] == [[None, 1, 1], [1, None, 1], [1, 1, None]]


@pytest.mark.django_db
def test_frequency_page_of_a_blind_study_says_what_it_counts(blind, editor, stranger):
    study, transcript, a, b, codes = blind
    url = reverse("practices:frequencies", args=[study.pk])
    assert signed_in(stranger).get(url).status_code == 404
    coder = signed_in(a).get(url).content.decode()
    assert "your own codings only" in coder and "coder-b@example.org" not in coder
    study_page = signed_in(a).get(reverse("practices:study", args=[study.pk])).content.decode()
    assert "(2)" not in study_page and study_page.count("(1)") == 3  # the codebook's counts: A's own
    lead = signed_in(editor)
    lead.get(url)
    with CaptureQueriesContext(connection) as queries:
        page = lead.get(url).content.decode()
    assert "final (adjudicated) codings only" in page and "3 codes in transcripts are coded but not" in page
    assert "Codings by coder-a@example.org (their own)" in page and "Codings by coder-b@example.org" in page
    session = services.session_create(actor=editor, study=study, kind="interview", date=timezone.localdate(),
                                      facilitator="F", label="INT-2")
    second = services.transcript_save(actor=editor, session=session, text=TEXT)
    for coder, start in ((a, 0), (b, 5)):
        services.coding_add(actor=coder, transcript=second, code=codes["same"], start=start, end=start + 10)
    with CaptureQueriesContext(connection) as more:
        assert "4 codes in transcripts" in lead.get(url).content.decode()
    assert len(more) == len(queries)  # flat: more transcripts, codings and coders, as many queries
