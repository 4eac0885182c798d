"""Transcripts: reading an upload (txt, srt, vtt, docx, odt — Taguette's set for text), detecting speaker turns
(QualCoder's formats: `Name:`, `#Name:`, `@Name:`, `[Name]`, `{Name}` at the start of a line) and applying a
study's pseudonym key (whole words, case aside). Pure functions; the services call them."""

import io
import re
import zipfile

from defusedxml import ElementTree  # a declared dependency: uploads are untrusted XML (entities, DTDs refused)
from django.utils.translation import gettext as _

from integra.core.errors import invalid

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_XML_BYTES = 20 * 1024 * 1024  # uncompressed document.xml / content.xml (a zip bomb stops here)
EXTENSIONS = ("txt", "srt", "vtt", "docx", "odt")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TIMING = re.compile(r"^\d{1,2}:\d{2}(:\d{2})?[.,]\d{3}\s+-->\s+\d{1,2}:\d{2}(:\d{2})?[.,]\d{3}")
_TURN = re.compile(r"^(?:#|@)?(?P<a>[\w .'-]{1,40}):\s|^\[(?P<b>[\w .'-]{1,40})\]\s*|^\{(?P<c>[\w .'-]{1,40})\}\s*",
                   re.MULTILINE)


def read_upload(upload) -> str:
    """The text of an uploaded transcript, or a ValidationError naming what is wrong (type, size, content)."""
    name = (getattr(upload, "name", "") or "").lower()
    extension = name.rsplit(".", 1)[-1] if "." in name else ""
    if extension not in EXTENSIONS:
        raise invalid(_("Upload a transcript as .txt, .srt, .vtt, .docx or .odt."), field="file")
    if upload.size > MAX_UPLOAD_BYTES:
        raise invalid(_("The file is larger than 5 MB."), field="file")
    data = upload.read()
    if extension in {"docx", "odt"}:
        return _office_text(data, extension)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise invalid(_("The file is not UTF-8 text."), field="file") from exc
    return _subtitle_text(text) if extension in {"srt", "vtt"} else text


def _subtitle_text(text: str) -> str:
    lines = []
    for line in text.replace("\r\n", "\n").split("\n"):
        stripped = line.strip()
        if not stripped or stripped == "WEBVTT" or stripped.isdigit() or _TIMING.match(stripped):
            continue
        lines.append(stripped)
    return "\n".join(lines)


def _office_text(data: bytes, extension: str) -> str:
    member, paragraph, text_tag = (("word/document.xml", f"{_W}p", f"{_W}t") if extension == "docx"
                                   else ("content.xml", f"{_TEXT}p", None))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo(member)
            if info.file_size > MAX_XML_BYTES:
                raise invalid(_("The document is too large once unpacked."), field="file")
            root = ElementTree.fromstring(archive.read(member))
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError) as exc:
        raise invalid(_("The file is not a readable .docx or .odt document."), field="file") from exc
    except Exception as exc:  # noqa: BLE001 - defusedxml's refusals (entities, DTDs) are a bad file too
        if exc.__class__.__module__.startswith("defusedxml"):
            raise invalid(_("The file is not a readable .docx or .odt document."), field="file") from exc
        raise
    paragraphs = []
    for node in root.iter(paragraph):
        if text_tag:
            paragraphs.append("".join(t.text or "" for t in node.iter(text_tag)))
        else:
            paragraphs.append("".join(node.itertext()))
    return "\n".join(paragraphs)


def speaker_turns(text: str) -> list[tuple[int, int, str]]:
    """(start, end, speaker) for each turn: from a speaker mark to the next one (or the end)."""
    marks = [(m.start(), (m.group("a") or m.group("b") or m.group("c")).strip()) for m in _TURN.finditer(text)]
    turns = []
    for index, (start, speaker) in enumerate(marks):
        end = marks[index + 1][0] if index + 1 < len(marks) else len(text)
        turns.append((start, end, speaker))
    return turns


def speaker_at(text: str, offset: int) -> str:
    for start, end, speaker in speaker_turns(text):
        if start <= offset < end:
            return speaker
    return ""


def parse_key(raw: str) -> dict[str, str]:
    """`Real name = P01` lines as {real name: pseudonym}; a malformed line is a ValidationError naming it."""
    key = {}
    for number, line in enumerate((raw or "").splitlines(), start=1):
        if not line.strip():
            continue
        if "=" not in line:
            raise invalid(_("Line %(number)s: write “Name = pseudonym”.") % {"number": number}, field="key")
        real, pseudonym = (part.strip() for part in line.split("=", 1))
        if not real or not pseudonym:
            raise invalid(_("Line %(number)s: write “Name = pseudonym”.") % {"number": number}, field="key")
        key[real] = pseudonym
    return key


def pseudonymise(text: str, key: dict[str, str]) -> str:
    """Every whole-word occurrence of a real name (longest first, case aside) replaced by its pseudonym."""
    for real in sorted(key, key=len, reverse=True):
        text = re.sub(r"(?<!\w)" + re.escape(real) + r"(?!\w)", key[real], text, flags=re.IGNORECASE)
    return text
