"""Learning: certificates (shared with events), course design and publication, progress, scenarios and
reflections, quizzes, cohorts, the trainer pathway and pilot feedback."""

import csv
import io
import json
import random
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from modeltranslation.translator import translator

from integra.core import access, audit, limits
from integra.core.access import CHANGE, VIEW
from integra.core.errors import StaleEdit, invalid
from integra.core.notifications import N_, message
from integra.core.services import notification_send

from . import content, selectors
from .models import (
    Audience,
    Block,
    Certificate,
    Cohort,
    Competence,
    CompetenceArea,
    Course,
    CourseEvaluation,
    Enrolment,
    LearningOutcome,
    Lesson,
    LessonFeedback,
    LessonProgress,
    Module,
    OrganisationLearningSettings,
    Question,
    Quiz,
    QuizAnswer,
    QuizAttempt,
    Reflection,
    TrainerObservation,
)
from .policy import DESIGN, REVOKE, RUN_COHORT, SIGN_OFF, may_observe_trainers


def certificate_issue(*, actor, holder, kind: str, title: str, awarded_on, source: str,
                      detail: str = "", hours: int | None = None, issuer=None, language: str = "") -> Certificate:
    """Issue once per source: issuing again returns the valid certificate already there.

    `actor=None` is the platform itself, issuing a course or trainer certificate whose conditions are met (this
    module, after a completion); a person issues only what the policy lets them (events: the event's
    organisers). `title` and `detail` are written in `language` (by default the holder's), the one language its
    PDF is printed in; `issuer` is the organisation that awards it and `hours` the hours it certifies."""
    if actor is not None:
        access.require_create(actor, Certificate, source=source)
    if kind == Certificate.Kind.CERTIFIED_TRAINER and not selectors.trainer_pathway_complete(user=holder):
        raise invalid(_("A trainer is certified only when every step of the trainer pathway is met."))
    existing = Certificate.objects.filter(source=source, revoked_at__isnull=True).first()
    if existing:
        return existing
    with transaction.atomic():
        certificate = Certificate.objects.create(
            kind=kind, holder=holder, holder_name=holder.get_full_name(), title=title, detail=detail,
            awarded_on=awarded_on, source=source, issued_by=actor, hours=hours, issuer=issuer,
            language=language or getattr(holder, "language", "") or "en")
        audit.record(action="learning.certificate.issued", actor=actor, obj=certificate,
                     data={"holder": holder.pk, "source": source, "code": certificate.code})
    return certificate


def certificate_revoke(*, actor, certificate: Certificate, reason: str) -> Certificate:
    """Revoke a certificate (the public verification then says so): designers and the platform administrator
    any, the issuing app's authority its own (events: the event's organisers)."""
    access.require(actor, REVOKE, certificate)
    if not reason.strip():
        raise invalid(_("Give the reason for revoking."), field="reason")
    if certificate.revoked_at:
        raise invalid(_("This certificate was already revoked."))
    with transaction.atomic():
        updated = Certificate.objects.filter(pk=certificate.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now(), revoked_reason=reason.strip())
        if not updated:
            raise invalid(_("This certificate was already revoked."))
        certificate.refresh_from_db()
        audit.record(action="learning.certificate.revoked", actor=actor, obj=certificate,
                     data={"reason": reason.strip()})
    return certificate


def certificate_html(*, certificate: Certificate, verify_url: str) -> str:
    """The certificate as the PDF prints it, all in the certificate's one language (that of its title), with a QR
    code of the public verification page drawn here (segno, an SVG data URI: nothing is fetched)."""
    import segno

    qr = segno.make(verify_url, error="m").svg_data_uri(scale=4, dark="#1b1f24")
    with translation.override(certificate.language or "en"):
        return render_to_string("learning/certificate_pdf.html", {
            "certificate": certificate, "verify_url": verify_url, "qr": qr,
            "language": certificate.language or "en"})


def certificate_pdf(*, actor, certificate: Certificate, verify_url: str) -> bytes:
    """A tagged PDF (PDF/UA-1: structure, language and title for screen readers)."""
    from weasyprint import HTML  # needs the system's Pango; imported only when a PDF is made

    access.require(actor, VIEW, certificate)
    html = certificate_html(certificate=certificate, verify_url=verify_url)
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")


def _first_organisation(user):
    """The organisation a person acts for when the platform names an issuer: their oldest active membership's."""
    from integra.core.models import Membership

    membership = (Membership.objects.active().filter(user=user).select_related("organisation").order_by("id")
                  .first())
    return membership.organisation if membership else None


# --- designing courses --------------------------------------------------------------------------------------------
# Every write of the design pages, the blueprint page and the package importer. Texts are written in the active
# language (as a designer types them); `translations` ({"title": {"fr": "…"}}) writes other languages at once.

TIME_LIMIT_GRACE = selectors.TIME_LIMIT_GRACE

QUESTION_ANSWERS_KEY = {Question.Kind.SINGLE: "choices", Question.Kind.MULTIPLE: "choices",
                        Question.Kind.TRUE_FALSE: "choices", Question.Kind.MATCHING: "pairs",
                        Question.Kind.ORDERING: "items", Question.Kind.SHORT: "answers"}


def _languages() -> set[str]:
    return {code for code, _name in settings.LANGUAGES}


def _translate(obj, translations: dict | None) -> None:
    if not translations:
        return
    translatable = set(translator.get_options_for_model(type(obj)).fields)
    for field, texts in translations.items():
        if field not in translatable:
            raise invalid(_("“%(field)s” is not a translatable field.") % {"field": field})
        for language, text in texts.items():
            if language not in _languages():
                raise invalid(_("“%(language)s” is not a language of the platform.") % {"language": language})
            setattr(obj, f"{field}_{language}", text)


def _texts(obj, field: str) -> dict[str, str]:
    """Every language's text of one field, for audit data and checks."""
    return {code: getattr(obj, f"{field}_{code}") for code in sorted(_languages()) if getattr(obj, f"{field}_{code}")}


def _require_text(obj, field: str, label_field: str | None = None) -> None:
    if not any(str(value).strip() for value in _texts(obj, field).values()):
        raise invalid(_("This field is required."), field=label_field or field)


def _check_order(order: int | None) -> None:
    if order is not None and not 0 <= order <= 32767:
        raise invalid(_("The position must be between 0 and 32767."), field="order")


def _check_audiences(audiences) -> list[str]:
    audiences = list(audiences or [])
    unknown = [a for a in audiences if a not in Audience.values]
    if unknown:
        raise invalid(_("Unknown audience: %(audiences)s.") % {"audiences": ", ".join(map(str, unknown))},
                      field="audiences")
    return audiences


def _check_code(model, code: str, *, current=None) -> str:
    code = (code or "").strip()
    if code and model.objects.filter(code=code).exclude(pk=getattr(current, "pk", None)).exists():
        raise invalid(_("The code “%(code)s” is already used.") % {"code": code}, field="code")
    return code


def _course_fields(actor, course: Course, *, title, summary, audiences, is_train_the_trainer, prerequisite,
                   translations, hours=None) -> None:
    course.title, course.summary = title, summary
    if hours is not None and (isinstance(hours, bool) or not isinstance(hours, int) or not 1 <= hours <= 1000):
        raise invalid(_("The duration is a whole number of hours from 1 to 1000."), field="hours")
    course.hours = hours
    _translate(course, translations)
    _require_text(course, "title")
    course.audiences = _check_audiences(audiences)
    course.is_train_the_trainer = is_train_the_trainer
    if prerequisite is not None and (prerequisite.pk == course.pk or not access.can(actor, VIEW, prerequisite)):
        raise invalid(_("Choose another course to complete first."), field="prerequisite")
    course.prerequisite = prerequisite


def course_create(*, actor, title: str, summary: str = "", audiences=(), is_train_the_trainer: bool = False,
                  prerequisite: Course | None = None, package: str = "", translations: dict | None = None,
                  hours: int | None = None) -> Course:
    """A new course, as a draft (learners see it once it is published)."""
    access.require_create(actor, Course)
    course = Course(created_by=actor)
    _course_fields(actor, course, title=title, summary=summary, audiences=audiences, hours=hours,
                   is_train_the_trainer=is_train_the_trainer, prerequisite=prerequisite, translations=translations)
    if package:
        if Course.objects.filter(package=package).exists():
            raise invalid(_("A course with this package identifier exists already."), field="package")
        course.package = package
    with transaction.atomic():
        course.save()
        audit.record(action="learning.course.created", actor=actor, obj=course,
                     data={"title": _texts(course, "title"), "package": course.package})
    return course


def course_update(*, actor, course: Course, title: str, summary: str = "", audiences=(),
                  is_train_the_trainer: bool = False, prerequisite: Course | None = None,
                  translations: dict | None = None, hours: int | None = None) -> Course:
    access.require(actor, DESIGN, course)
    _course_fields(actor, course, title=title, summary=summary, audiences=audiences, hours=hours,
                   is_train_the_trainer=is_train_the_trainer, prerequisite=prerequisite, translations=translations)
    with transaction.atomic():
        course.version += 1
        course.save()
        audit.record(action="learning.course.changed", actor=actor, obj=course, data={"title": _texts(course, "title")})
    return course


def _module_fields(module: Module, *, title, order, prerequisite, translations) -> None:
    module.title = title
    _translate(module, translations)
    _require_text(module, "title")
    _check_order(order)
    if order is not None:
        module.order = order
    if prerequisite is not None and (prerequisite.course_id != module.course_id or prerequisite.pk == module.pk):
        raise invalid(_("Choose a module of this course."), field="prerequisite")
    module.prerequisite = prerequisite


def module_create(*, actor, course: Course, title: str, order: int | None = None,
                  prerequisite: Module | None = None, translations: dict | None = None) -> Module:
    access.require_create(actor, Module, course=course)
    module = Module(course=course, order=order if order is not None else course.modules.count() + 1)
    _module_fields(module, title=title, order=order, prerequisite=prerequisite, translations=translations)
    with transaction.atomic():
        module.save()
        audit.record(action="learning.module.created", actor=actor, obj=module,
                     data={"course": course.pk, "title": _texts(module, "title")})
    return module


def module_update(*, actor, module: Module, title: str, order: int | None = None,
                  prerequisite: Module | None = None, translations: dict | None = None) -> Module:
    access.require(actor, CHANGE, module)
    _module_fields(module, title=title, order=order, prerequisite=prerequisite, translations=translations)
    with transaction.atomic():
        module.save()
        audit.record(action="learning.module.changed", actor=actor, obj=module, data={"course": module.course_id})
    return module


def _delete(*, actor, obj, action: str, data: dict) -> None:
    access.require(actor, CHANGE, obj)
    with transaction.atomic():
        audit.record(action=action, actor=actor, obj=obj, data=data)
        obj.delete()


def module_delete(*, actor, module: Module) -> None:
    """Removes the module with its lessons and quizzes, and the progress learners made in them."""
    _delete(actor=actor, obj=module, action="learning.module.deleted",
            data={"course": module.course_id, "title": _texts(module, "title")})


def _lesson_fields(lesson: Lesson, *, title, order, required, completion, translations) -> None:
    lesson.title = title
    _translate(lesson, translations)
    _require_text(lesson, "title")
    _check_order(order)
    if order is not None:
        lesson.order = order
    if completion not in Lesson.Completion.values:
        raise invalid(_("Choose how the lesson is completed."), field="completion")
    lesson.required, lesson.completion = required, completion


def _check_outcomes(outcomes) -> list[LearningOutcome]:
    outcomes = list(outcomes or [])
    if any(not isinstance(o, LearningOutcome) for o in outcomes):
        raise invalid(_("Choose learning outcomes of the blueprint."), field="outcomes")
    return outcomes


def lesson_create(*, actor, module: Module, title: str, order: int | None = None, required: bool = True,
                  completion: str = Lesson.Completion.VIEWED, outcomes=(), translations: dict | None = None) -> Lesson:
    access.require_create(actor, Lesson, course=module.course)
    lesson = Lesson(module=module, order=order if order is not None else module.lessons.count() + 1)
    _lesson_fields(lesson, title=title, order=order, required=required, completion=completion,
                   translations=translations)
    outcomes = _check_outcomes(outcomes)
    with transaction.atomic():
        lesson.save()
        lesson.outcomes.set(outcomes)
        audit.record(action="learning.lesson.created", actor=actor, obj=lesson,
                     data={"module": module.pk, "title": _texts(lesson, "title")})
    return lesson


def lesson_update(*, actor, lesson: Lesson, title: str, order: int | None = None, required: bool = True,
                  completion: str = Lesson.Completion.VIEWED, outcomes=(), translations: dict | None = None) -> Lesson:
    access.require(actor, CHANGE, lesson)
    _lesson_fields(lesson, title=title, order=order, required=required, completion=completion,
                   translations=translations)
    outcomes = _check_outcomes(outcomes)
    with transaction.atomic():
        lesson.save()
        lesson.outcomes.set(outcomes)
        audit.record(action="learning.lesson.changed", actor=actor, obj=lesson, data={"module": lesson.module_id})
    return lesson


def lesson_delete(*, actor, lesson: Lesson) -> None:
    _delete(actor=actor, obj=lesson, action="learning.lesson.deleted",
            data={"module": lesson.module_id, "title": _texts(lesson, "title")})


def block_save(*, actor, lesson: Lesson, kind: str, block: Block | None = None, body: str = "", media=None,
               alt_text: str = "", captions=None, transcript: str = "", data: dict | None = None,
               order: int | None = None, translations: dict | None = None) -> Block:
    """Add a block to a lesson (or change `block`). Text is sanitised in every language."""
    if block is None:
        access.require_create(actor, Block, course=lesson.module.course)
    else:
        access.require(actor, CHANGE, block)
    if kind not in Block.Kind.values:
        raise invalid(_("Choose the type of block."), field="kind")
    _check_order(order)
    content.check_media(kind, media)
    content.check_captions(captions)
    if kind == Block.Kind.SCENARIO:
        scenarios = [v for v in [data, *(translations or {}).get("data", {}).values()] if v]
        for scenario in scenarios or [{}]:
            limits.check_json_depth(scenario, field="data")
            content.check_scenario(scenario)
    with transaction.atomic():
        if block is None:
            block = Block(lesson=lesson, order=order if order is not None else lesson.blocks.count())
        elif order is not None:
            block.order = order
        block.kind = kind
        block.body = content.clean_html(body)
        block.alt_text, block.transcript, block.data = alt_text, transcript, data or {}
        _translate(block, translations)
        if kind == Block.Kind.IMAGE and not any(v.strip() for v in _texts(block, "alt_text").values()):
            raise invalid(_("Describe the image in the text alternative (for people who cannot see it)."),
                          field="alt_text")
        if media is not None:
            block.media = media
        if captions is not None:
            block.captions = captions
        block.save()
        audit.record(action="learning.block.saved", actor=actor, obj=block, data={"lesson": lesson.pk, "kind": kind})
    return block


def block_delete(*, actor, block: Block) -> None:
    _delete(actor=actor, obj=block, action="learning.block.deleted",
            data={"lesson": block.lesson_id, "kind": block.kind})


def _quiz_fields(quiz: Quiz, *, title, question_count, pass_mark, attempts_allowed, time_limit_minutes, required,
                 translations) -> None:
    quiz.title = title
    _translate(quiz, translations)
    _require_text(quiz, "title")
    if not 1 <= question_count <= 200:
        raise invalid(_("A quiz asks between 1 and 200 questions."), field="question_count")
    if not 0 <= pass_mark <= 100:
        raise invalid(_("The pass mark is a percentage, from 0 to 100."), field="pass_mark")
    if not 1 <= attempts_allowed <= 100:
        raise invalid(_("Allow at least one attempt."), field="attempts_allowed")
    if time_limit_minutes is not None and not 1 <= time_limit_minutes <= 1440:
        raise invalid(_("The time limit is between 1 minute and 24 hours."), field="time_limit_minutes")
    quiz.question_count, quiz.pass_mark, quiz.attempts_allowed = question_count, pass_mark, attempts_allowed
    quiz.time_limit_minutes, quiz.required = time_limit_minutes, required


def _check_competences(competences) -> list[Competence]:
    competences = list(competences or [])
    if not competences or any(not isinstance(c, Competence) for c in competences):
        raise invalid(_("Choose the competences the questions are drawn from."), field="competences")
    return competences


def quiz_create(*, actor, module: Module, title: str, competences, question_count: int = 5, pass_mark: int = 70,
                attempts_allowed: int = 3, time_limit_minutes: int | None = None, required: bool = True,
                translations: dict | None = None) -> Quiz:
    """A quiz at the end of a module; each attempt draws `question_count` questions from the competences' banks."""
    access.require_create(actor, Quiz, course=module.course)
    return _quiz_save(actor, Quiz(module=module), "learning.quiz.created", title=title, competences=competences,
                      question_count=question_count, pass_mark=pass_mark, attempts_allowed=attempts_allowed,
                      time_limit_minutes=time_limit_minutes, required=required, translations=translations)


def quiz_update(*, actor, quiz: Quiz, title: str, competences, question_count: int = 5, pass_mark: int = 70,
                attempts_allowed: int = 3, time_limit_minutes: int | None = None, required: bool = True,
                translations: dict | None = None) -> Quiz:
    access.require(actor, CHANGE, quiz)
    return _quiz_save(actor, quiz, "learning.quiz.changed", title=title, competences=competences,
                      question_count=question_count, pass_mark=pass_mark, attempts_allowed=attempts_allowed,
                      time_limit_minutes=time_limit_minutes, required=required, translations=translations)


def _quiz_save(actor, quiz: Quiz, audit_action: str, *, competences, **fields) -> Quiz:
    """Validate, then write the quiz and its competences in one transaction with its audit event (the caller
    has checked the policy)."""
    _quiz_fields(quiz, **fields)
    competences = _check_competences(competences)
    with transaction.atomic():
        quiz.save()
        quiz.competences.set(competences)
        audit.record(action=audit_action, actor=actor, obj=quiz,
                     data={"module": quiz.module_id, "competences": [c.pk for c in competences]})
    return quiz


def quiz_delete(*, actor, quiz: Quiz) -> None:
    _delete(actor=actor, obj=quiz, action="learning.quiz.deleted", data={"module": quiz.module_id})


# --- the blueprint and the question bank ---


def competence_area_create(*, actor, title: str, description: str = "", order: int = 0,
                           translations: dict | None = None) -> CompetenceArea:
    access.require_create(actor, CompetenceArea)
    area = CompetenceArea(title=title, description=description)
    _translate(area, translations)
    _require_text(area, "title")
    _check_order(order)
    area.order = order
    with transaction.atomic():
        area.save()
        audit.record(action="learning.competence_area.created", actor=actor, obj=area,
                     data={"title": _texts(area, "title")})
    return area


def competence_create(*, actor, area: CompetenceArea, title: str, description: str = "", audiences=(),
                      order: int = 0, code: str = "", translations: dict | None = None) -> Competence:
    access.require_create(actor, Competence)
    competence = Competence(area=area, title=title, description=description)
    _translate(competence, translations)
    _require_text(competence, "title")
    competence.audiences = _check_audiences(audiences)
    _check_order(order)
    competence.order = order
    code = _check_code(Competence, code)
    if code:
        competence.code = code
    with transaction.atomic():
        competence.save()
        audit.record(action="learning.competence.created", actor=actor, obj=competence,
                     data={"area": area.pk, "competence": competence.code, "title": _texts(competence, "title")})
    return competence


def outcome_create(*, actor, competence: Competence, text: str, order: int = 0, code: str = "",
                   translations: dict | None = None) -> LearningOutcome:
    access.require_create(actor, LearningOutcome)
    outcome = LearningOutcome(competence=competence, text=text)
    _translate(outcome, translations)
    _require_text(outcome, "text")
    _check_order(order)
    outcome.order = order
    code = _check_code(LearningOutcome, code)
    if code:
        outcome.code = code
    with transaction.atomic():
        outcome.save()
        audit.record(action="learning.outcome.created", actor=actor, obj=outcome,
                     data={"competence": competence.pk, "outcome": outcome.code, "text": _texts(outcome, "text")})
    return outcome


def _check_answers(kind: str, data) -> None:
    """The answers of one question in one language: what its type needs, and one right answer where only one
    can be right."""
    needed = QUESTION_ANSWERS_KEY.get(kind)
    if needed is None:
        raise invalid(_("Choose the type of question."), field="kind")
    if not isinstance(data, dict) or not isinstance(data.get(needed), list) or not data[needed]:
        raise invalid(_("This type of question needs “%(key)s”.") % {"key": needed}, field="data")
    entries = data[needed]
    if needed == "choices":
        if any(not isinstance(c, dict) or not str(c.get("text", "")).strip() for c in entries):
            raise invalid(_("Every choice needs a text."), field="data")
        correct = sum(1 for c in entries if c.get("correct") is True)
        if kind in {Question.Kind.SINGLE, Question.Kind.TRUE_FALSE} and correct != 1:
            raise invalid(_("Mark exactly one choice as correct."), field="data")
        if kind == Question.Kind.MULTIPLE and correct < 1:
            raise invalid(_("Mark at least one choice as correct."), field="data")
    elif needed == "pairs":
        if any(not isinstance(p, dict) or not str(p.get("left", "")).strip() or not str(p.get("right", "")).strip()
               for p in entries):
            raise invalid(_("Every pair needs a left and a right side."), field="data")
    elif any(not isinstance(item, str) or not item.strip() for item in entries):
        raise invalid(_("Every item needs a text."), field="data")


def _answers_shape(kind: str, data: dict):
    """What must be the same in every language for scoring to agree: which choices are right, how many pairs or
    items."""
    needed = QUESTION_ANSWERS_KEY[kind]
    if needed == "choices":
        return [c.get("correct") is True for c in data["choices"]]
    if needed == "answers":
        return None
    return len(data[needed])


def _question_fields(question: Question, *, competence, outcome, kind, text, data, feedback, translations) -> None:
    if not isinstance(competence, Competence):
        raise invalid(_("Choose the competence the question tests."), field="competence")
    if outcome is not None and outcome.competence_id != competence.pk:
        raise invalid(_("Choose a learning outcome of this competence."), field="outcome")
    question.competence, question.outcome, question.kind = competence, outcome, kind
    question.text, question.data, question.feedback = text, data, feedback
    _translate(question, translations)
    _require_text(question, "text")
    variants = [v for v in (getattr(question, f"data_{code}") for code in sorted(_languages())) if v]
    if not variants:
        raise invalid(_("This type of question needs “%(key)s”.") % {"key": QUESTION_ANSWERS_KEY.get(kind, "")},
                      field="data")
    for variant in variants:
        _check_answers(kind, variant)
    if len({json.dumps(_answers_shape(kind, variant)) for variant in variants}) > 1:
        raise invalid(_("The answers differ between languages: every language needs the same right answers."),
                      field="data")


def question_create(*, actor, competence: Competence, kind: str, text: str, data: dict,
                    outcome: LearningOutcome | None = None, feedback: str = "",
                    translations: dict | None = None) -> Question:
    """A question of a competence's bank (quizzes draw from the banks of their competences)."""
    access.require_create(actor, Question)
    question = Question()
    _question_fields(question, competence=competence, outcome=outcome, kind=kind, text=text, data=data,
                     feedback=feedback, translations=translations)
    with transaction.atomic():
        question.save()
        audit.record(action="learning.question.created", actor=actor, obj=question,
                     data={"competence": competence.pk, "kind": kind})
    return question


def question_update(*, actor, question: Question, competence: Competence, kind: str, text: str, data: dict,
                    outcome: LearningOutcome | None = None, feedback: str = "",
                    translations: dict | None = None) -> Question:
    access.require(actor, CHANGE, question)
    _question_fields(question, competence=competence, outcome=outcome, kind=kind, text=text, data=data,
                     feedback=feedback, translations=translations)
    with transaction.atomic():
        question.save()
        audit.record(action="learning.question.changed", actor=actor, obj=question,
                     data={"competence": competence.pk, "kind": kind})
    return question


def course_publish(*, actor, course: Course) -> Course:
    """Publish a new version. Learners in progress keep what they completed (progress is per lesson)."""
    access.require(actor, DESIGN, course)
    problems = selectors.publication_problems(actor=actor, course=course)
    if problems:
        raise invalid(" ".join(problems), code="not_publishable")
    with transaction.atomic():
        Course.objects.filter(pk=course.pk).update(status=Course.Status.PUBLISHED, published_at=timezone.now(),
                                                   published_version=course.published_version + 1)
        course.refresh_from_db()
        audit.record(action="learning.course.published", actor=actor, obj=course,
                     data={"version": course.published_version})
    return course


# --- learning ---------------------------------------------------------------------------------------------------------


def enrolment_create(*, actor, course: Course, user=None, cohort: Cohort | None = None) -> Enrolment:
    """Enrol oneself in a published course, or (trainers) someone into a cohort they run.

    Enrolling again into the same place changes nothing. An enrolment is never moved here: someone already
    enrolled in the course elsewhere (on their own or in another cohort) is refused; moving is
    `enrolment_move`, which both cohorts' trainers must be able to do."""
    user = user or actor
    access.require_create(actor, Enrolment, user=user, cohort=cohort, course=course)
    if not access.can(actor, VIEW, course) or course.status != Course.Status.PUBLISHED:
        raise invalid(_("This course is not open for enrolment."))
    if cohort is not None and cohort.course_id != course.pk:
        raise invalid(_("This cohort follows another course."))
    existing = Enrolment.objects.filter(user=user, course=course).first()
    if existing is not None:
        if cohort is None or existing.cohort_id == cohort.pk:
            return existing
        raise invalid(_("%(person)s is already enrolled in this course.") % {"person": user}, code="enrolled")
    if course.prerequisite_id and not Enrolment.objects.filter(user=user, course_id=course.prerequisite_id,
                                                               completed_at__isnull=False).exists():
        raise invalid(_("Complete “%(course)s” first.") % {"course": course.prerequisite.title})
    with transaction.atomic():
        enrolment, created = Enrolment.objects.get_or_create(
            user=user, course=course, defaults={"cohort": cohort, "course_version": course.published_version})
        if not created:  # enrolled at the same moment by another request
            if cohort is None or enrolment.cohort_id == cohort.pk:
                return enrolment
            raise invalid(_("%(person)s is already enrolled in this course.") % {"person": user}, code="enrolled")
        audit.record(action="learning.enrolment.created", actor=actor, obj=enrolment,
                     organisation=getattr(cohort, "organisation_id", None),
                     data={"course": course.pk, "user": user.pk, "cohort": getattr(cohort, "pk", None)})
    return enrolment


def enrolment_move(*, actor, enrolment: Enrolment, cohort: Cohort) -> Enrolment:
    """Move an enrolment, with everything the learner did in it, into another cohort of the same course. Whoever
    moves it must run both cohorts (an enrolment outside any cohort is the learner's: only they may bring it
    into a cohort, and only into one they run). The learner and the trainer of the cohort left are told."""
    source = enrolment.cohort
    if source is None:
        access.require(actor, CHANGE, enrolment)
    else:
        access.require(actor, RUN_COHORT, source)
    access.require(actor, RUN_COHORT, cohort)
    if cohort.course_id != enrolment.course_id:
        raise invalid(_("This cohort follows another course."), field="cohort")
    if source is not None and source.pk == cohort.pk:
        raise invalid(_("%(person)s is already in this cohort.") % {"person": enrolment.user}, field="cohort")
    with transaction.atomic():
        updated = Enrolment.objects.filter(pk=enrolment.pk, cohort=source).update(cohort=cohort)
        if not updated:
            raise StaleEdit
        enrolment.cohort = cohort
        audit.record(action="learning.enrolment.moved", actor=actor, obj=enrolment, organisation=cohort.organisation_id,
                     data={"user": enrolment.user_id, "course": enrolment.course_id,
                           "from_cohort": getattr(source, "pk", None), "to_cohort": cohort.pk})
    learner = enrolment.user
    notification_send(recipients=[learner],
                      title=message(N_("You are now in the cohort “%(cohort)s”"), cohort=cohort.name),
                      body=message(N_("Your progress in “%(course)s” comes with you."), course=cohort.course.title),
                      url=reverse("learning:course", args=[cohort.course_id]))
    if source is not None and source.trainer_id not in {actor.pk, cohort.trainer_id}:
        notification_send(recipients=[source.trainer],
                          title=message(N_("%(person)s left your cohort “%(cohort)s”"), person=learner,
                                        cohort=source.name),
                          body=message(N_("Moved into the cohort “%(cohort)s” by %(trainer)s."), cohort=cohort.name,
                                       trainer=actor),
                          url=reverse("learning:cohort", args=[source.pk]))
    return enrolment


def _enrolment(actor, course) -> Enrolment:
    enrolment = selectors.enrolment_of(actor=actor, course=course)
    if enrolment is None:
        raise invalid(_("Enrol in the course first."))
    access.require(actor, CHANGE, enrolment)  # what a learner does is recorded in their own enrolment only
    return enrolment


def lesson_open(*, actor, lesson: Lesson) -> Enrolment:
    """The learner opens a lesson: it must be unlocked; we remember where they are ("continue")."""
    access.require(actor, VIEW, lesson)
    enrolment = _enrolment(actor, lesson.module.course)
    if not selectors.module_unlocked(enrolment=enrolment, module=lesson.module):
        raise invalid(_("This module unlocks when you have completed “%(module)s”.")
                      % {"module": lesson.module.prerequisite.title}, code="locked")
    now = timezone.now()
    if enrolment.last_lesson_id != lesson.pk or not enrolment.last_seen_at or \
            now - enrolment.last_seen_at > timedelta(minutes=5):  # spare the database a write on every page view
        Enrolment.objects.filter(pk=enrolment.pk).update(last_lesson=lesson, last_seen_at=now)
    return enrolment


def lesson_complete(*, actor, lesson: Lesson) -> LessonProgress:
    """Mark a lesson done. Safe to send again (a dropped connection, a double click): nothing changes twice."""
    enrolment = lesson_open(actor=actor, lesson=lesson)
    if lesson.completion == Lesson.Completion.REFLECTION and not Reflection.objects.filter(
            enrolment=enrolment, block__lesson=lesson).exists():
        raise invalid(_("Answer the reflection question to complete this lesson."))
    if lesson.completion == Lesson.Completion.SCENARIO:
        progress = LessonProgress.objects.filter(enrolment=enrolment, lesson=lesson).first()
        if not progress or not progress.scenario_path or not _scenario_finished(lesson, progress.scenario_path):
            raise invalid(_("Finish the scenario to complete this lesson."))
    return _complete(enrolment, lesson)


def _complete(enrolment, lesson) -> LessonProgress:
    with transaction.atomic():
        progress, _created = LessonProgress.objects.get_or_create(enrolment=enrolment, lesson=lesson)
        if progress.completed_at is None:
            LessonProgress.objects.filter(pk=progress.pk, completed_at__isnull=True).update(
                completed_at=timezone.now())
            progress.refresh_from_db()
            _check_course_completion(enrolment)
    return progress


def _scenario_finished(lesson, path) -> bool:
    scenario = lesson.blocks.filter(kind=Block.Kind.SCENARIO).first()
    return scenario is not None and bool(path) and content.is_final_step(scenario.data, path[-1]["next"] or "")


def scenario_choose(*, actor, block: Block, step: str, choice: int) -> dict:
    """Take one choice of a branching scenario; returns the chosen option (with its feedback) and the next step."""
    if block.kind != Block.Kind.SCENARIO:
        raise invalid(_("This is not a scenario."))
    enrolment = lesson_open(actor=actor, lesson=block.lesson)
    steps = block.data.get("steps", {})
    options = steps.get(step, {}).get("choices", [])
    if not 0 <= choice < len(options):
        raise invalid(_("This choice is not part of the scenario."))
    option = options[choice]
    with transaction.atomic():
        progress, _created = LessonProgress.objects.get_or_create(enrolment=enrolment, lesson=block.lesson)
        path = list(progress.scenario_path)
        if step == block.data.get("start"):  # (re)starting from the beginning
            path = []
        elif not path or path[-1]["next"] != step:
            raise invalid(_("Take the scenario step by step from where you are."), code="scenario_order")
        path.append({"step": step, "choice": choice, "next": option.get("next") or ""})
        LessonProgress.objects.filter(pk=progress.pk).update(scenario_path=path)
    if not option.get("next") or content.is_final_step(block.data, option["next"]):
        if block.lesson.completion == Lesson.Completion.SCENARIO:
            _complete(enrolment, block.lesson)
    return {"option": option, "next": option.get("next") or ""}


def reflection_save(*, actor, block: Block, text: str) -> Reflection:
    if block.kind != Block.Kind.REFLECTION:
        raise invalid(_("This is not a reflection prompt."))
    if not text.strip():
        raise invalid(_("Write your reflection before saving."), field="text")
    enrolment = lesson_open(actor=actor, lesson=block.lesson)
    reflection, _created = Reflection.objects.update_or_create(
        enrolment=enrolment, block=block, defaults={"text": text.strip(), "updated_at": timezone.now()})
    if block.lesson.completion == Lesson.Completion.REFLECTION:
        _complete(enrolment, block.lesson)
    return reflection


def _check_course_completion(enrolment: Enrolment) -> None:
    course = enrolment.course
    if enrolment.completed_at or not all(selectors.module_done(enrolment=enrolment, module=m)
                                         for m in course.modules.all()):
        return
    Enrolment.objects.filter(pk=enrolment.pk).update(completed_at=timezone.now())
    enrolment.refresh_from_db()
    language = enrolment.user.language or "en"
    with translation.override(language):
        title = course.title
    # Awarded by the organisation that ran the learner's cohort, or else by the course's author's.
    issuer = enrolment.cohort.organisation if enrolment.cohort_id else (
        _first_organisation(course.created_by) if course.created_by_id else None)
    certificate = certificate_issue(actor=None, holder=enrolment.user, kind=Certificate.Kind.COURSE_COMPLETION,
                                    title=title, awarded_on=timezone.localdate(), hours=course.hours,
                                    issuer=issuer, language=language,
                                    source=f"learning.enrolment:{enrolment.pk}")
    Enrolment.objects.filter(pk=enrolment.pk).update(certificate=certificate)
    audit.record(action="learning.course.completed", actor=enrolment.user, obj=enrolment, data={"course": course.pk})
    notification_send(recipients=[enrolment.user],
                      title=message(N_("You completed “%(course)s”"), course=course.title),
                      body=message(N_("Your certificate is ready.")), url=reverse("learning:my_certificates"))
    trainer_pathway_check(user=enrolment.user)


# --- quizzes ---------------------------------------------------------------------------------------------------------


def quiz_start(*, actor, quiz: Quiz) -> QuizAttempt:
    """Start an attempt (or return the one still open): its questions are drawn from the quiz's bank."""
    access.require(actor, VIEW, quiz)
    open_attempt = selectors.open_attempt(actor=actor, quiz=quiz)
    problem = selectors.quiz_start_problem(actor=actor, quiz=quiz, open_attempt=open_attempt)
    if problem is not None:
        raise problem
    if open_attempt:
        return open_attempt
    enrolment = _enrolment(actor, quiz.module.course)
    access.require_create(actor, QuizAttempt, enrolment=enrolment)
    bank = list(Question.objects.filter(competence__in=quiz.competences.all()).values_list("pk", flat=True))
    drawn = random.SystemRandom().sample(bank, min(quiz.question_count, len(bank)))
    now = timezone.now()
    deadline = now + timedelta(minutes=quiz.time_limit_minutes) if quiz.time_limit_minutes else None
    return QuizAttempt.objects.create(enrolment=enrolment, quiz=quiz, question_ids=drawn, started_at=now,
                                      deadline=deadline)


def score_answer(question: Question, response) -> bool:
    """Correct in the language the learner answered in, whichever it was (they may switch language mid-quiz)."""
    variants = [getattr(question, f"data_{code}", None) for code, _name in settings.LANGUAGES]
    return any(_score(question.kind, data, response) for data in [question.data, *variants] if data)


def _score(kind: str, data: dict, response) -> bool:
    try:
        if kind in {Question.Kind.SINGLE, Question.Kind.TRUE_FALSE}:
            correct = [i for i, c in enumerate(data.get("choices", [])) if c.get("correct")]
            return [int(r) for r in response] == correct
        if kind == Question.Kind.MULTIPLE:
            correct = {i for i, c in enumerate(data.get("choices", [])) if c.get("correct")}
            return {int(r) for r in response} == correct
        if kind == Question.Kind.MATCHING:
            pairs = data.get("pairs", [])
            return len(response) == len(pairs) and all(str(r) == p["right"] for r, p in zip(response, pairs,
                                                                                         strict=True))
        if kind == Question.Kind.ORDERING:
            return [str(r) for r in response] == list(data.get("items", []))
        if kind == Question.Kind.SHORT:
            given = " ".join(str(response[0] if response else "").split()).casefold()
            return given in {" ".join(a.split()).casefold() for a in data.get("answers", [])}
    except (TypeError, ValueError, KeyError):
        return False
    return False


def quiz_submit(*, actor, attempt: QuizAttempt, responses: dict) -> QuizAttempt:
    """`responses`: {question id: list of chosen values}. Refused, changing nothing, when it is late, a second
    submission, or answers a question that is not in this attempt."""
    access.require(actor, CHANGE, attempt)
    if attempt.submitted_at:
        raise invalid(_("This attempt was already submitted."), code="already_submitted")
    if attempt.deadline and timezone.now() > attempt.deadline + TIME_LIMIT_GRACE:
        raise invalid(_("The time limit of this quiz has passed; the answers were not accepted."), code="late")
    foreign = set(map(int, responses)) - set(attempt.question_ids)
    if foreign:
        raise invalid(_("An answer refers to a question that is not in this attempt."), code="foreign_question")
    questions = {q.pk: q for q in Question.objects.filter(pk__in=attempt.question_ids)}
    rows = []
    for question_id in attempt.question_ids:
        response = responses.get(question_id) or responses.get(str(question_id)) or []
        response = response if isinstance(response, list) else [response]
        rows.append(QuizAnswer(attempt=attempt, question=questions[question_id], response=response,
                               correct=score_answer(questions[question_id], response)))
    score = round(100 * sum(r.correct for r in rows) / len(rows)) if rows else 0
    with transaction.atomic():
        updated = QuizAttempt.objects.filter(pk=attempt.pk, submitted_at__isnull=True).update(
            submitted_at=timezone.now(), score=score, passed=score >= attempt.quiz.pass_mark)
        if not updated:
            raise invalid(_("This attempt was already submitted."), code="already_submitted")
        QuizAnswer.objects.bulk_create(rows)
        attempt.refresh_from_db()
        audit.record(action="learning.quiz.submitted", actor=actor, obj=attempt,
                     data={"quiz": attempt.quiz_id, "score": score})
        _check_course_completion(attempt.enrolment)
    return attempt


# --- cohorts ----------------------------------------------------------------------------------------------------------


def cohort_create(*, actor, course: Course, name: str, organisation, language: str, starts_on, ends_on) -> Cohort:
    """A cohort of an organisation where the actor is a trainer, who then leads it."""
    access.require_create(actor, Cohort, organisation=organisation, course=course)
    settings_row = OrganisationLearningSettings.objects.filter(organisation=organisation).first()
    if settings_row and settings_row.require_certified_trainers and not selectors.is_certified_trainer(user=actor):
        raise invalid(_("Your organisation requires certified trainers to run cohorts. Complete the trainer "
                        "pathway first."))
    if ends_on < starts_on:
        raise invalid(_("The cohort ends before it starts."), field="ends_on")
    if course.status != Course.Status.PUBLISHED or not access.can(actor, VIEW, course):
        raise invalid(_("Only published courses can have cohorts."), field="course")
    with transaction.atomic():
        cohort = Cohort.objects.create(course=course, name=name, trainer=actor, organisation=organisation,
                                       language=language, starts_on=starts_on, ends_on=ends_on)
        audit.record(action="learning.cohort.created", actor=actor, organisation=organisation, obj=cohort)
    return cohort


def _active_person(email: str):
    return get_user_model().objects.filter(email__iexact=email.strip(), is_active=True).first()


def cohort_enrol(*, actor, cohort: Cohort, email: str) -> Enrolment:
    """Enrol the person with this e-mail address into the cohort."""
    access.require(actor, RUN_COHORT, cohort)
    user = _active_person(email)
    if user is None:
        raise invalid(_("No active account has this e-mail address."), field="email")
    return enrolment_create(actor=actor, course=cohort.course, user=user, cohort=cohort)


def cohort_move_in(*, actor, cohort: Cohort, email: str) -> Enrolment:
    """Bring the person with this e-mail address, enrolled in another cohort the actor runs, into this one."""
    access.require(actor, RUN_COHORT, cohort)
    user = _active_person(email)
    enrolment = None
    if user is not None:
        enrolment = access.visible(actor, Enrolment).filter(user=user, course_id=cohort.course_id)\
            .select_related("cohort", "user", "course").first()
    if enrolment is None or (enrolment.cohort_id is not None and
                             not access.can(actor, RUN_COHORT, enrolment.cohort)):
        raise invalid(_("This person is not enrolled in this course in a cohort you run."), field="email")
    return enrolment_move(actor=actor, enrolment=enrolment, cohort=cohort)


CSV_COLUMNS = ["email"]


def cohort_csv_preview(*, actor, cohort: Cohort, text: str) -> tuple[list[dict], bool]:
    """Check an enrolment CSV (a column "email"): one row per line with its person or its error."""
    access.require(actor, RUN_COHORT, cohort)
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    columns = [c.strip().lower() for c in (reader.fieldnames or [])]
    if "email" not in columns:
        raise invalid(_("The file needs a column named “email” (found: %(columns)s).")
                      % {"columns": ", ".join(columns) or _("none")}, field="file")
    lines = [(number, (dict(zip(columns, raw.values(), strict=False)).get("email") or "").strip().lower())
             for number, raw in enumerate(reader, start=2)]
    emails = {email for _number, email in lines if email}
    users = {u.email.lower(): u for u in get_user_model().objects.filter(is_active=True, email__in=emails)}
    enrolled = {e.lower() for e in Enrolment.objects.filter(course=cohort.course, user__email__in=emails)
                .values_list("user__email", flat=True)}
    rows, seen = [], set()
    for number, email in lines:
        user = users.get(email)
        error = ""
        if not email:
            error = _("empty e-mail")
        elif user is None:
            error = _("no account with this e-mail address")
        elif email in seen:
            error = _("listed twice")
        elif email in enrolled:
            error = _("already enrolled in this course")
        seen.add(email)
        rows.append({"line": number, "email": email, "user": user, "error": error})
    return rows, all(not r["error"] for r in rows) and bool(rows)


def cohort_csv_enrol(*, actor, cohort: Cohort, text: str) -> int:
    rows, ok = cohort_csv_preview(actor=actor, cohort=cohort, text=text)
    if not ok:
        raise invalid(_("Nothing was enrolled: correct the rows marked with an error and upload again."),
                      field="file")
    with transaction.atomic():
        for row in rows:
            enrolment_create(actor=actor, course=cohort.course, user=row["user"], cohort=cohort)
    return len(rows)


def cohort_message(*, actor, cohort: Cohort, subject: str, body: str) -> int:
    access.require(actor, RUN_COHORT, cohort)
    if not subject.strip() or not body.strip():
        raise invalid(_("Write a subject and a message."))
    learners = [e.user for e in access.visible(actor, Enrolment).filter(cohort=cohort).select_related("user")]
    audit.record(action="learning.cohort.messaged", actor=actor, organisation=cohort.organisation_id, obj=cohort,
                 data={"recipients": len(learners)})
    notification_send(recipients=learners, title=subject, body=body,
                      url=reverse("learning:course", args=[cohort.course_id]))
    return len(learners)


# --- train-the-trainer -----------------------------------------------------------------------------------------------


def observation_request(*, actor, session_title: str, delivered_on, observer) -> TrainerObservation:
    access.require_create(actor, TrainerObservation, observer=observer)
    if not may_observe_trainers(observer):
        raise invalid(_("The observer must be a certified trainer or a curriculum designer."), field="observer")
    if observer.pk == actor.pk:
        raise invalid(_("Someone else must observe your session."), field="observer")
    if TrainerObservation.objects.filter(candidate=actor, signed_off_at__isnull=True).exists():
        raise invalid(_("You already have a request waiting for sign-off."))
    with transaction.atomic():
        observation = TrainerObservation.objects.create(candidate=actor, observer=observer,
                                                        session_title=session_title, delivered_on=delivered_on)
        audit.record(action="learning.observation.requested", actor=actor, obj=observation,
                     data={"observer": observer.pk})
    notification_send(recipients=[observer], title=message(N_("%(person)s asks you to sign off an observed session"),
                                                           person=actor), url=reverse("learning:trainer"))
    return observation


def observation_request_by_email(*, actor, session_title: str, delivered_on, observer_email: str
                                 ) -> TrainerObservation:
    """`observation_request` for the observer with this e-mail address (the trainer pathway page)."""
    observer = get_user_model().objects.filter(email__iexact=observer_email.strip()).first()
    if observer is None:
        access.require_create(actor, TrainerObservation)
        raise invalid(_("No account has this e-mail address."), field="observer")
    return observation_request(actor=actor, session_title=session_title, delivered_on=delivered_on,
                               observer=observer)


def observation_sign_off(*, actor, observation: TrainerObservation, notes: str = "") -> TrainerObservation:
    access.require(actor, SIGN_OFF, observation)
    if observation.signed_off_at:
        raise invalid(_("This session was already signed off."))
    with transaction.atomic():
        updated = TrainerObservation.objects.filter(pk=observation.pk, signed_off_at__isnull=True).update(
            signed_off_at=timezone.now(), notes=notes)
        if not updated:
            raise invalid(_("This session was already signed off."))
        observation.refresh_from_db()
        audit.record(action="learning.observation.signed_off", actor=actor, obj=observation,
                     data={"candidate": observation.candidate_id})
        trainer_pathway_check(user=observation.candidate)
    return observation


def trainer_pathway_check(*, user) -> Certificate | None:
    """Certify the user (the platform issues it) once the pathway is complete; nothing otherwise."""
    status = selectors.trainer_pathway(actor=user)
    if status["certified"] or not status["complete"]:
        return None
    language = user.language or "en"
    with translation.override(language):
        title = str(_("INTEGRA certified trainer"))
    # The hours of the courses of the pathway; awarded by the organisation of whoever signed off the session.
    ttt = list(Course.objects.filter(is_train_the_trainer=True, status=Course.Status.PUBLISHED,
                                     enrolments__user=user, enrolments__completed_at__isnull=False)
               .select_related("prerequisite"))
    pathway = {c.pk: c for c in ttt} | {c.prerequisite_id: c.prerequisite for c in ttt if c.prerequisite_id}
    hours = sum(c.hours or 0 for c in pathway.values()) or None
    observation = (TrainerObservation.objects.filter(candidate=user, signed_off_at__isnull=False)
                   .select_related("observer").order_by("-signed_off_at").first())
    issuer = _first_organisation(observation.observer) if observation and observation.observer else None
    return certificate_issue(actor=None, holder=user, kind=Certificate.Kind.CERTIFIED_TRAINER, title=title,
                             awarded_on=timezone.localdate(), hours=hours, issuer=issuer, language=language,
                             source=f"learning.trainer:{user.pk}")


# --- piloting ---------------------------------------------------------------------------------------------------------


def lesson_feedback_save(*, actor, lesson: Lesson, useful: bool | None, clear: bool | None, comment: str = ""):
    access.require(actor, VIEW, lesson)
    enrolment = _enrolment(actor, lesson.module.course)
    access.require_create(actor, LessonFeedback, enrolment=enrolment)
    feedback, _created = LessonFeedback.objects.update_or_create(
        enrolment=enrolment, lesson=lesson,
        defaults={"useful": useful, "clear": clear, "comment": comment.strip(),
                  "course_version": lesson.module.course.published_version})
    return feedback


def course_evaluation_submit(*, actor, course: Course, rating: int, would_recommend: bool | None,
                             comment: str = "") -> CourseEvaluation:
    access.require(actor, VIEW, course)
    enrolment = _enrolment(actor, course)
    access.require_create(actor, CourseEvaluation, enrolment=enrolment)
    if not 1 <= rating <= 5:
        raise invalid(_("Ratings go from 1 to 5."), field="rating")
    if CourseEvaluation.objects.filter(enrolment=enrolment).exists():
        raise invalid(_("You have already evaluated this course. Thank you!"))
    with transaction.atomic():
        evaluation = CourseEvaluation.objects.create(enrolment=enrolment, rating=rating,
                                                     would_recommend=would_recommend, comment=comment.strip(),
                                                     course_version=course.published_version)
        audit.record(action="learning.evaluation.submitted", actor=actor, obj=evaluation,
                     data={"course": course.pk, "rating": rating})
    return evaluation


# --- organisations' settings --------------------------------------------------------------------------------------


def learning_settings_save(*, actor, organisation, require_certified_trainers: bool) -> OrganisationLearningSettings:
    access.require_create(actor, OrganisationLearningSettings, organisation=organisation)
    with transaction.atomic():
        row, _created = OrganisationLearningSettings.objects.update_or_create(
            organisation=organisation, defaults={"require_certified_trainers": require_certified_trainers})
        audit.record(action="learning.settings.changed", actor=actor, organisation=organisation, obj=row,
                     data={"require_certified_trainers": require_certified_trainers})
    return row
