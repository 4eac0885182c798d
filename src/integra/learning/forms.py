from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from integra.core import limits
from integra.core.models import Organisation

from .models import Audience, Block, Competence, CompetenceArea, Course, LearningOutcome, Lesson, Module, Question, Quiz

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


# The design forms validate what a designer typed; the services in services.py write it (never `form.save()`).


class CourseForm(forms.ModelForm):
    audiences = forms.MultipleChoiceField(label=_("Audiences"), choices=Audience.choices, required=False,
                                          widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Course
        fields = ["title", "summary", "hours", "audiences", "is_train_the_trainer", "prerequisite"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, courses=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["prerequisite"].queryset = courses if courses is not None else Course.objects.none()


class ModuleForm(forms.ModelForm):
    class Meta:
        model = Module
        fields = ["title", "order", "prerequisite"]

    def __init__(self, *args, course=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["prerequisite"].queryset = course.modules.all() if course else Module.objects.none()


class LessonForm(forms.ModelForm):
    class Meta:
        model = Lesson
        fields = ["module", "title", "order", "required", "completion", "outcomes"]
        widgets = {"outcomes": forms.SelectMultiple(attrs={"size": 6})}

    def __init__(self, *args, course=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = course.modules.all() if course else Module.objects.none()


def _json(raw: str):
    """JSON someone typed: bounded in size and nesting (core.limits), its errors shown on the field."""
    try:
        return limits.loads_bounded(raw, field="data")
    except ValidationError as exc:
        raise forms.ValidationError(exc.message_dict["data"]) from exc
    except ValueError as exc:
        raise forms.ValidationError(_("This is not valid JSON: %(error)s") % {"error": exc}) from exc


class BlockForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=Block.Kind.choices)
    body = forms.CharField(label=_("Text (HTML)"), required=False, widget=forms.Textarea(attrs={"rows": 6}),
                           help_text=_("Headings, lists, links and tables are kept; scripts and styles are removed."))
    media = forms.FileField(label=_("File"), required=False)
    alt_text = forms.CharField(label=_("Text alternative (images)"), max_length=300, required=False)
    captions = forms.FileField(label=_("Captions (WebVTT, for video and audio)"), required=False)
    transcript = forms.CharField(label=_("Transcript"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    data = forms.CharField(label=_("Scenario (JSON)"), required=False, widget=forms.Textarea(attrs={"rows": 6}),
                           help_text=_('{"start": "s1", "steps": {"s1": {"text": "…", "choices": [{"label": "…", '
                                       '"next": "s2", "feedback": "…"}]}}}'))

    def clean_data(self):
        raw = self.cleaned_data["data"].strip()
        if not raw:
            return {}
        value = _json(raw)
        if not isinstance(value, dict):
            raise forms.ValidationError(_("The scenario must be a JSON object."))
        return value


class QuizForm(forms.ModelForm):
    class Meta:
        model = Quiz
        fields = ["module", "title", "competences", "question_count", "pass_mark", "attempts_allowed",
                  "time_limit_minutes", "required"]
        widgets = {"competences": forms.SelectMultiple(attrs={"size": 5})}

    def __init__(self, *args, course=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = course.modules.all() if course else Module.objects.none()


class QuestionForm(forms.ModelForm):
    data = forms.CharField(label=_("Answers (JSON)"), widget=forms.Textarea(attrs={"rows": 5}), help_text=_(
        'Choices: {"choices": [{"text": "…", "correct": true, "feedback": "…"}]}. Matching: {"pairs": '
        '[{"left": "…", "right": "…"}]}. Ordering: {"items": ["first", "second"]}. Short answer: '
        '{"answers": ["accepted answer"]}.'))

    class Meta:
        model = Question
        fields = ["competence", "outcome", "kind", "text", "feedback"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2}), "feedback": forms.Textarea(attrs={"rows": 2})}

    def clean_data(self):
        """Only the JSON here: what each type of question needs is checked by `question_create`."""
        value = _json(self.cleaned_data["data"])
        if not isinstance(value, dict):
            raise forms.ValidationError(_("The answers must be a JSON object."))
        return value


class LearningSettingsForm(forms.Form):
    require_certified_trainers = forms.BooleanField(
        label=_("Only certified trainers may run cohorts"), required=False)


class AreaForm(forms.ModelForm):
    class Meta:
        model = CompetenceArea
        fields = ["title", "description", "order"]


class _CodeField(forms.CharField):
    def __init__(self):
        super().__init__(label=_("Code"), max_length=40, required=False, help_text=_(
            "A short code course packages use to refer to it (e.g. C11 for a competence, O111 for one of its "
            "outcomes). Left empty, one is made up."))


class CompetenceForm(forms.ModelForm):
    audiences = forms.MultipleChoiceField(label=_("Audiences"), choices=Audience.choices, required=False,
                                          widget=forms.CheckboxSelectMultiple)
    code = _CodeField()

    class Meta:
        model = Competence
        fields = ["area", "title", "description", "audiences", "order"]


class OutcomeForm(forms.ModelForm):
    code = _CodeField()

    class Meta:
        model = LearningOutcome
        fields = ["competence", "text", "order"]


class PackageForm(forms.Form):
    file = forms.FileField(label=_("Course package (.zip)"), help_text=_(
        "A course exported from INTEGRA: course.json, the lessons in each language, the question bank and the "
        "scenarios, in one zip file."))


class CohortForm(forms.Form):
    course = forms.ModelChoiceField(label=_("Course"), queryset=Course.objects.none())
    name = forms.CharField(label=_("Name"), max_length=200)
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    language = forms.ChoiceField(label=_("Language"))
    starts_on = forms.DateField(label=_("Starts"), widget=DATE)
    ends_on = forms.DateField(label=_("Ends"), widget=DATE)

    def __init__(self, *args, actor, **kwargs):
        """The courses and organisations offered are those the policy lets the actor create a cohort for."""
        from django.conf import settings

        from integra.core.access import ADD
        from integra.core.selectors import organisation_choices

        from . import selectors
        from .models import Cohort

        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = selectors.open_courses(actor=actor)
        self.fields["organisation"].queryset = organisation_choices(actor=actor, model=Cohort, action=ADD)
        self.fields["language"].choices = settings.LANGUAGES


class EnrolOneForm(forms.Form):
    email = forms.EmailField(label=_("Learner's e-mail address"))


class MoveInForm(forms.Form):
    email = forms.EmailField(label=_("Learner's e-mail address"),
                             help_text=_("A learner of another cohort you run, with all their progress."))


class CsvForm(forms.Form):
    file = forms.FileField(label=_("CSV file"), help_text=_("One learner per row, in a column named “email”."))

    def text(self) -> str:
        return self.cleaned_data["file"].read().decode("utf-8", errors="replace")


class MessageForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 4}))


class ObservationForm(forms.Form):
    session_title = forms.CharField(label=_("Session you delivered"), max_length=200)
    delivered_on = forms.DateField(label=_("Date"), widget=DATE)
    observer = forms.EmailField(label=_("Observer's e-mail (a certified trainer or a curriculum designer)"))


class SignOffForm(forms.Form):
    notes = forms.CharField(required=False)


class RevokeForm(forms.Form):
    code = forms.CharField(max_length=20)
    reason = forms.CharField(required=False, max_length=300)


YES_NO = [("yes", _("yes")), ("no", _("no"))]


def _yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class LessonFeedbackForm(forms.Form):
    useful = forms.TypedChoiceField(choices=YES_NO, coerce=_yes_no, required=False, empty_value=None)
    clear = forms.TypedChoiceField(choices=YES_NO, coerce=_yes_no, required=False, empty_value=None)
    comment = forms.CharField(required=False)


class ReflectionForm(forms.Form):
    block = forms.IntegerField()
    text = forms.CharField(required=False, strip=False)


class ScenarioChoiceForm(forms.Form):
    block = forms.IntegerField()
    step = forms.CharField(max_length=100)
    choice = forms.IntegerField(min_value=0, error_messages={
        "required": _("Choose one of the options."), "invalid": _("Choose one of the options.")})


class EvaluationForm(forms.Form):
    rating = forms.TypedChoiceField(label=_("Overall, how useful was the course?"), coerce=int,
                                    choices=[(i, str(i)) for i in range(1, 6)], widget=forms.RadioSelect)
    would_recommend = forms.NullBooleanField(label=_("Would you recommend it to a colleague?"), required=False)
    comment = forms.CharField(label=_("What should we improve?"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
