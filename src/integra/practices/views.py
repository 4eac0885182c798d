"""Knowledge-base pages: the public search, practice pages, lessons and publications; the owners' and editors'
workflow (edit, submit, review, publish, archive, history); "find a counterpart"; and the study team's pages.
Thin: fetch through the policy, call one service or selector, render."""

from django.core.paginator import Paginator
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from integra.core import access
from integra.core.access import CHANGE
from integra.core.exports import csv_rows
from integra.core.formviews import ServiceActionView, ServiceFormView
from integra.core.navigation import offered_to
from integra.core.viewmixins import PublicView, SignedInView

from . import selectors, services
from .forms import (
    AdjudicationForm,
    ApproachForm,
    BlindCodingForm,
    ChapterForm,
    CodeForm,
    CodingForm,
    ConsentSheetForm,
    ContactForm,
    GuideForm,
    LessonForm,
    MemberForm,
    ParticipantForm,
    PracticeForm,
    PseudonymKeyForm,
    PublicationForm,
    PurposeForm,
    QdpxImportForm,
    ReviewerChoiceForm,
    ReviewForm,
    SearchForm,
    SessionForm,
    StudyForm,
    TranscriptForm,
)
from .models import Approach, Code, LessonLearned, Practice, Study
from .policy import (
    CODE,
    CONTACT,
    DECIDE_REVIEWER,
    EDIT,
    MANAGE,
    REVIEW,
    SUBMIT,
    WORK,
    access_practice,
    access_public_practice,
    access_publication,
    access_review,
    access_session,
    access_study,
    public_approaches,
    public_lessons,
    public_publications,
)

PAGE_SIZE = 20


def _practice_url(practice) -> str:
    return reverse("practices:practice", args=[practice.pk])


def _filters(request) -> dict[str, list[str]]:
    return {name: [v[:40] for v in request.GET.getlist(name)[:20]] for name in selectors.FACETS}


class SearchView(PublicView):
    """The collection: full-text search with facets. The public (and this page) shows published entries only."""

    def get(self, request):
        form = SearchForm(request.GET or None)
        query = form.cleaned_data["q"] if form.is_valid() else ""
        result = selectors.search_practices(actor=request.user, query=query, filters=_filters(request),
                                            public_only=True)
        paginator = Paginator(result.practices, PAGE_SIZE)
        paginator.count = result.total  # counted with the facets already: no second COUNT over the matches
        page = paginator.get_page(request.GET.get("page"))
        params = request.GET.copy()
        params.pop("page", None)
        rows = [_result_row(p, result.words) for p in page]
        return render(request, "practices/search.html", {
            "form": form, "result": result, "page": page, "rows": rows, "query_string": params.urlencode(),
            "facet_groups": _facet_groups(result.facets), "query": query,
            "selected": [(name, item["value"]) for name, items in result.facets.items() for item in items
                         if item["selected"]],
        }, status=400 if request.GET and not form.is_valid() else 200)


def _facet_groups(facets) -> list[dict]:
    """The sidebar's facets, each with its title and the other facets' choices it carries along as hidden
    fields (built here: the template would loop over every facet's values once per facet)."""
    titles = _facet_titles()
    selected = [(name, item["value"]) for name, items in facets.items() for item in items if item["selected"]]
    return [{"name": name, "title": titles[name], "items": items,
             "hidden": [(other, value) for other, value in selected if other != name]}
            for name, items in facets.items() if items]


def _hl(text, words, limit=None):
    from .search import highlight

    return highlight(text, words, limit=limit)


def _result_row(practice, words) -> dict:
    """The name and an excerpt with the matches marked: in the reader's language, or else in the first language
    where the words were found (a French reader searching in Portuguese sees the Portuguese text that matched)."""
    from django.conf import settings
    from django.utils.translation import get_language

    current = (get_language() or "en")[:2]
    languages = [current] + [code for code, _name in settings.LANGUAGES if code != current]
    row = {"practice": practice, "name": _hl(practice.name, words),
           "excerpt": _hl(practice.description, words, limit=280), "language": ""}
    if not words or "<mark>" in row["name"] + row["excerpt"]:
        return row
    for code in languages:
        name = getattr(practice, f"name_{code}") or ""
        description = getattr(practice, f"description_{code}") or ""
        marked_name, marked_description = _hl(name, words), _hl(description, words, limit=280)
        if "<mark>" in marked_name + marked_description:
            return {**row, "name": marked_name if name else row["name"],
                    "excerpt": marked_description if description else row["excerpt"], "language": code}
    return row


def _facet_titles():
    return {"setting": _("Setting"), "theme": _("Key theme"), "audience": _("Target audience"),
            "country": _("Country"), "evidence": _("Evidence level"), "label": _("Label"), "language": _("Language")}


class PublicPracticeView(PublicView):
    def get(self, request, pk):
        practice = access_public_practice(pk)
        return render(request, "practices/public_practice.html", {
            "practice": practice, "approaches": practice.approaches.filter(is_published=True),
            "lessons": selectors.lessons_for(actor=request.user, practice=practice),
            "can_contact": access.can(request.user, CONTACT, practice),
            "can_manage": access.can(request.user, CHANGE, practice)})


class MyPracticesView(SignedInView):
    page_for = offered_to(Practice)

    def get(self, request):
        return render(request, "practices/mine.html", {
            "mine": selectors.practices_of(actor=request.user),
            "queue": selectors.editorial_queue(actor=request.user) if access.can_any(request.user, Practice, EDIT)
            else [], "archive": selectors.proposed_for_archiving(actor=request.user)
            if access.can_any(request.user, Practice, EDIT) else [],
            "reviews": selectors.my_reviews(actor=request.user),
            "can_create": access.can_create(request.user, Practice),
            "can_edit_knowledge": access.can_create(request.user, Approach)})


class PracticeView(SignedInView):
    def get(self, request, pk):
        practice = access_practice(request.user, pk, WORK)
        user = request.user
        can_edit = access.can(user, EDIT, practice)
        return render(request, "practices/practice.html", {
            "practice": practice, "reviews": selectors.reviews_of(actor=user, practice=practice),
            "can_change": access.can(user, CHANGE, practice), "can_submit": access.can(user, SUBMIT, practice)
            and practice.status == Practice.Status.DRAFT, "can_edit": can_edit,
            "can_contact": access.can(user, CONTACT, practice),
            "candidates": selectors.reviewer_candidates(actor=user, practice=practice) if can_edit and
            (practice.status in {Practice.Status.SUBMITTED, Practice.Status.PEER_REVIEW}
             or practice.rereview_needed_since) else [],
            "DECIDE": DECIDE_REVIEWER, "lessons": selectors.lessons_for(actor=user, practice=practice)})


class PracticeCreateView(ServiceFormView):
    form_class = PracticeForm
    template_name = "practices/practice_form.html"
    page_for = offered_to(Practice, "add")

    def get_initial(self):
        return {"languages": ["en"]}

    def perform(self, form):
        return services.practice_create(actor=self.request.user, **form.service_fields())

    def success_message(self, practice):
        return _("Practice saved as a draft.")

    def success_url(self, practice):
        return _practice_url(practice)


class PracticeEditView(ServiceFormView):
    form_class = PracticeForm
    template_name = "practices/practice_form.html"

    def load(self, request, pk, **kwargs):
        self.practice = access_practice(request.user, pk, CHANGE)

    def get_initial(self):
        p = self.practice
        initial = {field: getattr(p, field) for field in Practice.EDITABLE_FIELDS}
        initial.update({field: getattr(p, f"{field}_en") for field in Practice.TEXT_FIELDS})
        initial["version"] = p.version
        return initial

    def get_context(self, form):
        return {"practice": self.practice}

    def perform(self, form):
        return services.practice_update(actor=self.request.user, practice=self.practice,
                                        expected_version=form.cleaned_data.get("version") or self.practice.version,
                                        **form.service_fields())

    def success_message(self, practice):
        return _("Practice saved.")

    def success_url(self, practice):
        return _practice_url(practice)


class _PracticeAction(ServiceActionView):
    action = CHANGE

    def load(self, request, pk, **kwargs):
        self.practice = access_practice(request.user, pk, WORK)

    def back_url(self):
        return _practice_url(self.practice)


class PracticeSubmitView(_PracticeAction):
    def perform(self, form):
        return services.practice_submit(actor=self.request.user, practice=self.practice)

    def success_message(self, result):
        return _("Practice submitted to the editors.")


class PracticePublishView(_PracticeAction):
    def perform(self, form):
        return services.practice_publish(actor=self.request.user, practice=self.practice)

    def success_message(self, result):
        return _("Practice published.")


class PracticeArchiveView(_PracticeAction):
    def perform(self, form):
        return services.practice_archive(actor=self.request.user, practice=self.practice)

    def success_message(self, result):
        return _("Practice archived.")


class ReviewerProposeView(_PracticeAction):
    form_class = ReviewerChoiceForm

    def load(self, request, pk, **kwargs):
        self.practice = access_practice(request.user, pk, EDIT)

    def get_form_kwargs(self):
        self.candidates = selectors.reviewer_candidates(actor=self.request.user, practice=self.practice)
        return {"candidates": self.candidates}

    def perform(self, form):
        reviewer = next(c["user"] for c in self.candidates if c["user"].pk == form.cleaned_data["reviewer"])
        return services.review_propose(actor=self.request.user, practice=self.practice, reviewer=reviewer)

    def success_message(self, result):
        return _("Reviewer proposed to the owner.")


class _ReviewDecisionView(ServiceActionView):
    accept = True

    def load(self, request, pk, **kwargs):
        self.review = access_review(request.user, pk, DECIDE_REVIEWER)

    def perform(self, form):
        return services.review_decide(actor=self.request.user, review=self.review, accept=self.accept)

    def success_message(self, result):
        return _("Reviewer accepted.") if self.accept else _("Reviewer declined.")

    def back_url(self):
        return _practice_url(self.review.practice)


class ReviewAcceptView(_ReviewDecisionView):
    accept = True


class ReviewDeclineView(_ReviewDecisionView):
    accept = False


class ReviewView(ServiceFormView):
    """The review: its form for the reviewer while it is open; its answers for the owner and editors."""

    form_class = ReviewForm
    template_name = "practices/review.html"

    def load(self, request, pk, **kwargs):
        self.review = access_review(request.user, pk)
        if request.method == "POST" and not access.can(request.user, REVIEW, self.review):
            raise Http404

    def get_context(self, form):
        return {"review": self.review, "can_review": access.can(self.request.user, REVIEW, self.review)}

    def perform(self, form):
        data = dict(form.cleaned_data)
        return services.review_submit(actor=self.request.user, review=self.review,
                                      recommendation=data.pop("recommendation"), strengths=data.pop("strengths"),
                                      improvements=data.pop("improvements"), **data)

    def success_message(self, review):
        return _("Review completed. Thank you.")

    def success_url(self, review):
        return reverse("practices:review", args=[review.pk])


class HistoryView(SignedInView):
    def get(self, request, pk):
        practice = access_practice(request.user, pk, CHANGE)
        versions = list(selectors.versions_of(actor=request.user, practice=practice))
        by_number = {v.number: v for v in versions}
        try:
            newer = by_number.get(int(request.GET.get("b", versions[0].number if versions else 0)))
            older = by_number.get(int(request.GET.get("a", versions[1].number if len(versions) > 1 else 0)))
        except ValueError:
            newer = older = None
        diff = selectors.version_diff(older, newer) if older and newer else []
        return render(request, "practices/history.html", {"practice": practice, "versions": versions,
                                                          "older": older, "newer": newer, "diff": diff})


class ContactView(ServiceFormView):
    form_class = ContactForm
    template_name = "practices/contact.html"

    def load(self, request, pk, **kwargs):
        self.practice = access_practice(request.user, pk, CONTACT)

    def get_context(self, form):
        return {"practice": self.practice}

    def perform(self, form):
        data = form.cleaned_data
        return services.contact_request_send(actor=self.request.user, practice=self.practice,
                                             message=data["message"], share_email=data["share_email"],
                                             consent=data["consent"])

    def success_message(self, result):
        return _("Your message was sent to the practice's owner.")

    def success_url(self, result):
        return reverse("practices:public", args=[self.practice.pk])


class ContactsView(SignedInView):
    def get(self, request):
        from .models import ContactRequest

        requests = (access.visible(request.user, ContactRequest).select_related("practice", "sender")
                    .order_by("-created_at")[:100])
        return render(request, "practices/contacts.html", {"requests": requests})


# --- lessons learned and publications (public) --------------------------------------------------------------------


class ApproachListView(PublicView):
    def get(self, request):
        return render(request, "practices/approaches.html", {"approaches": public_approaches()})


class ApproachView(PublicView):
    def get(self, request, pk):
        try:
            approach = public_approaches().get(pk=pk)
        except (Approach.DoesNotExist, ValueError) as exc:
            raise Http404 from exc
        return render(request, "practices/approach.html", {
            "approach": approach, "practices": approach.practices.filter(status=Practice.Status.PUBLISHED),
            "lessons": approach.lessons.filter(is_published=True)})


class LessonListView(PublicView):
    def get(self, request):
        page = Paginator(public_lessons().order_by("title", "id"), PAGE_SIZE).get_page(request.GET.get("page"))
        return render(request, "practices/lessons.html", {"page": page})


class LessonView(PublicView):
    def get(self, request, pk):
        try:
            lesson = public_lessons().get(pk=pk)
        except (LessonLearned.DoesNotExist, ValueError) as exc:
            raise Http404 from exc
        return render(request, "practices/lesson.html", {
            "lesson": lesson, "practices": lesson.practices.filter(status=Practice.Status.PUBLISHED)})


class PublicationListView(PublicView):
    def get(self, request):
        return render(request, "practices/publications.html", {"publications": public_publications()})


class PublicationPdfView(PublicView):
    """The publication as a tagged PDF, in the reader's language (English where a text is not translated)."""

    def get(self, request, slug):
        from django.contrib import messages
        from django.http import HttpResponse
        from django.shortcuts import redirect

        from .pdf import render_publication_pdf

        publication = access_publication(None, slug)
        try:
            pdf = render_publication_pdf(
                publication=publication, chapters=publication.chapters.all(),
                practices=publication.practices.filter(status=Practice.Status.PUBLISHED),
                lessons=publication.lessons.filter(is_published=True))
        except (ImportError, OSError):  # WeasyPrint without the system's Pango: the web page still works
            messages.error(request, _("The PDF cannot be made on this server; the web page holds the same text."))
            return redirect("practices:publication", slug=publication.slug)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{publication.slug}.pdf"'
        return response


class PublicationView(PublicView):
    def get(self, request, slug):
        publication = access_publication(None, slug)
        return render(request, "practices/publication.html", {
            "publication": publication, "chapters": publication.chapters.all(),
            "practices": publication.practices.filter(status=Practice.Status.PUBLISHED),
            "lessons": publication.lessons.filter(is_published=True)})


# --- research: the study team only ---------------------------------------------------------------------------------


class StudyListView(SignedInView):
    page_for = offered_to(Study)

    def get(self, request):
        return render(request, "practices/studies.html", {"studies": selectors.studies_for(actor=request.user),
                                                          "can_create": access.can_create(request.user, Study)})


class StudyView(SignedInView):
    def get(self, request, pk):
        study = access_study(request.user, pk)
        return render(request, "practices/study.html", {
            "study": study, "sessions": selectors.sessions_of(actor=request.user, study=study),
            "guides": study.guides.all(), "sheets": study.consent_sheets.all(),
            "codebook": selectors.codebook(actor=request.user, study=study),
            "members": study.members.select_related("user"),
            "can_code": access.can(request.user, CODE, study), "can_manage": access.can(request.user, MANAGE, study),
            "code_form": CodeForm(codes=study.codes.all())})


class SessionView(SignedInView):
    """A session's transcript (the pseudonymised text) with its codings; a coder adds a coding here."""

    def get(self, request, pk, session_pk):
        study = access_study(request.user, pk)
        session = access_session(request.user, session_pk, study=study)
        from integra.core import audit

        audit.record(action="practices.transcript.viewed", actor=request.user, obj=session,
                     organisation=study.organisation_id, purpose="qualitative analysis")
        transcript = getattr(session, "transcript", None)
        participants = list(session.participants.all())
        return render(request, "practices/session.html", {
            "study": study, "session": session, "transcript": transcript, "participants": participants,
            "codings": selectors.codings_of(actor=request.user, transcript=transcript) if transcript else [],
            "can_code": access.can(request.user, CODE, study), "can_manage": access.can(request.user, MANAGE, study),
            "form": CodingForm(codes=study.codes.all(), participants=participants),
            "participant_form": ParticipantForm(sheets=study.consent_sheets.all(), auto_id="participant_%s")})


class CodingAddView(ServiceActionView):
    form_class = CodingForm

    def load(self, request, pk, session_pk, **kwargs):
        self.study = access_study(request.user, pk, CODE)
        self.session = access_session(request.user, session_pk, study=self.study)
        self.transcript = getattr(self.session, "transcript", None)
        if self.transcript is None:
            raise Http404

    def get_form_kwargs(self):
        return {"codes": self.study.codes.all(), "participants": self.session.participants.all()}

    def perform(self, form):
        data = form.cleaned_data
        code = access.access(self.request.user, Code, data["code"], CODE)
        participant = self.session.participants.filter(pk=data["participant"]).first() if data["participant"] \
            else None
        return services.coding_add(actor=self.request.user, transcript=self.transcript, code=code,
                                   start=data["start"], end=data["end"], participant=participant, memo=data["memo"])

    def success_message(self, result):
        return _("Segment coded.")

    def back_url(self):
        return reverse("practices:session", args=[self.study.pk, self.session.pk])


class CodeAddView(ServiceActionView):
    form_class = CodeForm

    def load(self, request, pk, **kwargs):
        self.study = access_study(request.user, pk, CODE)

    def get_form_kwargs(self):
        return {"codes": self.study.codes.all()}

    def perform(self, form):
        data = form.cleaned_data
        parent = self.study.codes.filter(pk=data["parent"]).first() if data["parent"] else None
        return services.code_create(actor=self.request.user, study=self.study, name=data["name"], parent=parent,
                                    definition=data["definition"], is_theme=data["is_theme"])

    def success_message(self, result):
        return _("Code added to the codebook.")

    def back_url(self):
        return reverse("practices:study", args=[self.study.pk])


class FrequencyView(SignedInView):
    def get(self, request, pk):
        study = access_study(request.user, pk)
        counted = selectors.counted_codings(actor=request.user, study=study)
        return render(request, "practices/frequencies.html", {
            "study": study, "report": selectors.code_frequencies(actor=request.user, study=study, counted=counted),
            "matrices": selectors.code_cooccurrence(actor=request.user, study=study, counted=counted)})


class CodingsExportView(SignedInView):
    def get(self, request, pk):
        study = access_study(request.user, pk, MANAGE)
        from integra.core import audit

        audit.record(action="practices.study.exported", actor=request.user, obj=study,
                     organisation=study.organisation_id, purpose="qualitative analysis export")
        rows = selectors.codings_export_rows(actor=request.user, study=study)
        header = next(rows)
        response = StreamingHttpResponse(csv_rows(header, rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="study-{study.pk}-codings.csv"'
        return response



class TranscriptEditView(ServiceFormView):
    """The lead uploads or types a session's transcript; the study's pseudonym key is applied on save."""

    form_class = TranscriptForm
    template_name = "practices/transcript_form.html"

    def load(self, request, pk, session_pk, **kwargs):
        self.study = access_study(request.user, pk, MANAGE)
        self.session = access_session(request.user, session_pk, study=self.study)
        self.transcript = getattr(self.session, "transcript", None)

    def get_initial(self):
        return {"version": self.transcript.version} if self.transcript else {}

    def get_context(self, form):
        return {"study": self.study, "session": self.session}

    def perform(self, form):
        data = form.cleaned_data
        return services.transcript_save(actor=self.request.user, session=self.session, text=data["text"],
                                        upload=data["file"], expected_version=data.get("version"))

    def success_message(self, result):
        return _("Transcript saved.")

    def success_url(self, result):
        return reverse("practices:session", args=[self.study.pk, self.session.pk])


class PseudonymKeyView(ServiceFormView):
    form_class = PseudonymKeyForm
    template_name = "practices/pseudonym_key.html"

    def load(self, request, pk, **kwargs):
        self.study = access_study(request.user, pk, MANAGE)

    def get_initial(self):
        from .services import _pseudonym_key

        return {"key": "\n".join(f"{real} = {code}" for real, code in _pseudonym_key(self.study).items())}

    def get_context(self, form):
        return {"study": self.study}

    def perform(self, form):
        return services.pseudonym_key_save(actor=self.request.user, study=self.study, raw=form.cleaned_data["key"])

    def success_message(self, result):
        return _("Pseudonym key saved.")

    def success_url(self, result):
        return reverse("practices:study", args=[self.study.pk])


class RawTranscriptView(ServiceFormView):
    """The original text, for the lead, after saying why (the read is audited with that purpose)."""

    form_class = PurposeForm
    template_name = "practices/raw_transcript.html"

    def load(self, request, pk, session_pk, **kwargs):
        self.study = access_study(request.user, pk, MANAGE)
        self.session = access_session(request.user, session_pk, study=self.study)
        if getattr(self.session, "transcript", None) is None:
            raise Http404

    def get_context(self, form):
        return {"study": self.study, "session": self.session}

    def perform(self, form):
        return services.transcript_read_raw(actor=self.request.user, transcript=self.session.transcript,
                                            purpose=form.cleaned_data["purpose"])

    def on_success(self, raw):
        return render(self.request, "practices/raw_transcript.html", {
            "study": self.study, "session": self.session, "raw": raw})


class AgreementView(SignedInView):
    """Agreement between two coders per code (computed aid): percentage, Cohen's κ, Krippendorff's α."""

    def get(self, request, pk):
        from . import analysis

        study = access_study(request.user, pk)
        if study.blind_coding:  # blind: only the lead compares (a coder would see the other's codings)
            study = access_study(request.user, pk, MANAGE)
        coders, chosen = _chosen_coders(request, study)
        rows = analysis.agreement(actor=request.user, study=study, coder_a=chosen[0], coder_b=chosen[1]) \
            if len(chosen) == 2 else []
        return render(request, "practices/agreement.html", {
            "study": study, "coders": coders, "chosen": chosen, "rows": rows,
            "can_manage": access.can(request.user, MANAGE, study)})


def _chosen_coders(request, study):
    from . import analysis

    coders = analysis.coders_of(actor=request.user, study=study)
    chosen = [c for c in coders if str(c.pk) in request.GET.getlist("coder")][:2] or coders[:2]
    return coders, chosen


class BlindCodingView(ServiceActionView):
    form_class = BlindCodingForm

    def load(self, request, pk, **kwargs):
        self.study = access_study(request.user, pk, MANAGE)

    def perform(self, form):
        return services.study_set_blind_coding(actor=self.request.user, study=self.study,
                                               blind=bool(form.cleaned_data["blind"]))

    def success_message(self, study):
        return _("Blind coding is on: coders see only their own codings.") if study.blind_coding else \
            _("Blind coding is off: the team sees every coding.")

    def back_url(self):
        return reverse("practices:study", args=[self.study.pk])


class AdjudicationView(SignedInView):
    """The lead compares two coders, transcript by transcript and code by code, and keeps or drops each
    disagreement; what is kept, with what both coded, becomes the final coding."""

    def get(self, request, pk):
        from . import analysis

        study = access_study(request.user, pk, MANAGE)
        coders, chosen = _chosen_coders(request, study)
        comparisons = analysis.compare(actor=request.user, study=study, coder_a=chosen[0], coder_b=chosen[1]) \
            if len(chosen) == 2 else []
        open_only = request.GET.get("show") != "all"
        if open_only:
            comparisons = [c for c in comparisons if c.disagreements and not c.final]
        page = Paginator(comparisons, PAGE_SIZE).get_page(request.GET.get("page"))
        params = request.GET.copy()
        params.pop("page", None)
        return render(request, "practices/adjudication.html", {
            "study": study, "coders": coders, "chosen": chosen, "page": page, "open_only": open_only,
            "query_string": params.urlencode()})


class AdjudicateView(ServiceActionView):
    form_class = AdjudicationForm

    def load(self, request, pk, transcript_pk, code_pk, **kwargs):
        from .models import Transcript

        self.study = access_study(request.user, pk, MANAGE)
        self.transcript = access.access(request.user, Transcript, transcript_pk, MANAGE,
                                        queryset=access.visible(request.user, Transcript).filter(
                                            session__study=self.study).select_related("session__study"))
        self.code = access.access(request.user, Code, code_pk, queryset=self.study.codes.all())

    def perform(self, form):
        data = form.cleaned_data
        coders = {m.user_id: m.user for m in self.study.members.filter(
            user_id__in=[data["coder_a"], data["coder_b"]]).select_related("user")}
        if data["coder_a"] not in coders or data["coder_b"] not in coders:
            from integra.core.errors import invalid

            raise invalid(_("Choose two coders of this study."), field="coder")
        self.coders = (data["coder_a"], data["coder_b"])
        return services.adjudicate(actor=self.request.user, transcript=self.transcript, code=self.code,
                                   coder_a=coders[data["coder_a"]], coder_b=coders[data["coder_b"]],
                                   keep=data["keep"])

    def success_message(self, finals):
        return _("Adjudicated: %(count)s final segments.") % {"count": len(finals)}

    def back_url(self):
        query = "&".join(f"coder={v}" for v in self.request.POST.getlist("coder_a")[:1] +
                         self.request.POST.getlist("coder_b")[:1] if v.isdigit())
        return reverse("practices:adjudication", args=[self.study.pk]) + (f"?{query}" if query else "")


class QdpxExportView(SignedInView):
    """The study as a REFI-QDA project (.qdpx) for QualCoder and the commercial tools: the lead only, audited."""

    def get(self, request, pk):
        from django.http import HttpResponse

        from integra.core import audit

        from . import analysis

        study = access_study(request.user, pk, MANAGE)
        audit.record(action="practices.study.exported", actor=request.user, obj=study,
                     organisation=study.organisation_id, purpose="REFI-QDA export", data={"format": "qdpx"})
        response = HttpResponse(analysis.qdpx(actor=request.user, study=study), content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="study-{study.pk}.qdpx"'
        return response


class StudyBackupView(SignedInView):
    """The complete study as JSON (pseudonymised): the lead only, audited."""

    def get(self, request, pk):
        from django.http import JsonResponse

        from integra.core import audit

        from . import analysis

        study = access_study(request.user, pk, MANAGE)
        audit.record(action="practices.study.exported", actor=request.user, obj=study,
                     organisation=study.organisation_id, purpose="JSON backup", data={"format": "json"})
        response = JsonResponse(analysis.study_backup(actor=request.user, study=study),
                                json_dumps_params={"ensure_ascii": False})
        response["Content-Disposition"] = f'attachment; filename="study-{study.pk}.json"'
        return response


class StudyCreateView(ServiceFormView):
    form_class = StudyForm
    template_name = "practices/form.html"
    page_for = offered_to(Study, "add")

    def get_form_kwargs(self):
        from integra.core.selectors import organisation_choices

        return {"organisations": organisation_choices(actor=self.request.user, model=Study, action="add")}

    def get_context(self, form):
        return {"title": _("New study"), "back": reverse("practices:studies")}

    def perform(self, form):
        data = dict(form.cleaned_data)
        organisation = next(o for o in self.get_form_kwargs()["organisations"] if o.pk == data.pop("organisation"))
        return services.study_create(actor=self.request.user, organisation=organisation, **data)

    def success_message(self, study):
        return _("Study created. You lead it; add your team, guides and consent sheets.")

    def success_url(self, study):
        return reverse("practices:study", args=[study.pk])


class SessionCreateView(ServiceFormView):
    form_class = SessionForm
    template_name = "practices/form.html"

    def load(self, request, pk, **kwargs):
        self.study = access_study(request.user, pk, MANAGE)

    def get_context(self, form):
        return {"title": _("New session"), "back": reverse("practices:study", args=[self.study.pk])}

    def perform(self, form):
        data = form.cleaned_data
        guide = self.study.guides.filter(kind=data["kind"]).order_by("-version").first()
        return services.session_create(actor=self.request.user, study=self.study, guide=guide, **data)

    def success_message(self, session):
        return _("Session added.")

    def success_url(self, session):
        return reverse("practices:session", args=[self.study.pk, session.pk])


class ParticipantAddView(ServiceActionView):
    form_class = ParticipantForm

    def load(self, request, pk, session_pk, **kwargs):
        self.study = access_study(request.user, pk, MANAGE)
        self.session = access_session(request.user, session_pk, study=self.study)

    def get_form_kwargs(self):
        return {"sheets": self.study.consent_sheets.all(), "auto_id": "participant_%s"}

    def perform(self, form):
        data = form.cleaned_data
        sheet = self.study.consent_sheets.get(pk=data["consent_sheet"])
        return services.participant_add(actor=self.request.user, session=self.session, code=data["code"],
                                        role_category=data["role_category"], consent_sheet=sheet,
                                        consent_given_on=data["consent_given_on"])

    def success_message(self, participant):
        return _("Participant %(code)s added.") % {"code": participant.code}

    def back_url(self):
        return reverse("practices:session", args=[self.study.pk, self.session.pk])


class ConsentWithdrawView(ServiceActionView):
    def load(self, request, pk, session_pk, participant_pk, **kwargs):
        self.study = access_study(request.user, pk, MANAGE)
        self.session = access_session(request.user, session_pk, study=self.study)
        self.participant = self.session.participants.filter(pk=participant_pk).first()
        if self.participant is None:
            raise Http404

    def perform(self, form):
        return services.participant_withdraw_consent(actor=self.request.user, participant=self.participant)

    def success_message(self, participant):
        return _("Consent withdrawn: the participant's segments are removed from the analysis.")

    def back_url(self):
        return reverse("practices:session", args=[self.study.pk, self.session.pk])


class _StudyFormView(ServiceFormView):
    template_name = "practices/form.html"
    title = ""

    def load(self, request, pk, **kwargs):
        self.study = access_study(request.user, pk, MANAGE)

    def get_context(self, form):
        return {"title": self.title, "back": reverse("practices:study", args=[self.study.pk])}

    def success_url(self, result):
        return reverse("practices:study", args=[self.study.pk])


class GuideVersionView(_StudyFormView):
    form_class = GuideForm
    title = _("New version of a guide")

    def perform(self, form):
        return services.guide_add_version(actor=self.request.user, study=self.study, **form.cleaned_data)

    def success_message(self, guide):
        return _("Guide version %(version)s saved.") % {"version": guide.version}


class ConsentSheetVersionView(_StudyFormView):
    form_class = ConsentSheetForm
    title = _("New version of the consent and information sheets")

    def perform(self, form):
        return services.consent_sheet_add_version(actor=self.request.user, study=self.study, **form.cleaned_data)

    def success_message(self, sheet):
        return _("Consent version %(version)s saved.") % {"version": sheet.version}


class MemberAddView(_StudyFormView):
    form_class = MemberForm
    title = _("Add a member to the study team")

    def perform(self, form):
        return services.study_member_add_by_email(actor=self.request.user, study=self.study,
                                                  email=form.cleaned_data["email"], role=form.cleaned_data["role"])

    def success_message(self, member):
        return _("Team member added.")


class QdpxPreviewView(ServiceFormView):
    """Upload a REFI-QDA project: what it would add to the study, or what is wrong with it, element by element.
    Nothing is saved here; importing is the next step (`QdpxImportView`, the same file sent again)."""

    form_class = QdpxImportForm
    template_name = "practices/qdpx_import.html"
    preview = None

    def load(self, request, pk, **kwargs):
        self.study = access_study(request.user, pk, MANAGE)

    def perform(self, form):
        return services.study_import_qdpx_preview(actor=self.request.user, study=self.study,
                                                  upload=form.cleaned_data["file"])

    def get_context(self, form):
        return {"study": self.study, "preview": self.preview}

    def on_success(self, preview):
        self.preview = preview
        return self.show(self.make_form(), status=200 if preview.ok else 400)


class QdpxImportView(QdpxPreviewView):
    http_method_names = ["post"]

    def perform(self, form):
        return services.study_import_qdpx(actor=self.request.user, study=self.study, upload=form.cleaned_data["file"])

    def on_success(self, preview):
        from django.contrib import messages
        from django.shortcuts import redirect

        messages.success(self.request, _("Project imported: %(sources)s sources, %(codings)s coded segments.") % {
            "sources": len(preview.project.sources), "codings": preview.project.selections})
        return redirect("practices:study", pk=self.study.pk)


# --- editing approaches, lessons learned and publications (editors) ------------------------------------------------


class EditorialView(SignedInView):
    """Every approach, lesson learned and publication, published or not, for the editors to change."""

    def get(self, request):
        from .models import Publication

        if not access.can_create(request.user, Approach):
            raise Http404
        return render(request, "practices/editorial.html", {
            "approaches": access.visible(request.user, Approach).order_by("title", "id")[:200],
            "lessons": access.visible(request.user, LessonLearned).order_by("title", "id")[:200],
            "publications": access.visible(request.user, Publication).order_by("kind", "title")[:200]})


def _translated_initial(obj, form_class) -> dict:
    from django.conf import settings

    initial = {f"{name}_{code}": getattr(obj, f"{name}_{code}") or "" for name, _r, _m in form_class.translated
               for code, _language in settings.LANGUAGES}
    initial["version"] = obj.version
    if hasattr(obj, "is_published"):
        initial["is_published"] = obj.is_published
    return initial


class _EditorialFormView(ServiceFormView):
    template_name = "practices/form.html"
    title = ""

    def get_context(self, form):
        return {"title": self.title, "back": reverse("practices:editorial")}

    def success_message(self, result):
        return _("Saved.")

    def success_url(self, result):
        return reverse("practices:editorial")

    def _version(self, form, obj):
        return form.cleaned_data.get("version") or obj.version


def _english(texts: dict, *names) -> dict:
    """The English texts passed by name to a create service (the source language), the others as they are."""
    rest = {k: v for k, v in texts.items() if k not in {f"{n}_en" for n in names}}
    return {**{n: texts.get(f"{n}_en", "") for n in names}, **rest}


class ApproachCreateView(_EditorialFormView):
    form_class = ApproachForm
    title = _("New approach")
    page_for = offered_to(Approach, "add")

    def perform(self, form):
        from django.utils import translation

        data = form.cleaned_data
        with translation.override("en"):
            return services.approach_create(
                actor=self.request.user, is_published=data["is_published"],
                practices=selectors.published_practices(data["practices"]),
                **_english(form.texts(), "title", "description"))


class ApproachEditView(_EditorialFormView):
    form_class = ApproachForm
    title = _("Edit the approach")

    def load(self, request, pk, **kwargs):
        self.obj = access.access(request.user, Approach, pk, CHANGE)

    def get_initial(self):
        return {**_translated_initial(self.obj, ApproachForm),
                "practices": ", ".join(str(pk) for pk in self.obj.practices.values_list("pk", flat=True))}

    def perform(self, form):
        data = form.cleaned_data
        return services.approach_update(actor=self.request.user, approach=self.obj,
                                        expected_version=self._version(form, self.obj), texts=form.texts(),
                                        practice_ids=data["practices"], is_published=data["is_published"])


class LessonCreateView(_EditorialFormView):
    form_class = LessonForm
    title = _("New lesson learned")
    page_for = offered_to(LessonLearned, "add")

    def perform(self, form):
        from django.utils import translation

        data = form.cleaned_data
        with translation.override("en"):
            return services.lesson_create(
                actor=self.request.user, is_published=data["is_published"], evidence=data["evidence"],
                practices=selectors.published_practices(data["practices"]),
                **_english(form.texts(), "title", "summary"))


class LessonEditView(_EditorialFormView):
    form_class = LessonForm
    title = _("Edit the lesson learned")

    def load(self, request, pk, **kwargs):
        self.obj = access.access(request.user, LessonLearned, pk, CHANGE)

    def get_initial(self):
        return {**_translated_initial(self.obj, LessonForm), "evidence": self.obj.evidence,
                "practices": ", ".join(str(pk) for pk in self.obj.practices.values_list("pk", flat=True))}

    def perform(self, form):
        data = form.cleaned_data
        return services.lesson_update(actor=self.request.user, lesson=self.obj,
                                      expected_version=self._version(form, self.obj), texts=form.texts(),
                                      practice_ids=data["practices"], evidence=data["evidence"],
                                      is_published=data["is_published"])


class _PublicationFormMixin:
    def get_form_kwargs(self):
        return {"lessons": access.visible(self.request.user, LessonLearned).order_by("title")[:500]}


class PublicationCreateView(_PublicationFormMixin, _EditorialFormView):
    form_class = PublicationForm
    title = _("New publication")

    def load(self, request, **kwargs):
        from .models import Publication

        if not access.can_create(request.user, Publication):
            raise Http404

    def perform(self, form):
        from django.utils import translation

        data = form.cleaned_data
        texts = form.texts()
        with translation.override("en"):
            return services.publication_save(
                actor=self.request.user, slug=data["slug"], kind=data["kind"], chapters=[], must_be_new=True,
                is_published=data["is_published"], practices=selectors.published_practices(data["practices"]),
                lessons=access.visible(self.request.user, LessonLearned).filter(pk__in=data["lessons"]),
                **_english(texts, "title", "summary"))

    def success_url(self, publication):
        return reverse("practices:publication_edit", args=[publication.slug])


class PublicationEditView(_PublicationFormMixin, _EditorialFormView):
    form_class = PublicationForm
    template_name = "practices/publication_form.html"
    title = _("Edit the publication")

    def load(self, request, slug, **kwargs):
        self.obj = _publication_for_change(request.user, slug)

    def get_initial(self):
        return {**_translated_initial(self.obj, PublicationForm), "slug": self.obj.slug, "kind": self.obj.kind,
                "practices": ", ".join(str(pk) for pk in self.obj.practices.values_list("pk", flat=True)),
                "lessons": list(self.obj.lessons.values_list("pk", flat=True))}

    def get_context(self, form):
        return {"title": self.title, "back": reverse("practices:editorial"), "publication": self.obj,
                "chapters": self.obj.chapters.all()}

    def perform(self, form):
        data = form.cleaned_data
        return services.publication_update(
            actor=self.request.user, publication=self.obj, expected_version=self._version(form, self.obj),
            texts=form.texts(), slug=data["slug"], kind=data["kind"], practice_ids=data["practices"],
            lesson_ids=data["lessons"], is_published=data["is_published"])

    def success_url(self, publication):
        return reverse("practices:publication_edit", args=[publication.slug])


def _publication_for_change(actor, slug):
    from .models import Publication

    publication = access.visible(actor, Publication).filter(slug=slug).first()
    if publication is None or not access.can(actor, CHANGE, publication):
        raise Http404
    return publication


class ChapterFormView(_EditorialFormView):
    """Add a chapter (no `chapter_pk`) or change one; guarded by the publication's version."""

    form_class = ChapterForm
    title = _("Chapter")

    def load(self, request, slug, chapter_pk=None, **kwargs):
        self.publication = _publication_for_change(request.user, slug)
        self.chapter = None
        if chapter_pk is not None:
            self.chapter = self.publication.chapters.filter(pk=chapter_pk).first()
            if self.chapter is None:
                raise Http404

    def get_initial(self):
        if self.chapter is None:
            return {"version": self.publication.version}
        initial = _translated_initial(self.chapter, ChapterForm)
        initial.update({"version": self.publication.version, "position": self.chapter.position,
                        "link_url": self.chapter.link_url})
        return initial

    def get_context(self, form):
        return {"title": self.title, "back": reverse("practices:publication_edit", args=[self.publication.slug])}

    def perform(self, form):
        data = form.cleaned_data
        return services.chapter_save(actor=self.request.user, publication=self.publication,
                                     expected_version=data.get("version") or self.publication.version,
                                     texts=form.texts(), chapter=self.chapter, position=data["position"],
                                     link_url=data["link_url"])

    def success_url(self, chapter):
        return reverse("practices:publication_edit", args=[self.publication.slug])
