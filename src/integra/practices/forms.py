from django import forms
from django.conf import settings as django_settings
from django.utils.translation import gettext_lazy as _

from integra.core.countries import Country

from .models import Audience, Code, EvidenceLevel, Practice, Review, Setting, Theme

_TEXT_AREA = forms.Textarea(attrs={"rows": 4})


class PracticeForm(forms.Form):
    """The RAN template's fields, in English (the source language); translations are added per language."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label=_("Name of the practice"), max_length=300)
    description = forms.CharField(label=_("Description"), widget=_TEXT_AREA,
                                  help_text=_("What the practice does, in at most 300 words."))
    prevention_link = forms.CharField(
        label=_("Link to preventing radicalisation"), widget=_TEXT_AREA,
        help_text=_("How the practice explicitly prevents or counters radicalisation or violent extremism."))
    approach = forms.CharField(label=_("Approach"), widget=_TEXT_AREA, required=False)
    target_audiences = forms.MultipleChoiceField(label=_("Target audiences"), choices=Audience.choices,
                                                 widget=forms.CheckboxSelectMultiple, required=False)
    themes = forms.MultipleChoiceField(label=_("Key themes"), choices=Theme.choices,
                                       widget=forms.CheckboxSelectMultiple, required=False)
    settings = forms.MultipleChoiceField(label=_("Settings"), choices=Setting.choices,
                                         widget=forms.CheckboxSelectMultiple, required=False)
    countries = forms.MultipleChoiceField(label=_("Countries"), choices=Country.choices, required=False,
                                          help_text=_("Where the practice runs."))
    geographical_scope = forms.CharField(label=_("Geographical scope"), max_length=300, required=False,
                                         help_text=_("Local, regional, national or international."))
    start_year = forms.IntegerField(label=_("Start of the practice (year)"), required=False, min_value=1950,
                                    max_value=2100)
    practice_status = forms.ChoiceField(label=_("Status of the practice"), choices=Practice.PracticeStatus.choices)
    organisation_name = forms.CharField(label=_("Organisation"), max_length=300)
    organisation_type = forms.ChoiceField(label=_("Type of organisation"),
                                          choices=Practice._meta.get_field("organisation_type").choices)
    funding = forms.CharField(label=_("Funding"), max_length=500, required=False)
    deliverables = forms.CharField(label=_("Deliverables and products"), widget=_TEXT_AREA, required=False)
    evaluation = forms.CharField(label=_("Evaluation and feedback"), widget=_TEXT_AREA, required=False)
    evidence_level = forms.ChoiceField(label=_("Evidence level"), choices=EvidenceLevel.choices)
    maryland_level = forms.TypedChoiceField(
        label=_("Maryland scientific methods scale"), coerce=int, empty_value=None, required=False,
        choices=[("", "—")] + [(i, str(i)) for i in range(1, 6)],
        help_text=_("1 (correlation) to 5 (randomised control): only with an outcome evaluation."))
    sustainability = forms.CharField(label=_("Sustainability and transferability"), widget=_TEXT_AREA,
                                     required=False)
    contact_name = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=50, required=False)
    contact_public = forms.BooleanField(
        label=_("Show the contact publicly"), required=False,
        help_text=_("Only with the contact person's consent. Otherwise people reach the owner through the platform."))
    languages = forms.MultipleChoiceField(label=_("Languages available"), choices=django_settings.LANGUAGES,
                                          widget=forms.CheckboxSelectMultiple, required=False)

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=200, required=False,
                        help_text=_("Words in any of the six languages; accents and capitals do not matter."))


class ReviewerChoiceForm(forms.Form):
    reviewer = forms.TypedChoiceField(label=_("Reviewer"), coerce=int)

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].choices = [(c["user"].pk, str(c["user"])) for c in candidates]


class ReviewForm(forms.Form):
    _score = {"coerce": int, "choices": [(i, str(i)) for i in range(1, 6)], "widget": forms.RadioSelect}
    relevance = forms.TypedChoiceField(label=_("Relevance to P/CVE"), **_score)
    theory_of_change = forms.TypedChoiceField(label=_("Theory of change"), **_score)
    evidence = forms.TypedChoiceField(label=_("Evidence and evaluation"), **_score)
    transferability = forms.TypedChoiceField(label=_("Transferability"), **_score)
    ethics = forms.TypedChoiceField(label=_("Ethics and safeguards"), **_score)
    strengths = forms.CharField(label=_("Strengths"), widget=_TEXT_AREA)
    improvements = forms.CharField(label=_("Points for improvement"), widget=_TEXT_AREA)
    recommendation = forms.ChoiceField(label=_("Recommendation"), choices=Review.Recommendation.choices)


class ContactForm(forms.Form):
    message = forms.CharField(label=_("Message"), widget=_TEXT_AREA, max_length=5000,
                              help_text=_("Say who you are and what you would like to know."))
    share_email = forms.BooleanField(label=_("Share my e-mail address with the owner"), required=False)
    consent = forms.BooleanField(label=_("I agree that my name and message are passed on to the practice's owner"))


class CodeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    parent = forms.TypedChoiceField(label=_("Parent code"), coerce=int, empty_value=None, required=False)
    definition = forms.CharField(label=_("Definition"), widget=_TEXT_AREA, required=False, max_length=5000)
    is_theme = forms.BooleanField(label=_("Theme"), required=False)

    def __init__(self, *args, codes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].choices = [("", "—")] + [(c.pk, c.name) for c in codes]


class CodingForm(forms.Form):
    code = forms.TypedChoiceField(label=_("Code"), coerce=int)
    start = forms.IntegerField(label=_("From character"), min_value=0, max_value=10_000_000)
    end = forms.IntegerField(label=_("To character"), min_value=0, max_value=10_000_000)
    participant = forms.TypedChoiceField(label=_("Speaker"), coerce=int, empty_value=None, required=False)
    memo = forms.CharField(label=_("Memo"), required=False, max_length=5000)

    def __init__(self, *args, codes: list[Code] = (), participants=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = [(c.pk, c.name) for c in codes]
        self.fields["participant"].choices = [("", "—")] + [(p.pk, p.code) for p in participants]
