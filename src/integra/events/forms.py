import datetime as dt

from django import forms
from django.core.validators import MaxValueValidator
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from integra.core import access, limits
from integra.core.access import ADD
from integra.core.countries import Country
from integra.core.models import Organisation
from integra.core.selectors import organisation_choices
from integra.learning.models import Cohort

from .models import CountryQuota, EvaluationQuestion, Event, Registration, Room, Slot, Speaker

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EventForm(forms.ModelForm):
    """The event's own fields; the cohort it belongs to is one the person may see."""

    class Meta:
        model = Event
        fields = ["series", "title", "description", "kind", "city", "country", "venue", "start_date", "end_date",
                  "time_zone", "languages", "is_published", "registration_open", "registration_closes_on",
                  "attendance_rule", "cohort"]
        widgets = {"start_date": DATE, "end_date": DATE, "registration_closes_on": DATE,
                   "description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = access.visible(actor, Cohort).order_by("name", "id")

    def event_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in EventForm.Meta.fields}


class EventCreateForm(EventForm):
    """A new event: its organising organisation is one where the policy lets the person create events."""

    class Meta(EventForm.Meta):
        fields = ["organiser", *EventForm.Meta.fields]

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, actor=actor, **kwargs)
        organisations = organisation_choices(actor=actor, model=Event, action=ADD)
        self.fields["organiser"].queryset = organisations
        self.fields["organiser"].empty_label = None
        if "organiser" not in self.initial:
            self.initial["organiser"] = organisations.first()


class EventEditForm(EventForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class QuotaForm(forms.ModelForm):
    class Meta:
        model = CountryQuota
        fields = ["country", "organisation_kind", "places"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        places = self.fields["places"]
        places.max_value = limits.QUOTA_PLACES
        places.validators.append(MaxValueValidator(limits.QUOTA_PLACES))
        places.widget.attrs["max"] = limits.QUOTA_PLACES


class RoomForm(forms.ModelForm):
    class Meta:
        model = Room
        fields = ["name"]


class SpeakerForm(forms.ModelForm):
    class Meta:
        model = Speaker
        fields = ["name", "organisation_name"]


class SlotForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=Slot.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    day = forms.DateField(label=_("Day"), widget=DATE)
    start = forms.TimeField(label=_("Starts"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    end = forms.TimeField(label=_("Ends"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    room = forms.ModelChoiceField(label=_("Room"), queryset=Room.objects.none(), required=False)
    location = forms.CharField(label=_("Location"), max_length=200, required=False,
                               help_text=Slot._meta.get_field("location").help_text)
    speakers = forms.ModelMultipleChoiceField(label=_("Speakers"), queryset=Speaker.objects.none(), required=False,
                                              widget=forms.CheckboxSelectMultiple)
    parallel_to = forms.ModelChoiceField(label=_("Parallel group of"), queryset=Slot.objects.none(), required=False)
    to_be_confirmed = forms.BooleanField(label=_("Invited guest, to be confirmed"), required=False)
    takes_attendance = forms.BooleanField(label=_("Attendance is taken"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["room"].queryset = event.rooms.all()
        self.fields["speakers"].queryset = event.speakers.all()
        self.fields["parallel_to"].queryset = event.slots.filter(parallel_to__isnull=True,
                                                                 kind=Slot.Kind.WORKING_GROUP)

    def clean(self):
        data = super().clean()
        if data.get("day") and data.get("start") and data.get("end"):
            tz = self.event.tz
            data["starts_at"] = dt.datetime.combine(data["day"], data["start"], tzinfo=tz)
            data["ends_at"] = dt.datetime.combine(data["day"], data["end"], tzinfo=tz)
            if data["ends_at"] <= data["starts_at"]:
                self.add_error("end", _("The slot ends before it starts."))
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {k: data[k] for k in ("kind", "title", "starts_at", "ends_at", "room", "location", "speakers",
                                     "parallel_to", "to_be_confirmed", "takes_attendance")}


class RegistrationForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("You represent"), queryset=Organisation.objects.none(),
                                          required=False, empty_label=None)
    dietary_needs = forms.CharField(label=_("Dietary needs"), max_length=300, required=False)
    accessibility_needs = forms.CharField(label=_("Accessibility needs"), max_length=300, required=False)
    listed_consent = forms.BooleanField(label=_("I agree to appear on the participant list shared with the other "
                                                "participants"), required=False)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisation_choices(actor=actor, model=Registration, action=ADD)


class GroupChoiceForm(forms.Form):
    """One question per block of parallel working groups (`block<id>`): which group the participant attends."""

    def __init__(self, *args, blocks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.blocks = list(blocks)
        for block, groups in self.blocks:
            start = block.starts_at.astimezone(block.event.tz)
            self.fields[f"block{block.pk}"] = forms.TypedChoiceField(
                label=_("%(day)s, %(start)s: working groups in parallel")
                % {"day": formats.date_format(start, "l j F"), "start": start.strftime("%H:%M")},
                choices=[("", _("Not chosen yet"))] + [(group.pk, group.label) for group in groups],
                coerce=int, empty_value=None, required=False, widget=forms.RadioSelect)

    def chosen(self) -> list[Slot]:
        by_id = {group.pk: group for _block, groups in self.blocks for group in groups}
        return [by_id[pk] for pk in (self.cleaned_data.get(f"block{block.pk}") for block, _groups in self.blocks)
                if pk is not None]


class QuestionForm(forms.ModelForm):
    class Meta:
        model = EvaluationQuestion
        fields = ["text", "kind", "slot", "order"]

    def __init__(self, *args, event=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = event.slots.filter(takes_attendance=True) if event else Slot.objects.none()


class AttendanceForm(forms.Form):
    """Who was present at a session: any of the approved participants (the service checks that too)."""

    present = forms.TypedMultipleChoiceField(coerce=int, required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, registrations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(r.pk, str(r.user)) for r in registrations]


class EvaluationForm(forms.Form):
    """One field per question of the event's evaluation (`q<id>`); ratings and texts are checked by the service,
    which puts its errors on the question they concern."""

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"q{question.pk}"] = forms.CharField(label=question.text, required=False, max_length=5000)

    def answers(self) -> dict:
        answers = {}
        for question in self.questions:
            raw = self.cleaned_data.get(f"q{question.pk}", "").strip()
            if question.kind == EvaluationQuestion.Kind.SCALE and raw:
                answers[question.pk] = int(raw) if raw.isdigit() else raw
            elif raw:
                answers[question.pk] = raw
        return answers

    def rows(self):
        """(question, its bound field) for the template."""
        return [(question, self[f"q{question.pk}"]) for question in self.questions]


class ParticipantFilterForm(forms.Form):
    country = forms.ChoiceField(label=_("Country"), required=False, choices=[("", _("All countries"))]
                                + list(Country.choices))
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("All"))] + list(Registration.Status.choices)


