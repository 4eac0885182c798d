"""Event pages: for participants (list, event, registration, agenda, evaluation), for organisers (edit,
quotas, agenda builder, registrations, attendance, sign-in sheet, results, certificates) and the public.

Each page fetches through the policy (`access_event`, `access_slot`...), and each write is one service behind
a `ServiceFormView` (a form page) or a `ServiceActionView` (a button), with a URL of its own."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from integra.core import access
from integra.core.access import CHANGE, DELETE
from integra.core.exports import csv_rows
from integra.core.formviews import ServiceActionView, ServiceFormView
from integra.core.viewmixins import PublicView, SignedInView

from . import selectors, services
from .forms import (
    AttendanceForm,
    EvaluationForm,
    EventCreateForm,
    EventEditForm,
    GroupChoiceForm,
    ParticipantFilterForm,
    QuestionForm,
    QuotaForm,
    RegistrationForm,
    RoomForm,
    SlotForm,
    SpeakerForm,
)
from .ics import agenda_ics_response, participant_ics_response
from .models import Event
from .policy import (
    CHOOSE_GROUPS,
    MANAGE,
    access_event,
    access_public_event,
    access_question,
    access_readable_event,
    access_registration,
    access_slot,
    is_public,
)


def _event_url(event) -> str:
    return reverse("events:event", args=[event.pk])


class _ManagedEventMixin:
    """Organiser pages: the event, fetched for MANAGE (404 for anyone else)."""

    def load(self, request, pk, **kwargs):
        self.event = access_event(request.user, pk, MANAGE)


# --- participants' pages ------------------------------------------------------------------------------------------


class EventListView(SignedInView):
    def get(self, request):
        events = selectors.events_for(actor=request.user)
        return render(request, "events/list.html", {
            "upcoming": selectors.upcoming(events).order_by("start_date"), "past": selectors.past(events)[:20],
            "mine": selectors.my_registered_event_ids(actor=request.user),
            "can_create": access.can_create(request.user, Event)})


def _my_groups(registration) -> list[tuple]:
    """[(block, the chosen group or None)] for the participant's event page."""
    if registration is None or registration.status in {"cancelled", "declined"}:
        return []
    chosen = selectors.group_choices(registration)
    return [(block, next((g for g in groups if g.pk == chosen.get(block.pk)), None))
            for block, groups in selectors.parallel_blocks(selectors.agenda_slots(registration.event))]


class EventView(SignedInView):
    def get(self, request, pk):
        event = access_event(request.user, pk)
        registration = selectors.my_registration(actor=request.user, event=event)
        return render(request, "events/event.html", {
            "my_groups": _my_groups(registration),
            "can_choose_groups": bool(registration) and access.can(request.user, CHOOSE_GROUPS, registration)
            and not event.has_ended,
            "event": event, "registration": registration, "form": RegistrationForm(actor=request.user),
            "can_manage": access.can(request.user, MANAGE, event), "is_public": is_public(event),
            "next_event": selectors.next_event_in_series(event),
            "attendance": selectors.my_attendance(registration) if registration else [],
            "has_evaluation": event.questions.exists(),
            "evaluated": bool(registration and hasattr(registration, "evaluation")),
        })


class RegisterView(ServiceActionView):
    form_class = RegistrationForm

    def load(self, request, pk, **kwargs):
        self.event = access_event(request.user, pk)

    def get_form_kwargs(self):
        return {"actor": self.request.user}

    def invalid_message(self, form):
        return _("Check the form: %(errors)s") % {"errors": form.errors.as_text()}

    def perform(self, form):
        data = form.cleaned_data
        return services.registration_apply(actor=self.request.user, event=self.event,
                                           organisation=data["organisation"], dietary_needs=data["dietary_needs"],
                                           accessibility_needs=data["accessibility_needs"],
                                           listed_consent=data["listed_consent"])

    def success_message(self, result):
        return _("Application sent. You will receive an e-mail when the organisers decide.")

    def back_url(self):
        return _event_url(self.event)


class _RegistrationDecisionView(ServiceActionView):
    def load(self, request, pk, **kwargs):
        self.registration = access_registration(request.user, pk)

    def success_message(self, registration):
        return _("Registration of %(person)s: %(status)s.") % {"person": registration.user,
                                                                "status": registration.get_status_display()}

    def back_url(self):
        return reverse("events:registrations", args=[self.registration.event_id])


class RegistrationApproveView(_RegistrationDecisionView):
    def perform(self, form):
        return services.registration_approve(actor=self.request.user, registration=self.registration)


class RegistrationDeclineView(_RegistrationDecisionView):
    def perform(self, form):
        return services.registration_decline(actor=self.request.user, registration=self.registration,
                                             reason=self.request.POST.get("reason", ""))


class RegistrationCancelView(_RegistrationDecisionView):
    """The participant (or an organiser) cancels; back to the event page."""

    def perform(self, form):
        return services.registration_cancel(actor=self.request.user, registration=self.registration)

    def back_url(self):
        return reverse("events:event", args=[self.registration.event_id])


class _MyRegistrationMixin:
    """The signed-in person's own active registration for the event (404 without one)."""

    def my_registration(self, request, pk):
        event = access_event(request.user, pk)
        registration = selectors.my_registration(actor=request.user, event=event)
        if registration is None or registration.status in {"cancelled", "declined"}:
            raise Http404
        return event, registration


class GroupChoiceView(_MyRegistrationMixin, ServiceFormView):
    """The participant chooses (or changes) their working group in each block of parallel groups."""

    form_class = GroupChoiceForm
    template_name = "events/groups.html"

    def load(self, request, pk, **kwargs):
        self.event, self.registration = self.my_registration(request, pk)
        self.blocks = selectors.parallel_blocks(selectors.agenda_slots(self.event))

    def get_form_kwargs(self):
        return {"blocks": self.blocks}

    def get_initial(self):
        return {f"block{block}": slot for block, slot in selectors.group_choices(self.registration).items()}

    def get_context(self, form):
        return {"event": self.event, "registration": self.registration, "over": self.event.has_ended}

    def perform(self, form):
        return services.registration_groups_choose(actor=self.request.user, registration=self.registration,
                                                   slots=form.chosen())

    def success_message(self, result):
        return _("Your working groups are saved. Your calendar (.ics) now holds them.")

    def success_url(self, result):
        return _event_url(self.event)


class MyAgendaIcsView(_MyRegistrationMixin, SignedInView):
    """The participant's own calendar: of each block of parallel groups, the group they chose."""

    def get(self, request, pk):
        _event, registration = self.my_registration(request, pk)
        return participant_ics_response(registration)


class EvaluationView(ServiceFormView):
    form_class = EvaluationForm
    template_name = "events/evaluation.html"

    def load(self, request, pk, **kwargs):
        self.event = access_event(request.user, pk)
        self.registration = selectors.my_approved_registration(actor=request.user, event=self.event)
        if self.registration is None:
            raise Http404
        self.questions = list(selectors.evaluation_questions(self.event))

    def get_form_kwargs(self):
        return {"questions": self.questions}

    def get_context(self, form):
        return {"event": self.event, "done": hasattr(self.registration, "evaluation")}

    def perform(self, form):
        return services.evaluation_submit(actor=self.request.user, registration=self.registration,
                                          answers=form.answers())

    def success_message(self, result):
        return _("Thank you for your evaluation.")

    def success_url(self, result):
        return _event_url(self.event)


# --- public pages: published events for everyone, drafts for the people the policy lets in --------------------------


class AgendaView(PublicView):
    def get(self, request, pk):
        event = access_readable_event(request.user, pk)
        return render(request, "events/agenda.html", {
            "event": event, "days": selectors.agenda_by_day(event),
            "can_manage": access.can(request.user, MANAGE, event)})


class PublicEventView(PublicView):
    def get(self, request, pk):
        event = access_public_event(pk)
        return render(request, "events/public.html", {"event": event, "days": selectors.agenda_by_day(event),
                                                      "speakers": event.speakers.all(),
                                                      "next_event": selectors.next_event_in_series(event)})


class AgendaIcsView(PublicView):
    def get(self, request, pk):
        return agenda_ics_response(access_readable_event(request.user, pk))


class AgendaJsonView(PublicView):
    def get(self, request, pk):
        return JsonResponse(selectors.agenda_json(access_readable_event(request.user, pk)),
                            json_dumps_params={"ensure_ascii": False})


# --- organisers: the event and its quotas -------------------------------------------------------------------------


class EventCreateView(ServiceFormView):
    form_class = EventCreateForm
    template_name = "events/event_form.html"

    def load(self, request, **kwargs):
        if not access.can_create(request.user, Event):
            raise PermissionDenied

    def get_form_kwargs(self):
        return {"actor": self.request.user}

    def get_context(self, form):
        return {"creating": True}

    def perform(self, form):
        return services.event_create(actor=self.request.user, organiser=form.cleaned_data["organiser"],
                                     **form.event_fields())

    def success_message(self, event):
        return _("Event created. Next: quotas per country, then the agenda.")

    def success_url(self, event):
        return _event_url(event)


class EventEditView(_ManagedEventMixin, ServiceFormView):
    form_class = EventEditForm
    template_name = "events/event_form.html"
    stale_message = gettext_lazy("Someone else changed this event after you opened it. Reload and try again.")

    def get_initial(self):
        return {"version": self.event.version}

    def get_form_kwargs(self):
        instance = self.event
        if self.request.method == "POST":  # validation writes onto the instance; the service compares with the original
            instance = access_event(self.request.user, self.event.pk, MANAGE)
        return {"actor": self.request.user, "instance": instance}

    def get_context(self, form):
        return {"event": self.event}

    def perform(self, form):
        return services.event_update(actor=self.request.user, event=self.event,
                                     expected_version=form.cleaned_data["version"], **form.event_fields())

    def success_message(self, event):
        return _("Changes saved.")

    def success_url(self, event):
        return _event_url(event)


class QuotasView(_ManagedEventMixin, ServiceFormView):
    form_class = QuotaForm
    template_name = "events/quotas.html"

    def get_context(self, form):
        rows = selectors.quota_table(actor=self.request.user, event=self.event)
        return {"event": self.event, "rows": rows, "total": sum(r["quota"].places for r in rows)}

    def perform(self, form):
        return services.quota_set(actor=self.request.user, event=self.event, **form.cleaned_data)

    def success_message(self, quota):
        return _("Quota saved.")

    def success_url(self, quota):
        return reverse("events:quotas", args=[self.event.pk])


# --- organisers: the agenda builder -----------------------------------------------------------------------------


class AgendaEditView(_ManagedEventMixin, ServiceFormView):
    """The agenda builder; its form adds a slot (`SlotEditView` changes one)."""

    form_class = SlotForm
    template_name = "events/agenda_edit.html"
    stale_message = gettext_lazy("Someone else changed this slot. Reload the agenda and try again.")
    slot = None

    def get_form_kwargs(self):
        return {"event": self.event}

    def get_initial(self):
        return {"day": self.event.start_date}

    def get_context(self, form):
        event = self.event
        return {"event": event, "slot": self.slot, "days": selectors.agenda_by_day(event), "room_form": RoomForm(),
                "speaker_form": SpeakerForm(), "rooms": event.rooms.all(), "speakers": event.speakers.all()}

    def perform(self, form):
        return services.slot_save(actor=self.request.user, event=self.event, slot=self.slot,
                                  expected_version=form.cleaned_data.get("version"), **form.service_kwargs())

    def success_message(self, slot):
        return _("Agenda saved.")

    def success_url(self, slot):
        return reverse("events:agenda_edit", args=[self.event.pk])


class SlotEditView(AgendaEditView):
    def load(self, request, pk, slot_pk, **kwargs):
        super().load(request, pk)
        self.slot = access_slot(request.user, slot_pk, CHANGE, event=self.event)

    def get_initial(self):
        slot, tz = self.slot, self.event.tz
        local_start, local_end = slot.starts_at.astimezone(tz), slot.ends_at.astimezone(tz)
        return {"kind": slot.kind, "title": slot.title, "day": local_start.date(), "start": local_start.time(),
                "end": local_end.time(), "room": slot.room_id, "location": slot.location,
                "speakers": list(slot.speakers.values_list("pk", flat=True)), "parallel_to": slot.parallel_to_id,
                "to_be_confirmed": slot.to_be_confirmed, "takes_attendance": slot.takes_attendance,
                "version": slot.version}


class _AgendaActionView(_ManagedEventMixin, ServiceActionView):
    def back_url(self):
        return reverse("events:agenda_edit", args=[self.event.pk])


class SlotDeleteView(_AgendaActionView):
    def load(self, request, pk, slot_pk, **kwargs):
        super().load(request, pk)
        self.slot = access_slot(request.user, slot_pk, DELETE, event=self.event)

    def perform(self, form):
        return services.slot_delete(actor=self.request.user, slot=self.slot)

    def success_message(self, result):
        return _("Slot removed.")


class RoomAddView(_AgendaActionView):
    form_class = RoomForm

    def perform(self, form):
        return services.room_add(actor=self.request.user, event=self.event, **form.cleaned_data)


class SpeakerAddView(_AgendaActionView):
    form_class = SpeakerForm

    def perform(self, form):
        return services.speaker_add(actor=self.request.user, event=self.event, **form.cleaned_data)


# --- organisers: registrations, attendance, certificates ---------------------------------------------------------


class RegistrationsView(SignedInView):
    def get(self, request, pk):
        event = access_event(request.user, pk, MANAGE)
        form = ParticipantFilterForm(request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        registrations = selectors.registrations_for_organiser(actor=request.user, event=event, **filters)
        if request.GET.get("format") == "csv":
            return _participants_csv(event, registrations)
        return render(request, "events/registrations.html", {
            "event": event, "form": form, "page": Paginator(registrations, 50).get_page(request.GET.get("page")),
            "quotas": selectors.quota_table(actor=request.user, event=event), "query": request.GET.urlencode()})


def _participants_csv(event, registrations):
    header = ["name", "email", "organisation", "country", "status", "dietary_needs", "accessibility_needs",
              "listed"]
    rows = ((r.user.get_full_name(), r.user.email, r.organisation.name, r.country, r.status, r.dietary_needs,
             r.accessibility_needs, "yes" if r.listed_consent else "no") for r in registrations)
    response = StreamingHttpResponse(csv_rows(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="participants-{event.pk}.csv"'
    return response


class AttendanceView(_ManagedEventMixin, ServiceFormView):
    form_class = AttendanceForm
    template_name = "events/attendance.html"

    def load(self, request, pk, slot_pk, **kwargs):
        super().load(request, pk)
        self.slot = access_slot(request.user, slot_pk, CHANGE, event=self.event)
        self.registrations = list(selectors.approved_participants(actor=request.user, event=self.event))
        self.marks = dict(self.slot.attendance.values_list("registration_id", "present"))

    def get_form_kwargs(self):
        return {"registrations": self.registrations}

    def get_context(self, form):
        return {"event": self.event, "slot": self.slot,
                "rows": [(r, self.marks.get(r.pk)) for r in self.registrations]}

    def perform(self, form):
        return services.attendance_mark(actor=self.request.user, slot=self.slot,
                                        present_registration_ids=form.cleaned_data["present"])

    def success_message(self, count):
        return _("Attendance saved: %(n)d present.") % {"n": count}

    def success_url(self, count):
        return reverse("events:attendance", args=[self.event.pk, self.slot.pk])


class SignInSheetView(SignedInView):
    def get(self, request, pk, day):
        event = access_event(request.user, pk, MANAGE)
        try:
            date = dt.date.fromisoformat(day)
        except ValueError as exc:
            raise Http404 from exc
        slots = [s for d, day_slots in selectors.agenda_by_day(event) if d == date for s in day_slots
                 if s.takes_attendance]
        registrations = selectors.approved_participants(actor=request.user, event=event)\
            .order_by("country", "user__full_name")
        return render(request, "events/sign_in_sheet.html", {"event": event, "day": date, "slots": slots,
                                                             "registrations": registrations})


class CertificatesView(_ManagedEventMixin, ServiceActionView):
    def perform(self, form):
        return services.certificates_issue(actor=self.request.user, event=self.event)

    def success_message(self, result):
        issued, skipped = result
        available = ngettext("%(n)d certificate available.", "%(n)d certificates available.", issued) % {"n": issued}
        if not skipped:
            return available
        missing = ngettext("%(n)d participant did not meet the attendance rule.",
                           "%(n)d participants did not meet the attendance rule.", skipped) % {"n": skipped}
        who = _("Without a certificate: %(names)s.") % {"names": ", ".join(result.not_eligible)}
        return f"{available} {missing} {who}"

    def back_url(self):
        return reverse("events:registrations", args=[self.event.pk])


# --- organisers: the evaluation form and its results --------------------------------------------------------------


class EvaluationResultsView(SignedInView):
    def get(self, request, pk):
        event = access_event(request.user, pk, MANAGE)
        if request.GET.get("format") == "csv":
            header = ["question", "session", "country", "rating", "text"]
            rows = ((a.question.text, a.question.slot.label if a.question.slot else "",
                     a.response.registration.country, a.rating or "", a.text)
                    for a in selectors.evaluation_answers(actor=request.user, event=event))
            response = StreamingHttpResponse(csv_rows(header, rows), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="evaluation-{event.pk}.csv"'
            return response
        return render(request, "events/results.html", {
            "event": event, "results": selectors.evaluation_results(actor=request.user, event=event),
            "response_rate": selectors.evaluation_response_rate(actor=request.user, event=event),
            "question_form": QuestionForm(event=event)})


class _EvaluationFormActionView(_ManagedEventMixin, ServiceActionView):
    def back_url(self):
        return reverse("events:results", args=[self.event.pk])


class QuestionAddView(_EvaluationFormActionView):
    form_class = QuestionForm

    def get_form_kwargs(self):
        return {"event": self.event}

    def perform(self, form):
        return services.evaluation_question_create(actor=self.request.user, event=self.event, **form.cleaned_data)

    def success_message(self, question):
        return _("Question added to the evaluation form.")


class QuestionDeleteView(_EvaluationFormActionView):
    def load(self, request, pk, question_pk, **kwargs):
        super().load(request, pk)
        self.question = access_question(request.user, question_pk, DELETE, event=self.event)

    def perform(self, form):
        return services.evaluation_question_delete(actor=self.request.user, question=self.question)

    def success_message(self, result):
        return _("Question removed from the evaluation form.")
