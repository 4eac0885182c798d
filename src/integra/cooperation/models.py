"""The shared transition record of one person, the team around it and everything the agencies do together.

Sections decide who sees what: a team member's access level gives a set of sections, narrowed further by
the information-sharing agreement between the owner and the member's organisation and by the person's
consent or other legal basis for that organisation.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integra.core.fields import EncryptedTextField
from integra.core.models import Organisation
from integra.core.roles import Role
from integra.core.storage import private_storage


class Section(models.TextChoices):
    IDENTITY = "identity", _("Identity")
    INTELLIGENCE = "intelligence", _("Risk and intelligence")
    ASSESSMENT = "assessment", _("Assessment")
    CASEWORK = "casework", _("Case work")
    PRACTICAL = "practical", _("Practical support")


class AccessLevel(models.TextChoices):
    FULL = "full", _("Full")
    CASEWORK = "casework", _("Case work")
    PRACTICAL = "practical", _("Practical support only")


SECTIONS_BY_LEVEL: dict[str, frozenset[str]] = {
    AccessLevel.FULL: frozenset(Section.values),
    AccessLevel.CASEWORK: frozenset({Section.ASSESSMENT, Section.CASEWORK, Section.PRACTICAL}),
    AccessLevel.PRACTICAL: frozenset({Section.PRACTICAL}),
}
LEVEL_RANK = {AccessLevel.PRACTICAL: 1, AccessLevel.CASEWORK: 2, AccessLevel.FULL: 3}


def level_covering(sections) -> str:
    """The narrowest access level whose sections include all of `sections` (what a team row is adjusted to)."""
    for level in (AccessLevel.PRACTICAL, AccessLevel.CASEWORK, AccessLevel.FULL):
        if set(sections) <= SECTIONS_BY_LEVEL[level]:
            return level
    return AccessLevel.FULL


def all_sections() -> list[str]:
    return list(Section.values)


class TeamRole(models.TextChoices):
    """What a person does on the team around the record (their access is the access level, not the role)."""

    CASE_MANAGER = "case_manager", _("Case manager")
    PRISON_OFFICER = "prison_officer", _("Prison officer")
    PROBATION_OFFICER = "probation_officer", _("Probation officer")
    SOCIAL_WORKER = "social_worker", _("Social worker")
    MENTOR = "mentor", _("Mentor")
    MENTORING_COORDINATOR = "mentoring_coordinator", _("Mentoring coordinator")
    HEALTH = "health", _("Health professional")
    POLICE_LIAISON = "police_liaison", _("Police liaison officer")
    REFERRAL_CONTACT = "referral_contact", _("Contact of the receiving service")
    OTHER = "other", _("Other role")


class Phase(models.TextChoices):
    CUSTODY = "custody", _("In custody")
    PRE_RELEASE = "pre_release", _("Pre-release")
    RELEASED = "released", _("Released")
    SUPERVISION = "supervision", _("Under supervision")
    CLOSED = "closed", _("Closed")


PHASE_ORDER = [Phase.CUSTODY, Phase.PRE_RELEASE, Phase.RELEASED, Phase.SUPERVISION, Phase.CLOSED]


class LegalStatus(models.TextChoices):
    REMAND = "remand", _("On remand")
    SENTENCED = "sentenced", _("Serving a sentence")
    LICENCE = "licence", _("Released on licence / parole")
    PROBATION = "probation", _("Probation or community order")
    NONE = "none", _("No current order")


class LegalBasis(models.TextChoices):
    CONSENT = "consent", _("Consent of the person")
    LEGAL_OBLIGATION = "legal_obligation", _("Legal obligation")
    PUBLIC_TASK = "public_task", _("Public task")
    VITAL_INTERESTS = "vital_interests", _("Vital interests")


class TransitionRecordQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(phase=Phase.CLOSED)


class TransitionRecord(models.Model):
    reference = models.CharField(_("reference"), max_length=32, unique=True, editable=False,
                                 help_text=_("Pseudonymous: no name, safe to use in meetings and e-mails."))
    owner = models.ForeignKey(Organisation, verbose_name=_("owning organisation"), on_delete=models.PROTECT,
                              related_name="owned_records")
    establishment = models.CharField(_("establishment"), max_length=200, blank=True,
                                     help_text=_("Prison or office currently responsible."))
    expected_release_date = models.DateField(_("expected release date"), null=True, blank=True)
    legal_status = models.CharField(_("sentence / supervision status"), max_length=20, choices=LegalStatus.choices,
                                    default=LegalStatus.SENTENCED,
                                    help_text=_("The order the person is under today; change it when it changes."))
    languages = models.CharField(_("languages"), max_length=200, blank=True,
                                 help_text=_("Languages the person speaks, e.g. Arabic, French."))
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices, default=Phase.CUSTODY, db_index=True)
    phase_changed_at = models.DateTimeField(_("phase changed on"), default=timezone.now)
    owner_sections = models.JSONField(
        _("sections the owner holds"), default=all_sections,
        help_text=_("After a handover, only the sections that travelled to the new owner."))
    restricted = models.BooleanField(_("processing restricted"), default=False,
                                     help_text=_("The person asked to restrict processing: no new sharing."))
    rectification_requested = models.BooleanField(_("rectification requested"), default=False)
    legal_hold = models.BooleanField(_("legal hold"), default=False,
                                     help_text=_("Never purged while set (investigation, litigation)."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created on"), default=timezone.now, editable=False)
    closed_at = models.DateTimeField(_("closed on"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version number"), default=1, editable=False)

    objects = TransitionRecordQuerySet.as_manager()

    EDITABLE_FIELDS = ("establishment", "expected_release_date", "legal_status", "languages")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("transition record")
        verbose_name_plural = _("transition records")
        indexes = [models.Index(fields=["owner", "phase"]), models.Index(fields=["expected_release_date"])]

    def __str__(self) -> str:
        return self.reference


class PersonIdentity(models.Model):
    """The identity section, kept apart from the record and encrypted: only full access sees it."""

    record = models.OneToOneField(TransitionRecord, on_delete=models.CASCADE, related_name="identity",
                                  verbose_name=_("transition record"))
    given_names = EncryptedTextField(_("given names"))
    family_name = EncryptedTextField(_("family name"))
    date_of_birth = EncryptedTextField(_("date of birth"), blank=True)
    nationality = EncryptedTextField(_("nationality"), blank=True)
    prison_number = EncryptedTextField(_("prison or case number"), blank=True)
    address = EncryptedTextField(_("address after release"), blank=True)
    version = models.PositiveIntegerField(_("version number"), default=1, editable=False)

    def __str__(self) -> str:
        return f"identity of {self.record_id}"


class SharingAgreementQuerySet(models.QuerySet):
    def valid_on(self, day: dt.date):
        return self.filter(is_active=True, valid_from__lte=day).filter(Q(valid_until__isnull=True) |
                                                                        Q(valid_until__gte=day))


class SharingAgreement(models.Model):
    """An information-sharing agreement between organisations (parties), for stated purposes and data."""

    title = models.CharField(_("title"), max_length=200)
    parties = models.ManyToManyField(Organisation, verbose_name=_("parties"), related_name="sharing_agreements")
    purposes = models.TextField(_("purposes"), help_text=_("Why the parties share, e.g. resettlement planning."))
    data_categories = models.JSONField(_("data categories"), default=list,
                                       help_text=_("Sections of the record the parties may share."))
    legal_basis = models.CharField(_("legal basis"), max_length=20, choices=LegalBasis.choices)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    signatories = models.TextField(_("signatories"), help_text=_("Who signed, for which party, and when."))
    is_active = models.BooleanField(_("in force"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created on"), default=timezone.now)
    version = models.PositiveIntegerField(_("version number"), default=1, editable=False)

    objects = SharingAgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_from", "title"]
        verbose_name = _("information-sharing agreement")
        verbose_name_plural = _("information-sharing agreements")

    def __str__(self) -> str:
        return self.title


class SharingBasisQuerySet(models.QuerySet):
    def active(self):
        return self.filter(withdrawn_at__isnull=True)


class SharingBasis(models.Model):
    """The person's consent, or another legal basis, for sharing their record with named organisations."""

    record = models.ForeignKey(TransitionRecord, on_delete=models.CASCADE, related_name="bases",
                               verbose_name=_("transition record"))
    basis = models.CharField(_("legal basis"), max_length=20, choices=LegalBasis.choices)
    scope = models.JSONField(_("sections covered"), default=list)
    recipients = models.ManyToManyField(Organisation, verbose_name=_("recipients"), related_name="+")
    given_on = models.DateField(_("date given or established"))
    evidence = EncryptedTextField(_("evidence"), blank=True,
                                help_text=_("Where the signed consent form or legal decision is kept."))
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    # A basis recorded for one transfer, for sections outside the agreement's categories: it covers them on its own.
    beyond_agreement = models.BooleanField(_("covers sections outside the agreement"), default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("recorded by"))
    created_at = models.DateTimeField(_("recorded on"), default=timezone.now)

    objects = SharingBasisQuerySet.as_manager()

    class Meta:
        ordering = ["-given_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_basis_display()} ({self.given_on})"


class TeamMemberQuerySet(models.QuerySet):
    def current(self):
        return self.filter(removed_at__isnull=True)


class TeamMember(models.Model):
    """A named person of an organisation on the team around a record, with the access level they need."""

    record = models.ForeignKey(TransitionRecord, on_delete=models.CASCADE, related_name="team",
                               verbose_name=_("transition record"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="record_teams",
                             verbose_name=_("person"))
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+",
                                     verbose_name=_("organisation"))
    access_level = models.CharField(_("access level"), max_length=12, choices=AccessLevel.choices)
    # Narrower than the access level (the sections that travelled with a referral); empty: all of the level's.
    sections = models.JSONField(_("sections"), default=list, blank=True)
    role_on_team = models.CharField(_("role on the team"), max_length=30, choices=TeamRole.choices, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                 verbose_name=_("added by"))
    added_at = models.DateTimeField(_("added on"), default=timezone.now)
    removed_at = models.DateTimeField(_("removed on"), null=True, blank=True)
    ended_by_handover = models.BooleanField(_("ended by a handover"), default=False)

    objects = TeamMemberQuerySet.as_manager()

    class Meta:
        ordering = ["added_at"]
        constraints = [models.UniqueConstraint(fields=["record", "user"], condition=Q(removed_at__isnull=True),
                                               name="one_current_team_row_per_person")]
        indexes = [models.Index(fields=["user", "record"])]

    def __str__(self) -> str:
        return f"{self.user} on {self.record}"


class EmergencyAccess(models.Model):
    """'Break the glass': time-limited access for someone outside the team, with a reason; the owner is told."""

    record = models.ForeignKey(TransitionRecord, on_delete=models.CASCADE, related_name="emergency_accesses",
                               verbose_name=_("transition record"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("person"))
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+",
                                     verbose_name=_("organisation"))
    reason = EncryptedTextField(_("reason"))
    # What the person stated, and what it opened: case work, or everything when the risk to life is immediate.
    risk_to_life = models.BooleanField(_("immediate risk to life"), default=False)
    access_level = models.CharField(_("access level"), max_length=10, choices=AccessLevel.choices)
    granted_at = models.DateTimeField(_("granted on"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires on"))

    class Meta:
        ordering = ["-granted_at"]

    def __str__(self) -> str:
        return f"emergency access by {self.user} to {self.record}"

    @property
    def is_current(self) -> bool:
        return self.expires_at > timezone.now()


class EmergencyResponderQuerySet(models.QuerySet):
    def current(self):
        return self.filter(ended_at__isnull=True)


class EmergencyResponder(models.Model):
    """An organisation and a role that a record owner names for breaking the glass on its records without an
    information-sharing agreement (an out-of-hours crisis team, a hospital's liaison): the owner's own choice of
    who may act in an emergency, ended when it no longer holds."""

    owner = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+",
                              verbose_name=_("owner of the records"))
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+",
                                     verbose_name=_("named organisation"))
    role = models.CharField(_("role"), max_length=40,
                            help_text=_("Only the people who hold this role in the named organisation may break "
                                        "the glass."))
    reason = models.TextField(_("why they are named"), max_length=1000,
                              help_text=_("For example: the regional crisis team answers at night and at weekends."))
    named_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                 verbose_name=_("named by"))
    named_at = models.DateTimeField(_("named on"), default=timezone.now)
    ended_at = models.DateTimeField(_("ended on"), null=True, blank=True)

    objects = EmergencyResponderQuerySet.as_manager()

    class Meta:
        ordering = ["owner", "organisation__name", "role"]
        verbose_name = _("named emergency responder")
        verbose_name_plural = _("named emergency responders")
        constraints = [models.UniqueConstraint(fields=["owner", "organisation", "role"],
                                               condition=Q(ended_at__isnull=True),
                                               name="one_current_naming_per_role")]

    def __str__(self) -> str:
        return f"{self.role} of {self.organisation} for {self.owner}"

    @property
    def role_label(self) -> str:
        return Role(self.role).label if self.role in Role.values else self.role


class Flag(models.Model):
    class Kind(models.TextChoices):
        NO_ADDRESS = "no_address", _("Do not disclose address")
        INTERPRETER = "interpreter", _("Interpreter needed")
        SAFEGUARDING = "safeguarding", _("Safeguarding concern")
        HEALTH = "health", _("Health needs")
        OTHER = "other", _("Other")

    record = models.ForeignKey(TransitionRecord, on_delete=models.CASCADE, related_name="flags",
                               verbose_name=_("transition record"))
    kind = models.CharField(_("flag"), max_length=20, choices=Kind.choices)
    detail = EncryptedTextField(_("detail"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created on"), default=timezone.now)
    removed_at = models.DateTimeField(_("removed on"), null=True, blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.get_kind_display()


class Note(models.Model):
    record = models.ForeignKey(TransitionRecord, on_delete=models.CASCADE, related_name="notes",
                               verbose_name=_("transition record"))
    section = models.CharField(_("section"), max_length=20, choices=Section.choices)
    body = EncryptedTextField(_("note"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                               verbose_name=_("author"))
    organisation = models.ForeignKey(Organisation, null=True, on_delete=models.SET_NULL, related_name="+",
                                     verbose_name=_("organisation"))
    created_at = models.DateTimeField(_("written on"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["record", "section", "-created_at"])]

    def __str__(self) -> str:
        return f"note {self.pk} ({self.section})"


def _document_path(instance, filename):
    return f"cooperation/{instance.record_id}/{timezone.now():%Y%m}/{instance.stored_name}"


class Document(models.Model):
    """An uploaded file; the stored bytes are encrypted with the field key (Fernet)."""

    record = models.ForeignKey(TransitionRecord, on_delete=models.CASCADE, related_name="documents",
                               verbose_name=_("transition record"))
    section = models.CharField(_("section"), max_length=20, choices=Section.choices)
    title = EncryptedTextField(_("title"), max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    stored_name = models.CharField(_("stored file name"), max_length=64, editable=False)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    file = models.FileField(_("file"), upload_to=_document_path, max_length=300, storage=private_storage)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("uploaded by"))
    organisation = models.ForeignKey(Organisation, null=True, on_delete=models.SET_NULL, related_name="+",
                                     verbose_name=_("organisation"))
    created_at = models.DateTimeField(_("uploaded on"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class Referral(models.Model):
    class Kind(models.TextChoices):
        REFERRAL = "referral", _("Referral")
        HANDOVER = "handover", _("Handover (ownership moves)")

    class Urgency(models.TextChoices):
        ROUTINE = "routine", _("Routine")
        SOON = "soon", _("Within a week")
        URGENT = "urgent", _("Urgent")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        REVOKED = "revoked", _("Revoked")

    record = models.ForeignKey(TransitionRecord, on_delete=models.CASCADE, related_name="referrals",
                               verbose_name=_("transition record"))
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices, default=Kind.REFERRAL)
    from_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="referrals_sent",
                                          verbose_name=_("from organisation"))
    to_organisation = models.ForeignKey(Organisation, verbose_name=_("to organisation"), on_delete=models.PROTECT,
                                        related_name="referrals_received")
    reason = EncryptedTextField(_("reason"))
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.ROUTINE)
    access_level = models.CharField(_("access to grant"), max_length=12, choices=AccessLevel.choices,
                                    default=AccessLevel.PRACTICAL)
    sections = models.JSONField(_("handover pack"), default=list,
                                help_text=_("Sections the receiving agency will see once it accepts."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("sent by"))
    created_at = models.DateTimeField(_("sent on"), default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)
    decision_reason = EncryptedTextField(_("reason for the decision"), blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["to_organisation", "status"]), models.Index(fields=["record", "status"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.record} to {self.to_organisation}"


class CaseConference(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    record = models.ForeignKey(TransitionRecord, on_delete=models.CASCADE, related_name="conferences",
                               verbose_name=_("transition record"))
    title = models.CharField(_("title"), max_length=200)
    scheduled_at = models.DateTimeField(_("date and time"))
    location = models.CharField(_("place"), max_length=200, blank=True)
    online_url = models.URLField(_("online meeting link"), blank=True)
    agenda = EncryptedTextField(_("agenda"), blank=True)
    minutes = EncryptedTextField(_("minutes"), blank=True)  # of the case-work section
    practical_minutes = EncryptedTextField(_("minutes for practical support"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("created by"))
    version = models.PositiveIntegerField(_("version number"), default=1, editable=False)

    class Meta:
        ordering = ["-scheduled_at"]

    def __str__(self) -> str:
        return self.title


class ConferenceParticipant(models.Model):
    conference = models.ForeignKey(CaseConference, on_delete=models.CASCADE, related_name="participants",
                                   verbose_name=_("case conference"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("person"))
    attended = models.BooleanField(_("attended"), null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["conference", "user"], name="one_invite_per_person")]

    def __str__(self) -> str:
        return f"{self.user} at {self.conference}"


class Decision(models.Model):
    conference = models.ForeignKey(CaseConference, on_delete=models.CASCADE, related_name="decisions",
                                   verbose_name=_("case conference"))
    text = EncryptedTextField(_("decision"))
    # Seen by those who see this section of the record: a practical decision reaches the practical-support members.
    section = models.CharField(_("section"), max_length=20, choices=Section.choices, default=Section.CASEWORK)
    created_at = models.DateTimeField(_("recorded on"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"decision {self.pk}"


class ActionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=Action.Status.OPEN)

    def overdue(self, today=None):
        return self.open().filter(due_date__lt=today or timezone.localdate())


class Action(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    record = models.ForeignKey(TransitionRecord, on_delete=models.CASCADE, related_name="actions",
                               verbose_name=_("transition record"))
    conference = models.ForeignKey(CaseConference, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="actions", verbose_name=_("case conference"))
    title = EncryptedTextField(_("action"), max_length=300)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT,
                              related_name="cooperation_actions")
    due_date = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created on"), default=timezone.now)
    version = models.PositiveIntegerField(_("version number"), default=1, editable=False)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["owner", "status", "due_date"])]

    def __str__(self) -> str:
        return self.title


class TimelineEntry(models.Model):
    """One line of the record's history. `section` empty means every team member may see it; an entry about an
    action is seen only by those who may see the action (its owner, case-work access)."""

    record = models.ForeignKey(TransitionRecord, on_delete=models.CASCADE, related_name="timeline",
                               verbose_name=_("transition record"))
    occurred_at = models.DateTimeField(_("date and time"), default=timezone.now)
    kind = models.CharField(_("event"), max_length=40)
    section = models.CharField(_("section"), max_length=20, choices=Section.choices, blank=True)
    action = models.ForeignKey(Action, null=True, blank=True, on_delete=models.CASCADE, related_name="+",
                               verbose_name=_("action"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                              verbose_name=_("done by"))
    data = models.JSONField(_("other details"), default=dict)
    # The sensitive words of the entry (an emergency reason, an action or document title), encrypted like the row
    # they come from; `data` holds only what may sit in clear text (kinds, names of organisations, ids).
    detail = EncryptedTextField(_("detail"), blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["record", "-occurred_at"])]

    def __str__(self) -> str:
        return f"{self.kind} on {self.record_id}"


class Exemption(models.TextChoices):
    """The grounds on which a data-protection officer may withhold an item of a subject-access copy."""

    CRIME = "crime", _("prevention or detection of crime (disclosure would prejudice it)")
    NATIONAL_SECURITY = "national_security", _("national security")
    THIRD_PARTY = "third_party", _("information about another person who has not agreed to its disclosure")
    SERIOUS_HARM = "serious_harm", _("serious harm to someone's physical or mental health")
    JUDICIAL = "judicial", _("protection of judicial proceedings")
    LEGAL_PRIVILEGE = "legal_privilege", _("legal professional privilege")


class SubjectAccessRelease(models.Model):
    """One subject-access copy handed to the person: who released it, when, in which language, which items
    were reviewed and which were withheld under which exemption. The copy is rendered again from the record
    on download, showing only the items reviewed at release and withholding the same ones."""

    record = models.ForeignKey(TransitionRecord, on_delete=models.CASCADE, related_name="subject_access_releases",
                               verbose_name=_("transition record"))
    released_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("released by"))
    released_at = models.DateTimeField(_("released"), default=timezone.now)
    language = models.CharField(_("language of the copy"), max_length=8, choices=settings.LANGUAGES)
    # The item keys ("note:3") present when the officer reviewed the copy.
    reviewed = models.JSONField(_("items reviewed"), default=list)
    withheld = models.JSONField(_("withheld items"), default=dict)  # {item key: Exemption value}
    note = EncryptedTextField(_("note for the file"), blank=True,
                              help_text=_("Why the items were withheld, for the file. Not part of the copy."))

    class Meta:
        ordering = ["-released_at", "-id"]
        verbose_name = _("subject-access release")
        verbose_name_plural = _("subject-access releases")

    def __str__(self) -> str:
        return f"{self.record_id} {self.released_at:%Y-%m-%d}"
