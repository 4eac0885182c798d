"""Reads of the knowledge base shared by the pages and the API, already filtered by the policy."""

import difflib
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Prefetch

from integra.core import access
from integra.core.countries import Country

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
    rows = list(filtered.values_list("settings", "themes", "target_audiences", "countries", "languages",
                                     "evidence_level", "label"))
    counters = {name: Counter() for name in FACETS}
    for settings_, themes, audiences, countries, languages, evidence, label in rows:
        counters["setting"].update(_tags(settings_))
        counters["theme"].update(_tags(themes))
        counters["audience"].update(_tags(audiences))
        counters["country"].update(_tags(countries))
        counters["language"].update(_tags(languages))
        counters["evidence"][evidence] += 1
        if label:
            counters["label"][label] += 1
    choices = facet_choices()
    facets = {}
    for name in FACETS:
        chosen = set(filters.get(name, []))
        facets[name] = [{"value": value, "label": label, "count": counters[name][value], "selected": value in chosen}
                        for value, label in choices[name] if counters[name][value] or value in chosen]
    return SearchResult(practices=filtered.order_by("-updated_at", "id"), total=len(rows), facets=facets,
                        words=search.terms(query))


def _tags(value) -> list[str]:
    if isinstance(value, list):
        return value
    return [part for part in (value or "").split("|") if part]


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
    """The codes as a tree (one query), each with its number of codings."""
    codes = list(access.visible(actor, Code).filter(study=study).annotate(uses=Count("codings")))
    children: dict[int | None, list] = {}
    for code in codes:
        children.setdefault(code.parent_id, []).append(code)

    def walk(parent_id, depth):
        for code in children.get(parent_id, []):
            yield {"code": code, "depth": depth, "uses": code.uses}
            yield from walk(code.pk, depth + 1)

    return list(walk(None, 0))


def code_frequencies(*, actor, study) -> list[dict]:
    """Codings per code (its descendants included), sessions and participants coded, and the role mix."""
    rows = (access.visible(actor, Coding).filter(transcript__session__study=study)
            .values_list("code_id", "transcript__session_id", "participant__code", "participant__role_category"))
    codes = {c.pk: c for c in access.visible(actor, Code).filter(study=study)}
    stats = {pk: {"codings": 0, "sessions": set(), "participants": set(), "roles": Counter()} for pk in codes}
    for code_id, session_id, participant, role in rows:
        node = codes.get(code_id)
        while node is not None:
            entry = stats[node.pk]
            entry["codings"] += 1
            entry["sessions"].add(session_id)
            if participant:
                entry["participants"].add((session_id, participant))
                entry["roles"][role] += 1
            node = codes.get(node.parent_id)
    result = []
    for tree_row in codebook(actor=actor, study=study):
        code = tree_row["code"]
        entry = stats[code.pk]
        result.append({"code": code, "depth": tree_row["depth"], "codings": entry["codings"],
                       "sessions": len(entry["sessions"]), "participants": len(entry["participants"]),
                       "roles": {str(Participant.RoleCategory(role).label): n
                                 for role, n in sorted(entry["roles"].items()) if role}})
    return result


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


def code_cooccurrence(*, actor, study) -> dict:
    """How often two codes overlap on the same text (segments of one transcript that share characters), and
    codes × speaker role: computed aids for the analysis."""
    from itertools import combinations

    rows = list(access.visible(actor, Coding).filter(transcript__session__study=study)
                .values_list("transcript_id", "code_id", "start", "end", "participant__role_category"))
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
