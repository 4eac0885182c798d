"""Course packages: a course as a folder of text files, to export, share with another platform and import.

A package is a zip of one folder:

    course.json                   the manifest: the package identifier, the course's fields, its modules in order
                                  with their lessons (each with its blocks) and quizzes, and the blueprint codes
                                  they refer to
    lessons/<lesson>/<lang>.html  one file per lesson and language: the text of the lesson's blocks, in the
                                  manifest's order, each introduced by a line `<!-- block: text -->`
    scenarios/<name>.json         a branching scenario with every language side by side
    questions.json                the question bank of the competences the quizzes draw from, by competence code
    competences.json              the blueprint entries the course refers to (areas → competences → outcomes);
                                  needed only where the platform lacks them (export always writes it)
    media/<file>                  images, video, sound, downloads and captions of the blocks

Every text is written as {"en": "…", "fr": "…"}: a translator adds a language by adding a key and a lesson
file. The demo's courses are in this format (learning/demo_content/courses/), and the demo loads them through
`course_folder_import`, the importer pages use.

Import checks the whole package first and reports every problem with its file and, where it can, its place in
the file, in the reader's language; nothing is written while a problem remains. It then writes in one
transaction through the services, so every row has its audit event.

Re-importing a package whose identifier ("package" in course.json) a course on this platform already carries
makes a new version of that course, never a second course. The course keeps its row, and with it its
enrolments, cohorts and certificates; its content is brought in line with the package position by position:
the n-th module, the n-th lesson of a module, the n-th block of a lesson and the n-th quiz of a module are
changed in place (learners keep the progress, reflections and attempts they made on them), what the package
adds is created, and what it no longer has is removed together with the progress made in it. A published course
is then published again (its version number goes up, as `course_publish` does); a draft stays a draft.
Questions are matched within their competence by their text in the package's first language: the ones found
are updated, the others added, none removed (the bank is shared with other courses). The blueprint belongs to
the importing platform: codes it knows are used as they are, and only missing competences and outcomes are
created from competences.json.
"""

import io
import json
import posixpath
import re
import stat
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from integra.core import access, audit
from integra.core.errors import invalid

from . import content, services
from .models import (
    Audience,
    Block,
    Competence,
    CompetenceArea,
    Course,
    LearningOutcome,
    Lesson,
    LessonProgress,
    Question,
)
from .policy import DESIGN

FORMAT = "integra-course-package"
FORMAT_VERSION = 1
MANIFEST, QUESTIONS, COMPETENCES = "course.json", "questions.json", "competences.json"

MAX_PACKAGE_BYTES = 50 * 1024 * 1024  # the zip as uploaded
MAX_UNPACKED_BYTES = 250 * 1024 * 1024  # everything in it, read (not trusting the sizes the zip declares)
MAX_MEMBERS = 2000
MAX_TEXT_BYTES = 5 * 1024 * 1024  # one JSON or HTML file

BLOCK_MARKER = re.compile(r"^[ \t]*<!--\s*block:\s*([a-z_]*)\s*-->[ \t]*$", re.MULTILINE)
_PRE = re.compile(r"(<pre\b.*?</pre>)", re.DOTALL | re.IGNORECASE)
_LINE_AFTER = re.compile(r"(</(?:p|h2|h3|h4|ul|ol|li|table|thead|tbody|tr|blockquote|pre)>|<(?:ul|ol|table|thead|"
                         r"tbody|tr|blockquote)>|<hr>)[ \t\r\n]+")
BODY_KINDS = {Block.Kind.TEXT, Block.Kind.REFLECTION}
MEDIA_KINDS = {Block.Kind.IMAGE, Block.Kind.VIDEO, Block.Kind.AUDIO, Block.Kind.FILE}


def _languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


# --- problems, named by file ---------------------------------------------------------------------------------------


class _Problems:
    def __init__(self):
        self.messages: list[str] = []

    def add(self, file: str, message: str, where: str = "") -> None:
        if where:
            self.messages.append(_("%(file)s, %(where)s: %(message)s") % {"file": file, "where": where,
                                                                            "message": message})
        else:
            self.messages.append(_("%(file)s: %(message)s") % {"file": file, "message": message})

    def check(self) -> None:
        if self.messages:
            raise ValidationError(self.messages, code="invalid_package")


def _at(*parts) -> str:
    return ", ".join(str(p) for p in parts if p)


def _module_at(n):
    return _("module %(n)d") % {"n": n}


def _lesson_at(n):
    return _("lesson %(n)d") % {"n": n}


def _block_at(n):
    return _("block %(n)d") % {"n": n}


def _quiz_at(n):
    return _("quiz %(n)d") % {"n": n}


def _question_at(code, n):
    return _("question %(n)d of “%(competence)s”") % {"n": n, "competence": code}


def _field(name):
    return f"“{name}”"


# --- reading a zip or a folder ---------------------------------------------------------------------------------------


def _member_path(name: str) -> str | None:
    """The member's path inside the package, or None when it would land outside it (zip-slip)."""
    if "\\" in name or name.startswith("/") or re.match(r"^[A-Za-z]:", name) or "\x00" in name:
        return None
    parts = PurePosixPath(name).parts
    if any(part in {"..", "."} for part in parts) or not parts:
        return None
    return posixpath.normpath(name)


def _read_member(archive, info, limit: int) -> bytes | None:
    """The member's bytes, or None when there are more than `limit` (the declared size may lie)."""
    with archive.open(info) as handle:
        data = handle.read(limit + 1)
    return None if len(data) > limit else data


def read_zip(upload) -> dict[str, bytes]:
    """The files of an uploaded package, checked for size, count and paths; the package's folder is removed from
    the front of the paths."""
    name = getattr(upload, "name", "") or "package.zip"
    if upload.size > MAX_PACKAGE_BYTES:
        raise invalid(_("%(file)s: the package is larger than %(mb)d MB.")
                      % {"file": name, "mb": MAX_PACKAGE_BYTES // (1024 * 1024)}, code="too_large")
    try:
        archive = zipfile.ZipFile(upload)
        members = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise invalid(_("%(file)s: this is not a zip file.") % {"file": name}, code="bad_zip") from exc
    if len(members) > MAX_MEMBERS:
        raise invalid(_("%(file)s: the package has more than %(n)d files.") % {"file": name, "n": MAX_MEMBERS},
                      code="too_many_files")
    problems, files, remaining = _Problems(), {}, MAX_UNPACKED_BYTES
    for info in members:
        path = _member_path(info.filename)
        if path is None:
            problems.add(info.filename, _("this path points outside the package; it was refused."))
            continue
        if stat.S_ISLNK(info.external_attr >> 16):
            problems.add(path, _("links are not accepted in a package."))
            continue
        if info.flag_bits & 0x1:
            problems.add(path, _("encrypted files are not accepted in a package."))
            continue
        try:
            data = _read_member(archive, info, remaining)
        except (zipfile.BadZipFile, zlib.error, NotImplementedError, OSError, EOFError):
            problems.add(path, _("this file is damaged in the zip and cannot be read."))
            continue
        if data is None:
            raise invalid(_("%(file)s: unpacked, the package is larger than %(mb)d MB.")
                          % {"file": name, "mb": MAX_UNPACKED_BYTES // (1024 * 1024)}, code="too_large")
        remaining -= len(data)
        if path in files:
            problems.add(path, _("this file is in the package twice."))
        files[path] = data
    problems.check()
    return _without_folder(files, name)


def read_folder(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def _without_folder(files: dict[str, bytes], name: str) -> dict[str, bytes]:
    if MANIFEST in files:
        return files
    tops = {path.split("/", 1)[0] for path in files}
    if len(tops) == 1 and f"{next(iter(tops))}/{MANIFEST}" in files:
        prefix = next(iter(tops)) + "/"
        return {path[len(prefix):]: data for path, data in files.items()}
    raise invalid(_("%(file)s: course.json is missing (it describes the course and must be at the top of the "
                    "package).") % {"file": name}, code="no_manifest")


# --- what a package holds ---------------------------------------------------------------------------------------------


@dataclass
class BlockPlan:
    kind: str
    body: dict = field(default_factory=dict)
    alt_text: dict = field(default_factory=dict)
    transcript: dict = field(default_factory=dict)
    data: dict = field(default_factory=dict)  # language → scenario
    media: tuple[str, bytes] | None = None
    captions: tuple[str, bytes] | None = None


@dataclass
class LessonPlan:
    id: str
    title: dict
    required: bool
    completion: str
    outcomes: list[str]
    blocks: list[BlockPlan]


@dataclass
class QuizPlan:
    title: dict
    competences: list[str]
    question_count: int
    pass_mark: int
    attempts_allowed: int
    time_limit_minutes: int | None
    required: bool


@dataclass
class ModulePlan:
    id: str
    title: dict
    prerequisite: str | None
    lessons: list[LessonPlan]
    quizzes: list[QuizPlan]


@dataclass
class QuestionPlan:
    competence: str
    outcome: str | None
    kind: str
    text: dict
    data: dict  # language → answers
    feedback: dict


@dataclass
class Plan:
    package: str
    title: dict
    summary: dict
    audiences: list[str]
    is_train_the_trainer: bool
    prerequisite: str | None
    modules: list[ModulePlan]
    questions: list[QuestionPlan]
    blueprint: list[dict]  # the areas of competences.json, as read
    unused: list[str]
    hours: int | None = None  # the course's duration ("hours" in course.json), stated on its certificates

    @property
    def base_language(self) -> str:
        return "en" if self.title.get("en") else next(iter(self.title))

    def lessons(self):
        return [lesson for module in self.modules for lesson in module.lessons]


class _Reader:
    """Reads and checks every file of a package, collecting every problem before anything is written."""

    def __init__(self, files: dict[str, bytes]):
        self.files, self.used, self.problems = files, set(), _Problems()
        self.languages = set(_languages())

    # -- files
    def json(self, path: str, required: bool = True):
        if path not in self.files:
            if required:
                self.problems.add(path, _("this file is missing."))
            return None
        self.used.add(path)
        text = self.text(path)
        if text is None:
            return None
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            self.problems.add(path, _("this is not valid JSON (line %(line)d, column %(column)d: %(error)s).")
                              % {"line": exc.lineno, "column": exc.colno, "error": exc.msg})
            return None
        except RecursionError:  # nesting deeper than the parser goes: a broken file, not a broken server
            self.problems.add(path, _("this JSON is nested too deeply."))
            return None

    def text(self, path: str) -> str | None:
        self.used.add(path)
        data = self.files[path]
        if len(data) > MAX_TEXT_BYTES:
            self.problems.add(path, _("this file is larger than %(mb)d MB.") % {"mb": MAX_TEXT_BYTES // (1024 * 1024)})
            return None
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            self.problems.add(path, _("this file is not written in UTF-8."))
            return None

    def binary(self, path, file, where) -> tuple[str, bytes] | None:
        if not isinstance(path, str) or path not in self.files:
            self.problems.add(file, _("the file “%(path)s” is not in the package.") % {"path": path}, where)
            return None
        self.used.add(path)
        return posixpath.basename(path), self.files[path]

    # -- values
    def texts(self, value, file, where, *, required=False) -> dict:
        """{"en": "…", "fr": "…"} in languages of the platform."""
        if value is None or value == {}:
            if required:
                self.problems.add(file, _("a text is required (e.g. {\"en\": \"…\"})."), where)
            return {}
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            self.problems.add(file, _("texts are written by language, e.g. {\"en\": \"…\", \"fr\": \"…\"}."), where)
            return {}
        unknown = sorted(set(value) - self.languages)
        if unknown:
            self.problems.add(file, _("“%(languages)s” is not a language of the platform (they are: %(known)s).")
                              % {"languages": ", ".join(unknown), "known": ", ".join(_languages())}, where)
            return {}
        texts = {code: text.strip() for code, text in value.items() if text.strip()}
        if required and not texts:
            self.problems.add(file, _("a text is required (e.g. {\"en\": \"…\"})."), where)
        return texts

    def integer(self, value, file, where, *, default, low, high, optional=False):
        if value is None:
            return None if optional else default
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.problems.add(file, _("a whole number from %(low)d to %(high)d is expected.")
                              % {"low": low, "high": high}, where)
            return default
        return value

    def boolean(self, value, file, where, *, default):
        if value is None:
            return default
        if not isinstance(value, bool):
            self.problems.add(file, _("true or false is expected."), where)
            return default
        return value

    def codes(self, value, file, where) -> list[str]:
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.problems.add(file, _("a list of codes is expected, e.g. [\"C11\"]."), where)
            return []
        return [v.strip() for v in value]

    def mapping(self, value, file, where) -> dict:
        if not isinstance(value, dict):
            self.problems.add(file, _("an object ({…}) is expected."), where)
            return {}
        return value

    def listing(self, value, file, where) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            self.problems.add(file, _("a list ([…]) is expected."), where)
            return []
        return value


def _collapse_whitespace(html: str) -> str:
    """Line breaks and indentation in a lesson file mean nothing in HTML (outside <pre>), so files may be wrapped
    for reading; stored, the text has single spaces."""
    parts = _PRE.split(html)
    return "".join(part if index % 2 else re.sub(r"[ \t\r\n\f]+", " ", part)
                   for index, part in enumerate(parts)).strip()


def _lesson_file(reader: _Reader, path: str, kinds: list[str]) -> list[str] | None:
    """The text of each block in one lesson file: sections introduced by `<!-- block: kind -->`."""
    text = reader.text(path)
    if text is None:
        return None
    markers = list(BLOCK_MARKER.finditer(text))
    if text[:markers[0].start() if markers else len(text)].strip():
        reader.problems.add(path, _("the text must start with a line <!-- block: text --> (one per block of the "
                                    "lesson)."))
        return None
    found = [m.group(1) for m in markers]
    if found != kinds:
        reader.problems.add(path, _("the lesson's blocks are %(expected)s in course.json, but this file has "
                                    "%(found)s.") % {"expected": ", ".join(kinds) or "—",
                                                     "found": ", ".join(found) or "—"})
        return None
    ends = [m.start() for m in markers[1:]] + [len(text)]
    return [_collapse_whitespace(text[m.end():end]) for m, end in zip(markers, ends, strict=True)]


def _optional_texts(reader, value, file, where) -> dict:
    """Texts that may be given empty on purpose (a choice's feedback): the languages present are kept, "" too."""
    texts = reader.texts(value, file, where)
    if not isinstance(value, dict) or set(value) - reader.languages:
        return {}
    return {code: texts.get(code, "") for code in value}


def _scenario(reader: _Reader, path: str) -> dict:
    """A scenario file, one structure with every language's texts, as {language: scenario}."""
    raw = reader.json(path)
    if raw is None:
        return {}
    raw = reader.mapping(raw, path, "")
    steps = reader.mapping(raw.get("steps"), path, _field("steps")) if raw else {}
    start = raw.get("start")
    if steps and start not in steps:
        reader.problems.add(path, _("“start” must name one of the steps."))
        return {}
    parsed = {}
    for key, step in steps.items():
        step = reader.mapping(step, path, _field(key))
        text = reader.texts(step.get("text"), path, _at(_field(key), _field("text")), required=True)
        choices = []
        for n, choice in enumerate(reader.listing(step.get("choices"), path, _at(_field(key), _field("choices"))),
                                   start=1):
            where = _at(_field(key), _("choice %(n)d") % {"n": n})
            choice = reader.mapping(choice, path, where)
            target = choice.get("next") or ""
            if not isinstance(target, str) or (target and target not in steps):
                reader.problems.add(path, _("“next” must name one of the steps, or be empty to end."), where)
            choices.append((where, reader.texts(choice.get("label"), path, _at(where, _field("label")), required=True),
                            _optional_texts(reader, choice.get("feedback"), path, _at(where, _field("feedback"))),
                            target))
        parsed[key] = (text, choices)
    languages = sorted(parsed[start][0]) if parsed else []
    scenarios = {code: {"start": start, "steps": {}} for code in languages}
    for key, (text, choices) in parsed.items():
        missing = [code for code in languages if code not in text]
        if missing and text:
            reader.problems.add(path, _("the text is missing in: %(languages)s.") % {"languages": ", ".join(missing)},
                                _at(_field(key), _field("text")))
        for where, label, _feedback, _target in choices:
            missing = [code for code in languages if code not in label]
            if missing and label:
                reader.problems.add(path, _("the label is missing in: %(languages)s.")
                                    % {"languages": ", ".join(missing)}, where)
        for code in languages:
            scenarios[code]["steps"][key] = {
                "text": text.get(code, ""),
                "choices": [{"label": label.get(code, ""), "next": target,
                             **({"feedback": feedback[code]} if code in feedback else {})}
                            for _where, label, feedback, target in choices]}
    for code, scenario in scenarios.items():
        try:
            content.check_scenario(scenario)
        except ValidationError as error:
            reader.problems.add(path, " ".join(error.messages), code)
    return scenarios


def _blocks(reader: _Reader, lesson_id: str, entries, where: str) -> list[BlockPlan]:
    blocks = []
    for n, entry in enumerate(reader.listing(entries, MANIFEST, _at(where, _field("blocks"))), start=1):
        where_block = _at(where, _block_at(n))
        entry = reader.mapping(entry, MANIFEST, where_block)
        kind = entry.get("kind")
        if kind not in Block.Kind.values:
            reader.problems.add(MANIFEST, _("“kind” must be one of: %(kinds)s.")
                                % {"kinds": ", ".join(Block.Kind.values)}, where_block)
            kind = Block.Kind.TEXT
        block = BlockPlan(kind=kind,
                          alt_text=reader.texts(entry.get("alt_text"), MANIFEST, _at(where_block, _field("alt_text"))),
                          transcript=reader.texts(entry.get("transcript"), MANIFEST,
                                                  _at(where_block, _field("transcript"))))
        if kind == Block.Kind.SCENARIO:
            name = entry.get("scenario")
            path = f"scenarios/{name}.json"
            if not isinstance(name, str) or not name or path not in reader.files:
                reader.problems.add(MANIFEST, _("“scenario” must name a file scenarios/<name>.json of the package."),
                                    where_block)
            else:
                block.data = _scenario(reader, path)
        if kind in MEDIA_KINDS and entry.get("media") is not None:
            block.media = reader.binary(entry["media"], MANIFEST, _at(where_block, _field("media")))
            if block.media:
                try:
                    content.check_media(kind, ContentFile(block.media[1], name=block.media[0]))
                except ValidationError as error:
                    reader.problems.add(entry["media"], " ".join(error.messages))
        if entry.get("captions") is not None:
            block.captions = reader.binary(entry["captions"], MANIFEST, _at(where_block, _field("captions")))
            if block.captions:
                try:
                    content.check_captions(ContentFile(block.captions[1], name=block.captions[0]))
                except ValidationError as error:
                    reader.problems.add(entry["captions"], " ".join(error.messages))
        if kind == Block.Kind.IMAGE and not block.alt_text:
            reader.problems.add(MANIFEST, _("an image needs a text alternative (“alt_text”)."), where_block)
        blocks.append(block)
    kinds = [block.kind for block in blocks]
    for code in _languages():
        path = f"lessons/{lesson_id}/{code}.html"
        if path not in reader.files:
            continue
        bodies = _lesson_file(reader, path, kinds)
        for block, body in zip(blocks, bodies or [], strict=False):
            if body:
                block.body[code] = body
    if any(block.kind in BODY_KINDS for block in blocks) and not any(
            f"lessons/{lesson_id}/{code}.html" in reader.files for code in _languages()):
        reader.problems.add(f"lessons/{lesson_id}/en.html", _("this file is missing: it holds the text of the "
                                                              "lesson's blocks."))
    return blocks


ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,79}$")


def _identifier(reader, value, where, seen: set) -> str:
    if not isinstance(value, str) or not ID.match(value):
        reader.problems.add(MANIFEST, _("“id” must be a short name of lower-case letters, digits and hyphens."),
                            where)
        return f"#{len(seen)}"
    if value in seen:
        reader.problems.add(MANIFEST, _("“id” “%(id)s” is used twice.") % {"id": value}, where)
    seen.add(value)
    return value


def _modules(reader: _Reader, entries) -> list[ModulePlan]:
    modules, module_ids, lesson_ids = [], set(), set()
    entries = reader.listing(entries, MANIFEST, _field("modules"))
    if not entries:
        reader.problems.add(MANIFEST, _("the course needs at least one module."), _field("modules"))
    for m, entry in enumerate(entries, start=1):
        where = _module_at(m)
        entry = reader.mapping(entry, MANIFEST, where)
        before = set(module_ids)
        module_id = _identifier(reader, entry.get("id"), where, module_ids)
        prerequisite = entry.get("prerequisite")
        if prerequisite is not None and prerequisite not in before:
            reader.problems.add(MANIFEST, _("“prerequisite” must be the “id” of an earlier module."), where)
            prerequisite = None
        lessons = []
        for n, lesson in enumerate(reader.listing(entry.get("lessons"), MANIFEST, _at(where, _field("lessons"))),
                                   start=1):
            where_lesson = _at(where, _lesson_at(n))
            lesson = reader.mapping(lesson, MANIFEST, where_lesson)
            lesson_id = _identifier(reader, lesson.get("id"), where_lesson, lesson_ids)
            completion = lesson.get("completion", Lesson.Completion.VIEWED)
            if completion not in Lesson.Completion.values:
                reader.problems.add(MANIFEST, _("“completion” must be one of: %(values)s.")
                                    % {"values": ", ".join(Lesson.Completion.values)}, where_lesson)
            blocks = _blocks(reader, lesson_id, lesson.get("blocks"), where_lesson)
            kinds = {block.kind for block in blocks}
            if completion in {Lesson.Completion.SCENARIO, Lesson.Completion.REFLECTION} and completion not in kinds:
                reader.problems.add(MANIFEST, _("“completion” is “%(kind)s” but the lesson has no block of that kind.")
                                    % {"kind": completion}, where_lesson)
            lessons.append(LessonPlan(
                id=lesson_id, title=reader.texts(lesson.get("title"), MANIFEST, _at(where_lesson, _field("title")),
                                                 required=True),
                required=reader.boolean(lesson.get("required"), MANIFEST, _at(where_lesson, _field("required")),
                                        default=True),
                completion=completion, blocks=blocks,
                outcomes=reader.codes(lesson.get("outcomes"), MANIFEST, _at(where_lesson, _field("outcomes")))))
        quizzes = []
        for n, quiz in enumerate(reader.listing(entry.get("quizzes"), MANIFEST, _at(where, _field("quizzes"))),
                                 start=1):
            where_quiz = _at(where, _quiz_at(n))
            quiz = reader.mapping(quiz, MANIFEST, where_quiz)
            competences = reader.codes(quiz.get("competences"), MANIFEST, _at(where_quiz, _field("competences")))
            if not competences:
                reader.problems.add(MANIFEST, _("a quiz draws from at least one competence."),
                                    _at(where_quiz, _field("competences")))
            quizzes.append(QuizPlan(
                title=reader.texts(quiz.get("title"), MANIFEST, _at(where_quiz, _field("title")), required=True),
                competences=competences,
                question_count=reader.integer(quiz.get("question_count"), MANIFEST,
                                              _at(where_quiz, _field("question_count")), default=5, low=1, high=200),
                pass_mark=reader.integer(quiz.get("pass_mark"), MANIFEST, _at(where_quiz, _field("pass_mark")),
                                         default=70, low=0, high=100),
                attempts_allowed=reader.integer(quiz.get("attempts_allowed"), MANIFEST,
                                                _at(where_quiz, _field("attempts_allowed")), default=3, low=1,
                                                high=100),
                time_limit_minutes=reader.integer(quiz.get("time_limit_minutes"), MANIFEST,
                                                  _at(where_quiz, _field("time_limit_minutes")), default=None, low=1,
                                                  high=1440, optional=True),
                required=reader.boolean(quiz.get("required"), MANIFEST, _at(where_quiz, _field("required")),
                                        default=True)))
        modules.append(ModulePlan(id=module_id, prerequisite=prerequisite, lessons=lessons, quizzes=quizzes,
                                  title=reader.texts(entry.get("title"), MANIFEST, _at(where, _field("title")),
                                                     required=True)))
    return modules


def _question_answers(reader, spec, kind, languages, file, where) -> dict:
    """{language: data} of one question, from the package's one-structure-every-language form."""
    def per_language(value, label):
        texts = reader.texts(value, file, _at(where, label), required=True)
        missing = [code for code in languages if code not in texts]
        if missing:
            reader.problems.add(file, _("the text is missing in: %(languages)s.")
                                % {"languages": ", ".join(missing)}, _at(where, label))
        return texts

    key = services.QUESTION_ANSWERS_KEY.get(kind)
    if key is None:
        reader.problems.add(file, _("“kind” must be one of: %(kinds)s.") % {"kinds": ", ".join(Question.Kind.values)},
                            where)
        return {}
    data = {code: {key: []} for code in languages}
    if key == "answers":
        answers = reader.mapping(spec.get("answers"), file, _at(where, _field("answers")))
        for code in languages:
            accepted = answers.get(code)
            if not isinstance(accepted, list) or not accepted or not all(isinstance(a, str) for a in accepted):
                reader.problems.add(file, _("accepted answers are a list by language, e.g. {\"en\": [\"…\"]}."),
                                    _at(where, _field("answers"), code))
                continue
            data[code]["answers"] = accepted
        return data
    for n, entry in enumerate(reader.listing(spec.get(key), file, _at(where, _field(key))), start=1):
        label = f"{_field(key)} {n}"
        if key == "items":
            texts = per_language(entry, label)
            for code in languages:
                data[code]["items"].append(texts.get(code, ""))
            continue
        entry = reader.mapping(entry, file, _at(where, label))
        if key == "pairs":
            left = per_language(entry.get("left"), _at(label, _field("left")))
            right = per_language(entry.get("right"), _at(label, _field("right")))
            for code in languages:
                data[code]["pairs"].append({"left": left.get(code, ""), "right": right.get(code, "")})
            continue
        text = per_language(entry.get("text"), _at(label, _field("text")))
        feedback = _optional_texts(reader, entry.get("feedback"), file, _at(where, label, _field("feedback")))
        if not isinstance(entry.get("correct", False), bool):
            reader.problems.add(file, _("true or false is expected."), _at(where, label, _field("correct")))
        for code in languages:
            choice = {"text": text.get(code, ""), "correct": entry.get("correct") is True}
            if code in feedback:
                choice["feedback"] = feedback[code]
            data[code]["choices"].append(choice)
    return data


def _questions(reader: _Reader) -> list[QuestionPlan]:
    raw = reader.json(QUESTIONS, required=False)
    if raw is None:
        return []
    questions = []
    for code, entries in reader.mapping(raw, QUESTIONS, "").items():
        for n, spec in enumerate(reader.listing(entries, QUESTIONS, _field(code)), start=1):
            where = _question_at(code, n)
            spec = reader.mapping(spec, QUESTIONS, where)
            text = reader.texts(spec.get("text"), QUESTIONS, _at(where, _field("text")), required=True)
            languages = sorted(text)
            kind = spec.get("kind")
            data = _question_answers(reader, spec, kind, languages, QUESTIONS, where)
            for language, answers in data.items():
                try:
                    services._check_answers(kind, answers)
                except ValidationError as error:
                    reader.problems.add(QUESTIONS, " ".join(error.messages), _at(where, language))
            questions.append(QuestionPlan(
                competence=code, outcome=spec.get("outcome") if isinstance(spec.get("outcome"), str) else None,
                kind=kind, text=text, data=data,
                feedback=reader.texts(spec.get("feedback"), QUESTIONS, _at(where, _field("feedback")))))
    return questions


def _blueprint_entries(reader: _Reader, raw, file) -> list[dict]:
    """competences.json (or the demo's blueprint.json): {"areas": [{"title", "description", "competences":
    [{"code", "title", "description", "audiences", "outcomes": [{"code", "text"}]}]}]}."""
    areas = []
    for a, area in enumerate(reader.listing(reader.mapping(raw, file, "").get("areas"), file, _field("areas")),
                             start=1):
        where = _("area %(n)d") % {"n": a}
        area = reader.mapping(area, file, where)
        competences = []
        for c, competence in enumerate(reader.listing(area.get("competences"), file, _at(where, _field("competences"))),
                                       start=1):
            where_c = _at(where, _("competence %(n)d") % {"n": c})
            competence = reader.mapping(competence, file, where_c)
            audiences = reader.listing(competence.get("audiences"), file, _at(where_c, _field("audiences")))
            if any(audience not in Audience.values for audience in audiences):
                reader.problems.add(file, _("audiences are some of: %(values)s.")
                                    % {"values": ", ".join(Audience.values)}, _at(where_c, _field("audiences")))
                audiences = []
            outcomes = []
            for o, outcome in enumerate(reader.listing(competence.get("outcomes"), file,
                                                       _at(where_c, _field("outcomes"))), start=1):
                where_o = _at(where_c, _("outcome %(n)d") % {"n": o})
                outcome = reader.mapping(outcome, file, where_o)
                outcomes.append({"code": _code(reader, outcome.get("code"), file, where_o),
                                 "text": reader.texts(outcome.get("text"), file, _at(where_o, _field("text")),
                                                      required=True)})
            competences.append({
                "code": _code(reader, competence.get("code"), file, where_c), "audiences": audiences,
                "title": reader.texts(competence.get("title"), file, _at(where_c, _field("title")), required=True),
                "description": reader.texts(competence.get("description"), file, _at(where_c, _field("description"))),
                "outcomes": outcomes})
        areas.append({"title": reader.texts(area.get("title"), file, _at(where, _field("title")), required=True),
                      "description": reader.texts(area.get("description"), file, _at(where, _field("description"))),
                      "competences": competences})
    return areas


def _code(reader, value, file, where) -> str:
    if not isinstance(value, str) or not value.strip() or len(value.strip()) > 40:
        reader.problems.add(file, _("“code” is required (up to 40 characters)."), where)
        return ""
    return value.strip()


def parse(files: dict[str, bytes]) -> Plan:
    """Read and check a whole package; a ValidationError lists every problem found, file by file."""
    reader = _Reader(files)
    manifest = reader.json(MANIFEST)
    if manifest is None:
        reader.problems.check()
    manifest = reader.mapping(manifest, MANIFEST, "")
    if manifest.get("format", FORMAT) != FORMAT or reader.integer(
            manifest.get("format_version"), MANIFEST, _field("format_version"), default=FORMAT_VERSION, low=1,
            high=FORMAT_VERSION) != FORMAT_VERSION:
        reader.problems.add(MANIFEST, _("this is not a course package this platform can read (format %(format)s, "
                                        "version %(version)d).") % {"format": FORMAT, "version": FORMAT_VERSION})
    package = manifest.get("package")
    if not isinstance(package, str) or not re.match(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$", package):
        reader.problems.add(MANIFEST, _("“package” must identify the package (letters, digits, dots, hyphens; up to "
                                        "100), so that importing it again makes a new version."), _field("package"))
        package = ""
    audiences = reader.listing(manifest.get("audiences"), MANIFEST, _field("audiences"))
    if any(a not in Audience.values for a in audiences):
        reader.problems.add(MANIFEST, _("audiences are some of: %(values)s.") % {"values": ", ".join(Audience.values)},
                            _field("audiences"))
        audiences = []
    prerequisite = manifest.get("prerequisite")
    if prerequisite is not None and not isinstance(prerequisite, str):
        reader.problems.add(MANIFEST, _("“prerequisite” is the package identifier of another course."),
                            _field("prerequisite"))
        prerequisite = None
    competences_raw = reader.json(COMPETENCES, required=False)
    plan = Plan(
        package=package, title=reader.texts(manifest.get("title"), MANIFEST, _field("title"), required=True),
        summary=reader.texts(manifest.get("summary"), MANIFEST, _field("summary")), audiences=audiences,
        is_train_the_trainer=reader.boolean(manifest.get("is_train_the_trainer"), MANIFEST,
                                            _field("is_train_the_trainer"), default=False),
        prerequisite=prerequisite, modules=_modules(reader, manifest.get("modules")),
        hours=reader.integer(manifest.get("hours"), MANIFEST, _field("hours"), default=None, low=1, high=1000,
                             optional=True),
        questions=_questions(reader),
        blueprint=_blueprint_entries(reader, competences_raw, COMPETENCES) if competences_raw is not None else [],
        unused=[])
    plan.unused = sorted(path for path in files if path not in reader.used)
    reader.problems.check()
    return plan


# --- against this platform -------------------------------------------------------------------------------------------


@dataclass
class _Resolved:
    course: Course | None
    prerequisite: Course | None
    competences: dict  # code → Competence already here
    outcomes: dict  # code → LearningOutcome already here
    new_competences: list[str]
    new_outcomes: list[str]


def _resolve(actor, plan: Plan) -> _Resolved:
    """What the package refers to on this platform; every reference that leads nowhere is a problem."""
    problems = _Problems()
    course = access.visible(actor, Course).filter(package=plan.package).first()
    if course is not None and not access.can(actor, DESIGN, course):
        raise invalid(_("course.json: a course with this package identifier exists and you may not change it."))
    prerequisite = None
    if plan.prerequisite:
        prerequisite = access.visible(actor, Course).filter(package=plan.prerequisite).first()
        if prerequisite is None:
            problems.add(MANIFEST, _("the course to complete first (package “%(package)s”) is not on this platform: "
                                     "import it first.") % {"package": plan.prerequisite}, _field("prerequisite"))
    in_package = {c["code"]: c for area in plan.blueprint for c in area["competences"]}
    outcomes_in_package = {o["code"]: c["code"] for c in in_package.values() for o in c["outcomes"]}
    wanted_competences = {code for module in plan.modules for quiz in module.quizzes for code in quiz.competences}
    wanted_competences |= {q.competence for q in plan.questions}
    wanted_outcomes = {code for lesson in plan.lessons() for code in lesson.outcomes}
    wanted_outcomes |= {q.outcome for q in plan.questions if q.outcome}
    competences = {c.code: c for c in access.visible(actor, Competence).filter(
        code__in=wanted_competences | set(in_package))}
    outcomes = {o.code: o for o in access.visible(actor, LearningOutcome).filter(
        code__in=wanted_outcomes | set(outcomes_in_package)).select_related("competence")}
    for code in sorted(wanted_competences - set(competences) - set(in_package)):
        problems.add(MANIFEST if code not in {q.competence for q in plan.questions} else QUESTIONS,
                     _("the competence “%(code)s” is neither on this platform's blueprint nor in competences.json.")
                     % {"code": code})
    for code in sorted(wanted_outcomes - set(outcomes) - set(outcomes_in_package)):
        problems.add(MANIFEST, _("the learning outcome “%(code)s” is neither on this platform's blueprint nor in "
                                 "competences.json.") % {"code": code})
    for n, question in enumerate(plan.questions, start=1):
        if not question.outcome:
            continue
        owner = outcomes[question.outcome].competence.code if question.outcome in outcomes \
            else outcomes_in_package.get(question.outcome)
        if owner and owner != question.competence:
            problems.add(QUESTIONS, _("the outcome “%(outcome)s” belongs to another competence.")
                         % {"outcome": question.outcome}, _question_at(question.competence, n))
    problems.check()
    return _Resolved(course=course, prerequisite=prerequisite, competences=competences, outcomes=outcomes,
                     new_competences=sorted(set(in_package) - set(competences)),
                     new_outcomes=sorted(set(outcomes_in_package) - set(outcomes)))


# --- preview --------------------------------------------------------------------------------------------------------


@dataclass
class Preview:
    plan: Plan
    course: Course | None  # the course this package makes a new version of
    title: str
    modules: list[dict]
    counts: dict
    languages: list[dict]
    new_competences: list[str]
    new_outcomes: list[str]
    questions_new: int
    questions_changed: int
    removed: dict


def course_package_preview(*, actor, upload) -> Preview:
    """What importing the package would do; writes nothing."""
    access.require_create(actor, Course)
    plan = parse(read_zip(upload))
    return _preview(actor, plan, _resolve(actor, plan))


def _localised(texts: dict, base: str) -> str:
    return texts.get(translation.get_language() or "en") or texts.get(base) or next(iter(texts.values()), "")


def _preview(actor, plan: Plan, resolved: _Resolved) -> Preview:
    base = plan.base_language
    lessons = plan.lessons()
    languages = []
    for code, name in settings.LANGUAGES:
        with_text = sum(1 for lesson in lessons if any(code in block.body or code in block.data
                                                       for block in lesson.blocks))
        titled = sum(1 for lesson in lessons if code in lesson.title)
        if code in plan.title or with_text or titled:
            languages.append({"code": code, "name": translation.gettext(name), "lessons_with_text": with_text,
                              "titles": titled, "lessons": len(lessons)})
    bank = {(q.competence.code, getattr(q, f"text_{base}")) for q in access.visible(actor, Question).filter(
        competence__code__in={q.competence for q in plan.questions}).select_related("competence")}
    changed = sum(1 for q in plan.questions if (q.competence, q.text.get(base)) in bank)
    removed = {"modules": 0, "lessons": 0, "progress": 0}
    if resolved.course is not None:
        modules = list(resolved.course.modules.order_by("order", "id").prefetch_related("lessons"))
        gone_lessons = [lesson.pk for module in modules[len(plan.modules):] for lesson in module.lessons.all()]
        for module, module_plan in zip(modules, plan.modules, strict=False):
            gone_lessons += [lesson.pk for lesson in sorted(module.lessons.all(), key=lambda x: (x.order, x.pk))
                             [len(module_plan.lessons):]]
        removed = {"modules": max(0, len(modules) - len(plan.modules)), "lessons": len(gone_lessons),
                   "progress": LessonProgress.objects.filter(lesson_id__in=gone_lessons).count()}
    return Preview(
        plan=plan, course=resolved.course, title=_localised(plan.title, base),
        modules=[{"title": _localised(m.title, base), "lessons": [_localised(x.title, base) for x in m.lessons],
                  "quizzes": [_localised(q.title, base) for q in m.quizzes]} for m in plan.modules],
        counts={"modules": len(plan.modules), "lessons": len(lessons),
                "blocks": sum(len(lesson.blocks) for lesson in lessons),
                "quizzes": sum(len(m.quizzes) for m in plan.modules), "questions": len(plan.questions)},
        languages=languages, new_competences=resolved.new_competences, new_outcomes=resolved.new_outcomes,
        questions_new=len(plan.questions) - changed, questions_changed=changed, removed=removed)


# --- import -----------------------------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    course: Course
    created: bool
    lessons: dict  # the package's lesson id → Lesson


def course_package_import(*, actor, upload) -> ImportResult:
    """Import an uploaded package (zip): a new course, or a new version of the course it came from."""
    return _import(actor, read_zip(upload), source=getattr(upload, "name", "") or "package.zip")


def course_folder_import(*, actor, folder: Path) -> ImportResult:
    """Import a package that is a folder on disk (the demo's courses)."""
    return _import(actor, read_folder(folder), source=folder.name)


def _import(actor, files: dict[str, bytes], *, source: str) -> ImportResult:
    access.require_create(actor, Course)
    plan = parse(files)
    resolved = _resolve(actor, plan)
    try:
        with transaction.atomic(), translation.override(plan.base_language):
            result = _write(actor, plan, resolved)
            audit.record(action="learning.course.imported", actor=actor, obj=result.course,
                         data={"package": plan.package, "source": source, "created": result.created,
                               "version": result.course.published_version, "files": len(files)})
    except ValidationError as error:
        # The checks above should have caught it; the service that refused says why, and nothing was written.
        raise ValidationError([_("%(file)s: %(message)s") % {"file": source, "message": message}
                               for message in error.messages], code="invalid_package") from error
    return result


def _all_languages(texts: dict) -> dict:
    """Every language of the platform: a language the package does not have is emptied (a new version replaces
    the old texts)."""
    return {code: texts.get(code) for code in _languages()}


def _plain(texts: dict) -> str:
    return texts.get(translation.get_language(), "") or ""


def _ensure_blueprint(actor, plan: Plan, resolved: _Resolved) -> tuple[dict, dict]:
    competences, outcomes = dict(resolved.competences), dict(resolved.outcomes)
    areas = {a.title_en or a.title: a for a in access.visible(actor, CompetenceArea)}
    for position, area_spec in enumerate(plan.blueprint, start=1):
        todo = [c for c in area_spec["competences"]
                if c["code"] not in competences or any(o["code"] not in outcomes for o in c["outcomes"])]
        if not todo:
            continue
        key = area_spec["title"].get("en") or next(iter(area_spec["title"].values()))
        area = areas.get(key)
        if area is None:
            area = areas[key] = services.competence_area_create(
                actor=actor, title=_plain(area_spec["title"]), description=_plain(area_spec["description"]),
                order=position, translations={"title": _all_languages(area_spec["title"]),
                                              "description": _all_languages(area_spec["description"])})
        for order, spec in enumerate(area_spec["competences"], start=1):
            if spec["code"] not in competences:
                competences[spec["code"]] = services.competence_create(
                    actor=actor, area=area, title=_plain(spec["title"]), description=_plain(spec["description"]),
                    audiences=spec["audiences"], order=order, code=spec["code"],
                    translations={"title": _all_languages(spec["title"]),
                                  "description": _all_languages(spec["description"])})
            for outcome_order, outcome in enumerate(spec["outcomes"], start=1):
                if outcome["code"] not in outcomes:
                    outcomes[outcome["code"]] = services.outcome_create(
                        actor=actor, competence=competences[spec["code"]], text=_plain(outcome["text"]),
                        order=outcome_order, code=outcome["code"],
                        translations={"text": _all_languages(outcome["text"])})
    return competences, outcomes


def blueprint_import(*, actor, data: dict, source: str) -> tuple[dict, dict]:
    """Load a blueprint file (the format of competences.json): what is missing is created. Returns the
    competences and outcomes by code."""
    reader = _Reader({})
    areas = _blueprint_entries(reader, data, source)
    reader.problems.check()
    plan = Plan(package="", title={"en": source}, summary={}, audiences=[], is_train_the_trainer=False,
                prerequisite=None, modules=[], questions=[], blueprint=areas, unused=[])
    codes = [c["code"] for area in areas for c in area["competences"]]
    resolved = _Resolved(course=None, prerequisite=None,
                         competences={c.code: c for c in access.visible(actor, Competence).filter(code__in=codes)},
                         outcomes={o.code: o for o in access.visible(actor, LearningOutcome).filter(
                             competence__code__in=codes)}, new_competences=[], new_outcomes=[])
    with transaction.atomic():
        return _ensure_blueprint(actor, plan, resolved)


def _write(actor, plan: Plan, resolved: _Resolved) -> ImportResult:
    competences, outcomes = _ensure_blueprint(actor, plan, resolved)
    _write_questions(actor, plan, competences, outcomes)
    fields = {"title": _plain(plan.title), "summary": _plain(plan.summary), "audiences": plan.audiences,
              "is_train_the_trainer": plan.is_train_the_trainer, "prerequisite": resolved.prerequisite,
              "hours": plan.hours,
              "translations": {"title": _all_languages(plan.title), "summary": _all_languages(plan.summary)}}
    course = resolved.course
    was_published = course is not None and course.status == Course.Status.PUBLISHED
    if course is None:
        course = services.course_create(actor=actor, package=plan.package, **fields)
    else:
        course = services.course_update(actor=actor, course=course, **fields)
    lessons = {}
    existing = list(course.modules.order_by("order", "id"))
    by_id = {}
    for position, spec in enumerate(plan.modules, start=1):
        module_fields = {"title": _plain(spec.title), "order": position, "prerequisite": by_id.get(spec.prerequisite),
                         "translations": {"title": _all_languages(spec.title)}}
        if position <= len(existing):
            module = services.module_update(actor=actor, module=existing[position - 1], **module_fields)
        else:
            module = services.module_create(actor=actor, course=course, **module_fields)
        by_id[spec.id] = module
        _write_lessons(actor, module, spec, outcomes, lessons)
        _write_quizzes(actor, module, spec, competences)
    for module in existing[len(plan.modules):]:
        services.module_delete(actor=actor, module=module)
    if was_published:
        course = services.course_publish(actor=actor, course=course)
    return ImportResult(course=course, created=resolved.course is None, lessons=lessons)


def _write_lessons(actor, module, spec: ModulePlan, outcomes: dict, lessons: dict) -> None:
    existing = list(module.lessons.order_by("order", "id"))
    for position, lesson_spec in enumerate(spec.lessons, start=1):
        lesson_fields = {"title": _plain(lesson_spec.title), "order": position, "required": lesson_spec.required,
                         "completion": lesson_spec.completion,
                         "outcomes": [outcomes[code] for code in lesson_spec.outcomes],
                         "translations": {"title": _all_languages(lesson_spec.title)}}
        if position <= len(existing):
            lesson = services.lesson_update(actor=actor, lesson=existing[position - 1], **lesson_fields)
        else:
            lesson = services.lesson_create(actor=actor, module=module, **lesson_fields)
        lessons[lesson_spec.id] = lesson
        blocks = list(lesson.blocks.order_by("order", "id"))
        for order, block_spec in enumerate(lesson_spec.blocks):
            media = ContentFile(block_spec.media[1], name=block_spec.media[0]) if block_spec.media else None
            captions = ContentFile(block_spec.captions[1], name=block_spec.captions[0]) \
                if block_spec.captions else None
            services.block_save(
                actor=actor, lesson=lesson, block=blocks[order] if order < len(blocks) else None,
                kind=block_spec.kind, order=order, body=_plain(block_spec.body), alt_text=_plain(block_spec.alt_text),
                transcript=_plain(block_spec.transcript), data=block_spec.data.get(translation.get_language()) or {},
                media=media, captions=captions,
                translations={"body": _all_languages(block_spec.body), "alt_text": _all_languages(block_spec.alt_text),
                              "transcript": _all_languages(block_spec.transcript),
                              **({"data": _all_languages(block_spec.data)} if block_spec.data else {})})
        for block in blocks[len(lesson_spec.blocks):]:
            services.block_delete(actor=actor, block=block)
    for lesson in existing[len(spec.lessons):]:
        services.lesson_delete(actor=actor, lesson=lesson)


def _write_quizzes(actor, module, spec: ModulePlan, competences: dict) -> None:
    existing = list(module.quizzes.order_by("id"))
    for position, quiz_spec in enumerate(spec.quizzes):
        quiz_fields = {"title": _plain(quiz_spec.title),
                       "competences": [competences[code] for code in quiz_spec.competences],
                       "question_count": quiz_spec.question_count, "pass_mark": quiz_spec.pass_mark,
                       "attempts_allowed": quiz_spec.attempts_allowed,
                       "time_limit_minutes": quiz_spec.time_limit_minutes, "required": quiz_spec.required,
                       "translations": {"title": _all_languages(quiz_spec.title)}}
        if position < len(existing):
            services.quiz_update(actor=actor, quiz=existing[position], **quiz_fields)
        else:
            services.quiz_create(actor=actor, module=module, **quiz_fields)
    for quiz in existing[len(spec.quizzes):]:
        services.quiz_delete(actor=actor, quiz=quiz)


def _write_questions(actor, plan: Plan, competences: dict, outcomes: dict) -> None:
    base = plan.base_language
    bank = {}
    for question in access.visible(actor, Question).filter(
            competence__code__in={q.competence for q in plan.questions}).select_related("competence"):
        bank.setdefault((question.competence.code, getattr(question, f"text_{base}")), question)
    for spec in plan.questions:
        question_fields = {
            "competence": competences[spec.competence], "kind": spec.kind,
            "outcome": outcomes[spec.outcome] if spec.outcome else None,
            "text": _plain(spec.text), "data": spec.data.get(translation.get_language()) or {},
            "feedback": _plain(spec.feedback),
            "translations": {"text": _all_languages(spec.text), "data": _all_languages(spec.data),
                             "feedback": _all_languages(spec.feedback)}}
        found = bank.get((spec.competence, spec.text.get(base)))
        if found is not None:
            services.question_update(actor=actor, question=found, **question_fields)
        else:
            services.question_create(actor=actor, **question_fields)


# --- export -----------------------------------------------------------------------------------------------------------


def _texts_of(obj, name: str) -> dict:
    values = {}
    for code in _languages():
        value = getattr(obj, f"{name}_{code}", None)
        if value:
            values[code] = value
    return values


def _unique_ids(titles: list[str], fallback: str, taken: set) -> list[str]:
    ids = []
    for n, title in enumerate(titles, start=1):
        base = slugify(title)[:60].strip("-") or f"{fallback}-{n}"
        candidate, suffix = base, 2
        while candidate in taken:
            candidate, suffix = f"{base}-{suffix}", suffix + 1
        taken.add(candidate)
        ids.append(candidate)
    return ids


def _readable_html(html: str) -> str:
    """One line per paragraph, heading and list item, for the people who edit the files."""
    return _LINE_AFTER.sub(lambda m: m.group(1) + "\n", html)


def _one_structure(variants: dict, merge) -> dict | None:
    """Questions and scenarios are one structure with every language's texts. A language whose version does not
    have the structure of the first is left out: its right answers or paths would not agree with the others."""
    kept, merged = {}, None
    for code, data in variants.items():
        try:
            candidate = merge({**kept, code: data})
        except (KeyError, IndexError, TypeError, AttributeError):
            continue
        kept[code], merged = data, candidate
    return merged


def _merge_scenario(variants: dict) -> dict:
    structure = next(iter(variants.values()))
    if any(set(v["steps"]) != set(structure["steps"]) or v.get("start") != structure.get("start")
           for v in variants.values()):
        raise KeyError("steps")
    steps = {}
    for key, step in structure["steps"].items():
        if any(len(v["steps"][key].get("choices", [])) != len(step.get("choices", [])) for v in variants.values()):
            raise KeyError(key)
        choices = []
        for n, choice in enumerate(step.get("choices", [])):
            versions = {c: v["steps"][key]["choices"][n] for c, v in variants.items()}
            if any(version.get("next") != choice.get("next") for version in versions.values()):
                raise KeyError(key)
            entry = {"label": {c: version["label"] for c, version in versions.items()},
                     "next": choice.get("next") or ""}
            if any("feedback" in version for version in versions.values()):
                entry["feedback"] = {c: version["feedback"] for c, version in versions.items()
                                     if "feedback" in version}
            choices.append(entry)
        steps[key] = {"text": {c: v["steps"][key]["text"] for c, v in variants.items()}, "choices": choices}
    return {"start": structure.get("start"), "steps": steps}


def _merge_answers(kind: str):
    key = services.QUESTION_ANSWERS_KEY[kind]

    def merge(variants: dict) -> dict:
        if key == "answers":
            return {"answers": {c: list(v["answers"]) for c, v in variants.items()}}
        structure = next(iter(variants.values()))[key]
        if any(len(v[key]) != len(structure) for v in variants.values()):
            raise IndexError(key)
        entries = []
        for n, entry in enumerate(structure):
            versions = {c: v[key][n] for c, v in variants.items()}
            if key == "items":
                entries.append(versions)
            elif key == "pairs":
                entries.append({"left": {c: pair["left"] for c, pair in versions.items()},
                                "right": {c: pair["right"] for c, pair in versions.items()}})
            else:
                if any(bool(choice.get("correct")) != bool(entry.get("correct")) for choice in versions.values()):
                    raise KeyError(n)
                choice = {"text": {c: version["text"] for c, version in versions.items()},
                          "correct": bool(entry.get("correct"))}
                if any("feedback" in version for version in versions.values()):
                    choice["feedback"] = {c: version["feedback"] for c, version in versions.items()
                                          if "feedback" in version}
                entries.append(choice)
        return {key: entries}

    return merge


def _json(value) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode()


def course_package_files(*, actor, course: Course) -> dict[str, bytes]:
    """The course as the files of its package (see the module docstring)."""
    access.require(actor, DESIGN, course)
    files: dict[str, bytes] = {}
    modules = list(course.modules.order_by("order", "id").select_related("prerequisite").prefetch_related(
        "lessons__outcomes", "lessons__blocks", "quizzes__competences"))
    module_ids = _unique_ids([m.title_en or m.title for m in modules], "module", set())
    lesson_taken, scenario_taken = set(), set()
    manifest_modules, competence_ids, outcome_ids = [], set(), set()
    for module, module_id in zip(modules, module_ids, strict=True):
        lessons = sorted(module.lessons.all(), key=lambda x: (x.order, x.pk))
        lesson_ids = _unique_ids([x.title_en or x.title for x in lessons], "lesson", lesson_taken)
        manifest_lessons = []
        for lesson, lesson_id in zip(lessons, lesson_ids, strict=True):
            blocks = sorted(lesson.blocks.all(), key=lambda b: (b.order, b.pk))
            entries = []
            for n, block in enumerate(blocks, start=1):
                entry = {"kind": block.kind}
                if block.kind == Block.Kind.SCENARIO:
                    name = _unique_ids([lesson_id], "scenario", scenario_taken)[0]
                    scenario = _one_structure({c: d for c in _languages() if (d := getattr(block, f"data_{c}"))},
                                              _merge_scenario)
                    files[f"scenarios/{name}.json"] = _json(scenario or {"start": "", "steps": {}})
                    entry["scenario"] = name
                for name in ("alt_text", "transcript"):
                    if _texts_of(block, name):
                        entry[name] = _texts_of(block, name)
                for name in ("media", "captions"):
                    stored = getattr(block, name)
                    if stored:
                        path = f"media/{lesson_id}-{n}-{posixpath.basename(stored.name)}"
                        with stored.open("rb") as handle:
                            files[path] = handle.read()
                        entry[name] = path
                entries.append(entry)
            for code in _languages():
                bodies = [getattr(block, f"body_{code}") or "" for block in blocks]
                if any(bodies):
                    files[f"lessons/{lesson_id}/{code}.html"] = "".join(
                        f"<!-- block: {block.kind} -->\n" + (_readable_html(body) + "\n" if body else "")
                        for block, body in zip(blocks, bodies, strict=True)).encode()
            codes = [o.code for o in sorted(lesson.outcomes.all(), key=lambda o: (o.order, o.pk))]
            outcome_ids.update(o.pk for o in lesson.outcomes.all())
            manifest_lessons.append({"id": lesson_id, "title": _texts_of(lesson, "title"), "required": lesson.required,
                                     "completion": lesson.completion, "outcomes": codes, "blocks": entries})
        quizzes = []
        for quiz in sorted(module.quizzes.all(), key=lambda q: q.pk):
            drawn = sorted(quiz.competences.all(), key=lambda c: c.pk)
            competence_ids.update(c.pk for c in drawn)
            quizzes.append({"title": _texts_of(quiz, "title"), "competences": [c.code for c in drawn],
                            "question_count": quiz.question_count, "pass_mark": quiz.pass_mark,
                            "attempts_allowed": quiz.attempts_allowed,
                            "time_limit_minutes": quiz.time_limit_minutes, "required": quiz.required})
        prerequisite = module_ids[modules.index(module.prerequisite)] if module.prerequisite in modules else None
        manifest_modules.append({"id": module_id, "title": _texts_of(module, "title"), "prerequisite": prerequisite,
                                 "lessons": manifest_lessons, "quizzes": quizzes})
    files[MANIFEST] = _json({
        "format": FORMAT, "format_version": FORMAT_VERSION, "package": course.package,
        "title": _texts_of(course, "title"), "summary": _texts_of(course, "summary"), "audiences": course.audiences,
        "is_train_the_trainer": course.is_train_the_trainer, "hours": course.hours,
        "prerequisite": course.prerequisite.package if course.prerequisite else None, "modules": manifest_modules})
    questions = {}
    for question in access.visible(actor, Question).filter(competence_id__in=competence_ids).select_related(
            "competence", "outcome").order_by("competence__area__order", "competence__order", "competence_id", "id"):
        spec = {"kind": question.kind}
        if question.outcome:
            spec["outcome"] = question.outcome.code
            outcome_ids.add(question.outcome_id)
        spec["text"] = _texts_of(question, "text")
        answers = _one_structure({c: d for c in _languages() if (d := getattr(question, f"data_{c}"))},
                                 _merge_answers(question.kind))
        spec.update(answers or {})
        if _texts_of(question, "feedback"):
            spec["feedback"] = _texts_of(question, "feedback")
        questions.setdefault(question.competence.code, []).append(spec)
    if questions:
        files[QUESTIONS] = _json(questions)
    files[COMPETENCES] = _json(blueprint_data(competence_ids=competence_ids, outcome_ids=outcome_ids))
    return files


def blueprint_data(*, competence_ids=None, outcome_ids=()) -> dict:
    """The blueprint (or the part of it a course refers to: its competences, and the competences of its outcomes)
    in the format of competences.json."""
    outcomes = LearningOutcome.objects.select_related("competence")
    if competence_ids is not None:
        competence_ids = set(competence_ids) | set(outcomes.filter(pk__in=outcome_ids)
                                                   .values_list("competence_id", flat=True))
    competences = Competence.objects.select_related("area").prefetch_related("outcomes").order_by(
        "area__order", "area_id", "order", "id")
    if competence_ids is not None:
        competences = competences.filter(pk__in=competence_ids)
    areas: dict[int, dict] = {}
    for competence in competences:
        area = areas.setdefault(competence.area_id, {
            "title": _texts_of(competence.area, "title"), "description": _texts_of(competence.area, "description"),
            "competences": []})
        area["competences"].append({
            "code": competence.code, "title": _texts_of(competence, "title"),
            "description": _texts_of(competence, "description"), "audiences": competence.audiences,
            "outcomes": [{"code": o.code, "text": _texts_of(o, "text")}
                         for o in sorted(competence.outcomes.all(), key=lambda o: (o.order, o.pk))]})
    return {"areas": list(areas.values())}


def package_folder_name(course: Course) -> str:
    return slugify(course.title_en or course.title)[:60].strip("-") or f"course-{course.pk}"


def course_package_export(*, actor, course: Course):
    """The course's package as a zip (a temporary file, read from the start) and a file name for it."""
    access.require(actor, DESIGN, course)
    folder = package_folder_name(course)
    archive = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)  # noqa: SIM115 - the response closes it
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as package:
        for path, data in sorted(course_package_files(actor=actor, course=course).items()):
            package.writestr(f"{folder}/{path}", data)
    archive.seek(0)
    return archive, f"{folder}.zip"


def zip_bytes(files: dict[str, bytes], folder: str = "course") -> bytes:
    """A package zip from files in memory (tests, the API)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as package:
        for path, data in sorted(files.items()):
            package.writestr(f"{folder}/{path}" if folder else path, data)
    return buffer.getvalue()
