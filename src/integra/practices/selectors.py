"""Reads of the knowledge base shared by the pages and the API, already filtered by the policy."""

import difflib
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Prefetch
from django.utils.translation import gettext as _

from integra.core import access
from integra.core.countries import Country
from integra.core.errors import invalid

from . import search
from .models import (
    Audience,
    Code,
    Coding,
    EvidenceLevel,
    LessonLearned,
    Participant,
    Practice,
    PracticeVersion,
    ResearchSession,
    Review,
    ReviewerProfile,
    Setting,
    Theme,
    tag_lookup,
)
from .policy import readable_practices

FACETS = ("setting", "theme", "audience", "country", "evidence", "label", "language")
_FACET_FIELDS = {"setting": "settings", "theme": "themes", "audience": "target_audiences", "country": "countries",
                 "language": "languages"}
_SINGLE_FIELDS = {"evidence": "evidence_level", "label": "label"}


def facet_choices() -> dict[str, list[tuple[str, str]]]:
    return {
        "setting": list(Setting.choices), "theme": list(Theme.choices), "audience": list(Audience.choices),
        "country": list(Country.choices),
        "evidence": list(EvidenceLevel.choices),
        "label": [(v, lbl) for v, lbl in Practice.Label.choices if v],
        "language": list(settings.LANGUAGES),
    }


@dataclass
class SearchResult:
    practices: object  # the page's queryset
    total: int
    facets: dict[str, list[dict]] = field(default_factory=dict)
    words: list[str] = field(default_factory=list)


def _apply_filters(queryset, filters: dict[str, list[str]]):
    for name, values in filters.items():
        if not values:
            continue
        if name in _FACET_FIELDS:
            from django.db.models import Q

            condition = Q()
            for value in values:
                condition |= Q(**tag_lookup(_FACET_FIELDS[name], value))
            queryset = queryset.filter(condition)
        elif name in _SINGLE_FIELDS:
            queryset = queryset.filter(**{f"{_SINGLE_FIELDS[name]}__in": values})
    return queryset


def search_practices(*, actor, query: str = "", filters: dict[str, list[str]] | None = None,
                     public_only: bool = False) -> SearchResult:
    """Full-text and facets over the practices the actor may read (the public: published ones only). Facet
    counts are over the full-text matches with the other facets applied, as a facet sidebar expects; they are
    counted from one query of the matching rows' facet columns."""
    filters = {k: v for k, v in (filters or {}).items() if k in FACETS}
    base = readable_practices(None if public_only else actor)
    matched = search.filter_text(base, query)
    filtered = _apply_filters(matched, filters)
    counters, total = _facet_counts(filtered)
    choices = facet_choices()
    facets = {}
    for name in FACETS:
        chosen = set(filters.get(name, []))
        facets[name] = [{"value": value, "label": label, "count": counters[name][value], "selected": value in chosen}
                        for value, label in choices[name] if counters[name][value] or value in chosen]
    return SearchResult(practices=filtered.order_by("-updated_at", "id"), total=total, facets=facets,
                        words=search.terms(query))


_COUNTED_COLUMNS = {"setting": "settings", "theme": "themes", "audience": "target_audiences", "country": "countries",
                    "language": "languages", "evidence": "evidence_level", "label": "label"}


def _facet_counts(queryset) -> tuple[dict[str, Counter], int]:
    """Per facet, how many of the queryset's rows carry each value, and how many rows: one query of the facet
    columns as stored (`|a|b|`), read without the ORM's per-value conversion. Each column is counted by its
    distinct stored strings first (C speed; a column holds few distinct combinations), then each combination's
    count goes to every value it holds."""
    from django.db import connections

    names = list(_COUNTED_COLUMNS)
    qs = queryset.order_by().values_list(*_COUNTED_COLUMNS.values())
    compiler = qs.query.get_compiler(using=qs.db)
    sql, params = compiler.as_sql()
    # The SELECT lists the fields in the model's order, not the order asked for: find each one's place.
    place = {expression.target.name: index for index, (expression, _sql, _alias) in enumerate(compiler.select)}
    with connections[qs.db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    counters = {name: Counter() for name in names}
    if not rows:
        return counters, 0
    columns = list(zip(*rows, strict=True))
    for name, field_name in _COUNTED_COLUMNS.items():
        column = columns[place[field_name]]
        counter = counters[name]
        for stored, n in Counter(column).items():
            if not stored:
                continue
            if name in _SINGLE_FIELDS:
                counter[stored] += n
            else:
                for part in stored.split("|"):
                    if part:
                        counter[part] += n
    return counters, len(rows)


def published_practices(ids) -> list[Practice]:
    """The published practices of these numbers (an editor links them to an approach, a lesson learned or a
    publication); a number that is not a published practice is a ValidationError naming it."""
    ids = sorted({int(i) for i in ids})
    found = list(Practice.objects.filter(pk__in=ids, status=Practice.Status.PUBLISHED))
    missing = sorted(set(ids) - {p.pk for p in found})
    if missing:
        raise invalid(_("No published practice has the number %(number)s.") % {"number": missing[0]},
                      field="practices")
    return found


def practices_of(*, actor):
    return access.visible(actor, Practice).filter(owner=actor).order_by("-updated_at")


def editorial_queue(*, actor):
    """Entries waiting for the editors: submitted, in review, or published and changed in substance since their
    peer review (to be reviewed again)."""
    from django.db.models import Q

    return (access.visible(actor, Practice).filter(
        Q(status__in=[Practice.Status.SUBMITTED, Practice.Status.PEER_REVIEW])
        | Q(status=Practice.Status.PUBLISHED, rereview_needed_since__isnull=False))
        .select_related("owner").order_by("updated_at"))


def proposed_for_archiving(*, actor):
    return access.visible(actor, Practice).filter(status=Practice.Status.PUBLISHED,
                                                  archive_proposed_at__isnull=False)


def reviews_of(*, actor, practice):
    return access.visible(actor, Review).filter(practice=practice).select_related("reviewer").order_by("-created_at")


def my_reviews(*, actor):
    return Review.objects.filter(reviewer=actor).select_related("practice").order_by("-created_at")


def has_completed_review(practice) -> bool:
    return practice.reviews.filter(status=Review.Status.COMPLETED).exists()


def reviewer_candidates(*, actor, practice) -> list[dict]:
    """A computed aid for the editor: experts of the pool ranked by how well their fields match the
    practice's themes and settings, with any conflict of interest named. The editor decides."""
    from .services import reviewer_conflict

    profiles = (access.visible(actor, ReviewerProfile).filter(active=True).select_related("user")
                .prefetch_related("conflicts"))
    candidates = []
    for profile in profiles:
        overlap = set(profile.themes) & set(practice.themes)
        settings_overlap = set(profile.settings) & set(practice.settings)
        conflict = reviewer_conflict(practice, profile.user)
        candidates.append({"user": profile.user, "profile": profile, "themes": sorted(overlap),
                           "settings": sorted(settings_overlap), "conflict": conflict,
                           "score": len(overlap) * 2 + len(settings_overlap) + (1 if profile.evaluation_experience
                                                                                  else 0)})
    candidates.sort(key=lambda c: (bool(c["conflict"]), -c["score"], c["user"].email))
    return candidates


def versions_of(*, actor, practice):
    return access.visible(actor, PracticeVersion).filter(practice=practice).select_related("author")


def version_diff(older: PracticeVersion, newer: PracticeVersion) -> list[dict]:
    """Field by field, what changed between two versions: word-level differences, escaped by the template."""
    changes = []
    for key in sorted(set(older.data) | set(newer.data)):
        before, after = older.data.get(key), newer.data.get(key)
        if before == after:
            continue
        before_text, after_text = _as_text(before), _as_text(after)
        words = []
        for token in difflib.ndiff(before_text.split(), after_text.split()):
            if token.startswith("? "):
                continue
            words.append({"op": {"- ": "removed", "+ ": "added"}.get(token[:2], "same"), "text": token[2:]})
        changes.append({"field": key, "before": before_text, "after": after_text, "words": words})
    return changes


def _as_text(value) -> str:
    if isinstance(value, list):
        return ", ".join(value)
    return "" if value is None else str(value)


def lessons_for(*, actor, practice):
    qs = LessonLearned.objects.filter(practices=practice)
    if getattr(actor, "is_authenticated", False):
        return qs.filter(pk__in=access.visible(actor, LessonLearned).values("pk"))
    return qs.filter(is_published=True)


# --- research ------------------------------------------------------------------------------------------------


def studies_for(*, actor):
    from .models import Study

    return access.visible(actor, Study).annotate(session_count=Count("sessions")).order_by("-created_at")


def sessions_of(*, actor, study):
    return (access.visible(actor, ResearchSession).filter(study=study)
            .annotate(participant_count=Count("participants")).order_by("date", "id"))


def codebook(*, actor, study) -> list[dict]:
    """The codes as a tree, each with its number of codings as the frequency report counts them (see
    `counted_codings`: a blind coder's own, the final ones where adjudicated); two queries."""
    uses = Counter(row.code_id for row in counted_codings(actor=actor, study=study).counted)
    return [{**row, "uses": uses[row["code"].pk]} for row in _code_tree(actor, study)]


@dataclass(frozen=True)
class CodingRow:
    transcript_id: int
    code_id: int
    coder_id: int
    is_final: bool
    session_id: int
    participant: str | None
    role: str | None
    start: int
    end: int


@dataclass
class CountedCodings:
    """Which codings a study's reports count, and on what basis:

    - "team" (not blind): every coding of the team, except that where the adjudicator settled a code in a
      transcript only the final codings of that code there count (the coders' own ones would count twice);
    - "own" (blind, a coder or reader): the actor's own codings only, as the policy shows them — nothing of
      another coder's work, not even a count, and no final codings (they are made of the coders' work);
    - "final" (blind, the lead): the final (adjudicated) codings only; what each coder coded is counted apart
      in `per_coder` (raw, by coder), and `pending` is the number of codes in transcripts coded but not yet
      adjudicated, so nothing is counted twice and raw and final figures are never added together.
    """

    basis: str
    counted: list[CodingRow]
    raw: list[CodingRow] = field(default_factory=list)  # "final" basis: the coders' own codings
    pending: int = 0


def counted_codings(*, actor, study) -> CountedCodings:
    """One query: the codings the actor may see, sorted into those the reports count (rule above)."""
    from .policy import MANAGE

    rows = [CodingRow(*values) for values in access.visible(actor, Coding).filter(transcript__session__study=study)
            .order_by("id").values_list("transcript_id", "code_id", "coder_id", "is_final", "transcript__session_id",
                                        "participant__code", "participant__role_category", "start", "end")]
    settled = {(r.transcript_id, r.code_id) for r in rows if r.is_final}
    if not study.blind_coding:
        return CountedCodings("team", [r for r in rows if r.is_final or (r.transcript_id, r.code_id) not in settled])
    if not access.can(actor, MANAGE, study):
        return CountedCodings("own", [r for r in rows if r.coder_id == actor.pk and not r.is_final])
    raw = [r for r in rows if not r.is_final]
    pending = {(r.transcript_id, r.code_id) for r in raw} - settled
    return CountedCodings("final", [r for r in rows if r.is_final], raw=raw, pending=len(pending))


@dataclass
class FrequencyReport:
    basis: str  # as CountedCodings
    rows: list[dict]
    coders: list = field(default_factory=list)  # "final" basis: the coders of the per-coder columns
    pending: int = 0


def code_frequencies(*, actor, study, counted: CountedCodings | None = None) -> FrequencyReport:
    """Codings per code (its descendants included), sessions and participants coded, and the role mix, counted
    as `counted_codings` says; for the lead of a blind study also each coder's own codings per code."""
    from django.contrib.auth import get_user_model

    counted = counted or counted_codings(actor=actor, study=study)
    tree = _code_tree(actor, study)
    codes = {row["code"].pk: row["code"] for row in tree}
    stats = {pk: {"codings": 0, "sessions": set(), "participants": set(), "roles": Counter(), "by_coder": Counter()}
             for pk in codes}

    def ancestors(code_id):
        node = codes.get(code_id)
        while node is not None:
            yield stats[node.pk]
            node = codes.get(node.parent_id)

    for row in counted.counted:
        for entry in ancestors(row.code_id):
            entry["codings"] += 1
            entry["sessions"].add(row.session_id)
            if row.participant:
                entry["participants"].add((row.session_id, row.participant))
                entry["roles"][row.role] += 1
    for row in counted.raw:
        for entry in ancestors(row.code_id):
            entry["by_coder"][row.coder_id] += 1
    coders = list(get_user_model().objects.filter(pk__in={r.coder_id for r in counted.raw}).order_by("email")) \
        if counted.raw else []
    rows = []
    for tree_row in tree:
        code = tree_row["code"]
        entry = stats[code.pk]
        rows.append({"code": code, "depth": tree_row["depth"], "codings": entry["codings"],
                     "sessions": len(entry["sessions"]), "participants": len(entry["participants"]),
                     "roles": {str(Participant.RoleCategory(role).label): n
                               for role, n in sorted(entry["roles"].items()) if role},
                     "by_coder": [entry["by_coder"][coder.pk] for coder in coders]})
    return FrequencyReport(counted.basis, rows, coders=coders, pending=counted.pending)


def _code_tree(actor, study) -> list[dict]:
    codes = list(access.visible(actor, Code).filter(study=study))
    children: dict[int | None, list] = {}
    for code in codes:
        children.setdefault(code.parent_id, []).append(code)

    def walk(parent_id, depth):
        for code in children.get(parent_id, []):
            yield {"code": code, "depth": depth}
            yield from walk(code.pk, depth + 1)

    return list(walk(None, 0))


def codings_of(*, actor, transcript):
    return (access.visible(actor, Coding).filter(transcript=transcript)
            .select_related("code", "participant", "coder").order_by("start", "id"))


def codings_export_rows(*, actor, study):
    header = ["session", "kind", "date", "participant", "role", "code", "code path", "start", "end", "snippet",
              "coder"]
    codes = {c.pk: c for c in access.visible(actor, Code).filter(study=study)}

    def path(code):
        parts = []
        while code is not None:
            parts.append(code.name)
            code = codes.get(code.parent_id)
        return "/".join(reversed(parts))

    qs = (access.visible(actor, Coding).filter(transcript__session__study=study)
          .select_related("transcript__session", "participant", "coder", "code").order_by("transcript_id", "start"))
    yield header
    for c in qs.iterator(chunk_size=500):
        session = c.transcript.session
        yield [session.label, session.get_kind_display(), session.date.isoformat(),
               c.participant.code if c.participant else "", c.participant.get_role_category_display()
               if c.participant else "", c.code.name, path(c.code), c.start, c.end, c.snippet, c.coder.email]


def sessions_with_transcripts(study):
    return study.sessions.prefetch_related(Prefetch("participants"))


def code_cooccurrence(*, actor, study, counted: CountedCodings | None = None) -> dict:
    """How often two codes overlap on the same text (segments of one transcript that share characters), and
    codes × speaker role: computed aids for the analysis, over the codings `counted_codings` counts."""
    from itertools import combinations

    counted = counted or counted_codings(actor=actor, study=study)
    rows = [(r.transcript_id, r.code_id, r.start, r.end, r.role) for r in counted.counted]
    codes = list(access.visible(actor, Code).filter(study=study).order_by("name"))
    names = {c.pk: c.name for c in codes}
    by_transcript: dict[int, list] = {}
    for transcript_id, code_id, start, end, _role in rows:
        by_transcript.setdefault(transcript_id, []).append((code_id, start, end))
    pairs = Counter()
    for segments in by_transcript.values():
        for (a, s1, e1), (b, s2, e2) in combinations(segments, 2):
            if a != b and s1 < e2 and s2 < e1:
                pairs[tuple(sorted((a, b)))] += 1
    used = [c for c in codes if any(c.pk in pair for pair in pairs)]
    matrix = [{"code": c.name, "cells": [pairs.get(tuple(sorted((c.pk, o.pk))), 0) if o.pk != c.pk else None
                                         for o in used]} for c in used]
    roles = sorted({role for *_rest, role in rows if role})
    by_role = Counter((code_id, role) for _t, code_id, _s, _e, role in rows if role)
    role_matrix = [{"code": names[c.pk], "cells": [by_role.get((c.pk, r), 0) for r in roles]}
                   for c in codes if any(by_role.get((c.pk, r)) for r in roles)]
    from .models import Participant

    return {"columns": [c.name for c in used], "rows": matrix,
            "roles": [Participant.RoleCategory(r).label for r in roles], "role_rows": role_matrix}
