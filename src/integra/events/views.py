"""Event pages: for participants (list, event, registration, agenda, evaluation), for organisers (edit,
quotas, agenda builder, registrations, attendance, sign-in sheet, results, certificates) and the public."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from integra.core import access
from integra.core.access import VIEW
from integra.core.errors import StaleEdit
from integra.core.exports import csv_rows
from integra.core.models import Membership, Organisation
from integra.core.viewmixins import PublicView, SignedInView
from integra.core.views import add_form_errors

from . import selectors, services
from .forms import (
    EventEditForm,
    EventForm,
    ParticipantFilterForm,
    QuestionForm,
    QuotaForm,
    RegistrationForm,
    RoomForm,
    SlotForm,
    SpeakerForm,
)
from .ics import agenda_calendar
from .models import EvaluationQuestion, Event, Registration
from .policy import MANAGE, organiser_of


def _event(request, pk, action=VIEW) -> Event:
    return access.access(request.user, Event, pk, action,
                         queryset=access.visible(request.user, Event).select_related("series", "organiser"))


def _readable_event(request, pk) -> Event:
    """Published events for everyone; drafts for the people the policy lets in."""
    event = Event.objects.select_related("series", "organiser").filter(pk=pk).first()
    if event is None:
        raise Http404
    if event.is_published or (request.user.is_authenticated and access.can(request.user, VIEW, event)):
        return event
    raise Http404


class EventListView(SignedInView):
    def get(self, request):
        events = selectors.events_for(actor=request.user)
        mine = set(Registration.objects.filter(user=request.user).exclude(status="cancelled")
                   .values_list("event_id", flat=True))
        return render(request, "events/list.html", {
            "upcoming": selectors.upcoming(events).order_by("start_date"), "past": selectors.past(events)[:20],
            "mine": mine, "can_create": access.can_create(request.user, Event)})


class EventCreateView(SignedInView):
    def _organisers(self, request):
        from integra.core.roles import Role

        ids = access.organisations_where(request.user, Role.EVENT_ORGANISER)
        return Organisation.objects.filter(pk__in=ids) if not access.is_platform_admin(request.user) else \
            Organisation.objects.active()

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not access.can_create(request.user, Event):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return render(request, "events/event_form.html", {"form": EventForm(), "creating": True})

    def post(self, request):
        form = EventForm(request.POST)
        organisers = list(self._organisers(request))
        if form.is_valid():
            try:
                event = services.event_create(actor=request.user, organiser=organisers[0], **form.cleaned_data)
            except ValidationError as error:
                add_form_errors(form, error)
            else:
                messages.success(request, _("Event created. Next: quotas per country, then the agenda."))
                return redirect("events:event", pk=event.pk)
        return render(request, "events/event_form.html", {"form": form, "creating": True}, status=400)


class EventEditView(SignedInView):
    def get(self, request, pk):
        event = _event(request, pk, MANAGE)
        return render(request, "events/event_form.html", {
            "form": EventEditForm(instance=event, initial={"version": event.version}), "event": event})

    def post(self, request, pk):
        event = _event(request, pk, MANAGE)
        form = EventEditForm(request.POST, instance=Event.objects.get(pk=event.pk))
        status = 400
        if form.is_valid():
            changes = {f: form.cleaned_data[f] for f in EventForm.Meta.fields}
            try:
                services.event_update(actor=request.user, event=event, expected_version=form.cleaned_data["version"],
                                      **changes)
            except StaleEdit:
                status = 409
                form.add_error(None, _("Someone else changed this event after you opened it. Reload and try again."))
            except ValidationError as error:
                add_form_errors(form, error)
            else:
                messages.success(request, _("Changes saved."))
                return redirect("events:event", pk=event.pk)
        return render(request, "events/event_form.html", {"form": form, "event": event}, status=status)


class EventView(SignedInView):
    def get(self, request, pk):
        event = _event(request, pk)
        registration = Registration.objects.filter(event=event, user=request.user).first()
        memberships = Membership.objects.active().filter(user=request.user).select_related("organisation")
        return render(request, "events/event.html", {
            "event": event, "registration": registration,
            "form": RegistrationForm(memberships=memberships),
            "can_manage": organiser_of(request.user, event), "next_event": selectors.next_event_in_series(event),
            "attendance": selectors.my_attendance(registration) if registration else [],
            "has_evaluation": event.questions.exists(),
            "evaluated": bool(registration and hasattr(registration, "evaluation")),
        })


class RegisterView(SignedInView):
    def post(self, request, pk):
        event = _event(request, pk)
        memberships = Membership.objects.active().filter(user=request.user).select_related("organisation")
        form = RegistrationForm(request.POST, memberships=memberships)
        if form.is_valid():
            organisation = next((m.organisation for m in memberships
                                 if str(m.organisation_id) == form.cleaned_data["organisation"]), None)
            try:
                services.registration_apply(actor=request.user, event=event, organisation=organisation,
                                            dietary_needs=form.cleaned_data["dietary_needs"],
                                            accessibility_needs=form.cleaned_data["accessibility_needs"],
                                            listed_consent=form.cleaned_data["listed_consent"])
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Application sent. You will receive an e-mail when the organisers "
                                            "decide."))
        else:
            messages.error(request, _("Check the form: %(errors)s") % {"errors": form.errors.as_text()})
        return redirect("events:event", pk=event.pk)


class RegistrationActionView(SignedInView):
    """Organisers approve or decline; the participant (or an organiser) cancels."""

    def post(self, request, pk):
        registration = access.access(request.user, Registration, pk, queryset=access.visible(
            request.user, Registration).select_related("event", "user", "organisation"))
        decision = request.POST.get("decision")
        try:
            if decision == "approve":
                services.registration_approve(actor=request.user, registration=registration)
            elif decision == "decline":
                services.registration_decline(actor=request.user, registration=registration,
                                              reason=request.POST.get("reason", ""))
            elif decision == "cancel":
                services.registration_cancel(actor=request.user, registration=registration)
            else:
                raise Http404
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Registration of %(person)s: %(status)s.")
                             % {"person": registration.user, "status": registration.get_status_display()})
        if organiser_of(request.user, registration.event) and decision != "cancel":
            return redirect("events:registrations", pk=registration.event_id)
        return redirect("events:event", pk=registration.event_id)


class AgendaView(PublicView):
    def get(self, request, pk):
        event = _readable_event(request, pk)
        return render(request, "events/agenda.html", {
            "event": event, "days": selectors.agenda_by_day(event),
            "can_manage": request.user.is_authenticated and organiser_of(request.user, event)})


class PublicEventView(PublicView):
    def get(self, request, pk):
        event = Event.objects.select_related("series").filter(pk=pk, is_published=True).first()
        if event is None:
            raise Http404
        speakers = event.speakers.all()
        return render(request, "events/public.html", {"event": event, "days": selectors.agenda_by_day(event),
                                                      "speakers": speakers,
                                                      "next_event": selectors.next_event_in_series(event)})


class AgendaIcsView(PublicView):
    def get(self, request, pk):
        event = _readable_event(request, pk)
        response = HttpResponse(agenda_calendar(event, selectors.agenda_slots(event)),
                                content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="event-{event.pk}.ics"'
        return response


class AgendaJsonView(PublicView):
    def get(self, request, pk):
        return JsonResponse(selectors.agenda_json(_readable_event(request, pk)),
                            json_dumps_params={"ensure_ascii": False})


class QuotasView(SignedInView):
    def get(self, request, pk):
        event = _event(request, pk, MANAGE)
        return self._render(request, event, QuotaForm())

    def post(self, request, pk):
        event = _event(request, pk, MANAGE)
        form = QuotaForm(request.POST)
        if form.is_valid():
            services.quota_set(actor=request.user, event=event, **form.cleaned_data)
            messages.success(request, _("Quota saved."))
            return redirect("events:quotas", pk=event.pk)
        return self._render(request, event, form, status=400)

    def _render(self, request, event, form, status=200):
        rows = selectors.quota_table(event)
        return render(request, "events/quotas.html", {"event": event, "rows": rows, "form": form,
                                                      "total": sum(r["quota"].places for r in rows)}, status=status)


class AgendaEditView(SignedInView):
    def get(self, request, pk):
        event = _event(request, pk, MANAGE)
        slot = self._slot(event, request.GET.get("slot"))
        return self._render(request, event, self._slot_form(event, slot), slot)

    def post(self, request, pk):
        event = _event(request, pk, MANAGE)
        what = request.POST.get("what")
        if what == "room":
            form = RoomForm(request.POST)
            if form.is_valid():
                services.room_add(actor=request.user, event=event, **form.cleaned_data)
            return redirect("events:agenda_edit", pk=event.pk)
        if what == "speaker":
            form = SpeakerForm(request.POST)
            if form.is_valid():
                services.speaker_add(actor=request.user, event=event, **form.cleaned_data)
            return redirect("events:agenda_edit", pk=event.pk)
        slot = self._slot(event, request.POST.get("slot"))
        if what == "delete" and slot:
            services.slot_delete(actor=request.user, slot=slot)
            messages.success(request, _("Slot removed."))
            return redirect("events:agenda_edit", pk=event.pk)
        form = SlotForm(request.POST, event=event)
        status = 400
        if form.is_valid():
            try:
                services.slot_save(actor=request.user, event=event, slot=slot,
                                   expected_version=form.cleaned_data.get("version"), **form.service_kwargs())
            except StaleEdit:
                status = 409
                form.add_error(None, _("Someone else changed this slot. Reload the agenda and try again."))
            except ValidationError as error:
                add_form_errors(form, error)
            else:
                messages.success(request, _("Agenda saved."))
                return redirect("events:agenda_edit", pk=event.pk)
        return self._render(request, event, form, slot, status=status)

    def _slot(self, event, slot_id):
        if not slot_id:
            return None
        slot = event.slots.filter(pk=slot_id).first()
        if slot is None:
            raise Http404
        return slot

    def _slot_form(self, event, slot):
        if slot is None:
            return SlotForm(event=event, initial={"day": event.start_date})
        local_start, local_end = slot.starts_at.astimezone(event.tz), slot.ends_at.astimezone(event.tz)
        return SlotForm(event=event, initial={
            "kind": slot.kind, "title": slot.title, "day": local_start.date(), "start": local_start.time(),
            "end": local_end.time(), "room": slot.room_id, "speakers": list(slot.speakers.values_list("pk", flat=True)),
            "parallel_to": slot.parallel_to_id, "to_be_confirmed": slot.to_be_confirmed,
            "takes_attendance": slot.takes_attendance, "version": slot.version})

    def _render(self, request, event, form, slot, status=200):
        return render(request, "events/agenda_edit.html", {
            "event": event, "form": form, "slot": slot, "days": selectors.agenda_by_day(event),
            "room_form": RoomForm(), "speaker_form": SpeakerForm(), "rooms": event.rooms.all(),
            "speakers": event.speakers.all()}, status=status)


class RegistrationsView(SignedInView):
    def get(self, request, pk):
        event = _event(request, pk, MANAGE)
        form = ParticipantFilterForm(request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        registrations = selectors.registrations_for_organiser(event, **filters)
        if request.GET.get("format") == "csv":
            return _participants_csv(event, registrations)
        return render(request, "events/registrations.html", {
            "event": event, "form": form, "page": Paginator(registrations, 50).get_page(request.GET.get("page")),
            "quotas": selectors.quota_table(event), "query": request.GET.urlencode()})


def _participants_csv(event, registrations):
    header = ["name", "email", "organisation", "country", "status", "dietary_needs", "accessibility_needs",
              "listed"]
    rows = ((r.user.get_full_name(), r.user.email, r.organisation.name, r.country, r.status, r.dietary_needs,
             r.accessibility_needs, "yes" if r.listed_consent else "no") for r in registrations)
    response = StreamingHttpResponse(csv_rows(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="participants-{event.pk}.csv"'
    return response


class AttendanceView(SignedInView):
    def get(self, request, pk, slot_pk):
        event, slot = self._load(request, pk, slot_pk)
        return self._render(request, event, slot)

    def post(self, request, pk, slot_pk):
        event, slot = self._load(request, pk, slot_pk)
        try:
            present = [int(i) for i in request.POST.getlist("present")]
            count = services.attendance_mark(actor=request.user, slot=slot, present_registration_ids=present)
        except (ValueError, ValidationError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
            return self._render(request, event, slot, status=400)
        messages.success(request, _("Attendance saved: %(n)d present.") % {"n": count})
        return redirect("events:attendance", pk=event.pk, slot_pk=slot.pk)

    def _load(self, request, pk, slot_pk):
        event = _event(request, pk, MANAGE)
        slot = event.slots.filter(pk=slot_pk).first()
        if slot is None:
            raise Http404
        return event, slot

    def _render(self, request, event, slot, status=200):
        registrations = event.registrations.holding_a_place().select_related("user", "organisation")
        marks = dict(slot.attendance.values_list("registration_id", "present"))
        return render(request, "events/attendance.html", {
            "event": event, "slot": slot, "rows": [(r, marks.get(r.pk)) for r in registrations]}, status=status)


class SignInSheetView(SignedInView):
    def get(self, request, pk, day):
        event = _event(request, pk, MANAGE)
        try:
            date = dt.date.fromisoformat(day)
        except ValueError as exc:
            raise Http404 from exc
        slots = [s for d, day_slots in selectors.agenda_by_day(event) if d == date for s in day_slots
                 if s.takes_attendance]
        registrations = event.registrations.holding_a_place().select_related("user", "organisation")\
            .order_by("country", "user__full_name")
        return render(request, "events/sign_in_sheet.html", {"event": event, "day": date, "slots": slots,
                                                             "registrations": registrations})


class EvaluationView(SignedInView):
    def _load(self, request, pk):
        event = _event(request, pk)
        registration = Registration.objects.filter(event=event, user=request.user, status="approved").first()
        if registration is None:
            raise Http404
        return event, registration

    def get(self, request, pk):
        event, registration = self._load(request, pk)
        return render(request, "events/evaluation.html", {
            "event": event, "questions": event.questions.select_related("slot"),
            "done": hasattr(registration, "evaluation")})

    def post(self, request, pk):
        event, registration = self._load(request, pk)
        answers = {}
        for question in event.questions.all():
            raw = request.POST.get(f"q{question.pk}", "").strip()
            if question.kind == EvaluationQuestion.Kind.SCALE and raw:
                answers[question.pk] = int(raw) if raw.isdigit() else raw
            elif raw:
                answers[question.pk] = raw
        try:
            services.evaluation_submit(actor=request.user, registration=registration, answers=answers)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return render(request, "events/evaluation.html", {
                "event": event, "questions": event.questions.select_related("slot"),
                "done": hasattr(registration, "evaluation"), "posted": request.POST}, status=400)
        messages.success(request, _("Thank you for your evaluation."))
        return redirect("events:event", pk=event.pk)


class EvaluationResultsView(SignedInView):
    def get(self, request, pk):
        event = _event(request, pk, MANAGE)
        results = selectors.evaluation_results(event)
        if request.GET.get("format") == "csv":
            header = ["question", "session", "country", "rating", "text"]
            from .models import Answer

            answers = Answer.objects.filter(question__event=event).select_related(
                "question", "question__slot", "response__registration")
            rows = ((a.question.text, a.question.slot.label if a.question.slot else "",
                     a.response.registration.country, a.rating or "", a.text) for a in answers)
            response = StreamingHttpResponse(csv_rows(header, rows), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="evaluation-{event.pk}.csv"'
            return response
        return render(request, "events/results.html", {"event": event, "results": results,
                                                       "question_form": QuestionForm(event=event)})

    def post(self, request, pk):
        event = _event(request, pk, MANAGE)
        form = QuestionForm(request.POST, event=event)
        if form.is_valid():
            question = form.save(commit=False)
            question.event = event
            question.save()
            messages.success(request, _("Question added to the evaluation form."))
        else:
            messages.error(request, form.errors.as_text())
        return redirect("events:results", pk=event.pk)


class CertificatesView(SignedInView):
    def post(self, request, pk):
        event = _event(request, pk, MANAGE)
        issued, skipped = services.certificates_issue(actor=request.user, event=event)
        available = ngettext("%(n)d certificate available.", "%(n)d certificates available.", issued) % {"n": issued}
        missing = ngettext("%(n)d participant did not meet the attendance rule.",
                           "%(n)d participants did not meet the attendance rule.", skipped) % {"n": skipped}
        messages.success(request, f"{available} {missing}" if skipped else available)
        return redirect("events:registrations", pk=event.pk)
