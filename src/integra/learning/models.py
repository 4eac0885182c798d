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
    holder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="certificates")
    holder_name = models.CharField(_("holder's name"), max_length=200)
    title = models.CharField(_("for"), max_length=300, help_text=_("The event or course the certificate is for."))
    detail = models.CharField(max_length=300, blank=True)
    awarded_on = models.DateField(_("date"))
    source = models.CharField(max_length=100, help_text="What it was issued for, e.g. events.registration:12.")
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    issued_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=300, blank=True)

    class Meta:
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
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title


class Competence(models.Model):
    area = models.ForeignKey(CompetenceArea, on_delete=models.CASCADE, related_name="competences")
    code = models.CharField(_("code"), max_length=40, unique=True, default=new_blueprint_code,
                            help_text=_("A short code course packages use to refer to it, e.g. C11."))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    audiences = models.JSONField(_("audiences"), default=list)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["area__order", "order", "id"]

    def __str__(self) -> str:
        return self.title


class LearningOutcome(models.Model):
    competence = models.ForeignKey(Competence, on_delete=models.CASCADE, related_name="outcomes")
    code = models.CharField(_("code"), max_length=40, unique=True, default=new_blueprint_code,
                            help_text=_("A short code course packages use to refer to it, e.g. O111."))
    text = models.CharField(_("learning outcome"), max_length=300)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
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
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_version = models.PositiveIntegerField(
        default=0, help_text="Increases with each publication; learners keep progress.")
    published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(default=1, editable=False)
    # Written into the course package at export; importing a package with the same identifier again makes a new
    # version of this course instead of a second course (see packages.py).
    package = models.CharField(_("package identifier"), max_length=100, unique=True, default=new_package_id,
                               editable=False)

    class Meta:
        ordering = ["title", "id"]

    def __str__(self) -> str:
        return self.title


class Module(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="modules")
    title = models.CharField(_("title"), max_length=200)
    order = models.PositiveSmallIntegerField(default=0)
    prerequisite = models.ForeignKey("self", verbose_name=_("unlocks after"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+",
                                     help_text=_("The learner must complete this module first."))

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title


class Lesson(models.Model):
    class Completion(models.TextChoices):
        VIEWED = "viewed", _("Opened and marked as done")
        REFLECTION = "reflection", _("Reflection answered")
        SCENARIO = "scenario", _("Scenario finished")

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="lessons")
    title = models.CharField(_("title"), max_length=200)
    order = models.PositiveSmallIntegerField(default=0)
    required = models.BooleanField(_("required for completion"), default=True)
    completion = models.CharField(_("completed when"), max_length=12, choices=Completion.choices,
                                  default=Completion.VIEWED)
    outcomes = models.ManyToManyField(LearningOutcome, verbose_name=_("learning outcomes"), blank=True,
                                      related_name="lessons")

    class Meta:
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

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="blocks")
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    order = models.PositiveSmallIntegerField(default=0)
    body = models.TextField(_("text"), blank=True, help_text=_("Formatted text; unsafe HTML is removed."))
    media = models.FileField(_("file"), upload_to=_media_path, blank=True)
    alt_text = models.CharField(_("text alternative"), max_length=300, blank=True)
    captions = models.FileField(_("captions (WebVTT)"), upload_to=_media_path, blank=True)
    transcript = models.TextField(_("transcript"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
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

    competence = models.ForeignKey(Competence, on_delete=models.PROTECT, related_name="questions")
    outcome = models.ForeignKey(LearningOutcome, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="questions")
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    text = models.TextField(_("question"))
    data = models.JSONField(default=dict)
    feedback = models.TextField(_("general feedback"), blank=True)

    class Meta:
        ordering = ["competence_id", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class Quiz(models.Model):
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="quizzes")
    title = models.CharField(_("title"), max_length=200)
    competences = models.ManyToManyField(Competence, verbose_name=_("draw questions from"), related_name="quizzes")
    question_count = models.PositiveSmallIntegerField(_("questions per attempt"), default=5)
    pass_mark = models.PositiveSmallIntegerField(_("pass mark (%)"), default=70)
    attempts_allowed = models.PositiveSmallIntegerField(_("attempts allowed"), default=3)
    time_limit_minutes = models.PositiveSmallIntegerField(_("time limit (minutes)"), null=True, blank=True)
    required = models.BooleanField(_("required for completion"), default=True)

    class Meta:
        ordering = ["module__order", "id"]

    def __str__(self) -> str:
        return self.title


# --- learners ------------------------------------------------------------------------------------------------------


class Cohort(models.Model):
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="cohorts")
    name = models.CharField(_("name"), max_length=200)
    trainer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="cohorts_led")
    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="cohorts")
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="en")
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_on", "name"]

    def __str__(self) -> str:
        return self.name


class Enrolment(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrolments")
    cohort = models.ForeignKey(Cohort, null=True, blank=True, on_delete=models.SET_NULL, related_name="enrolments")
    enrolled_at = models.DateTimeField(default=timezone.now)
    course_version = models.PositiveIntegerField(default=0)
    last_lesson = models.ForeignKey(Lesson, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    last_seen_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    certificate = models.ForeignKey(Certificate, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "course"], name="one_enrolment_per_course")]
        indexes = [models.Index(fields=["cohort", "user"])]

    def __str__(self) -> str:
        return f"{self.user} in {self.course}"


class LessonProgress(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="progress")
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="progress")
    completed_at = models.DateTimeField(null=True, blank=True)
    scenario_path = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["enrolment", "lesson"], name="one_progress_row_per_lesson")]

    def __str__(self) -> str:
        return f"{self.enrolment_id}/{self.lesson_id}"


class Reflection(models.Model):
    """The learner's own answer to a reflection prompt; theirs to keep (only they read it)."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="reflections")
    block = models.ForeignKey(Block, on_delete=models.CASCADE, related_name="+")
    text = EncryptedTextField()
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["enrolment", "block"], name="one_reflection_per_prompt")]

    def __str__(self) -> str:
        return f"reflection {self.pk}"


class QuizAttempt(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attempts")
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="attempts")
    question_ids = models.JSONField(default=list)
    started_at = models.DateTimeField(default=timezone.now)
    deadline = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    passed = models.BooleanField(default=False)

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["enrolment", "quiz"])]

    def __str__(self) -> str:
        return f"attempt {self.pk}"


class QuizAnswer(models.Model):
    attempt = models.ForeignKey(QuizAttempt, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    response = models.JSONField(default=list)
    correct = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["attempt", "question"], name="one_answer_per_attempt_question")]

    def __str__(self) -> str:
        return f"answer {self.pk}"


# --- train-the-trainer and piloting ----------------------------------------------------------------------------------


class TrainerObservation(models.Model):
    """A session delivered by a trainer candidate, observed and signed off by a certified trainer."""

    candidate = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="observations")
    observer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="observations_made")
    session_title = models.CharField(_("session delivered"), max_length=200)
    delivered_on = models.DateField(_("date"))
    notes = EncryptedTextField(_("observer's notes"), blank=True)
    signed_off_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-delivered_on"]

    def __str__(self) -> str:
        return self.session_title


class LessonFeedback(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="lesson_feedback")
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="feedback")
    useful = models.BooleanField(null=True)
    clear = models.BooleanField(null=True)
    comment = EncryptedTextField(blank=True)
    course_version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["enrolment", "lesson"], name="one_feedback_per_lesson")]

    def __str__(self) -> str:
        return f"feedback {self.pk}"


class CourseEvaluation(models.Model):
    enrolment = models.OneToOneField(Enrolment, on_delete=models.CASCADE, related_name="evaluation")
    rating = models.PositiveSmallIntegerField()
    would_recommend = models.BooleanField(null=True)
    comment = EncryptedTextField(blank=True)
    course_version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"evaluation {self.pk}"


class OrganisationLearningSettings(models.Model):
    organisation = models.OneToOneField("core.Organisation", on_delete=models.CASCADE, related_name="learning")
    require_certified_trainers = models.BooleanField(
        _("only certified trainers run cohorts"), default=False,
        help_text=_("Trainers must hold a certified-trainer certificate before they can create a cohort."))

    def __str__(self) -> str:
        return f"learning settings of {self.organisation_id}"
