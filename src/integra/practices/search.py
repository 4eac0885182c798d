"""Full-text search over practices: ONE interface over SQLite FTS5 and PostgreSQL full-text search.

Why it gives the same results on both databases: the text is folded here, in Python, before either engine sees
it — Unicode NFKD with the combining marks dropped (é → e, ά → α, й → и), case-folded (Σ/ς → σ), every
character that is not a letter or a digit turned into a space. Each engine then only splits on spaces: FTS5's
`unicode61` tokenizer and PostgreSQL's `simple` configuration (no stemming, no stop words). A query is folded the
same way and asks for every word as a prefix (`word*` in FTS5, `word:*` in a tsquery), all words required.
Ranking is not left to the engines either (bm25 and ts_rank differ): results come in one stable order.

The index is `practices_searchentry.document` (every language's texts of a practice, folded); on SQLite an FTS5
table `practices_search_fts` mirrors it (rowid = practice id), on PostgreSQL a GIN index on
`to_tsvector('simple', document)` serves the query. `index_practice` keeps both in step, inside the service's
transaction.
"""

import re
import unicodedata

from django.conf import settings
from django.db import connection
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import mark_safe

FTS_TABLE = "practices_search_fts"
MAX_TERMS = 12
MAX_TERM_LENGTH = 40
_NOT_WORD = re.compile(r"[^\w]|_", re.UNICODE)


def _fold_char(ch: str) -> str:
    decomposed = unicodedata.normalize("NFKD", ch)
    base = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return _NOT_WORD.sub(" ", base)


def fold(text: str) -> str:
    """Lower case, without accents, words separated by single spaces."""
    return " ".join("".join(_fold_char(ch) for ch in text or "").split())


def terms(query: str) -> list[str]:
    """The query's words, folded, at most MAX_TERMS of at most MAX_TERM_LENGTH characters."""
    return [word[:MAX_TERM_LENGTH] for word in fold(query).split()][:MAX_TERMS]


def document_for(practice) -> str:
    texts = []
    for field in practice.TEXT_FIELDS:
        for language, _name in settings.LANGUAGES:
            value = getattr(practice, f"{field}_{language}", "") or ""
            if value:
                texts.append(value)
    texts.append(practice.organisation_name)
    return fold(" ".join(texts))


def ensure_index_table() -> None:
    """The FTS5 table on SQLite (the migration makes it; this also covers a database created another way)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(document, "
                           "tokenize = 'unicode61 remove_diacritics 2')")


def index_practice(practice) -> None:
    from .models import SearchEntry

    document = document_for(practice)
    SearchEntry.objects.update_or_create(practice=practice, defaults={"document": document})
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [practice.pk])  # noqa: S608
            cursor.execute(f"INSERT INTO {FTS_TABLE} (rowid, document) VALUES (%s, %s)",  # noqa: S608
                           [practice.pk, document])


def unindex_practice(practice_id: int) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [practice_id])  # noqa: S608


def matching_ids(words: list[str]) -> RawSQL:
    """A subquery of the ids of practices whose texts hold every word (as a prefix)."""
    if connection.vendor == "postgresql":
        tsquery = " & ".join(f"{word}:*" for word in words)
        return RawSQL("SELECT practice_id FROM practices_searchentry "
                      "WHERE to_tsvector('simple', document) @@ to_tsquery('simple', %s)", [tsquery])  # noqa: S611
    match = " ".join(f'"{word}"*' for word in words)
    return RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [match])  # noqa: S608, S611 (fixed table, bound parameter)


def filter_text(queryset, query: str):
    words = terms(query)
    if not words:
        return queryset
    return queryset.filter(pk__in=matching_ids(words))


def highlight(text: str, words: list[str], *, limit: int | None = None):
    """`text`, HTML-escaped, with the words found (accents and case aside, as prefixes) in <mark>. When `limit`
    is given, a window of about that many characters around the first match."""
    text = text or ""
    if not words:
        return escape(text[:limit] + ("…" if limit and len(text) > limit else "")) if limit else escape(text)
    # Fold character by character, keeping where each folded character came from.
    folded, origin = [], []
    for index, ch in enumerate(text):
        for out in _fold_char(ch):
            folded.append(out)
            origin.append(index)
    folded_text = "".join(folded)
    spans = []
    for word in words:
        for found in re.finditer(r"(?<!\w)" + re.escape(word), folded_text):
            start = origin[found.start()]
            end = origin[found.end() - 1] + 1
            # Extend to the end of the original word (a prefix matches the whole word).
            while end < len(text) and (text[end].isalnum()):
                end += 1
            spans.append((start, end))
    spans.sort()
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    window_start, window_end = 0, len(text)
    if limit and len(text) > limit:
        first = merged[0][0] if merged else 0
        window_start = max(0, first - limit // 3)
        window_end = min(len(text), window_start + limit)
    parts, position = [], window_start
    if window_start > 0:
        parts.append("…")
    for start, end in merged:
        if end <= window_start or start >= window_end:
            continue
        start, end = max(start, window_start), min(end, window_end)
        parts.append(escape(text[position:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    parts.append(escape(text[position:window_end]))
    if window_end < len(text):
        parts.append("…")
    return mark_safe("".join(str(p) for p in parts))  # noqa: S308 - every piece of the text is escaped above
