from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from integra.core import limits
from integra.core.models import Organisation
from integra.core.widgets import FastSelect

from .models import (
    AccessLevel,
    Action,
    Flag,
    LegalBasis,
    LegalStatus,
    Phase,
    Referral,
    Section,
    TeamRole,
    TransitionRecord,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def section_field(label, **kwargs):
    return forms.MultipleChoiceField(label=label, choices=Section.choices, widget=forms.CheckboxSelectMultiple,
                                     **kwargs)


class RecordOpenForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Owning organisation"), queryset=Organisation.objects.none())
    given_names = forms.CharField(label=_("Given names"), max_length=200)
    family_name = forms.CharField(label=_("Family name"), max_length=200)
    date_of_birth = forms.DateField(label=_("Date of birth"), required=False, widget=DATE)
    nationality = forms.CharField(label=_("Nationality"), max_length=100, required=False)
    prison_number = forms.CharField(label=_("Prison or case number"), max_length=100, required=False)
    establishment = forms.CharField(label=_("Establishment"), max_length=200, required=False)
    expected_release_date = forms.DateField(label=_("Expected release date"), required=False, widget=DATE,
                                            help_text=_("Format: YYYY-MM-DD."))
    legal_status = forms.ChoiceField(label=_("Sentence / supervision status"), choices=LegalStatus.choices)
    languages = forms.CharField(label=_("Languages"), max_length=200, required=False)
    phase = forms.ChoiceField(label=_("Phase"), choices=[c for c in Phase.choices if c[0] != Phase.CLOSED])

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["date_of_birth"] = data["date_of_birth"].isoformat() if data.get("date_of_birth") else ""
        return data


class RecordEditForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = TransitionRecord
        fields = ["establishment", "expected_release_date", "legal_status", "languages"]
        widgets = {"expected_release_date": DATE}
        help_texts = {"expected_release_date": _("Format: YYYY-MM-DD.")}


class PhaseForm(forms.Form):
    phase = forms.ChoiceField(label=_("Phase"), choices=Phase.choices, widget=FastSelect)  # on every record page
    version = forms.IntegerField(widget=forms.HiddenInput)


class IdentityForm(forms.Form):
    given_names = forms.CharField(label=_("Given names"), max_length=200)
    family_name = forms.CharField(label=_("Family name"), max_length=200)
    date_of_birth = forms.CharField(label=_("Date of birth"), max_length=20, required=False)
    nationality = forms.CharField(label=_("Nationality"), max_length=100, required=False)
    prison_number = forms.CharField(label=_("Prison or case number"), max_length=100, required=False)
    address = forms.CharField(label=_("Address after release"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput)


class NoteForm(forms.Form):
    body = forms.CharField(label=_("New note"), max_length=limits.LONG_TEXT, widget=forms.Textarea(attrs={"rows": 4}),
                           help_text=_("Encrypted at rest; seen only by people with access to this section."))


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    upload = forms.FileField(label=_("File"), help_text=_("PDF, PNG, JPEG, .docx, .odt or .txt, at most 10 MB."))


class TeamAddForm(forms.Form):
    email = forms.EmailField(label=_("Person's e-mail address"))
    organisation = forms.ModelChoiceField(label=_("Their organisation"), queryset=Organisation.objects.active())
    access_level = forms.ChoiceField(label=_("Access level"), choices=AccessLevel.choices,
                                     help_text=_("Full: every section. Case work: assessment, case work and "
                                                 "practical support. Practical support only: goals and "
                                                 "appointments."))
    role_on_team = forms.ChoiceField(label=_("Role on the team"), required=False,
                                     choices=[("", _("— not stated —")), *TeamRole.choices],
                                     help_text=_("What they do on the team; what they may see is the access level."))

    def clean_email(self):
        email = self.cleaned_data["email"]
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("No active account has this e-mail address."))
        self.user = user
        return email


class BasisForm(forms.Form):
    basis = forms.ChoiceField(label=_("Legal basis"), choices=LegalBasis.choices)
    recipients = forms.ModelMultipleChoiceField(label=_("Organisations it covers"),
                                                queryset=Organisation.objects.active(),
                                                widget=forms.SelectMultiple(attrs={"size": 6}))
    scope = section_field(_("Sections covered"))
    given_on = forms.DateField(label=_("Date given or established"), widget=DATE)
    evidence = forms.CharField(label=_("Evidence"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                               help_text=_("Where the signed consent form or legal decision is kept."))


class ReferralForm(forms.Form):
    to_organisation = forms.ModelChoiceField(label=_("Refer to"), queryset=Organisation.objects.active())
    kind = forms.ChoiceField(label=_("Type"), choices=Referral.Kind.choices,
                             help_text=_("A handover moves ownership of the record to the receiving organisation "
                                         "when it accepts (e.g. prison to probation on release day)."))
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Referral.Urgency.choices)
    access_level = forms.ChoiceField(label=_("Access to grant"), choices=AccessLevel.choices)
    sections = section_field(_("Handover pack"), required=False,
                             help_text=_("Only the sections that the agreement with that organisation and the "
                                         "person's consent or legal basis both cover will travel; you are told "
                                         "before sending which ones will not, and why."))
    reason = forms.CharField(label=_("Reason"), max_length=limits.REASON_TEXT, widget=forms.Textarea(attrs={"rows": 3}))
    extra_basis = forms.ChoiceField(
        label=_("Legal basis for the sections not covered"), required=False,
        choices=[("", _("— none: those sections stay with us —")), *LegalBasis.choices],
        help_text=_("Only if the law or the person allows these sections to travel outside the agreement: it is "
                    "recorded as a basis of its own for that organisation."))
    extra_basis_evidence = forms.CharField(
        label=_("Where that legal basis is documented"), required=False, max_length=limits.REASON_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}), help_text=_("E.g. the article of law, or the signed consent form."))
    confirm_held_back = forms.BooleanField(
        label=_("Send anyway: the sections listed will not travel"), required=False,
        help_text=_("Tick after reading which selected sections will not travel and why."))


class DecisionForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, max_length=limits.REASON_TEXT,
                             widget=forms.Textarea(attrs={"rows": 2}))


class ConferenceForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    scheduled_at = forms.DateTimeField(label=_("Date and time"),
                                       widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    location = forms.CharField(label=_("Place"), max_length=200, required=False)
    online_url = forms.URLField(label=_("Online meeting link"), required=False, assume_scheme="https")
    agenda = forms.CharField(label=_("Agenda"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    participants = forms.ModelMultipleChoiceField(label=_("Invite"), queryset=get_user_model().objects.none(),
                                                  widget=forms.CheckboxSelectMultiple, required=False)

    def __init__(self, *args, team_users=None, **kwargs):
        super().__init__(*args, **kwargs)
        if team_users is not None:
            self.fields["participants"].queryset = team_users


class ConferenceRecordForm(forms.Form):
    minutes = forms.CharField(label=_("Case-work minutes"), required=False, widget=forms.Textarea(attrs={"rows": 6}),
                              help_text=_("Seen by members with case-work access. Encrypted at rest."))
    attended = forms.MultipleChoiceField(label=_("Attended"), required=False, widget=forms.CheckboxSelectMultiple)
    decisions = forms.CharField(label=_("Case-work decisions (one per line)"), required=False,
                                widget=forms.Textarea(attrs={"rows": 3}),
                                help_text=_("Case work: seen by members with case-work access."))
    practical_minutes = forms.CharField(
        label=_("Minutes for practical support"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What practical-support members of the team (a mentor) may read. Encrypted at rest."))
    practical_decisions = forms.CharField(
        label=_("Practical decisions (one per line)"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Seen by every member with practical-support access, e.g. the mentor they are addressed to."))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, participants=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [(str(p.user_id), str(p.user)) for p in participants]


class ActionForm(forms.Form):
    title = forms.CharField(label=_("Action"), max_length=300)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=get_user_model().objects.none(), required=False,
                                   widget=FastSelect)
    due_date = forms.DateField(label=_("Due date"), widget=DATE)

    def __init__(self, *args, team_users=None, **kwargs):
        super().__init__(*args, **kwargs)
        if team_users is not None:
            self.fields["owner"].queryset = team_users


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Action.Status.choices)
    version = forms.IntegerField(widget=forms.HiddenInput)


class FlagForm(forms.Form):
    kind = forms.ChoiceField(label=_("Flag"), choices=Flag.Kind.choices, widget=FastSelect)
    detail = forms.CharField(label=_("Detail"), max_length=200, required=False)


class EmergencyForm(forms.Form):
    reason = forms.CharField(label=_("Reason for emergency access"), min_length=20, max_length=limits.REASON_TEXT,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("Mandatory. The owner and the data-protection officer are alerted."))
    risk_to_life = forms.BooleanField(
        label=_("The risk to someone's life is immediate"), required=False,
        help_text=_("Only then does emergency access open the whole record, identity and intelligence included; "
                    "otherwise it opens the case-work sections."))


class FindRecordForm(forms.Form):
    reference = forms.CharField(label=_("Record reference"), max_length=32)


class RightsForm(forms.Form):
    restricted = forms.BooleanField(label=_("Processing restricted"), required=False)
    rectification_requested = forms.BooleanField(label=_("Rectification requested"), required=False)
    legal_hold = forms.BooleanField(label=_("Legal hold (never purged)"), required=False)


class AgreementForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    parties = forms.ModelMultipleChoiceField(label=_("Parties"), queryset=Organisation.objects.active(),
                                             widget=forms.SelectMultiple(attrs={"size": 8}))
    purposes = forms.CharField(label=_("Purposes"), widget=forms.Textarea(attrs={"rows": 3}))
    data_categories = section_field(_("Data categories (sections)"))
    legal_basis = forms.ChoiceField(label=_("Legal basis"), choices=LegalBasis.choices)
    valid_from = forms.DateField(label=_("Valid from"), widget=DATE)
    valid_until = forms.DateField(label=_("Valid until"), required=False, widget=DATE)
    signatories = forms.CharField(label=_("Signatories"), widget=forms.Textarea(attrs={"rows": 2}))


class EmergencyResponderForm(forms.Form):
    """Naming an organisation's role for breaking the glass on the owner's records (choices come from the policy)."""

    owner = forms.ModelChoiceField(label=_("For the records of"), queryset=Organisation.objects.none())
    organisation = forms.ModelChoiceField(label=_("Organisation named"), queryset=Organisation.objects.none(),
                                          help_text=_("An organisation with no information-sharing agreement with "
                                                      "yours whose people must be able to act in an emergency."))
    role = forms.ChoiceField(label=_("Role"), choices=(),
                             help_text=_("Only the people who hold this role there may break the glass."))
    reason = forms.CharField(label=_("Why they are named"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("For example: the regional crisis team answers at night and at weekends."))

    def __init__(self, *args, owners, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["organisation"].queryset = Organisation.objects.active().order_by("name")
        self.fields["role"].choices = [(role.value, role.label) for role in roles]


class CaseloadFilterForm(forms.Form):
    q = forms.CharField(label=_("Reference or establishment"), required=False)
    phase = forms.ChoiceField(label=_("Phase"), required=False, choices=[("", _("All phases"))] + list(Phase.choices))


class SubjectAccessReleaseForm(forms.Form):
    """The data-protection officer's review before a subject-access copy is released: the copy's language, and
    for each item whether it is withheld and under which exemption."""

    language = forms.ChoiceField(label=_("Language of the copy"), choices=(),
                                 help_text=_("Field names, values and dates are written in this language."))
    note = forms.CharField(label=_("Note for the file"), required=False, max_length=limits.REASON_TEXT,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Why items are withheld, for the file. It is not part of the copy."))

    def __init__(self, *args, items=(), **kwargs):
        from django.conf import settings

        from .models import Exemption

        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [(code, name) for code, name in settings.LANGUAGES]
        self.items = list(items)
        for item in self.items:
            key = item["key"]
            self.fields[f"withhold__{key}"] = forms.BooleanField(label=_("Withhold"), required=False)
            self.fields[f"exemption__{key}"] = forms.ChoiceField(
                label=_("Exemption"), required=False, choices=[("", "—")] + list(Exemption.choices))

    def rows(self):
        return [(item, self[f"withhold__{item['key']}"], self[f"exemption__{item['key']}"]) for item in self.items]

    def clean(self):
        data = super().clean()
        withheld = {}
        for item in self.items:
            key = item["key"]
            if data.get(f"withhold__{key}"):
                if not data.get(f"exemption__{key}"):
                    self.add_error(f"exemption__{key}", _("Choose the exemption under which this item is withheld."))
                else:
                    withheld[key] = data[f"exemption__{key}"]
        data["withheld"] = withheld
        return data
