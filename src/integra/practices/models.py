"""The knowledge base (O1 and O7's guide): practices with their peer review, approaches and lessons learned,
publications, and the focus groups and interviews that feed them. Nothing here points at case data.

Multi-valued facets (settings, themes, audiences, countries, languages) are stored as one delimited column
(`|prison|probation|`, see `TagsField`), so a facet filter is one indexed-friendly `contains` on SQLite and
PostgreSQL alike and a list reads every facet in the query it already makes."""

from django.conf import settings as django_settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integra.core.fields import EncryptedTextField
from integra.core.models import Organisation

USER = django_settings.AUTH_USER_MODEL


class TagsField(models.CharField):
    """A list of short codes stored as `|a|b|`. Filter with `field__contains="|a|"` (`tag_lookup`)."""

    def from_db_value(self, value, expression, connection):
        return [part for part in (value or "").split("|") if part]

    def to_python(self, value):
        if isinstance(value, list):
            return value
        return [part for part in (value or "").split("|") if part]

    def get_prep_value(self, value):
        if isinstance(value, list | tuple | set):
            parts = sorted({str(v) for v in value if v})
            return f"|{'|'.join(parts)}|" if parts else ""
        return value or ""

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))


def tag_lookup(field: str, value: str) -> dict:
    return {f"{field}__contains": f"|{value}|"}


class Setting(models.TextChoices):
    PRISON = "prison", _("Prison")
    PROBATION = "probation", _("Probation")
    COMMUNITY = "community", _("Community")


class Theme(models.TextChoices):
    DERADICALISATION = "deradicalisation", _("Deradicalisation and disengagement")
    PRISON_PROBATION = "prison_probation", _("Prison and probation")
    FAMILIES = "families", _("Family support")
    MENTORING = "mentoring", _("Mentoring")
    MULTI_AGENCY = "multi_agency", _("Multi-agency cooperation")
    RISK_ASSESSMENT = "risk_assessment", _("Risk and needs assessment")
    TRAINING = "training", _("Training of frontline staff")
    EXIT = "exit", _("Exit strategies")
    YOUTH = "youth", _("Youth work")
    COMMUNITY_ENGAGEMENT = "community_engagement", _("Community engagement")


class Audience(models.TextChoices):
    PRISON_STAFF = "prison_staff", _("Prison staff")
    PROBATION_STAFF = "probation_staff", _("Probation staff")
    INMATES = "inmates", _("Inmates")
    FORMER_INMATES = "former_inmates", _("Former inmates")
    FAMILIES = "families", _("Families")
    YOUTH = "youth", _("Young people")
    COMMUNITY = "community", _("Community organisations")
    POLICY_MAKERS = "policy_makers", _("Policy makers")
    GENERAL_PUBLIC = "general_public", _("General public")


class EvidenceLevel(models.TextChoices):
    NOT_EVALUATED = "not_evaluated", _("Not evaluated")
    MONITORING = "monitoring", _("Monitoring only")
    PROCESS = "process", _("Process evaluation")
    OUTCOME = "outcome", _("Outcome evaluation")


class OrganisationType(models.TextChoices):
    GOVERNMENT = "government", _("Government agency")
    PRISON = "prison", _("Prison service")
    PROBATION = "probation", _("Probation service")
    NGO = "ngo", _("NGO")
    RESEARCH = "research", _("University or research centre")
    OTHER = "other", _("Other")


class PracticeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Practice.Status.PUBLISHED)


class Practice(models.Model):
    """One entry of the collection, with the fields of the RAN Collection template."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        PEER_REVIEW = "peer_review", _("In peer review")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    class Label(models.TextChoices):
        NONE = "", _("No label")
        INSPIRING = "inspiring", _("Inspiring practice")
        PEER_REVIEWED = "peer_reviewed", _("Peer reviewed practice")

    class PracticeStatus(models.TextChoices):
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")

    EDITABLE_FIELDS = (
        "name", "description", "prevention_link", "approach", "target_audiences", "themes", "settings", "countries",
        "geographical_scope", "start_year", "practice_status", "organisation_name", "organisation_type", "funding",
        "deliverables", "evaluation", "evidence_level", "maryland_level", "sustainability", "contact_name",
        "contact_email", "contact_phone", "contact_public", "languages",
    )
    TEXT_FIELDS = ("name", "description", "prevention_link", "approach", "geographical_scope", "funding",
                   "deliverables", "evaluation", "sustainability")

    name = models.CharField(_("Name of the practice"), max_length=300)
    description = models.TextField(_("Description"), help_text=_("What the practice does, in at most 300 words."))
    prevention_link = models.TextField(
        _("Link to preventing radicalisation"),
        help_text=_("How the practice explicitly prevents or counters radicalisation or violent extremism."))
    approach = models.TextField(_("Approach"), blank=True)
    target_audiences = TagsField(_("Target audiences"), max_length=400, blank=True)
    themes = TagsField(_("Key themes"), max_length=400, blank=True)
    settings = TagsField(_("Settings"), max_length=100, blank=True)
    countries = TagsField(_("Countries"), max_length=300, blank=True)
    geographical_scope = models.CharField(_("Geographical scope"), max_length=300, blank=True)
    start_year = models.PositiveSmallIntegerField(_("Start of the practice (year)"), null=True, blank=True)
    practice_status = models.CharField(_("Status of the practice"), max_length=10, choices=PracticeStatus.choices,
                                       default=PracticeStatus.ACTIVE)
    organisation_name = models.CharField(_("Organisation"), max_length=300)
    organisation_type = models.CharField(_("Type of organisation"), max_length=20, choices=OrganisationType.choices,
                                         default=OrganisationType.NGO)
    funding = models.CharField(_("Funding"), max_length=500, blank=True)
    deliverables = models.TextField(_("Deliverables and products"), blank=True)
    evaluation = models.TextField(_("Evaluation and feedback"), blank=True)
    evidence_level = models.CharField(_("Evidence level"), max_length=20, choices=EvidenceLevel.choices,
                                      default=EvidenceLevel.NOT_EVALUATED)
    maryland_level = models.PositiveSmallIntegerField(
        _("Maryland scientific methods scale"), null=True, blank=True,
        help_text=_("1 (correlation) to 5 (randomised control): only with an outcome evaluation."))
    sustainability = models.TextField(_("Sustainability and transferability"), blank=True)
    contact_name = models.CharField(_("Contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("Contact e-mail"), blank=True)
    contact_phone = models.CharField(_("Contact phone"), max_length=50, blank=True)
    contact_public = models.BooleanField(
        _("Show the contact publicly"), default=False,
        help_text=_("Only with the contact person's consent. Otherwise people reach the owner through the platform."))
    languages = TagsField(_("Languages available"), max_length=60, blank=True)

    owner = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="practices",
                              verbose_name=_("Owner"))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="practices", verbose_name=_("Owning organisation"))
    status = models.CharField(_("Workflow status"), max_length=12, choices=Status.choices, default=Status.DRAFT,
                              db_index=True)
    label = models.CharField(_("Label"), max_length=15, choices=Label.choices, blank=True, default="")
    approaches = models.ManyToManyField("Approach", blank=True, related_name="practices",
                                        verbose_name=_("Approaches"))
    version = models.PositiveIntegerField(default=1, verbose_name=_("version"))
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created at"))
    updated_at = models.DateTimeField(_("Last updated"), default=timezone.now, db_index=True)
    published_at = models.DateTimeField(null=True, blank=True, verbose_name=_("published at"))
    archive_proposed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("archiving proposed at"))
    rereview_needed_since = models.DateTimeField(
        _("Changed in substance since its peer review"), null=True, blank=True,
        help_text=_("The peer reviewed label is withdrawn until a new review is completed."))

    objects = PracticeQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "id"]
        verbose_name = _("Practice")
        verbose_name_plural = _("Practices")

    def __str__(self):
        return self.name

    @property
    def settings_labels(self):
        return [Setting(v).label for v in self.settings if v in Setting.values]

    @property
    def themes_labels(self):
        return [Theme(v).label for v in self.themes if v in Theme.values]

    @property
    def audiences_labels(self):
        return [Audience(v).label for v in self.target_audiences if v in Audience.values]

    @property
    def countries_labels(self):
        from integra.core.countries import Country

        return [Country(v).label for v in self.countries if v in Country.values]


class PracticeVersion(models.Model):
    """A snapshot of a practice's fields at each save (our own history: django-simple-history is not installed;
    a snapshot of the translated texts as JSON gives the differences between any two versions)."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="versions",
                                 verbose_name=_("practice"))
    number = models.PositiveIntegerField(verbose_name=_("version number"))
    data = models.JSONField(verbose_name=_("content"))
    author = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, verbose_name=_("author"))
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created at"))

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["practice", "number"], name="practice_version_once")]
        verbose_name = _("practice version")
        verbose_name_plural = _("practice versions")

    def __str__(self):
        return f"{type(self).__name__} {self.pk}"


class ReviewerProfile(models.Model):
    """A member of the expert pool: experience and fields, and declared conflicts of interest."""

    user = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="reviewer_profile",
                                verbose_name=_("account"))
    years_experience = models.PositiveSmallIntegerField(_("Years as a first-line P/CVE practitioner"))
    themes = TagsField(_("Fields of expertise"), max_length=400, blank=True)
    settings = TagsField(_("Settings known"), max_length=100, blank=True)
    evaluation_experience = models.BooleanField(_("Experience with reviews, theory of change or evaluation"),
                                                default=False)
    conflicts = models.ManyToManyField(Organisation, blank=True, related_name="+",
                                       verbose_name=_("Organisations with a conflict of interest"))
    active = models.BooleanField(default=True, verbose_name=_("active"))

    class Meta:
        verbose_name = _("reviewer profile")
        verbose_name_plural = _("reviewer profiles")

    def __str__(self):
        return f"{type(self).__name__} {self.pk}"


class Review(models.Model):
    """An expert review of a practice. Never published: the owner, the editors and the reviewer read it."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed to the owner")
        ACCEPTED = "accepted", _("Accepted by the owner")
        DECLINED = "declined", _("Declined by the owner")
        COMPLETED = "completed", _("Completed")

    class Recommendation(models.TextChoices):
        PEER_REVIEWED = "peer_reviewed", _("Label as peer reviewed")
        REVISE = "revise", _("Revise and resubmit")
        NOT_RECOMMENDED = "not_recommended", _("Not recommended")

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("practice"))
    reviewer = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="practice_reviews",
                                 verbose_name=_("reviewer"))
    proposed_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+",
                                    verbose_name=_("proposed by"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED, verbose_name=_("status"))
    # The structured form (scores 1–5 and comments per criterion).
    relevance = models.PositiveSmallIntegerField(_("Relevance to P/CVE"), null=True, blank=True)
    theory_of_change = models.PositiveSmallIntegerField(_("Theory of change"), null=True, blank=True)
    evidence = models.PositiveSmallIntegerField(_("Evidence and evaluation"), null=True, blank=True)
    transferability = models.PositiveSmallIntegerField(_("Transferability"), null=True, blank=True)
    ethics = models.PositiveSmallIntegerField(_("Ethics and safeguards"), null=True, blank=True)
    strengths = models.TextField(_("Strengths"), blank=True)
    improvements = models.TextField(_("Points for improvement"), blank=True)
    recommendation = models.CharField(_("Recommendation"), max_length=20, choices=Recommendation.choices, blank=True)
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created at"))
    completed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("completed at"))

    SCORES = ("relevance", "theory_of_change", "evidence", "transferability", "ethics")

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self):
        return f"{type(self).__name__} {self.pk}"


class ContactRequest(models.Model):
    """"Find a counterpart": a message to a practice's owner through the platform."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="contact_requests",
                                 verbose_name=_("practice"))
    sender = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+", verbose_name=_("sender"))
    message = EncryptedTextField(_("Message"))
    share_email = models.BooleanField(_("Share my e-mail address with the owner"), default=False)
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")

    def __str__(self):
        return f"{type(self).__name__} {self.pk}"


class Approach(models.Model):
    """An approach, in the RAN chapter shape: description, aims, methods, lessons learned, practices."""

    title = models.CharField(_("Title"), max_length=300)
    description = models.TextField(_("General description"))
    aims = models.TextField(_("Aims"), blank=True)
    methods = models.TextField(_("Methods"), blank=True)
    is_published = models.BooleanField(_("Published"), default=False)
    owner = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("owner"))
    version = models.PositiveIntegerField(default=1, verbose_name=_("version"))
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created at"))

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("approach")
        verbose_name_plural = _("approaches")

    def __str__(self):
        return self.title


class LessonLearned(models.Model):
    """A lesson learned, linked to the practices and approaches it comes from, and perhaps to a study's theme."""

    title = models.CharField(_("Title"), max_length=300)
    summary = models.TextField(_("Summary"))
    body = models.TextField(_("Body"), blank=True)
    practices = models.ManyToManyField(Practice, blank=True, related_name="lessons", verbose_name=_("Practices"))
    approaches = models.ManyToManyField(Approach, blank=True, related_name="lessons", verbose_name=_("Approaches"))
    evidence = models.CharField(_("Evidence"), max_length=500, blank=True,
                                help_text=_("Where it comes from: a study, the number of sessions, the mix of roles."))
    is_published = models.BooleanField(_("Published"), default=False)
    owner = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("owner"))
    version = models.PositiveIntegerField(default=1, verbose_name=_("version"))
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created at"))

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("lesson learned")
        verbose_name_plural = _("lessons learned")

    def __str__(self):
        return self.title


class SearchEntry(models.Model):
    """What search reads for one practice: its texts in every language, folded (lower case, no accents, words
    only — `practices.search.fold`), so SQLite FTS5 and PostgreSQL's tsvector index the very same words."""

    practice = models.OneToOneField(Practice, on_delete=models.CASCADE, primary_key=True, related_name="search",
                                    verbose_name=_("practice"))
    document = models.TextField(verbose_name=_("search text"))

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")

    def __str__(self):
        return f"{type(self).__name__} {self.pk}"


# --- publications (O1's review, O7's guide) -------------------------------------------------------------------


class Publication(models.Model):
    class Kind(models.TextChoices):
        REVIEW = "review", _("State of the art review")
        GUIDE = "guide", _("Multi-agency cooperation guide")
        RECOMMENDATIONS = "recommendations", _("Policy recommendations")

    slug = models.SlugField(unique=True, verbose_name=_("short name in the web address"))
    kind = models.CharField(_("Kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("Title"), max_length=300)
    summary = models.TextField(_("Summary"), blank=True)
    is_published = models.BooleanField(_("Published"), default=False)
    owner = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("owner"))
    practices = models.ManyToManyField(Practice, blank=True, related_name="publications", verbose_name=_("practices"))
    lessons = models.ManyToManyField(LessonLearned, blank=True, related_name="publications",
                                     verbose_name=_("lessons learned"))
    version = models.PositiveIntegerField(default=1, verbose_name=_("version"))
    updated_at = models.DateTimeField(default=timezone.now, verbose_name=_("updated at"))

    class Meta:
        ordering = ["kind", "title"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def __str__(self):
        return self.title


class Chapter(models.Model):
    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="chapters",
                                    verbose_name=_("publication"))
    position = models.PositiveSmallIntegerField(default=0, verbose_name=_("position"))
    title = models.CharField(_("Title"), max_length=300)
    body = models.TextField(_("Body"))
    link_label = models.CharField(_("Link label"), max_length=200, blank=True)
    link_url = models.CharField(_("Link"), max_length=300, blank=True,
                                help_text=_("A page of the platform that carries the recommendation out."))

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("chapter")
        verbose_name_plural = _("chapters")

    def __str__(self):
        return f"{type(self).__name__} {self.pk}"


# --- focus groups and interviews ------------------------------------------------------------------------------


class Study(models.Model):
    title = models.CharField(_("Title"), max_length=300)
    research_questions = models.TextField(_("Research questions"))
    ethics_reference = models.CharField(_("Ethics reference"), max_length=200, blank=True)
    retention_until = models.DateField(_("Keep the research data until"),
                                       help_text=_("Transcripts and notes are purged after this date."))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="studies",
                                     verbose_name=_("organisation"))
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created at"))
    blind_coding = models.BooleanField(
        _("Blind coding for reliability"), default=False,
        help_text=_("Coders see only their own codings; the lead compares them and adjudicates."))

    class Meta:
        ordering = ["-created_at", "id"]
        verbose_name_plural = _("Studies")
        verbose_name = _("study")

    def __str__(self):
        return self.title


class StudyMember(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", _("Lead (manages the study)")
        CODER = "coder", _("Coder")
        READER = "reader", _("Reader")

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="members", verbose_name=_("study"))
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="study_memberships",
                             verbose_name=_("account"))
    role = models.CharField(max_length=10, choices=Role.choices, verbose_name=_("role"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["study", "user"], name="study_member_once")]
        verbose_name = _("study member")
        verbose_name_plural = _("study members")

    def __str__(self):
        return f"{type(self).__name__} {self.pk}"


class Guide(models.Model):
    """A versioned interview or focus-group guide: questions, each with its probes."""

    class Kind(models.TextChoices):
        INTERVIEW = "interview", _("Interview")
        FOCUS_GROUP = "focus_group", _("Focus group")

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="guides", verbose_name=_("study"))
    kind = models.CharField(max_length=12, choices=Kind.choices, verbose_name=_("kind"))
    version = models.PositiveSmallIntegerField(verbose_name=_("version"))
    questions = models.JSONField(verbose_name=_("questions"))
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created at"))

    class Meta:
        ordering = ["kind", "-version"]
        constraints = [models.UniqueConstraint(fields=["study", "kind", "version"], name="guide_version_once")]
        verbose_name = _("interview guide")
        verbose_name_plural = _("interview guides")

    def __str__(self):
        return f"{type(self).__name__} {self.pk}"


class ConsentSheet(models.Model):
    """A versioned consent form and information sheet."""

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="consent_sheets", verbose_name=_("study"))
    version = models.PositiveSmallIntegerField(verbose_name=_("version"))
    information = models.TextField(_("Information sheet"))
    consent_text = models.TextField(_("Consent form"))
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created at"))

    class Meta:
        ordering = ["-version"]
        constraints = [models.UniqueConstraint(fields=["study", "version"], name="consent_version_once")]
        verbose_name = _("consent sheet")
        verbose_name_plural = _("consent sheets")

    def __str__(self):
        return f"{type(self).__name__} {self.pk}"


class ResearchSession(models.Model):
    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        VIDEO = "video", _("Video call")
        PHONE = "phone", _("Phone")

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("study"))
    kind = models.CharField(_("Kind"), max_length=12, choices=Guide.Kind.choices)
    guide = models.ForeignKey(Guide, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                              verbose_name=_("guide"))
    date = models.DateField(_("Date"))
    mode = models.CharField(_("Mode"), max_length=10, choices=Mode.choices, default=Mode.IN_PERSON)
    facilitator = models.CharField(_("Facilitator"), max_length=200)
    note_taker = models.CharField(_("Note-taker"), max_length=200, blank=True)
    label = models.CharField(_("Label"), max_length=100, help_text=_("e.g. FG-1, INT-3: no names."))
    notes = EncryptedTextField(_("Notes"), blank=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("research session")
        verbose_name_plural = _("research sessions")

    def __str__(self):
        return f"{type(self).__name__} {self.pk}"


class Participant(models.Model):
    class RoleCategory(models.TextChoices):
        PRISON_OFFICER = "prison_officer", _("Prison officer")
        PROBATION_OFFICER = "probation_officer", _("Probation officer")
        NGO = "ngo", _("NGO worker")
        FORMER = "former", _("Former")
        FAMILY = "family", _("Family member")
        OTHER = "other", _("Other")

    session = models.ForeignKey(ResearchSession, on_delete=models.CASCADE, related_name="participants",
                                verbose_name=_("session"))
    code = models.CharField(_("Pseudonym"), max_length=20, help_text=_("A code such as P01, never a name."))
    role_category = models.CharField(_("Role category"), max_length=20, choices=RoleCategory.choices)
    consent_sheet = models.ForeignKey(ConsentSheet, on_delete=models.PROTECT, related_name="+",
                                      verbose_name=_("Consent version"))
    consent_given_on = models.DateField(_("Consent given on"))
    consent_withdrawn_on = models.DateField(null=True, blank=True, verbose_name=_("consent withdrawn on"))

    class Meta:
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["session", "code"], name="participant_code_once")]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self):
        return f"{type(self).__name__} {self.pk}"


class Transcript(models.Model):
    """A session's transcript, encrypted at rest; `text` is normalised (LF line ends) so offsets are stable."""

    session = models.OneToOneField(ResearchSession, on_delete=models.CASCADE, related_name="transcript",
                                   verbose_name=_("session"))
    text = EncryptedTextField(_("Transcript"))  # pseudonymised: what coders read
    raw_text = EncryptedTextField(blank=True,
                                  verbose_name=_("raw text"))  # as uploaded: the study lead only, every read audited
    version = models.PositiveIntegerField(default=1, verbose_name=_("version"))
    updated_at = models.DateTimeField(default=timezone.now, verbose_name=_("updated at"))

    class Meta:
        verbose_name = _("transcript")
        verbose_name_plural = _("transcripts")

    def __str__(self):
        return f"{type(self).__name__} {self.pk}"


class PseudonymKey(models.Model):
    """A study's replacements (real name → pseudonym), encrypted and kept apart from the transcripts."""

    study = models.OneToOneField(Study, on_delete=models.CASCADE, related_name="pseudonym_key", verbose_name=_("study"))
    replacements = EncryptedTextField(blank=True, verbose_name=_("replacements"))  # JSON {"real name": "P01"}
    updated_at = models.DateTimeField(default=timezone.now, verbose_name=_("updated at"))

    class Meta:
        verbose_name = _("pseudonym key")
        verbose_name_plural = _("pseudonym keys")

    def __str__(self):
        return f"PseudonymKey {self.pk}"


class Code(models.Model):
    """A code of the study's codebook; `parent` makes the hierarchy (a theme is a top-level code with children)."""

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="codes", verbose_name=_("study"))
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="children",
                               verbose_name=_("parent code"))
    name = models.CharField(_("Name"), max_length=200)
    definition = models.TextField(_("Definition"), blank=True)
    inclusion = models.TextField(_("Include when"), blank=True)
    exclusion = models.TextField(_("Exclude when"), blank=True)
    is_theme = models.BooleanField(_("Theme"), default=False)

    class Meta:
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["study", "parent", "name"], name="code_name_once")]
        verbose_name = _("code")
        verbose_name_plural = _("codes")

    def __str__(self):
        return self.name


class Coding(models.Model):
    """A coded segment: offsets in code points over the normalised transcript, with its quoted snippet."""

    transcript = models.ForeignKey(Transcript, on_delete=models.CASCADE, related_name="codings",
                                   verbose_name=_("transcript"))
    code = models.ForeignKey(Code, on_delete=models.CASCADE, related_name="codings", verbose_name=_("code"))
    participant = models.ForeignKey(Participant, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="codings", verbose_name=_("participant"))
    start = models.PositiveIntegerField(verbose_name=_("start"))
    end = models.PositiveIntegerField(verbose_name=_("end"))
    snippet = EncryptedTextField(verbose_name=_("snippet"))
    memo = EncryptedTextField(blank=True, verbose_name=_("memo"))
    coder = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("coder"))
    is_final = models.BooleanField(_("Adjudicated"), default=False,
                                   help_text=_("Set by the adjudicator: the final coding after comparing coders."))
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created at"))

    class Meta:
        ordering = ["start", "id"]
        verbose_name = _("coding")
        verbose_name_plural = _("codings")

    def __str__(self):
        return f"{type(self).__name__} {self.pk}"
