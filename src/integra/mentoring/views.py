"""Pages of the mentoring programme. Thin: fetch through the policy, call one service or selector, render.
The mentor's pages (home, match, session, concern) are built for a phone first."""

from allauth.core import ratelimit
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from integra.cooperation.policy import access_referral
from integra.core import access, audit
from integra.core.exports import csv_rows
from integra.core.formviews import ServiceActionView, ServiceFormView, add_form_errors
from integra.core.navigation import offered_to
from integra.core.viewmixins import PublicView, SignedInView

from . import forms, selectors, services
from .models import (
    Circle,
    Concern,
    Constraint,
    ExitSurvey,
    FamilyMember,
    Match,
    MatchAgreement,
    Mentee,
    Mentor,
    MentoringSession,
    ProgrammeVersion,
    Respondent,
    Stage,
    StandardAssessment,
    Supervision,
    VettingCheck,
)
from .policy import (
    ACKNOWLEDGE,
    DECIDE,
    LOG,
    MANAGE,
    SIGN,
    VERIFY,
    access_check,
    access_circle,
    access_circle_meeting,
    access_concern,
    access_goal,
    access_match,
    access_mentee,
    access_mentor,
    access_version,
)


def _mentor_url(mentor):
    return reverse("mentoring:mentor", args=[mentor.pk])


def _match_url(match):
    return reverse("mentoring:match", args=[match.pk])


# --- public application -------------------------------------------------------------------------------------------


class ApplyView(PublicView):
    def get(self, request):
        return self.show(forms.ApplicationForm(programmes=selectors.programmes()))

    def show(self, form, status=200):
        return render(request=self.request, template_name="mentoring/apply.html", context={"form": form},
                      status=status)

    def post(self, request):
        form = forms.ApplicationForm(request.POST, programmes=selectors.programmes())
        if not ratelimit.consume(request, action="mentor_application", key=request.POST.get("email", "").lower()):
            form.is_valid()
            form.add_error(None, _("Too many applications from here; please try again later."))
            return self.show(form, status=429)
        if form.is_valid():
            try:
                services.mentor_apply(**form.service_kwargs())
            except ValidationError as error:
                add_form_errors(form, error)
            else:
                return render(request, "mentoring/apply_done.html")
        return self.show(form, status=400)


# --- home: the mentor's phone page and the coordinator's dashboard ----------------------------------------------


class HomeView(SignedInView):
    page_for = offered_to(Mentor)

    def get(self, request):
        actor = request.user
        context = {"profiles": list(selectors.my_mentor_profiles(actor=actor)),
                   "matches": list(selectors.my_matches(actor=actor)),
                   "coordinates": access.can_any(actor, Mentor, MANAGE)}
        gaps = selectors.eligibility_gaps(context["profiles"])
        for profile in context["profiles"]:
            profile.gaps = gaps[profile.pk]
        if context["coordinates"]:
            context["board"] = selectors.coordinator_dashboard(actor=actor)
            context["referrals"] = list(selectors.incoming_referrals(actor=actor)[:20])
        return render(request, "mentoring/home.html", context)


# --- mentors --------------------------------------------------------------------------------------------------------


class PoolView(SignedInView):
    page_for = offered_to(Mentor, MANAGE)

    def get(self, request):
        form = forms.PoolFilterForm(request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        pool = selectors.mentor_pool(actor=request.user, **filters).order_by("stage", "pk")
        page = Paginator(pool, 25).get_page(request.GET.get("page"))
        return render(request, "mentoring/pool.html", {"form": form, "page": page})


class PoolCsvView(SignedInView):
    page_for = offered_to(Mentor, MANAGE)

    def get(self, request):
        pool = selectors.mentor_pool(actor=request.user).order_by("pk")
        rows = ([m.pk, m.full_name, m.email, m.get_stage_display(), m.area, m.languages, m.capacity,
                 m.active_matches] for m in pool.iterator(chunk_size=500))
        header = [_("Id"), _("Name"), _("E-mail"), _("Stage"), _("Area"), _("Languages"), _("Capacity"),
                  _("Active matches")]
        response = StreamingHttpResponse(csv_rows(header, rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="mentors.csv"'
        return response


class MentorView(SignedInView):
    def get(self, request, pk):
        actor = request.user
        mentor = access_mentor(actor, pk)
        audit.record(action="mentoring.mentor.viewed", actor=actor, obj=mentor, organisation=mentor.organisation_id,
                     purpose="vetting and supervision")
        checks = list(access.visible(actor, VettingCheck).filter(mentor=mentor).select_related("entered_by",
                                                                                          "verified_by"))
        manages = access.can(actor, MANAGE, mentor)
        context = {
            "mentor": mentor, "checks": checks, "manages": manages, "gaps": selectors.eligibility_gaps([mentor])[
                mentor.pk], "can_enter": access.can(actor, "enter_check", mentor),
            "can_sign": access.can(actor, SIGN, mentor),
            "verifiable": {c.pk for c in checks if access.can(actor, VERIFY, c)},
            "supervisions": list(access.visible(actor, Supervision).filter(mentor=mentor)[:10]),
            "stage_form": forms.StageForm(initial={"version": mentor.version}),
            "sign_form": forms.SignForm(),
        }
        if manages and mentor.former_route:
            context["former"] = selectors.former_route_state(mentor)
        return render(request, "mentoring/mentor.html", context)


class _OnMentor:
    action = MANAGE

    def load(self, request, pk):
        self.mentor = access_mentor(request.user, pk, self.action)

    def back_url(self):
        return _mentor_url(self.mentor)

    def success_url(self, result):
        return _mentor_url(self.mentor)

    def get_context(self, form):
        return {"title": self.title, "back": _mentor_url(self.mentor), "subject": self.mentor}


class CheckEnterView(_OnMentor, ServiceFormView):
    action = "enter_check"
    form_class = forms.CheckForm
    template_name = "mentoring/form.html"

    @property
    def title(self):
        return _("Enter a vetting check")

    def perform(self, form):
        return services.check_enter(actor=self.request.user, mentor=self.mentor, **form.cleaned_data)

    def success_message(self, result):
        return _("Check entered. A second person must verify it before it counts.")


class CheckVerifyView(ServiceActionView):
    def load(self, request, pk):
        self.check = access_check(request.user, pk)

    def back_url(self):
        return _mentor_url(self.check.mentor)

    def perform(self, form):
        return services.check_verify(actor=self.request.user, check=self.check)

    def success_message(self, result):
        return _("Check verified.")


class CheckDocumentView(SignedInView):
    def get(self, request, pk):
        check = access_check(request.user, pk)
        try:
            content = services.check_document(actor=request.user, check=check)
        except ValidationError:
            messages.error(request, _("No document is attached to this check."))
            return redirect(_mentor_url(check.mentor))
        response = HttpResponse(content, content_type="application/octet-stream")
        response["Content-Disposition"] = f'attachment; filename="check-{check.pk}"'
        return response


class StageView(_OnMentor, ServiceActionView):
    form_class = forms.StageForm

    def perform(self, form):
        data = form.cleaned_data
        return services.mentor_set_stage(actor=self.request.user, mentor=self.mentor, stage=data["stage"],
                                         reason=data["reason"], expected_version=data["version"])

    def success_message(self, result):
        return _("Stage changed.")


class SignView(_OnMentor, ServiceActionView):
    action = SIGN
    form_class = forms.SignForm

    def perform(self, form):
        return services.mentor_sign(actor=self.request.user, mentor=self.mentor, **form.cleaned_data)

    def success_message(self, result):
        return _("Thank you: signed.")


class FormerAssessmentView(_OnMentor, ServiceFormView):
    form_class = forms.FormerAssessmentForm
    template_name = "mentoring/form.html"

    @property
    def title(self):
        return _("Former's route: request the assessment")

    def perform(self, form):
        return services.former_assessment_request(actor=self.request.user, mentor=self.mentor, **form.cleaned_data)

    def success_message(self, result):
        return _("Assessment requested: the assessor has been told.")


class FormerDecisionView(_OnMentor, ServiceFormView):
    form_class = forms.FormerDecisionForm
    template_name = "mentoring/form.html"

    @property
    def title(self):
        return _("Former's route: decision")

    def perform(self, form):
        return services.former_decide(actor=self.request.user, mentor=self.mentor, **form.cleaned_data)

    def success_message(self, result):
        return _("Decision recorded.")


class SupervisionView(_OnMentor, ServiceFormView):
    form_class = forms.SupervisionForm
    template_name = "mentoring/form.html"

    @property
    def title(self):
        return _("Record a supervision session")

    def perform(self, form):
        return services.supervision_record(actor=self.request.user, mentor=self.mentor, **form.cleaned_data)

    def success_message(self, result):
        return _("Supervision recorded.")


# --- mentees and matching -----------------------------------------------------------------------------------------


class MenteesView(SignedInView):
    page_for = offered_to(Mentee, MANAGE)

    def get(self, request):
        page = Paginator(selectors.mentees(actor=request.user).order_by("status", "-created_at"), 25).get_page(
            request.GET.get("page"))
        return render(request, "mentoring/mentees.html", {
            "page": page, "referrals": list(selectors.incoming_referrals(actor=request.user)[:50])})


class AcceptReferralView(ServiceFormView):
    form_class = forms.MenteeForm
    template_name = "mentoring/form.html"

    def load(self, request, pk):
        self.referral = access_referral(request.user, pk, "decide")
        if not access.can_create(request.user, Mentee, organisation=self.referral.to_organisation):
            raise PermissionDenied

    def get_initial(self):
        return {"languages": self.referral.record.languages}

    def get_context(self, form):
        return {"title": _("Accept %(reference)s for mentoring") % {"reference": self.referral.record.reference},
                "back": reverse("mentoring:mentees"), "intro": self.referral.reason}

    def perform(self, form):
        return services.mentee_accept_referral(actor=self.request.user, referral=self.referral, **form.cleaned_data)

    def success_message(self, result):
        return _("Accepted. Add any safeguarding constraints, then look at the suggestions.")

    def success_url(self, mentee):
        return reverse("mentoring:mentee", args=[mentee.pk])


class MenteeView(SignedInView):
    def get(self, request, pk):
        actor = request.user
        mentee = access_mentee(actor, pk)
        manages = access.can(actor, MANAGE, mentee)
        context = {"mentee": mentee, "manages": manages,
                   "matches": list(access.visible(actor, Match).filter(mentee=mentee).select_related("mentor"))}
        if manages:
            aid = selectors.suggestions(actor=actor, mentee=mentee) if access.can(actor, DECIDE, mentee) else None
            pool = access.visible(actor, Mentor).filter(organisation_id=mentee.organisation_id).exclude(
                stage=Stage.EXITED)
            context.update(aid=aid, constraints=list(access.visible(actor, Constraint).filter(mentee=mentee)
                                            .select_related("mentor")),
                           family=list(access.visible(actor, FamilyMember).filter(mentee=mentee)),
                           constraint_form=forms.ConstraintForm(mentors=pool), family_form=forms.FamilyForm(),
                           decide_form=forms.DecideForm(mentors=pool), can_decide=aid is not None,
                           circles=list(access.visible(actor, Circle).filter(mentee=mentee)),
                           can_form_circle=access.can_create(actor, Circle, mentee=mentee),
                           outcomes=selectors.mentee_outcomes(actor=actor, mentee=mentee))
            if aid is not None:
                audit.record(action="mentoring.mentee.suggestions_viewed", actor=actor, obj=mentee,
                             organisation=mentee.organisation_id, purpose="matching",
                             data={"excluded": len(aid["excluded"]), "suggested": len(aid["suggestions"])})
        return render(request, "mentoring/mentee.html", context)


class _OnMentee:
    def load(self, request, pk):
        self.mentee = access_mentee(request.user, pk, MANAGE)

    def back_url(self):
        return reverse("mentoring:mentee", args=[self.mentee.pk])

    def _pool(self):
        return access.visible(self.request.user, Mentor).filter(organisation_id=self.mentee.organisation_id)


class ConstraintAddView(_OnMentee, ServiceActionView):
    form_class = forms.ConstraintForm

    def get_form_kwargs(self):
        return {"mentors": self._pool()}

    def perform(self, form):
        return services.constraint_add(actor=self.request.user, mentee=self.mentee, **form.cleaned_data)

    def success_message(self, result):
        return _("Constraint recorded: it applies before any score.")


class FamilyAddView(_OnMentee, ServiceActionView):
    form_class = forms.FamilyForm

    def perform(self, form):
        return services.family_member_add(actor=self.request.user, mentee=self.mentee, **form.cleaned_data)

    def success_message(self, result):
        return _("Family member added with their consent.")


class DecideView(_OnMentee, ServiceActionView):
    form_class = forms.DecideForm

    def get_form_kwargs(self):
        return {"mentors": self._pool()}

    def perform(self, form):
        return services.match_decide(actor=self.request.user, mentee=self.mentee, **form.cleaned_data)

    def success_message(self, result):
        return _("Match decided. The mentor joins the record's team at the practical level.")

    def success_url(self, match):
        return _match_url(match)


# --- the match: the mentor's phone page -------------------------------------------------------------------------


class MatchView(SignedInView):
    def get(self, request, pk):
        actor = request.user
        match = access_match(actor, pk)
        agreement = access.visible(actor, MatchAgreement).filter(match=match).first()
        context = {"match": match, "logs": access.can(actor, LOG, match), "manages": access.can(actor, MANAGE, match),
                   "agreement": agreement, "sign_form": forms.AgreementSignForm(),
                   "can_sign": agreement is not None and (access.can(actor, "sign_as_mentor", agreement)
                                                           or access.can(actor, "sign_as_coordinator", agreement)),
                   "signs_as_coordinator": agreement is not None and access.can(actor, "sign_as_coordinator",
                                                                                agreement),
                   "session_form": forms.SessionForm(), "goal_form": forms.GoalForm(),
                   "today": timezone.localdate(), **selectors.match_page(actor=actor, match=match)}
        if context["manages"]:
            context["end_form"] = forms.ReasonForm(initial={"version": match.version}, sessions=access.visible(
                actor, MentoringSession).filter(match=match).order_by("-held_on", "-id")[:20])
        context["surveys"] = list(access.visible(actor, ExitSurvey).filter(match=match))
        context["can_survey"] = match.status == "ended" and bool(_survey_respondents(actor, match, context["surveys"]))
        return render(request, "mentoring/match.html", context)


class _OnMatch:
    action = LOG

    def load(self, request, pk):
        self.match = access_match(request.user, pk)

    def back_url(self):
        return _match_url(self.match)

    def success_url(self, result):
        return _match_url(self.match)


class SessionLogView(_OnMatch, ServiceFormView):
    form_class = forms.SessionForm
    template_name = "mentoring/form.html"

    def get_context(self, form):
        return {"title": _("Log a session"), "back": _match_url(self.match)}

    def perform(self, form):
        return services.session_log(actor=self.request.user, match=self.match, **form.cleaned_data)

    def success_message(self, result):
        return _("Session logged.")


class AgreementDraftView(_OnMatch, ServiceFormView):
    form_class = forms.AgreementForm
    template_name = "mentoring/form.html"

    def load(self, request, pk):
        self.match = access_match(request.user, pk, MANAGE)

    def get_initial(self):
        current = access.visible(self.request.user, MatchAgreement).filter(match=self.match).first()
        if current is None:
            return {}
        return {name: getattr(current, name) for name in forms.AgreementForm.base_fields}

    def get_context(self, form):
        return {"title": _("Mentoring agreement: new version"), "back": _match_url(self.match)}

    def perform(self, form):
        return services.agreement_draft(actor=self.request.user, match=self.match, **form.cleaned_data)

    def success_message(self, result):
        return _("New version saved: it needs the signatures again.")


class AgreementSignView(ServiceActionView):
    form_class = forms.AgreementSignForm

    def load(self, request, pk):
        self.agreement = access.access(request.user, MatchAgreement, pk)

    def back_url(self):
        return _match_url(self.agreement.match)

    def perform(self, form):
        return services.agreement_sign(actor=self.request.user, agreement=self.agreement,
                                       mentee_signed_on=form.cleaned_data["mentee_signed_on"])

    def success_message(self, result):
        return _("Signed.")


class GoalAddView(_OnMatch, ServiceActionView):
    form_class = forms.GoalForm

    def perform(self, form):
        return services.goal_add(actor=self.request.user, match=self.match, **form.cleaned_data)

    def success_message(self, result):
        return _("Goal added.")


class GoalUpdateView(ServiceActionView):
    form_class = forms.GoalProgressForm

    def load(self, request, pk):
        self.goal = access_goal(request.user, pk)

    def back_url(self):
        return _match_url(self.goal.match)

    def perform(self, form):
        data = form.cleaned_data
        return services.goal_update(actor=self.request.user, goal=self.goal, progress=data["progress"],
                                    comment=data["comment"], expected_version=data["version"])

    def success_message(self, result):
        return _("Progress saved.")


class MatchEndView(_OnMatch, ServiceActionView):
    form_class = forms.ReasonForm

    def get_form_kwargs(self):
        return {"sessions": access.visible(self.request.user, MentoringSession).filter(match=self.match)}

    def perform(self, form):
        data = form.cleaned_data
        return services.match_end(actor=self.request.user, match=self.match, reason=data["reason"],
                                  closure=data["closure"], expected_version=data["version"],
                                  closing_session=data["closing_session"])

    def success_message(self, result):
        return _("Match ended. Now record the exit survey of the mentor and of the mentee.")


def _survey_respondents(actor, match, surveys) -> list[str]:
    """Whose exit survey the actor may still record for this match."""
    done = {s.respondent for s in surveys}
    return [r for r in Respondent.values
            if r not in done and access.can_create(actor, ExitSurvey, match=match, respondent=r)]


class ExitSurveyView(_OnMatch, ServiceFormView):
    form_class = forms.ExitSurveyForm
    template_name = "mentoring/form.html"

    def get_form_kwargs(self):
        surveys = access.visible(self.request.user, ExitSurvey).filter(match=self.match)
        return {"respondents": _survey_respondents(self.request.user, self.match, surveys)}

    def get_context(self, form):
        return {"title": _("Exit survey"), "back": _match_url(self.match),
                "intro": _("A few questions at the end of the mentoring. The mentee's answers are recorded by "
                           "staff, in the mentee's words.")}

    def perform(self, form):
        return services.exit_survey_record(actor=self.request.user, match=self.match, **form.cleaned_data)

    def success_message(self, result):
        return _("Exit survey recorded. Thank you.")


class ConcernRaiseView(_OnMatch, ServiceFormView):
    """Two taps: what it is about, then "routine" or "urgent"."""

    form_class = forms.ConcernForm
    template_name = "mentoring/concern_raise.html"

    def get_context(self, form):
        return {"match": self.match}

    def perform(self, form):
        return services.concern_raise(actor=self.request.user, match=self.match, **form.cleaned_data)

    def success_message(self, concern):
        return _("Concern raised: the coordinator and the case team were alerted.")

    def success_url(self, concern):
        return reverse("mentoring:concern", args=[concern.pk])


class ConcernView(SignedInView):
    def get(self, request, pk):
        actor = request.user
        concern = access_concern(actor, pk)
        audit.record(action="mentoring.concern.viewed", actor=actor, obj=concern,
                     organisation=concern.match.mentee.organisation_id, purpose="safeguarding")
        return render(request, "mentoring/concern.html", {
            "concern": concern, "sees_outcome": access.can(actor, "view_outcome", concern),
            "can_acknowledge": access.can(actor, ACKNOWLEDGE, concern),
            "can_close": access.can(actor, "change", concern),
            "outcome_form": forms.OutcomeForm(initial={"version": concern.version})})


class _OnConcern:
    def load(self, request, pk):
        self.concern = access_concern(request.user, pk)

    def back_url(self):
        return reverse("mentoring:concern", args=[self.concern.pk])


class ConcernAcknowledgeView(_OnConcern, ServiceActionView):
    def perform(self, form):
        return services.concern_acknowledge(actor=self.request.user, concern=self.concern)

    def success_message(self, result):
        return _("Acknowledged.")


class ConcernCloseView(_OnConcern, ServiceActionView):
    form_class = forms.OutcomeForm

    def perform(self, form):
        data = form.cleaned_data
        return services.concern_close(actor=self.request.user, concern=self.concern, outcome=data["outcome"],
                                      expected_version=data["version"])

    def success_message(self, result):
        return _("Concern closed.")


class ConcernListView(SignedInView):
    page_for = offered_to(Concern)

    def get(self, request):
        page = Paginator(access.visible(request.user, Concern).select_related("match__mentee__record").order_by(
            "status", "-raised_at"), 25).get_page(request.GET.get("page"))
        return render(request, "mentoring/concerns.html", {"page": page})


# --- circles of support and accountability -----------------------------------------------------------------------


def _circle_url(circle):
    return reverse("mentoring:circle", args=[circle.pk])


class CirclesView(SignedInView):
    page_for = offered_to(Circle)

    def get(self, request):
        page = Paginator(selectors.circles(actor=request.user), 25).get_page(request.GET.get("page"))
        return render(request, "mentoring/circles.html", {"page": page})


class CircleCreateView(ServiceFormView):
    form_class = forms.CircleForm
    template_name = "mentoring/form.html"

    def load(self, request, pk):
        self.mentee = access_mentee(request.user, pk, MANAGE)
        if not access.can_create(request.user, Circle, mentee=self.mentee):
            raise PermissionDenied

    def get_form_kwargs(self):
        return {"mentors": selectors.circle_volunteer_choices(actor=self.request.user, mentee=self.mentee),
                "coordinators": selectors.programme_coordinators(organisation_id=self.mentee.organisation_id)}

    def get_context(self, form):
        return {"title": _("Form a circle of support around %(reference)s") % {
            "reference": self.mentee.record.reference}, "back": reverse("mentoring:mentee", args=[self.mentee.pk]),
            "intro": _("A circle is four to six volunteers who meet the core member every week, with a coordinator "
                       "and an outer circle of the professionals on the record's team.")}

    def perform(self, form):
        data = form.cleaned_data
        return services.circle_create(actor=self.request.user, mentee=self.mentee,
                                      volunteers=list(data["volunteers"]), coordinator=data["coordinator"],
                                      started_on=data["started_on"])

    def success_message(self, result):
        return _("Circle formed. Add the outer circle from the record's team.")

    def success_url(self, circle):
        return _circle_url(circle)


class CircleView(SignedInView):
    def get(self, request, pk):
        actor = request.user
        circle = access_circle(actor, pk)
        sees_minutes = access.can(actor, "view_minutes", circle)
        audit.record(action="mentoring.circle.viewed", actor=actor, obj=circle,
                     organisation=circle.mentee.organisation_id, purpose="circle of support")
        manages = access.can(actor, MANAGE, circle)
        context = {"circle": circle, "manages": manages, "logs": access.can(actor, LOG, circle),
                   "sees_minutes": sees_minutes, "decision_form": forms.DecisionForm(),
                   **selectors.circle_page(actor=actor, circle=circle)}
        if manages:
            context["outer_form"] = forms.OuterMemberForm(
                people=selectors.circle_outer_candidates(actor=actor, circle=circle))
        return render(request, "mentoring/circle.html", context)


class _OnCircle:
    action = LOG

    def load(self, request, pk):
        self.circle = access_circle(request.user, pk)

    def back_url(self):
        return _circle_url(self.circle)

    def success_url(self, result):
        return _circle_url(self.circle)


class CircleOuterAddView(_OnCircle, ServiceActionView):
    form_class = forms.OuterMemberForm

    def get_form_kwargs(self):
        return {"people": selectors.circle_outer_candidates(actor=self.request.user, circle=self.circle)}

    def perform(self, form):
        return services.circle_outer_add(actor=self.request.user, circle=self.circle, user=form.cleaned_data["user"])

    def success_message(self, result):
        return _("Added to the outer circle.")


class CircleMeetingView(_OnCircle, ServiceFormView):
    form_class = forms.CircleMeetingForm
    template_name = "mentoring/form.html"

    def get_context(self, form):
        return {"title": _("Record a circle meeting"), "back": _circle_url(self.circle)}

    def perform(self, form):
        return services.circle_meeting_record(actor=self.request.user, circle=self.circle, **form.cleaned_data)

    def success_message(self, result):
        return _("Meeting recorded.")


class _OnMeeting:
    def load(self, request, pk):
        self.meeting = access_circle_meeting(request.user, pk)

    def back_url(self):
        return _circle_url(self.meeting.circle)

    def success_url(self, result):
        return _circle_url(self.meeting.circle)


class CircleMinutesView(_OnMeeting, ServiceFormView):
    form_class = forms.MinutesForm
    template_name = "mentoring/form.html"

    def load(self, request, pk):
        super().load(request, pk)
        if not access.can(request.user, "change", self.meeting):
            raise Http404

    def get_initial(self):
        return {"minutes": self.meeting.minutes, "version": self.meeting.version}

    def get_context(self, form):
        return {"title": _("Minutes of the meeting of %(date)s") % {"date": self.meeting.held_on.isoformat()},
                "back": _circle_url(self.meeting.circle)}

    def perform(self, form):
        data = form.cleaned_data
        return services.circle_minutes_write(actor=self.request.user, meeting=self.meeting, minutes=data["minutes"],
                                             expected_version=data["version"])

    def success_message(self, result):
        return _("Minutes saved.")


class CircleDecisionView(_OnMeeting, ServiceActionView):
    form_class = forms.DecisionForm

    def perform(self, form):
        return services.circle_decision_record(actor=self.request.user, meeting=self.meeting, **form.cleaned_data)

    def success_message(self, result):
        return _("Decision recorded.")


# --- programme model versions, outcomes and the dashboard ----------------------------------------------------------


def _coordinated_organisations(actor):
    return selectors.coordinated_organisations(actor=actor)


class ProgrammeView(SignedInView):
    page_for = offered_to(ProgrammeVersion, MANAGE)

    def get(self, request):
        versions = list(access.visible(request.user, ProgrammeVersion).select_related("organisation")
                        .prefetch_related("changes").order_by("organisation__name", "-number")[:50])
        return render(request, "mentoring/programme.html", {
            "versions": versions, "form": forms.VersionForm(organisations=_coordinated_organisations(request.user)),
            "change_form": forms.VersionChangeForm(), "programmes": list(_coordinated_organisations(request.user))})


class VersionCreateView(ServiceFormView):
    form_class = forms.VersionForm
    template_name = "mentoring/form.html"

    def load(self, request):
        if not access.can_any(request.user, ProgrammeVersion, "add"):
            raise PermissionDenied

    def get_form_kwargs(self):
        return {"organisations": _coordinated_organisations(self.request.user)}

    def get_context(self, form):
        return {"title": _("New version of the programme model"), "back": reverse("mentoring:programme")}

    def perform(self, form):
        data = form.cleaned_data
        return services.programme_version_create(
            actor=self.request.user, organisation=data["organisation"], name=data["name"],
            started_on=data["started_on"], summary=data["summary"], changes=data["changes"].splitlines())

    def success_message(self, result):
        return _("Version saved. New matches belong to it from its first day.")

    def success_url(self, result):
        return reverse("mentoring:programme")


class VersionChangeView(ServiceActionView):
    form_class = forms.VersionChangeForm

    def load(self, request, pk):
        self.version = access_version(request.user, pk)

    def back_url(self):
        return reverse("mentoring:programme")

    def perform(self, form):
        return services.version_change_add(actor=self.request.user, version=self.version,
                                           text=form.cleaned_data["text"])

    def success_message(self, result):
        return _("Change recorded.")


class DashboardView(SignedInView):
    page_for = offered_to(ProgrammeVersion, MANAGE)

    def get(self, request):
        actor = request.user
        organisations = _coordinated_organisations(actor)
        versions = access.visible(actor, ProgrammeVersion).select_related("organisation").order_by(
            "organisation__name", "-number")
        form = forms.DashboardForm(request.GET or None, organisations=organisations, versions=versions)
        data = form.cleaned_data if form.is_valid() else {}
        shown = versions
        if data.get("country"):
            shown = shown.filter(organisation__country=data["country"])
        if data.get("organisation"):
            shown = shown.filter(organisation=data["organisation"])
        first = data.get("a") or shown.first()
        second = data.get("b")
        if first is not None and second is None:
            second = versions.filter(organisation_id=first.organisation_id, number__lt=first.number).first()
        board = selectors.programme_dashboard(actor=actor, first=first, second=second) if first else None
        status = 400 if request.GET and not form.is_valid() else 200
        return render(request, "mentoring/dashboard.html", {"form": form, "board": board}, status=status)


class OutcomeRecordView(ServiceFormView):
    form_class = forms.OutcomeMeasureForm
    template_name = "mentoring/form.html"

    def load(self, request, pk):
        self.mentee = access_mentee(request.user, pk, MANAGE)

    def get_form_kwargs(self):
        from django.utils.translation import get_language

        scale = selectors.outcome_scale()["scale"]
        missing = selectors.mentee_outcomes(actor=self.request.user, mentee=self.mentee)["missing"]
        return {"items": selectors.scale_items((get_language() or "en")[:2]), "low": scale["min"],
                "high": scale["max"], "points": missing}

    def get_context(self, form):
        return {"title": _("Outcome measure of %(reference)s") % {"reference": self.mentee.record.reference},
                "back": reverse("mentoring:mentee", args=[self.mentee.pk]),
                "intro": _("Read each statement with the person and note their own answer. The scale shows the "
                           "direction of travel for the programme; it is not a judgement about the person.")}

    def perform(self, form):
        return services.outcome_record(actor=self.request.user, mentee=self.mentee, **form.service_kwargs())

    def success_message(self, result):
        return _("Outcome measure recorded.")

    def success_url(self, result):
        return reverse("mentoring:mentee", args=[self.mentee.pk])


# --- standards self-assessment ----------------------------------------------------------------------------------


def _programme(actor, pk):
    """One of the programmes the actor coordinates (404 otherwise)."""
    organisation = _coordinated_organisations(actor).filter(pk=pk).first()
    if organisation is None:
        raise Http404
    return organisation


class StandardsView(SignedInView):
    def get(self, request, pk):
        organisation = _programme(request.user, pk)
        return render(request, "mentoring/standards.html", {
            "organisation": organisation,
            "frameworks": selectors.programme_standards(actor=request.user, organisation=organisation)})


class StandardEditView(ServiceFormView):
    form_class = forms.StandardForm
    template_name = "mentoring/form.html"

    def load(self, request, pk, code):
        self.organisation = _programme(request.user, pk)
        self.standard = selectors.standard_named(code)
        if self.standard is None:
            raise Http404
        self.current = access.visible(request.user, StandardAssessment).filter(
            organisation=self.organisation, code=code).first()

    def get_initial(self):
        row = self.current
        if row is None:
            return {}
        return {"rating": row.rating, "evidence": row.evidence, "links": "\n".join(row.links),
                "reviewed_on": row.reviewed_on, "review_due_on": row.review_due_on, "version": row.version}

    def get_context(self, form):
        return {"title": self.standard["name"], "intro": self.standard["requirement"],
                "back": reverse("mentoring:standards", args=[self.organisation.pk])}

    def perform(self, form):
        data = form.cleaned_data
        return services.standard_assess(
            actor=self.request.user, organisation=self.organisation, code=self.standard["code"],
            rating=data["rating"], evidence=data["evidence"], links=data["links"].splitlines(),
            reviewed_on=data["reviewed_on"], review_due_on=data["review_due_on"], expected_version=data["version"])

    def success_message(self, result):
        return _("Self-assessment saved.")

    def success_url(self, result):
        return reverse("mentoring:standards", args=[self.organisation.pk])
