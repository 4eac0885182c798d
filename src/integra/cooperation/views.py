"""Pages of the cooperation: caseload, the record and its sections, team and sharing, referrals,
conferences and actions, timeline, access log, exports, agreements. Each view: fetch through the policy,
call a service, render."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from integra.core import access
from integra.core.access import CHANGE, VIEW, organisations_where
from integra.core.errors import StaleEdit
from integra.core.models import Organisation
from integra.core.viewmixins import SignedInView
from integra.core.views import add_form_errors

from . import selectors, services
from .forms import (
    ActionForm,
    ActionStatusForm,
    AgreementForm,
    BasisForm,
    CaseloadFilterForm,
    ConferenceForm,
    ConferenceRecordForm,
    DecisionForm,
    DocumentForm,
    EmergencyForm,
    FindRecordForm,
    FlagForm,
    IdentityForm,
    NoteForm,
    PhaseForm,
    RecordEditForm,
    RecordOpenForm,
    ReferralForm,
    RightsForm,
    TeamAddForm,
)
from .models import (
    Action,
    CaseConference,
    Document,
    Flag,
    Phase,
    Referral,
    Section,
    SharingAgreement,
    SharingBasis,
    TeamMember,
    TransitionRecord,
)
from .policy import (
    BREAK_GLASS,
    CONFER,
    DECIDE,
    EDIT_SUMMARY,
    EXPORT,
    MANAGE_TEAM,
    RECORD_OPENER_ROLES,
    REFER,
    REVOKE,
    VIEW_ACCESS_LOG,
    data_protection_records,
    record_access,
)
from .timeline_labels import describe

STALE = _("Someone else saved this record after you opened it. Nothing was saved: reload to see their changes.")


def _record(request, pk, action=VIEW) -> TransitionRecord:
    return access.access(request.user, TransitionRecord, pk, action,
                         queryset=access.visible(request.user, TransitionRecord).select_related("owner"))


def _team_users(record):
    from django.contrib.auth import get_user_model

    ids = TeamMember.objects.current().filter(record=record).values("user_id")
    return get_user_model().objects.filter(pk__in=ids).order_by("full_name", "email")


class CaseloadView(SignedInView):
    def get(self, request):
        form = CaseloadFilterForm(request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        records = selectors.caseload(actor=request.user, **filters)
        page = Paginator(records, 25).get_page(request.GET.get("page"))
        return render(request, "cooperation/caseload.html", {
            "form": form, "page": page, "can_open": access.can_create(request.user, TransitionRecord),
            "find_form": FindRecordForm(), "today": timezone.localdate(),
        })


class RecordOpenView(SignedInView):
    def _organisations(self, request):
        return Organisation.objects.filter(pk__in=organisations_where(request.user, *RECORD_OPENER_ROLES))

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not access.can_create(request.user, TransitionRecord):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        form = RecordOpenForm(organisations=self._organisations(request))
        return render(request, "cooperation/record_open.html", {"form": form})

    def post(self, request):
        form = RecordOpenForm(request.POST, organisations=self._organisations(request))
        if form.is_valid():
            try:
                record = services.record_open(actor=request.user, **form.service_kwargs())
            except ValidationError as error:
                add_form_errors(form, error)
            else:
                messages.success(request, _("Record %(reference)s opened. Next: record the legal basis or consent "
                                            "for sharing, then build the team.") % {"reference": record.reference})
                return redirect("cooperation:record", pk=record.pk)
        return render(request, "cooperation/record_open.html", {"form": form}, status=400)


class RecordView(SignedInView):
    def get(self, request, pk):
        record = _record(request, pk)
        services.record_viewed(actor=request.user, record=record)
        bundle = selectors.record_bundle(actor=request.user, record=record)
        user = request.user
        return render(request, "cooperation/record.html", {
            "record": record, **bundle,
            "timeline_rows": [(entry, describe(entry)) for entry in bundle["timeline"]],
            "sections": [(code, label, bundle["grant"].sees(code)) for code, label in Section.choices
                         if code != Section.IDENTITY],
            "can_edit": access.can(user, EDIT_SUMMARY, record), "can_manage": access.can(user, MANAGE_TEAM, record),
            "can_refer": access.can(user, REFER, record), "can_confer": access.can(user, CONFER, record),
            "can_export": access.can(user, EXPORT, record),
            "can_see_log": access.can(user, VIEW_ACCESS_LOG, record),
            "phase_form": PhaseForm(initial={"phase": record.phase, "version": record.version}),
            "flag_form": FlagForm(),
            "action_form": ActionForm(team_users=_team_users(record)) if access.can(user, CONFER, record) else None,
        })


class RecordEditView(SignedInView):
    def get(self, request, pk):
        record = _record(request, pk, EDIT_SUMMARY)
        form = RecordEditForm(instance=record, initial={"version": record.version})
        return render(request, "cooperation/record_edit.html", {"record": record, "form": form})

    def post(self, request, pk):
        record = _record(request, pk, EDIT_SUMMARY)
        form = RecordEditForm(request.POST, instance=TransitionRecord.objects.get(pk=record.pk))
        status = 400
        if form.is_valid():
            changes = {f: form.cleaned_data[f] for f in RecordEditForm.Meta.fields}
            try:
                services.record_update(actor=request.user, record=record,
                                       expected_version=form.cleaned_data["version"], **changes)
            except StaleEdit:
                status = 409
                form.add_error(None, STALE)
            else:
                messages.success(request, _("Changes saved."))
                return redirect("cooperation:record", pk=record.pk)
        return render(request, "cooperation/record_edit.html", {"record": record, "form": form}, status=status)


class PhaseView(SignedInView):
    def post(self, request, pk):
        record = _record(request, pk, EDIT_SUMMARY)
        form = PhaseForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose a phase."))
        else:
            try:
                services.record_set_phase(actor=request.user, record=record, phase=form.cleaned_data["phase"],
                                          expected_version=form.cleaned_data["version"])
            except StaleEdit:
                messages.error(request, STALE)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Phase changed to %(phase)s.") % {"phase": record.get_phase_display()})
        return redirect("cooperation:record", pk=record.pk)


class IdentityView(SignedInView):
    def _load(self, request, pk):
        record = _record(request, pk, "section:" + Section.IDENTITY)
        return record, record.identity

    def get(self, request, pk):
        record, identity = self._load(request, pk)
        services.record_viewed(actor=request.user, record=record, section=Section.IDENTITY)
        initial = {f: getattr(identity, f) for f in services.IDENTITY_FIELDS} | {"version": identity.version}
        return render(request, "cooperation/identity.html", {
            "record": record, "identity": identity, "form": IdentityForm(initial=initial),
            "can_edit": record_access(request.user, record).on_owner_team})

    def post(self, request, pk):
        record, identity = self._load(request, pk)
        form = IdentityForm(request.POST)
        status = 400
        if form.is_valid():
            data = dict(form.cleaned_data)
            version = data.pop("version")
            try:
                services.identity_update(actor=request.user, record=record, expected_version=version, **data)
            except StaleEdit:
                status = 409
                form.add_error(None, STALE)
            else:
                messages.success(request, _("Identity details saved."))
                return redirect("cooperation:identity", pk=record.pk)
        return render(request, "cooperation/identity.html", {"record": record, "identity": identity, "form": form,
                                                             "can_edit": True}, status=status)


class SectionView(SignedInView):
    def _load(self, request, pk, section):
        if section not in Section.values or section == Section.IDENTITY:
            raise Http404
        return _record(request, pk, "section:" + section)

    def get(self, request, pk, section):
        record = self._load(request, pk, section)
        services.record_viewed(actor=request.user, record=record, section=section)
        return self._render(request, record, section, NoteForm(), DocumentForm())

    def post(self, request, pk, section):
        record = self._load(request, pk, section)
        note_form, document_form = NoteForm(), DocumentForm()
        try:
            if "upload" in request.FILES or request.POST.get("kind") == "document":
                document_form = DocumentForm(request.POST, request.FILES)
                if document_form.is_valid():
                    services.document_upload(actor=request.user, record=record, section=section,
                                             title=document_form.cleaned_data["title"],
                                             upload=document_form.cleaned_data["upload"])
                    messages.success(request, _("Document added."))
                    return redirect("cooperation:section", pk=record.pk, section=section)
            else:
                note_form = NoteForm(request.POST)
                if note_form.is_valid():
                    services.note_add(actor=request.user, record=record, section=section,
                                      body=note_form.cleaned_data["body"])
                    messages.success(request, _("Note added."))
                    return redirect("cooperation:section", pk=record.pk, section=section)
        except ValidationError as error:
            add_form_errors(document_form if document_form.is_bound else note_form, error)
        return self._render(request, record, section, note_form, document_form, status=400)

    def _render(self, request, record, section, note_form, document_form, status=200):
        notes, documents = selectors.section_items(record=record, section=section)
        return render(request, "cooperation/section.html", {
            "record": record, "section": section, "section_label": Section(section).label,
            "notes": Paginator(notes, 20).get_page(request.GET.get("page")), "documents": documents,
            "note_form": note_form, "document_form": document_form,
        }, status=status)


class DocumentDownloadView(SignedInView):
    def get(self, request, pk):
        document = Document.objects.select_related("record").filter(pk=pk).first()
        if document is None or not access.can(request.user, "section:" + document.section, document.record):
            raise Http404
        content = services.document_read(actor=request.user, document=document)
        response = HttpResponse(content, content_type=document.content_type)
        response["Content-Disposition"] = content_disposition_header(True, document.original_name)
        response["Cache-Control"] = "no-store"
        return response


class TeamView(SignedInView):
    def get(self, request, pk):
        record = _record(request, pk, MANAGE_TEAM)
        return self._render(request, record, TeamAddForm())

    def post(self, request, pk):
        record = _record(request, pk, MANAGE_TEAM)
        form = TeamAddForm(request.POST)
        if form.is_valid():
            try:
                services.team_add(actor=request.user, record=record, user=form.user,
                                  organisation=form.cleaned_data["organisation"],
                                  access_level=form.cleaned_data["access_level"],
                                  role_on_team=form.cleaned_data["role_on_team"])
            except ValidationError as error:
                add_form_errors(form, error)
            else:
                messages.success(request, _("%(person)s joined the team.") % {"person": form.user})
                return redirect("cooperation:team", pk=record.pk)
        return self._render(request, record, form, status=400)

    def _render(self, request, record, form, status=200):
        team = TeamMember.objects.current().filter(record=record).select_related("user", "organisation")
        return render(request, "cooperation/team.html", {"record": record, "team": team, "form": form},
                      status=status)


class TeamRemoveView(SignedInView):
    def post(self, request, pk, member_pk):
        record = _record(request, pk, MANAGE_TEAM)
        member = TeamMember.objects.current().filter(record=record, pk=member_pk).select_related("user").first()
        if member is None:
            raise Http404
        try:
            services.team_remove(actor=request.user, member=member)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(person)s left the team.") % {"person": member.user})
        return redirect("cooperation:team", pk=record.pk)


class SharingView(SignedInView):
    def get(self, request, pk):
        record = _record(request, pk, MANAGE_TEAM)
        return self._render(request, record, BasisForm(initial={"given_on": timezone.localdate()}))

    def post(self, request, pk):
        record = _record(request, pk, MANAGE_TEAM)
        form = BasisForm(request.POST)
        if form.is_valid():
            try:
                services.basis_add(actor=request.user, record=record, **form.cleaned_data)
            except ValidationError as error:
                add_form_errors(form, error)
            else:
                messages.success(request, _("The basis for sharing was recorded."))
                return redirect("cooperation:sharing", pk=record.pk)
        return self._render(request, record, form, status=400)

    def _render(self, request, record, form, status=200):
        bases = record.bases.prefetch_related("recipients").order_by("-given_on")
        return render(request, "cooperation/sharing.html", {"record": record, "bases": bases, "form": form},
                      status=status)


class BasisWithdrawView(SignedInView):
    def post(self, request, pk, basis_pk):
        record = _record(request, pk, MANAGE_TEAM)
        basis = SharingBasis.objects.filter(record=record, pk=basis_pk).first()
        if basis is None:
            raise Http404
        try:
            services.basis_withdraw(actor=request.user, basis=basis)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Withdrawn. Organisations relying on it lose access now."))
        return redirect("cooperation:sharing", pk=record.pk)


class ReferralCreateView(SignedInView):
    def get(self, request, pk):
        record = _record(request, pk, REFER)
        return render(request, "cooperation/referral_form.html", {"record": record, "form": ReferralForm()})

    def post(self, request, pk):
        record = _record(request, pk, REFER)
        form = ReferralForm(request.POST)
        if form.is_valid():
            try:
                referral = services.referral_create(actor=request.user, record=record, **form.cleaned_data)
            except ValidationError as error:
                add_form_errors(form, error)
            else:
                messages.success(request, _("Referral sent to %(organisation)s.")
                                 % {"organisation": referral.to_organisation})
                return redirect("cooperation:record", pk=record.pk)
        return render(request, "cooperation/referral_form.html", {"record": record, "form": form}, status=400)


class ReferralListView(SignedInView):
    def get(self, request):
        direction = "outgoing" if request.GET.get("direction") == "outgoing" else "incoming"
        status = request.GET.get("status", "pending" if direction == "incoming" else "")
        if status not in {"", *Referral.Status.values}:
            status = ""
        referrals = selectors.referrals_for(actor=request.user, direction=direction, status=status)
        page = Paginator(referrals, 25).get_page(request.GET.get("page"))
        return render(request, "cooperation/referrals.html", {"page": page, "direction": direction,
                                                              "status": status, "statuses": Referral.Status.choices})


class ReferralView(SignedInView):
    def _load(self, request, pk):
        return access.access(request.user, Referral, pk, queryset=access.visible(request.user, Referral)
                             .select_related("record", "from_organisation", "to_organisation", "created_by"))

    def get(self, request, pk):
        referral = self._load(request, pk)
        return self._render(request, referral, DecisionForm())

    def post(self, request, pk):
        referral = self._load(request, pk)
        form = DecisionForm(request.POST)
        form.is_valid()
        decision = request.POST.get("decision")
        try:
            if decision == "accept" and access.can(request.user, DECIDE, referral):
                services.referral_accept(actor=request.user, referral=referral, reason=form.cleaned_data["reason"])
                messages.success(request, _("Accepted. The record is now on your caseload."))
                return redirect("cooperation:record", pk=referral.record_id)
            if decision == "decline" and access.can(request.user, DECIDE, referral):
                services.referral_decline(actor=request.user, referral=referral, reason=form.cleaned_data["reason"])
                messages.success(request, _("Declined; the sender was told why."))
                return redirect("cooperation:referrals")
            if decision == "revoke" and access.can(request.user, REVOKE, referral):
                services.referral_revoke(actor=request.user, referral=referral)
                messages.success(request, _("Referral revoked."))
                return redirect("cooperation:record", pk=referral.record_id)
            raise PermissionDenied
        except ValidationError as error:
            add_form_errors(form, error)
        return self._render(request, referral, form, status=400)

    def _render(self, request, referral, form, status=200):
        return render(request, "cooperation/referral.html", {
            "referral": referral, "form": form, "can_decide": access.can(request.user, DECIDE, referral),
            "can_revoke": access.can(request.user, REVOKE, referral),
            "sections": [Section(s).label for s in referral.sections if s in Section.values],
        }, status=status)


class ConferenceCreateView(SignedInView):
    def get(self, request, pk):
        record = _record(request, pk, CONFER)
        form = ConferenceForm(team_users=_team_users(record))
        return render(request, "cooperation/conference_form.html", {"record": record, "form": form})

    def post(self, request, pk):
        record = _record(request, pk, CONFER)
        form = ConferenceForm(request.POST, team_users=_team_users(record))
        if form.is_valid():
            try:
                conference = services.conference_schedule(actor=request.user, record=record, **form.cleaned_data)
            except ValidationError as error:
                add_form_errors(form, error)
            else:
                messages.success(request, _("Case conference scheduled; the people invited were notified."))
                return redirect("cooperation:conference", pk=conference.pk)
        return render(request, "cooperation/conference_form.html", {"record": record, "form": form}, status=400)


class ConferenceView(SignedInView):
    def _load(self, request, pk):
        return access.access(request.user, CaseConference, pk, queryset=access.visible(
            request.user, CaseConference).select_related("record"))

    def get(self, request, pk):
        conference = self._load(request, pk)
        services.record_viewed(actor=request.user, record=conference.record, section=Section.CASEWORK,
                               purpose="case conference")
        return self._render(request, conference)

    def post(self, request, pk):
        conference = self._load(request, pk)
        if not access.can(request.user, CHANGE, conference):
            raise PermissionDenied
        participants = list(conference.participants.select_related("user"))
        form = ConferenceRecordForm(request.POST, participants=participants)
        if form.is_valid():
            try:
                services.conference_record(
                    actor=request.user, conference=conference, expected_version=form.cleaned_data["version"],
                    minutes=form.cleaned_data["minutes"],
                    attended_user_ids=[int(i) for i in form.cleaned_data["attended"]],
                    decisions=form.cleaned_data["decisions"].splitlines())
            except StaleEdit:
                form.add_error(None, STALE)
                return self._render(request, conference, form, status=409)
            messages.success(request, _("Minutes, attendance and decisions saved."))
            return redirect("cooperation:conference", pk=conference.pk)
        return self._render(request, conference, form, status=400)

    def _render(self, request, conference, form=None, status=200):
        participants = list(conference.participants.select_related("user"))
        form = form or ConferenceRecordForm(participants=participants, initial={
            "minutes": conference.minutes, "version": conference.version,
            "attended": [str(p.user_id) for p in participants if p.attended]})
        return render(request, "cooperation/conference.html", {
            "conference": conference, "record": conference.record, "participants": participants,
            "decisions": conference.decisions.all(), "form": form,
            "can_change": access.can(request.user, CHANGE, conference),
            "actions": conference.actions.select_related("owner"),
            "action_form": ActionForm(team_users=_team_users(conference.record)),
        }, status=status)


class ActionCreateView(SignedInView):
    def post(self, request, pk):
        record = _record(request, pk, CONFER)
        form = ActionForm(request.POST, team_users=_team_users(record))
        conference = None
        if request.POST.get("conference"):
            conference = CaseConference.objects.filter(record=record, pk=request.POST["conference"]).first()
        if form.is_valid():
            try:
                services.action_create(actor=request.user, record=record, conference=conference, **form.cleaned_data)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Action added."))
        else:
            messages.error(request, " ".join(f"{form.fields[f].label}: {' '.join(e)}" for f, e in form.errors.items()))
        if conference:
            return redirect("cooperation:conference", pk=conference.pk)
        return redirect("cooperation:record", pk=record.pk)


class ActionUpdateView(SignedInView):
    def post(self, request, pk):
        action = access.access(request.user, Action, pk, CHANGE,
                               queryset=access.visible(request.user, Action).select_related("record"))
        form = ActionStatusForm(request.POST)
        if form.is_valid():
            try:
                services.action_update(actor=request.user, action=action, status=form.cleaned_data["status"],
                                       expected_version=form.cleaned_data["version"])
            except StaleEdit:
                messages.error(request, STALE)
            else:
                messages.success(request, _("Action updated."))
        return redirect(request.POST.get("next") if request.POST.get("next", "").startswith("/") else
                        "cooperation:actions")


class MyActionsView(SignedInView):
    def get(self, request):
        actions = selectors.my_actions(actor=request.user, open_only=request.GET.get("all") != "1")
        return render(request, "cooperation/actions.html", {
            "page": Paginator(actions.order_by("due_date"), 25).get_page(request.GET.get("page")),
            "today": timezone.localdate()})


class TimelineView(SignedInView):
    def get(self, request, pk):
        record = _record(request, pk)
        services.record_viewed(actor=request.user, record=record, purpose="timeline")
        entries = selectors.timeline(actor=request.user, record=record)
        page = Paginator(entries, 50).get_page(request.GET.get("page"))
        return render(request, "cooperation/timeline.html", {
            "record": record, "page": page, "rows": [(e, describe(e)) for e in page.object_list]})


def _record_for_data_protection(request, pk, action):
    """The owner's full-access team or the owner's data-protection officer (who is not on the team)."""
    record = TransitionRecord.objects.select_related("owner").filter(pk=pk).first()
    if record is None or not access.can(request.user, action, record):
        raise Http404
    return record


class AccessLogView(SignedInView):
    def get(self, request, pk):
        record = _record_for_data_protection(request, pk, VIEW_ACCESS_LOG)
        page = Paginator(selectors.access_log(record=record), 50).get_page(request.GET.get("page"))
        from integra.core.audit_labels import describe as describe_action

        return render(request, "cooperation/access_log.html", {
            "record": record, "page": page, "rows": [(e, describe_action(e.action)) for e in page.object_list]})


class ExportView(SignedInView):
    def get(self, request, pk, fmt):
        record = _record_for_data_protection(request, pk, EXPORT)
        data = services.subject_access_export(actor=request.user, record=record)
        filename = f"subject-access-{record.reference}"
        if fmt == "json":
            response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
            response["Content-Disposition"] = f'attachment; filename="{filename}.json"'
            return response
        from .pdf import render_subject_access_pdf

        try:
            pdf = render_subject_access_pdf(record=record, data=data)
        except Exception:  # a broken PDF renderer must not take the page down: the JSON export still works
            messages.error(request, _("The PDF could not be produced right now. The JSON export contains the same "
                                      "data."))
            return redirect("cooperation:record", pk=record.pk) if record_access(request.user, record).allowed \
                else redirect("cooperation:data_protection")
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
        return response


class RightsView(SignedInView):
    def post(self, request, pk):
        record = _record_for_data_protection(request, pk, EXPORT)
        form = RightsForm(request.POST)
        form.is_valid()
        services.record_set_rights_flags(actor=request.user, record=record, **form.cleaned_data)
        messages.success(request, _("Data-protection flags saved."))
        return redirect(request.POST.get("next") if request.POST.get("next", "").startswith("/") else
                        "cooperation:data_protection")


class FlagView(SignedInView):
    def post(self, request, pk, flag_pk=None):
        record = _record(request, pk, EDIT_SUMMARY)
        if flag_pk:
            flag = Flag.objects.filter(record=record, pk=flag_pk, removed_at__isnull=True).first()
            if flag is None:
                raise Http404
            services.flag_remove(actor=request.user, flag=flag)
        else:
            form = FlagForm(request.POST)
            if form.is_valid():
                services.flag_add(actor=request.user, record=record, **form.cleaned_data)
            else:
                messages.error(request, _("Choose a flag."))
        return redirect("cooperation:record", pk=record.pk)


class FindRecordView(SignedInView):
    """Find a record by its exact reference; someone outside its team may then ask for emergency access."""

    def get(self, request):
        form = FindRecordForm(request.GET or None)
        if not form.is_valid():
            return render(request, "cooperation/find.html", {"form": form}, status=400 if form.is_bound else 200)
        reference = form.cleaned_data["reference"].strip().upper()
        visible = access.visible(request.user, TransitionRecord).filter(reference=reference).first()
        if visible:
            return redirect("cooperation:record", pk=visible.pk)
        record = TransitionRecord.objects.filter(reference=reference).first()
        if record is None or not access.can(request.user, BREAK_GLASS, record):
            form.add_error("reference", _("No record you can reach has this reference."))
            return render(request, "cooperation/find.html", {"form": form}, status=404)
        return render(request, "cooperation/emergency.html", {"record": record, "form": EmergencyForm()})


class EmergencyAccessView(SignedInView):
    def post(self, request, pk):
        record = TransitionRecord.objects.filter(pk=pk).first()
        if record is None or not access.can(request.user, BREAK_GLASS, record):
            raise Http404
        form = EmergencyForm(request.POST)
        if form.is_valid():
            try:
                services.emergency_access_grant(actor=request.user, record=record, reason=form.cleaned_data["reason"])
            except ValidationError as error:
                add_form_errors(form, error)
            else:
                messages.warning(request, _("Emergency access granted for %(hours)d hours. The owner and the "
                                            "data-protection officer were alerted.")
                                 % {"hours": services.EMERGENCY_ACCESS_HOURS})
                return redirect("cooperation:record", pk=record.pk)
        return render(request, "cooperation/emergency.html", {"record": record, "form": form}, status=400)


class DataProtectionView(SignedInView):
    def get(self, request):
        records = data_protection_records(request.user).select_related("owner").order_by("-created_at")
        q = request.GET.get("q", "").strip()
        if q:
            records = records.filter(reference__icontains=q)
        page = Paginator(records, 50).get_page(request.GET.get("page"))
        return render(request, "cooperation/data_protection.html", {"page": page, "q": q})


class OverviewView(SignedInView):
    def get(self, request):
        rows = selectors.counts_by_phase_and_country(actor=request.user)
        from integra.core.countries import Country

        countries = sorted({r["owner__country"] for r in rows})
        table = []
        for country in countries:
            counts = {r["phase"]: r["n"] for r in rows if r["owner__country"] == country}
            table.append((Country(country).label, [(label, counts.get(code, 0)) for code, label in Phase.choices]))
        totals = [(label, sum(r["n"] for r in rows if r["phase"] == code)) for code, label in Phase.choices]
        biggest = max([n for _label, n in totals] + [1])
        return render(request, "cooperation/overview.html", {
            "table": table, "phases": Phase.choices,
            "bars": [(label, n, round(100 * n / biggest)) for label, n in totals]})


class AgreementListView(SignedInView):
    def get(self, request):
        agreements = access.visible(request.user, SharingAgreement).prefetch_related("parties").order_by("-valid_from")
        return render(request, "cooperation/agreements.html", {
            "page": Paginator(agreements, 25).get_page(request.GET.get("page")),
            "can_create": access.can_create(request.user, SharingAgreement), "today": timezone.localdate()})


class AgreementCreateView(SignedInView):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not access.can_create(request.user, SharingAgreement):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return render(request, "cooperation/agreement_form.html", {"form": AgreementForm()})

    def post(self, request):
        form = AgreementForm(request.POST)
        if form.is_valid():
            try:
                agreement = services.agreement_create(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_form_errors(form, error)
            else:
                messages.success(request, _("Agreement recorded."))
                return redirect("cooperation:agreement", pk=agreement.pk)
        return render(request, "cooperation/agreement_form.html", {"form": form}, status=400)


class AgreementView(SignedInView):
    def get(self, request, pk):
        agreement = access.access(request.user, SharingAgreement, pk)
        return render(request, "cooperation/agreement.html", {
            "agreement": agreement, "parties": agreement.parties.all(),
            "categories": [Section(c).label for c in agreement.data_categories if c in Section.values],
            "can_change": access.can(request.user, CHANGE, agreement), "today": timezone.localdate()})

    def post(self, request, pk):
        agreement = access.access(request.user, SharingAgreement, pk, CHANGE)
        services.agreement_terminate(actor=request.user, agreement=agreement)
        messages.success(request, _("The agreement is no longer in force; sharing that relied on it has stopped."))
        return redirect("cooperation:agreement", pk=agreement.pk)

