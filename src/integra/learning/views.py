"""Learning pages: learners (home, catalogue, course, lesson, quiz, certificates), designers (courses, lessons,
blueprint and coverage, translations, item analysis, pilot report), trainers (cohorts, grid, CSV enrolment,
messages, the trainer pathway), and the public certificate check.

Every action has its own URL and view: `ServiceActionView` for a button on a page (it goes back to the page
with the outcome as a message), `ServiceFormView` for a form whose errors are shown next to its fields."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from integra.core import access
from integra.core.access import ADD, CHANGE, VIEW
from integra.core.errors import invalid
from integra.core.exports import csv_rows
from integra.core.formviews import ServiceActionView, ServiceFormView
from integra.core.selectors import organisation_choices
from integra.core.viewmixins import PublicView, SignedInView

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
    LessonFeedbackForm,
    LessonForm,
    MessageForm,
    ModuleForm,
    MoveInForm,
    ObservationForm,
    OutcomeForm,
    PackageForm,
    QuestionForm,
    QuizForm,
    ReflectionForm,
    RevokeForm,
    ScenarioChoiceForm,
    SignOffForm,
)
from .models import Certificate, Cohort, Course, OrganisationLearningSettings
from .policy import (
    DESIGN,
    REVOKE,
    RUN_COHORT,
    SIGN_OFF,
    access_block,
    access_certificate,
    access_cohort,
    access_course,
    access_lesson,
    access_quiz,
    access_quiz_attempt,
    access_trainer_observation,
    is_designer,
)


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
        certificate = access_certificate(request.user, pk)
        with translation.override(certificate.language or "en"):  # the page in the certificate's language
            verify_url = request.build_absolute_uri(reverse("learning:verify_code", args=[certificate.code]))
        try:
            pdf = services.certificate_pdf(actor=request.user, certificate=certificate, verify_url=verify_url)
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
        suggestions = selectors.open_courses(actor=request.user).exclude(pk__in=enrolled)
        return render(request, "learning/home.html", {
            "rows": rows, "suggestions": suggestions[:6],
            "can_design": access.can_any(request.user, Course, ADD),
            "runs_cohorts": access.can_any(request.user, Cohort, RUN_COHORT)})


class CatalogueView(SignedInView):
    def get(self, request):
        return render(request, "learning/catalogue.html", {
            "courses": selectors.courses_for(actor=request.user),
            "mine": selectors.enrolled_course_ids(actor=request.user)})


def _course(request, pk, action=VIEW) -> Course:
    """(The design pages' shorthand for `access_course`.)"""
    return access_course(request.user, pk, action)


class CourseView(SignedInView):
    def get(self, request, pk):
        course = access_course(request.user, pk)
        enrolment = selectors.enrolment_of(actor=request.user, course=course)
        return render(request, "learning/course.html", {
            "course": course, "enrolment": enrolment,
            "outline": selectors.course_outline(actor=request.user, course=course, enrolment=enrolment),
            "evaluation_form": EvaluationForm() if enrolment and enrolment.completed_at else None,
            "evaluated": bool(enrolment and hasattr(enrolment, "evaluation")),
            "can_design": access.can(request.user, DESIGN, course)})


class _CourseAction(ServiceActionView):
    def load(self, request, pk):
        self.course = access_course(request.user, pk)

    def back_url(self):
        return reverse("learning:course", args=[self.course.pk])


class CourseEnrolView(_CourseAction):
    def perform(self, form):
        return services.enrolment_create(actor=self.request.user, course=self.course)

    def success_message(self, result):
        return _("You are enrolled. Start with the first lesson.")


class CourseEvaluationView(_CourseAction):
    form_class = EvaluationForm

    def perform(self, form):
        return services.course_evaluation_submit(actor=self.request.user, course=self.course, **form.cleaned_data)

    def success_message(self, result):
        return _("Thank you for your evaluation.")


class LessonView(SignedInView):
    def get(self, request, pk):
        lesson = access_lesson(request.user, pk)
        course = lesson.module.course
        enrolment = selectors.enrolment_of(actor=request.user, course=course)
        preview = enrolment is None and access.can(request.user, DESIGN, course)
        if enrolment is None and not preview:
            messages.info(request, _("Enrol in the course to open its lessons."))
            return redirect("learning:course", pk=course.pk)
        if not preview:
            try:
                services.lesson_open(actor=request.user, lesson=lesson)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect("learning:course", pk=course.pk)
        state = selectors.lesson_state(actor=request.user, lesson=lesson, enrolment=enrolment)
        step = request.GET.get("step")
        blocks = list(lesson.blocks.all())
        for block in blocks:
            if block.kind == block.Kind.SCENARIO:
                steps = block.data.get("steps", {})
                block.current_step = step if step in steps else block.data.get("start")
                block.step = steps.get(block.current_step, {})
                block.feedback = request.session.pop(f"scenario-{block.pk}", "") if step else ""
            block.reflection = state["reflections"].get(block.pk, "")
        return render(request, "learning/lesson.html", {
            "lesson": lesson, "course": course, "blocks": blocks, "preview": preview, "done": state["done"],
            "enrolment": enrolment})


class _LessonAction(ServiceActionView):
    def load(self, request, pk):
        self.lesson = access_lesson(request.user, pk)

    def back_url(self):
        return reverse("learning:lesson", args=[self.lesson.pk])

    def _block(self, form):
        return access_block(self.request.user, form.cleaned_data["block"], lesson=self.lesson)


class LessonCompleteView(_LessonAction):
    """Mark as done (or, once done, "Next lesson"): on to the next lesson, or back to the course after the last."""

    def perform(self, form):
        return services.lesson_complete(actor=self.request.user, lesson=self.lesson)

    def success_message(self, result):
        return _("Lesson completed.")

    def success_url(self, result):
        following = selectors.next_lesson(actor=self.request.user, lesson=self.lesson)
        if following:
            return reverse("learning:lesson", args=[following.pk])
        return reverse("learning:course", args=[self.lesson.module.course_id])


class LessonReflectionView(_LessonAction):
    form_class = ReflectionForm

    def perform(self, form):
        return services.reflection_save(actor=self.request.user, block=self._block(form),
                                        text=form.cleaned_data["text"])

    def success_message(self, result):
        return _("Your reflection is saved. Only you can read it.")


class LessonScenarioView(_LessonAction):
    """One choice of a scenario: back to the lesson at the next step, with the choice's feedback."""

    form_class = ScenarioChoiceForm

    def perform(self, form):
        block = self._block(form)
        result = services.scenario_choose(actor=self.request.user, block=block, step=form.cleaned_data["step"],
                                          choice=form.cleaned_data["choice"])
        self.request.session[f"scenario-{block.pk}"] = result["option"].get("feedback", "")
        return block, result["next"]

    def success_url(self, result):
        block, following = result
        return f"{self.back_url()}?step={following}#block-{block.pk}"


class LessonFeedbackView(_LessonAction):
    form_class = LessonFeedbackForm

    def perform(self, form):
        return services.lesson_feedback_save(actor=self.request.user, lesson=self.lesson, **form.cleaned_data)

    def success_message(self, result):
        return _("Thank you: your feedback helps improve the course.")


def _quiz_result_key(quiz) -> str:
    return f"quiz-result-{quiz.pk}"


class QuizView(SignedInView):
    """The attempt in progress, the result of the one just submitted, or the quiz's rules and a button to start."""

    def get(self, request, pk):
        quiz = access_quiz(request.user, pk)
        submitted = request.session.pop(_quiz_result_key(quiz), None)
        if submitted:
            attempt = access_quiz_attempt(request.user, submitted)
            return render(request, "learning/quiz_result.html", {
                "quiz": quiz, "attempt": attempt,
                "answers": selectors.attempt_answers(actor=request.user, attempt=attempt),
                "next": selectors.step_after_quiz(actor=request.user, quiz=quiz)})
        attempt = selectors.open_attempt(actor=request.user, quiz=quiz)
        if attempt is not None:
            return render(request, "learning/quiz.html", {
                "quiz": quiz, "attempt": attempt,
                "questions": selectors.questions_for_attempt(actor=request.user, attempt=attempt)})
        problem = selectors.quiz_start_problem(actor=request.user, quiz=quiz)
        if problem:
            messages.error(request, " ".join(problem.messages))
            return redirect("learning:course", pk=quiz.module.course_id)
        return render(request, "learning/quiz.html", {
            "quiz": quiz, "attempts_used": selectors.attempts_used(actor=request.user, quiz=quiz)})


class _QuizAction(ServiceActionView):
    def load(self, request, pk):
        self.quiz = access_quiz(request.user, pk)

    def back_url(self):  # a quiz that cannot be taken sends the learner back to the course, with the reason
        return reverse("learning:course", args=[self.quiz.module.course_id])

    def success_url(self, result):
        return reverse("learning:quiz", args=[self.quiz.pk])


class QuizStartView(_QuizAction):
    def perform(self, form):
        return services.quiz_start(actor=self.request.user, quiz=self.quiz)


class QuizSubmitView(_QuizAction):
    """The answers of the open attempt; the quiz page then shows the score (once)."""

    def load(self, request, pk):
        super().load(request, pk)
        self.attempt = access_quiz_attempt(request.user, request.POST.get("attempt"), CHANGE)
        if self.attempt.quiz_id != self.quiz.pk:
            raise Http404

    def perform(self, form):
        attempt = services.quiz_submit(actor=self.request.user, attempt=self.attempt,
                                       responses=_quiz_responses(self.request.POST))
        self.request.session[_quiz_result_key(self.quiz)] = attempt.pk
        return attempt


def _quiz_responses(data) -> dict[int, list[str]]:
    """{question id: values} from the quiz form: `q<id>` (choices, short answer) or `q<id>_<n>` (the n-th pair
    of a matching question or position of an ordering one, in order)."""
    responses: dict[int, list[str]] = {}
    for key in data:
        if not key.startswith("q"):
            continue
        question_id = key[1:].split("_")[0]
        if question_id.isdigit():
            responses.setdefault(int(question_id), [])
            responses[int(question_id)] = data.getlist(key) if "_" not in key else \
                responses[int(question_id)] + data.getlist(key)
    return responses


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
        "course": course, "outline": selectors.course_outline(actor=request.user, course=course, enrolment=None),
        "module_form": forms.get("module_form") or ModuleForm(course=course),
        "lesson_form": forms.get("lesson_form") or LessonForm(course=course),
        "quiz_form": forms.get("quiz_form") or QuizForm(course=course),
        "problems": selectors.publication_problems(actor=request.user, course=course),
        "translations": selectors.missing_translations(actor=request.user, course=course)}


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


class PackagePreviewView(DesignerMixin, ServiceFormView):
    """Upload a course package: what it would create or change, or what is wrong with it, file by file. Nothing
    is saved here; importing is the next step (`PackageImportView`)."""

    form_class = PackageForm
    template_name = "learning/design_import.html"
    preview = None

    def perform(self, form):
        return packages.course_package_preview(actor=self.request.user, upload=form.cleaned_data["file"])

    def get_context(self, form):
        return {"preview": self.preview}

    def on_success(self, preview):
        self.preview = preview
        return self.show(self.make_form())


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
    context = {"areas": selectors.blueprint(actor=request.user),
               "coverage": selectors.coverage_report(actor=request.user) if designer else [], "designer": designer}
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
        return render(request, "learning/item_analysis.html", {
            "quiz": quiz, "rows": selectors.item_analysis(actor=request.user, quiz=quiz),
            "min_answers": selectors.ITEM_ANALYSIS_MIN_ANSWERS})


class PilotReportView(DesignerMixin):
    def get(self, request, pk):
        course = access_course(request.user, pk, DESIGN)
        return render(request, "learning/pilot_report.html", {
            "course": course, "report": selectors.pilot_report(actor=request.user, course=course)})


# --- trainers -------------------------------------------------------------------------------------------------------


class CohortListView(ServiceFormView):
    """The cohorts the person sees; trainers create one here, in an organisation where they are a trainer."""

    form_class = CohortForm
    template_name = "learning/cohorts.html"

    def load(self, request, **kwargs):
        self.can_create = access.can_any(request.user, Cohort, ADD)
        if request.method == "POST" and not self.can_create:
            raise PermissionDenied

    def get_form_kwargs(self):
        return {"actor": self.request.user}

    def get_context(self, form):
        return {"cohorts": selectors.cohort_list(actor=self.request.user),
                "form": form if self.can_create else None}

    def perform(self, form):
        return services.cohort_create(actor=self.request.user, **form.cleaned_data)

    def success_message(self, result):
        return _("Cohort created. Next: enrol the learners.")

    def success_url(self, result):
        return reverse("learning:cohort", args=[result.pk])


GRID_PAGE_SIZE = 100


def _cohort_page(request, cohort, **forms) -> dict:
    """The cohort page: one page of the grid, and its forms (those given replace the blank ones)."""
    learners = selectors.cohort_learner_ids(actor=request.user, cohort=cohort)
    page = Paginator(learners, GRID_PAGE_SIZE).get_page(request.GET.get("page"))
    grid = selectors.cohort_grid(actor=request.user, cohort=cohort, enrolment_ids=list(page.object_list))
    context = {"cohort": cohort, "grid": grid, "page": page, "enrol_form": EnrolOneForm(), "move_form": MoveInForm(),
               "csv_form": CsvForm(), "message_form": MessageForm()}
    context.update(forms)
    return context


class CohortView(SignedInView):
    def get(self, request, pk):
        cohort = access_cohort(request.user, pk, RUN_COHORT)
        if request.GET.get("format") == "csv":
            return _grid_csv(request.user, cohort)
        return render(request, "learning/cohort.html", _cohort_page(request, cohort))


class _CohortFormView(ServiceFormView):
    """A form of the cohort page, posted to its own URL: on error the page is shown again with the form's errors
    next to its fields; on success back to the page with a message."""

    http_method_names = ["post"]
    template_name = "learning/cohort.html"
    form_slot = ""

    def load(self, request, pk):
        self.cohort = access_cohort(request.user, pk, RUN_COHORT)

    def get_context(self, form):
        return _cohort_page(self.request, self.cohort, **{self.form_slot: form})

    def success_url(self, result):
        return reverse("learning:cohort", args=[self.cohort.pk])


class CohortEnrolView(_CohortFormView):
    form_class = EnrolOneForm
    form_slot = "enrol_form"

    def perform(self, form):
        return services.cohort_enrol(actor=self.request.user, cohort=self.cohort, email=form.cleaned_data["email"])

    def success_message(self, result):
        return _("%(person)s enrolled.") % {"person": result.user}


class CohortMoveInView(_CohortFormView):
    form_class = MoveInForm
    form_slot = "move_form"

    def perform(self, form):
        return services.cohort_move_in(actor=self.request.user, cohort=self.cohort, email=form.cleaned_data["email"])

    def success_message(self, result):
        return _("%(person)s moved into this cohort, with their progress.") % {"person": result.user}


class CohortCsvPreviewView(_CohortFormView):
    """Checks the file and shows each row with its person or its error; nothing is enrolled yet."""

    form_class = CsvForm
    form_slot = "csv_form"

    def perform(self, form):
        return services.cohort_csv_preview(actor=self.request.user, cohort=self.cohort, text=form.text())

    def on_success(self, result):
        rows, ok = result
        return self.show(CsvForm(), status=200, preview=rows, preview_ok=ok)

    def show(self, form, status=200, **extra):
        return render(self.request, self.template_name, {**self.get_context(form), **extra}, status=status)


class CohortCsvEnrolView(_CohortFormView):
    form_class = CsvForm
    form_slot = "csv_form"

    def perform(self, form):
        return services.cohort_csv_enrol(actor=self.request.user, cohort=self.cohort, text=form.text())

    def success_message(self, result):
        return _("%(n)d learners enrolled.") % {"n": result}


class CohortMessageView(_CohortFormView):
    form_class = MessageForm
    form_slot = "message_form"

    def perform(self, form):
        return services.cohort_message(actor=self.request.user, cohort=self.cohort, **form.cleaned_data)

    def success_message(self, result):
        return _("Message sent to %(n)d learners.") % {"n": result}


CSV_CHUNK = 250  # learners per slice of the grid while the CSV streams


def _grid_csv(actor, cohort):
    """The whole grid as CSV, streamed: the first slice of learners is worked out before the response starts (its
    modules and quizzes make the header), every further slice while the previous one is being sent, so the first
    byte does not wait for the whole cohort and memory holds one slice at a time, whatever the cohort's size."""
    learner_ids = list(selectors.cohort_learner_ids(actor=actor, cohort=cohort))
    first = selectors.cohort_grid(actor=actor, cohort=cohort, enrolment_ids=learner_ids[:CSV_CHUNK])
    # Progress and scores are both percentages: the header says which is which.
    header = ["learner", "email"] + [f"progress % — {m.title}" for m in first["modules"]] + [
        f"best score % — {q.title}" for q in first["quizzes"]] + ["competences_shown", "stuck", "completed"]

    def slices():
        yield first
        for start in range(CSV_CHUNK, len(learner_ids), CSV_CHUNK):
            yield selectors.cohort_grid(actor=actor, cohort=cohort, enrolment_ids=learner_ids[start:start + CSV_CHUNK])

    rows = ([r["enrolment"].user.get_full_name(), r["enrolment"].user.email, *r["cells"],
             *[s if s is not None else "" for s in r["scores"]], r["competences"], "yes" if r["stuck"] else "",
             r["enrolment"].completed_at.date().isoformat() if r["enrolment"].completed_at else ""]
            for grid in slices() for r in grid["rows"])
    response = StreamingHttpResponse(csv_rows(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="cohort-{cohort.pk}.csv"'
    return response


class TrainerPathwayView(ServiceFormView):
    """Where the person stands on the trainer pathway; they ask a certified trainer to sign off a session here."""

    form_class = ObservationForm
    template_name = "learning/trainer.html"

    def get_context(self, form):
        actor = self.request.user
        return {"status": selectors.trainer_pathway(actor=actor),
                "mine": selectors.observations_requested(actor=actor),
                "to_sign": selectors.observations_to_sign(actor=actor), "today": timezone.localdate()}

    def perform(self, form):
        data = form.cleaned_data
        return services.observation_request_by_email(actor=self.request.user, session_title=data["session_title"],
                                                     delivered_on=data["delivered_on"], observer_email=data["observer"])

    def success_message(self, result):
        return _("Request sent to the observer.")

    def success_url(self, result):
        return reverse("learning:trainer")


class ObservationSignOffView(ServiceActionView):
    form_class = SignOffForm

    def load(self, request, pk):
        self.observation = access_trainer_observation(request.user, pk, SIGN_OFF)

    def perform(self, form):
        return services.observation_sign_off(actor=self.request.user, observation=self.observation,
                                             notes=form.cleaned_data["notes"])

    def success_message(self, result):
        return _("Session signed off.")

    def back_url(self):
        return reverse("learning:trainer")


class LearningSettingsView(SignedInView):
    """Organisation administrators decide whether only certified trainers may run cohorts."""

    def get(self, request):
        rows = selectors.learning_settings(actor=request.user)
        if not rows:
            raise Http404
        return render(request, "learning/settings.html", {"rows": rows})


class LearningSettingsSaveView(ServiceActionView):
    form_class = LearningSettingsForm

    def load(self, request, organisation):
        self.organisation = organisation_choices(actor=request.user, model=OrganisationLearningSettings,
                                                 action=CHANGE).filter(pk=organisation).first()
        if self.organisation is None:
            raise Http404

    def perform(self, form):
        return services.learning_settings_save(actor=self.request.user, organisation=self.organisation,
                                               **form.cleaned_data)

    def success_message(self, result):
        return _("Saved.")

    def back_url(self):
        return reverse("learning:settings")


class CertificateRevokeView(ServiceActionView):
    """Platform administrators and curriculum designers find a certificate by its code and revoke it (the public
    verification page then says so)."""

    http_method_names = ["get", "post"]
    form_class = RevokeForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not access.can_any(request.user, Certificate, REVOKE):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        code = request.GET.get("code", "").strip()
        certificate = selectors.certificate_verify(code=code) if code else None
        return render(request, "learning/certificate_revoke.html", {"certificate": certificate, "code": code},
                      status=404 if code and certificate is None else 200)

    def load(self, request):
        self.certificate = selectors.certificate_verify(code=request.POST.get("code", ""))
        if self.certificate is None:
            raise Http404

    def perform(self, form):
        return services.certificate_revoke(actor=self.request.user, certificate=self.certificate,
                                           reason=form.cleaned_data["reason"])

    def success_message(self, result):
        return _("Certificate %(code)s revoked.") % {"code": result.code}

    def back_url(self):
        return f"{reverse('learning:certificate_revoke')}?code={self.certificate.code}"
