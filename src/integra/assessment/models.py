"""Instruments as versioned data, and the assessments made with them (structured professional judgement).

The items, scales and rules of an instrument live in its version's `definition` (see instruments.py); a
published version is frozen, and every assessment names the version it was made with."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integra.core.fields import EncryptedTextField


class Level(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual (a person)")
    GROUP = "group", _("Group (a unit or wing)")
    ORGANISATION = "organisation", _("Organisation (environment and policies)")
    TRAINING_NEEDS = "training_needs", _("Staff training-needs survey")


class Instrument(models.Model):
    code = models.CharField(_("code"), max_length=64, unique=True,
                            help_text=_("A stable identifier: importing a file with the same code makes a new "
                                        "version of this instrument."))
    title = models.CharField(_("title"), max_length=300, help_text=_("In English; translations are in the data."))
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    owner = models.ForeignKey("core.Organisation", verbose_name=_("owner organisation"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    licence_holder = models.CharField(_("licence holder"), max_length=200, blank=True,
                                      help_text=_("Who holds the rights to the item text. Leave empty for an "
                                                  "open instrument anyone on the platform may read."))
    qualifying_course = models.ForeignKey(
        "learning.Course", verbose_name=_("qualifying course"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", help_text=_("Assessors need a valid certificate of this course to start an assessment."))
    certificate_valid_months = models.PositiveSmallIntegerField(
        _("certificate valid for (months)"), default=36,
        help_text=_("A certificate older than this no longer qualifies (booster training)."))
    min_sources = models.PositiveSmallIntegerField(
        _("minimum number of sources"), default=2,
        help_text=_("Below this number of distinct information sources the assessment shows a warning."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("created by"))
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created at"))
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")

    def __str__(self) -> str:
        return self.title

    @property
    def is_licensed(self) -> bool:
        return bool(self.licence_holder)


class InstrumentLicence(models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="licences",
                                   verbose_name=_("instrument"))
    organisation = models.ForeignKey("core.Organisation", verbose_name=_("organisation"), on_delete=models.CASCADE,
                                     related_name="+")
    valid_until = models.DateField(_("licensed until"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["instrument", "organisation"], name="one_licence_per_org")]
        verbose_name = _("licence")
        verbose_name_plural = _("licences")

    def __str__(self) -> str:
        return f"{self.instrument} → {self.organisation}"


class InstrumentVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="versions",
                                   verbose_name=_("instrument"))
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    definition = models.JSONField(_("definition"))
    source_name = models.CharField(_("imported from"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("created by"))
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created at"))
    published_at = models.DateTimeField(null=True, blank=True, verbose_name=_("published at"))

    class Meta:
        ordering = ["instrument", "-number"]
        constraints = [models.UniqueConstraint(fields=["instrument", "number"], name="one_number_per_version")]
        verbose_name = _("instrument version")
        verbose_name_plural = _("instrument versions")

    def __str__(self) -> str:
        return f"{self.instrument} v{self.number}"

    @property
    def is_frozen(self) -> bool:
        return self.status == self.Status.PUBLISHED


class Judgement(models.TextChoices):
    LOW = "low", _("Low")
    MODERATE = "moderate", _("Moderate")
    HIGH = "high", _("High")


class Source(models.TextChoices):
    INTERVIEW = "interview", _("Interview")
    FILE = "file", _("File review")
    OBSERVATION = "observation", _("Observation")
    OTHER_AGENCY = "other_agency", _("Other agency")


class BiasCheck(models.TextChoices):
    CONFIRMATION = "confirmation", _("I looked for information that contradicts my first impression "
                                     "(confirmation bias).")
    SINGLE_SOURCE = "single_source", _("No rating rests on a single source alone.")
    HALO = "halo", _("One striking fact did not colour my ratings of unrelated items (halo effect).")


class AssessmentQuerySet(models.QuerySet):
    def final(self):
        return self.filter(status=Assessment.Status.FINAL)

    def of_record(self, record_id):
        return self.filter(record_id=record_id)


class Assessment(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for countersigning")
        COUNTERSIGNED = "countersigned", _("Countersigned")
        FINAL = "final", _("Final")

    instrument_version = models.ForeignKey(InstrumentVersion, verbose_name=_("instrument version"),
                                           on_delete=models.PROTECT, related_name="assessments")
    record = models.ForeignKey("cooperation.TransitionRecord", verbose_name=_("transition record"), null=True,
                               blank=True, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey("core.Organisation", verbose_name=_("assessing organisation"),
                                     on_delete=models.PROTECT, related_name="+")
    subject = models.CharField(_("unit or service assessed"), max_length=200, blank=True,
                               help_text=_("Group and organisation levels: a unit, wing or service — never a "
                                           "person's name."))
    status = models.CharField(_("status"), max_length=15, choices=Status.choices, default=Status.DRAFT)
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("assessor"), on_delete=models.PROTECT,
                                 related_name="+")
    countersigner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("countersigned by"), null=True,
                                      blank=True, on_delete=models.PROTECT, related_name="+")
    previous = models.ForeignKey("self", verbose_name=_("previous assessment"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    review_date = models.DateField(_("review date"), null=True, blank=True,
                                   help_text=_("When this assessment should be reviewed (a reassessment)."))
    judgement = models.CharField(_("summary judgement"), max_length=10, choices=Judgement.choices, blank=True,
                                 help_text=_("Your professional judgement; the software never proposes one."))
    significant_items = models.JSONField(_("significant indicators"), default=list, blank=True)
    rationale = EncryptedTextField(_("rationale"), blank=True)
    evidence_against = EncryptedTextField(_("evidence against"), blank=True,
                                          help_text=_("What points the other way: information that contradicts "
                                                      "your judgement."))
    limitations = EncryptedTextField(_("limitations"), blank=True,
                                     help_text=_("What this assessment could not take into account, and why."))
    bias_checks = models.JSONField(_("bias checklist"), default=list, blank=True)
    disagreements = models.JSONField(_("items the countersigner disagrees with"), default=list, blank=True)
    countersign_note = EncryptedTextField(_("countersigner's note"), blank=True)
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created at"))
    submitted_at = models.DateTimeField(null=True, blank=True, verbose_name=_("submitted at"))
    countersigned_at = models.DateTimeField(null=True, blank=True, verbose_name=_("countersigned at"))
    finalised_at = models.DateTimeField(null=True, blank=True, verbose_name=_("finalised at"))
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("assessment")
        indexes = [models.Index(fields=["record", "status"])]
        constraints = [models.CheckConstraint(condition=~Q(countersigner=models.F("assessor")),
                                              name="countersigner_is_not_the_assessor")]
        verbose_name_plural = _("assessments")

    def __str__(self) -> str:
        return f"{self.instrument_version} #{self.pk}"

    @property
    def definition(self) -> dict:
        return self.instrument_version.definition


class Rating(models.Model):
    """One item's answer in one assessment: a scale value or number (`value`), "insufficient information" with
    its explanation, or a text answer (encrypted); the evidence behind it (encrypted) and its sources."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="ratings",
                                   verbose_name=_("assessment"))
    item = models.CharField(_("item"), max_length=64)
    value = models.CharField(_("rating"), max_length=64, blank=True)
    text_answer = EncryptedTextField(_("answer"), blank=True)
    insufficient_reason = EncryptedTextField(_("why the information is insufficient"), blank=True)
    evidence = EncryptedTextField(_("evidence"), blank=True)
    sources = models.JSONField(_("sources"), default=list, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "item"], name="one_rating_per_item")]
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")

    def __str__(self) -> str:
        return f"{self.item}: {self.value}"


class Survey(models.Model):
    """A wave of a staff training-needs survey in one organisation. Answers are anonymous: a response row holds no
    person, and the receipt that stops a second answer holds no response."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    instrument_version = models.ForeignKey(InstrumentVersion, verbose_name=_("instrument version"),
                                           on_delete=models.PROTECT, related_name="surveys")
    organisation = models.ForeignKey("core.Organisation", verbose_name=_("organisation"), on_delete=models.CASCADE,
                                     related_name="+")
    title = models.CharField(_("title"), max_length=200, help_text=_("E.g. “Spring 2027 wave”."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    min_group = models.PositiveSmallIntegerField(
        _("minimum group size"), default=5,
        help_text=_("No result or breakdown is shown for fewer answers than this."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("created by"))
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created at"))
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("training-needs survey")
        verbose_name_plural = _("training-needs surveys")

    def __str__(self) -> str:
        return self.title


class SurveyResponse(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses", verbose_name=_("survey"))
    audience = models.CharField(_("I work with"), max_length=20)
    answers = models.JSONField(_("answers"), default=dict)
    submitted_on = models.DateField(default=timezone.localdate,
                                    verbose_name=_("submitted on"))  # a day, not a time: no linking by timestamp

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")

    def __str__(self) -> str:
        return f"{self.survey} response"


class SurveyReceipt(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="receipts", verbose_name=_("survey"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("account"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "user"], name="one_answer_per_person")]
        verbose_name = _("survey receipt")
        verbose_name_plural = _("survey receipts")

    def __str__(self) -> str:
        return f"{self.survey} · {self.user_id}"


class CalibrationRound(models.Model):
    """A calibration round: several certified assessors rate the same vignette blind — a fictional or anonymised
    case, never a real person — and their agreement is computed when the round closes."""

    class Kind(models.TextChoices):
        CASE = "case", _("Case vignette (anonymised)")
        TRAINING = "training", _("Training vignette (fictional)")

    class Status(models.TextChoices):
        OPEN = "open", _("Open: raters rate blind")
        CLOSED = "closed", _("Closed: ratings and agreement shown")

    instrument_version = models.ForeignKey(InstrumentVersion, verbose_name=_("instrument version"),
                                           on_delete=models.PROTECT, related_name="calibration_rounds")
    organisation = models.ForeignKey("core.Organisation", verbose_name=_("organisation"), on_delete=models.CASCADE,
                                     related_name="+")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind of vignette"), max_length=10, choices=Kind.choices, default=Kind.TRAINING)
    vignette = EncryptedTextField(_("vignette"), help_text=_(
        "The case the raters assess. Fictional or anonymised: never a real person's name or identifying details."))
    threshold = models.DecimalField(_("agreement threshold"), max_digits=3, decimal_places=2, default=0.67,
                                    help_text=_("Below this agreement (κ or α) the instrument's owner is alerted."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    raters = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("raters"), related_name="+",
                                    through="CalibrationRater")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("created by"))
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created at"))
    closed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("closed at"))
    agreement = models.FloatField(_("agreement"), null=True, blank=True)
    agreement_n = models.PositiveIntegerField(_("units counted"), default=0)
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("calibration round")
        verbose_name_plural = _("calibration rounds")

    def __str__(self) -> str:
        return self.title


class CalibrationRater(models.Model):
    round = models.ForeignKey(CalibrationRound, on_delete=models.CASCADE, related_name="rater_rows",
                              verbose_name=_("calibration round"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("rater"))
    submitted_at = models.DateTimeField(null=True, blank=True, verbose_name=_("submitted at"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "user"], name="one_rater_row_per_round")]
        verbose_name = _("rater")
        verbose_name_plural = _("raters")

    def __str__(self) -> str:
        return f"{self.round} · {self.user_id}"


class CalibrationRating(models.Model):
    round = models.ForeignKey(CalibrationRound, on_delete=models.CASCADE, related_name="ratings",
                              verbose_name=_("calibration round"))
    rater = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                              verbose_name=_("rater"))
    item = models.CharField(_("item"), max_length=64)
    value = models.CharField(_("rating"), max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "rater", "item"],
                                               name="one_calibration_rating_per_item")]
        verbose_name = _("calibration rating")
        verbose_name_plural = _("calibration ratings")

    def __str__(self) -> str:
        return f"{self.item}: {self.value}"


class ConsensusMeeting(models.Model):
    """After a round closes: who met, when, the ratings they agreed on and their notes."""

    round = models.ForeignKey(CalibrationRound, on_delete=models.CASCADE, related_name="meetings",
                              verbose_name=_("calibration round"))
    held_on = models.DateField(_("date of the meeting"))
    participants = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("participants"),
                                          related_name="+")
    agreed = models.JSONField(_("agreed ratings"), default=dict, blank=True)
    notes = EncryptedTextField(_("notes"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("recorded by"))
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created at"))

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("consensus meeting")
        verbose_name_plural = _("consensus meetings")

    def __str__(self) -> str:
        return f"{self.round} · {self.held_on}"


class Priority(models.IntegerChoices):
    LOW = 1, _("Low")
    MEDIUM = 2, _("Medium")
    HIGH = 3, _("High")


class ActionPlanItem(models.Model):
    """One line of an organisation's action plan, drawn from an organisation-level assessment: how important and
    urgent the item is, the outcome sought, the risk, the action, who owns it and by when, the evidence of progress
    and a red/amber/green status."""

    class Rag(models.TextChoices):
        RED = "red", _("Red: off track")
        AMBER = "amber", _("Amber: at risk")
        GREEN = "green", _("Green: on track or done")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="plan_items",
                                   verbose_name=_("assessment"))
    item = models.CharField(_("item"), max_length=64, blank=True)
    importance = models.PositiveSmallIntegerField(_("importance"), choices=Priority.choices, default=Priority.MEDIUM)
    urgency = models.PositiveSmallIntegerField(_("urgency"), choices=Priority.choices, default=Priority.MEDIUM)
    outcome = models.CharField(_("outcome sought"), max_length=300)
    risk = models.CharField(_("risk if nothing is done"), max_length=300, blank=True)
    action = models.TextField(_("action"), max_length=2000)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT,
                              related_name="+")
    due_date = models.DateField(_("due date"))
    evidence = models.TextField(_("evidence of progress"), max_length=2000, blank=True)
    rag = models.CharField(_("status"), max_length=5, choices=Rag.choices, default=Rag.AMBER)
    done = models.BooleanField(_("done"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("created by"))
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created at"))
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))

    class Meta:
        ordering = ["done", "due_date", "-importance", "id"]
        indexes = [models.Index(fields=["owner", "done", "due_date"])]
        verbose_name = _("action plan item")
        verbose_name_plural = _("action plan items")

    def __str__(self) -> str:
        return self.outcome

    @property
    def overdue(self) -> bool:
        return not self.done and self.due_date < timezone.localdate()
