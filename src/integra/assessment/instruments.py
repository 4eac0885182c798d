"""Instruments as data: the platform's own JSON form, XLSForm import (read with pyxform's reader), validation with
the row and column of every problem in the user's language, and export back to a file that imports to the same
instrument.

The definition (stored on each InstrumentVersion, and the JSON file format):

    {"format": "integra-instrument", "format_version": 1, "code": "...", "level": "individual",
     "default_language": "en", "title": {"en": ..., "fr": ...}, "description": {...},
     "scales": {"lmh": [{"value": "low", "label": {"en": ...}, "score": 1}, ...]},
     "domains": [{"name": "beliefs", "label": {...}, "relevant": ""}],
     "items": [{"name": "b1", "type": "select_one", "scale": "lmh", "domain": "beliefs", "kind": "risk",
                "label": {...}, "guidance": {...}, "relevant": "", "required": "yes", "constraint": "",
                "constraint_message": {...}, "calculate": "", "competence": ""}],
     "mapping": {"old_name": "new_name" or null},
     "conversions": {"old_name": {"old value": "new value"}}}

In an XLSForm: the `survey` sheet has `type`, `name`, `label::<Language> (<code>)`, `hint`/`guidance_hint`,
`relevant`, `required`, `constraint`, `constraint_message`, `calculate`, and two columns of ours, `kind`
(risk / protective / motivational / additional) and `competence` (a learning-blueprint code, for training-needs
surveys); domains are `begin_group` … `end_group`. The `choices` sheet has `list_name`, `name`, `label::…` and
`score`. The `settings` sheet has `form_id` (the code), `form_title::…`, `default_language`, `level`,
`description::…`, `previous` (the mapping, as `old=new;gone=`) and `convert` (how the values of a retyped item
read in the new version, as `item:old=new;item:old2=new2`).
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from . import logic

FORMAT = "integra-instrument"
FORMAT_VERSION = 1
LEVELS = ("individual", "group", "organisation", "training_needs")
ITEM_TYPES = ("select_one", "integer", "decimal", "text", "calculate")
ITEM_KINDS = ("risk", "protective", "motivational", "additional", "")
LANGUAGE_NAMES = {"en": "English", "fr": "French", "bg": "Bulgarian", "it": "Italian", "pt": "Portuguese",
                  "el": "Greek"}
INTERFACE_LANGUAGES = tuple(LANGUAGE_NAMES)
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]{0,63}$")
MAX_ITEMS = 500
MAX_TEXT = 4000
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
INSUFFICIENT = "insufficient"  # the distinct "insufficient information" rating; never a scale value


@dataclass
class Problem:
    message: str
    sheet: str = ""
    row: int | None = None
    column: str = ""

    def as_dict(self) -> dict:
        return {"message": self.message, "sheet": self.sheet, "row": self.row, "column": self.column}

    def __str__(self) -> str:
        place = ", ".join(p for p in (
            _("sheet %(sheet)s") % {"sheet": self.sheet} if self.sheet else "",
            _("row %(row)s") % {"row": self.row} if self.row else "",
            _("column %(column)s") % {"column": self.column} if self.column else "") if p)
        return f"{place}: {self.message}" if place else self.message


@dataclass
class ImportResult:
    definition: dict | None
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.definition is not None and not self.errors


# --- reading a file ------------------------------------------------------------------------------------------------


def read_upload(name: str, content: bytes) -> ImportResult:
    """A file as uploaded: .json (ours), .xlsx or .csv (XLSForm). Type and size are checked first."""
    lower = (name or "").lower()
    if len(content) > MAX_UPLOAD_BYTES:
        return ImportResult(None, [Problem(_("The file is larger than 2 MB."))])
    if lower.endswith(".json"):
        try:
            data = json.loads(content.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return ImportResult(None, [Problem(_("The file is not valid JSON."))])
        return from_json(data)
    if lower.endswith(".xlsx"):
        if not content.startswith(b"PK"):
            return ImportResult(None, [Problem(_("The file is not an Excel workbook (.xlsx)."))])
        return from_xlsform(content, kind="xlsx")
    if lower.endswith(".csv"):
        return from_xlsform(content, kind="csv")
    if lower.endswith(".ods"):
        if not content.startswith(b"PK"):
            return ImportResult(None, [Problem(_("The file is not an OpenDocument spreadsheet (.ods)."))])
        try:
            content = ods_to_xlsx(content)
        except OdsError:
            return ImportResult(None, [Problem(_("The file cannot be read as an XLSForm."))])
        return from_xlsform(content, kind="xlsx")
    return ImportResult(None, [Problem(_("Upload an XLSForm (.xlsx, .ods or .csv) or an instrument file (.json)."))])


class OdsError(ValueError):
    pass


ODS_MAX_CELLS = 200_000  # a bound on repeated rows and columns: an instrument is a few hundred rows
ODS_MAX_REPEAT = 1024  # spreadsheets pad rows and sheets with long runs of empty cells; trailing ones are dropped


def ods_to_xlsx(content: bytes) -> bytes:
    """An OpenDocument spreadsheet as an .xlsx workbook with the same sheets and cell texts, so pyxform's own
    .xlsx reader reads it. pyxform (4.x) reads .xlsx, .xls, .csv and Markdown but not .ods; LibreOffice's .ods is
    an XML table inside a zip, read here with the standard library (defusedxml against hostile XML) — no new
    dependency. Repeated rows and columns are expanded, within a bound."""
    import zipfile

    from defusedxml import ElementTree
    from openpyxl import Workbook

    table_ns = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    text_ns = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    t = f"{{{table_ns}}}"
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            info = archive.getinfo("content.xml")
            if info.file_size > 20 * MAX_UPLOAD_BYTES:
                raise OdsError("content.xml too large")
            root = ElementTree.fromstring(archive.read("content.xml"))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, ValueError) as error:
        raise OdsError(str(error)) from error
    except Exception as error:  # noqa: BLE001 - defusedxml refuses entities and the like: "cannot read it"
        raise OdsError(str(error)) from error
    workbook = Workbook()
    workbook.remove(workbook.active)
    cells = 0
    for table in root.iter(f"{t}table"):
        sheet = workbook.create_sheet(title=(table.get(f"{t}name") or "sheet")[:31])
        rows = []
        for row in table.iter(f"{t}table-row"):
            values = []
            for cell in row:
                if cell.tag not in {f"{t}table-cell", f"{t}covered-table-cell"}:
                    continue
                repeat = int(cell.get(f"{t}number-columns-repeated") or 1)
                text = "\n".join("".join(p.itertext()) for p in cell.iter(f"{{{text_ns}}}p"))
                values.extend([text] * min(repeat, ODS_MAX_REPEAT))
            while values and values[-1] == "":
                values.pop()
            repeat = int(row.get(f"{t}number-rows-repeated") or 1)
            if not values:
                rows.extend([[]] * min(repeat, ODS_MAX_REPEAT))  # kept for the row numbers; trailing ones dropped
                continue
            for _index in range(repeat):
                rows.append(values)
                cells += len(values)
                if cells > ODS_MAX_CELLS:
                    raise OdsError("too many cells")
        while rows and not rows[-1]:
            rows.pop()
        for values in rows:
            sheet.append([v if v != "" else None for v in values])
    if not workbook.sheetnames:
        raise OdsError("no table")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def from_json(data) -> ImportResult:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return ImportResult(None, [Problem(_("This is not an INTEGRA instrument file (the \"format\" key is "
                                             "missing or wrong)."))])
    problems: list[Problem] = []
    definition = _normalise_json(data, problems)
    if problems:
        return ImportResult(None, problems)
    errors, warnings, _rows = validate(definition)
    return ImportResult(definition if not errors else None, errors, warnings)


def _text_map(value) -> dict:
    if isinstance(value, str):
        return {"en": value} if value else {}
    if isinstance(value, dict):
        return {str(k): str(v)[:MAX_TEXT] for k, v in value.items() if v not in (None, "")}
    return {}


def _normalise_json(data: dict, problems: list[Problem]) -> dict:
    def listed(key):
        value = data.get(key, [])
        if not isinstance(value, list):
            problems.append(Problem(_("\"%(key)s\" must be a list.") % {"key": key}, column=key))
            return []
        return [v for v in value if isinstance(v, dict)]

    scales_in = data.get("scales", {})
    if not isinstance(scales_in, dict):
        problems.append(Problem(_("\"%(key)s\" must be a list.") % {"key": "scales"}, column="scales"))
        scales_in = {}
    scales = {str(name): [{"value": str(c.get("value", "")), "label": _text_map(c.get("label")),
                           "score": logic.to_number(c.get("score"))}
                          for c in (choices if isinstance(choices, list) else []) if isinstance(c, dict)]
              for name, choices in scales_in.items()}
    mapping = data.get("mapping") or {}
    return {
        "format": FORMAT, "format_version": FORMAT_VERSION, "code": str(data.get("code", "")),
        "level": str(data.get("level", "")), "default_language": str(data.get("default_language") or "en"),
        "title": _text_map(data.get("title")), "description": _text_map(data.get("description")),
        "scales": scales,
        "domains": [{"name": str(d.get("name", "")), "label": _text_map(d.get("label")),
                     "relevant": str(d.get("relevant") or "")} for d in listed("domains")],
        "items": [_item(i) for i in listed("items")],
        "mapping": {str(k): (str(v) if v else None) for k, v in mapping.items()} if isinstance(mapping, dict) else {},
        "conversions": _conversions(data.get("conversions")),
    }


def _conversions(raw) -> dict:
    """{old item name: {old value: new value}}: how the values of an item retyped in this version (a new scale, a
    number instead of a choice) read in the new one, so exports across versions lose nothing."""
    if not isinstance(raw, dict):
        return {}
    return {str(item): {str(a): str(b) for a, b in values.items()} for item, values in raw.items()
            if isinstance(values, dict)}


def _conversions_from_cell(cell: str) -> dict:
    """`item:old=new;item:old2=new2` (the `convert` column of the settings sheet)."""
    conversions: dict = {}
    for pair in filter(None, (p.strip() for p in cell.split(";"))):
        item, _sep, rest = pair.partition(":")
        old, _sep, new = rest.partition("=")
        if item.strip() and old.strip():
            conversions.setdefault(item.strip(), {})[old.strip()] = new.strip()
    return conversions


def _conversions_to_cell(conversions: dict) -> str:
    return ";".join(f"{item}:{old}={new}" for item, values in conversions.items() for old, new in values.items())


def _item(raw: dict) -> dict:
    required = raw.get("required", "")
    if required is True or str(required).strip().lower() in {"yes", "true", "true()"}:
        required = "yes"
    elif required is False or str(required).strip().lower() in {"no", "false", "false()", ""}:
        required = ""
    return {"name": str(raw.get("name", "")), "type": str(raw.get("type", "")), "scale": str(raw.get("scale") or ""),
            "domain": str(raw.get("domain") or ""), "kind": str(raw.get("kind") or ""),
            "label": _text_map(raw.get("label")), "guidance": _text_map(raw.get("guidance")),
            "relevant": str(raw.get("relevant") or ""), "required": str(required),
            "constraint": str(raw.get("constraint") or ""),
            "constraint_message": _text_map(raw.get("constraint_message")),
            "calculate": str(raw.get("calculate") or ""), "competence": str(raw.get("competence") or "")}


# --- XLSForm -------------------------------------------------------------------------------------------------------

_LANG_SUFFIX = re.compile(r"^(?P<base>[a-z_]+)(?:::(?P<lang>.+))?$")


def _column_language(column: str, default: str) -> tuple[str, str | None]:
    """("label", "fr") for "label::French (fr)" or "label::fr"; ("label", default) for "label"."""
    match = _LANG_SUFFIX.match(column.strip())
    if not match:
        return column, None
    lang = match.group("lang")
    if lang is None:
        return match.group("base"), default
    code = re.search(r"\(([A-Za-z-]{2,8})\)\s*$", lang)
    code = code.group(1) if code else lang.strip()
    for short, name in LANGUAGE_NAMES.items():
        if code.lower() == name.lower():
            code = short
    return match.group("base"), code.lower()


def _cell(row: dict, key: str) -> str:
    value = row.get(key)
    return "" if value is None else str(value).strip()


def _texts(row: dict, base: str, default: str) -> dict:
    texts = {}
    for column, value in row.items():
        if column is None or value in (None, ""):
            continue
        name, lang = _column_language(str(column), default)
        if name == base and lang:
            texts[lang] = str(value).strip()[:MAX_TEXT]
    return texts


def from_xlsform(content: bytes, *, kind: str) -> ImportResult:
    from pyxform import xls2json_backends

    try:
        reader = xls2json_backends.xlsx_to_dict if kind == "xlsx" else xls2json_backends.csv_to_dict
        sheets = reader(io.BytesIO(content))
    except Exception:  # noqa: BLE001 - pyxform raises many kinds on a broken file; all mean "cannot read it"
        return ImportResult(None, [Problem(_("The file cannot be read as an XLSForm."))])
    return from_sheets(sheets)


def from_sheets(sheets: dict) -> ImportResult:
    """The dict pyxform's readers give ({"survey": [rows], "survey_header": [...], "choices": ..., "settings": ...})."""
    problems: list[Problem] = []
    survey = sheets.get("survey") or []
    if "survey" not in sheets:
        return ImportResult(None, [Problem(_("The workbook has no \"survey\" sheet."), sheet="survey")])
    settings_rows = [r for r in (sheets.get("settings") or []) if r]
    settings = settings_rows[0] if settings_rows else {}
    default = _cell(settings, "default_language") or "en"
    _lang_name, default = _column_language("x::" + default, "en")
    columns = {str(c) for header in (sheets.get("survey_header") or []) for c in header if c}
    columns |= {str(c) for row in survey for c in row if c}
    for needed in ("type", "name"):
        if needed not in columns:
            problems.append(Problem(_("The column \"%(column)s\" is missing.") % {"column": needed}, sheet="survey",
                                    column=needed))
    if not any(_column_language(c, default)[0] == "label" for c in columns):
        problems.append(Problem(_("The column \"%(column)s\" is missing.") % {"column": "label"}, sheet="survey",
                                column="label"))
    if problems:
        return ImportResult(None, problems)

    scales: dict[str, list] = {}
    for index, row in enumerate(sheets.get("choices") or [], start=2):
        if not row:
            continue
        list_name, value = _cell(row, "list_name"), _cell(row, "name")
        if not list_name or not value:
            problems.append(Problem(_("A choice needs a list_name and a name."), sheet="choices", row=index,
                                    column="list_name" if not list_name else "name"))
            continue
        score = _cell(row, "score")
        if score and logic.to_number(score) is None:
            problems.append(Problem(_("The score must be a number."), sheet="choices", row=index, column="score"))
        scales.setdefault(list_name, []).append({"value": value, "label": _texts(row, "label", default),
                                                 "score": logic.to_number(score)})

    domains, items, rows = [], [], {}
    domain = ""
    for index, row in enumerate(survey, start=2):
        if not row:
            continue
        type_text = _cell(row, "type")
        parts = type_text.split()
        base = parts[0] if parts else ""
        if base in {"begin_group", "begin group"}:
            domain = _cell(row, "name")
            domains.append({"name": domain, "label": _texts(row, "label", default),
                            "relevant": _cell(row, "relevant")})
            rows[("domain", domain)] = index
            continue
        if base in {"end_group", "end group"}:
            domain = ""
            continue
        if base in {"select_one", "select_one_from_file"} and len(parts) == 2:
            item_type, scale = "select_one", parts[1]
        else:
            item_type, scale = base, ""
        raw = {"name": _cell(row, "name"), "type": item_type, "scale": scale, "domain": domain,
               "kind": _cell(row, "kind"), "label": _texts(row, "label", default),
               "guidance": _texts(row, "guidance_hint", default) or _texts(row, "hint", default),
               "relevant": _cell(row, "relevant"), "required": _cell(row, "required"),
               "constraint": _cell(row, "constraint"),
               "constraint_message": _texts(row, "constraint_message", default),
               "calculate": _cell(row, "calculation") or _cell(row, "calculate"),
               "competence": _cell(row, "competence")}
        items.append(_item(raw))
        rows[("item", len(items) - 1)] = index
    mapping = {}
    for pair in filter(None, (p.strip() for p in _cell(settings, "previous").split(";"))):
        old, _sep, new = pair.partition("=")
        mapping[old.strip()] = new.strip() or None
    definition = {
        "format": FORMAT, "format_version": FORMAT_VERSION, "code": _cell(settings, "form_id"),
        "level": _cell(settings, "level"), "default_language": default,
        "title": _texts(settings, "form_title", default), "description": _texts(settings, "description", default),
        "scales": scales, "domains": domains, "items": items, "mapping": mapping,
        "conversions": _conversions_from_cell(_cell(settings, "convert")),
    }
    if problems:
        return ImportResult(None, problems)
    errors, warnings, _unused = validate(definition, rows=rows, sheets=True)
    return ImportResult(definition if not errors else None, errors, warnings)


# --- validation ----------------------------------------------------------------------------------------------------


def _expression_problem(error: logic.ExpressionError) -> str:
    if error.code == "function":
        return _("unknown function \"%(name)s\"") % {"name": error.detail}
    if error.code == "incomplete":
        return _("the expression is incomplete")
    if error.code == "arguments":
        return _("wrong number of arguments for \"%(name)s\"") % {"name": error.detail}
    return _("cannot read the expression near \"%(text)s\"") % {"text": error.detail}


def validate(definition: dict, *, rows: dict | None = None, sheets: bool = False):
    """(errors, warnings, rows): every problem of the definition with its place."""
    rows = rows or {}
    errors: list[Problem] = []
    warnings: list[Problem] = []

    def where(key, column):
        if sheets:
            return {"sheet": "survey" if key[0] in {"item", "domain"} else "settings", "row": rows.get(key),
                    "column": column}
        if key[0] == "item":
            return {"sheet": "items", "row": key[1] + 1, "column": column}
        if key[0] == "domain":
            return {"sheet": "domains", "row": None, "column": column}
        return {"sheet": "", "row": None, "column": column}

    settings_place = ("settings", 0)
    if not definition["code"] or not NAME.match(definition["code"]):
        errors.append(Problem(_("The instrument needs a code (letters, digits, _ . -)."),
                              **where(settings_place, "form_id" if sheets else "code")))
    if definition["level"] not in LEVELS:
        errors.append(Problem(_("The level must be one of: %(levels)s.") % {"levels": ", ".join(LEVELS)},
                              **where(settings_place, "level")))
    if not definition["title"].get("en"):
        errors.append(Problem(_("The instrument needs a title in English."),
                              **where(settings_place, "form_title" if sheets else "title")))
    for name, choices in definition["scales"].items():
        values = [c["value"] for c in choices]
        if len(set(values)) != len(values):
            errors.append(Problem(_("The scale \"%(scale)s\" has the same value twice.") % {"scale": name},
                                  sheet="choices" if sheets else "scales", column="name"))
        if INSUFFICIENT in values:
            errors.append(Problem(_("\"%(value)s\" is reserved for \"insufficient information\" and cannot be a "
                                    "scale value.") % {"value": INSUFFICIENT},
                                  sheet="choices" if sheets else "scales", column="name"))
    domain_names = set()
    for d in definition["domains"]:
        if not NAME.match(d["name"]) or d["name"] in domain_names:
            errors.append(Problem(_("The domain name \"%(name)s\" is missing, invalid or used twice.")
                                  % {"name": d["name"]}, **where(("domain", d["name"]), "name")))
        domain_names.add(d["name"])
    items = definition["items"]
    if not items:
        errors.append(Problem(_("The instrument has no items."), sheet="survey" if sheets else "items"))
    if len(items) > MAX_ITEMS:
        errors.append(Problem(_("An instrument can have at most %(n)d items.") % {"n": MAX_ITEMS}))
    names: set[str] = set()
    for index, item in enumerate(items):
        key = ("item", index)
        name = item["name"]
        if not NAME.match(name):
            errors.append(Problem(_("\"%(name)s\" is not a valid name (letters, digits, _ . -, starting with a "
                                    "letter).") % {"name": name}, **where(key, "name")))
        elif name in names or name in domain_names:
            errors.append(Problem(_("The name \"%(name)s\" is used twice.") % {"name": name}, **where(key, "name")))
        names.add(name)
        if item["type"] not in ITEM_TYPES:
            errors.append(Problem(_("Unknown type \"%(type)s\" (use select_one LIST, integer, decimal, text or "
                                    "calculate).") % {"type": item["type"]}, **where(key, "type")))
        if item["type"] == "select_one" and item["scale"] not in definition["scales"]:
            errors.append(Problem(_("The choice list \"%(scale)s\" does not exist.") % {"scale": item["scale"]},
                                  **where(key, "type")))
        if item["kind"] not in ITEM_KINDS:
            errors.append(Problem(_("Unknown kind \"%(kind)s\" (use risk, protective, motivational or "
                                    "additional).") % {"kind": item["kind"]}, **where(key, "kind")))
        if item["domain"] and item["domain"] not in domain_names:
            errors.append(Problem(_("The domain \"%(name)s\" does not exist.") % {"name": item["domain"]},
                                  **where(key, "domain")))
        if item["type"] == "calculate" and not item["calculate"]:
            errors.append(Problem(_("A calculate item needs a calculation."), **where(key, "calculation")))
        if item["type"] != "calculate" and not item["label"].get(definition["default_language"]) \
                and not item["label"].get("en"):
            errors.append(Problem(_("The item needs a label in English."), **where(key, "label")))
    graph: dict[str, set[str]] = {}
    domain_relevant = {d["name"]: d["relevant"] for d in definition["domains"]}
    for index, item in enumerate(items):
        key = ("item", index)
        deps: set[str] = set()
        for column in ("relevant", "required", "constraint", "calculate"):
            source = item[column]
            if not source or (column == "required" and source == "yes"):
                continue
            try:
                refs = logic.references(source)
            except logic.ExpressionError as error:
                errors.append(Problem(_("In %(column)s: %(problem)s.") % {"column": column,
                                                                         "problem": _expression_problem(error)},
                                      **where(key, "calculation" if sheets and column == "calculate" else column)))
                continue
            for ref in sorted(refs - names):
                errors.append(Problem(_("In %(column)s: ${%(name)s} refers to an item that does not exist.")
                                      % {"column": column, "name": ref}, **where(key, column)))
            if column in {"relevant", "calculate"}:
                deps |= refs
        group = domain_relevant.get(item["domain"], "")
        # A malformed domain condition adds no dependency here: the loop over the domains below reports it once,
        # with its row.
        if group:
            with contextlib.suppress(logic.ExpressionError):
                deps |= logic.references(group)
        graph[item["name"]] = deps
    for d in definition["domains"]:
        if d["relevant"]:
            try:
                for ref in sorted(logic.references(d["relevant"]) - names):
                    errors.append(Problem(_("In %(column)s: ${%(name)s} refers to an item that does not exist.")
                                          % {"column": "relevant", "name": ref}, **where(("domain", d["name"]),
                                                                                          "relevant")))
            except logic.ExpressionError as error:
                errors.append(Problem(_("In %(column)s: %(problem)s.") % {"column": "relevant",
                                                                         "problem": _expression_problem(error)},
                                      **where(("domain", d["name"]), "relevant")))
    cycle = logic.find_cycle(graph)
    if cycle:
        first = next(i for i, item in enumerate(items) if item["name"] == cycle[0])
        errors.append(Problem(_("The items depend on each other in a circle: %(cycle)s.")
                              % {"cycle": " → ".join(cycle)}, **where(("item", first), "relevant")))
    for lang, missing in missing_translations(definition).items():
        if missing:
            warnings.append(Problem(_("%(n)d texts have no %(language)s translation (English is shown).")
                                    % {"n": len(missing), "language": LANGUAGE_NAMES.get(lang, lang)}))
    return errors, warnings, rows


def definition_languages(definition: dict) -> list[str]:
    found = set(definition["title"])
    for item in definition["items"]:
        found |= set(item["label"])
    return [lang for lang in INTERFACE_LANGUAGES if lang in found] + sorted(found - set(INTERFACE_LANGUAGES))


def missing_translations(definition: dict) -> dict[str, list[str]]:
    """{language: [place of each text without that language]} for the languages the instrument has at all."""
    languages = [lang for lang in definition_languages(definition) if lang != "en"]
    report: dict[str, list[str]] = {lang: [] for lang in languages}

    def check(place, texts):
        if texts.get("en"):
            for lang in languages:
                if not texts.get(lang):
                    report[lang].append(place)

    check("title", definition["title"])
    for d in definition["domains"]:
        check(f"domain {d['name']}", d["label"])
    for item in definition["items"]:
        check(f"{item['name']} label", item["label"])
        check(f"{item['name']} guidance", item["guidance"])
    for name, choices in definition["scales"].items():
        for choice in choices:
            check(f"{name}/{choice['value']}", choice["label"])
    return report


def text(texts: dict, language: str) -> str:
    """The text in `language`, falling back to English (then to any language)."""
    if not texts:
        return ""
    return texts.get(language) or texts.get("en") or next(iter(texts.values()))


# --- export ----------------------------------------------------------------------------------------------------


def to_json(definition: dict) -> bytes:
    return json.dumps(definition, ensure_ascii=False, indent=2, sort_keys=False).encode("utf-8")


def to_xlsx(definition: dict) -> bytes:
    from openpyxl import Workbook

    languages = definition_languages(definition) or ["en"]

    def lang_columns(base):
        return [f"{base}::{LANGUAGE_NAMES.get(lang, lang)} ({lang})" for lang in languages]

    workbook = Workbook()
    survey = workbook.active
    survey.title = "survey"
    header = ["type", "name", *lang_columns("label"), *lang_columns("guidance_hint"), "kind", "relevant", "required",
              "constraint", *lang_columns("constraint_message"), "calculation", "competence"]
    survey.append(header)
    by_domain: dict[str, list] = {}
    for item in definition["items"]:
        by_domain.setdefault(item["domain"], []).append(item)

    def item_row(item):
        type_cell = f"select_one {item['scale']}" if item["type"] == "select_one" else item["type"]
        return [type_cell, item["name"], *[item["label"].get(lang, "") for lang in languages],
                *[item["guidance"].get(lang, "") for lang in languages], item["kind"], item["relevant"],
                item["required"], item["constraint"], *[item["constraint_message"].get(lang, "") for lang in languages],
                item["calculate"], item["competence"]]

    for item in by_domain.get("", []):
        _append(survey, (item_row(item)))
    for domain in definition["domains"]:
        _append(survey, (["begin_group", domain["name"], *[domain["label"].get(lang, "") for lang in languages],
                                 *[""] * len(languages), "", domain["relevant"]]))
        for item in by_domain.get(domain["name"], []):
            _append(survey, (item_row(item)))
        survey.append(["end_group"])
    choices = workbook.create_sheet("choices")
    choices.append(["list_name", "name", *lang_columns("label"), "score"])
    for name, options in definition["scales"].items():
        for option in options:
            _append(choices, ([name, option["value"], *[option["label"].get(lang, "") for lang in languages],
                                      option["score"] if option["score"] is not None else ""]))
    settings = workbook.create_sheet("settings")
    settings.append(["form_id", *lang_columns("form_title"), *lang_columns("description"), "default_language",
                     "level", "previous", "convert"])
    _append(settings, ([definition["code"], *[definition["title"].get(lang, "") for lang in languages],
                               *[definition["description"].get(lang, "") for lang in languages],
                               definition["default_language"], definition["level"],
                               ";".join(f"{k}={v or ''}" for k, v in definition.get("mapping", {}).items()),
                               _conversions_to_cell(definition.get("conversions") or {})]))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _append(sheet, values):
    """Cells are written as text, so a spreadsheet never reads an expression such as `=${a}` as a formula."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    sheet.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith("="):
            cell.data_type = "s"


def for_comparison(definition: dict) -> dict:
    """The definition without the parts that an XLSForm cannot carry differently (for round-trip checks)."""
    return json.loads(json.dumps(definition))
