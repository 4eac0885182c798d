"""Retyped items across versions: a new version says how the old values read in it (conversions), checked against
both scales; exports across versions apply them (nothing lost: a value without a conversion stays as it was); the
XLSForm and JSON files carry them both ways."""

import pytest
from django.core.exceptions import ValidationError

from integra.assessment import instruments, selectors, services

from .conftest import finished, load_definition

pytestmark = pytest.mark.django_db


def retyped(conversions):
    definition = load_definition()
    for item in definition["items"]:
        if item["name"] == "prior_violence":
            item["scale"] = "lmh"
    definition["conversions"] = conversions
    return definition


def test_export_converts_retyped_values(shared_record, prison_cm, colleague, instrument, platform_admin):
    finished(prison_cm, colleague, shared_record, instrument)  # prior_violence = "no" on the yes/no scale
    version = services.instrument_import(actor=platform_admin,
                                         definition=retyped({"prior_violence": {"no": "low", "yes": "high"}}))
    services.version_publish(actor=platform_admin, version=version)
    assert "prior_violence" in services.version_changes(instrument.versions.get(number=1).definition,
                                                        version.definition)["retyped"]
    rows, header = selectors.assessment_export(actor=prison_cm, instrument=instrument)
    assert rows[0][header.index("version")] == 1
    assert rows[0][header.index("prior_violence")] == "low"
    assert rows[0][header.index("grievance")] == "high"  # untouched items as they were


def test_conversions_checked(instrument, platform_admin):
    with pytest.raises(ValidationError, match="on the previous version"):
        services.instrument_import(actor=platform_admin, definition=retyped({"prior_violence": {"maybe": "low"}}))
    with pytest.raises(ValidationError, match="on this version"):
        services.instrument_import(actor=platform_admin, definition=retyped({"prior_violence": {"no": "none"}}))
    with pytest.raises(ValidationError, match="not an item"):
        services.instrument_import(actor=platform_admin, definition=retyped({"ghost": {"no": "low"}}))
    assert instrument.versions.count() == 1


def test_conversions_on_a_first_version_refused(platform_admin):
    definition = retyped({"prior_violence": {"no": "low"}})
    definition["code"] = "another-instrument"
    with pytest.raises(ValidationError, match="first version"):
        services.instrument_import(actor=platform_admin, definition=definition)


def test_conversions_round_trip_through_files():
    definition = instruments.from_json(retyped({"prior_violence": {"no": "low", "yes": "high"}})).definition
    assert definition["conversions"] == {"prior_violence": {"no": "low", "yes": "high"}}
    again = instruments.read_upload("v2.xlsx", instruments.to_xlsx(definition))
    assert again.ok and again.definition["conversions"] == definition["conversions"]
    assert instruments.from_json(__import__("json").loads(instruments.to_json(definition))).definition == definition
