import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from integra.accounts.models import User
from integra.practices.models import Coding, LessonLearned, Practice, Publication, Study
from tests.conftest import signed_in


@pytest.mark.django_db
def test_demo_loads_once_and_its_pages_answer():
    call_command("demo", verbosity=0)
    call_command("demo", verbosity=0)  # idempotent
    published = Practice.objects.filter(status=Practice.Status.PUBLISHED)
    assert published.count() >= 25
    assert {s for p in published for s in p.settings} == {"prison", "probation", "community"}
    assert {c for p in published for c in p.countries} >= {"FR", "BG", "IT", "PT", "GR"}
    assert set(Practice.objects.values_list("status", flat=True)) == set(Practice.Status.values)
    assert published.filter(label=Practice.Label.PEER_REVIEWED).count() == 2
    study = Study.objects.get()
    assert study.sessions.filter(kind="focus_group").count() == 2
    assert study.sessions.filter(kind="interview").count() == 3
    assert Coding.objects.values("coder").distinct().count() == 2
    assert LessonLearned.objects.filter(is_published=True).count() == 1
    assert Publication.objects.filter(is_published=True).count() == 2

    anonymous = Client()
    search = anonymous.get(reverse("practices:search"), {"q": "reinsercao"})
    assert search.status_code == 200 and "<mark>" in search.content.decode()
    assert anonymous.get(reverse("practices:publication", args=["multi-agency-guide"])).status_code == 200
    assert anonymous.get(reverse("practices:lessons")).status_code == 200
    approaches = anonymous.get(reverse("practices:approaches")).content.decode()
    assert "Mentoring after release" in approaches
    from integra.practices.models import Approach

    mentoring = Approach.objects.get(title_en="Mentoring after release")
    assert mentoring.practices.count() == 3
    assert anonymous.get(reverse("practices:approach", args=[mentoring.pk])).status_code == 200
    researcher = signed_in(User.objects.get(email="researcher@example.org"))
    for url in (reverse("practices:mine"), reverse("practices:studies"), reverse("practices:study", args=[study.pk]),
                reverse("practices:session", args=[study.pk, study.sessions.first().pk]),
                reverse("practices:frequencies", args=[study.pk]), reverse("core:dashboard"), reverse("core:home")):
        assert researcher.get(url).status_code == 200, url
    home = anonymous.get(reverse("core:home")).content.decode()
    assert reverse("practices:search") in home
