"""Joint staff training events: series, events with country quotas, the agenda (slots, parallel groups,
rooms, speakers), registrations with waiting lists, attendance, evaluations and certificates."""

import zoneinfo

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integra.core.choices import ChoiceDisplayMixin
from integra.core.countries import Country
from integra.core.fields import EncryptedTextField
from integra.core.models import Organisation, OrganisationKind

TIME_ZONES = sorted(z for z in zoneinfo.available_timezones() if z.startswith("Europe/"))


class EventSeries(models.Model):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("event series")
        verbose_name_plural = _("event series")

    def __str__(self) -> str:
        return self.title


class Event(ChoiceDisplayMixin, models.Model):
    class Kind(models.TextChoices):
        JOINT_TRAINING = "joint_training", _("Joint staff training")
        PILOT = "pilot", _("Pilot")
        CONFERENCE = "conference", _("Conference")
        ONLINE = "online", _("Online")

    series = models.ForeignKey(EventSeries, verbose_name=_("series"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="events")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.JOINT_TRAINING)
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    time_zone = models.CharField(_("time zone"), max_length=40, default="Europe/Brussels",
                                 choices=[(z, z) for z in TIME_ZONES])
    languages = models.CharField(_("working languages"), max_length=200, blank=True)
    organiser = models.ForeignKey(Organisation, verbose_name=_("organising organisation"), on_delete=models.PROTECT,
                                  related_name="organised_events")
    is_published = models.BooleanField(_("public page"), default=False,
                                       help_text=_("Show the description, agenda and speakers to everyone."))
    registration_open = models.BooleanField(_("registration open"), default=True)
    registration_closes_on = models.DateField(_("registration closes on"), null=True, blank=True,
                                              help_text=_("Last day to apply. Leave empty to close it by hand."))
    cohort = models.ForeignKey("learning.Cohort", verbose_name=_("face-to-face part of the cohort"), null=True,
                               blank=True, on_delete=models.SET_NULL, related_name="events")
    attendance_rule = models.PositiveSmallIntegerField(
        _("attendance needed for a certificate (%)"), default=80,
        help_text=_("Share of the sessions with attendance taken that a participant must attend."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    EDITABLE_FIELDS = ("series", "title", "description", "kind", "city", "country", "venue", "start_date",
                       "end_date", "time_zone", "languages", "is_published", "registration_open",
                       "registration_closes_on", "attendance_rule", "cohort")

    class Meta:
        ordering = ["start_date", "id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return self.title

    @property
    def accepts_registrations(self) -> bool:
        from django.utils import timezone

        deadline_passed = self.registration_closes_on and timezone.localdate() > self.registration_closes_on
        return self.is_published and self.registration_open and not deadline_passed

    @property
    def tz(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def has_ended(self) -> bool:
        """Past its last day where it took place: what happened there (attendance, certificates) is settled."""
        from django.utils import timezone

        return timezone.now().astimezone(self.tz).date() > self.end_date


class CountryQuota(ChoiceDisplayMixin, models.Model):
    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="quotas")
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    organisation_kind = models.CharField(_("organisation type"), max_length=20, choices=OrganisationKind.choices,
                                         blank=True, help_text=_("Leave empty for every type."))
    places = models.PositiveSmallIntegerField(_("places"))

    class Meta:
        ordering = ["country", "organisation_kind"]
        verbose_name = _("country quota")
        verbose_name_plural = _("country quotas")
        constraints = [models.UniqueConstraint(fields=["event", "country", "organisation_kind"],
                                               name="one_quota_per_country_and_type")]

    def __str__(self) -> str:
        return f"{self.country}: {self.places}"


class Room(models.Model):
    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(_("room"), max_length=120)

    class Meta:
        ordering = ["name"]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")

    def __str__(self) -> str:
        return self.name


class Speaker(models.Model):
    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("name"), max_length=200)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("platform account"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["name"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self) -> str:
        return self.name


class Slot(ChoiceDisplayMixin, models.Model):
    class Kind(models.TextChoices):
        REGISTRATION = "registration", _("Registration")
        WELCOME = "welcome", _("Welcome")
        PLENARY = "plenary", _("Plenary session")
        WORK_SESSION = "work_session", _("Work session")
        WORKING_GROUP = "working_group", _("Working-group session")
        FIELD_VISIT = "field_visit", _("Field visit")
        COFFEE_BREAK = "coffee_break", _("Coffee break")
        LUNCH = "lunch", _("Lunch")
        EVALUATION = "evaluation", _("Evaluation")
        CERTIFICATES = "certificates", _("Delivery of certificates")
        CLOSURE = "closure", _("Closure")
        FREE = "free", _("Free programme")
        DINNER = "dinner", _("Official dinner")

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="slots")
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    room = models.ForeignKey(Room, verbose_name=_("room"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="slots")
    location = models.CharField(
        _("location"), max_length=200, blank=True,
        help_text=_("Where the slot takes place when it is not at the event's venue (a field visit, a dinner). "
                    "Leave empty for the venue."))
    speakers = models.ManyToManyField(Speaker, verbose_name=_("speakers"), blank=True, related_name="slots")
    parallel_to = models.ForeignKey("self", verbose_name=_("parallel group of"), null=True, blank=True,
                                    on_delete=models.CASCADE, related_name="parallel_groups",
                                    help_text=_("For a working group that runs at the same time as others."))
    to_be_confirmed = models.BooleanField(_("invited guest, to be confirmed"), default=False)
    takes_attendance = models.BooleanField(_("attendance is taken"), default=False)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        ordering = ["starts_at", "parallel_to_id", "id"]
        verbose_name = _("agenda slot")
        verbose_name_plural = _("agenda slots")
        indexes = [models.Index(fields=["event", "starts_at"])]
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")),
                                              name="slot_ends_after_it_starts")]

    def __str__(self) -> str:
        return self.title or self.get_kind_display()

    @property
    def label(self) -> str:
        return self.title or str(self.get_kind_display())

    @property
    def site(self) -> str:
        """Where the slot takes place: its own location, or else the event's venue."""
        return self.location or self.event.venue

    @property
    def place(self) -> str:
        """The slot's place as people look for it: the room (at the venue), or the slot's own location."""
        return ", ".join(filter(None, [self.room.name if self.room else "", self.site]))

    @property
    def parallel_block_id(self) -> int:
        """The slot the parallel groups of its block run parallel to (itself for a slot alone)."""
        return self.parallel_to_id or self.pk


class RegistrationQuerySet(models.QuerySet):
    def holding_a_place(self):
        return self.filter(status__in=[Registration.Status.APPROVED])


class Registration(ChoiceDisplayMixin, models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        WAITING = "waiting", _("On the waiting list")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("participant"), on_delete=models.CASCADE,
                             related_name="event_registrations")
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT,
                                     related_name="+")
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    dietary_needs = EncryptedTextField(_("dietary needs"), max_length=300, blank=True)
    accessibility_needs = EncryptedTextField(_("accessibility needs"), max_length=300, blank=True)
    listed_consent = models.BooleanField(_("I agree to appear on the participant list"), default=False)
    created_at = models.DateTimeField(_("applied on"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)
    decline_reason = EncryptedTextField(_("reason for declining"), blank=True)
    certificate = models.ForeignKey("learning.Certificate", verbose_name=_("certificate of attendance"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="one_registration_per_person")]
        indexes = [models.Index(fields=["event", "country", "status"])]

    def __str__(self) -> str:
        return f"{self.user} → {self.event}"


class GroupChoice(models.Model):
    """The working group a participant chose in one block of parallel groups (one per block)."""

    registration = models.ForeignKey(Registration, verbose_name=_("registration"), on_delete=models.CASCADE,
                                     related_name="group_choices")
    block = models.ForeignKey(Slot, verbose_name=_("block of parallel groups"), on_delete=models.CASCADE,
                              related_name="+", help_text=_("The group the others run parallel to."))
    slot = models.ForeignKey(Slot, verbose_name=_("working group"), on_delete=models.CASCADE,
                             related_name="group_choices")

    class Meta:
        verbose_name = _("working-group choice")
        verbose_name_plural = _("working-group choices")
        constraints = [models.UniqueConstraint(fields=["registration", "block"], name="one_group_per_block")]

    def __str__(self) -> str:
        return f"{self.registration_id}:{self.slot_id}"


class Attendance(models.Model):
    registration = models.ForeignKey(Registration, verbose_name=_("registration"), on_delete=models.CASCADE,
                                     related_name="attendance")
    slot = models.ForeignKey(Slot, verbose_name=_("session"), on_delete=models.CASCADE, related_name="attendance")
    present = models.BooleanField(_("present"), default=True)

    class Meta:
        verbose_name = _("attendance mark")
        verbose_name_plural = _("attendance marks")
        constraints = [models.UniqueConstraint(fields=["registration", "slot"], name="one_mark_per_session")]

    def __str__(self) -> str:
        return f"{self.registration_id}@{self.slot_id}"


class EvaluationQuestion(models.Model):
    class Kind(models.TextChoices):
        SCALE = "scale", _("Rating from 1 to 5")
        TEXT = "text", _("Open answer")

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="questions")
    slot = models.ForeignKey(Slot, verbose_name=_("session"), null=True, blank=True, on_delete=models.CASCADE,
                             related_name="questions", help_text=_("Empty: a question about the whole event."))
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices, default=Kind.SCALE)
    order = models.PositiveSmallIntegerField(_("order"), default=0,
                                             help_text=_("Questions are shown from the lowest number up."))

    class Meta:
        ordering = ["slot_id", "order", "id"]
        verbose_name = _("evaluation question")
        verbose_name_plural = _("evaluation questions")

    def __str__(self) -> str:
        return self.text


class EvaluationResponse(models.Model):
    registration = models.OneToOneField(Registration, verbose_name=_("registration"), on_delete=models.CASCADE,
                                        related_name="evaluation")
    submitted_at = models.DateTimeField(_("sent on"), default=timezone.now)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self) -> str:
        return f"evaluation {self.pk}"


class Answer(models.Model):
    response = models.ForeignKey(EvaluationResponse, verbose_name=_("evaluation"), on_delete=models.CASCADE,
                                 related_name="answers")
    question = models.ForeignKey(EvaluationQuestion, verbose_name=_("question"), on_delete=models.CASCADE,
                                 related_name="answers")
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    text = EncryptedTextField(_("answer"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question")]

    def __str__(self) -> str:
        return f"answer {self.pk}"
