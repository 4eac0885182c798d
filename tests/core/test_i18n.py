"""Six interface languages with real translations, and content fields that fall back to English."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

from integra.core.models import Organisation
from tests.conftest import signed_in

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
PARTNER_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]


@pytest.mark.parametrize("language", PARTNER_LANGUAGES)
def test_catalogue_is_complete_and_not_a_copy_of_english(language):
    po = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))
    assert po.percent_translated() == 100, [e.msgid for e in po.untranslated_entries()][:10]
    assert not po.fuzzy_entries()
    copies = [e.msgid for e in po.translated_entries() if e.msgstr == e.msgid and len(e.msgid) > 12]
    assert len(copies) <= len(po) * 0.03, copies


@pytest.mark.parametrize("language", PARTNER_LANGUAGES)
def test_placeholders_survive_translation(language):
    import re

    po = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))
    pattern = re.compile(r"%\(\w+\)[sd]")
    for entry in po.translated_entries():
        translated = entry.msgstr or " ".join(entry.msgstr_plural.values())
        assert set(pattern.findall(entry.msgid)) <= set(pattern.findall(translated)) | set(
            pattern.findall(entry.msgid_plural or "")), (language, entry.msgid)


@pytest.mark.django_db
@pytest.mark.parametrize("language,expected", [("fr", "Tableau de bord"), ("it", "Organizzazioni"),
                                               ("pt", "Organizações"), ("el", "Οργανισμοί"),
                                               ("bg", "Организации")])
def test_pages_render_in_the_chosen_language(member, language, expected):
    body = signed_in(member).get(f"/{language}/dashboard/").content.decode()
    assert f'lang="{language}"' in body and expected in body


@pytest.mark.django_db
def test_content_fields_fall_back_to_english():
    org = Organisation.objects.create(name="Org", kind="prison", country="FR", description_en="English text",
                                      description_fr="Texte français")
    org = Organisation.objects.get(pk=org.pk)
    with translation.override("fr"):
        assert org.description == "Texte français"
    with translation.override("bg"):
        assert org.description == "English text"


def test_texts_marked_for_rendering_on_read_are_in_the_catalogues():
    """Notifications and audit purposes mark their texts with N_ (gettext_noop) and translate them when shown:
    `make messages` must extract them (core's makemessages adds the keyword), or they stay English everywhere."""
    import ast

    marked = set()
    for path in LOCALE_DIR.parent.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "N_"
                    and node.args and isinstance(node.args[0], ast.Constant)):
                marked.add(node.args[0].value)
    assert len(marked) > 20
    french = polib.pofile(str(LOCALE_DIR / "fr" / "LC_MESSAGES" / "django.po"))
    translated = {entry.msgid for entry in french.translated_entries()}
    assert sorted(marked - translated) == []
