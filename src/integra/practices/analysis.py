"""Analysis of a study's codings: agreement between two coders per code, and the REFI-QDA project export.

Agreement is computed over characters, as QualCoder does: for each transcript both coders coded and each code,
every character of the (pseudonymised) transcript is a unit, coded or not by each coder. Percentage agreement,
Cohen's κ and Krippendorff's α (nominal, two coders, no missing values — the closed form of the coincidence
matrix, checked against the `krippendorff` package in the tests) are computed from the four counts. These are
computed aids for the researchers, shown as such; they decide what the codes mean."""

import io
import uuid
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree  # noqa: S405 - we build XML here, we never parse any

from django.db.models import Q

from integra.core import access

from .models import Code, Coding, Transcript

QDA_NAMESPACE = "urn:QDA-XML:project:1.0"


@dataclass
class Agreement:
    code: Code
    units: int
    both: int
    only_a: int
    only_b: int
    neither: int

    @property
    def percentage(self) -> float | None:
        return 100 * (self.both + self.neither) / self.units if self.units else None

    @property
    def kappa(self) -> float | None:
        n = self.units
        if not n:
            return None
        observed = (self.both + self.neither) / n
        a_yes, b_yes = (self.both + self.only_a) / n, (self.both + self.only_b) / n
        expected = a_yes * b_yes + (1 - a_yes) * (1 - b_yes)
        return None if expected == 1 else (observed - expected) / (1 - expected)

    @property
    def alpha(self) -> float | None:
        pairs = 2 * self.units  # pairable values: two per unit
        ones = 2 * self.both + self.only_a + self.only_b
        zeros = pairs - ones
        if not self.units or not ones or not zeros:
            return None
        disagreements = 2 * (self.only_a + self.only_b)  # o_01 + o_10 of the coincidence matrix
        return 1 - (pairs - 1) * disagreements / (2 * ones * zeros)


def _covered(spans: list[tuple[int, int]]) -> set[int]:
    return {i for start, end in spans for i in range(start, end)}


def agreement(*, actor, study, coder_a, coder_b) -> list[Agreement]:
    """Per code, over the transcripts both coders coded."""
    codings = list(access.visible(actor, Coding).filter(transcript__session__study=study, is_final=False)
                   .filter(Q(coder=coder_a) | Q(coder=coder_b)).values_list("transcript_id", "code_id", "coder_id",
                                                                             "start", "end"))
    by_transcript: dict[int, set[int]] = {}
    for transcript_id, _code, coder_id, _s, _e in codings:
        by_transcript.setdefault(transcript_id, set()).add(coder_id)
    shared = {t for t, coders in by_transcript.items() if coders >= {coder_a.pk, coder_b.pk}}
    lengths = {t.pk: len(t.text) for t in access.visible(actor, Transcript).filter(pk__in=shared)}
    results = []
    for code in access.visible(actor, Code).filter(study=study).order_by("name"):
        both = only_a = only_b = units = 0
        for transcript_id in shared:
            a = _covered([(s, e) for t, c, who, s, e in codings if t == transcript_id and c == code.pk
                          and who == coder_a.pk])
            b = _covered([(s, e) for t, c, who, s, e in codings if t == transcript_id and c == code.pk
                          and who == coder_b.pk])
            units += lengths.get(transcript_id, 0)
            both += len(a & b)
            only_a += len(a - b)
            only_b += len(b - a)
        if units:
            results.append(Agreement(code, units, both, only_a, only_b, units - both - only_a - only_b))
    return results


def coders_of(*, actor, study) -> list:
    from django.contrib.auth import get_user_model

    ids = (access.visible(actor, Coding).filter(transcript__session__study=study, is_final=False)
           .values_list("coder_id", flat=True).distinct())
    return list(get_user_model().objects.filter(pk__in=list(ids)).order_by("email"))


def spans(characters: set[int]) -> list[tuple[int, int]]:
    """Contiguous runs of a set of character offsets, as [start, end) spans."""
    runs: list[tuple[int, int]] = []
    for i in sorted(characters):
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return runs


@dataclass
class Comparison:
    """Two coders' work on one code in one transcript: the spans both coded, and each disagreement (a run of
    characters only one of them coded), numbered for the adjudicator."""

    transcript: Transcript
    code: Code
    agreed: list[tuple[int, int]]
    disagreements: list[dict]  # {"number", "start", "end", "coder" (a or b), "snippet"}
    final: list[tuple[int, int]]  # the adjudicated spans, when adjudicated


def compare(*, actor, study, coder_a, coder_b, transcript=None, code=None) -> list[Comparison]:
    """Every (transcript, code) both or either coder coded, with their agreements and disagreements; one query
    for the codings, one for the transcripts, one for the codes."""
    qs = access.visible(actor, Coding).filter(transcript__session__study=study).filter(
        Q(coder=coder_a, is_final=False) | Q(coder=coder_b, is_final=False) | Q(is_final=True))
    if transcript is not None:
        qs = qs.filter(transcript=transcript)
    if code is not None:
        qs = qs.filter(code=code)
    cover: dict[tuple[int, int], dict[str, set[int]]] = {}
    for transcript_id, code_id, coder_id, final, start, end in qs.values_list(
            "transcript_id", "code_id", "coder_id", "is_final", "start", "end"):
        who = "final" if final else ("a" if coder_id == coder_a.pk else "b")
        cover.setdefault((transcript_id, code_id), {"a": set(), "b": set(), "final": set()})[who].update(
            range(start, end))
    pairs = {key: value for key, value in cover.items() if value["a"] or value["b"]}
    transcripts = {t.pk: t for t in access.visible(actor, Transcript).filter(
        pk__in={t for t, _c in pairs}).select_related("session")}
    codes = {c.pk: c for c in access.visible(actor, Code).filter(pk__in={c for _t, c in pairs})}
    results = []
    for (transcript_id, code_id), sets in sorted(pairs.items(), key=lambda item: (
            transcripts[item[0][0]].session.date, item[0][0], codes[item[0][1]].name)):
        text = transcripts[transcript_id].text
        a, b = sets["a"], sets["b"]
        runs = sorted([(s, e, "a") for s, e in spans(a - b)] + [(s, e, "b") for s, e in spans(b - a)])
        disagreements = [{"number": n, "start": s, "end": e, "coder": who, "snippet": text[s:e]}
                         for n, (s, e, who) in enumerate(runs, start=1)]
        results.append(Comparison(transcripts[transcript_id], codes[code_id], spans(a & b), disagreements,
                                  spans(sets["final"])))
    return results


# --- REFI-QDA project (.qdpx) ---------------------------------------------------------------------------------


def _guid(kind: str, pk) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"integra:{kind}:{pk}")).upper()


def qdpx(*, actor, study) -> bytes:
    """The study as a REFI-QDA project: project.qde (users, codebook, text sources with their coded selections,
    the codings' memos as notes) plus one plain-text file per transcript under Sources/. Only the pseudonymised
    text leaves the platform."""
    ElementTree.register_namespace("", QDA_NAMESPACE)
    q = f"{{{QDA_NAMESPACE}}}"
    codes = list(access.visible(actor, Code).filter(study=study).order_by("id"))
    transcripts = list(access.visible(actor, Transcript).filter(session__study=study).select_related("session")
                       .order_by("session__date", "id"))
    codings = list(access.visible(actor, Coding).filter(transcript__session__study=study).select_related("coder")
                   .order_by("transcript_id", "start", "id"))
    users = {c.coder_id: c.coder for c in codings}
    project = ElementTree.Element(f"{q}Project", {"name": study.title, "origin": "INTEGRA"})
    users_el = ElementTree.SubElement(project, f"{q}Users")
    for user in users.values():
        ElementTree.SubElement(users_el, f"{q}User", {"guid": _guid("user", user.pk), "name": user.email})
    codebook = ElementTree.SubElement(ElementTree.SubElement(project, f"{q}CodeBook"), f"{q}Codes")
    elements = {}
    for code in codes:  # parents come before children (ids grow), so each parent element exists
        parent = elements.get(code.parent_id, codebook)
        element = ElementTree.SubElement(parent, f"{q}Code", {"guid": _guid("code", code.pk), "name": code.name,
                                                               "isCodable": "true"})
        if code.definition:
            ElementTree.SubElement(element, f"{q}Description").text = code.definition
        elements[code.pk] = element
    sources = ElementTree.SubElement(project, f"{q}Sources")
    files, memos = {}, []
    for transcript in transcripts:
        guid = _guid("transcript", transcript.pk)
        source = ElementTree.SubElement(sources, f"{q}TextSource", {
            "guid": guid, "name": transcript.session.label, "plainTextPath": f"internal://{guid}.txt"})
        files[f"Sources/{guid}.txt"] = transcript.text
        for coding in (c for c in codings if c.transcript_id == transcript.pk):
            selection = ElementTree.SubElement(source, f"{q}PlainTextSelection", {
                "guid": _guid("selection", coding.pk), "name": coding.snippet[:60],
                "startPosition": str(coding.start), "endPosition": str(coding.end),
                "creatingUser": _guid("user", coding.coder_id)})
            link = ElementTree.SubElement(selection, f"{q}Coding", {"guid": _guid("coding", coding.pk),
                                                                     "creatingUser": _guid("user", coding.coder_id)})
            ElementTree.SubElement(link, f"{q}CodeRef", {"targetGUID": _guid("code", coding.code_id)})
            if coding.memo:  # the memo travels as a note the selection refers to
                ElementTree.SubElement(selection, f"{q}NoteRef", {"targetGUID": _guid("note", coding.pk)})
                memos.append(coding)
    if memos:
        notes = ElementTree.SubElement(project, f"{q}Notes")
        for coding in memos:
            note = ElementTree.SubElement(notes, f"{q}Note", {"guid": _guid("note", coding.pk),
                                                             "name": coding.memo[:60],
                                                             "creatingUser": _guid("user", coding.coder_id)})
            ElementTree.SubElement(note, f"{q}PlainTextContent").text = coding.memo
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", ElementTree.tostring(project, encoding="utf-8", xml_declaration=True))
        for name, text in files.items():
            archive.writestr(name, text.encode("utf-8"))
    return buffer.getvalue()


def study_backup(*, actor, study) -> dict:
    """The whole study as JSON (what .qdpx cannot carry: the team, guides and consent versions, sessions,
    participants' consent, memos), pseudonymised text only."""
    from .models import ConsentSheet, Guide, Participant, ResearchSession, StudyMember

    def rows(model, queryset, *fields):
        return [dict(zip(fields, values, strict=True)) for values in
                queryset.filter(pk__in=access.visible(actor, model).values("pk")).values_list(*fields)]

    return {
        "format": "integra-study-backup/1",
        "study": {"title": study.title, "research_questions": study.research_questions,
                  "ethics_reference": study.ethics_reference, "retention_until": study.retention_until.isoformat()},
        "team": rows(StudyMember, StudyMember.objects.filter(study=study), "user__email", "role"),
        "guides": rows(Guide, Guide.objects.filter(study=study), "id", "kind", "version", "questions"),
        "consent_sheets": rows(ConsentSheet, ConsentSheet.objects.filter(study=study), "id", "version",
                               "information", "consent_text"),
        "sessions": [{**session, "date": session["date"].isoformat()} for session in rows(
            ResearchSession, ResearchSession.objects.filter(study=study), "id", "label", "kind", "date", "mode",
            "facilitator", "note_taker", "guide_id")],
        "participants": [{**p, "consent_given_on": p["consent_given_on"].isoformat(),
                          "consent_withdrawn_on": p["consent_withdrawn_on"] and p["consent_withdrawn_on"].isoformat()}
                         for p in rows(Participant, Participant.objects.filter(session__study=study), "id",
                                       "session_id", "code", "role_category", "consent_sheet_id", "consent_given_on",
                                       "consent_withdrawn_on")],
        "transcripts": [{"session_id": t.session_id, "text": t.text} for t in
                        access.visible(actor, Transcript).filter(session__study=study)],
        "codes": rows(Code, Code.objects.filter(study=study), "id", "parent_id", "name", "definition", "inclusion",
                      "exclusion", "is_theme"),
        "codings": [{"session_id": c.transcript.session_id, "code_id": c.code_id, "start": c.start, "end": c.end,
                     "snippet": c.snippet, "memo": c.memo, "participant_id": c.participant_id,
                     "coder": c.coder.email} for c in access.visible(actor, Coding)
                    .filter(transcript__session__study=study).select_related("transcript", "coder")],
    }
