"""Pages of the assessment app: instruments (list, detail, import with preview, export, publish, licences) and
the assessments of a person (start, rate, submit, countersign, finalise, report, trajectory). Thin: fetch through
the policy, call one service or selector, render."""

from django.contrib import messages
from django.core import signing
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from integra.cooperation.models import Section
from integra.cooperation.policy import access_record, section_action
from integra.core import access, audit
from integra.core.access import ADD, CHANGE
from integra.core.exports import csv_rows
from integra.core.formviews import ServiceActionView, ServiceFormView
from integra.core.navigation import offered_to
from integra.core.selectors import organisation_choices
from integra.core.viewmixins import SignedInView

from . import instruments, selectors, services
from .dashboard import prompt_text as dashboardprompt_text
from .forms import (
    AssessmentForm,
    ConfigureForm,
    ConsensusForm,
    CountersignForm,
    ImportConfirmForm,
    ImportForm,
    LicenceForm,
    PlanItemForm,
    PlanUpdateForm,
    RateForm,
    ReportForm,
    RoundOpenForm,
    StartForm,
    SurveyAnswerForm,
    SurveyOpenForm,
    UnitStartForm,
    VersionForm,
)
from .models import ActionPlanItem, Assessment, CalibrationRound, Instrument, InstrumentLicence, Level, Survey
from .policy import (
    ASSESSMENT_PURPOSE,
    CLOSE,
    COUNTERSIGN,
    EXPORT,
    FINALISE,
    RATE,
    RESPOND,
    SUBMIT,
    VIEW_ITEMS,
    VIEW_RESULTS,
    access_assessment,
    access_instrument,
    access_plan_item,
    access_round,
    access_survey,
    access_version,
    may_assess,
)

IMPORT_SALT = "integra.assessment.import"


def _unit_form(actor, data=None):
    return UnitStartForm(data, organisations=organisation_choices(actor=actor, model=Assessment, action=ADD),
                         instruments_qs=selectors.unit_instruments(actor=actor))


def _home_context(request, unit_form=None):
    mine = selectors.assessment_list(actor=request.user)
    return {"page": Paginator(mine, 25).get_page(request.GET.get("page")),
            "drafts": mine.filter(status=Assessment.Status.DRAFT, assessor=request.user)[:20],
            "to_countersign": mine.filter(status=Assessment.Status.SUBMITTED).exclude(assessor=request.user)[:20],
            "unit_form": unit_form or _unit_form(request.user)}


class HomeView(SignedInView):
    page_for = offered_to(Assessment)

    def get(self, request):
        return render(request, "assessment/home.html", _home_context(request))


class UnitStartView(ServiceFormView):
    """A group-level or organisation-level assessment (or a new wave of one)."""

    http_method_names = ["post"]
    template_name = "assessment/home.html"
    page_for = offered_to(Assessment, ADD)

    def make_form(self, data=None):
        from integra.core import limits

        return limits.bound_form(_unit_form(self.request.user, data))

    def show(self, form, status=200):
        return render(self.request, self.template_name, _home_context(self.request, form), status=status)

    def perform(self, form):
        data = form.cleaned_data
        return services.assessment_start_unit(actor=self.request.user, organisation=data["organisation"],
                                              instrument=data["instrument"], subject=data["subject"],
                                              review_date=data["review_date"])

    def success_message(self, result):
        return _("Assessment started.")

    def success_url(self, result):
        return reverse("assessment:assessment", args=[result.pk])


class InstrumentListView(SignedInView):
    page_for = offered_to(Instrument)

    def get(self, request):
        level = request.GET.get("level", "")
        page = Paginator(selectors.instrument_list(actor=request.user, level=level), 25).get_page(
            request.GET.get("page"))
        return render(request, "assessment/instruments.html", {
            "page": page, "level": level, "can_import": access.can_any(request.user, Instrument, ADD)})


def _instrument_context(request, instrument, **forms):
    actor = request.user
    versions = list(instrument.versions.order_by("-number"))
    latest = versions[0] if versions else None
    manage = access.can(actor, CHANGE, instrument)
    context = {"instrument": instrument, "versions": versions, "latest": latest, "manage": manage,
               "view": selectors.version_view(actor=actor, version=latest) if latest else None,
               "can_export": access.can(actor, EXPORT, instrument)}
    if manage:
        from integra.learning.models import Course

        context["configure_form"] = forms.get("configure_form") or ConfigureForm(
            courses=access.visible(actor, Course).filter(status=Course.Status.PUBLISHED),
            initial={"licence_holder": instrument.licence_holder, "qualifying_course": instrument.qualifying_course_id,
                     "certificate_valid_months": instrument.certificate_valid_months,
                     "min_sources": instrument.min_sources, "version": instrument.version})
        context["licence_form"] = forms.get("licence_form") or LicenceForm(organisations=_organisations(actor))
        context["licences"] = access.visible(actor, InstrumentLicence).filter(instrument=instrument).select_related(
            "organisation")
    if latest and len(versions) > 1:
        context["changes"] = services.version_changes(versions[1].definition, latest.definition)
    return context


def _organisations(actor):
    return selectors.licensee_choices(actor=actor)


class InstrumentView(SignedInView):
    def get(self, request, pk):
        instrument = access_instrument(request.user, pk)
        return render(request, "assessment/instrument.html", _instrument_context(request, instrument))


class InstrumentConfigureView(ServiceFormView):
    http_method_names = ["post"]
    form_class = ConfigureForm
    template_name = "assessment/instrument.html"

    def load(self, request, pk):
        self.instrument = access_instrument(request.user, pk, CHANGE)

    def get_form_kwargs(self):
        from integra.learning.models import Course

        return {"courses": access.visible(self.request.user, Course).filter(status=Course.Status.PUBLISHED)}

    def get_context(self, form):
        return _instrument_context(self.request, self.instrument, configure_form=form)

    def show(self, form, status=200):
        return render(self.request, self.template_name, self.get_context(form), status=status)

    def perform(self, form):
        data = form.cleaned_data
        return services.instrument_configure(
            actor=self.request.user, instrument=self.instrument, expected_version=data["version"],
            licence_holder=data["licence_holder"], qualifying_course=data["qualifying_course"],
            certificate_valid_months=data["certificate_valid_months"], min_sources=data["min_sources"])

    def success_message(self, result):
        return _("The instrument's settings are saved.")

    def success_url(self, result):
        return reverse("assessment:instrument", args=[self.instrument.pk])


class LicenceGrantView(InstrumentConfigureView):
    form_class = LicenceForm

    def get_form_kwargs(self):
        return {"organisations": _organisations(self.request.user)}

    def get_context(self, form):
        return _instrument_context(self.request, self.instrument, licence_form=form)

    def perform(self, form):
        return services.licence_grant(actor=self.request.user, instrument=self.instrument,
                                      organisation=form.cleaned_data["organisation"],
                                      valid_until=form.cleaned_data["valid_until"])

    def success_message(self, result):
        return _("The licence is saved.")


class VersionView(SignedInView):
    def get(self, request, pk):
        version = access_version(request.user, pk)
        return render(request, "assessment/version.html", {
            "version": version, "instrument": version.instrument,
            "view": selectors.version_view(actor=request.user, version=version),
            "manage": access.can(request.user, CHANGE, version.instrument),
            "can_export": access.can(request.user, EXPORT, version.instrument)})


class VersionPublishView(ServiceActionView):
    def load(self, request, pk):
        self.version = access_version(request.user, pk)

    def back_url(self):
        return reverse("assessment:version", args=[self.version.pk])

    def perform(self, form):
        return services.version_publish(actor=self.request.user, version=self.version)

    def success_message(self, result):
        return _("Version %(n)d is published; it can no longer change.") % {"n": result.number}


class VersionExportView(SignedInView):
    def get(self, request, pk, fmt):
        version = access_version(request.user, pk, EXPORT)
        name = f"{version.instrument.code}-v{version.number}"
        audit.record(action="assessment.instrument.exported", actor=request.user, obj=version,
                     organisation=version.instrument.owner_id, data={"format": fmt})
        if fmt == "json":
            response = HttpResponse(instruments.to_json(version.definition), content_type="application/json")
            response["Content-Disposition"] = content_disposition_header(True, f"{name}.json")
            return response
        response = HttpResponse(instruments.to_xlsx(version.definition),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = content_disposition_header(True, f"{name}.xlsx")
        return response


class ImportView(SignedInView):
    """Upload → preview with every problem (sheet, row, column, reason) → confirm. Nothing is saved before the
    confirmation, nor while a problem remains."""

    page_for = offered_to(Instrument, ADD)

    def get(self, request):
        return render(request, "assessment/import.html", {"form": ImportForm()})

    def post(self, request):
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, "assessment/import.html", {"form": form}, status=400)
        upload = form.cleaned_data["file"]
        result = instruments.read_upload(upload.name, upload.read())
        context = {"form": form, "result": result}
        if result.ok:
            definition = result.definition
            existing = selectors.instrument_by_code(actor=request.user, code=definition["code"])
            if existing is not None and not access.can(request.user, CHANGE, existing):
                result.errors.append(instruments.Problem(_("An instrument with this code exists and you may not "
                                                           "change it.")))
            else:
                context.update(existing=existing, domains=selectors.localised(definition, readable=True),
                               title=instruments.text(definition["title"], selectors.language()),
                               confirm=ImportConfirmForm(initial={"payload": signing.dumps(
                                   {"definition": definition, "name": upload.name[:200]}, salt=IMPORT_SALT,
                                   compress=True)}))
        return render(request, "assessment/import.html", context, status=200 if result.ok and not result.errors
                      else 400)


class ImportConfirmView(ServiceFormView):
    http_method_names = ["post"]
    form_class = ImportConfirmForm
    template_name = "assessment/import.html"
    page_for = offered_to(Instrument, ADD)

    def show(self, form, status=200):
        return render(self.request, self.template_name, {"form": ImportForm(), "confirm_errors": form.errors},
                      status=status)

    def perform(self, form):
        try:
            payload = signing.loads(form.cleaned_data["payload"], salt=IMPORT_SALT, max_age=3600)
        except signing.BadSignature as exc:
            from django.core.exceptions import ValidationError

            raise ValidationError(_("The preview has expired; upload the file again.")) from exc
        owners = access.organisations_for(self.request.user, Instrument, ADD)
        owner = None if owners is None else organisation_choices(actor=self.request.user, model=Instrument,
                                                                 action=ADD).first()
        return services.instrument_import(actor=self.request.user, definition=payload["definition"],
                                          source_name=payload["name"], owner=owner)

    def success_message(self, result):
        return _("Imported as draft version %(n)d. Check it, then publish it.") % {"n": result.number}

    def success_url(self, result):
        return reverse("assessment:version", args=[result.pk])


class InstrumentAssessmentsExportView(SignedInView):
    """Every assessment the actor sees with this instrument, across versions: one row each, a version column and
    the items under their current names (renamed items mapped), formula-safe."""

    def get(self, request, pk):
        instrument = access_instrument(request.user, pk, VIEW_ITEMS)
        rows, header = selectors.assessment_export(actor=request.user, instrument=instrument)
        audit.record(action="assessment.assessments.exported", actor=request.user, obj=instrument,
                     organisation=instrument.owner_id, purpose="export", data={"rows": len(rows)})
        response = StreamingHttpResponse(csv_rows(header, rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = content_disposition_header(True, f"{instrument.code}-assessments.csv")
        return response


class DataDictionaryView(SignedInView):
    """The data dictionary of the exports: every item of every version, and its column in the export."""

    def get(self, request, pk):
        instrument = access_instrument(request.user, pk, VIEW_ITEMS)
        rows, header = selectors.data_dictionary(instrument=instrument)
        response = StreamingHttpResponse(csv_rows(header, rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = content_disposition_header(True, f"{instrument.code}-dictionary.csv")
        return response


# --- assessments of a person ----------------------------------------------------------------------------------


def _assessable_record(actor, pk):
    record = access_record(actor, pk, section_action(Section.ASSESSMENT))
    if may_assess(actor, record) is None:
        raise Http404
    return record


def _record_context(request, record, start_form=None):
    actor = request.user
    assessments = list(selectors.assessments_of_record(actor=actor, record=record))
    instruments_qs = selectors.published_instruments(actor=actor)
    trajectories = []
    for instrument in {a.instrument_version.instrument for a in assessments if a.status == Assessment.Status.FINAL}:
        trajectories.append({"instrument": instrument, **selectors.trajectory(actor=actor, record=record,
                                                                             instrument=instrument)})
    prompts = [dashboardprompt_text(p) for p in selectors.timeline_prompts(actor=actor, record=record)]
    return {"prompts": prompts, "record": record, "assessments": assessments, "trajectories": trajectories,
            "start_form": start_form or StartForm(instruments_qs=instruments_qs),
            "can_start": access.can_create(actor, Assessment, record=record)}


class RecordAssessmentsView(SignedInView):
    def get(self, request, pk):
        record = _assessable_record(request.user, pk)
        audit.record(action="assessment.record.viewed", actor=request.user, obj=record, organisation=record.owner_id,
                     purpose="structured assessment (case work)")
        return render(request, "assessment/record.html", _record_context(request, record))


class AssessmentStartView(ServiceFormView):
    http_method_names = ["post"]
    form_class = StartForm
    template_name = "assessment/record.html"

    def load(self, request, pk):
        self.record = _assessable_record(request.user, pk)

    def get_form_kwargs(self):
        return {"instruments_qs": selectors.published_instruments(actor=self.request.user)}

    def show(self, form, status=200):
        return render(self.request, self.template_name, _record_context(self.request, self.record, form),
                      status=status)

    def perform(self, form):
        return services.assessment_start(actor=self.request.user, record=self.record,
                                         instrument=form.cleaned_data["instrument"],
                                         review_date=form.cleaned_data["review_date"])

    def success_message(self, result):
        if result.previous_id:
            return _("Reassessment started. The previous ratings are shown beside each item; rate afresh.")
        return _("Assessment started.")

    def success_url(self, result):
        return reverse("assessment:assessment", args=[result.pk])


def _assessment_context(request, assessment, form=None, countersign_form=None):
    actor = request.user
    view = selectors.assessment_view(actor=actor, assessment=assessment)
    editable = access.can(actor, CHANGE, assessment)
    if editable and form is None:
        initial = {"version": assessment.version, "review_date": assessment.review_date,
                   "judgement": assessment.judgement, "significant_items": assessment.significant_items,
                   "rationale": assessment.rationale, "evidence_against": assessment.evidence_against,
                   "limitations": assessment.limitations, "bias_checks": assessment.bias_checks}
        for domain in view["domains"]:
            for item in domain.items:
                if item.rating:
                    initial[f"value__{item.name}"] = item.rating.text_answer or item.rating.value
                    initial[f"reason__{item.name}"] = item.rating.insufficient_reason
                    initial[f"evidence__{item.name}"] = item.rating.evidence
                    initial[f"sources__{item.name}"] = item.rating.sources
        form = AssessmentForm(initial=initial, domains=view["domains"])
    if editable:
        for domain in view["domains"]:
            for item in domain.items:
                if not item.calculate:
                    item.fields = form.item_fields(item.name)
    items = [(i.name, i.label) for d in view["domains"] for i in d.items if not i.calculate]
    can_countersign = access.can(actor, COUNTERSIGN, assessment)
    return {"assessment": assessment, "record": assessment.record, "view": view, "form": form, "editable": editable,
            "can_submit": access.can(actor, SUBMIT, assessment), "can_countersign": can_countersign,
            "can_finalise": access.can(actor, FINALISE, assessment),
            "countersign_form": countersign_form or (CountersignForm(items=items, initial={
                "version": assessment.version}) if can_countersign else None),
            "problems": services.completeness_problems(assessment) if assessment.status != Assessment.Status.FINAL
            else [], "report_form": ReportForm(initial={"language": selectors.language()}),
            "significant_labels": [label for name, label in items if name in assessment.significant_items],
            "disagreement_labels": [label for name, label in items if name in assessment.disagreements],
            "instrument": assessment.instrument_version.instrument,
            "waves": selectors.trajectory(actor=actor, instrument=assessment.instrument_version.instrument,
                                          unit=assessment) if assessment.record_id is None else None}


class AssessmentView(SignedInView):
    def get(self, request, pk):
        queryset = access.visible(request.user, Assessment).select_related(
            "instrument_version__instrument", "record", "assessor", "countersigner", "previous__instrument_version")
        assessment = access.access_audited(request.user, Assessment, pk, purpose=ASSESSMENT_PURPOSE,
                                           queryset=queryset)
        return render(request, "assessment/assessment.html", _assessment_context(request, assessment))


class AssessmentSaveView(ServiceFormView):
    http_method_names = ["post"]
    template_name = "assessment/assessment.html"

    def load(self, request, pk):
        self.assessment = access_assessment(request.user, pk, CHANGE)
        self.domains = selectors.assessment_view(actor=request.user, assessment=self.assessment)["domains"]

    def make_form(self, data=None):
        from integra.core import limits

        return limits.bound_form(AssessmentForm(data, domains=self.domains))

    def show(self, form, status=200):
        return render(self.request, self.template_name, _assessment_context(self.request, self.assessment, form),
                      status=status)

    def perform(self, form):
        data = form.cleaned_data
        assessment, cleared = services.assessment_save(
            actor=self.request.user, assessment=self.assessment, expected_version=data["version"],
            answers=form.answers(), review_date=data["review_date"], judgement=data["judgement"],
            significant_items=data["significant_items"], rationale=data["rationale"],
            evidence_against=data["evidence_against"], limitations=data["limitations"],
            bias_checks=data["bias_checks"])
        self.cleared = cleared
        return assessment

    def success_message(self, result):
        if self.cleared:
            labels = {i.name: i.label for d in self.domains for i in d.items}
            messages.warning(self.request, _("These answers were removed because their items no longer apply: "
                                             "%(items)s.") % {"items": ", ".join(labels.get(n, n)
                                                                                 for n in self.cleared)})
        return _("The draft is saved.")

    def success_url(self, result):
        return reverse("assessment:assessment", args=[result.pk])


class _AssessmentAction(ServiceActionView):
    form_class = VersionForm
    action = ""

    def load(self, request, pk):
        self.assessment = access_assessment(request.user, pk, self.action)

    def back_url(self):
        return reverse("assessment:assessment", args=[self.assessment.pk])


class AssessmentSubmitView(_AssessmentAction):
    action = SUBMIT

    def perform(self, form):
        return services.assessment_submit(actor=self.request.user, assessment=self.assessment,
                                          expected_version=form.cleaned_data["version"])

    def success_message(self, result):
        return _("Submitted: a colleague now countersigns it.")


class AssessmentCountersignView(_AssessmentAction):
    form_class = CountersignForm
    action = COUNTERSIGN

    def get_form_kwargs(self):
        return {"items": [(i["name"], i["name"]) for i in self.assessment.definition["items"]]}

    def perform(self, form):
        return services.assessment_countersign(actor=self.request.user, assessment=self.assessment,
                                               expected_version=form.cleaned_data["version"],
                                               disagreements=form.cleaned_data["disagreements"],
                                               note=form.cleaned_data["note"])

    def success_message(self, result):
        return _("Countersigned.")


class AssessmentFinaliseView(_AssessmentAction):
    action = FINALISE

    def perform(self, form):
        return services.assessment_finalise(actor=self.request.user, assessment=self.assessment,
                                            expected_version=form.cleaned_data["version"])

    def success_message(self, result):
        return _("The assessment is final.")


class AssessmentReportView(SignedInView):
    """The report as a tagged PDF (PDF/UA) in the language chosen, which may differ from the interface's."""

    def get(self, request, pk):
        queryset = access.visible(request.user, Assessment).select_related(
            "instrument_version__instrument", "record", "assessor", "countersigner")
        access.access(request.user, Assessment, pk, queryset=queryset)  # 404 before any word about the input
        form = ReportForm(request.GET)
        if not form.is_valid():
            return HttpResponse(_("Choose a report language."), status=400, content_type="text/plain")
        assessment = access.access_audited(request.user, Assessment, pk, purpose="assessment report",
                                           queryset=queryset)
        from .pdf import render_report_pdf

        with translation.override(form.cleaned_data["language"]):
            try:
                pdf = render_report_pdf(actor=request.user, assessment=assessment)
            except OSError:
                return HttpResponse(_("The PDF renderer is not available on this server."), status=503,
                                    content_type="text/plain")
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = content_disposition_header(True, f"assessment-{assessment.pk}.pdf")
        return response



# --- training-needs surveys -------------------------------------------------------------------------------------


def _survey_open_form(actor, data=None):
    return SurveyOpenForm(data, organisations=organisation_choices(actor=actor, model=Survey, action=ADD),
                          instruments_qs=selectors.published_instruments(actor=actor, level=Level.TRAINING_NEEDS))


class SurveyListView(SignedInView):
    page_for = offered_to(Survey)

    def get(self, request):
        page = Paginator(selectors.survey_list(actor=request.user), 25).get_page(request.GET.get("page"))
        can_open = access.can_any(request.user, Survey, ADD)
        return render(request, "assessment/surveys.html", {
            "page": page, "open_form": _survey_open_form(request.user) if can_open else None})


class SurveyOpenView(ServiceFormView):
    http_method_names = ["post"]
    template_name = "assessment/surveys.html"
    page_for = offered_to(Survey, ADD)

    def make_form(self, data=None):
        from integra.core import limits

        return limits.bound_form(_survey_open_form(self.request.user, data))

    def show(self, form, status=200):
        page = Paginator(selectors.survey_list(actor=self.request.user), 25).get_page(1)
        return render(self.request, self.template_name, {"page": page, "open_form": form}, status=status)

    def perform(self, form):
        data = form.cleaned_data
        return services.survey_open(actor=self.request.user, organisation=data["organisation"],
                                    instrument=data["instrument"], title=data["title"], min_group=data["min_group"])

    def success_message(self, result):
        return _("The survey is open: the people of the organisation can answer it.")

    def success_url(self, result):
        return reverse("assessment:survey", args=[result.pk])


def _survey_context(request, survey, form=None):
    actor = request.user
    definition = survey.instrument_version.definition
    domains = selectors.localised(definition, readable=True)
    answered = selectors.has_answered(actor=actor, survey=survey)
    can_respond = access.can(actor, RESPOND, survey) and not answered
    return {"survey": survey, "answered": answered, "can_respond": can_respond,
            "form": (form or SurveyAnswerForm(domains=domains)) if can_respond else None,
            "title": instruments.text(definition["title"], selectors.language()),
            "results": selectors.survey_results(actor=actor, survey=survey)
            if access.can(actor, VIEW_RESULTS, survey) else None,
            "can_close": access.can(actor, CHANGE, survey) and survey.status == Survey.Status.OPEN}


class SurveyView(SignedInView):
    def get(self, request, pk):
        survey = access_survey(request.user, pk)
        return render(request, "assessment/survey.html", _survey_context(request, survey))


class SurveyRespondView(ServiceFormView):
    http_method_names = ["post"]
    template_name = "assessment/survey.html"

    def load(self, request, pk):
        self.survey = access_survey(request.user, pk, RESPOND)

    def make_form(self, data=None):
        from integra.core import limits

        domains = selectors.localised(self.survey.instrument_version.definition, readable=True)
        return limits.bound_form(SurveyAnswerForm(data, domains=domains))

    def show(self, form, status=200):
        return render(self.request, self.template_name, _survey_context(self.request, self.survey, form),
                      status=status)

    def perform(self, form):
        return services.survey_respond(actor=self.request.user, survey=self.survey,
                                       audience=form.cleaned_data["audience"], answers=form.answers())

    def success_message(self, result):
        return _("Thank you: your answers are recorded anonymously.")

    def success_url(self, result):
        return reverse("assessment:survey", args=[self.survey.pk])


class SurveyCloseView(ServiceActionView):
    form_class = VersionForm

    def load(self, request, pk):
        self.survey = access_survey(request.user, pk, CHANGE)

    def back_url(self):
        return reverse("assessment:survey", args=[self.survey.pk])

    def perform(self, form):
        return services.survey_close(actor=self.request.user, survey=self.survey,
                                     expected_version=form.cleaned_data["version"])

    def success_message(self, result):
        return _("The survey is closed.")


# --- calibration (inter-rater reliability) ----------------------------------------------------------------------


def _round_open_form(actor, data=None):
    from integra.core import limits

    organisations = organisation_choices(actor=actor, model=CalibrationRound, action=ADD)
    raters = selectors.calibration_raters_for(organisation_ids=[o.pk for o in organisations])
    form = RoundOpenForm(data, organisations=organisations, raters_qs=raters,
                         instruments_qs=selectors.calibration_instruments(actor=actor))
    return limits.bound_form(form) if data is not None else form


def _round_list_context(request, form=None):
    page = Paginator(selectors.round_list(actor=request.user), 25).get_page(request.GET.get("page"))
    can_open = access.can_any(request.user, CalibrationRound, ADD)
    return {"page": page, "open_form": (form or _round_open_form(request.user)) if can_open else None}


class CalibrationListView(SignedInView):
    page_for = offered_to(CalibrationRound)

    def get(self, request):
        return render(request, "assessment/calibration_list.html", _round_list_context(request))


class CalibrationOpenView(ServiceFormView):
    http_method_names = ["post"]
    template_name = "assessment/calibration_list.html"
    page_for = offered_to(CalibrationRound, ADD)

    def make_form(self, data=None):
        return _round_open_form(self.request.user, data)

    def show(self, form, status=200):
        return render(self.request, self.template_name, _round_list_context(self.request, form), status=status)

    def perform(self, form):
        data = form.cleaned_data
        return services.round_open(actor=self.request.user, organisation=data["organisation"],
                                   instrument=data["instrument"], title=data["title"], kind=data["kind"],
                                   vignette=data["vignette"], raters=list(data["raters"]),
                                   threshold=data["threshold"])

    def success_message(self, result):
        return _("The round is open: each rater now rates the vignette blind.")

    def success_url(self, result):
        return reverse("assessment:calibration", args=[result.pk])


def _round_context(request, calibration, form=None):
    context = selectors.round_view(actor=request.user, calibration=calibration)
    if context["can_rate"]:
        context["form"] = form or RateForm(domains=context["domains"], initial_ratings=context["mine"])
    context["can_close"] = access.can(request.user, CLOSE, calibration)
    return context


class CalibrationRoundView(SignedInView):
    def get(self, request, pk):
        calibration = access_round(request.user, pk)
        return render(request, "assessment/calibration_round.html", _round_context(request, calibration))


class CalibrationRateView(ServiceFormView):
    http_method_names = ["post"]
    template_name = "assessment/calibration_round.html"

    def load(self, request, pk):
        self.calibration = access_round(request.user, pk, RATE)

    def make_form(self, data=None):
        from integra.core import limits

        domains = selectors.round_view(actor=self.request.user, calibration=self.calibration)["domains"]
        return limits.bound_form(RateForm(data, domains=domains))

    def show(self, form, status=200):
        return render(self.request, self.template_name, _round_context(self.request, self.calibration, form),
                      status=status)

    def perform(self, form):
        return services.round_rate(actor=self.request.user, calibration=self.calibration, ratings=form.ratings())

    def success_message(self, result):
        return _("Your ratings are saved. No one sees them until the round closes.")

    def success_url(self, result):
        return reverse("assessment:calibration", args=[self.calibration.pk])


class CalibrationCloseView(ServiceActionView):
    form_class = VersionForm

    def load(self, request, pk):
        self.calibration = access_round(request.user, pk, CLOSE)

    def back_url(self):
        return reverse("assessment:calibration", args=[self.calibration.pk])

    def perform(self, form):
        return services.round_close(actor=self.request.user, calibration=self.calibration,
                                    expected_version=form.cleaned_data["version"])

    def success_message(self, result):
        return _("The round is closed: the ratings and the agreement are in the report.")

    def success_url(self, result):
        return reverse("assessment:calibration_report", args=[self.calibration.pk])


def _consensus_form(request, calibration, report, data=None):
    from integra.core import limits

    participants = selectors.consensus_participants(calibration=calibration, actor=request.user)
    domains = selectors.round_view(actor=request.user, calibration=calibration)["domains"]
    form = ConsensusForm(data, participants_qs=participants, domains=domains)
    return limits.bound_form(form) if data is not None else form


def _report_context(request, calibration, form=None):
    report = selectors.calibration_report(actor=request.user, calibration=calibration)
    if access.can(request.user, CHANGE, calibration):
        report["consensus_form"] = form or _consensus_form(request, calibration, report)
    return report


class CalibrationReportView(SignedInView):
    def get(self, request, pk):
        calibration = access_round(request.user, pk, VIEW_RESULTS)
        return render(request, "assessment/calibration_report.html", _report_context(request, calibration))


class ConsensusRecordView(ServiceFormView):
    http_method_names = ["post"]
    template_name = "assessment/calibration_report.html"

    def load(self, request, pk):
        self.calibration = access_round(request.user, pk, CHANGE)

    def make_form(self, data=None):
        return _consensus_form(self.request, self.calibration, None, data)

    def show(self, form, status=200):
        return render(self.request, self.template_name, _report_context(self.request, self.calibration, form),
                      status=status)

    def perform(self, form):
        data = form.cleaned_data
        return services.consensus_record(actor=self.request.user, calibration=self.calibration,
                                         held_on=data["held_on"], participants=list(data["participants"]),
                                         agreed=form.agreed(), notes=data["notes"])

    def success_message(self, result):
        return _("The consensus meeting is recorded.")

    def success_url(self, result):
        return reverse("assessment:calibration_report", args=[self.calibration.pk])


# --- organisation action plans ----------------------------------------------------------------------------------


def _plan_form(request, assessment, data=None):
    from integra.core import limits

    lang = selectors.language()
    items = [(i["name"], instruments.text(i["label"], lang) or i["name"]) for i in assessment.definition["items"]]
    form = PlanItemForm(data, owners=selectors.plan_owner_choices(assessment=assessment), items=items)
    return limits.bound_form(form) if data is not None else form


def _plan_context(request, assessment, form=None):
    lines = list(selectors.plan_items(actor=request.user, assessment=assessment))
    can_add = access.can_create(request.user, ActionPlanItem, assessment=assessment)
    return {"assessment": assessment, "lines": lines,
            "rag_choices": ActionPlanItem.Rag.choices,
            "form": (form or _plan_form(request, assessment)) if can_add else None,
            "is_organisation": assessment.instrument_version.instrument.level == Level.ORGANISATION}


def _plan_assessment(actor, pk):
    """The organisation-level assessment a plan follows: through the assessment's policy, or — for an owner of
    one of its lines who does not assess — through their own lines."""
    assessment = selectors.plan_assessment(actor=actor, pk=pk)
    if assessment is None:
        raise Http404
    return assessment


class PlanView(SignedInView):
    def get(self, request, pk):
        assessment = _plan_assessment(request.user, pk)
        return render(request, "assessment/plan.html", _plan_context(request, assessment))


class PlanAddView(ServiceFormView):
    http_method_names = ["post"]
    template_name = "assessment/plan.html"

    def load(self, request, pk):
        self.assessment = _plan_assessment(request.user, pk)

    def make_form(self, data=None):
        return _plan_form(self.request, self.assessment, data)

    def show(self, form, status=200):
        return render(self.request, self.template_name, _plan_context(self.request, self.assessment, form),
                      status=status)

    def perform(self, form):
        data = form.cleaned_data
        return services.plan_item_add(actor=self.request.user, assessment=self.assessment, item=data["item"],
                                      importance=data["importance"], urgency=data["urgency"],
                                      outcome=data["outcome"], risk=data["risk"], action=data["action"],
                                      owner=data["owner"], due_date=data["due_date"], evidence=data["evidence"],
                                      rag=data["rag"])

    def success_message(self, result):
        return _("The action is added to the plan.")

    def success_url(self, result):
        return reverse("assessment:plan", args=[self.assessment.pk])


class PlanUpdateView(ServiceActionView):
    form_class = PlanUpdateForm

    def load(self, request, pk):
        self.line = access_plan_item(request.user, pk, CHANGE)

    def back_url(self):
        return reverse("assessment:plan", args=[self.line.assessment_id])

    def perform(self, form):
        data = form.cleaned_data
        return services.plan_item_update(actor=self.request.user, line=self.line,
                                         expected_version=data["version"], rag=data["rag"],
                                         evidence=data["evidence"], done=data["done"], due_date=data["due_date"])

    def success_message(self, result):
        return _("The action is updated.")
