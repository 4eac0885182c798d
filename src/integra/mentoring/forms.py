from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integra.core.models import Organisation

from .models import (
    Availability,
    CheckKind,
    Closure,
    ConcernCategory,
    ConstraintKind,
    Gender,
    Mentor,
    OutcomePoint,
    Respondent,
    SessionMode,
    Stage,
    StandardRating,
    SupervisionKind,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _today():
    return timezone.localdate()


class ApplicationForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Programme"), queryset=Organisation.objects.none(),
                                          help_text=_("The organisation whose mentoring programme you apply to."))
    full_name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), help_text=_("We write to you only about your application."))
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    motivation = forms.CharField(label=_("Why do you want to mentor?"), max_length=5000, widget=forms.Textarea(
        attrs={"rows": 5}), help_text=_("A few sentences: what you would bring and what you hope for."))
    languages = forms.CharField(label=_("Languages"), max_length=200,
                                help_text=_("Languages you can mentor in, separated by commas."))
    availability = forms.MultipleChoiceField(label=_("When are you available?"), choices=Availability.choices,
                                             widget=forms.CheckboxSelectMultiple, required=False)
    area = forms.CharField(label=_("Area"), max_length=120, help_text=_("The town or district where you live."))
    travel_km = forms.IntegerField(label=_("How far can you travel (km)?"), min_value=0, max_value=500, initial=10)
    skills = forms.CharField(label=_("Skills and interests"), max_length=500, required=False,
                             help_text=_("Separated by commas, e.g. housing, cooking, football, job search."))
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices, initial=Gender.OTHER,
                               help_text=_("Some people ask for a mentor of a given gender."))
    culture = forms.CharField(label=_("Culture or faith"), max_length=120, required=False)
    culture_consent = forms.BooleanField(label=_("Use my culture or faith for matching"), required=False)
    lived_experience = forms.BooleanField(label=_("I have lived experience of prison or the justice system"),
                                          required=False)
    former_route = forms.BooleanField(
        label=_("I left an extremist group or movement and want to mentor as a former"), required=False,
        help_text=_("Formers are welcome: your application follows its own approval path with an assessment and "
                    "a coordinator's decision, instead of a blanket exclusion by the record check."))
    privacy = forms.BooleanField(label=_("I agree that the programme keeps this application to assess it"))

    def __init__(self, *args, programmes=None, **kwargs):
        super().__init__(*args, **kwargs)
        if programmes is not None:
            self.fields["organisation"].queryset = programmes

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("privacy")
        return data


class CheckForm(forms.Form):
    kind = forms.ChoiceField(label=_("Check"), choices=CheckKind.choices)
    check_type = forms.CharField(label=_("Type"), max_length=120, required=False,
                                 help_text=_("E.g. enhanced criminal-record extract, barred-list check."))
    number = forms.CharField(label=_("Number"), max_length=200, required=False,
                             help_text=_("Certificate or reference number; stored encrypted."))
    checked_on = forms.DateField(label=_("Date"), widget=DATE, initial=_today)
    authority = forms.CharField(label=_("Authority or referee"), max_length=200)
    expires_on = forms.DateField(label=_("Expires on"), widget=DATE, required=False,
                                 help_text=_("Required for a criminal-record check. Reminders go out 30 days "
                                             "before; on expiry the mentor cannot be matched."))
    upload = forms.FileField(label=_("Document"), required=False,
                             help_text=_("PDF, image or text, at most 10 MB; stored encrypted in private storage."))


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("Move to"), choices=[c for c in Stage.choices if c[0] != Stage.MATCHED])
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False,
                             help_text=_("Required for a pause."))
    version = forms.IntegerField(widget=forms.HiddenInput)


class SignForm(forms.Form):
    code_of_conduct = forms.BooleanField(label=_("I have read and sign the code of conduct"), required=False)
    agreement = forms.BooleanField(label=_("I have read and accept the mentoring agreement"), required=False)


class FormerAssessmentForm(forms.Form):
    """The coordinator asks a certified assessor for the former's assessment."""

    assessor = forms.EmailField(label=_("Assessor's e-mail address"),
                                help_text=_("A frontline practitioner or case manager certified for the instrument."))
    instrument = forms.ModelChoiceField(label=_("Instrument"), queryset=None)

    def __init__(self, *args, **kwargs):
        from integra.assessment.models import Instrument, InstrumentVersion, Level

        super().__init__(*args, **kwargs)
        self.fields["instrument"].queryset = Instrument.objects.filter(
            level=Level.INDIVIDUAL, versions__status=InstrumentVersion.Status.PUBLISHED).distinct()

    def clean_assessor(self):
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.filter(email__iexact=self.cleaned_data["assessor"], is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("No active account has this e-mail address."))
        return user


class FormerDecisionForm(forms.Form):
    approved = forms.TypedChoiceField(label=_("Decision"), coerce=lambda v: v == "yes",
                                      choices=[("yes", _("Approve")), ("no", _("Do not approve"))])
    rationale = forms.CharField(label=_("Rationale"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))


class SupervisionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=SupervisionKind.choices)
    held_on = forms.DateField(label=_("Date"), widget=DATE, initial=_today)
    wellbeing = forms.IntegerField(label=_("Wellbeing (1–5)"), min_value=1, max_value=5, initial=3)
    notes = forms.CharField(label=_("Reflective notes"), max_length=50000, required=False,
                            widget=forms.Textarea(attrs={"rows": 4}))
    next_due_on = forms.DateField(label=_("Next supervision due"), widget=DATE)


class MenteeForm(forms.Form):
    languages = forms.CharField(label=_("Languages"), max_length=200, required=False)
    area = forms.CharField(label=_("Area"), max_length=120, required=False)
    gender_preference = forms.ChoiceField(label=_("Preferred gender of the mentor"), required=False,
                                          choices=[("", _("No preference")), *Gender.choices])
    availability = forms.MultipleChoiceField(label=_("Availability"), choices=Availability.choices,
                                             widget=forms.CheckboxSelectMultiple, required=False)
    interests = forms.CharField(label=_("Interests and needs"), max_length=500, required=False)
    wants_lived_experience = forms.BooleanField(label=_("Would value a mentor with lived experience"),
                                                required=False)
    culture = forms.CharField(label=_("Culture or faith"), max_length=120, required=False)
    culture_consent = forms.BooleanField(label=_("The person agreed that culture or faith be used"), required=False)


class ConstraintForm(forms.Form):
    kind = forms.ChoiceField(label=_("Constraint"), choices=ConstraintKind.choices)
    area = forms.CharField(label=_("Area"), max_length=120, required=False,
                           help_text=_("For an exclusion zone or a victim's area: mentors living there are "
                                       "excluded."))
    mentor = forms.ModelChoiceField(
        label=_("Mentor's number"), queryset=Mentor.objects.none(), required=False, widget=forms.NumberInput,
        help_text=_("For a group link, a prior relationship or a conflict of interest: the number shown in the "
                    "pool and on the mentor's page."))
    detail = forms.CharField(label=_("Detail"), max_length=5000, required=False, widget=forms.Textarea(
        attrs={"rows": 2}), help_text=_("Seen by coordinators only."))

    def __init__(self, *args, mentors=None, **kwargs):
        super().__init__(*args, **kwargs)
        if mentors is not None:
            self.fields["mentor"].queryset = mentors


class FamilyForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    relationship = forms.CharField(label=_("Relationship"), max_length=60)
    consent_given_on = forms.DateField(label=_("Their own consent given on"), widget=DATE)


class DecideForm(forms.Form):
    mentor = forms.ModelChoiceField(label=_("Mentor"), queryset=Mentor.objects.none())
    mentee_consent_on = forms.DateField(label=_("The mentee consented on"), widget=DATE, initial=_today)
    rationale = forms.CharField(label=_("Rationale"), max_length=5000, required=False, widget=forms.Textarea(
        attrs={"rows": 2}), help_text=_("Required when you do not take the first suggestion."))

    def __init__(self, *args, mentors=None, **kwargs):
        super().__init__(*args, **kwargs)
        if mentors is not None:
            self.fields["mentor"].queryset = mentors


class SessionForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=DATE, initial=_today)
    duration_minutes = forms.IntegerField(label=_("Minutes"), min_value=5, max_value=600, initial=60)
    mode = forms.ChoiceField(label=_("How"), choices=SessionMode.choices)
    attended = forms.BooleanField(label=_("The mentee came"), required=False, initial=True)
    safety_ok = forms.BooleanField(label=_("No safety worry"), required=False, initial=True,
                                   help_text=_("Untick and raise a concern if something worried you."))
    notes = forms.CharField(label=_("Notes"), max_length=50000, required=False, widget=forms.Textarea(
        attrs={"rows": 3}), help_text=_("Encrypted; seen by you and the coordinator."))


class GoalForm(forms.Form):
    title = forms.CharField(label=_("New goal"), max_length=300, help_text=_("Practical, e.g. open a bank account."))


class GoalProgressForm(forms.Form):
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    comment = forms.CharField(label=_("Comment"), max_length=5000, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class ConcernForm(forms.Form):
    category = forms.ChoiceField(label=_("What is it about?"), choices=ConcernCategory.choices,
                                 widget=forms.RadioSelect)
    severity = forms.ChoiceField(label=_("Severity"), choices=[("routine", _("Routine")), ("urgent", _("Urgent"))],
                                 widget=forms.RadioSelect)
    detail = forms.CharField(label=_("What happened"), max_length=5000, required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))


class ReasonForm(forms.Form):
    closure = forms.ChoiceField(label=_("How the match ends"), choices=Closure.choices)
    reason = forms.CharField(label=_("Reason"), max_length=300)
    closing_session = forms.ModelChoiceField(
        label=_("Closing session"), queryset=None, required=False, empty_label=_("No closing session"),
        help_text=_("The last meeting, where mentor and mentee look back and say goodbye. A planned closure needs "
                    "one."))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, sessions=None, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import MentoringSession

        self.fields["closing_session"].queryset = sessions if sessions is not None else \
            MentoringSession.objects.none()
        self.fields["closing_session"].label_from_instance = lambda s: f"{s.held_on:%Y-%m-%d} · {s.get_mode_display()}"


class ExitSurveyForm(forms.Form):
    respondent = forms.ChoiceField(label=_("Whose answers"), choices=Respondent.choices)
    helpfulness = forms.IntegerField(label=_("How helpful was the mentoring? (1 = not at all, 5 = very)"),
                                     min_value=1, max_value=5)
    goals_met = forms.IntegerField(label=_("How far were the goals met? (1 = not at all, 5 = fully)"),
                                   min_value=1, max_value=5)
    would_recommend = forms.BooleanField(label=_("Would recommend the programme to others"), required=False)
    comment = forms.CharField(label=_("Comment"), max_length=5000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("What helped, what could be better."))

    def __init__(self, *args, respondents=None, **kwargs):
        super().__init__(*args, **kwargs)
        if respondents is not None:
            self.fields["respondent"].choices = [c for c in Respondent.choices if c[0] in respondents]


class OutcomeForm(forms.Form):
    outcome = forms.CharField(label=_("Outcome"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput)


class PoolFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=100, required=False)
    stage = forms.ChoiceField(label=_("Stage"), choices=[("", _("All")), *Stage.choices], required=False)


class AgreementForm(forms.Form):
    goals = forms.CharField(label=_("Goals"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    frequency = forms.CharField(label=_("Frequency"), max_length=120, help_text=_("E.g. weekly, one hour."))
    duration_months = forms.IntegerField(label=_("Duration (months)"), min_value=1, max_value=36, initial=12)
    boundaries = forms.CharField(label=_("Boundaries"), max_length=5000, required=False,
                                 widget=forms.Textarea(attrs={"rows": 2}))
    confidentiality = forms.CharField(
        label=_("Limits of confidentiality"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("E.g. a risk to someone's safety is always passed on to the coordinator and the case team."))
    venues = forms.CharField(label=_("Approved venues"), max_length=300, required=False)
    contact_rules = forms.CharField(label=_("Contact rules"), max_length=5000, required=False,
                                    widget=forms.Textarea(attrs={"rows": 2}))


class AgreementSignForm(forms.Form):
    mentee_signed_on = forms.DateField(label=_("The mentee signed on"), widget=DATE, required=False)


# --- circles of support ---------------------------------------------------------------------------------------


class CircleForm(forms.Form):
    volunteers = forms.ModelMultipleChoiceField(
        label=_("Volunteers of the inner circle"), queryset=Mentor.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose four to six vetted and trained mentors. The same safeguarding constraints as for a match "
                    "apply."))
    coordinator = forms.ModelChoiceField(label=_("Circle coordinator"), queryset=None, required=False,
                                         empty_label=_("Me"))
    started_on = forms.DateField(label=_("Starts on"), widget=DATE, initial=_today)

    def __init__(self, *args, mentors=None, coordinators=None, **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        self.fields["volunteers"].queryset = mentors if mentors is not None else Mentor.objects.none()
        self.fields["coordinator"].queryset = coordinators if coordinators is not None else \
            get_user_model().objects.none()


class OuterMemberForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Professional of the record's team"), queryset=None)

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        self.fields["user"].queryset = people if people is not None else get_user_model().objects.none()


class CircleMeetingForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=DATE, initial=_today)
    present = forms.IntegerField(label=_("People present"), min_value=0, max_value=26, initial=5)
    core_member_present = forms.BooleanField(label=_("The core member came"), required=False, initial=True)
    minutes = forms.CharField(label=_("Minutes"), max_length=50000, required=False,
                              widget=forms.Textarea(attrs={"rows": 5}),
                              help_text=_("Can be written later: minutes are due within 48 hours of the meeting."))


class MinutesForm(forms.Form):
    minutes = forms.CharField(label=_("Minutes"), max_length=50000, widget=forms.Textarea(attrs={"rows": 8}))
    version = forms.IntegerField(widget=forms.HiddenInput)


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("Decision"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))
    consensus = forms.BooleanField(label=_("Everyone present agreed"), required=False)


# --- programme model versions and outcomes -------------------------------------------------------------------


class VersionForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Programme"), queryset=Organisation.objects.none())
    name = forms.CharField(label=_("Name"), max_length=120, help_text=_("E.g. Pilot, or Fine-tuned after the pilot."))
    started_on = forms.DateField(label=_("In force from"), widget=DATE, initial=_today)
    summary = forms.CharField(label=_("What the model is"), max_length=5000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    changes = forms.CharField(label=_("What changed from the previous version"), max_length=5000, required=False,
                              widget=forms.Textarea(attrs={"rows": 4}), help_text=_("One change per line."))

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations


class VersionChangeForm(forms.Form):
    text = forms.CharField(label=_("Change"), max_length=500)


class DashboardForm(forms.Form):
    country = forms.ChoiceField(label=_("Country"), required=False)
    organisation = forms.ModelChoiceField(label=_("Programme"), queryset=Organisation.objects.none(), required=False,
                                          empty_label=_("All"))
    a = forms.ModelChoiceField(label=_("Version"), queryset=None, required=False, empty_label=_("Latest"))
    b = forms.ModelChoiceField(label=_("Compared with"), queryset=None, required=False, empty_label=_("The one before"))

    def __init__(self, *args, organisations=None, versions=None, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = organisations if organisations is not None else Organisation.objects.none()
        self.fields["organisation"].queryset = organisations
        countries = sorted({(o.country, str(o.get_country_display())) for o in organisations if o.country})
        self.fields["country"].choices = [("", _("All")), *countries]
        for name in ("a", "b"):
            self.fields[name].queryset = versions
            self.fields[name].label_from_instance = lambda v: f"{v.organisation.name} · v{v.number} {v.name}"


class OutcomeMeasureForm(forms.Form):
    """The scale's statements become fields (one per statement, 1 to 5)."""

    point = forms.ChoiceField(label=_("Time point"), choices=OutcomePoint.choices)
    measured_on = forms.DateField(label=_("Measured on"), widget=DATE, initial=_today)

    def __init__(self, *args, items=(), low=1, high=5, points=None, **kwargs):
        super().__init__(*args, **kwargs)
        if points is not None:
            self.fields["point"].choices = points
        scale = [(str(n), str(n)) for n in range(low, high + 1)]
        for item in items:
            self.fields[item["code"]] = forms.TypedChoiceField(
                label=item["text"], choices=scale, coerce=int, widget=forms.RadioSelect,
                help_text=_("1 = not at all, 5 = completely, over the last four weeks."))
        self.item_codes = [item["code"] for item in items]

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {"point": data["point"], "measured_on": data["measured_on"],
                "answers": {code: data[code] for code in self.item_codes}}


class StandardForm(forms.Form):
    rating = forms.ChoiceField(label=_("Rating"), choices=StandardRating.choices)
    evidence = forms.CharField(label=_("Evidence"), max_length=5000, required=False,
                               widget=forms.Textarea(attrs={"rows": 4}),
                               help_text=_("What shows the standard is met: policies, records, training, reviews."))
    links = forms.CharField(label=_("Evidence links"), max_length=5000, required=False,
                            widget=forms.Textarea(attrs={"rows": 3}),
                            help_text=_("One https:// address per line, at most ten."))
    reviewed_on = forms.DateField(label=_("Reviewed on"), widget=DATE, required=False, initial=_today)
    review_due_on = forms.DateField(label=_("Next review due"), widget=DATE, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
