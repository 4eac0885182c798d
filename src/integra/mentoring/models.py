"""The community mentoring programme (O3): mentors and their vetting, mentees (transition records referred to the
programme), hard safeguarding constraints, matches decided by a coordinator, sessions, goals, concerns and
supervision.

A mentee is a transition record of the cooperation app: this app keeps only what the programme needs (preferences,
constraints, the match) and reaches the record through cooperation's services and selectors.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integra.core.fields import EncryptedTextField
from integra.core.models import Organisation
from integra.core.storage import private_storage

RENEWAL_WINDOW_DAYS = 30  # a check expiring within this many days is "expiring": reminders go out
REPORT_DUE_HOURS = 48  # a session report is due within 48 hours (CoSA)
ESCALATE_AFTER = {"urgent": dt.timedelta(hours=4), "routine": dt.timedelta(days=3)}


class Stage(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    VETTING = "vetting", _("Vetting")
    TRAINING = "training", _("Training")
    AVAILABLE = "available", _("Available")
    MATCHED = "matched", _("Matched")
    PAUSED = "paused", _("Paused")
    EXITED = "exited", _("Exited")


# The lifecycle: from each stage, where a coordinator may move a mentor.
STAGE_MOVES = {
    Stage.APPLICANT: {Stage.VETTING, Stage.EXITED},
    Stage.VETTING: {Stage.TRAINING, Stage.EXITED},
    Stage.TRAINING: {Stage.AVAILABLE, Stage.EXITED},
    Stage.AVAILABLE: {Stage.PAUSED, Stage.EXITED},
    Stage.MATCHED: {Stage.PAUSED, Stage.EXITED},
    Stage.PAUSED: {Stage.AVAILABLE, Stage.EXITED},
    Stage.EXITED: set(),
}


class Availability(models.TextChoices):
    WEEKDAY_DAY = "weekday_day", _("Weekdays, daytime")
    WEEKDAY_EVENING = "weekday_evening", _("Weekday evenings")
    WEEKEND = "weekend", _("Weekends")


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    OTHER = "other", _("Other or not said")


class MentorQuerySet(models.QuerySet):
    def in_pool(self):
        return self.filter(stage__in=[Stage.AVAILABLE, Stage.MATCHED])


class Mentor(models.Model):
    """A person who applied to mentor with one organisation's programme, at some stage of the lifecycle."""

    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT,
                                     related_name="mentors")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="mentor_profiles", verbose_name=_("account"))
    full_name = EncryptedTextField(_("full name"))
    email = models.EmailField(_("e-mail"))
    phone = EncryptedTextField(_("phone"), blank=True)
    motivation = EncryptedTextField(_("motivation"))
    languages = models.CharField(_("languages"), max_length=200,
                                 help_text=_("Languages you can mentor in, separated by commas."))
    availability = models.JSONField(_("availability"), default=list)
    area = models.CharField(_("area"), max_length=120, help_text=_("The town or district where you live."))
    travel_km = models.PositiveSmallIntegerField(_("how far you can travel (km)"), default=10)
    skills = models.CharField(_("skills and interests"), max_length=500, blank=True,
                              help_text=_("Separated by commas, e.g. housing, cooking, football, job search."))
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, default=Gender.OTHER)
    culture = models.CharField(_("culture or faith"), max_length=120, blank=True,
                               help_text=_("Only used for matching when you agree below."))
    culture_consent = models.BooleanField(_("use my culture or faith for matching"), default=False)
    lived_experience = models.BooleanField(_("lived experience of prison or the justice system"), default=False)
    former_route = models.BooleanField(
        _("former's route"), default=False,
        help_text=_("You left an extremist group or movement and want to mentor as a former: your application "
                    "follows its own approval path."))
    capacity = models.PositiveSmallIntegerField(_("capacity (mentees at once)"), default=1)
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices, default=Stage.APPLICANT,
                             db_index=True)
    stage_changed_at = models.DateTimeField(default=timezone.now, verbose_name=_("stage changed at"))
    pause_reason = models.CharField(_("reason for the pause"), max_length=300, blank=True)
    code_of_conduct_signed_on = models.DateField(_("code of conduct signed on"), null=True, blank=True)
    agreement_accepted_on = models.DateField(_("mentoring agreement accepted on"), null=True, blank=True)
    # The former's path: an assessment by a certified assessor (the assessment app), then a coordinator's decision
    # with its rationale. The decision needs the linked assessment finalised.
    former_approved_on = models.DateField(_("former's route approved on"), null=True, blank=True)
    former_assessment = models.ForeignKey(
        "assessment.Assessment", verbose_name=_("former's assessment"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
        help_text=_("The assessment of the applicant by a certified assessor, requested by the coordinator."))
    former_rationale = EncryptedTextField(_("rationale"), blank=True)
    former_decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                          on_delete=models.SET_NULL, related_name="+",
                                          verbose_name=_("former's route decided by"))
    applied_at = models.DateTimeField(default=timezone.now, verbose_name=_("applied at"))
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))

    objects = MentorQuerySet.as_manager()

    class Meta:
        ordering = ["-applied_at", "-id"]
        verbose_name = _("mentor")
        verbose_name_plural = _("mentors")
        indexes = [models.Index(fields=["organisation", "stage"])]

    def __str__(self) -> str:
        return self.full_name

    @property
    def language_list(self) -> set[str]:
        return _words(self.languages)

    @property
    def skill_list(self) -> set[str]:
        return _words(self.skills)


def _words(text: str) -> set[str]:
    return {w.strip().lower() for w in (text or "").split(",") if w.strip()}


class CheckKind(models.TextChoices):
    REFERENCE = "reference", _("Reference")
    INTERVIEW = "interview", _("Interview")
    CRIMINAL_RECORD = "criminal_record", _("Criminal-record check")


class CheckStatus(models.TextChoices):
    UNVERIFIED = "unverified", _("Waiting for verification")
    VALID = "valid", _("Valid")
    EXPIRING = "expiring", _("Expiring")
    EXPIRED = "expired", _("Expired")


def _check_path(instance, filename):
    return f"mentoring/{instance.mentor_id}/{timezone.now():%Y%m}/{instance.stored_name}"


class VettingCheck(models.Model):
    """One line of the vetting register: entered by one person, verified by another."""

    mentor = models.ForeignKey(Mentor, on_delete=models.CASCADE, related_name="checks", verbose_name=_("mentor"))
    kind = models.CharField(_("check"), max_length=20, choices=CheckKind.choices)
    check_type = models.CharField(_("type"), max_length=120, blank=True,
                                  help_text=_("E.g. enhanced criminal-record extract, barred-list check."))
    number = EncryptedTextField(_("number"), blank=True)
    checked_on = models.DateField(_("date"))
    authority = models.CharField(_("authority or referee"), max_length=200)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    stored_name = models.CharField(max_length=64, blank=True, editable=False, verbose_name=_("stored file name"))
    document = models.FileField(upload_to=_check_path, max_length=300, storage=private_storage, blank=True,
                                verbose_name=_("document"))
    document_name = models.CharField(max_length=255, blank=True, verbose_name=_("document name"))
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("entered by"))
    entered_at = models.DateTimeField(default=timezone.now, verbose_name=_("entered at"))
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("verified by"))
    verified_at = models.DateTimeField(null=True, blank=True, verbose_name=_("verified at"))
    reminded_on = models.DateField(null=True, blank=True, verbose_name=_("reminder sent on"))

    class Meta:
        ordering = ["kind", "-checked_on"]
        indexes = [models.Index(fields=["expires_on"])]
        verbose_name = _("vetting check")
        verbose_name_plural = _("vetting checks")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of mentor {self.mentor_id}"

    def status_on(self, day: dt.date) -> str:
        if self.verified_at is None:
            return CheckStatus.UNVERIFIED
        if self.expires_on is None:
            return CheckStatus.VALID
        if self.expires_on < day:
            return CheckStatus.EXPIRED
        if self.expires_on <= day + dt.timedelta(days=RENEWAL_WINDOW_DAYS):
            return CheckStatus.EXPIRING
        return CheckStatus.VALID

    @property
    def status(self) -> str:
        return self.status_on(timezone.localdate())

    def get_status_display(self) -> str:
        return CheckStatus(self.status).label


class RequiredCourse(models.Model):
    """A course of the learning app a mentor of this organisation must have completed before matching."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+",
                                     verbose_name=_("programme"))
    course = models.ForeignKey("learning.Course", verbose_name=_("course"), on_delete=models.CASCADE,
                               related_name="+")
    valid_months = models.PositiveSmallIntegerField(
        _("certificate valid for (months)"), null=True, blank=True,
        help_text=_("Empty: the certificate never expires for mentoring."))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "course"], name="one_required_course")]
        verbose_name = _("required course")
        verbose_name_plural = _("required courses")

    def __str__(self) -> str:
        return f"course {self.course_id} for {self.organisation_id}"


class MenteeStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting for a mentor")
    MATCHED = "matched", _("Matched")
    CLOSED = "closed", _("Closed")


class Mentee(models.Model):
    """A transition record referred to the programme, with what the person wants from a mentor."""

    organisation = models.ForeignKey(Organisation, verbose_name=_("programme"), on_delete=models.PROTECT,
                                     related_name="mentees")
    record = models.ForeignKey("cooperation.TransitionRecord", verbose_name=_("transition record"),
                               on_delete=models.CASCADE, related_name="+")
    languages = models.CharField(_("languages"), max_length=200, blank=True)
    gender_preference = models.CharField(_("preferred gender of the mentor"), max_length=10, blank=True,
                                         choices=Gender.choices)
    area = models.CharField(_("area"), max_length=120, blank=True, help_text=_("Where the person lives or will live."))
    availability = models.JSONField(_("availability"), default=list)
    interests = models.CharField(_("interests and needs"), max_length=500, blank=True,
                                 help_text=_("Separated by commas, e.g. housing, job search, football."))
    wants_lived_experience = models.BooleanField(_("would value a mentor with lived experience"), default=False)
    culture = models.CharField(_("culture or faith"), max_length=120, blank=True)
    culture_consent = models.BooleanField(_("the person agreed that culture or faith be used"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=MenteeStatus.choices, default=MenteeStatus.WAITING)
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("accepted by"))
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created at"))
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("mentee")
        verbose_name_plural = _("mentees")
        constraints = [models.UniqueConstraint(fields=["organisation", "record"], name="one_mentee_per_programme")]

    def __str__(self) -> str:
        return str(self.record)


class ConstraintKind(models.TextChoices):
    EXCLUSION_ZONE = "exclusion_zone", _("Licence condition or exclusion zone")
    VICTIM_PROXIMITY = "victim_proximity", _("Victim lives nearby")
    GROUP_LINK = "group_link", _("Co-defendant or group link")
    PRIOR_RELATIONSHIP = "prior_relationship", _("Prior relationship")
    CONFLICT = "conflict", _("Conflict of interest")


class Constraint(models.Model):
    """A hard safeguarding constraint on matching one mentee: an area a mentor may not live in, or one mentor who
    may not be matched. Seen by coordinators only."""

    mentee = models.ForeignKey(Mentee, on_delete=models.CASCADE, related_name="constraints", verbose_name=_("mentee"))
    kind = models.CharField(_("constraint"), max_length=20, choices=ConstraintKind.choices)
    area = models.CharField(_("area"), max_length=120, blank=True)
    mentor = models.ForeignKey(Mentor, null=True, blank=True, verbose_name=_("mentor"), on_delete=models.CASCADE,
                               related_name="+")
    detail = EncryptedTextField(_("detail"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(default=timezone.now, verbose_name=_("recorded at"))

    class Meta:
        ordering = ["kind", "id"]
        verbose_name = _("constraint")
        verbose_name_plural = _("constraints")

    def __str__(self) -> str:
        return self.get_kind_display()


class FamilyMember(models.Model):
    """A family member taking part, with their own consent."""

    mentee = models.ForeignKey(Mentee, on_delete=models.CASCADE, related_name="family", verbose_name=_("mentee"))
    name = EncryptedTextField(_("name"))
    relationship = models.CharField(_("relationship"), max_length=60)
    consent_given_on = models.DateField(_("consent given on"))
    consent_withdrawn_on = models.DateField(_("consent withdrawn on"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("family member")
        verbose_name_plural = _("family members")

    def __str__(self) -> str:
        return self.relationship


class MatchStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")


class Closure(models.TextChoices):
    PLANNED = "planned", _("Planned: goals reached or time up")
    MENTEE_WITHDREW = "mentee_withdrew", _("Unplanned: the mentee withdrew")
    MENTOR_WITHDREW = "mentor_withdrew", _("Unplanned: the mentor withdrew")
    RECALL = "recall", _("Unplanned: recall to prison or new offence")
    SAFEGUARDING = "safeguarding", _("Unplanned: safeguarding decision")
    MOVED = "moved", _("Unplanned: the mentee moved away")


class MatchQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=MatchStatus.ACTIVE)


class Match(models.Model):
    """A coordinator's decision to pair a mentor with a mentee, with the computed suggestion it was taken from."""

    mentee = models.ForeignKey(Mentee, on_delete=models.PROTECT, related_name="matches", verbose_name=_("mentee"))
    mentor = models.ForeignKey(Mentor, on_delete=models.PROTECT, related_name="matches", verbose_name=_("mentor"))
    status = models.CharField(_("status"), max_length=10, choices=MatchStatus.choices, default=MatchStatus.ACTIVE)
    suggestion_rank = models.PositiveSmallIntegerField(_("rank among the suggestions"), null=True, blank=True)
    explanation = models.JSONField(default=dict,
                                   verbose_name=_("explanation"))  # points per criterion at the time of the decision
    rationale = EncryptedTextField(_("rationale"), blank=True)
    mentee_consent_on = models.DateField(_("mentee consented on"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("decided by"))
    decided_at = models.DateTimeField(default=timezone.now, verbose_name=_("decided at"))
    ended_at = models.DateTimeField(null=True, blank=True, verbose_name=_("ended at"))
    end_reason = models.CharField(_("reason for ending"), max_length=300, blank=True)
    closure = models.CharField(_("closure"), max_length=20, choices=Closure.choices, blank=True)
    programme_version = models.ForeignKey("ProgrammeVersion", null=True, blank=True, on_delete=models.SET_NULL,
                                          related_name="matches", verbose_name=_("programme model version"))
    closing_session = models.ForeignKey("MentoringSession", null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+", verbose_name=_("closing session"))
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))

    objects = MatchQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_at", "-id"]
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        constraints = [models.UniqueConstraint(fields=["mentee"], condition=Q(status="active"),
                                               name="one_active_match_per_mentee")]
        indexes = [models.Index(fields=["mentor", "status"])]

    def __str__(self) -> str:
        return f"match {self.pk}"

    @property
    def closure_kind(self) -> str:
        """"planned", "unplanned" or "" while the match runs."""
        if not self.closure:
            return ""
        return "planned" if self.closure == Closure.PLANNED else "unplanned"


class MatchAgreement(models.Model):
    """The mentoring agreement of a match, versioned: a new version replaces the last and needs new signatures from
    the mentor, the mentee (recorded by the coordinator, with its date) and the coordinator."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="agreements", verbose_name=_("match"))
    number = models.PositiveSmallIntegerField(_("version"), default=1)
    goals = EncryptedTextField(_("goals"))
    frequency = models.CharField(_("frequency"), max_length=120, help_text=_("E.g. weekly, one hour."))
    duration_months = models.PositiveSmallIntegerField(_("duration (months)"), default=12)
    boundaries = EncryptedTextField(_("boundaries"), blank=True)
    confidentiality = EncryptedTextField(_("limits of confidentiality"), blank=True)
    venues = models.CharField(_("approved venues"), max_length=300, blank=True)
    contact_rules = EncryptedTextField(_("contact rules"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("created by"))
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created at"))
    mentor_signed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("signed by the mentor at"))
    mentee_signed_on = models.DateField(null=True, blank=True, verbose_name=_("signed by the mentee on"))
    coordinator_signed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("signed by the coordinator at"))

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["match", "number"], name="one_agreement_version")]
        verbose_name = _("match agreement")
        verbose_name_plural = _("match agreements")

    def __str__(self) -> str:
        return f"agreement {self.match_id} v{self.number}"

    @property
    def fully_signed(self) -> bool:
        return bool(self.mentor_signed_at and self.mentee_signed_on and self.coordinator_signed_at)


class SessionMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("Phone")
    VIDEO = "video", _("Video call")
    PRISON_VISIT = "prison_visit", _("Prison visit")


class MentoringSession(models.Model):
    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("match"))
    held_on = models.DateField(_("date"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=60)
    mode = models.CharField(_("how"), max_length=15, choices=SessionMode.choices, default=SessionMode.IN_PERSON)
    attended = models.BooleanField(_("the mentee came"), default=True)
    safety_ok = models.BooleanField(_("no safety worry"), default=True)
    notes = EncryptedTextField(_("notes"), blank=True)
    logged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                  verbose_name=_("logged by"))
    logged_at = models.DateTimeField(default=timezone.now, verbose_name=_("logged at"))

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("mentoring session")
        indexes = [models.Index(fields=["match", "-held_on"])]
        verbose_name_plural = _("mentoring sessions")

    def __str__(self) -> str:
        return f"session {self.pk}"

    @property
    def report_late(self) -> bool:
        """Logged more than 48 hours after the day it was held."""
        held = timezone.make_aware(dt.datetime.combine(self.held_on, dt.time(23, 59)))
        return self.logged_at > held + dt.timedelta(hours=REPORT_DUE_HOURS)


class Goal(models.Model):
    """A practical goal of the match, with progress by percentage and a comment."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="goals", verbose_name=_("match"))
    title = EncryptedTextField(_("goal"))
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    comment = EncryptedTextField(_("comment"), blank=True)
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created at"))
    updated_at = models.DateTimeField(default=timezone.now, verbose_name=_("updated at"))
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return f"goal {self.pk}"


class Severity(models.TextChoices):
    ROUTINE = "routine", _("Routine")
    URGENT = "urgent", _("Urgent")


class ConcernCategory(models.TextChoices):
    RISK_SELF = "risk_self", _("Risk to self")
    RISK_OTHERS = "risk_others", _("Risk to others")
    RADICALISATION = "radicalisation", _("Radicalisation indicator")
    LICENCE_BREACH = "licence_breach", _("Licence breach")
    ABUSE = "abuse", _("Abuse")
    MENTOR_CONDUCT = "mentor_conduct", _("Mentor conduct")


class ConcernStatus(models.TextChoices):
    OPEN = "open", _("Raised")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    CLOSED = "closed", _("Closed")


class ConcernQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=ConcernStatus.CLOSED)


class Concern(models.Model):
    """A safeguarding concern raised by a mentor. The mentor sees its status; the outcome is the coordinator's."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="concerns", verbose_name=_("match"))
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                  verbose_name=_("raised by"))
    raised_at = models.DateTimeField(default=timezone.now, verbose_name=_("raised at"))
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices)
    category = models.CharField(_("category"), max_length=20, choices=ConcernCategory.choices)
    detail = EncryptedTextField(_("what happened"), blank=True)
    status = models.CharField(_("status"), max_length=15, choices=ConcernStatus.choices, default=ConcernStatus.OPEN,
                              db_index=True)
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+", verbose_name=_("acknowledged by"))
    acknowledged_at = models.DateTimeField(null=True, blank=True, verbose_name=_("acknowledged at"))
    escalated_at = models.DateTimeField(null=True, blank=True, verbose_name=_("escalated at"))
    outcome = EncryptedTextField(_("outcome"), blank=True)
    closed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("closed at"))
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))

    objects = ConcernQuerySet.as_manager()

    class Meta:
        ordering = ["-raised_at", "-id"]
        verbose_name = _("concern")
        verbose_name_plural = _("concerns")

    def __str__(self) -> str:
        return f"concern {self.pk}"

    @property
    def escalate_at(self):
        return self.raised_at + ESCALATE_AFTER[self.severity]


class SupervisionKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    GROUP = "group", _("Group")


class Supervision(models.Model):
    """A supervision session of a mentor with a coordinator: reflective notes and a wellbeing check."""

    mentor = models.ForeignKey(Mentor, on_delete=models.CASCADE, related_name="supervisions", verbose_name=_("mentor"))
    kind = models.CharField(_("kind"), max_length=12, choices=SupervisionKind.choices,
                            default=SupervisionKind.INDIVIDUAL)
    held_on = models.DateField(_("date"))
    wellbeing = models.PositiveSmallIntegerField(_("wellbeing (1–5)"), default=3)
    notes = EncryptedTextField(_("reflective notes"), blank=True)
    next_due_on = models.DateField(_("next supervision due"))
    supervisor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("supervisor"))

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("supervision")
        verbose_name_plural = _("supervisions")

    def __str__(self) -> str:
        return f"supervision {self.pk}"


class Respondent(models.TextChoices):
    MENTOR = "mentor", _("Mentor")
    MENTEE = "mentee", _("Mentee (answers recorded by staff)")


class ExitSurvey(models.Model):
    """The exit survey of an ended match: one for the mentor (who may answer it) and one for the mentee (whose
    answers a coordinator records). Ratings 1 to 5."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="exit_surveys", verbose_name=_("match"))
    respondent = models.CharField(_("respondent"), max_length=10, choices=Respondent.choices)
    helpfulness = models.PositiveSmallIntegerField(_("how helpful was the mentoring (1–5)"))
    goals_met = models.PositiveSmallIntegerField(_("how far were the goals met (1–5)"))
    would_recommend = models.BooleanField(_("would recommend the programme"), default=False)
    comment = EncryptedTextField(_("comment"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(default=timezone.now, verbose_name=_("recorded at"))

    class Meta:
        ordering = ["respondent", "id"]
        verbose_name = _("exit survey")
        verbose_name_plural = _("exit surveys")
        constraints = [models.UniqueConstraint(fields=["match", "respondent"], name="one_exit_survey_per_respondent")]

    def __str__(self) -> str:
        return f"exit survey {self.pk}"


# --- circles of support and accountability (CoSA) ------------------------------------------------------------

CIRCLE_MIN_VOLUNTEERS = 4
CIRCLE_MAX_VOLUNTEERS = 6
MINUTES_DUE_HOURS = 48


class CircleStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")


class Circle(models.Model):
    """A circle of support and accountability: four to six volunteers around one core member (a mentee), with a
    coordinator; an outer circle of professionals drawn from the record's team. Meets weekly; decisions by
    consensus."""

    mentee = models.ForeignKey(Mentee, on_delete=models.PROTECT, related_name="circles",
                               verbose_name=_("core member"))
    coordinator = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("circle coordinator"))
    started_on = models.DateField(_("started on"))
    status = models.CharField(_("status"), max_length=10, choices=CircleStatus.choices, default=CircleStatus.ACTIVE)
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created at"))
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = _("circle of support")
        verbose_name_plural = _("circles of support")
        constraints = [models.UniqueConstraint(fields=["mentee"], condition=Q(status="active"),
                                               name="one_active_circle_per_core_member")]

    def __str__(self) -> str:
        return f"circle {self.pk}"


class CircleVolunteer(models.Model):
    """A volunteer of the inner circle: a mentor of the programme."""

    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="volunteers", verbose_name=_("circle"))
    mentor = models.ForeignKey(Mentor, on_delete=models.PROTECT, related_name="circle_places",
                               verbose_name=_("volunteer"))
    joined_on = models.DateField(_("joined on"), default=timezone.localdate)

    class Meta:
        ordering = ["id"]
        verbose_name = _("circle volunteer")
        verbose_name_plural = _("circle volunteers")
        constraints = [models.UniqueConstraint(fields=["circle", "mentor"], name="one_place_per_volunteer")]

    def __str__(self) -> str:
        return f"volunteer {self.mentor_id} of circle {self.circle_id}"


class CircleOuterMember(models.Model):
    """A professional of the outer circle, drawn from the transition record's team (probation, police, housing…)."""

    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="outer", verbose_name=_("circle"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("person"))
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+",
                                     verbose_name=_("organisation"))
    added_at = models.DateTimeField(default=timezone.now, verbose_name=_("added at"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("outer circle member")
        verbose_name_plural = _("outer circle members")
        constraints = [models.UniqueConstraint(fields=["circle", "user"], name="one_outer_place")]

    def __str__(self) -> str:
        return f"outer member {self.user_id} of circle {self.circle_id}"


class CircleMeeting(models.Model):
    """A weekly meeting of the circle; its minutes are due within 48 hours."""

    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("circle"))
    held_on = models.DateField(_("date"))
    present = models.PositiveSmallIntegerField(_("people present"), default=0)
    core_member_present = models.BooleanField(_("the core member came"), default=True)
    minutes = EncryptedTextField(_("minutes"), blank=True)
    minutes_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("minutes written by"))
    minutes_at = models.DateTimeField(null=True, blank=True, verbose_name=_("minutes written at"))
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("circle meeting")
        verbose_name_plural = _("circle meetings")
        indexes = [models.Index(fields=["circle", "-held_on"])]

    def __str__(self) -> str:
        return f"meeting {self.pk}"

    @property
    def minutes_due_at(self):
        return timezone.make_aware(dt.datetime.combine(self.held_on, dt.time(23, 59))) + dt.timedelta(
            hours=MINUTES_DUE_HOURS)

    @property
    def minutes_overdue(self) -> bool:
        if self.minutes_at:
            return self.minutes_at > self.minutes_due_at
        return timezone.now() > self.minutes_due_at


class CircleDecision(models.Model):
    """A decision the circle took by consensus at a meeting."""

    meeting = models.ForeignKey(CircleMeeting, on_delete=models.CASCADE, related_name="decisions",
                                verbose_name=_("meeting"))
    text = EncryptedTextField(_("decision"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(default=timezone.now, verbose_name=_("recorded at"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("circle decision")
        verbose_name_plural = _("circle decisions")

    def __str__(self) -> str:
        return f"decision {self.pk}"


# --- the programme model, its versions and the outcome measures ----------------------------------------------


class ProgrammeVersion(models.Model):
    """A version of the organisation's mentoring model (as piloted, then fine-tuned). A match belongs to the version
    in force on the day it was decided; the dashboard compares versions."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+",
                                     verbose_name=_("programme"))
    number = models.PositiveSmallIntegerField(_("version"))
    name = models.CharField(_("name"), max_length=120)
    summary = models.TextField(_("what the model is"), blank=True, max_length=5000)
    started_on = models.DateField(_("in force from"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("created by"))
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created at"))

    class Meta:
        ordering = ["organisation_id", "-number"]
        verbose_name = _("programme model version")
        verbose_name_plural = _("programme model versions")
        constraints = [models.UniqueConstraint(fields=["organisation", "number"], name="one_programme_version_number")]

    def __str__(self) -> str:
        return f"v{self.number} {self.name}"


class VersionChange(models.Model):
    """One line of a version's change log: what changed from the previous version, and why."""

    version = models.ForeignKey(ProgrammeVersion, on_delete=models.CASCADE, related_name="changes",
                                verbose_name=_("version"))
    text = models.CharField(_("change"), max_length=500)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(default=timezone.now, verbose_name=_("recorded at"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("change log entry")
        verbose_name_plural = _("change log entries")

    def __str__(self) -> str:
        return self.text


class OutcomePoint(models.TextChoices):
    BASELINE = "baseline", _("Baseline")
    MONTH_3 = "m3", _("3 months")
    MONTH_6 = "m6", _("6 months")
    MONTH_12 = "m12", _("12 months")


class OutcomeMeasure(models.Model):
    """The programme's wellbeing and desistance scale for one mentee at one time point, entered by staff with the
    mentee. Totals per subscale are kept for the dashboard; distance travelled is the change from baseline."""

    mentee = models.ForeignKey(Mentee, on_delete=models.CASCADE, related_name="outcomes", verbose_name=_("mentee"))
    version = models.ForeignKey(ProgrammeVersion, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="outcomes", verbose_name=_("programme model version"))
    point = models.CharField(_("time point"), max_length=10, choices=OutcomePoint.choices)
    measured_on = models.DateField(_("measured on"))
    answers = models.JSONField(_("answers"), default=dict)
    wellbeing = models.PositiveSmallIntegerField(_("wellbeing score"))
    desistance = models.PositiveSmallIntegerField(_("desistance score"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(default=timezone.now, verbose_name=_("recorded at"))

    class Meta:
        ordering = ["mentee_id", "measured_on", "id"]
        verbose_name = _("outcome measure")
        verbose_name_plural = _("outcome measures")
        constraints = [models.UniqueConstraint(fields=["mentee", "point"], name="one_outcome_per_point")]

    def __str__(self) -> str:
        return f"outcome {self.point} of mentee {self.mentee_id}"


class StandardRating(models.TextChoices):
    NOT_ASSESSED = "not_assessed", _("Not assessed yet")
    NOT_MET = "not_met", _("Not met")
    PARTLY = "partly", _("Partly met")
    MET = "met", _("Met")


class StandardAssessment(models.Model):
    """The programme's self-assessment against one standard: a rating, what shows it (evidence links) and when it is
    next reviewed. One row per standard and programme, edited with a version."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+",
                                     verbose_name=_("programme"))
    code = models.CharField(_("standard"), max_length=20)
    rating = models.CharField(_("rating"), max_length=15, choices=StandardRating.choices,
                              default=StandardRating.NOT_ASSESSED)
    evidence = models.TextField(_("evidence"), blank=True, max_length=5000)
    links = models.JSONField(_("evidence links"), default=list)
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)
    review_due_on = models.DateField(_("next review due"), null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("reviewed by"))
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("version"))

    class Meta:
        ordering = ["organisation_id", "code"]
        verbose_name = _("standards self-assessment")
        verbose_name_plural = _("standards self-assessments")
        constraints = [models.UniqueConstraint(fields=["organisation", "code"], name="one_assessment_per_standard")]

    def __str__(self) -> str:
        return f"{self.code} of {self.organisation_id}"
