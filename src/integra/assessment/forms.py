from django import forms
from django.utils.translation import gettext_lazy as _

from . import instruments
from .models import ActionPlanItem, BiasCheck, CalibrationRound, Instrument, Judgement, Priority, Source


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Instrument file"), help_text=_(
        "An XLSForm (.xlsx, .ods or .csv with survey, choices and settings sheets) or an INTEGRA instrument file "
        "(.json), at most 2 MB. Nothing is saved until you confirm the preview."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > instruments.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        if not upload.name.lower().endswith((".xlsx", ".ods", ".csv", ".json")):
            raise forms.ValidationError(_("Upload an XLSForm (.xlsx, .ods or .csv) or an instrument file (.json)."))
        return upload


class ImportConfirmForm(forms.Form):
    payload = forms.CharField(widget=forms.HiddenInput, max_length=2_000_000)


class ConfigureForm(forms.Form):
    licence_holder = forms.CharField(label=_("Licence holder"), max_length=200, required=False, help_text=_(
        "Who holds the rights to the item text. When set, only the owner and licensed organisations read the "
        "items."))
    qualifying_course = forms.ModelChoiceField(label=_("Qualifying course"), queryset=None, required=False,
                                               help_text=_("Assessors need a valid certificate of this course. "
                                                           "Leave empty for an instrument without a gate."))
    certificate_valid_months = forms.IntegerField(label=_("Certificate valid for (months)"), min_value=1,
                                                  max_value=120, initial=36)
    min_sources = forms.IntegerField(label=_("Minimum number of sources"), min_value=0, max_value=4, initial=2,
                                     help_text=_("Fewer distinct sources than this shows a warning."))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, courses=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["qualifying_course"].queryset = courses


class LicenceForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None)
    valid_until = forms.DateField(label=_("Licensed until"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class StartForm(forms.Form):
    instrument = forms.ModelChoiceField(label=_("Instrument"), queryset=Instrument.objects.none(),
                                        help_text=_("Its current published version is used."))
    review_date = forms.DateField(label=_("Review date"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}),
                                  help_text=_("When this assessment should be reviewed."))

    def __init__(self, *args, instruments_qs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instrument"].queryset = instruments_qs


class UnitStartForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Assessing organisation"), queryset=None)
    instrument = forms.ModelChoiceField(label=_("Instrument"), queryset=None,
                                        help_text=_("A group-level or organisation-level instrument."))
    subject = forms.CharField(label=_("Unit or service assessed"), max_length=200, help_text=_(
        "A unit, wing or service — never a person's name. The same name again makes a new wave."))
    review_date = forms.DateField(label=_("Review date"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, organisations=None, instruments_qs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["instrument"].queryset = instruments_qs


class AssessmentForm(forms.Form):
    """The assessment page's form: per item a rating (or "insufficient information" with its reason), evidence
    and sources; then the assessor's own judgement, rationale, evidence against, limitations and the bias
    checklist."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    review_date = forms.DateField(label=_("Review date"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}))
    judgement = forms.ChoiceField(label=_("Summary judgement"), required=False,
                                  choices=[("", "—"), *Judgement.choices],
                                  help_text=_("Your professional judgement; the software never proposes one."))
    significant_items = forms.MultipleChoiceField(label=_("Significant indicators"), required=False,
                                                  widget=forms.CheckboxSelectMultiple)
    rationale = forms.CharField(label=_("Rationale"), required=False, widget=forms.Textarea(attrs={"rows": 5}),
                                max_length=20000, help_text=_("Why you reached this judgement. Stored encrypted."))
    evidence_against = forms.CharField(label=_("Evidence against"), required=False, max_length=20000,
                                       widget=forms.Textarea(attrs={"rows": 3}),
                                       help_text=_("What points the other way."))
    limitations = forms.CharField(label=_("Limitations"), required=False, max_length=20000,
                                  widget=forms.Textarea(attrs={"rows": 3}),
                                  help_text=_("What this assessment could not take into account, and why."))
    bias_checks = forms.MultipleChoiceField(label=_("Bias checklist"), required=False, choices=BiasCheck.choices,
                                            widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, domains=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.domains = domains
        choices = []
        for domain in domains:
            for item in domain.items:
                if item.calculate:
                    continue
                choices.append((item.name, item.label))
                name = item.name
                if item.type == "select_one":
                    self.fields[f"value__{name}"] = forms.ChoiceField(
                        label=item.label, required=False, widget=forms.RadioSelect,
                        choices=[*item.choices, (instruments.INSUFFICIENT, _("Insufficient information"))])
                    self.fields[f"reason__{name}"] = forms.CharField(
                        label=_("Why is the information insufficient?"), required=False, max_length=4000,
                        widget=forms.Textarea(attrs={"rows": 2}))
                elif item.type in {"integer", "decimal"}:
                    self.fields[f"value__{name}"] = forms.CharField(label=item.label, required=False, max_length=40)
                else:
                    self.fields[f"value__{name}"] = forms.CharField(label=item.label, required=False, max_length=4000,
                                                                    widget=forms.Textarea(attrs={"rows": 2}))
                self.fields[f"evidence__{name}"] = forms.CharField(label=_("Evidence"), required=False,
                                                                   max_length=4000,
                                                                   widget=forms.Textarea(attrs={"rows": 2}))
                self.fields[f"sources__{name}"] = forms.MultipleChoiceField(
                    label=_("Sources"), required=False, choices=Source.choices, widget=forms.CheckboxSelectMultiple)
        self.fields["significant_items"].choices = choices

    def item_fields(self, name):
        return {kind: self[f"{kind}__{name}"] for kind in ("value", "reason", "evidence", "sources")
                if f"{kind}__{name}" in self.fields}

    def answers(self) -> dict:
        data = self.cleaned_data
        result = {}
        for domain in self.domains:
            for item in domain.items:
                if item.calculate:
                    continue
                result[item.name] = {"value": data.get(f"value__{item.name}", ""),
                                     "insufficient_reason": data.get(f"reason__{item.name}", ""),
                                     "evidence": data.get(f"evidence__{item.name}", ""),
                                     "sources": data.get(f"sources__{item.name}", [])}
        return result


class CountersignForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    disagreements = forms.MultipleChoiceField(label=_("Items you disagree with"), required=False,
                                              widget=forms.CheckboxSelectMultiple)
    note = forms.CharField(label=_("Your note"), required=False, max_length=20000,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Required when you disagree with an item: say why."))

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["disagreements"].choices = list(items)


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReportForm(forms.Form):
    language = forms.ChoiceField(label=_("Report language"), choices=[])

    def __init__(self, *args, **kwargs):
        from django.conf import settings

        super().__init__(*args, **kwargs)
        self.fields["language"].choices = settings.LANGUAGES


AUDIENCE_CHOICES = [("prison", _("Prison staff")), ("probation", _("Probation staff")),
                    ("community", _("Community organisations")), ("trainers", _("Trainers")),
                    ("mentors", _("Mentors"))]


class SurveyOpenForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None)
    instrument = forms.ModelChoiceField(label=_("Instrument"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=200, help_text=_("E.g. “Spring 2027 wave”."))
    min_group = forms.IntegerField(label=_("Minimum group size"), min_value=5, max_value=50, initial=5,
                                   help_text=_("No result or breakdown is shown for fewer answers than this."))

    def __init__(self, *args, organisations=None, instruments_qs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["instrument"].queryset = instruments_qs


class SurveyAnswerForm(forms.Form):
    audience = forms.ChoiceField(label=_("I work with"), choices=AUDIENCE_CHOICES,
                                 help_text=_("Used only for breakdowns of at least the minimum group size."))

    def __init__(self, *args, domains=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.item_names = []
        for domain in domains:
            for item in domain.items:
                if item.type == "select_one":
                    self.fields[f"value__{item.name}"] = forms.ChoiceField(
                        label=item.label, required=False, widget=forms.RadioSelect, choices=item.choices)
                    self.item_names.append(item.name)

    def answers(self) -> dict:
        return {name: self.cleaned_data.get(f"value__{name}", "") for name in self.item_names}


class RoundOpenForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None)
    instrument = forms.ModelChoiceField(label=_("Instrument"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=200, help_text=_("E.g. “Spring 2027 calibration”."))
    kind = forms.ChoiceField(label=_("Kind of vignette"), choices=CalibrationRound.Kind.choices)
    vignette = forms.CharField(label=_("Vignette"), widget=forms.Textarea(attrs={"rows": 8}), max_length=50_000,
                               help_text=_("The case the raters assess. Fictional or anonymised: never a real "
                                           "person's name or identifying details."))
    raters = forms.ModelMultipleChoiceField(label=_("Raters"), queryset=None, widget=forms.CheckboxSelectMultiple,
                                            help_text=_("At least two certified assessors of the organisation. Each "
                                                        "rates blind: no one sees another's ratings until the "
                                                        "round closes."))
    threshold = forms.DecimalField(label=_("Agreement threshold"), min_value=0, max_value=1, decimal_places=2,
                                   initial="0.67", help_text=_("Below this agreement (κ for two raters, α for more) "
                                                               "the instrument's owner is alerted."))

    def __init__(self, *args, organisations=None, instruments_qs=None, raters_qs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["instrument"].queryset = instruments_qs
        self.fields["raters"].queryset = raters_qs
        self.fields["raters"].label_from_instance = lambda u: u.get_full_name() or u.email


class RateForm(forms.Form):
    def __init__(self, *args, domains=(), initial_ratings=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.item_names = []
        for domain in domains:
            for item in domain.items:
                self.fields[f"value__{item.name}"] = forms.ChoiceField(
                    label=item.label, help_text=item.guidance, required=False, widget=forms.RadioSelect,
                    choices=[*item.choices, (instruments.INSUFFICIENT, _("Insufficient information"))],
                    initial=(initial_ratings or {}).get(item.name))
                self.item_names.append(item.name)

    def ratings(self) -> dict:
        return {name: self.cleaned_data.get(f"value__{name}", "") for name in self.item_names}


class ConsensusForm(forms.Form):
    held_on = forms.DateField(label=_("Date of the meeting"), widget=forms.DateInput(attrs={"type": "date"}))
    participants = forms.ModelMultipleChoiceField(label=_("Participants"), queryset=None,
                                                  widget=forms.CheckboxSelectMultiple)
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 5}), required=False,
                            max_length=50_000, help_text=_("What the raters read differently, and what they agreed "
                                                           "to do (booster training, guidance to clarify)."))

    def __init__(self, *args, participants_qs=None, domains=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = participants_qs
        self.fields["participants"].label_from_instance = lambda u: u.get_full_name() or u.email
        self.item_names = []
        for domain in domains:
            for item in domain.items:
                self.fields[f"agreed__{item.name}"] = forms.ChoiceField(
                    label=_("Agreed rating: %(item)s") % {"item": item.label}, required=False,
                    choices=[("", "—"), *item.choices])
                self.item_names.append(item.name)

    def agreed(self) -> dict:
        return {name: self.cleaned_data.get(f"agreed__{name}", "") for name in self.item_names}


class PlanItemForm(forms.Form):
    item = forms.ChoiceField(label=_("Item of the assessment"), required=False)
    importance = forms.TypedChoiceField(label=_("Importance"), coerce=int, choices=Priority.choices,
                                        initial=Priority.MEDIUM)
    urgency = forms.TypedChoiceField(label=_("Urgency"), coerce=int, choices=Priority.choices,
                                     initial=Priority.MEDIUM)
    outcome = forms.CharField(label=_("Outcome sought"), max_length=300)
    risk = forms.CharField(label=_("Risk if nothing is done"), max_length=300, required=False)
    action = forms.CharField(label=_("Action"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=None,
                                   help_text=_("Who sees this action on their dashboard when it is overdue."))
    due_date = forms.DateField(label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}))
    evidence = forms.CharField(label=_("Evidence of progress"), widget=forms.Textarea(attrs={"rows": 2}),
                               max_length=2000, required=False)
    rag = forms.ChoiceField(label=_("Status"), choices=ActionPlanItem.Rag.choices, initial=ActionPlanItem.Rag.AMBER)

    def __init__(self, *args, owners=None, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["owner"].label_from_instance = lambda u: u.get_full_name() or u.email
        self.fields["item"].choices = [("", "—"), *items]


class PlanUpdateForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    rag = forms.ChoiceField(label=_("Status"), choices=ActionPlanItem.Rag.choices)
    evidence = forms.CharField(label=_("Evidence of progress"), widget=forms.Textarea(attrs={"rows": 2}),
                               max_length=2000, required=False)
    due_date = forms.DateField(label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    done = forms.BooleanField(label=_("Done"), required=False)
