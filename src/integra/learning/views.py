"""Learning pages: learners (home, catalogue, course, lesson, quiz, certificates), designers (courses, lessons,
blueprint and coverage, translations, item analysis, pilot report), trainers (cohorts, grid, CSV enrolment,
messages, the trainer pathway), and the public certificate check."""

import random

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from integra.core import access
from integra.core.access import VIEW
from integra.core.exports import csv_rows
from integra.core.models import Organisation
from integra.core.roles import Role
from integra.core.viewmixins import PublicView, SignedInView
from integra.core.views import add_form_errors

from . import selectors, services
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
from .policy import DESIGN, RUN_COHORT, is_designer, is_trainer


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


class DesignerMixin(SignedInView):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_designer(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class DesignHomeView(DesignerMixin):
    def get(self, request):
        return render(request, "learning/design_home.html", {"courses": selectors.courses_for(actor=request.user),
                                                             "form": CourseForm()})

    def post(self, request):
        form = CourseForm(request.POST)
        if form.is_valid():
            course = form.save(commit=False)
            course.created_by = request.user
            course.save()
            messages.success(request, _("Course created as a draft."))
            return redirect("learning:design_course", pk=course.pk)
        return render(request, "learning/design_home.html", {"courses": selectors.courses_for(actor=request.user),
                                                             "form": form}, status=400)


class DesignCourseView(DesignerMixin):
    def get(self, request, pk):
        course = _course(request, pk, DESIGN)
        return self._render(request, course)

    def post(self, request, pk):
        course = _course(request, pk, DESIGN)
        what = request.POST.get("what")
        if what == "publish":
            try:
                services.course_publish(actor=request.user, course=course)
            except ValidationError as error:
                messages.error(request, _("Not published: %(problems)s") % {"problems": " ".join(error.messages)})
                return self._render(request, course, status=400)
            messages.success(request, _("Version %(n)d published. Learners in progress keep their progress.")
                             % {"n": course.published_version})
            return redirect("learning:design_course", pk=course.pk)
        form_class = {"module": ModuleForm, "lesson": LessonForm, "quiz": QuizForm}.get(what)
        if form_class is None:
            raise Http404
        form = form_class(request.POST, course=course)
        if form.is_valid():
            item = form.save(commit=False)
            if what == "module":
                item.course = course
            item.save()
            form.save_m2m()
            messages.success(request, _("Saved."))
            return redirect("learning:design_course", pk=course.pk)
        return self._render(request, course, status=400, **{f"{what}_form": form})

    def _render(self, request, course, module_form=None, lesson_form=None, quiz_form=None, status=200):
        return render(request, "learning/design_course.html", {
            "course": course, "outline": selectors.course_outline(course=course, enrolment=None),
            "module_form": module_form or ModuleForm(course=course),
            "lesson_form": lesson_form or LessonForm(course=course),
            "quiz_form": quiz_form or QuizForm(course=course),
            "problems": selectors.publication_problems(actor=request.user, course=course),
            "translations": selectors.missing_translations(course)}, status=status)


class DesignLessonView(DesignerMixin):
    def _lesson(self, request, pk):
        lesson = Lesson.objects.select_related("module__course").filter(pk=pk).first()
        if lesson is None or not access.can(request.user, DESIGN, lesson.module.course):
            raise Http404
        return lesson

    def get(self, request, pk):
        lesson = self._lesson(request, pk)
        return render(request, "learning/design_lesson.html", {"lesson": lesson, "blocks": lesson.blocks.all(),
                                                               "form": BlockForm()})

    def post(self, request, pk):
        lesson = self._lesson(request, pk)
        form = BlockForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.block_save(actor=request.user, lesson=lesson, kind=data["kind"], body=data["body"],
                                    media=data["media"], alt_text=data["alt_text"], captions=data["captions"],
                                    transcript=data["transcript"], data=data["data"])
            except ValidationError as error:
                add_form_errors(form, error)
            else:
                messages.success(request, _("Block added."))
                return redirect("learning:design_lesson", pk=lesson.pk)
        return render(request, "learning/design_lesson.html", {"lesson": lesson, "blocks": lesson.blocks.all(),
                                                               "form": form}, status=400)


class BlueprintView(SignedInView):
    def get(self, request):
        return self._render(request)

    def post(self, request):
        if not is_designer(request.user):
            raise PermissionDenied
        forms = {"area": AreaForm, "competence": CompetenceForm, "outcome": OutcomeForm, "question": QuestionForm}
        form_class = forms.get(request.POST.get("what"))
        if form_class is None:
            raise Http404
        form = form_class(request.POST)
        if form.is_valid():
            form.save()
            messages.success(request, _("Blueprint updated."))
            return redirect("learning:blueprint")
        return self._render(request, status=400, **{f"{request.POST['what']}_form": form})

    def _render(self, request, status=200, **forms):
        designer = is_designer(request.user)
        return render(request, "learning/blueprint.html", {
            "areas": selectors.blueprint(), "coverage": selectors.coverage_report() if designer else [],
            "designer": designer, "area_form": forms.get("area_form", AreaForm()),
            "competence_form": forms.get("competence_form", CompetenceForm()),
            "outcome_form": forms.get("outcome_form", OutcomeForm()),
            "question_form": forms.get("question_form", QuestionForm())}, status=status)


class ItemAnalysisView(DesignerMixin):
    def get(self, request, pk):
        quiz = Quiz.objects.select_related("module__course").filter(pk=pk).first()
        if quiz is None:
            raise Http404
        return render(request, "learning/item_analysis.html", {"quiz": quiz,
                                                               "rows": selectors.item_analysis(quiz)})


class PilotReportView(DesignerMixin):
    def get(self, request, pk):
        course = _course(request, pk, DESIGN)
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
