"""XLSForm as OpenDocument (.ods): pyxform reads .xlsx, .xls, .csv and Markdown but not .ods, so the sheet is turned
into an .xlsx workbook and read by pyxform's own reader — the same instrument as from .xlsx, the same per-row
errors, and a broken or hostile file refused with a message."""

import io
import zipfile
from xml.sax.saxutils import escape

import pytest
from openpyxl import load_workbook

from integra.assessment import instruments

from .conftest import load_definition

OFFICE = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')


def _cell(value):
    if value in (None, ""):
        return "<table:table-cell/>"
    return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'


def ods_from_xlsx(content: bytes, *, pad=True) -> bytes:
    """A minimal .ods with the workbook's sheets, padded as LibreOffice pads them (repeated empty cells and rows)."""
    workbook = load_workbook(io.BytesIO(content))
    tables = []
    for sheet in workbook.worksheets:
        rows = []
        for row in sheet.iter_rows(values_only=True):
            cells = "".join(_cell(v) for v in row)
            if pad:
                cells += '<table:table-cell table:number-columns-repeated="1000"/>'
            rows.append(f"<table:table-row>{cells}</table:table-row>")
        if pad:
            rows.append('<table:table-row table:number-rows-repeated="1048000"><table:table-cell '
                        'table:number-columns-repeated="1024"/></table:table-row>')
        tables.append(f'<table:table table:name="{escape(sheet.title)}">{"".join(rows)}</table:table>')
    xml = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {OFFICE}><office:body>'
           f'<office:spreadsheet>{"".join(tables)}</office:spreadsheet></office:body></office:document-content>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", xml)
    return out.getvalue()


@pytest.mark.parametrize("name", ["individual.json", "group.json", "organisation.json", "training_needs.json"])
def test_ods_imports_to_the_same_instrument_as_xlsx(name):
    definition = load_definition(name)
    xlsx = instruments.to_xlsx(definition)
    from_xlsx = instruments.read_upload("form.xlsx", xlsx)
    from_ods = instruments.read_upload("form.ods", ods_from_xlsx(xlsx))
    assert from_xlsx.ok and from_ods.ok, [str(e) for e in from_ods.errors]
    assert from_ods.definition == from_xlsx.definition


def test_ods_errors_name_the_row_like_xlsx():
    definition = load_definition()
    xlsx = instruments.to_xlsx(definition)
    workbook = load_workbook(io.BytesIO(xlsx))
    workbook["survey"].cell(row=3, column=2).value = workbook["survey"].cell(row=4, column=2).value  # duplicate
    broken = io.BytesIO()
    workbook.save(broken)
    xlsx_errors = [str(e) for e in instruments.read_upload("f.xlsx", broken.getvalue()).errors]
    ods_errors = [str(e) for e in instruments.read_upload("f.ods", ods_from_xlsx(broken.getvalue())).errors]
    assert xlsx_errors and ods_errors == xlsx_errors


def test_broken_and_hostile_ods_refused():
    assert not instruments.read_upload("f.ods", b"not a zip").ok
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("content.xml", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>')
    result = instruments.read_upload("f.ods", out.getvalue())
    assert not result.ok and "cannot be read" in str(result.errors[0])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("other.xml", "<x/>")
    assert not instruments.read_upload("f.ods", out.getvalue()).ok


@pytest.mark.django_db
def test_import_page_accepts_ods(platform_admin):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from tests.conftest import signed_in

    xlsx = instruments.to_xlsx(load_definition("group.json"))
    client = signed_in(platform_admin)
    response = client.post(reverse("assessment:import"),
                           {"file": SimpleUploadedFile("wing.ods", ods_from_xlsx(xlsx))})
    assert response.status_code == 200
    assert b"payload" in response.content  # the preview, with the confirm form
    bad = client.post(reverse("assessment:import"), {"file": SimpleUploadedFile("wing.ods", b"garbage")})
    assert bad.status_code == 400 and b"OpenDocument" in bad.content
