"""Pages of the cooperation: caseload, the record and its sections, team and sharing, referrals,
conferences and actions, timeline, access log, exports, agreements. Each view fetches through the policy
(`access_<entity>`), calls one service and renders; every page that writes is a ServiceFormView (a form page)
or a ServiceActionView (a button), each action at its own URL."""

import copy

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from integra.core import access, audit
from integra.core.access import ADD, CHANGE, DELETE, VIEW
from integra.core.formviews import ServiceActionView, ServiceFormView
from integra.core.navigation import offered_to
from integra.core.roles import Role
from integra.core.selectors import organisation_choices
from integra.core.viewmixins import SignedInView

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
    EmergencyResponderForm,
    FindRecordForm,
    FlagForm,
    IdentityForm,
    NoteForm,
    PhaseForm,
    RecordEditForm,
    RecordOpenForm,
    ReferralForm,
    RightsForm,
    SubjectAccessReleaseForm,
    TeamAddForm,
)
from .models import (
    SECTIONS_BY_LEVEL,
    AccessLevel,
    Action,
    EmergencyResponder,
    Phase,
    Referral,
    Section,
    SharingAgreement,
    TransitionRecord,
)
from .policy import (
    BREAK_GLASS,
    CONFER,
    DECIDE,
    EDIT_SUMMARY,
    EMERGENCY_NAMEABLE_ROLES,
    EXPORT,
    EXPORT_AUTHORED,
    MANAGE_TEAM,
    REFER,
    REVOKE,
    VIEW_ACCESS_LOG,
    VIEW_STATISTICS,
    access_action,
    access_agreement,
    access_basis,
    access_conference,
    access_document,
    access_emergency_responder,
    access_flag,
    access_record,
    access_referral,
    access_team_member,
    data_protection_records,
    section_action,
    section_refusal,
    sharing_gaps,
    transfer_plan,
    works_with_agreements,
)
from .timeline_labels import describe

STALE = gettext_lazy("Someone else saved this record after you opened it. Nothing was saved: reload to see their "
                     "changes.")


def _record_url(record) -> str:
    return reverse("cooperation:record", args=[record.pk])


class _OnRecord:
    """A page or button about one record, reached with `record_action` (404 when missing or forbidden)."""

    record_action = VIEW
    stale_message = STALE

    def load(self, request, pk, **kwargs):
        self.record = access_record(request.user, pk, self.record_action)

    def get_context(self, form):
        return {"record": self.record}

    def back_url(self) -> str:
        return _record_url(self.record)


# --- caseload, opening and finding records -----------------------------------------------------------------


class CaseloadView(SignedInView):
    page_for = offered_to(TransitionRecord)

    def get(self, request):
        form = CaseloadFilterForm(request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        records = selectors.caseload(actor=request.user, **filters)
        page = Paginator(records, 25).get_page(request.GET.get("page"))
        return render(request, "cooperation/caseload.html", {
            "form": form, "page": page, "can_open": access.can_create(request.user, TransitionRecord),
            "find_form": FindRecordForm(), "today": timezone.localdate(),
        })


class RecordOpenView(ServiceFormView):
    form_class = RecordOpenForm
    template_name = "cooperation/record_open.html"

    def load(self, request, **kwargs):
        if not access.can_create(request.user, TransitionRecord):
            raise PermissionDenied

    def get_form_kwargs(self):
        return {"organisations": organisation_choices(actor=self.request.user, model=TransitionRecord, action=ADD)}

    def perform(self, form):
        return services.record_open(actor=self.request.user, **form.service_kwargs())

    def success_message(self, record):
        return _("Record %(reference)s opened. Next: record the legal basis or consent for sharing, then build the "
                 "team.") % {"reference": record.reference}

    def success_url(self, record):
        return _record_url(record)


class FindRecordView(SignedInView):
    """Find a record by its exact reference; someone outside its team may then ask for emergency access."""

    page_for = offered_to(TransitionRecord)

    def get(self, request):
        form = FindRecordForm(request.GET or None)
        if not form.is_valid():
            return render(request, "cooperation/find.html", {"form": form}, status=400 if form.is_bound else 200)
        reference = form.cleaned_data["reference"].strip().upper()
        visible = selectors.record_by_reference(actor=request.user, reference=reference)
        if visible:
            return redirect("cooperation:record", pk=visible.pk)
        record = selectors.record_by_reference(actor=request.user, reference=reference, action=BREAK_GLASS)
        if record is None:
            form.add_error("reference", _("No record you can reach has this reference."))
            return render(request, "cooperation/find.html", {"form": form}, status=404)
        return render(request, "cooperation/emergency.html", {"record": record, "form": EmergencyForm()})


class EmergencyAccessView(_OnRecord, ServiceFormView):
    http_method_names = ["post"]
    record_action = BREAK_GLASS
    form_class = EmergencyForm
    template_name = "cooperation/emergency.html"

    def perform(self, form):
        return services.emergency_access_grant(actor=self.request.user, record=self.record,
                                               reason=form.cleaned_data["reason"],
                                               risk_to_life=form.cleaned_data["risk_to_life"])

    def on_success(self, result):
        # A warning, not a success: the person is now inside a record that is not theirs, and being watched.
        messages.warning(self.request, _("Emergency access granted for %(hours)d hours. The owner and the "
                                         "data-protection officer were alerted.")
                         % {"hours": services.EMERGENCY_ACCESS_HOURS})
        return redirect(_record_url(self.record))


# --- the record and its summary ----------------------------------------------------------------------------


class RecordView(SignedInView):
    def get(self, request, pk):
        user = request.user
        record = access_record(user, pk)
        self.audit_read(user, record)
        bundle = selectors.record_bundle(actor=user, record=record)
        can_confer = access.can(user, CONFER, record)
        return render(request, "cooperation/record.html", {
            "record": record, **bundle,
            "timeline_rows": [(entry, describe(entry)) for entry in bundle["timeline"]],
            "sections": [(code, label, bundle["grant"].sees(code)) for code, label in Section.choices
                         if code != Section.IDENTITY],
            "can_edit": access.can(user, EDIT_SUMMARY, record), "can_manage": access.can(user, MANAGE_TEAM, record),
            "can_refer": access.can(user, REFER, record), "can_confer": can_confer,
            "can_export": access.can(user, EXPORT, record),
            "can_see_log": access.can(user, VIEW_ACCESS_LOG, record),
            "phase_form": PhaseForm(initial={"phase": record.phase, "version": record.version}),
            "flag_form": FlagForm(),
            "action_form": ActionForm(
                team_users=selectors.team_users(actor=user, record=record, team=bundle["team"]))
            if can_confer else None,
        })

    def audit_read(self, user, record) -> None:
        # A method of its own so that the benchmark can serve the same page without it and show the audit's cost.
        services.record_viewed(actor=user, record=record)


class RecordEditView(_OnRecord, ServiceFormView):
    record_action = EDIT_SUMMARY
    form_class = RecordEditForm
    template_name = "cooperation/record_edit.html"

    def get_form_kwargs(self):
        # A copy: a model form writes what it validates onto its instance, and the service compares the record
        # before and after the change.
        return {"instance": copy.copy(self.record)}

    def get_initial(self):
        return {"version": self.record.version}

    def perform(self, form):
        changes = {field: form.cleaned_data[field] for field in RecordEditForm.Meta.fields}
        return services.record_update(actor=self.request.user, record=self.record,
                                      expected_version=form.cleaned_data["version"], **changes)

    def success_message(self, result):
        return _("Changes saved.")

    def success_url(self, result):
        return _record_url(self.record)


class PhaseView(_OnRecord, ServiceActionView):
    record_action = EDIT_SUMMARY
    form_class = PhaseForm

    def invalid_message(self, form):
        return _("Choose a phase.")

    def perform(self, form):
        return services.record_set_phase(actor=self.request.user, record=self.record, phase=form.cleaned_data["phase"],
                                         expected_version=form.cleaned_data["version"])

    def success_message(self, record):
        return _("Phase changed to %(phase)s.") % {"phase": record.get_phase_display()}


class FlagAddView(_OnRecord, ServiceActionView):
    record_action = EDIT_SUMMARY
    form_class = FlagForm

    def invalid_message(self, form):
        return _("Choose a flag.")

    def perform(self, form):
        return services.flag_add(actor=self.request.user, record=self.record, **form.cleaned_data)


class FlagRemoveView(_OnRecord, ServiceActionView):
    record_action = EDIT_SUMMARY

    def load(self, request, pk, flag_pk):
        super().load(request, pk)
        self.flag = access_flag(request.user, flag_pk, DELETE, record=self.record)

    def perform(self, form):
        return services.flag_remove(actor=self.request.user, flag=self.flag)


# --- identity and sections ---------------------------------------------------------------------------------


class SectionNotShared(Exception):
    """A person who can open the record asked for a section of it they may not read: they are told so in words
    (403), while a record they cannot open at all stays a plain 404."""

    def __init__(self, record, section, reason):
        super().__init__(reason)
        self.record, self.section, self.reason = record, section, reason


def _section_not_shared_page(request, error: SectionNotShared):
    return render(request, "cooperation/section_not_shared.html", {
        "record": error.record, "section_label": Section(error.section).label, "reason": error.reason}, status=403)


class _RefusesSectionsInWords:
    """Mixin: a SectionNotShared raised while loading becomes the page that says so."""

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except SectionNotShared as error:
            return _section_not_shared_page(request, error)


class IdentityView(_RefusesSectionsInWords, _OnRecord, ServiceFormView):
    form_class = IdentityForm
    template_name = "cooperation/identity.html"

    def load(self, request, pk, **kwargs):
        self.record = _section_record(request.user, pk, Section.IDENTITY, pages_identity=True)
        self.identity = self.record.identity

    def get(self, request, **kwargs):
        self.load(request, **kwargs)
        services.record_viewed(actor=request.user, record=self.record, section=Section.IDENTITY)
        return self.show(self.make_form())

    def get_initial(self):
        return {f: getattr(self.identity, f) for f in services.IDENTITY_FIELDS} | {"version": self.identity.version}

    def perform(self, form):
        data = dict(form.cleaned_data)
        version = data.pop("version")
        return services.identity_update(actor=self.request.user, record=self.record, expected_version=version, **data)

    def success_message(self, result):
        return _("Identity details saved.")

    def success_url(self, result):
        return reverse("cooperation:identity", args=[self.record.pk])

    def get_context(self, form):
        return {"record": self.record, "identity": self.identity,
                "can_edit": access.can(self.request.user, CHANGE, self.identity)}


def _section_record(actor, pk, section, *, pages_identity: bool = False) -> TransitionRecord:
    """The record, for a reader of this section. 404 when the record is missing or the actor cannot open it (its
    existence never leaks); when they can open it but not this section, SectionNotShared (told in words)."""
    if section not in Section.values or (section == Section.IDENTITY and not pages_identity):
        raise Http404
    record = access_record(actor, pk)
    if not access.can(actor, section_action(section), record):
        raise SectionNotShared(record, section, section_refusal(actor, record, section))
    return record


def _section_page(request, record, section, *, note_form=None, document_form=None) -> dict:
    from .panels import panels_for

    notes, documents = selectors.section_items(actor=request.user, record=record, section=section)
    return {
        "record": record, "section": section, "section_label": Section(section).label,
        "panels": panels_for(request.user, record, section),
        "notes": Paginator(notes, 20).get_page(request.GET.get("page")), "documents": documents,
        "note_form": note_form or NoteForm(), "document_form": document_form or DocumentForm(),
    }


class SectionView(_RefusesSectionsInWords, SignedInView):
    def get(self, request, pk, section):
        record = _section_record(request.user, pk, section)
        services.record_viewed(actor=request.user, record=record, section=section)
        return render(request, "cooperation/section.html", _section_page(request, record, section))


class _SectionWriteView(_RefusesSectionsInWords, ServiceFormView):
    """A form of the section page (a note, a document); errors show on that page."""

    http_method_names = ["post"]
    template_name = "cooperation/section.html"
    form_name = ""

    def load(self, request, pk, section):
        self.record, self.section = _section_record(request.user, pk, section), section

    def get_context(self, form):
        return _section_page(self.request, self.record, self.section, **{self.form_name: form})

    def success_url(self, result):
        return reverse("cooperation:section", args=[self.record.pk, self.section])


class NoteAddView(_SectionWriteView):
    form_class = NoteForm
    form_name = "note_form"

    def perform(self, form):
        return services.note_add(actor=self.request.user, record=self.record, section=self.section,
                                 body=form.cleaned_data["body"])

    def success_message(self, result):
        return _("Note added.")


class DocumentUploadView(_SectionWriteView):
    form_class = DocumentForm
    form_name = "document_form"

    def perform(self, form):
        return services.document_upload(actor=self.request.user, record=self.record, section=self.section,
                                        title=form.cleaned_data["title"], upload=form.cleaned_data["upload"])

    def success_message(self, result):
        return _("Document added.")


class DocumentDownloadView(SignedInView):
    def get(self, request, pk):
        document = access_document(request.user, pk)
        content = services.document_read(actor=request.user, document=document)
        response = HttpResponse(content, content_type=document.content_type)
        response["Content-Disposition"] = content_disposition_header(True, document.original_name)
        response["Cache-Control"] = "no-store"
        return response


# --- team and sharing --------------------------------------------------------------------------------------


class TeamView(_OnRecord, ServiceFormView):
    record_action = MANAGE_TEAM
    form_class = TeamAddForm
    template_name = "cooperation/team.html"

    def perform(self, form):
        return services.team_add(actor=self.request.user, record=self.record, user=form.user,
                                 organisation=form.cleaned_data["organisation"],
                                 access_level=form.cleaned_data["access_level"],
                                 role_on_team=form.cleaned_data["role_on_team"])

    def success_message(self, member):
        return _("%(person)s joined the team.") % {"person": member.user}

    def success_url(self, result):
        return reverse("cooperation:team", args=[self.record.pk])

    def get_context(self, form):
        return {"record": self.record, "team": selectors.team_with_access(actor=self.request.user, record=self.record),
                "ended": selectors.ended_by_handover(actor=self.request.user, record=self.record)}


class TeamRemoveView(_OnRecord, ServiceActionView):
    record_action = MANAGE_TEAM

    def load(self, request, pk, member_pk):
        super().load(request, pk)
        self.member = access_team_member(request.user, member_pk, DELETE, record=self.record)

    def perform(self, form):
        return services.team_remove(actor=self.request.user, member=self.member)

    def success_message(self, member):
        return _("%(person)s left the team.") % {"person": member.user}

    def back_url(self):
        return reverse("cooperation:team", args=[self.record.pk])


class SharingView(_OnRecord, ServiceFormView):
    record_action = MANAGE_TEAM
    form_class = BasisForm
    template_name = "cooperation/sharing.html"

    def get_initial(self):
        return {"given_on": timezone.localdate()}

    def perform(self, form):
        return services.basis_add(actor=self.request.user, record=self.record, **form.cleaned_data)

    def success_message(self, result):
        return _("The basis for sharing was recorded.")

    def success_url(self, result):
        return reverse("cooperation:sharing", args=[self.record.pk])

    def get_context(self, form):
        bases = list(selectors.sharing_bases(actor=self.request.user, record=self.record))
        for basis in bases:  # the sections by their names in the reader's language, not their codes
            basis.scope_labels = [Section(s).label for s in basis.scope if s in Section.values]
        return {"record": self.record, "bases": bases}


class BasisWithdrawView(_OnRecord, ServiceActionView):
    record_action = MANAGE_TEAM

    def load(self, request, pk, basis_pk):
        super().load(request, pk)
        self.basis = access_basis(request.user, basis_pk, CHANGE, record=self.record)

    def perform(self, form):
        return services.basis_withdraw(actor=self.request.user, basis=self.basis)

    def success_message(self, result):
        return _("Withdrawn. Organisations relying on it lose access now.")

    def back_url(self):
        return reverse("cooperation:sharing", args=[self.record.pk])


# --- referrals ---------------------------------------------------------------------------------------------


class ReferralCreateView(_OnRecord, ServiceFormView):
    record_action = REFER
    form_class = ReferralForm
    template_name = "cooperation/referral_form.html"

    def perform(self, form):
        data = dict(form.cleaned_data)
        confirmed = data.pop("confirm_held_back")
        level = AccessLevel.FULL if data["kind"] == Referral.Kind.HANDOVER else data["access_level"]
        plan = transfer_plan(self.record, data["to_organisation"].pk,
                             data["sections"] or sorted(SECTIONS_BY_LEVEL[level]))
        # Sections the sender ticked that will not travel: said before sending, and sent only once confirmed (or
        # with a legal basis of their own). Refusals of the sharing itself come from the service.
        if data["sections"] and plan.held_back and not data["extra_basis"] and not confirmed and not \
                sharing_gaps(self.record, data["to_organisation"].pk):
            self.plan = plan
            raise services.invalid(_("Some selected sections will not travel (listed above). Tick the box to send "
                                     "without them, or record a legal basis of their own."), field="confirm_held_back")
        return services.referral_create(actor=self.request.user, record=self.record, **data)

    def get_context(self, form):
        plan = getattr(self, "plan", None)
        return {"record": self.record, "held_back": [
            (Section(code).label, reasons) for code, reasons in plan.held_back] if plan else []}

    def success_message(self, referral):
        sent = _("Referral sent to %(organisation)s.") % {"organisation": referral.to_organisation}
        plan = transfer_plan(self.record, referral.to_organisation_id, referral.sections)
        if not plan.held_back:
            return sent
        return sent + " " + _("These sections will not travel: %(sections)s.") % {
            "sections": ", ".join(str(Section(code).label) for code in plan.held_back_sections)}

    def success_url(self, result):
        return _record_url(self.record)


class ReferralListView(SignedInView):
    page_for = offered_to(Referral)

    def get(self, request):
        direction = "outgoing" if request.GET.get("direction") == "outgoing" else "incoming"
        status = request.GET.get("status", "pending" if direction == "incoming" else "")
        if status not in {"", *Referral.Status.values}:
            status = ""
        referrals = selectors.referrals_for(actor=request.user, direction=direction, status=status)
        page = Paginator(referrals, 25).get_page(request.GET.get("page"))
        return render(request, "cooperation/referrals.html", {"page": page, "direction": direction,
                                                              "status": status, "statuses": Referral.Status.choices})


def _referral_page(actor, referral, form) -> dict:
    pending = referral.status == Referral.Status.PENDING
    plan = transfer_plan(referral.record, referral.to_organisation_id, referral.sections) if pending else None
    return {"referral": referral, "form": form, "can_decide": access.can(actor, DECIDE, referral),
            "can_revoke": access.can(actor, REVOKE, referral),
            "sections": [Section(s).label for s in referral.sections if s in Section.values],
            "travelling": [Section(s).label for s in plan.travelling] if plan else [],
            "held_back": [(Section(code).label, reasons) for code, reasons in plan.held_back] if plan else []}


class ReferralView(SignedInView):
    def get(self, request, pk):
        referral = access_referral(request.user, pk)
        # The page shows the referral's reason, content from the record: its read is audited like the record's.
        audit.record(action="cooperation.referral.viewed", actor=request.user, obj=referral,
                     organisation=referral.from_organisation_id, purpose="referral")
        return render(request, "cooperation/referral.html", _referral_page(request.user, referral, DecisionForm()))


class _ReferralDecisionView(ServiceFormView):
    """One of the buttons of the referral page; a refusal (no reason to decline...) shows on that page."""

    http_method_names = ["post"]
    form_class = DecisionForm
    template_name = "cooperation/referral.html"

    def load(self, request, pk):
        self.referral = access_referral(request.user, pk)

    def get_context(self, form):
        return _referral_page(self.request.user, self.referral, form)


class ReferralAcceptView(_ReferralDecisionView):
    def perform(self, form):
        return services.referral_accept(actor=self.request.user, referral=self.referral,
                                        reason=form.cleaned_data["reason"])

    def success_message(self, result):
        return _("Accepted. The record is now on your caseload.")

    def success_url(self, result):
        return reverse("cooperation:record", args=[self.referral.record_id])


class ReferralDeclineView(_ReferralDecisionView):
    def perform(self, form):
        return services.referral_decline(actor=self.request.user, referral=self.referral,
                                         reason=form.cleaned_data["reason"])

    def success_message(self, result):
        return _("Declined; the sender was told why.")

    def success_url(self, result):
        return reverse("cooperation:referrals")


class ReferralRevokeView(_ReferralDecisionView):
    def perform(self, form):
        return services.referral_revoke(actor=self.request.user, referral=self.referral)

    def success_message(self, result):
        return _("Referral revoked.")

    def success_url(self, result):
        return reverse("cooperation:record", args=[self.referral.record_id])


# --- conferences and actions -------------------------------------------------------------------------------


class ConferenceCreateView(_OnRecord, ServiceFormView):
    record_action = CONFER
    form_class = ConferenceForm
    template_name = "cooperation/conference_form.html"

    def get_form_kwargs(self):
        return {"team_users": selectors.team_users(actor=self.request.user, record=self.record)}

    def perform(self, form):
        return services.conference_schedule(actor=self.request.user, record=self.record, **form.cleaned_data)

    def success_message(self, result):
        return _("Case conference scheduled; the people invited were notified.")

    def success_url(self, conference):
        return reverse("cooperation:conference", args=[conference.pk])


class ConferenceView(ServiceFormView):
    """The conference page; its form records the minutes, the attendance and the decisions."""

    form_class = ConferenceRecordForm
    template_name = "cooperation/conference.html"
    stale_message = STALE

    def load(self, request, pk):
        self.conference = access_conference(request.user, pk)
        if request.method == "POST" and not access.can(request.user, CHANGE, self.conference):
            raise PermissionDenied
        self.page = selectors.conference_page(actor=request.user, conference=self.conference)

    def get(self, request, **kwargs):
        self.load(request, **kwargs)
        # Audited as a read of the sections whose minutes and decisions the page shows (case work, or practical
        # support only for an invited mentor).
        shown = self.page["sections_shown"]
        services.record_viewed(actor=request.user, record=self.conference.record,
                               section=shown[0] if shown else "", purpose="case conference")
        return self.show(self.make_form())

    def get_form_kwargs(self):
        return {"participants": self.page["participants"]}

    def get_initial(self):
        return {"minutes": self.conference.minutes, "version": self.conference.version,
                "practical_minutes": self.conference.practical_minutes,
                "attended": [str(p.user_id) for p in self.page["participants"] if p.attended]}

    def perform(self, form):
        return services.conference_record(
            actor=self.request.user, conference=self.conference, expected_version=form.cleaned_data["version"],
            minutes=form.cleaned_data["minutes"], attended_user_ids=[int(i) for i in form.cleaned_data["attended"]],
            decisions=form.cleaned_data["decisions"].splitlines(),
            practical_minutes=form.cleaned_data["practical_minutes"],
            practical_decisions=form.cleaned_data["practical_decisions"].splitlines())

    def success_message(self, result):
        return _("Minutes, attendance and decisions saved.")

    def success_url(self, result):
        return reverse("cooperation:conference", args=[self.conference.pk])

    def get_context(self, form):
        user, record = self.request.user, self.conference.record
        return {"conference": self.conference, "record": record, **self.page,
                "can_change": access.can(user, CHANGE, self.conference),
                "action_form": ActionForm(team_users=selectors.team_users(actor=user, record=record))}


class ActionCreateView(_OnRecord, ServiceActionView):
    """Add an action to the record (from the record page)."""

    record_action = CONFER
    form_class = ActionForm
    conference = None

    def get_form_kwargs(self):
        return {"team_users": selectors.team_users(actor=self.request.user, record=self.record)}

    def invalid_message(self, form):
        return " ".join(f"{form.fields[f].label}: {' '.join(e)}" if f in form.fields else " ".join(e)
                        for f, e in form.errors.items())

    def perform(self, form):
        return services.action_create(actor=self.request.user, record=self.record, conference=self.conference,
                                      **form.cleaned_data)

    def success_message(self, result):
        return _("Action added.")


class ConferenceActionCreateView(ActionCreateView):
    """Add an action decided at a case conference (from the conference page)."""

    def load(self, request, pk):
        self.conference = access_conference(request.user, pk, CHANGE)
        self.record = self.conference.record

    def back_url(self):
        return reverse("cooperation:conference", args=[self.conference.pk])


class ActionUpdateView(ServiceActionView):
    form_class = ActionStatusForm
    stale_message = STALE

    def load(self, request, pk):
        self.action = access_action(request.user, pk, CHANGE)

    def perform(self, form):
        return services.action_update(actor=self.request.user, action=self.action, status=form.cleaned_data["status"],
                                      expected_version=form.cleaned_data["version"])

    def success_message(self, result):
        return _("Action updated.")

    def back_url(self):
        return reverse("cooperation:actions")


class MyActionsView(SignedInView):
    page_for = offered_to(Action)

    def get(self, request):
        actions = selectors.my_actions(actor=request.user, open_only=request.GET.get("all") != "1")
        return render(request, "cooperation/actions.html", {
            "page": Paginator(actions.order_by("due_date"), 25).get_page(request.GET.get("page")),
            "today": timezone.localdate()})


# --- history, access log, data protection ------------------------------------------------------------------


class TimelineView(SignedInView):
    def get(self, request, pk):
        record = access_record(request.user, pk)
        services.record_viewed(actor=request.user, record=record, purpose="timeline")
        entries = selectors.timeline(actor=request.user, record=record)
        page = Paginator(entries, 50).get_page(request.GET.get("page"))
        return render(request, "cooperation/timeline.html", {
            "record": record, "page": page, "rows": [(e, describe(e)) for e in page.object_list]})


class AccessLogView(SignedInView):
    """For the owner's full-access team and the owner's data-protection officer (who is not on the team)."""

    def get(self, request, pk):
        record = access_record(request.user, pk, VIEW_ACCESS_LOG)
        page = Paginator(selectors.access_log(record=record), 50).get_page(request.GET.get("page"))
        return render(request, "cooperation/access_log.html", {
            "record": record, "page": page, "rows": selectors.access_log_rows(record=record, events=page.object_list)})


class AccessLogExportView(SignedInView):
    """The whole access log as CSV, streamed, in the reader's language (formulas neutralised). Audited."""

    def get(self, request, pk):
        from integra.core.exports import csv_rows

        record = access_record(request.user, pk, VIEW_ACCESS_LOG)
        events = services.access_log_export(actor=request.user, record=record)

        def rows():
            chunk = []
            for event in events.iterator(chunk_size=1000):
                chunk.append(event)
                if len(chunk) == 1000:
                    yield from _access_log_csv_rows(record, chunk)
                    chunk = []
            yield from _access_log_csv_rows(record, chunk)

        header = [_("When"), _("Who"), _("Organisation"), _("What"), _("Section"), _("Purpose"), _("From"),
                  _("Event number")]
        response = StreamingHttpResponse(csv_rows(header, rows()), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = content_disposition_header(
            True, f"access-log-{record.reference}.csv")
        return response


def _access_log_csv_rows(record, events):
    from django.utils import formats

    for row in selectors.access_log_rows(record=record, events=events):
        yield (formats.date_format(timezone.localtime(row["when"]), "SHORT_DATETIME_FORMAT"), row["person"],
               row["organisation"], row["action"], row["section"], row["purpose"],
               row["event"].ip_address or "", row["event"].seq)


class ExportView(SignedInView):
    """JSON: every field, for the officer's own use. PDF: the copy for the person goes through the review."""

    def get(self, request, pk, fmt):
        # The owner's DPO exports what the owner holds; another organisation's DPO what it wrote (the service
        # asks the policy which items). The PDF, the copy for the person, goes through the review first.
        record = access_record(request.user, pk, EXPORT_AUTHORED)
        if fmt != "json":
            if fmt != "pdf":
                raise Http404
            return redirect("cooperation:subject_access", pk=record.pk)
        data = services.subject_access_export(actor=request.user, record=record)
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
        response["Content-Disposition"] = f'attachment; filename="subject-access-{record.reference}.json"'
        return response


class SubjectAccessReviewView(_OnRecord, ServiceFormView):
    """Before a copy is released: the officer reads the items, withholds some under a recorded exemption, chooses
    the language; the release is recorded and the PDF downloads."""

    record_action = EXPORT_AUTHORED
    form_class = SubjectAccessReleaseForm
    template_name = "cooperation/subject_access_review.html"

    def load(self, request, pk, **kwargs):
        super().load(request, pk, **kwargs)
        from .subject_access import review_items

        self.items = review_items(selectors.subject_access_for(actor=request.user, record=self.record)[0])

    def get_form_kwargs(self):
        return {"items": self.items}

    def get_initial(self):
        from django.utils.translation import get_language

        from .subject_access import preferred_language

        return {"language": preferred_language(self.record) or get_language()}

    def get_context(self, form):
        from .subject_access import preferred_language

        return {"record": self.record, "preferred": preferred_language(self.record),
                "releases": selectors.subject_access_releases(actor=self.request.user, record=self.record)}

    def perform(self, form):
        return services.subject_access_release(actor=self.request.user, record=self.record,
                                               language=form.cleaned_data["language"],
                                               withheld=form.cleaned_data["withheld"],
                                               note=form.cleaned_data.get("note") or "")

    def success_message(self, release):
        return _("The release is recorded. Its copy is downloading.")

    def success_url(self, release):
        return reverse("cooperation:subject_access_pdf", args=[self.record.pk, release.pk])


class SubjectAccessPdfView(SignedInView):
    """A released copy, rendered again with the choices made at release (its items, language, withheld)."""

    def get(self, request, pk, release_pk):
        from .models import SubjectAccessRelease
        from .pdf import render_subject_access_pdf

        record = access_record(request.user, pk, EXPORT_AUTHORED)
        release = access.access(request.user, SubjectAccessRelease, release_pk)
        if release.record_id != record.pk:
            raise Http404
        data = services.subject_access_export(actor=request.user, record=record)
        try:
            pdf = render_subject_access_pdf(record=record, data=data, language=release.language,
                                            withheld=release.withheld, reviewed=set(release.reviewed),
                                            release=release)
        except Exception:  # a broken PDF renderer must not take the page down: the JSON export still works
            messages.error(request, _("The PDF could not be produced right now. The JSON export contains the same "
                                      "data."))
            return redirect("cooperation:subject_access", pk=record.pk)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = content_disposition_header(
            True, f"subject-access-{record.reference}-{release.released_at:%Y%m%d}-{release.language}.pdf")
        return response


class RightsView(_OnRecord, ServiceActionView):
    record_action = EXPORT
    form_class = RightsForm

    def perform(self, form):
        return services.record_set_rights_flags(actor=self.request.user, record=self.record, **form.cleaned_data)

    def success_message(self, result):
        return _("Data-protection flags saved.")

    def back_url(self):
        return reverse("cooperation:data_protection")


class DataProtectionView(SignedInView):
    page_for = offered_to(TransitionRecord, EXPORT)

    def get(self, request):
        records = data_protection_records(request.user).select_related("owner").order_by("-created_at")
        q = request.GET.get("q", "").strip()
        if q:
            records = records.filter(reference__icontains=q)
        page = Paginator(records, 50).get_page(request.GET.get("page"))
        authored = selectors.authored_elsewhere(actor=request.user)
        if q:
            authored = authored.filter(reference__icontains=q)
        return render(request, "cooperation/data_protection.html", {"page": page, "q": q, "authored": authored[:50]})


class OverviewView(SignedInView):
    page_for = offered_to(TransitionRecord, VIEW_STATISTICS)

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


# --- sharing agreements ------------------------------------------------------------------------------------


class AgreementListView(SignedInView):
    page_for = works_with_agreements

    def get(self, request):
        agreements = access.visible(request.user, SharingAgreement).prefetch_related("parties").order_by("-valid_from")
        return render(request, "cooperation/agreements.html", {
            "page": Paginator(agreements, 25).get_page(request.GET.get("page")),
            "can_create": access.can_create(request.user, SharingAgreement), "today": timezone.localdate()})


class AgreementCreateView(ServiceFormView):
    form_class = AgreementForm
    template_name = "cooperation/agreement_form.html"

    def load(self, request, **kwargs):
        if not access.can_create(request.user, SharingAgreement):
            raise PermissionDenied

    def perform(self, form):
        return services.agreement_create(actor=self.request.user, **form.cleaned_data)

    def success_message(self, result):
        return _("Agreement recorded.")

    def success_url(self, agreement):
        return reverse("cooperation:agreement", args=[agreement.pk])


class AgreementView(SignedInView):
    def get(self, request, pk):
        agreement = access_agreement(request.user, pk)
        return render(request, "cooperation/agreement.html", {
            "agreement": agreement, "parties": agreement.parties.all(),
            "categories": [Section(c).label for c in agreement.data_categories if c in Section.values],
            "can_change": access.can(request.user, CHANGE, agreement), "today": timezone.localdate()})


class EmergencyResponderListView(SignedInView):
    """Who the actor's organisations named for breaking the glass, and who named them."""

    page_for = works_with_agreements

    def get(self, request):
        responders = (access.visible(request.user, EmergencyResponder).current()
                      .select_related("owner", "organisation", "named_by"))
        return render(request, "cooperation/emergency_responders.html", {
            "page": Paginator(responders, 25).get_page(request.GET.get("page")),
            "manages": access.organisations_for(request.user, EmergencyResponder, CHANGE),
            "can_create": access.can_create(request.user, EmergencyResponder)})


class EmergencyResponderCreateView(ServiceFormView):
    form_class = EmergencyResponderForm
    template_name = "cooperation/emergency_responder_form.html"

    def load(self, request, **kwargs):
        if not access.can_create(request.user, EmergencyResponder):
            raise PermissionDenied

    def get_form_kwargs(self):
        return {"owners": organisation_choices(actor=self.request.user, model=EmergencyResponder, action=ADD),
                "roles": [Role(role) for role in EMERGENCY_NAMEABLE_ROLES]}

    def perform(self, form):
        return services.emergency_responder_name(actor=self.request.user, **form.cleaned_data)

    def success_message(self, result):
        return _("Named. Their people who hold that role may now break the glass on your records.")

    def success_url(self, responder):
        return reverse("cooperation:emergency_responders")


class EmergencyResponderEndView(ServiceActionView):
    def load(self, request, pk):
        self.responder = access_emergency_responder(request.user, pk, CHANGE)

    def perform(self, form):
        return services.emergency_responder_end(actor=self.request.user, responder=self.responder)

    def success_message(self, result):
        return _("Naming ended: they can no longer break the glass on your records.")

    def back_url(self):
        return reverse("cooperation:emergency_responders")


class AgreementTerminateView(ServiceActionView):
    def load(self, request, pk):
        self.agreement = access_agreement(request.user, pk, CHANGE)

    def perform(self, form):
        return services.agreement_terminate(actor=self.request.user, agreement=self.agreement)

    def success_message(self, result):
        return _("The agreement is no longer in force; sharing that relied on it has stopped.")

    def back_url(self):
        return reverse("cooperation:agreement", args=[self.agreement.pk])
