"""Learning pages: learners (home, catalogue, course, lesson, quiz, certificates), designers (courses, lessons,
blueprint and coverage, translations, item analysis, pilot report), trainers (cohorts, grid, CSV enrolment,
messages, the trainer pathway), and the public certificate check."""

import random

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from integra.core import access
from integra.core.access import VIEW
from integra.core.errors import invalid
from integra.core.exports import csv_rows
from integra.core.formviews import ServiceActionView, ServiceFormView
from integra.core.models import Organisation
from integra.core.roles import Role
from integra.core.viewmixins import PublicView, SignedInView
from integra.core.views import add_form_errors

from . import packages, selectors, services
from .forms import (
    AreaForm,
    BlockForm,
    CohortForm,
    CompetenceForm,
    CourseForm,
    CsvForm,
    EnrolOneForm,
    EvaluationForm,
    LearningSettingsForm,
    LessonForm,
    MessageForm,
    ModuleForm,
    ObservationForm,
    OutcomeForm,
    PackageForm,
    QuestionForm,
    QuizForm,
)
from .models import (
    Block,
    Certificate,
    Cohort,
    Course,
    Enrolment,
    Lesson,
    LessonProgress,
    OrganisationLearningSettings,
    Question,
    Quiz,
    QuizAttempt,
    Reflection,
    TrainerObservation,
)
from .policy import DESIGN, RUN_COHORT, access_course, access_lesson, access_quiz, is_designer, is_trainer


class VerifyView(PublicView):
    """Public verification: only validity, the holder's name, what it is for and the date."""

    def get(self, request, code=None):
        code = code or request.GET.get("code", "")
        certificate = selectors.certificate_verify(code=code) if code else None
        status = 404 if code and certificate is None else 200
        return render(request, "learning/verify.html", {"certificate": certificate, "code": code}, status=status)


class MyCertificatesView(SignedInView):
    def get(self, request):
        return render(request, "learning/my_certificates.html",
                      {"certificates": access.visible(request.user, Certificate).order_by("-issued_at")})


class CertificatePdfView(SignedInView):
    def get(self, request, pk):
        certificate = access.access(request.user, Certificate, pk)
        verify_url = request.build_absolute_uri(reverse("learning:verify_code", args=[certificate.code]))
        try:
            pdf = services.certificate_pdf(certificate=certificate, verify_url=verify_url)
        except Exception:  # the PDF renderer failing must not lose the certificate or break the page
            messages.error(request, _("The PDF could not be produced right now; please try again later."))
            return redirect("learning:my_certificates")
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.code}.pdf"'
        return response


# --- learners -----------------------------------------------------------------------------------------------------


class HomeView(SignedInView):
    def get(self, request):
        rows = selectors.learner_home(actor=request.user)
        enrolled = {row["enrolment"].course_id for row in rows}
        suggestions = selectors.courses_for(actor=request.user).filter(status="published").exclude(pk__in=enrolled)
        return render(request, "learning/home.html", {
            "rows": rows, "suggestions": suggestions[:6], "is_designer": is_designer(request.user),
            "is_trainer": is_trainer(request.user)})


class CatalogueView(SignedInView):
    def get(self, request):
        courses = selectors.courses_for(actor=request.user)
        mine = set(Enrolment.objects.filter(user=request.user).values_list("course_id", flat=True))
        return render(request, "learning/catalogue.html", {"courses": courses, "mine": mine})


def _course(request, pk, action=VIEW) -> Course:
    return access.access(request.user, Course, pk, action)


class CourseView(SignedInView):
    def get(self, request, pk):
        course = _course(request, pk)
        enrolment = Enrolment.objects.filter(user=request.user, course=course).select_related("certificate").first()
        return render(request, "learning/course.html", {
            "course": course, "enrolment": enrolment,
            "outline": selectors.course_outline(course=course, enrolment=enrolment),
            "evaluation_form": EvaluationForm() if enrolment and enrolment.completed_at else None,
            "evaluated": bool(enrolment and hasattr(enrolment, "evaluation")),
            "can_design": access.can(request.user, DESIGN, course)})

    def post(self, request, pk):
        course = _course(request, pk)
        action = request.POST.get("action")
        try:
            if action == "enrol":
                services.enrolment_create(actor=request.user, course=course)
                messages.success(request, _("You are enrolled. Start with the first lesson."))
            elif action == "evaluate":
                form = EvaluationForm(request.POST)
                if not form.is_valid():
                    raise ValidationError(form.errors.as_text())
                services.course_evaluation_submit(actor=request.user, course=course, **form.cleaned_data)
                messages.success(request, _("Thank you for your evaluation."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("learning:course", pk=course.pk)


def _lesson(request, pk) -> tuple[Lesson, Enrolment | None, bool]:
    """The lesson, the learner's enrolment, and whether this is a designer's preview (no enrolment needed)."""
    lesson = Lesson.objects.select_related("module", "module__course", "module__prerequisite").filter(pk=pk).first()
    if lesson is None or not access.can(request.user, VIEW, lesson.module.course):
        raise Http404
    enrolment = Enrolment.objects.filter(user=request.user, course=lesson.module.course).first()
    preview = enrolment is None and access.can(request.user, DESIGN, lesson.module.course)
    if enrolment is None and not preview:
        messages.info(request, _("Enrol in the course to open its lessons."))
        raise _Redirect(reverse("learning:course", args=[lesson.module.course_id]))
    return lesson, enrolment, preview


class _Redirect(Exception):
    def __init__(self, url):
        self.url = url


class LessonView(SignedInView):
    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except _Redirect as target:
            return redirect(target.url)

    def get(self, request, pk):
        lesson, enrolment, preview = _lesson(request, pk)
        if not preview:
            try:
                services.lesson_open(actor=request.user, lesson=lesson)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect("learning:course", pk=lesson.module.course_id)
        return render(request, "learning/lesson.html", self._context(request, lesson, enrolment, preview))

    def post(self, request, pk):
        lesson, enrolment, preview = _lesson(request, pk)
        if preview:
            raise PermissionDenied
        action = request.POST.get("action")
        try:
            if action == "complete":
                services.lesson_complete(actor=request.user, lesson=lesson)
                messages.success(request, _("Lesson completed."))
                following = self._next_lesson(lesson)
                if following:
                    return redirect("learning:lesson", pk=following.pk)
                return redirect("learning:course", pk=lesson.module.course_id)
            if action == "reflection":
                block = lesson.blocks.get(pk=request.POST.get("block"), kind=Block.Kind.REFLECTION)
                services.reflection_save(actor=request.user, block=block, text=request.POST.get("text", ""))
                messages.success(request, _("Your reflection is saved. Only you can read it."))
            elif action == "scenario":
                block = lesson.blocks.get(pk=request.POST.get("block"), kind=Block.Kind.SCENARIO)
                result = services.scenario_choose(actor=request.user, block=block, step=request.POST.get("step", ""),
                                                  choice=int(request.POST.get("choice", -1)))
                request.session[f"scenario-{block.pk}"] = result["option"].get("feedback", "")
                target = reverse("learning:lesson", args=[lesson.pk])
                return redirect(f"{target}?step={result['next']}#block-{block.pk}")
            elif action == "feedback":
                services.lesson_feedback_save(actor=request.user, lesson=lesson,
                                              useful=_yes_no(request.POST.get("useful")),
                                              clear=_yes_no(request.POST.get("clear")),
                                              comment=request.POST.get("comment", ""))
                messages.success(request, _("Thank you: your feedback helps improve the course."))
        except (ValidationError, Block.DoesNotExist, ValueError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [_("This action is not possible here.")])))
            return render(request, "learning/lesson.html", self._context(request, lesson, enrolment, preview),
                          status=400)
        return redirect("learning:lesson", pk=lesson.pk)

    def _next_lesson(self, lesson):
        return Lesson.objects.filter(module__course=lesson.module.course).filter(
            models_q_after(lesson)).order_by("module__order", "order", "id").first()

    def _context(self, request, lesson, enrolment, preview):
        blocks = list(lesson.blocks.all())
        reflections = {r.block_id: r.text for r in Reflection.objects.filter(enrolment=enrolment)} if enrolment else {}
        progress = LessonProgress.objects.filter(enrolment=enrolment, lesson=lesson).first() if enrolment else None
        step = request.GET.get("step")
        for block in blocks:
            if block.kind == Block.Kind.SCENARIO:
                steps = block.data.get("steps", {})
                block.current_step = step if step in steps else block.data.get("start")
                block.step = steps.get(block.current_step, {})
                block.feedback = request.session.pop(f"scenario-{block.pk}", "") if step else ""
            block.reflection = reflections.get(block.pk, "")
        return {"lesson": lesson, "course": lesson.module.course, "blocks": blocks, "preview": preview,
                "done": bool(progress and progress.completed_at), "enrolment": enrolment}


def models_q_after(lesson):
    from django.db.models import Q

    return (Q(module__order__gt=lesson.module.order)
            | Q(module__order=lesson.module.order, module_id__gt=lesson.module_id)
            | Q(module_id=lesson.module_id, order__gt=lesson.order)
            | Q(module_id=lesson.module_id, order=lesson.order, id__gt=lesson.pk))


def _yes_no(value):
    return {"yes": True, "no": False}.get(value)


class QuizView(SignedInView):
    def _quiz(self, request, pk):
        quiz = Quiz.objects.select_related("module", "module__course").filter(pk=pk).first()
        if quiz is None or not access.can(request.user, VIEW, quiz.module.course):
            raise Http404
        return quiz

    def get(self, request, pk):
        quiz = self._quiz(request, pk)
        try:
            attempt = services.quiz_start(actor=request.user, quiz=quiz)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("learning:course", pk=quiz.module.course_id)
        return render(request, "learning/quiz.html", {"quiz": quiz, "attempt": attempt,
                                                      "questions": _questions_for(attempt)})

    def post(self, request, pk):
        quiz = self._quiz(request, pk)
        attempt = QuizAttempt.objects.filter(pk=request.POST.get("attempt"), quiz=quiz,
                                             enrolment__user=request.user).select_related("quiz", "enrolment").first()
        if attempt is None:
            raise Http404
        responses = {}
        for key in request.POST:
            if key.startswith("q"):
                question_id = key[1:].split("_")[0]
                if question_id.isdigit():
                    responses.setdefault(int(question_id), [])
                    responses[int(question_id)] = request.POST.getlist(key) if "_" not in key else \
                        responses[int(question_id)] + request.POST.getlist(key)
        try:
            attempt = services.quiz_submit(actor=request.user, attempt=attempt, responses=responses)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("learning:course", pk=quiz.module.course_id)
        answers = list(attempt.answers.select_related("question"))
        return render(request, "learning/quiz_result.html", {"quiz": quiz, "attempt": attempt, "answers": answers})


def _questions_for(attempt):
    """The attempt's questions, with matching answers and ordering items shuffled (the same way for one attempt)."""
    questions = Question.objects.in_bulk(attempt.question_ids)
    shuffler = random.Random(attempt.pk)  # noqa: S311 - display order, not a secret
    result = []
    for question_id in attempt.question_ids:
        question = questions[question_id]
        data = question.data or {}
        question.choices = list(enumerate(data.get("choices", [])))
        question.lefts = [p["left"] for p in data.get("pairs", [])]
        question.rights = sorted({p["right"] for p in data.get("pairs", [])}, key=lambda _r: shuffler.random())
        question.items = sorted(data.get("items", []), key=lambda _i: shuffler.random())
        result.append(question)
    return result


# --- designers ------------------------------------------------------------------------------------------------------
# Each form of a design page posts to a URL of its own; when the service refuses, the page comes back with the
# form's errors (400). The services check the policy themselves; the fetches here only decide between page and 404.


class DesignerMixin(SignedInView):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_designer(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class DesignHomeView(DesignerMixin, ServiceFormView):
    """The courses, and a form for a new one."""

    form_class = CourseForm
    template_name = "learning/design_home.html"

    def get_form_kwargs(self):
        return {"courses": selectors.courses_for(actor=self.request.user)}

    def get_context(self, form):
        return {"courses": selectors.courses_for(actor=self.request.user)}

    def perform(self, form):
        return services.course_create(actor=self.request.user, **form.cleaned_data)

    def success_message(self, course):
        return _("Course created as a draft.")

    def success_url(self, course):
        return reverse("learning:design_course", args=[course.pk])


def _design_course_context(request, course, **forms) -> dict:
    return {
        "course": course, "outline": selectors.course_outline(course=course, enrolment=None),
        "module_form": forms.get("module_form") or ModuleForm(course=course),
        "lesson_form": forms.get("lesson_form") or LessonForm(course=course),
        "quiz_form": forms.get("quiz_form") or QuizForm(course=course),
        "problems": selectors.publication_problems(actor=request.user, course=course),
        "translations": selectors.missing_translations(course)}


class DesignCourseView(DesignerMixin):
    def get(self, request, pk):
        course = access_course(request.user, pk, DESIGN)
        return render(request, "learning/design_course.html", _design_course_context(request, course))


class _DesignCourseFormView(DesignerMixin, ServiceFormView):
    """One form of the course design page."""

    template_name = "learning/design_course.html"
    form_name = ""

    def load(self, request, pk):
        self.course = access_course(request.user, pk, DESIGN)

    def get_form_kwargs(self):
        return {"course": self.course}

    def get_context(self, form):
        return _design_course_context(self.request, self.course, **{self.form_name: form})

    def success_message(self, result):
        return _("Saved.")

    def success_url(self, result):
        return reverse("learning:design_course", args=[self.course.pk])


class ModuleCreateView(_DesignCourseFormView):
    form_class = ModuleForm
    form_name = "module_form"

    def perform(self, form):
        return services.module_create(actor=self.request.user, course=self.course, **form.cleaned_data)


class LessonCreateView(_DesignCourseFormView):
    form_class = LessonForm
    form_name = "lesson_form"

    def perform(self, form):
        return services.lesson_create(actor=self.request.user, **form.cleaned_data)


class QuizCreateView(_DesignCourseFormView):
    form_class = QuizForm
    form_name = "quiz_form"

    def perform(self, form):
        return services.quiz_create(actor=self.request.user, **form.cleaned_data)


class CoursePublishView(DesignerMixin, ServiceActionView):
    def load(self, request, pk):
        self.course = access_course(request.user, pk, DESIGN)

    def perform(self, form):
        try:
            return services.course_publish(actor=self.request.user, course=self.course)
        except ValidationError as error:
            raise invalid(_("Not published: %(problems)s") % {"problems": " ".join(error.messages)}) from error

    def success_message(self, course):
        return _("Version %(n)d published. Learners in progress keep their progress.") % {
            "n": course.published_version}

    def back_url(self):
        return reverse("learning:design_course", args=[self.course.pk])


class CoursePackageView(DesignerMixin):
    """The course as a package (zip) another platform can import."""

    def get(self, request, pk):
        course = access_course(request.user, pk, DESIGN)
        archive, filename = packages.course_package_export(actor=request.user, course=course)
        return FileResponse(archive, as_attachment=True, filename=filename, content_type="application/zip")


class PackagePreviewView(DesignerMixin):
    """Upload a course package: what it would create or change, or what is wrong with it, file by file. Nothing
    is saved here; importing is the next step (`PackageImportView`)."""

    template_name = "learning/design_import.html"

    def get(self, request):
        return render(request, self.template_name, {"form": PackageForm()})

    def post(self, request):
        form = PackageForm(request.POST, request.FILES)
        preview = None
        if form.is_valid():
            try:
                preview = packages.course_package_preview(actor=request.user, upload=form.cleaned_data["file"])
            except ValidationError as error:
                add_form_errors(form, error)
        if preview is None:
            return render(request, self.template_name, {"form": form}, status=400)
        return render(request, self.template_name, {"form": PackageForm(), "preview": preview})


class PackageImportView(DesignerMixin, ServiceFormView):
    form_class = PackageForm
    template_name = "learning/design_import.html"

    def perform(self, form):
        return packages.course_package_import(actor=self.request.user, upload=form.cleaned_data["file"])

    def success_message(self, result):
        if result.created:
            return _("Course imported as a draft: “%(course)s”.") % {"course": result.course.title}
        return _("New version of “%(course)s” imported.") % {"course": result.course.title}

    def success_url(self, result):
        return reverse("learning:design_course", args=[result.course.pk])


class DesignLessonView(DesignerMixin, ServiceFormView):
    """A lesson's blocks, and a form to add one."""

    form_class = BlockForm
    template_name = "learning/design_lesson.html"

    def load(self, request, pk):
        self.lesson = access_lesson(request.user, pk, DESIGN)

    def get_context(self, form):
        return {"lesson": self.lesson, "blocks": self.lesson.blocks.all()}

    def perform(self, form):
        return services.block_save(actor=self.request.user, lesson=self.lesson, **form.cleaned_data)

    def success_message(self, block):
        return _("Block added.")

    def success_url(self, block):
        return reverse("learning:design_lesson", args=[self.lesson.pk])


BLUEPRINT_FORMS = {"area_form": AreaForm, "competence_form": CompetenceForm, "outcome_form": OutcomeForm,
                   "question_form": QuestionForm}


def _blueprint_context(request, **forms) -> dict:
    designer = is_designer(request.user)
    context = {"areas": selectors.blueprint(), "coverage": selectors.coverage_report() if designer else [],
               "designer": designer}
    if designer:
        context.update({name: forms.get(name) or form_class() for name, form_class in BLUEPRINT_FORMS.items()})
    return context


class BlueprintView(SignedInView):
    def get(self, request):
        return render(request, "learning/blueprint.html", _blueprint_context(request))


class _BlueprintFormView(DesignerMixin, ServiceFormView):
    """One form of the blueprint page."""

    template_name = "learning/blueprint.html"
    form_name = ""

    def get_context(self, form):
        return _blueprint_context(self.request, **{self.form_name: form})

    def success_message(self, result):
        return _("Blueprint updated.")

    def success_url(self, result):
        return reverse("learning:blueprint")


class CompetenceAreaCreateView(_BlueprintFormView):
    form_class = AreaForm
    form_name = "area_form"

    def perform(self, form):
        return services.competence_area_create(actor=self.request.user, **form.cleaned_data)


class CompetenceCreateView(_BlueprintFormView):
    form_class = CompetenceForm
    form_name = "competence_form"

    def perform(self, form):
        return services.competence_create(actor=self.request.user, **form.cleaned_data)


class OutcomeCreateView(_BlueprintFormView):
    form_class = OutcomeForm
    form_name = "outcome_form"

    def perform(self, form):
        return services.outcome_create(actor=self.request.user, **form.cleaned_data)


class QuestionCreateView(_BlueprintFormView):
    form_class = QuestionForm
    form_name = "question_form"

    def perform(self, form):
        return services.question_create(actor=self.request.user, **form.cleaned_data)


class ItemAnalysisView(DesignerMixin):
    def get(self, request, pk):
        quiz = access_quiz(request.user, pk, DESIGN)
        return render(request, "learning/item_analysis.html", {"quiz": quiz, "rows": selectors.item_analysis(quiz)})


class PilotReportView(DesignerMixin):
    def get(self, request, pk):
        course = access_course(request.user, pk, DESIGN)
        return render(request, "learning/pilot_report.html", {"course": course,
                                                              "report": selectors.pilot_report(course)})


# --- trainers -------------------------------------------------------------------------------------------------------


def _cohort(request, pk, action=VIEW) -> Cohort:
    return access.access(request.user, Cohort, pk, action, queryset=access.visible(request.user, Cohort)
                         .select_related("course", "organisation", "trainer"))


class CohortListView(SignedInView):
    def _organisations(self, request):
        return Organisation.objects.filter(pk__in=access.organisations_where(request.user, Role.TRAINER))

    def get(self, request):
        return render(request, "learning/cohorts.html", {
            "cohorts": access.visible(request.user, Cohort).select_related("course", "organisation"),
            "form": CohortForm(organisations=self._organisations(request)) if is_trainer(request.user) else None})

    def post(self, request):
        if not is_trainer(request.user):
            raise PermissionDenied
        form = CohortForm(request.POST, organisations=self._organisations(request))
        if form.is_valid():
            try:
                cohort = services.cohort_create(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_form_errors(form, error)
            else:
                messages.success(request, _("Cohort created. Next: enrol the learners."))
                return redirect("learning:cohort", pk=cohort.pk)
        return render(request, "learning/cohorts.html", {
            "cohorts": access.visible(request.user, Cohort).select_related("course", "organisation"),
            "form": form}, status=400)


class CohortView(SignedInView):
    def get(self, request, pk):
        cohort = _cohort(request, pk)
        if not access.can(request.user, RUN_COHORT, cohort):
            raise Http404
        if request.GET.get("format") == "csv":
            return _grid_csv(cohort, selectors.cohort_grid(cohort))
        return self._render(request, cohort)

    def post(self, request, pk):
        cohort = _cohort(request, pk, RUN_COHORT)
        what = request.POST.get("what")
        status, extra = 400, {}
        try:
            if what == "enrol":
                form = EnrolOneForm(request.POST)
                if form.is_valid():
                    user = get_user_model().objects.filter(email__iexact=form.cleaned_data["email"],
                                                           is_active=True).first()
                    if user is None:
                        raise ValidationError(_("No active account has this e-mail address."))
                    services.enrolment_create(actor=request.user, course=cohort.course, user=user, cohort=cohort)
                    messages.success(request, _("%(person)s enrolled.") % {"person": user})
                    return redirect("learning:cohort", pk=cohort.pk)
                extra["enrol_form"] = form
            elif what == "csv":
                form = CsvForm(request.POST, request.FILES)
                if form.is_valid():
                    text = form.cleaned_data["file"].read().decode("utf-8", errors="replace")
                    if request.POST.get("confirm") == "1":
                        count = services.cohort_csv_enrol(actor=request.user, cohort=cohort, text=text)
                        messages.success(request, _("%(n)d learners enrolled.") % {"n": count})
                        return redirect("learning:cohort", pk=cohort.pk)
                    rows, ok = services.cohort_csv_preview(actor=request.user, cohort=cohort, text=text)
                    extra.update(preview=rows, preview_ok=ok)
                    status = 200
                extra["csv_form"] = form
            elif what == "message":
                form = MessageForm(request.POST)
                if form.is_valid():
                    count = services.cohort_message(actor=request.user, cohort=cohort, **form.cleaned_data)
                    messages.success(request, _("Message sent to %(n)d learners.") % {"n": count})
                    return redirect("learning:cohort", pk=cohort.pk)
                extra["message_form"] = form
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return self._render(request, cohort, status=status, **extra)

    GRID_PAGE_SIZE = 100

    def _render(self, request, cohort, status=200, **extra):
        learners = cohort.enrolments.order_by("user__full_name", "user__email").values_list("pk", flat=True)
        page = Paginator(learners, self.GRID_PAGE_SIZE).get_page(request.GET.get("page"))
        grid = selectors.cohort_grid(cohort, enrolment_ids=list(page.object_list))
        context = {"cohort": cohort, "grid": grid, "page": page, "enrol_form": EnrolOneForm(),
                   "csv_form": CsvForm(), "message_form": MessageForm()}
        context.update(extra)
        return render(request, "learning/cohort.html", context, status=status)


def _grid_csv(cohort, grid):
    header = ["learner", "email"] + [m.title for m in grid["modules"]] + [q.title for q in grid["quizzes"]] + [
        "competences_shown", "stuck", "completed"]
    rows = ([r["enrolment"].user.get_full_name(), r["enrolment"].user.email, *r["cells"],
             *[s if s is not None else "" for s in r["scores"]], r["competences"], "yes" if r["stuck"] else "",
             r["enrolment"].completed_at.date().isoformat() if r["enrolment"].completed_at else ""]
            for r in grid["rows"])
    response = StreamingHttpResponse(csv_rows(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="cohort-{cohort.pk}.csv"'
    return response


class TrainerPathwayView(SignedInView):
    def get(self, request):
        return self._render(request, ObservationForm())

    def post(self, request):
        if request.POST.get("what") == "sign_off":
            observation = TrainerObservation.objects.filter(pk=request.POST.get("observation"),
                                                            observer=request.user).first()
            if observation is None:
                raise Http404
            try:
                services.observation_sign_off(actor=request.user, observation=observation,
                                              notes=request.POST.get("notes", ""))
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Session signed off."))
            return redirect("learning:trainer")
        form = ObservationForm(request.POST)
        if form.is_valid():
            observer = get_user_model().objects.filter(email__iexact=form.cleaned_data["observer"]).first()
            try:
                if observer is None:
                    raise ValidationError({"observer": [_("No account has this e-mail address.")]})
                services.observation_request(actor=request.user, session_title=form.cleaned_data["session_title"],
                                             delivered_on=form.cleaned_data["delivered_on"], observer=observer)
            except ValidationError as error:
                add_form_errors(form, error)
            else:
                messages.success(request, _("Request sent to the observer."))
                return redirect("learning:trainer")
        return self._render(request, form, status=400)

    def _render(self, request, form, status=200):
        return render(request, "learning/trainer.html", {
            "status": selectors.trainer_pathway(actor=request.user), "form": form,
            "mine": TrainerObservation.objects.filter(candidate=request.user).select_related("observer"),
            "to_sign": TrainerObservation.objects.filter(observer=request.user, signed_off_at__isnull=True)
            .select_related("candidate"), "today": timezone.localdate()}, status=status)


class LearningSettingsView(SignedInView):
    """Organisation administrators decide whether only certified trainers may run cohorts."""

    def _organisations(self, request):
        return Organisation.objects.filter(pk__in=access.organisations_where(request.user, Role.ORG_ADMIN))

    def get(self, request):
        organisations = self._organisations(request)
        if not organisations:
            raise Http404
        current = {s.organisation_id: s.require_certified_trainers
                   for s in OrganisationLearningSettings.objects.filter(organisation__in=organisations)}
        return render(request, "learning/settings.html", {"rows": [(o, current.get(o.pk, False))
                                                                    for o in organisations]})

    def post(self, request):
        organisation = self._organisations(request).filter(pk=request.POST.get("organisation")).first()
        if organisation is None:
            raise Http404
        form = LearningSettingsForm(request.POST)
        form.is_valid()
        services.learning_settings_save(actor=request.user, organisation=organisation, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("learning:settings")


class CertificateRevokeView(SignedInView):
    """Platform administrators and curriculum designers find a certificate by its code and revoke it (the public
    verification page then says so)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_designer(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        code = request.GET.get("code", "").strip()
        certificate = selectors.certificate_verify(code=code) if code else None
        return render(request, "learning/certificate_revoke.html", {"certificate": certificate, "code": code},
                      status=404 if code and certificate is None else 200)

    def post(self, request):
        certificate = selectors.certificate_verify(code=request.POST.get("code", ""))
        if certificate is None:
            raise Http404
        try:
            services.certificate_revoke(actor=request.user, certificate=certificate,
                                        reason=request.POST.get("reason", ""))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Certificate %(code)s revoked.") % {"code": certificate.code})
        return redirect(f"{reverse('learning:certificate_revoke')}?code={certificate.code}")
