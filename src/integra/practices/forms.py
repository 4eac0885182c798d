from django import forms
from django.conf import settings as django_settings
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from integra.core.countries import Country

from .models import (
    Approach,
    Audience,
    Chapter,
    Code,
    EvidenceLevel,
    LessonLearned,
    Practice,
    Publication,
    Review,
    Setting,
    Theme,
)

_TEXT_AREA = forms.Textarea(attrs={"rows": 4})


def _label(field: str, model=Practice):
    """The model field's own translated name, as the label: one msgid for both."""
    return capfirst(model._meta.get_field(field).verbose_name)


class PracticeForm(forms.Form):
    """The RAN template's fields, in English (the source language); translations are added per language."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label=_label("name"), max_length=300)
    description = forms.CharField(label=_label("description"), widget=_TEXT_AREA,
                                  help_text=Practice._meta.get_field("description").help_text)
    prevention_link = forms.CharField(
        label=_label("prevention_link"), widget=_TEXT_AREA,
        help_text=Practice._meta.get_field("prevention_link").help_text)
    approach = forms.CharField(label=_label("approach"), widget=_TEXT_AREA, required=False)
    target_audiences = forms.MultipleChoiceField(label=_label("target_audiences"), choices=Audience.choices,
                                                 widget=forms.CheckboxSelectMultiple, required=False)
    themes = forms.MultipleChoiceField(label=_label("themes"), choices=Theme.choices,
                                       widget=forms.CheckboxSelectMultiple, required=False)
    settings = forms.MultipleChoiceField(label=_label("settings"), choices=Setting.choices,
                                         widget=forms.CheckboxSelectMultiple, required=False)
    countries = forms.MultipleChoiceField(label=_label("countries"), choices=Country.choices, required=False,
                                          help_text=_("Where the practice runs."))
    geographical_scope = forms.CharField(label=_label("geographical_scope"), max_length=300, required=False,
                                         help_text=_("Local, regional, national or international."))
    start_year = forms.IntegerField(label=_label("start_year"), required=False, min_value=1950,
                                    max_value=2100)
    practice_status = forms.ChoiceField(label=_label("practice_status"), choices=Practice.PracticeStatus.choices)
    organisation_name = forms.CharField(label=_label("organisation_name"), max_length=300)
    organisation_type = forms.ChoiceField(label=_label("organisation_type"),
                                          choices=Practice._meta.get_field("organisation_type").choices)
    funding = forms.CharField(label=_label("funding"), max_length=500, required=False)
    deliverables = forms.CharField(label=_label("deliverables"), widget=_TEXT_AREA, required=False)
    evaluation = forms.CharField(label=_label("evaluation"), widget=_TEXT_AREA, required=False)
    evidence_level = forms.ChoiceField(label=_label("evidence_level"), choices=EvidenceLevel.choices)
    maryland_level = forms.TypedChoiceField(
        label=_label("maryland_level"), coerce=int, empty_value=None, required=False,
        choices=[("", "—")] + [(i, str(i)) for i in range(1, 6)],
        help_text=Practice._meta.get_field("maryland_level").help_text)
    sustainability = forms.CharField(label=_label("sustainability"), widget=_TEXT_AREA,
                                     required=False)
    contact_name = forms.CharField(label=_label("contact_name"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_label("contact_email"), required=False)
    contact_phone = forms.CharField(label=_label("contact_phone"), max_length=50, required=False)
    contact_public = forms.BooleanField(
        label=_label("contact_public"), required=False,
        help_text=Practice._meta.get_field("contact_public").help_text)
    languages = forms.MultipleChoiceField(label=_label("languages"), choices=django_settings.LANGUAGES,
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
    relevance = forms.TypedChoiceField(label=_label("relevance", Review), **_score)
    theory_of_change = forms.TypedChoiceField(label=_label("theory_of_change", Review), **_score)
    evidence = forms.TypedChoiceField(label=_label("evidence", Review), **_score)
    transferability = forms.TypedChoiceField(label=_label("transferability", Review), **_score)
    ethics = forms.TypedChoiceField(label=_label("ethics", Review), **_score)
    strengths = forms.CharField(label=_label("strengths", Review), widget=_TEXT_AREA)
    improvements = forms.CharField(label=_label("improvements", Review), widget=_TEXT_AREA)
    recommendation = forms.ChoiceField(label=_label("recommendation", Review), choices=Review.Recommendation.choices)


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


class TranscriptForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    file = forms.FileField(label=_("Upload a file"), required=False,
                           help_text=_(".txt, .srt, .vtt, .docx or .odt, at most 5 MB. Start each turn with the "
                                       "speaker's code, e.g. “P01:”."))
    text = forms.CharField(label=_("Or type the transcript"), widget=forms.Textarea(attrs={"rows": 12}),
                           required=False, max_length=2_000_000)


class PseudonymKeyForm(forms.Form):
    key = forms.CharField(label=_("Pseudonym key"), widget=forms.Textarea(attrs={"rows": 8}), required=False,
                          max_length=50_000,
                          help_text=_("One line per replacement, “Real name = P01”. Applied to transcripts saved "
                                      "from now on; only the study lead sees this key."))


class PurposeForm(forms.Form):
    purpose = forms.CharField(label=_("Why do you need the original text?"), max_length=1000)


class StudyForm(forms.Form):
    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int)
    title = forms.CharField(label=_("Title"), max_length=300)
    research_questions = forms.CharField(label=_("Research questions"), widget=_TEXT_AREA, max_length=10_000)
    ethics_reference = forms.CharField(label=_("Ethics reference"), max_length=200, required=False)
    retention_until = forms.DateField(label=_("Keep the research data until"),
                                      widget=forms.DateInput(attrs={"type": "date"}),
                                      help_text=_("Transcripts and notes are purged after this date."))

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(o.pk, o.name) for o in organisations]


class SessionForm(forms.Form):
    label = forms.CharField(label=_("Label"), max_length=100, help_text=_("e.g. FG-1, INT-3: no names."))
    kind = forms.ChoiceField(label=_("Kind"),
                             choices=[("interview", _("Interview")), ("focus_group", _("Focus group"))])
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    mode = forms.ChoiceField(label=_("Mode"), choices=[("in_person", _("In person")), ("video", _("Video call")),
                                                       ("phone", _("Phone"))])
    facilitator = forms.CharField(label=_("Facilitator"), max_length=200)
    note_taker = forms.CharField(label=_("Note-taker"), max_length=200, required=False)


class ParticipantForm(forms.Form):
    code = forms.CharField(label=_("Pseudonym"), max_length=20, help_text=_("A code such as P01, never a name."))
    role_category = forms.ChoiceField(label=_("Role category"))
    consent_sheet = forms.TypedChoiceField(label=_("Consent version"), coerce=int)
    consent_given_on = forms.DateField(label=_("Consent given on"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, sheets=(), **kwargs):
        from .models import Participant

        super().__init__(*args, **kwargs)
        self.fields["role_category"].choices = Participant.RoleCategory.choices
        self.fields["consent_sheet"].choices = [(s.pk, f"v{s.version}") for s in sheets]


class GuideForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"),
                             choices=[("interview", _("Interview")), ("focus_group", _("Focus group"))])
    questions = forms.CharField(
        label=_("Questions"), widget=forms.Textarea(attrs={"rows": 10}), max_length=50_000,
        help_text=_("One question per line; its probes after a “|”, separated by “;”. Saving makes a new version."))

    def clean_questions(self):
        items = []
        for line in self.cleaned_data["questions"].splitlines():
            if line.strip():
                question, _sep, probes = line.partition("|")
                items.append({"question": question.strip(),
                              "probes": [p.strip() for p in probes.split(";") if p.strip()]})
        return items


class ConsentSheetForm(forms.Form):
    information = forms.CharField(label=_("Information sheet"), widget=_TEXT_AREA, max_length=50_000)
    consent_text = forms.CharField(
        label=_("Consent form"), widget=_TEXT_AREA, max_length=50_000,
        help_text=_("Saving makes a new version; participants keep the version they signed."))


class MemberForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of a person on the platform"))
    role = forms.ChoiceField(label=_("Role in the study"))

    def __init__(self, *args, **kwargs):
        from .models import StudyMember

        super().__init__(*args, **kwargs)
        self.fields["role"].choices = StudyMember.Role.choices


class QdpxImportForm(forms.Form):
    file = forms.FileField(label=_("REFI-QDA project (.qdpx)"),
                           help_text=_("Exported from QualCoder, Taguette, ATLAS.ti, MAXQDA or NVivo: text sources, "
                                       "codebook, coded segments and their memos. At most 50 MB."))


class BlindCodingForm(forms.Form):
    blind = forms.TypedChoiceField(label=_("Blind coding"), coerce=int, choices=[(1, _("On")), (0, _("Off"))])


class AdjudicationForm(forms.Form):
    coder_a = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    coder_b = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    keep = forms.TypedMultipleChoiceField(label=_("Disagreements to keep in the final coding"), coerce=int,
                                          required=False, choices=[(i, i) for i in range(1, 2001)])


# --- approaches, lessons learned, publications: translatable per field ------------------------------------------

_LANGUAGE_NAMES = dict(django_settings.LANGUAGES)


class TranslatedForm(forms.Form):
    """A form whose texts are entered per language: `<field>_en` (required where the model needs it) and
    `<field>_fr`, `_bg`... optional, each falling back to English when empty. `translated` lists
    (field, model, required, multiline)."""

    model = None
    translated: tuple = ()
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, required, multiline in self.translated:
            model_field = self.model._meta.get_field(name)
            for code, language in django_settings.LANGUAGES:
                widget = forms.Textarea(attrs={"rows": 6 if name == "body" else 3, "lang": code}) if multiline \
                    else forms.TextInput(attrs={"lang": code})
                self.fields[f"{name}_{code}"] = forms.CharField(
                    label=f"{capfirst(model_field.verbose_name)} ({_(language)})", widget=widget,
                    required=required and code == "en", max_length=getattr(model_field, "max_length", None) or 50_000,
                    help_text=_("Leave empty to show the English text.") if code != "en" else "")

    def texts(self) -> dict:
        return {key: value for key, value in self.cleaned_data.items()
                if key.rsplit("_", 1)[0] in {t[0] for t in self.translated} and key.rsplit("_", 1)[-1] in
                _LANGUAGE_NAMES}


def _ids(value: str, field: str) -> list[int]:
    parts = [p for p in value.replace(";", ",").replace(" ", ",").split(",") if p]
    if len(parts) > 200 or not all(p.isdigit() for p in parts):
        raise forms.ValidationError(_("Write the numbers of the practices, separated by commas."))
    return sorted({int(p) for p in parts})


class _LinksMixin(forms.Form):
    practices = forms.CharField(
        label=_("Linked practices"), required=False, max_length=2000,
        help_text=_("The numbers of published practices (shown in their web address), separated by commas."))
    is_published = forms.BooleanField(label=_("Published"), required=False)

    def clean_practices(self):
        return _ids(self.cleaned_data.get("practices") or "", "practices")


class ApproachForm(TranslatedForm, _LinksMixin):
    model = Approach

    translated = (("title", True, False), ("description", True, True), ("aims", False, True),
                  ("methods", False, True))


class LessonForm(TranslatedForm, _LinksMixin):
    model = LessonLearned

    translated = (("title", True, False), ("summary", True, True), ("body", False, True))
    evidence = forms.CharField(label=_("Evidence"), max_length=500, required=False,
                               help_text=_("Where it comes from: a study, the number of sessions, the mix of roles."))


class PublicationForm(TranslatedForm, _LinksMixin):
    model = Publication

    translated = (("title", True, False), ("summary", False, True))
    slug = forms.SlugField(label=_("Short name in the web address"), max_length=50)
    kind = forms.ChoiceField(label=_("Kind"))
    lessons = forms.TypedMultipleChoiceField(label=_("Linked lessons learned"), coerce=int, required=False,
                                             widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, lessons=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = Publication.Kind.choices
        self.fields["lessons"].choices = [(lesson.pk, lesson.title) for lesson in lessons]


class ChapterForm(TranslatedForm):
    model = Chapter

    translated = (("title", True, False), ("body", True, True), ("link_label", False, False))
    position = forms.IntegerField(label=_("Position"), min_value=0, max_value=500, required=False)
    link_url = forms.CharField(label=_("Link"), max_length=300, required=False,
                               help_text=_("A page of the platform that carries the recommendation out, e.g. "
                                           "/en/cooperation/."))
