"""Course packages: the demo's course imported, exported and imported again into an empty platform gives the same
modules, lessons, blocks, quizzes, questions and texts in every language; a package imported again is a new
version of its course (learners keep their progress); a bad package is refused file by file, changing nothing;
zips that are too large, too many or point outside the package are refused; the import and export pages."""

import io
import json
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from integra.core.models import AuditEvent
from integra.learning import demo, packages, services
from integra.learning.models import (
    Block,
    Competence,
    CompetenceArea,
    Course,
    LearningOutcome,
    Lesson,
    LessonProgress,
    Module,
    Question,
    Quiz,
)
from tests.conftest import api_client, signed_in

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "fr", "bg", "it", "pt", "el")


def _texts(obj, *fields):
    # A language without text is the same whether it is NULL, "" or {} (each falls back to English).
    return {f"{name}_{code}": getattr(obj, f"{name}_{code}") for name in fields for code in LANGUAGES
            if getattr(obj, f"{name}_{code}") not in (None, "", {})}


def snapshot(course: Course) -> dict:
    """Everything a course package carries, without primary keys."""
    modules = list(course.modules.order_by("order", "id"))
    quiz_competences = set()
    outline = []
    for module in modules:
        lessons = []
        for lesson in module.lessons.order_by("order", "id"):
            lessons.append({
                **_texts(lesson, "title"), "required": lesson.required, "completion": lesson.completion,
                "outcomes": sorted(o.code for o in lesson.outcomes.all()),
                "blocks": [{"kind": b.kind, **_texts(b, "body", "alt_text", "transcript", "data")}
                           for b in lesson.blocks.order_by("order", "id")]})
        quizzes = []
        for quiz in module.quizzes.order_by("id"):
            quiz_competences |= {c.pk for c in quiz.competences.all()}
            quizzes.append({**_texts(quiz, "title"), "competences": sorted(c.code for c in quiz.competences.all()),
                            "numbers": [quiz.question_count, quiz.pass_mark, quiz.attempts_allowed,
                                        quiz.time_limit_minutes, quiz.required]})
        outline.append({**_texts(module, "title"), "lessons": lessons, "quizzes": quizzes,
                        "prerequisite": modules.index(module.prerequisite) if module.prerequisite else None})
    competences = Competence.objects.filter(pk__in=quiz_competences).order_by("code")
    return {
        "course": {**_texts(course, "title", "summary"), "audiences": course.audiences, "package": course.package,
                   "ttt": course.is_train_the_trainer},
        "modules": outline,
        "questions": sorted(json.dumps({"competence": q.competence.code, "outcome": getattr(q.outcome, "code", None),
                                        "kind": q.kind, **_texts(q, "text", "data", "feedback")}, sort_keys=True)
                            for q in Question.objects.filter(competence__in=competences)),
        "blueprint": [{"code": c.code, **_texts(c, "title", "description"), "audiences": c.audiences,
                       "area": _texts(c.area, "title", "description"),
                       "outcomes": [{"code": o.code, **_texts(o, "text")} for o in c.outcomes.order_by("order")]}
                      for c in competences],
    }


def upload(files: dict, name="course.zip") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, packages.zip_bytes(files), content_type="application/zip")


def _demo_course(designer) -> Course:
    packages.blueprint_import(actor=designer, data=json.loads((demo.DATA / "blueprint.json").read_text()),
                              source="blueprint.json")
    return packages.course_folder_import(actor=designer, folder=demo.COURSE_FOLDER).course


def _empty_the_platform():
    Course.objects.all().delete()
    Question.objects.all().delete()
    CompetenceArea.objects.all().delete()
    assert not (Module.objects.exists() or Competence.objects.exists() or LearningOutcome.objects.exists())


def _exported(designer, course) -> bytes:
    archive, filename = packages.course_package_export(actor=designer, course=course)
    assert filename.startswith("preventing-radicalisation-in-prison") and filename.endswith(".zip")
    return archive.read()


# --- the round trip ------------------------------------------------------------------------------------------


def test_the_demo_course_exported_imports_into_an_empty_platform_unchanged(designer):
    course = _demo_course(designer)
    before = snapshot(course)
    assert len(before["modules"]) == 8 and len(before["questions"]) > 30
    assert {"title_en", "title_fr", "title_pt", "title_it", "title_bg", "title_el"} <= set(before["course"])
    texts = [b for m in before["modules"] for lesson in m["lessons"] for b in lesson["blocks"]]
    assert all({"body_en", "body_fr", "body_pt"} <= set(b) for b in texts if b["kind"] == "text")
    zipped = _exported(designer, course)

    _empty_the_platform()
    result = packages.course_package_import(actor=designer, upload=SimpleUploadedFile("export.zip", zipped))
    assert result.created and Course.objects.count() == 1
    assert snapshot(result.course) == before
    assert AuditEvent.objects.filter(action="learning.course.imported", object_id=str(result.course.pk)).exists()


def test_the_demo_folder_is_what_export_writes(designer):
    """The demo's course folder is the package format itself: exporting the imported course gives its files back
    (competences.json aside: the demo's blueprint is one file of its own)."""
    course = _demo_course(designer)
    exported = packages.course_package_files(actor=designer, course=course)
    folder = packages.read_folder(demo.COURSE_FOLDER)
    assert set(exported) - {packages.COMPETENCES} == set(folder)
    for path, data in folder.items():
        if path.endswith(".json"):
            assert json.loads(exported[path]) == json.loads(data), path
        else:
            assert exported[path] == data, path


# --- new versions --------------------------------------------------------------------------------------------------


def _files(designer, course) -> dict:
    return packages.course_package_files(actor=designer, course=course)


def test_importing_a_package_again_makes_a_new_version_and_learners_keep_their_progress(course, designer, learner):
    services.enrolment_create(actor=learner, course=course)
    intro = Lesson.objects.get(module__course=course, title_en="Push and pull")
    services.lesson_complete(actor=learner, lesson=intro)
    files = _files(designer, course)
    manifest = json.loads(files["course.json"])
    manifest["modules"][0]["lessons"][0]["title"]["en"] = "Push and pull factors"
    manifest["modules"][0]["lessons"][0]["title"]["fr"] = "Facteurs de répulsion et d'attraction"
    manifest["modules"][1]["lessons"].append({"id": "families", "title": {"en": "Families"}, "blocks": [
        {"kind": "text"}]})
    files["course.json"] = json.dumps(manifest).encode()
    files["lessons/families/en.html"] = b"<!-- block: text -->\n<p>Families\n   matter.</p>\n"
    questions_before = Question.objects.count()
    version = course.published_version

    preview = packages.course_package_preview(actor=designer, upload=upload(files))
    assert preview.course == course and preview.counts["lessons"] == 4 and preview.questions_new == 0
    result = packages.course_package_import(actor=designer, upload=upload(files))

    assert not result.created and result.course.pk == course.pk and Course.objects.count() == 1
    course.refresh_from_db()
    assert course.published_version == version + 1 and course.status == "published"
    intro.refresh_from_db()
    assert intro.title_en == "Push and pull factors" and intro.title_fr == "Facteurs de répulsion et d'attraction"
    assert LessonProgress.objects.filter(lesson=intro, enrolment__user=learner, completed_at__isnull=False).exists()
    added = Lesson.objects.get(module__course=course, title_en="Families")
    assert added.blocks.get().body_en == "<p>Families matter.</p>"
    assert Question.objects.count() == questions_before  # matched by their text, not added again


def test_a_new_version_removes_what_the_package_no_longer_has(course, designer, learner):
    services.enrolment_create(actor=learner, course=course)
    files = _files(designer, course)
    manifest = json.loads(files["course.json"])
    manifest["modules"] = manifest["modules"][:1]
    manifest["modules"][0]["lessons"] = manifest["modules"][0]["lessons"][:1]
    files["course.json"] = json.dumps(manifest).encode()
    preview = packages.course_package_preview(actor=designer, upload=upload(files))
    assert preview.removed == {"modules": 1, "lessons": 2, "progress": 0}
    packages.course_package_import(actor=designer, upload=upload(files))
    assert [m.title_en for m in course.modules.all()] == ["Understanding"]
    assert Lesson.objects.filter(module__course=course).count() == 1
    assert AuditEvent.objects.filter(action="learning.module.deleted").count() == 1
    assert AuditEvent.objects.filter(action="learning.lesson.deleted").count() == 1


def test_import_checks_the_policy(course, designer, learner, trainer):
    files = _files(designer, course)
    for person in (learner, trainer):
        with pytest.raises(PermissionDenied):
            packages.course_package_import(actor=person, upload=upload(files))
        with pytest.raises(PermissionDenied):
            packages.course_package_preview(actor=person, upload=upload(files))
        with pytest.raises(PermissionDenied):
            packages.course_package_export(actor=person, course=course)


# --- bad packages ------------------------------------------------------------------------------------------------


@pytest.fixture
def package(course, designer):
    """The small course's package, as files, under a new identifier (importing it makes a new course)."""
    files = _files(designer, course)
    manifest = json.loads(files["course.json"])
    manifest["package"] = "another-platform-course"
    files["course.json"] = json.dumps(manifest).encode()
    return files


def _refused(designer, package_upload) -> list[str]:
    counts = (Course.objects.count(), Lesson.objects.count(), Question.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError) as excinfo:
        packages.course_package_import(actor=designer, upload=package_upload)
    assert (Course.objects.count(), Lesson.objects.count(), Question.objects.count(),
            AuditEvent.objects.count()) == counts
    return excinfo.value.messages


def test_a_good_package_imports_as_a_new_draft(package, designer):
    result = packages.course_package_import(actor=designer, upload=upload(package))
    assert result.created and result.course.status == "draft" and result.course.package == "another-platform-course"
    assert result.course.modules.count() == 2


def test_not_a_zip(designer):
    messages = _refused(designer, SimpleUploadedFile("course.zip", b"this is not a zip"))
    assert messages == ["course.zip: this is not a zip file."]


def test_missing_files_are_named(package, designer):
    without_manifest = {k: v for k, v in package.items() if k != "course.json"}
    assert "course.json is missing" in _refused(designer, upload(without_manifest))[0]
    lesson_file = next(path for path in package if path.startswith("lessons/") and path.endswith("/en.html"))
    without_lesson = {k: v for k, v in package.items() if k != lesson_file}
    assert any(m.startswith(f"{lesson_file}: this file is missing") for m in _refused(designer, upload(without_lesson)))
    scenario = next(path for path in package if path.startswith("scenarios/"))
    without_scenario = {k: v for k, v in package.items() if k != scenario}
    assert any("course.json, module 1, lesson 2, block 1" in m and "scenarios/" in m
               for m in _refused(designer, upload(without_scenario)))


def test_bad_json_is_named_with_its_file_and_line(package, designer):
    broken = {**package, "questions.json": b'{"C1": [\n  {"kind": "single",,}\n]}'}
    messages = _refused(designer, upload(broken))
    assert len(messages) == 1 and messages[0].startswith("questions.json: this is not valid JSON (line 2")
    assert _refused(designer, upload({**package, "course.json": b"{"}))[0].startswith("course.json: this is not valid")
    assert "UTF-8" in _refused(designer, upload({**package, "course.json": "{}".encode("utf-16")}))[0]


def test_every_problem_is_reported_with_its_place(package, designer):
    manifest = json.loads(package["course.json"])
    manifest["modules"][0]["lessons"][0]["title"] = {}
    manifest["modules"][0]["lessons"][0]["completion"] = "sometimes"
    manifest["modules"][0]["quizzes"][0]["pass_mark"] = 140
    manifest["modules"][0]["quizzes"][0]["competences"] = ["NOWHERE"]
    manifest["modules"][1]["title"] = {"xx": "?"}
    manifest["audiences"] = ["astronauts"]
    messages = _refused(designer, upload({**package, "course.json": json.dumps(manifest).encode()}))
    expected = ["course.json, module 1, lesson 1, “title”: a text is required",
                "course.json, module 1, lesson 1: “completion” must be one of",
                "course.json, module 1, quiz 1, “pass_mark”: a whole number from 0 to 100",
                "course.json, module 2, “title”: “xx” is not a language of the platform",
                "course.json, “audiences”: audiences are some of"]
    for start in expected:
        assert any(m.startswith(start) for m in messages), (start, messages)
    manifest = json.loads(package["course.json"])
    manifest["modules"][0]["quizzes"][0]["competences"] = ["NOWHERE"]
    messages = _refused(designer, upload({**package, "course.json": json.dumps(manifest).encode()}))
    assert any("“NOWHERE” is neither on this platform's blueprint nor in competences.json" in m for m in messages)


def test_lesson_files_must_match_the_blocks_of_the_manifest(package, designer):
    lesson_file = next(path for path in package if path.startswith("lessons/") and path.endswith("/en.html"))
    messages = _refused(designer, upload({**package, lesson_file: b"<p>No marker</p>"}))
    assert messages[0].startswith(f"{lesson_file}: the text must start with a line <!-- block: text -->")
    messages = _refused(designer, upload({**package, lesson_file: b"<!-- block: reflection -->\n<p>x</p>"}))
    assert "the lesson's blocks are text in course.json, but this file has reflection" in messages[0]


def test_lesson_html_is_sanitised(package, designer):
    lesson_file = next(path for path in package if path.startswith("lessons/") and path.endswith("/en.html"))
    script = b'<!-- block: text -->\n<p onclick="steal()">Hello<script>alert(1)</script></p>\n'
    result = packages.course_package_import(actor=designer, upload=upload({**package, lesson_file: script}))
    body = Block.objects.filter(lesson__module__course=result.course, kind="text").first().body_en
    assert body == "<p>Hello</p>"


def test_paths_outside_the_package_are_refused(package, designer):
    for evil in ("../evil.txt", "course/../../evil.txt", "/etc/evil.txt", "C:/evil.txt", "course\\..\\evil.txt"):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for path, data in package.items():
                archive.writestr(f"course/{path}", data)
            archive.writestr(evil, b"x")
        messages = _refused(designer, SimpleUploadedFile("course.zip", buffer.getvalue()))
        assert messages == [f"{evil}: this path points outside the package; it was refused."], evil


def test_packages_that_are_too_large_or_have_too_many_files_are_refused(package, designer, monkeypatch):
    monkeypatch.setattr(packages, "MAX_PACKAGE_BYTES", 100)
    assert "larger than" in _refused(designer, upload(package))[0]
    monkeypatch.setattr(packages, "MAX_PACKAGE_BYTES", 50 * 1024 * 1024)
    monkeypatch.setattr(packages, "MAX_UNPACKED_BYTES", 1024 * 1024)
    bomb = {**package, "media/zeros.bin": b"\0" * (2 * 1024 * 1024)}  # compresses to almost nothing
    assert "unpacked, the package is larger than" in _refused(designer, upload(bomb))[0]
    monkeypatch.setattr(packages, "MAX_MEMBERS", 3)
    assert "more than 3 files" in _refused(designer, upload(package))[0]


def test_a_service_refusal_during_import_rolls_everything_back(package, designer):
    # The package passes the checks; publishing the new version of a published course then fails (the bank is
    # too small for the quiz): nothing of the new version remains.
    course = Course.objects.get()
    files = _files(designer, course)
    manifest = json.loads(files["course.json"])
    manifest["modules"][0]["quizzes"][0]["question_count"] = 50
    files["course.json"] = json.dumps(manifest).encode()
    messages = _refused(designer, upload(files))
    assert "draws 50 questions" in messages[0]
    assert Quiz.objects.get().question_count == 6


# --- the pages --------------------------------------------------------------------------------------------------


def test_export_page_downloads_the_package(course, designer, learner):
    response = signed_in(designer).get(reverse("learning:design_course_package", args=[course.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert "preventing-radicalisation/course.json" in archive.namelist()
    assert signed_in(learner).get(reverse("learning:design_course_package", args=[course.pk])).status_code == 403


def test_import_pages_preview_then_import(package, designer, learner):
    client = signed_in(designer)
    assert client.get(reverse("learning:design_import")).status_code == 200
    preview = client.post(reverse("learning:design_import"), {"file": upload(package)})
    page = preview.content.decode()
    assert preview.status_code == 200 and "A new course" in page and "Push and pull" in page
    assert reverse("learning:design_import_confirm") in page and Course.objects.count() == 1
    bad = client.post(reverse("learning:design_import"), {"file": SimpleUploadedFile("x.zip", b"nope")})
    assert bad.status_code == 400 and "x.zip: this is not a zip file." in bad.content.decode()
    done = client.post(reverse("learning:design_import_confirm"), {"file": upload(package)})
    imported = Course.objects.get(package="another-platform-course")
    assert done.status_code == 302 and done["Location"] == reverse("learning:design_course", args=[imported.pk])
    again = client.post(reverse("learning:design_import"), {"file": upload(package)})
    assert "A new version of" in again.content.decode()
    refused = client.post(reverse("learning:design_import_confirm"), {"file": SimpleUploadedFile("x.zip", b"no")})
    assert refused.status_code == 400 and Course.objects.count() == 2
    for url in (reverse("learning:design_import"), reverse("learning:design_import_confirm")):
        assert signed_in(learner).post(url, {"file": upload(package)}).status_code == 403
        assert signed_in(learner).get(url).status_code == 403


def test_api_exports_and_imports_packages(package, course, designer, learner, client):
    designer_api = api_client(designer)
    response = designer_api.get(f"/api/v1/courses/{course.pk}/package/")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert "preventing-radicalisation/course.json" in zipfile.ZipFile(
        io.BytesIO(b"".join(response.streaming_content))).namelist()
    assert api_client(learner).get(f"/api/v1/courses/{course.pk}/package/").status_code == 404
    assert designer_api.get("/api/v1/courses/999999/package/").status_code == 404

    created = designer_api.post("/api/v1/courses/import/", {"file": upload(package)}, format="multipart")
    assert created.status_code == 201 and created.json()["title"] == "Preventing radicalisation"
    again = designer_api.post("/api/v1/courses/import/", {"file": upload(package)}, format="multipart")
    assert again.status_code == 200 and again.json()["id"] == created.json()["id"]
    bad = designer_api.post("/api/v1/courses/import/", {"file": SimpleUploadedFile("x.zip", b"no")},
                            format="multipart")
    assert bad.status_code == 400
    assert bad.json()["error"]["fields"]["non_field_errors"] == ["x.zip: this is not a zip file."]
    assert designer_api.post("/api/v1/courses/import/", {}, format="multipart").status_code == 400
    assert api_client(learner).post("/api/v1/courses/import/", {"file": upload(package)},
                                    format="multipart").status_code == 403
    assert client.post("/api/v1/courses/import/").status_code in (401, 403)
    assert Course.objects.count() == 2
