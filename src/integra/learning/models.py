"""Certificates: one mechanism for course completions, trainer certification and event attendance.

(The courses, cohorts and competences of the learning programme will live here too.)"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integra.core.fields import EncryptedTextField

# No 0/O, 1/I/L: codes are read aloud and typed from paper.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
ORDER_HELP = _("Position in the list: lower numbers come first.")


def new_verification_code() -> str:
    return "-".join("".join(secrets.choice(CODE_ALPHABET) for _ in range(4)) for _ in range(3))


class Certificate(models.Model):
    class Kind(models.TextChoices):
        EVENT_ATTENDANCE = "event_attendance", _("Certificate of attendance")
        COURSE_COMPLETION = "course_completion", _("Course completion")
        CERTIFIED_TRAINER = "certified_trainer", _("Certified trainer")

    code = models.CharField(_("verification code"), max_length=14, unique=True, default=new_verification_code,
                            editable=False)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    holder = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("holder"), on_delete=models.PROTECT,
                               related_name="certificates")
    holder_name = models.CharField(_("holder's name"), max_length=200)
    title = models.CharField(_("for"), max_length=300, help_text=_("The event or course the certificate is for."))
    detail = models.CharField(_("details"), max_length=300, blank=True)
    awarded_on = models.DateField(_("date"))
    hours = models.PositiveSmallIntegerField(_("hours"), null=True, blank=True,
                                             help_text=_("The hours of learning or attendance it certifies."))
    issuer = models.ForeignKey("core.Organisation", verbose_name=_("issuing organisation"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="en",
                                help_text=_("The language its title is written in; the PDF is printed in it."))
    source = models.CharField(_("issued for"), max_length=100,
                              help_text=_("What it was issued for, e.g. events.registration:12."))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("issued by"), null=True,
                                  on_delete=models.SET_NULL, related_name="+")
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.CharField(_("reason for revoking"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at"]
        constraints = [models.UniqueConstraint(fields=["source"], condition=models.Q(revoked_at__isnull=True),
                                               name="one_valid_certificate_per_source")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.code}"

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None


# --- the competences blueprint -------------------------------------------------------------------------------------


def new_blueprint_code() -> str:
    """A code for a competence or outcome whose designer gave none. Codes let course packages refer to the
    blueprint across platforms (the demo's are C11, O111...)."""
    return f"x-{secrets.token_hex(4)}"


class Audience(models.TextChoices):
    PRISON = "prison", _("Prison staff")
    PROBATION = "probation", _("Probation staff")
    COMMUNITY = "community", _("Community organisations")
    TRAINERS = "trainers", _("Trainers")
    MENTORS = "mentors", _("Mentors")


class CompetenceArea(models.Model):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=ORDER_HELP)

    class Meta:
        verbose_name = _("competence area")
        verbose_name_plural = _("competence areas")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title


class Competence(models.Model):
    area = models.ForeignKey(CompetenceArea, verbose_name=_("area"), on_delete=models.CASCADE,
                             related_name="competences")
    code = models.CharField(_("code"), max_length=40, unique=True, default=new_blueprint_code,
                            help_text=_("A short code course packages use to refer to it, e.g. C11."))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    audiences = models.JSONField(_("audiences"), default=list)
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=ORDER_HELP)

    class Meta:
        verbose_name = _("competence")
        verbose_name_plural = _("competences")
        ordering = ["area__order", "order", "id"]

    def __str__(self) -> str:
        return self.title


class LearningOutcome(models.Model):
    competence = models.ForeignKey(Competence, verbose_name=_("competence"), on_delete=models.CASCADE,
                                   related_name="outcomes")
    code = models.CharField(_("code"), max_length=40, unique=True, default=new_blueprint_code,
                            help_text=_("A short code course packages use to refer to it, e.g. O111."))
    text = models.CharField(_("learning outcome"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=ORDER_HELP)

    class Meta:
        verbose_name = _("learning outcome")
        verbose_name_plural = _("learning outcomes")
        ordering = ["competence__order", "order", "id"]

    def __str__(self) -> str:
        return self.text


# --- courses -------------------------------------------------------------------------------------------------------


def new_package_id() -> str:
    return str(uuid.uuid4())


class Course(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    audiences = models.JSONField(_("audiences"), default=list)
    is_train_the_trainer = models.BooleanField(_("train-the-trainer course"), default=False)
    prerequisite = models.ForeignKey("self", verbose_name=_("course to complete first"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    hours = models.PositiveSmallIntegerField(_("duration (hours)"), null=True, blank=True,
                                             help_text=_("About how long the course takes; certificates state it."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_version = models.PositiveIntegerField(
        _("published version"), default=0, help_text=_("Increases with each publication; learners keep progress."))
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    # Written into the course package at export; importing a package with the same identifier again makes a new
    # version of this course instead of a second course (see packages.py).
    package = models.CharField(_("package identifier"), max_length=100, unique=True, default=new_package_id,
                               editable=False)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["title", "id"]

    def __str__(self) -> str:
        return self.title


class Module(models.Model):
    course = models.ForeignKey(Course, verbose_name=_("course"), on_delete=models.CASCADE, related_name="modules")
    title = models.CharField(_("title"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=ORDER_HELP)
    prerequisite = models.ForeignKey("self", verbose_name=_("unlocks after"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+",
                                     help_text=_("The learner must complete this module first."))

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title


class Lesson(models.Model):
    class Completion(models.TextChoices):
        VIEWED = "viewed", _("Opened and marked as done")
        REFLECTION = "reflection", _("Reflection answered")
        SCENARIO = "scenario", _("Scenario finished")

    module = models.ForeignKey(Module, verbose_name=_("module"), on_delete=models.CASCADE, related_name="lessons")
    title = models.CharField(_("title"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=ORDER_HELP)
    required = models.BooleanField(_("required for completion"), default=True)
    completion = models.CharField(_("completed when"), max_length=12, choices=Completion.choices,
                                  default=Completion.VIEWED)
    outcomes = models.ManyToManyField(LearningOutcome, verbose_name=_("learning outcomes"), blank=True,
                                      related_name="lessons")

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        ordering = ["module__order", "order", "id"]

    def __str__(self) -> str:
        return self.title


def _media_path(instance, filename):
    return f"learning/{instance.lesson_id}/{filename}"


class Block(models.Model):
    """One piece of a lesson. `data` holds the structure of a scenario:
    {"start": "s1", "steps": {"s1": {"text", "choices": [{"label", "next", "feedback"}]}, ...}}."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Text")
        IMAGE = "image", _("Image")
        VIDEO = "video", _("Video")
        AUDIO = "audio", _("Audio")
        FILE = "file", _("Downloadable file")
        SCENARIO = "scenario", _("Branching scenario")
        REFLECTION = "reflection", _("Reflection prompt")

    lesson = models.ForeignKey(Lesson, verbose_name=_("lesson"), on_delete=models.CASCADE, related_name="blocks")
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=ORDER_HELP)
    body = models.TextField(_("text"), blank=True, help_text=_("Formatted text; unsafe HTML is removed."))
    media = models.FileField(_("file"), upload_to=_media_path, blank=True)
    alt_text = models.CharField(_("text alternative"), max_length=300, blank=True)
    captions = models.FileField(_("captions (WebVTT)"), upload_to=_media_path, blank=True)
    transcript = models.TextField(_("transcript"), blank=True)
    data = models.JSONField(_("scenario structure"), default=dict, blank=True)

    class Meta:
        verbose_name = _("content block")
        verbose_name_plural = _("content blocks")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk}"

    def save(self, *args, **kwargs):
        # Every language's text is sanitised however it was written (form, import, shell), because lesson pages
        # render it as HTML.
        from .content import clean_html

        for code, _name in settings.LANGUAGES:
            field = f"body_{code}"
            if getattr(self, field, None):
                setattr(self, field, clean_html(getattr(self, field)))
        super().save(*args, **kwargs)


# --- quizzes -------------------------------------------------------------------------------------------------------


class Question(models.Model):
    """A question of the bank. `data` by type: choices [{"text", "correct", "feedback"}] (single, multiple,
    true/false); pairs [{"left", "right"}] (matching); items [..] in the right order (ordering);
    answers [accepted strings] (short answer)."""

    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        TRUE_FALSE = "true_false", _("True or false")
        MATCHING = "matching", _("Matching")
        ORDERING = "ordering", _("Ordering")
        SHORT = "short", _("Short answer")

    competence = models.ForeignKey(Competence, verbose_name=_("competence"), on_delete=models.PROTECT,
                                   related_name="questions")
    outcome = models.ForeignKey(LearningOutcome, verbose_name=_("learning outcome"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="questions",
                                help_text=_("The learning outcome of the competence that the question tests."))
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    text = models.TextField(_("question"))
    data = models.JSONField(_("answers"), default=dict)
    feedback = models.TextField(_("general feedback"), blank=True,
                                help_text=_("Shown to every learner after the quiz, right or wrong."))

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["competence_id", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class Quiz(models.Model):
    module = models.ForeignKey(Module, verbose_name=_("module"), on_delete=models.CASCADE, related_name="quizzes")
    title = models.CharField(_("title"), max_length=200)
    competences = models.ManyToManyField(Competence, verbose_name=_("draw questions from"), related_name="quizzes")
    question_count = models.PositiveSmallIntegerField(_("questions per attempt"), default=5)
    pass_mark = models.PositiveSmallIntegerField(_("pass mark (%)"), default=70)
    attempts_allowed = models.PositiveSmallIntegerField(_("attempts allowed"), default=3)
    time_limit_minutes = models.PositiveSmallIntegerField(_("time limit (minutes)"), null=True, blank=True)
    required = models.BooleanField(_("required for completion"), default=True)

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")
        ordering = ["module__order", "id"]

    def __str__(self) -> str:
        return self.title


# --- learners ------------------------------------------------------------------------------------------------------


class Cohort(models.Model):
    course = models.ForeignKey(Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="cohorts")
    name = models.CharField(_("name"), max_length=200)
    trainer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("trainer"), on_delete=models.PROTECT,
                                related_name="cohorts_led")
    organisation = models.ForeignKey("core.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT,
                                     related_name="cohorts")
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="en")
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-starts_on", "name"]

    def __str__(self) -> str:
        return self.name


class Enrolment(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("learner"), on_delete=models.CASCADE,
                             related_name="enrolments")
    course = models.ForeignKey(Course, verbose_name=_("course"), on_delete=models.CASCADE, related_name="enrolments")
    cohort = models.ForeignKey(Cohort, verbose_name=_("cohort"), null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="enrolments")
    enrolled_at = models.DateTimeField(_("enrolled at"), default=timezone.now)
    course_version = models.PositiveIntegerField(_("course version"), default=0)
    last_lesson = models.ForeignKey(Lesson, verbose_name=_("last lesson opened"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    last_seen_at = models.DateTimeField(_("last seen at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    certificate = models.ForeignKey(Certificate, verbose_name=_("certificate"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [models.UniqueConstraint(fields=["user", "course"], name="one_enrolment_per_course")]
        indexes = [models.Index(fields=["cohort", "user"])]

    def __str__(self) -> str:
        return f"{self.user} in {self.course}"


class LessonProgress(models.Model):
    enrolment = models.ForeignKey(Enrolment, verbose_name=_("enrolment"), on_delete=models.CASCADE,
                                  related_name="progress")
    lesson = models.ForeignKey(Lesson, verbose_name=_("lesson"), on_delete=models.CASCADE, related_name="progress")
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    scenario_path = models.JSONField(_("path through the scenario"), default=list, blank=True)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [models.UniqueConstraint(fields=["enrolment", "lesson"], name="one_progress_row_per_lesson")]

    def __str__(self) -> str:
        return f"{self.enrolment_id}/{self.lesson_id}"


class Reflection(models.Model):
    """The learner's own answer to a reflection prompt; theirs to keep (only they read it)."""

    enrolment = models.ForeignKey(Enrolment, verbose_name=_("enrolment"), on_delete=models.CASCADE,
                                  related_name="reflections")
    block = models.ForeignKey(Block, verbose_name=_("reflection prompt"), on_delete=models.CASCADE, related_name="+")
    text = EncryptedTextField(_("reflection"))
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("reflection")
        verbose_name_plural = _("reflections")
        constraints = [models.UniqueConstraint(fields=["enrolment", "block"], name="one_reflection_per_prompt")]

    def __str__(self) -> str:
        return f"reflection {self.pk}"


class QuizAttempt(models.Model):
    enrolment = models.ForeignKey(Enrolment, verbose_name=_("enrolment"), on_delete=models.CASCADE,
                                  related_name="attempts")
    quiz = models.ForeignKey(Quiz, verbose_name=_("quiz"), on_delete=models.CASCADE, related_name="attempts")
    question_ids = models.JSONField(_("questions drawn"), default=list)
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    score = models.PositiveSmallIntegerField(_("score (%)"), null=True, blank=True)
    passed = models.BooleanField(_("passed"), default=False)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["enrolment", "quiz"])]

    def __str__(self) -> str:
        return f"attempt {self.pk}"


class QuizAnswer(models.Model):
    attempt = models.ForeignKey(QuizAttempt, verbose_name=_("attempt"), on_delete=models.CASCADE,
                                related_name="answers")
    question = models.ForeignKey(Question, verbose_name=_("question"), on_delete=models.CASCADE,
                                 related_name="answers")
    response = models.JSONField(_("response"), default=list)
    correct = models.BooleanField(_("correct"), default=False)

    class Meta:
        verbose_name = _("quiz answer")
        verbose_name_plural = _("quiz answers")
        constraints = [models.UniqueConstraint(fields=["attempt", "question"], name="one_answer_per_attempt_question")]

    def __str__(self) -> str:
        return f"answer {self.pk}"


# --- train-the-trainer and piloting ----------------------------------------------------------------------------------


class TrainerObservation(models.Model):
    """A session delivered by a trainer candidate, observed and signed off by a certified trainer."""

    candidate = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("trainer candidate"),
                                  on_delete=models.CASCADE, related_name="observations")
    observer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("observer"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="observations_made")
    session_title = models.CharField(_("session delivered"), max_length=200)
    delivered_on = models.DateField(_("date"))
    notes = EncryptedTextField(_("observer's notes"), blank=True)
    signed_off_at = models.DateTimeField(_("signed off at"), null=True, blank=True)

    class Meta:
        verbose_name = _("observed session")
        verbose_name_plural = _("observed sessions")
        ordering = ["-delivered_on"]

    def __str__(self) -> str:
        return self.session_title


class LessonFeedback(models.Model):
    enrolment = models.ForeignKey(Enrolment, verbose_name=_("enrolment"), on_delete=models.CASCADE,
                                  related_name="lesson_feedback")
    lesson = models.ForeignKey(Lesson, verbose_name=_("lesson"), on_delete=models.CASCADE, related_name="feedback")
    useful = models.BooleanField(_("useful"), null=True)
    clear = models.BooleanField(_("clear"), null=True)
    comment = EncryptedTextField(_("comment"), blank=True)
    course_version = models.PositiveIntegerField(_("course version"), default=0)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("lesson feedback")
        verbose_name_plural = _("lesson feedback")
        constraints = [models.UniqueConstraint(fields=["enrolment", "lesson"], name="one_feedback_per_lesson")]

    def __str__(self) -> str:
        return f"feedback {self.pk}"


class CourseEvaluation(models.Model):
    enrolment = models.OneToOneField(Enrolment, verbose_name=_("enrolment"), on_delete=models.CASCADE,
                                     related_name="evaluation")
    rating = models.PositiveSmallIntegerField(_("rating (1 to 5)"))
    would_recommend = models.BooleanField(_("would recommend"), null=True)
    comment = EncryptedTextField(_("comment"), blank=True)
    course_version = models.PositiveIntegerField(_("course version"), default=0)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("course evaluation")
        verbose_name_plural = _("course evaluations")

    def __str__(self) -> str:
        return f"evaluation {self.pk}"


class OrganisationLearningSettings(models.Model):
    organisation = models.OneToOneField("core.Organisation", verbose_name=_("organisation"),
                                        on_delete=models.CASCADE, related_name="learning")
    require_certified_trainers = models.BooleanField(
        _("only certified trainers run cohorts"), default=False,
        help_text=_("Trainers must hold a certified-trainer certificate before they can create a cohort."))

    class Meta:
        verbose_name = _("learning settings")
        verbose_name_plural = _("learning settings")

    def __str__(self) -> str:
        return f"learning settings of {self.organisation_id}"
