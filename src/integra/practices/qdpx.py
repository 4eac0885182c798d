"""Reading a REFI-QDA project (.qdpx): a zip with `project.qde` (QDA-XML, namespace urn:QDA-XML:project:1.0) and
the sources' text files. Pure functions; `services.study_import_qdpx*` call them.

Validation follows the standard's Project.xsd (REFI-QDA 1.0, 2019): `SCHEMA` below writes down the structure of
the elements a text project uses — for each element its children in the XSD's sequence with their min/max
occurrences, and its attributes with their XSD types and whether they are required. No XSD engine is installed
(lxml and xmlschema are not dependencies), so `validate` walks the tree against this table; the elements of the
standard we do not read (Variables, Cases, Links, Sets, Graphs, non-text sources) are accepted at their place and
not looked into. XML is parsed with defusedxml: DTDs and entities are refused. On top of the schema, the checks
the XSD cannot express: every reference resolves, GUIDs are unique, a segment lies inside its source's text, a
source has exactly one text. Every problem names the element it is about (its path in the document), in the
user's language; nothing is imported while one remains."""

import io
import re
import zipfile
from dataclasses import dataclass, field

from defusedxml import ElementTree
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from integra.core.errors import invalid

NS = "urn:QDA-XML:project:1.0"
Q = f"{{{NS}}}"
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # all members together, once unpacked (a zip bomb stops here)
MAX_MEMBERS = 5_000
MAX_PROBLEMS = 200

GUID = "guid"
INT = "integer"
BOOL = "boolean"
STR = "string"
DATETIME = "dateTime"
RGB = "rgb"
ANY = "any"  # an element of the standard this platform does not read: accepted at its place, not looked into

_GUID = re.compile(r"^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|"
                   r"\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\})$")
_RGB = re.compile(r"^#([A-Fa-f0-9]{6}|[A-Fa-f0-9]{3})$")
UNBOUNDED = None


@dataclass(frozen=True)
class Spec:
    """One complex type of the XSD: `sequence` of (child, type, min, max) or, with `choice`, any of them in any
    order; `attributes` {name: (type, required)}; `text` when the element holds a string."""

    sequence: tuple = ()
    attributes: dict = field(default_factory=dict)
    choice: bool = False
    text: bool = False


_AUDIT = {"creatingUser": (GUID, False), "creationDateTime": (DATETIME, False), "modifyingUser": (GUID, False),
          "modifiedDateTime": (DATETIME, False)}
SCHEMA: dict[str, Spec] = {
    "Project": Spec(sequence=(
        ("Users", "Users", 0, 1), ("CodeBook", "CodeBook", 0, 1), ("Variables", ANY, 0, 1), ("Cases", ANY, 0, 1),
        ("Sources", "Sources", 0, 1), ("Notes", "Notes", 0, 1), ("Links", ANY, 0, 1), ("Sets", ANY, 0, 1),
        ("Graphs", ANY, 0, 1), ("Description", "String", 0, 1), ("NoteRef", "Ref", 0, UNBOUNDED)),
        attributes={"name": (STR, True), "origin": (STR, False), "creatingUserGUID": (GUID, False),
                    "creationDateTime": (DATETIME, False), "modifyingUserGUID": (GUID, False),
                    "modifiedDateTime": (DATETIME, False), "basePath": (STR, False)}),
    "Users": Spec(sequence=(("User", "User", 1, UNBOUNDED),)),
    "User": Spec(attributes={"guid": (GUID, True), "name": (STR, False), "id": (STR, False)}),
    "CodeBook": Spec(sequence=(("Codes", "Codes", 1, 1),)),
    "Codes": Spec(sequence=(("Code", "Code", 1, UNBOUNDED),)),
    "Code": Spec(sequence=(("Description", "String", 0, 1), ("NoteRef", "Ref", 0, UNBOUNDED),
                           ("Code", "Code", 0, UNBOUNDED)),
                 attributes={"guid": (GUID, True), "name": (STR, True), "isCodable": (BOOL, True),
                             "color": (RGB, False)}),
    "Sources": Spec(choice=True, sequence=(
        ("TextSource", "TextSource", 0, UNBOUNDED), ("PictureSource", ANY, 0, UNBOUNDED),
        ("PDFSource", ANY, 0, UNBOUNDED), ("AudioSource", ANY, 0, UNBOUNDED), ("VideoSource", ANY, 0, UNBOUNDED))),
    "TextSource": Spec(sequence=(
        ("Description", "String", 0, 1), ("PlainTextContent", "String", 0, 1),
        ("PlainTextSelection", "PlainTextSelection", 0, UNBOUNDED), ("Coding", "Coding", 0, UNBOUNDED),
        ("NoteRef", "Ref", 0, UNBOUNDED), ("VariableValue", ANY, 0, UNBOUNDED)),
        attributes={"guid": (GUID, True), "name": (STR, False), "richTextPath": (STR, False),
                    "plainTextPath": (STR, False), **_AUDIT}),
    "PlainTextSelection": Spec(sequence=(
        ("Description", "String", 0, 1), ("Coding", "Coding", 0, UNBOUNDED), ("NoteRef", "Ref", 0, UNBOUNDED)),
        attributes={"guid": (GUID, True), "name": (STR, False), "startPosition": (INT, True),
                    "endPosition": (INT, True), **_AUDIT}),
    "Coding": Spec(sequence=(("CodeRef", "Ref", 1, 1),),
                   attributes={"guid": (GUID, True), "creatingUser": (GUID, False),
                               "creationDateTime": (DATETIME, False)}),
    "Ref": Spec(attributes={"targetGUID": (GUID, True)}),
    "Notes": Spec(sequence=(("Note", "TextSource", 1, UNBOUNDED),)),  # a note is a TextSourceType
    "String": Spec(text=True),
}


def _expected(kind: str) -> str:
    return {GUID: _("a GUID such as 0A1B2C3D-0000-4000-8000-000000000000"), INT: _("a whole number"),
            BOOL: _("true or false"), DATETIME: _("a date and time such as 2020-05-01T10:00:00Z"),
            RGB: _("a colour such as #FF8800")}.get(kind, kind)


def _valid(kind: str, value: str) -> bool:
    if kind == GUID:
        return bool(_GUID.match(value))
    if kind == INT:
        return bool(re.fullmatch(r"[+-]?\d+", value.strip()))
    if kind == BOOL:
        return value.strip() in {"true", "false", "1", "0"}
    if kind == DATETIME:
        try:
            return parse_datetime(value.strip()) is not None
        except ValueError:
            return False
    if kind == RGB:
        return bool(_RGB.match(value.strip()))
    return True


def _local(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        namespace, _sep, name = tag[1:].partition("}")
        return namespace, name
    return "", tag


def validate(root) -> list[str]:
    """The problems of a project.qde tree against `SCHEMA`, each naming its element's path."""
    problems: list[str] = []

    def add(message):
        if len(problems) < MAX_PROBLEMS:
            problems.append(message)

    def walk(element, type_name: str, path: str):
        spec = SCHEMA[type_name]
        for attribute, value in element.attrib.items():
            if attribute not in spec.attributes:
                add(_("%(path)s: the attribute %(attribute)s is not part of the standard.")
                    % {"path": path, "attribute": attribute})
                continue
            kind = spec.attributes[attribute][0]
            if not _valid(kind, value):
                add(_("%(path)s: the value “%(value)s” of %(attribute)s is not valid (expected %(expected)s).")
                    % {"path": path, "value": value[:60], "attribute": attribute, "expected": _expected(kind)})
        for attribute, (_kind, required) in spec.attributes.items():
            if required and attribute not in element.attrib:
                add(_("%(path)s: the attribute %(attribute)s is missing.") % {"path": path, "attribute": attribute})
        children = list(element)
        if spec.text:
            if children:
                add(_("%(path)s: this element holds text only.") % {"path": path})
            return
        if (element.text or "").strip():
            add(_("%(path)s: text is not allowed here.") % {"path": path})
        names = [entry[0] for entry in spec.sequence]
        counts = dict.fromkeys(names, 0)
        position = 0
        for child in children:
            namespace, name = _local(child.tag) if isinstance(child.tag, str) else ("", "")
            if not name:
                continue  # a comment or a processing instruction
            counts_for_path = counts.get(name, 0) + 1
            child_path = f"{path}/{name}[{counts_for_path}]"
            if namespace != NS:
                add(_("%(path)s: the element is not in the REFI-QDA namespace.") % {"path": child_path})
                continue
            if name not in counts:
                add(_("%(path)s: the element %(name)s is not allowed here.") % {"path": path, "name": name})
                continue
            if not spec.choice:
                index = names.index(name)
                if index < position:
                    add(_("%(path)s: the element %(name)s is out of the standard's order.")
                        % {"path": child_path, "name": name})
                position = max(position, index)
            counts[name] += 1
            _name, child_type, _low, high = spec.sequence[names.index(name)]
            if high is not UNBOUNDED and counts[name] > high:
                add(_("%(path)s: %(name)s may appear only once here.") % {"path": child_path, "name": name})
            if child_type != ANY:
                walk(child, child_type, child_path)
        for name, _type, low, _high in spec.sequence:
            if counts[name] < low:
                add(_("%(path)s: %(name)s is missing.") % {"path": path, "name": name})

    namespace, name = _local(root.tag)
    if namespace != NS or name != "Project":
        return [_("project.qde is not a REFI-QDA project: its root element must be Project in the namespace "
                  "%(namespace)s.") % {"namespace": NS}]
    walk(root, "Project", "Project")
    return problems


# --- the project, read ---------------------------------------------------------------------------------------


@dataclass
class Selection:
    path: str
    guid: str
    start: int
    end: int
    user: str  # the creating user's GUID, '' when none
    codes: list[str]
    notes: list[str]


@dataclass
class Source:
    path: str
    guid: str
    name: str
    text: str
    selections: list[Selection]


@dataclass
class CodeEntry:
    path: str
    guid: str
    name: str
    description: str
    parent: str  # the parent's GUID, '' at the top


@dataclass
class Project:
    name: str = ""
    users: dict[str, str] = field(default_factory=dict)  # GUID → name
    codes: list[CodeEntry] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)  # GUID → text
    problems: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def selections(self) -> int:
        return sum(len(s.selections) for s in self.sources)


def _unzip(upload) -> dict[str, bytes]:
    name = (getattr(upload, "name", "") or "").lower()
    if not name.endswith(".qdpx"):
        raise invalid(_("Upload a REFI-QDA project: a file ending in .qdpx."), field="file")
    if upload.size > MAX_UPLOAD_BYTES:
        raise invalid(_("The project is larger than %(limit)s MB.") % {"limit": MAX_UPLOAD_BYTES // 2**20},
                      field="file")
    data = upload.read()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_MEMBERS or sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
                raise invalid(_("The project is too large once unpacked."), field="file")
            return {info.filename: archive.read(info) for info in infos if not info.is_dir()}
    # zipfile raises NotImplementedError for a compression method it does not support.
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError) as exc:
        raise invalid(_("This file is not a .qdpx project: a .qdpx is a zip archive with a project.qde inside."),
                      field="file") from exc


def _parse_xml(raw: bytes):
    try:
        return ElementTree.fromstring(raw, forbid_dtd=True)
    except ElementTree.ParseError as exc:
        raise invalid(_("project.qde is not well-formed XML (%(detail)s).") % {"detail": str(exc)[:120]},
                      field="file") from exc
    except Exception as exc:
        if exc.__class__.__module__.startswith("defusedxml"):
            raise invalid(_("project.qde declares a DTD or entities, which are refused for safety."),
                          field="file") from exc
        raise


def read(upload) -> Project:
    """The project in an uploaded .qdpx, with its problems (schema, references, segments). A file that is not a
    project at all (not a zip, no project.qde, not XML) is refused with a ValidationError."""
    files = _unzip(upload)
    qde = next((n for n in files if n.lower() == "project.qde"), None)
    if qde is None:
        raise invalid(_("The archive has no project.qde: it is not a REFI-QDA project."), field="file")
    root = _parse_xml(files[qde])
    project = Project(problems=validate(root))
    if project.problems and project.problems[0].startswith("project.qde"):
        raise invalid(project.problems[0], field="file")
    project.name = root.get("name", "")
    add = project.problems.append
    seen: dict[str, str] = {}

    def unique(guid, path):
        if not guid:
            return
        if guid.upper() in seen:
            add(_("%(path)s: the GUID %(guid)s is used twice (also at %(other)s).")
                % {"path": path, "guid": guid, "other": seen[guid.upper()]})
        else:
            seen[guid.upper()] = path

    for index, user in enumerate(root.findall(f"{Q}Users/{Q}User"), start=1):
        unique(user.get("guid"), f"Project/Users[1]/User[{index}]")
        project.users[(user.get("guid") or "").upper()] = user.get("name") or user.get("id") or ""

    def codes(parent_element, parent_guid, path):
        names = set()
        for index, element in enumerate(parent_element.findall(f"{Q}Code"), start=1):
            code_path = f"{path}/Code[{index}]"
            guid = (element.get("guid") or "").upper()
            unique(guid, code_path)
            name = (element.get("name") or "").strip()
            if not name:
                add(_("%(path)s: the code has no name.") % {"path": code_path})
            elif name.lower() in names:
                add(_("%(path)s: the code name “%(name)s” appears twice at this place.")
                    % {"path": code_path, "name": name[:60]})
            elif len(name) > 200:
                add(_("%(path)s: the code name is longer than 200 characters.") % {"path": code_path})
            names.add(name.lower())
            project.codes.append(CodeEntry(code_path, guid, name[:200], element.findtext(f"{Q}Description") or "",
                                           parent_guid))
            codes(element, guid, code_path)

    codebook = root.find(f"{Q}CodeBook/{Q}Codes")
    if codebook is not None:
        codes(codebook, "", "Project/CodeBook[1]/Codes[1]")
    for index, note in enumerate(root.findall(f"{Q}Notes/{Q}Note"), start=1):
        path = f"Project/Notes[1]/Note[{index}]"
        unique(note.get("guid"), path)
        project.notes[(note.get("guid") or "").upper()] = _source_text(note, files, path, add)
    code_guids = {c.guid for c in project.codes}
    referenced_notes: set[str] = set()
    sources = root.find(f"{Q}Sources")
    kinds = {}
    for element in (list(sources) if sources is not None else []):
        kind = _local(element.tag)[1] if isinstance(element.tag, str) else ""
        kinds[kind] = kinds.get(kind, 0) + 1
        path = f"Project/Sources[1]/{kind}[{kinds[kind]}]"
        if kind != "TextSource":
            if kind:
                project.skipped.append(_("%(path)s: only text sources are imported; this one is left out.")
                                       % {"path": path})
            continue
        unique(element.get("guid"), path)
        text = _source_text(element, files, path, add).replace("\r\n", "\n").replace("\r", "\n")
        source = Source(path, (element.get("guid") or "").upper(), (element.get("name") or "").strip(), text, [])
        if element.findall(f"{Q}Coding"):
            project.skipped.append(_("%(path)s: codings of a whole source (without a segment) are left out.")
                                   % {"path": path})
        for number, selection in enumerate(element.findall(f"{Q}PlainTextSelection"), start=1):
            sel_path = f"{path}/PlainTextSelection[{number}]"
            unique(selection.get("guid"), sel_path)
            try:
                start, end = int(selection.get("startPosition", "")), int(selection.get("endPosition", ""))
            except ValueError:
                continue  # the schema check said so already
            if not 0 <= start < end <= len(text):
                add(_("%(path)s: the segment %(start)s–%(end)s lies outside the source (it has %(length)s "
                      "characters).") % {"path": sel_path, "start": start, "end": end, "length": len(text)})
            targets = []
            for c_number, coding in enumerate(selection.findall(f"{Q}Coding"), start=1):
                unique(coding.get("guid"), f"{sel_path}/Coding[{c_number}]")
                ref_element = coding.find(f"{Q}CodeRef")
                ref = ((ref_element.get("targetGUID") if ref_element is not None else "") or "").upper()
                if ref and ref not in code_guids:
                    add(_("%(path)s: the code %(guid)s is not in the codebook.")
                        % {"path": f"{sel_path}/Coding[{c_number}]/CodeRef[1]", "guid": ref})
                if ref:
                    targets.append(ref)
            notes = []
            for n_number, ref in enumerate(selection.findall(f"{Q}NoteRef"), start=1):
                guid = (ref.get("targetGUID") or "").upper()
                if guid and guid not in project.notes:
                    add(_("%(path)s: the note %(guid)s is not in the project.")
                        % {"path": f"{sel_path}/NoteRef[{n_number}]", "guid": guid})
                notes.append(guid)
                referenced_notes.add(guid)
            first = selection.find(f"{Q}Coding")
            user = (selection.get("creatingUser") or (first.get("creatingUser") if first is not None else "")
                    or "").upper()
            if targets:
                source.selections.append(Selection(sel_path, selection.get("guid", ""), start, end, user, targets,
                                                   notes))
        project.sources.append(source)
    loose = [g for g in project.notes if g not in referenced_notes]
    if loose:
        project.skipped.append(_("%(count)s notes are not attached to a coded segment and are left out.")
                               % {"count": len(loose)})
    return project


def _source_text(element, files: dict[str, bytes], path: str, add) -> str:
    content = element.find(f"{Q}PlainTextContent")
    file_path = element.get("plainTextPath")
    if content is not None and file_path:
        add(_("%(path)s: the source has both PlainTextContent and plainTextPath; the standard allows one.")
            % {"path": path})
    if content is not None:
        return content.text or ""
    if not file_path:
        add(_("%(path)s: the source has no text (neither PlainTextContent nor plainTextPath).") % {"path": path})
        return ""
    member = file_path.removeprefix("internal://")
    member = member if "/" in member else f"Sources/{member}"
    data = files.get(member)
    if data is None:
        add(_("%(path)s: the text file %(file)s is not in the archive.") % {"path": path, "file": file_path[:80]})
        return ""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        add(_("%(path)s: the text file %(file)s is not UTF-8.") % {"path": path, "file": file_path[:80]})
        return ""
