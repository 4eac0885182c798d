"""Editing approaches, lessons learned and publications (with chapters): editors only, through the services,
translatable per field with fallback to English, a stale edit answered 409 and saving nothing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from integra.practices import services
from integra.practices.models import Approach, Chapter, LessonLearned, Publication
from tests.conftest import signed_in

from .conftest import publish


@pytest.mark.django_db
def test_editorial_pages_are_for_editors_only(owner, editor, client):
    lesson = services.lesson_create(actor=editor, title="Share early", summary="Plan release together.")
    for url in (reverse("practices:editorial"), reverse("practices:approach_create"),
                reverse("practices:lesson_edit", args=[lesson.pk]), reverse("practices:publication_create")):
        assert signed_in(owner).get(url).status_code in {403, 404}, url
        assert client.get(url).status_code == 302, url  # to the sign-in page
        assert signed_in(editor).get(url).status_code == 200, url
    assert signed_in(owner).post(reverse("practices:lesson_edit", args=[lesson.pk]),
                                 {"title_en": "Hijacked", "summary_en": "x", "version": 1}).status_code in {403, 404}
    assert LessonLearned.objects.get(pk=lesson.pk).title_en == "Share early"


@pytest.mark.django_db
def test_create_and_edit_an_approach_with_translations_and_linked_practices(owner, editor):
    practice = publish(owner, editor)
    client = signed_in(editor)
    response = client.post(reverse("practices:approach_create"), {
        "title_en": "Exit work", "description_en": "Leaving extremist groups.", "title_fr": "Sortie",
        "practices": str(practice.pk), "is_published": "on"})
    assert response.status_code == 302
    approach = Approach.objects.get(title_en="Exit work")
    assert approach.title_fr == "Sortie" and list(approach.practices.all()) == [practice] and approach.is_published
    with translation.override("fr"):
        assert Approach.objects.get(pk=approach.pk).title == "Sortie"
    with translation.override("bg"):
        assert Approach.objects.get(pk=approach.pk).title == "Exit work"  # fallback to English
    edit = reverse("practices:approach_edit", args=[approach.pk])
    page = client.get(edit)
    assert page.status_code == 200 and "Sortie" in page.content.decode()
    form = {"title_en": "Exit work", "description_en": "Leaving groups, with mentors.", "version": 1,
            "practices": str(practice.pk)}
    assert client.post(edit, form).status_code == 302
    stale = client.post(edit, {**form, "description_en": "Someone else's"})  # version 1 is now stale
    assert stale.status_code == 409
    assert Approach.objects.get(pk=approach.pk).description_en == "Leaving groups, with mentors."
    bad = client.post(edit, {**form, "version": 2, "practices": "12, x"})
    assert bad.status_code == 400 and "separated by commas" in bad.content.decode()
    missing = client.post(edit, {**form, "version": 2, "practices": "99999"})
    assert missing.status_code == 400 and "No published practice has the number 99999." in missing.content.decode()
    empty = client.post(edit, {**form, "version": 2, "description_en": ""})
    assert empty.status_code == 400


@pytest.mark.django_db
def test_lesson_edit_and_stale_edit(editor):
    lesson = services.lesson_create(actor=editor, title="Share early", summary="Plan release together.")
    assert lesson.version == 1
    services.lesson_update(actor=editor, lesson=lesson, expected_version=1,
                           texts={"title_en": "Share early", "summary_en": "Plan it.", "summary_pt": "Planear."},
                           evidence="Study A: 3 sessions")
    lesson.refresh_from_db()
    assert lesson.version == 2 and lesson.summary_pt == "Planear." and lesson.evidence == "Study A: 3 sessions"
    from integra.core.errors import StaleEdit

    with pytest.raises(StaleEdit):
        services.lesson_update(actor=editor, lesson=lesson, expected_version=1,
                               texts={"title_en": "Old", "summary_en": "Old"})
    assert LessonLearned.objects.get(pk=lesson.pk).title_en == "Share early"


@pytest.mark.django_db
def test_publication_with_chapters_linked_lessons_and_query_count(owner, editor, client):
    lesson = services.lesson_create(actor=editor, title="Share early", summary="Plan.", is_published=True)
    editor_client = signed_in(editor)
    response = editor_client.post(reverse("practices:publication_create"), {
        "slug": "guide-2", "kind": "guide", "title_en": "Working together", "title_el": "Συνεργασία",
        "lessons": [lesson.pk], "is_published": "on"})
    assert response.status_code == 302
    publication = Publication.objects.get(slug="guide-2")
    assert list(publication.lessons.all()) == [lesson]
    again = editor_client.post(reverse("practices:publication_create"), {"slug": "guide-2", "kind": "review",
                                                                         "title_en": "Overwrite"})
    assert again.status_code == 400 and "Another publication uses this short name." in again.content.decode()
    assert Publication.objects.get(slug="guide-2").title_en == "Working together"
    chapter_url = reverse("practices:chapter_create", args=["guide-2"])
    assert editor_client.post(chapter_url, {"title_en": "Share early", "body_en": "Agree a plan.",
                                            "link_url": "/en/cooperation/", "version": 1}).status_code == 302
    assert editor_client.post(chapter_url, {"title_en": "Late", "body_en": "Stale.", "version": 1}).status_code == 409
    bad = editor_client.post(chapter_url, {"title_en": "Elsewhere", "body_en": "x", "link_url": "https://evil.example",
                                           "version": 2})
    assert bad.status_code == 400 and "starting with" in bad.content.decode()
    assert Chapter.objects.filter(publication=publication).count() == 1
    chapter = publication.chapters.get()
    edit = reverse("practices:chapter_edit", args=["guide-2", chapter.pk])
    assert editor_client.post(edit, {"title_en": "Share early", "body_en": "Agree a written plan.", "title_it":
                                     "Condividere presto", "version": 2}).status_code == 302
    chapter.refresh_from_db()
    assert chapter.body_en == "Agree a written plan." and chapter.title_it == "Condividere presto"
    public = client.get(reverse("practices:publication", args=["guide-2"]))
    assert public.status_code == 200 and "Agree a written plan." in public.content.decode()
    for number in range(3):
        services.chapter_save(actor=editor, publication=Publication.objects.get(pk=publication.pk),
                              expected_version=Publication.objects.get(pk=publication.pk).version,
                              texts={"title_en": f"More {number}", "body_en": "Text."})
    edit_page = reverse("practices:publication_edit", args=["guide-2"])
    editor_client.get(edit_page)
    with CaptureQueriesContext(connection) as queries:
        assert editor_client.get(edit_page).status_code == 200
    assert len(queries) <= 14
    assert signed_in(owner).get(edit_page).status_code == 404
    assert signed_in(owner).post(edit, {"title_en": "x", "body_en": "y", "version": 99}).status_code == 404
