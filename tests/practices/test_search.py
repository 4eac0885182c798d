"""Search: the same results on SQLite FTS5 and PostgreSQL (CI runs this file on both), accents and case aside,
in French, Portuguese, Greek and Bulgarian; facets; highlights escaped; the public sees published entries only."""

import pytest
from django.db import connection

from integra.practices import search, selectors, services
from integra.practices.models import Practice

from .conftest import practice_fields, publish

EXPECTED = {
    # query: names of the published practices it must find, whatever the database
    "prévention": {"fr"}, "PREVENTION": {"fr"}, "reinsercao": {"pt"}, "Reinserção": {"pt"},
    "ριζοσπαστικοποιηση": {"el"}, "ΡΙΖΟΣΠΑΣΤΙΚΟΠΟΊΗΣΗ": {"el"}, "Превенция": {"bg"}, "превенц": {"bg"},
    "mentor": {"fr", "pt", "el", "bg"}, "mentor famille": {"fr"}, "nothing-like-this": set(),
}


@pytest.fixture
def collection(owner, editor):
    texts = {
        "fr": ("Prévention en détention", "Un programme de prévention avec des mentors et la famille."),
        "pt": ("Reinserção social", "Mentores acompanham a reinserção após a prisão."),
        "el": ("Πρόληψη", "Μέντορες κατά της ριζοσπαστικοποίησης στη φυλακή."),
        "bg": ("Превенция в затвора", "Ментори и mentor програма за превенция."),
    }
    made = {}
    for language, (name, description) in texts.items():
        fields = practice_fields(name=f"EN {language}", description=f"Mentoring practice {language}.",
                                 languages=["en", language], countries=[language.upper()[:2].replace("EL", "GR")])
        fields[f"name_{language}"] = name
        fields[f"description_{language}"] = description
        made[language] = publish(owner, editor, **fields)
    services.practice_create(actor=owner, **practice_fields(name="Draft prevention mentor"))  # never public
    return made


@pytest.mark.django_db
@pytest.mark.parametrize("query", list(EXPECTED))
def test_same_results_on_both_databases(collection, query):
    result = selectors.search_practices(actor=None, query=query, public_only=True)
    found = {code for code, practice in collection.items() if practice in set(result.practices)}
    assert found == EXPECTED[query], f"{connection.vendor}: {query!r}"
    assert all(p.status == Practice.Status.PUBLISHED for p in result.practices)


@pytest.mark.django_db
def test_facets_count_and_filter(collection):
    result = selectors.search_practices(actor=None, query="mentor", filters={"country": ["BG"]}, public_only=True)
    assert [p.pk for p in result.practices] == [collection["bg"].pk]
    languages = {item["value"]: item["count"] for item in result.facets["language"]}
    assert languages == {"en": 1, "bg": 1}
    every = selectors.search_practices(actor=None, query="", public_only=True)
    assert every.total == 4
    assert {i["value"]: i["count"] for i in every.facets["setting"]} == {"prison": 4, "community": 4}
    assert {i["value"] for i in every.facets["label"]} == {"inspiring"}


def test_fold_and_highlight_escape():
    assert search.fold("Prévention  ΡΙΖΟΣΠΑΣΤΙΚΟΠΟΊΗΣΗ, Превенция!") == "prevention ριζοσπαστικοποιηση превенция"
    html = search.highlight("<b>Prévention</b> & co", search.terms("prevention"))
    assert str(html) == "&lt;b&gt;<mark>Prévention</mark>&lt;/b&gt; &amp; co"
    assert search.terms('"; DROP TABLE x; -- ' + "a" * 100)[-1] == "a" * search.MAX_TERM_LENGTH


@pytest.mark.django_db
def test_fts_syntax_in_a_query_is_plain_words(collection):
    for query in ['"', "mentor*", "NEAR(a b)", "a:*", "!!", "mentor OR x", "' OR 1=1 --"]:
        selectors.search_practices(actor=None, query=query, public_only=True)


@pytest.mark.django_db
def test_search_page_counts_once_and_carries_the_other_facets(collection, client, monkeypatch):
    """The page's total comes with the facet counts (no second COUNT); each facet's form carries the other
    facets' choices as hidden fields, the search form carries them all; pagination follows the total."""
    import re

    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from integra.practices import views

    url = reverse("practices:search")
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url, {"q": "mentor", "country": "BG", "language": "bg"}).content.decode()
    assert not [q for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    assert "1 practice found" in page
    forms = page.split('<h2 class="facet-title">')[1:]
    country = next(f for f in forms if f.startswith("Country"))
    language = next(f for f in forms if f.startswith("Language"))
    assert '<input type="hidden" name="language" value="bg">' in country
    assert '<input type="hidden" name="country" value="BG">' not in country
    assert '<input type="hidden" name="country" value="BG">' in language
    search_form = page.split('role="search"')[1].split("</form>")[0]
    assert len(re.findall(r'type="hidden" name="(country|language)"', search_form)) == 2
    monkeypatch.setattr(views, "PAGE_SIZE", 3)
    second = client.get(url, {"q": "mentor", "page": 2}).content.decode()
    assert "2 / 2" in second and "4 practices found" in second and second.count('<li class="card">') == 1
