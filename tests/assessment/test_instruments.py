"""Import → export → import round-trips, and malformed XLSForms refused with the row and the reason."""

import io
import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from integra.assessment import instruments

DEMO = Path(__file__).parents[2] / "src" / "integra" / "assessment" / "demo_content"


@pytest.mark.parametrize("name", ["individual.json", "group.json", "organisation.json", "training_needs.json"])
def test_demo_round_trip(name):
    first = instruments.read_upload(name, (DEMO / name).read_bytes())
    assert first.ok, [str(e) for e in first.errors]
    xlsx = instruments.read_upload("x.xlsx", instruments.to_xlsx(first.definition))
    assert xlsx.ok and xlsx.definition == first.definition
    again = instruments.read_upload("x.json", instruments.to_json(xlsx.definition))
    assert again.ok and again.definition == first.definition
    assert set(instruments.definition_languages(first.definition)) >= {"en", "fr", "pt"}


def _xlsx(survey, choices=(), settings=(("form_id", "level", "form_title::English (en)"), ("t1", "individual", "T"))):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "survey"
    for row in survey:
        sheet.append(list(row))
    if choices:
        sheet = workbook.create_sheet("choices")
        for row in choices:
            sheet.append(list(row))
    sheet = workbook.create_sheet("settings")
    for row in settings:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


HEAD = ("type", "name", "label::English (en)", "label::French (fr)", "relevant", "constraint", "kind")
CHOICES = (("list_name", "name", "label::English (en)", "score"), ("lmh", "low", "Low", 0), ("lmh", "high", "High", 2))


def test_good_xlsform_with_languages_and_missing_translation_warning():
    result = instruments.read_upload("f.xlsx", _xlsx([
        HEAD, ("begin_group", "d1", "Domain", "Domaine"), ("select_one lmh", "a", "A", "", "", "", "risk"),
        ("integer", "n", "N", "N", "${a} = 'high'", ". >= 0"), ("end_group",)], CHOICES))
    assert result.ok, [str(e) for e in result.errors]
    item = result.definition["items"][0]
    assert item["label"] == {"en": "A"} and item["domain"] == "d1" and item["kind"] == "risk"
    assert result.definition["items"][1]["relevant"] == "${a} = 'high'"
    assert any("French" in str(w) for w in result.warnings)
    assert "a label" in instruments.missing_translations(result.definition)["fr"]


def _errors(content, name="f.xlsx"):
    result = instruments.read_upload(name, content)
    assert not result.ok and result.definition is None
    return [(e.sheet, e.row, e.column, e.message) for e in result.errors]


def test_missing_columns():
    errors = _errors(_xlsx([("type", "label"), ("text", "A")]))
    assert ("survey", None, "name", 'The column "name" is missing.') in errors


def test_unknown_reference():
    errors = _errors(_xlsx([HEAD, ("text", "a", "A"), ("text", "b", "B", "", "${nope} = 1")]))
    assert errors == [("survey", 3, "relevant", "In relevant: ${nope} refers to an item that does not exist.")]


def test_cycle_in_relevant():
    errors = _errors(_xlsx([HEAD, ("text", "a", "A", "", "${b} = 'x'"), ("text", "b", "B", "", "${a} = 'y'")]))
    assert errors == [("survey", 2, "relevant", "The items depend on each other in a circle: a → b → a.")]


def test_bad_constraint():
    errors = _errors(_xlsx([HEAD, ("integer", "a", "A", "", "", ". >>= 3")]))
    assert errors[0][:3] == ("survey", 2, "constraint") and "cannot read the expression" in errors[0][3]


def test_duplicate_name():
    errors = _errors(_xlsx([HEAD, ("text", "a", "A"), ("text", "a", "Again")]))
    assert errors == [("survey", 3, "name", 'The name "a" is used twice.')]


def test_unknown_choice_list_and_type():
    errors = _errors(_xlsx([HEAD, ("select_one nope", "a", "A"), ("photo", "b", "B")]))
    assert [e[1] for e in errors] == [2, 3]


def test_csv_xlsform():
    content = (b"survey,,,\n,type,name,label\n,integer,a,A\n,text,b,B\nsettings,,,\n,form_id,level,form_title\n"
               b",c1,group,Title\n")
    result = instruments.read_upload("f.csv", content)
    assert result.ok, [str(e) for e in result.errors]
    assert result.definition["level"] == "group"


def test_wrong_type_and_size():
    assert not instruments.read_upload("f.pdf", b"%PDF").ok
    assert not instruments.read_upload("f.xlsx", b"not a zip").ok
    assert not instruments.read_upload("f.json", b"x" * (instruments.MAX_UPLOAD_BYTES + 1)).ok
    assert not instruments.read_upload("f.json", b"{").ok
    assert not instruments.read_upload("f.json", json.dumps({"format": "other"}).encode()).ok


def test_messages_in_the_users_language(settings):
    from django.utils import translation

    with translation.override("fr"):
        errors = _errors(_xlsx([("type", "label"), ("text", "A")]))
    assert errors  # the message goes through gettext (the catalogue fills the French text)


def test_reserved_insufficient_value():
    errors = _errors(_xlsx([HEAD, ("select_one s", "a", "A")],
                           (("list_name", "name", "label"), ("s", "insufficient", "I"))))
    assert errors[0][0] == "choices"
