"""Writes of the knowledge base: practices and their workflow and review, contact requests, approaches, lessons,
publications, and the studies' research data. Each checks the policy itself, validates (messages in the user's
language, nothing changed), writes in one transaction with one audit event, and notifies after the commit."""

import datetime as dt
import json
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from integra.core import access, audit, limits
from integra.core.access import ADD, CHANGE
from integra.core.concurrency import update_versioned
from integra.core.errors import invalid
from integra.core.notifications import N_
from integra.core.notifications import message as notice  # "message" is the contact form's text below
from integra.core.services import notification_send

from . import search, selectors, transcripts
from .models import (
    Approach,
    Chapter,
    Code,
    Coding,
    ConsentSheet,
    ContactRequest,
    EvidenceLevel,
    Guide,
    LessonLearned,
    Participant,
    Practice,
    PracticeVersion,
    PseudonymKey,
    Publication,
    ResearchSession,
    Review,
    ReviewerProfile,
    Study,
    StudyMember,
    Transcript,
)
from .policy import CODE, DECIDE_REVIEWER, EDIT, MANAGE, REVIEW, SUBMIT, forget_study_roles

S = Practice.Status
DESCRIPTION_WORDS = 300
CONTACTS_PER_DAY = 5
STALE_AFTER_DAYS = getattr(settings, "PRACTICES_STALE_AFTER_DAYS", 730)
MIN_REVIEWER_YEARS = 5
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def _audit(action, actor, obj, organisation=None, **data):
    return audit.record(action=f"practices.{action}", actor=actor, obj=obj, organisation=organisation, data=data)


# --- practices -------------------------------------------------------------------------------------------------


def _validate_practice(values: dict) -> None:
    for field in ("name", "description", "prevention_link", "organisation_name"):
        if not (values.get(field) or values.get(f"{field}_en") or "").strip():
            messages = {
                "name": _("Give the practice a name."),
                "description": _("Describe the practice."),
                "prevention_link": _("Say how the practice prevents or counters radicalisation or violent "
                                     "extremism: an entry without this link cannot be saved."),
                "organisation_name": _("Name the organisation that runs the practice."),
            }
            raise invalid(messages[field], field=field)
    for key, value in values.items():
        if key.split("_")[0] in {"description", "approach", "deliverables", "evaluation", "sustainability"} and \
                isinstance(value, str):
            limits.check_length(value, limits.LONG_TEXT, field=key)
    for language in [""] + [f"_{code}" for code in LANGUAGE_CODES]:
        text = values.get(f"description{language}") or ""
        if len(text.split()) > DESCRIPTION_WORDS:
            raise invalid(_("The description has more than %(limit)s words.") % {"limit": DESCRIPTION_WORDS},
                          field="description")
    level, maryland = values.get("evidence_level"), values.get("maryland_level")
    if maryland is not None:
        if level != EvidenceLevel.OUTCOME:
            raise invalid(_("The Maryland scale applies only to an outcome evaluation."), field="maryland_level")
        if not 1 <= int(maryland) <= 5:
            raise invalid(_("The Maryland scale goes from 1 to 5."), field="maryland_level")
    year = values.get("start_year")
    if year is not None and not 1950 <= int(year) <= timezone.localdate().year + 1:
        raise invalid(_("Give the year the practice started."), field="start_year")
    for language in values.get("languages") or []:
        if language not in LANGUAGE_CODES:
            raise invalid(_("Unknown language: %(code)s.") % {"code": language}, field="languages")


def snapshot(practice: Practice) -> dict:
    data = {}
    for field in Practice.EDITABLE_FIELDS:
        if field in Practice.TEXT_FIELDS:
            for code in LANGUAGE_CODES:
                data[f"{field}_{code}"] = getattr(practice, f"{field}_{code}") or ""
        else:
            value = getattr(practice, field)
            data[field] = value
    data["status"] = practice.status
    data["label"] = practice.label
    return data


def _save_version(practice: Practice, actor) -> PracticeVersion:
    return PracticeVersion.objects.create(practice=practice, number=practice.version, data=snapshot(practice),
                                          author=actor if getattr(actor, "is_authenticated", False) else None)


def practice_create(*, actor, approaches=(), **fields) -> Practice:
    access.require_create(actor, Practice)
    unknown = {key.rsplit("_", 1)[0] if key.rsplit("_", 1)[-1] in LANGUAGE_CODES else key for key in fields}
    if unknown - set(Practice.EDITABLE_FIELDS) - {"organisation"}:
        raise ValueError(f"not editable: {sorted(unknown - set(Practice.EDITABLE_FIELDS))}")
    _validate_practice(fields)
    organisation = fields.pop("organisation", None)
    if organisation is None:
        mine = access.organisations_of(actor)
        organisation_id = min(mine) if mine else None
    else:
        allowed = access.organisations_for(actor, Practice, ADD)
        if allowed is not None and organisation.pk not in allowed:
            raise invalid(_("You can only file a practice for an organisation you belong to."), field="organisation")
        organisation_id = organisation.pk
    with transaction.atomic():
        practice = Practice.objects.create(owner=actor, organisation_id=organisation_id, **fields)
        if approaches:
            practice.approaches.set(approaches)
        _save_version(practice, actor)
        search.index_practice(practice)
        _audit("practice.created", actor, practice, organisation_id, name=practice.name)
    return practice


# What a peer review vouches for: the English (source) texts that describe the practice and its evidence, and
# the facts of scope and evidence. Changing one of these on a published, peer reviewed entry withdraws the "peer
# reviewed" label (back to "inspiring") and flags the entry for a new review: the label is set again only by a
# new completed review. Contact details, funding, the organisation's name, languages, the name of the practice and
# translations (which restate the reviewed text) are not substance and keep the label.
SUBSTANCE_FIELDS = ("description_en", "prevention_link_en", "approach_en", "evaluation_en", "deliverables_en",
                    "sustainability_en", "evidence_level", "maryland_level", "settings", "target_audiences", "themes",
                    "start_year", "practice_status")


def practice_update(*, actor, practice: Practice, expected_version: int, **changes) -> Practice:
    """Save an edit (optimistic concurrency: a stale `expected_version` raises StaleEdit, nothing saved). An edit
    in substance (`SUBSTANCE_FIELDS`) of a published, peer reviewed practice withdraws the label until a new
    review is completed."""
    access.require(actor, CHANGE, practice)
    base = {key.rsplit("_", 1)[0] if key.rsplit("_", 1)[-1] in LANGUAGE_CODES else key for key in changes}
    if base - set(Practice.EDITABLE_FIELDS):
        raise ValueError(f"not editable: {sorted(base - set(Practice.EDITABLE_FIELDS))}")
    merged = {**snapshot(practice), **changes}
    merged.setdefault("name", merged.get("name_en"))
    _validate_practice({**merged, "name": changes.get("name", practice.name_en),
                        "description": changes.get("description", practice.description_en),
                        "prevention_link": changes.get("prevention_link", practice.prevention_link_en)})
    before = snapshot(practice)
    with transaction.atomic():
        # English is the source language: a plain `name` is the English text.
        stored = {(f"{key}_en" if key in Practice.TEXT_FIELDS else key): value for key, value in changes.items()}
        update_versioned(practice, expected_version=expected_version, updated_at=timezone.now(),
                         archive_proposed_at=None, **stored)
        practice.refresh_from_db()
        changed = sorted(k for k, v in snapshot(practice).items() if before.get(k) != v)
        withdrawn = (practice.status == S.PUBLISHED and practice.label == Practice.Label.PEER_REVIEWED
                     and bool(set(changed) & set(SUBSTANCE_FIELDS)))
        if withdrawn:
            Practice.objects.filter(pk=practice.pk).update(label=Practice.Label.INSPIRING,
                                                           rereview_needed_since=timezone.now())
            practice.refresh_from_db()
        _save_version(practice, actor)
        search.index_practice(practice)
        _audit("practice.updated", actor, practice, practice.organisation_id, fields=changed,
               peer_review_label_withdrawn=withdrawn)
    return practice


def _transition(actor, practice, to_status, verb, **extra):
    with transaction.atomic():
        update_versioned(practice, expected_version=practice.version, status=to_status, **extra)
        _save_version(practice, actor)
        search.index_practice(practice)
        _audit(f"practice.{verb}", actor, practice, practice.organisation_id, status=to_status)
    return practice


def practice_submit(*, actor, practice: Practice) -> Practice:
    access.require(actor, SUBMIT, practice)
    if practice.status != S.DRAFT:
        raise invalid(_("Only a draft can be submitted."))
    return _transition(actor, practice, S.SUBMITTED, "submitted")


def practice_publish(*, actor, practice: Practice) -> Practice:
    access.require(actor, EDIT, practice)
    if practice.status not in {S.SUBMITTED, S.PEER_REVIEW, S.ARCHIVED}:
        raise invalid(_("Only a submitted or reviewed practice can be published."))
    if practice.reviews.filter(status=Review.Status.ACCEPTED).exists():
        raise invalid(_("A peer review is under way: publish when it is completed."))
    completed = practice.reviews.filter(status=Review.Status.COMPLETED).order_by("-completed_at").first()
    label = Practice.Label.INSPIRING
    if completed and completed.recommendation == Review.Recommendation.PEER_REVIEWED and not (
            practice.rereview_needed_since and completed.completed_at < practice.rereview_needed_since):
        label = Practice.Label.PEER_REVIEWED
    practice = _transition(actor, practice, S.PUBLISHED, "published", label=label,
                           published_at=practice.published_at or timezone.now(), archive_proposed_at=None)
    owner = practice.owner
    url = reverse("practices:practice", args=[practice.pk])
    transaction.on_commit(lambda: notification_send(
        recipients=[owner], title=notice(N_("Your practice is published")), body=practice.name, url=url))
    return practice


def practice_archive(*, actor, practice: Practice) -> Practice:
    access.require(actor, EDIT, practice)
    if practice.status == S.ARCHIVED:
        raise invalid(_("This practice is archived already."))
    return _transition(actor, practice, S.ARCHIVED, "archived")


def practices_propose_stale_for_archiving(*, now=None, after_days: int | None = None) -> int:
    """Published entries not updated for `after_days` are proposed for archiving and their owners told. A
    proposal, not a decision: an editor archives, and an update by the owner withdraws it."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=after_days or STALE_AFTER_DAYS)
    stale = list(Practice.objects.filter(status=S.PUBLISHED, updated_at__lt=cutoff, archive_proposed_at__isnull=True)
                 .select_related("owner")[:500])
    with transaction.atomic():
        Practice.objects.filter(pk__in=[p.pk for p in stale]).update(archive_proposed_at=now)
        for practice in stale:
            audit.record(action="practices.practice.archive_proposed", obj=practice,
                         organisation=practice.organisation_id, actor_label="system",
                         data={"last_updated": practice.updated_at.isoformat()})
        for practice in stale:
            url = reverse("practices:practice", args=[practice.pk])
            transaction.on_commit(lambda p=practice, u=url: notification_send(
                recipients=[p.owner], url=u, body=p.name,
                title=notice(N_("Your practice has not been updated for a long time and is proposed for "
                                "archiving: update it to keep it in the collection."))))
    return len(stale)


# --- peer review ------------------------------------------------------------------------------------------------


def reviewer_conflict(practice: Practice, reviewer) -> str:
    """Why this person may not review this practice ('' when they may)."""
    if reviewer.pk == practice.owner_id:
        return _("The owner of a practice cannot review it.")
    profile = getattr(reviewer, "reviewer_profile", None)
    if profile is None or not profile.active:
        return _("This person is not in the expert pool.")
    if profile.years_experience < MIN_REVIEWER_YEARS:
        return _("A reviewer needs at least %(years)s years of first-line experience.") % {"years": MIN_REVIEWER_YEARS}
    their_organisations = access.organisations_of(reviewer)
    if practice.organisation_id and practice.organisation_id in their_organisations:
        return _("The reviewer works for the organisation that owns the practice: a conflict of interest.")
    if practice.organisation_id and profile.conflicts.filter(pk=practice.organisation_id).exists():
        return _("The reviewer declared a conflict of interest with this organisation.")
    return ""


def review_propose(*, actor, practice: Practice, reviewer) -> Review:
    access.require_create(actor, Review, practice=practice)
    rereview = practice.status == S.PUBLISHED and practice.rereview_needed_since is not None
    if practice.status not in {S.SUBMITTED, S.PEER_REVIEW} and not rereview:
        raise invalid(_("Only a submitted practice, or a published one changed since its review, can be sent for "
                        "peer review."))
    conflict = reviewer_conflict(practice, reviewer)
    if conflict:
        raise invalid(conflict, field="reviewer")
    if practice.reviews.filter(status__in=[Review.Status.PROPOSED, Review.Status.ACCEPTED]).exists():
        raise invalid(_("A reviewer is already proposed or at work on this practice."), field="reviewer")
    with transaction.atomic():
        review = Review.objects.create(practice=practice, reviewer=reviewer, proposed_by=actor)
        if not rereview:  # a published entry stays published while it is reviewed again
            update_versioned(practice, expected_version=practice.version, status=S.PEER_REVIEW)
        _audit("review.proposed", actor, review, practice.organisation_id, practice=practice.pk, reviewer=reviewer.pk)
    url = reverse("practices:practice", args=[practice.pk])
    owner = practice.owner
    transaction.on_commit(lambda: notification_send(
        recipients=[owner], url=url, body=practice.name,
        title=notice(N_("A reviewer is proposed for your practice: accept or decline"))))
    return review


def review_decide(*, actor, review: Review, accept: bool) -> Review:
    access.require(actor, DECIDE_REVIEWER, review)
    with transaction.atomic():
        review.status = Review.Status.ACCEPTED if accept else Review.Status.DECLINED
        review.save(update_fields=["status"])
        if not accept:
            Practice.objects.filter(pk=review.practice_id, status=S.PEER_REVIEW).update(status=S.SUBMITTED)
        _audit("review.accepted" if accept else "review.declined", actor, review, review.practice.organisation_id)
    if accept:
        url = reverse("practices:review", args=[review.pk])
        reviewer = review.reviewer
        transaction.on_commit(lambda: notification_send(
            recipients=[reviewer], url=url, body=review.practice.name,
            title=notice(N_("The owner accepted you as the reviewer of a practice"))))
    return review


def review_submit(*, actor, review: Review, recommendation: str, strengths: str, improvements: str,
                  **scores) -> Review:
    """The reviewer completes the structured form. Only this sets the "peer reviewed" label (when the practice
    is published or republished with it)."""
    access.require(actor, REVIEW, review)
    if set(scores) - set(Review.SCORES):
        raise ValueError("unknown criterion")
    for name in Review.SCORES:
        value = scores.get(name)
        if value is None or not 1 <= int(value) <= 5:
            raise invalid(_("Score every criterion from 1 to 5."), field=name)
    if recommendation not in Review.Recommendation.values:
        raise invalid(_("Choose a recommendation."), field="recommendation")
    if not strengths.strip() or not improvements.strip():
        raise invalid(_("Write the strengths and the points for improvement."), field="strengths")
    limits.check_length(strengths, limits.LONG_TEXT, field="strengths")
    limits.check_length(improvements, limits.LONG_TEXT, field="improvements")
    with transaction.atomic():
        for name in Review.SCORES:
            setattr(review, name, int(scores[name]))
        review.recommendation, review.strengths, review.improvements = recommendation, strengths, improvements
        review.status, review.completed_at = Review.Status.COMPLETED, timezone.now()
        review.save()
        practice = review.practice
        if practice.status == S.PUBLISHED:
            label = Practice.Label.PEER_REVIEWED if recommendation == Review.Recommendation.PEER_REVIEWED else \
                Practice.Label.INSPIRING
            Practice.objects.filter(pk=practice.pk).update(label=label, rereview_needed_since=None)
        else:
            Practice.objects.filter(pk=practice.pk).update(rereview_needed_since=None)
        _audit("review.completed", actor, review, practice.organisation_id, recommendation=recommendation)
    owner = practice.owner
    url = reverse("practices:review", args=[review.pk])
    transaction.on_commit(lambda: notification_send(
        recipients=[owner], url=url, body=practice.name,
        title=notice(N_("The peer review of your practice is complete"))))
    return review


def reviewer_profile_save(*, actor, user, years_experience: int, themes=(), settings_known=(),
                          evaluation_experience=False, conflicts=()) -> ReviewerProfile:
    access.require_create(actor, ReviewerProfile)
    if not 0 <= int(years_experience) <= 70:
        raise invalid(_("Give the years of experience."), field="years_experience")
    with transaction.atomic():
        profile, _created = ReviewerProfile.objects.update_or_create(user=user, defaults={
            "years_experience": years_experience, "themes": list(themes), "settings": list(settings_known),
            "evaluation_experience": evaluation_experience})
        profile.conflicts.set(conflicts)
        _audit("reviewer.saved", actor, profile, None, user=user.pk)
    return profile


# --- find a counterpart --------------------------------------------------------------------------------------------


def contact_request_send(*, actor, practice: Practice, message: str, share_email: bool, consent: bool
                         ) -> ContactRequest:
    """A practitioner writes to a practice's owner through the platform: the owner's address is never shown;
    the sender's is passed on only if they agree. At most CONTACTS_PER_DAY a day per sender."""
    access.require_create(actor, ContactRequest, practice=practice)
    if not consent:
        raise invalid(_("Agree that your name and message are passed on to the practice's owner."), field="consent")
    if not message.strip():
        raise invalid(_("Write a message."), field="message")
    limits.check_length(message, limits.REASON_TEXT, field="message")
    since = timezone.now() - dt.timedelta(days=1)
    if ContactRequest.objects.filter(sender=actor, created_at__gte=since).count() >= CONTACTS_PER_DAY:
        raise invalid(_("You have sent %(count)s contact requests today: try again tomorrow.")
                      % {"count": CONTACTS_PER_DAY}, code="rate_limited")
    with transaction.atomic():
        request = ContactRequest.objects.create(practice=practice, sender=actor, message=message,
                                                share_email=share_email)
        _audit("contact.sent", actor, request, practice.organisation_id, practice=practice.pk)
    owner, sender_name = practice.owner, str(actor.get_full_name() if hasattr(actor, "get_full_name") else actor)
    reply = actor.email if share_email else ""
    url = reverse("practices:contacts")

    def body():
        text = _("%(sender)s would like to talk about your practice \"%(practice)s\".") % {
            "sender": sender_name or _("A practitioner"), "practice": practice.name}
        return f"{text}\n\n{message}" + (f"\n\n{_('Reply to')}: {reply}" if reply else "")

    transaction.on_commit(lambda: notification_send(
        recipients=[owner], url=url, body=body, title=notice(N_("A practitioner asks to get in touch"))))
    return request


# --- approaches, lessons, publications -----------------------------------------------------------------------------


def approach_create(*, actor, title: str, description: str, is_published=False, practices=(),
                    **translations) -> Approach:
    access.require_create(actor, Approach)
    if not title.strip() or not description.strip():
        raise invalid(_("An approach needs a title and a description."), field="title")
    with transaction.atomic():
        approach = Approach.objects.create(title=title, description=description, owner=actor,
                                           is_published=is_published, **translations)
        approach.practices.set(practices)
        _audit("approach.created", actor, approach)
    return approach


def lesson_create(*, actor, title: str, summary: str, practices=(), approaches=(), is_published=False,
                  **fields) -> LessonLearned:
    access.require_create(actor, LessonLearned)
    if not title.strip() or not summary.strip():
        raise invalid(_("A lesson learned needs a title and a summary."), field="title")
    with transaction.atomic():
        lesson = LessonLearned.objects.create(title=title, summary=summary, owner=actor, is_published=is_published,
                                              **fields)
        lesson.practices.set(practices)
        lesson.approaches.set(approaches)
        _audit("lesson.created", actor, lesson)
    return lesson


def publication_save(*, actor, slug: str, kind: str, title: str, chapters: list[dict], summary: str = "",
                     is_published=False, practices=(), lessons=(), must_be_new=False, **translations) -> Publication:
    """Create or replace a publication with its chapters ({"title", "body", "title_fr"..., "link_url"}).
    `must_be_new` (the "new publication" page): an existing short name is refused instead of replaced."""
    existing = Publication.objects.filter(slug=slug).first()
    if existing is not None and must_be_new:
        raise invalid(_("Another publication uses this short name."), field="slug")
    if existing is None:
        access.require_create(actor, Publication)
    else:
        access.require(actor, CHANGE, existing)
    if kind not in Publication.Kind.values:
        raise invalid(_("Choose the kind of publication."), field="kind")
    limits.check_count(chapters, limits.ITEMS_PER_FORM, field="chapters")
    with transaction.atomic():
        fields = {"kind": kind, "title": title, "summary": summary, "is_published": is_published,
                  "updated_at": timezone.now(), **translations}
        if existing is None:
            publication = Publication.objects.create(slug=slug, owner=actor, **fields)
        else:
            for key, value in fields.items():
                setattr(existing, key, value)
            existing.version += 1
            existing.save()
            publication = existing
            publication.chapters.all().delete()
        Chapter.objects.bulk_create([Chapter(publication=publication, position=i, **chapter)
                                     for i, chapter in enumerate(chapters)])
        publication.practices.set(practices)
        publication.lessons.set(lessons)
        _audit("publication.saved", actor, publication, slug=slug)
    return publication


# --- studies ------------------------------------------------------------------------------------------------------


def study_create(*, actor, organisation, title: str, research_questions: str, retention_until: dt.date,
                 ethics_reference: str = "") -> Study:
    access.require_create(actor, Study, organisation=organisation)
    if not title.strip() or not research_questions.strip():
        raise invalid(_("A study needs a title and its research questions."), field="title")
    if retention_until <= timezone.localdate():
        raise invalid(_("The retention date must be in the future."), field="retention_until")
    with transaction.atomic():
        study = Study.objects.create(organisation=organisation, title=title, research_questions=research_questions,
                                     retention_until=retention_until, ethics_reference=ethics_reference,
                                     created_by=actor)
        StudyMember.objects.create(study=study, user=actor, role=StudyMember.Role.LEAD)
        forget_study_roles(actor)
        _audit("study.created", actor, study, organisation.pk)
    return study


def study_member_add(*, actor, study: Study, user, role: str) -> StudyMember:
    access.require(actor, MANAGE, study)
    if role not in StudyMember.Role.values:
        raise invalid(_("Choose a role in the study."), field="role")
    with transaction.atomic():
        member, _created = StudyMember.objects.update_or_create(study=study, user=user, defaults={"role": role})
        forget_study_roles(user)
        _audit("study.member_added", actor, study, study.organisation_id, user=user.pk, role=role)
    return member


def study_member_add_by_email(*, actor, study: Study, email: str, role: str) -> StudyMember:
    access.require(actor, MANAGE, study)
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        raise invalid(_("No active person on the platform has this address."), field="email")
    return study_member_add(actor=actor, study=study, user=user, role=role)


def _check_questions(questions) -> None:
    if not isinstance(questions, list) or not questions:
        raise invalid(_("A guide needs at least one question."), field="questions")
    limits.check_count(questions, limits.ITEMS_PER_FORM, field="questions")
    for item in questions:
        if not isinstance(item, dict) or not str(item.get("question", "")).strip() or \
                not isinstance(item.get("probes", []), list):
            raise invalid(_("Each question needs its text and a list of probes."), field="questions")


def guide_add_version(*, actor, study: Study, kind: str, questions: list) -> Guide:
    access.require(actor, MANAGE, study)
    if kind not in Guide.Kind.values:
        raise invalid(_("Choose interview or focus group."), field="kind")
    _check_questions(questions)
    with transaction.atomic():
        last = study.guides.filter(kind=kind).order_by("-version").first()
        guide = Guide.objects.create(study=study, kind=kind, version=(last.version + 1) if last else 1,
                                     questions=questions)
        _audit("guide.versioned", actor, guide, study.organisation_id, version=guide.version)
    return guide


def consent_sheet_add_version(*, actor, study: Study, information: str, consent_text: str) -> ConsentSheet:
    access.require(actor, MANAGE, study)
    if not information.strip() or not consent_text.strip():
        raise invalid(_("Write the information sheet and the consent form."), field="information")
    with transaction.atomic():
        last = study.consent_sheets.order_by("-version").first()
        sheet = ConsentSheet.objects.create(study=study, version=(last.version + 1) if last else 1,
                                            information=information, consent_text=consent_text)
        _audit("consent_sheet.versioned", actor, sheet, study.organisation_id, version=sheet.version)
    return sheet


def session_create(*, actor, study: Study, kind: str, date: dt.date, facilitator: str, label: str,
                   mode: str = ResearchSession.Mode.IN_PERSON, note_taker: str = "", guide=None,
                   notes: str = "") -> ResearchSession:
    access.require(actor, MANAGE, study)
    if kind not in Guide.Kind.values:
        raise invalid(_("Choose interview or focus group."), field="kind")
    if guide is not None and (guide.study_id != study.pk or guide.kind != kind):
        raise invalid(_("Choose a guide of this study and of this kind."), field="guide")
    if not facilitator.strip() or not label.strip():
        raise invalid(_("Name the facilitator and give the session a label."), field="facilitator")
    limits.check_length(notes, limits.LONG_TEXT, field="notes")
    with transaction.atomic():
        session = ResearchSession.objects.create(study=study, kind=kind, date=date, facilitator=facilitator,
                                                 label=label, mode=mode, note_taker=note_taker, guide=guide,
                                                 notes=notes)
        _audit("session.created", actor, session, study.organisation_id, label=label)
    return session


def participant_add(*, actor, session: ResearchSession, code: str, role_category: str, consent_sheet: ConsentSheet,
                    consent_given_on: dt.date) -> Participant:
    access.require(actor, MANAGE, session.study)
    code = code.strip().upper()
    if not code or len(code) > 20 or " " in code:
        raise invalid(_("A pseudonym is a short code such as P01, without spaces."), field="code")
    if role_category not in Participant.RoleCategory.values:
        raise invalid(_("Choose a role category."), field="role_category")
    if consent_sheet.study_id != session.study_id:
        raise invalid(_("Choose a consent version of this study."), field="consent_sheet")
    if session.participants.filter(code=code).exists():
        raise invalid(_("This pseudonym is already used in this session."), field="code")
    with transaction.atomic():
        participant = Participant.objects.create(session=session, code=code, role_category=role_category,
                                                 consent_sheet=consent_sheet, consent_given_on=consent_given_on)
        _audit("participant.added", actor, participant, session.study.organisation_id, code=code)
    return participant


def participant_withdraw_consent(*, actor, participant: Participant) -> Participant:
    """Withdrawing consent removes the participant's coded segments from analysis (deleted, audit kept)."""
    access.require(actor, MANAGE, participant.session.study)
    with transaction.atomic():
        removed = participant.codings.all().delete()[0]
        participant.consent_withdrawn_on = timezone.localdate()
        participant.save(update_fields=["consent_withdrawn_on"])
        _audit("participant.consent_withdrawn", actor, participant, participant.session.study.organisation_id,
               segments_removed=removed)
    return participant


def normalise_text(text: str) -> str:
    return (text or "").replace("\r\n", "\n").replace("\r", "\n")


def _pseudonym_key(study: Study) -> dict:
    key = PseudonymKey.objects.filter(study=study).first()
    return json.loads(key.replacements) if key and key.replacements else {}


def pseudonym_key_save(*, actor, study: Study, raw: str) -> PseudonymKey:
    """The study's replacements ("Real name = P01" lines), stored encrypted apart from the transcripts. Applied
    to every transcript saved from now on; the lead alone reads or changes it."""
    access.require(actor, MANAGE, study)
    limits.check_length(raw, limits.LONG_TEXT, field="key")
    replacements = transcripts.parse_key(raw)
    limits.check_count(replacements, limits.ITEMS_PER_FORM * 5, field="key")
    with transaction.atomic():
        key, _created = PseudonymKey.objects.update_or_create(study=study, defaults={
            "replacements": json.dumps(replacements, ensure_ascii=False), "updated_at": timezone.now()})
        _audit("pseudonym_key.saved", actor, study, study.organisation_id, entries=len(replacements))
    return key


def transcript_save(*, actor, session: ResearchSession, text: str = "", upload=None,
                    expected_version: int | None = None) -> Transcript:
    """Typed or uploaded (txt, srt, vtt, docx, odt). The text as given is kept encrypted for the lead only; the
    coders read it with the study's pseudonym key applied."""
    access.require(actor, MANAGE, session.study)
    if upload is not None:
        text = transcripts.read_upload(upload)
    raw = normalise_text(text)
    if not raw.strip():
        raise invalid(_("The transcript is empty."), field="text")
    limits.check_length(raw, 2_000_000, field="text")
    text = transcripts.pseudonymise(raw, _pseudonym_key(session.study))
    with transaction.atomic():
        existing = Transcript.objects.filter(session=session).first()
        if existing is None:
            transcript = Transcript.objects.create(session=session, text=text, raw_text=raw)
        else:
            if existing.codings.exists() and existing.text != text:
                raise invalid(_("This transcript is coded already: its text can no longer change."), field="text")
            transcript = update_versioned(existing, expected_version=expected_version, text=text, raw_text=raw,
                                          updated_at=timezone.now())
        _audit("transcript.saved", actor, transcript, session.study.organisation_id, characters=len(text))
    return transcript


def transcript_read_raw(*, actor, transcript: Transcript, purpose: str) -> str:
    """The transcript before pseudonymisation: the study lead only, with a purpose, every read audited."""
    access.require(actor, MANAGE, transcript.session.study)
    if not purpose.strip():
        raise invalid(_("Say why you need the original text."), field="purpose")
    limits.check_length(purpose, limits.SHORT_TEXT, field="purpose")
    audit.record(action="practices.transcript.raw_viewed", actor=actor, obj=transcript,
                 organisation=transcript.session.study.organisation_id, purpose=purpose)
    return transcript.raw_text


def code_create(*, actor, study: Study, name: str, parent: Code | None = None, definition: str = "",
                inclusion: str = "", exclusion: str = "", is_theme: bool = False) -> Code:
    access.require(actor, CODE, study)
    if not name.strip():
        raise invalid(_("Give the code a name."), field="name")
    if parent is not None and parent.study_id != study.pk:
        raise invalid(_("Choose a parent code of this study."), field="parent")
    if Code.objects.filter(study=study, parent=parent, name=name.strip()).exists():
        raise invalid(_("A code with this name exists already at this place."), field="name")
    with transaction.atomic():
        code = Code.objects.create(study=study, parent=parent, name=name.strip(), definition=definition,
                                   inclusion=inclusion, exclusion=exclusion, is_theme=is_theme)
        _audit("code.created", actor, code, study.organisation_id, name=code.name)
    return code


def coding_add(*, actor, transcript: Transcript, code: Code, start: int, end: int, participant=None,
               memo: str = "") -> Coding:
    study = transcript.session.study
    access.require(actor, CODE, study)
    if code.study_id != study.pk:
        raise invalid(_("Choose a code of this study's codebook."), field="code")
    text = transcript.text
    if not (0 <= start < end <= len(text)):
        raise invalid(_("The segment lies outside the transcript (it has %(length)s characters).")
                      % {"length": len(text)}, field="start")
    if participant is None:  # the speaker of the turn the segment starts in, when the turns name a participant
        speaker = transcripts.speaker_at(text, start)
        participant = transcript.session.participants.filter(code__iexact=speaker).first() if speaker else None
    if participant is not None:
        if participant.session_id != transcript.session_id:
            raise invalid(_("Choose a participant of this session."), field="participant")
        if participant.consent_withdrawn_on:
            raise invalid(_("This participant withdrew their consent: their words are not analysed."),
                          field="participant")
    limits.check_length(memo, limits.REASON_TEXT, field="memo")
    with transaction.atomic():
        coding = Coding.objects.create(transcript=transcript, code=code, start=start, end=end,
                                       snippet=text[start:end], participant=participant, memo=memo, coder=actor)
        _audit("coding.added", actor, coding, study.organisation_id, code=code.pk)
    return coding


def theme_publish_as_lesson(*, actor, theme: Code, title: str, summary: str, body: str = "", practices=(),
                            **translations) -> LessonLearned:
    """A theme of a study becomes a published lesson learned, traceable to its evidence — the study, how many
    sessions it was coded in, the mix of roles — never to a person (no quote, no pseudonym is copied)."""
    study = theme.study
    access.require(actor, MANAGE, study)
    access.require_create(actor, LessonLearned)
    if not theme.is_theme:
        raise invalid(_("Only a theme can be published as a lesson learned."), field="theme")
    if not title.strip() or not summary.strip():
        raise invalid(_("A lesson learned needs a title and a summary."), field="title")
    descendants, frontier = {theme.pk}, [theme.pk]
    while frontier:
        frontier = list(Code.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        descendants.update(frontier)
    coded = Coding.objects.filter(code_id__in=descendants)
    sessions = coded.values("transcript__session_id").distinct().count()
    roles = sorted({str(Participant.RoleCategory(r).label) for r in
                    coded.exclude(participant=None).values_list("participant__role_category", flat=True).distinct()})
    evidence = _("%(study)s — theme “%(theme)s”: coded in %(sessions)s sessions; roles: %(roles)s.") % {
        "study": study.title, "theme": theme.name, "sessions": sessions, "roles": ", ".join(roles) or "—"}
    with transaction.atomic():
        lesson = LessonLearned.objects.create(title=title, summary=summary, body=body, owner=actor,
                                              is_published=True, evidence=evidence[:500], **translations)
        lesson.practices.set(practices)
        _audit("theme.published_as_lesson", actor, lesson, study.organisation_id, theme=theme.pk, study=study.pk)
    return lesson


# --- REFI-QDA import ------------------------------------------------------------------------------------------


@dataclass
class QdpxPreview:
    """What importing a .qdpx into a study would create, and what stops it (`problems`: nothing is saved while
    one remains). `coders` maps each REFI user to the account its codings go to."""

    project: object
    coders: list[dict]
    new_codes: int
    problems: list[str]
    skipped: list[str]
    imported: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


def _qdpx_plan(actor, study: Study, upload) -> tuple[QdpxPreview, dict]:
    from . import qdpx

    project = qdpx.read(upload)
    problems = list(project.problems)
    if not project.sources:
        problems.append(_("The project has no text source to import."))
    key = _pseudonym_key(study)
    for source in project.sources:
        if source.selections and transcripts.pseudonymise(source.text, key) != source.text:
            problems.append(_("%(path)s: the text names people of the study's pseudonym key, and replacing them "
                              "would move its coded segments. Pseudonymise the source in the other tool first.")
                            % {"path": source.path})
        if len(source.text) > 2_000_000:
            problems.append(_("%(path)s: the source is longer than 2,000,000 characters.") % {"path": source.path})
    coding_roles = {StudyMember.Role.LEAD, StudyMember.Role.CODER}
    members = {m.user.email.lower(): m.user for m in study.members.select_related("user")
               if m.role in coding_roles and m.user.is_active}
    used = {s.user for source in project.sources for s in source.selections}
    accounts, coders = {}, []
    for guid in sorted(used, key=lambda g: project.users.get(g, "")):
        name = project.users.get(guid, "")
        account = members.get(name.strip().lower())
        accounts[guid] = account or actor
        count = sum(1 for source in project.sources for s in source.selections if s.user == guid)
        coders.append({"name": name or _("(no user)"), "account": accounts[guid], "matched": account is not None,
                       "codings": count})
    existing = {(c.parent_id, c.name.lower()) for c in study.codes.all()}
    new_codes = sum(1 for c in project.codes if c.parent or (None, c.name.lower()) not in existing)
    return QdpxPreview(project, coders, new_codes, problems[:qdpx.MAX_PROBLEMS], project.skipped), accounts


def study_import_qdpx_preview(*, actor, study: Study, upload) -> QdpxPreview:
    """What the uploaded .qdpx would add to the study, or what is wrong with it, element by element. Writes
    nothing."""
    access.require(actor, MANAGE, study)
    preview, _accounts = _qdpx_plan(actor, study, upload)
    return preview


def study_import_qdpx(*, actor, study: Study, upload) -> QdpxPreview:
    """Import a REFI-QDA project into the study: each text source becomes a session with its transcript (the
    study's pseudonym key applied), codes are matched by name and place in the codebook or added, each coded
    segment becomes a coding with its memo (the notes it refers to). Refused whole while any problem remains."""
    access.require(actor, MANAGE, study)
    preview, accounts = _qdpx_plan(actor, study, upload)
    if preview.problems:
        raise ValidationError(preview.problems, code="invalid_project")
    project = preview.project
    key = _pseudonym_key(study)
    with transaction.atomic():
        codes: dict[str, Code] = {}
        for entry in project.codes:
            parent = codes.get(entry.parent) if entry.parent else None
            code = Code.objects.filter(study=study, parent=parent, name__iexact=entry.name).first()
            if code is None:
                code = Code.objects.create(study=study, parent=parent, name=entry.name,
                                           definition=entry.description)
            codes[entry.guid] = code
        today = timezone.localdate()
        facilitator = (actor.get_full_name() if hasattr(actor, "get_full_name") else "") or actor.email
        created = 0
        for number, source in enumerate(project.sources, start=1):
            session = ResearchSession.objects.create(
                study=study, kind=Guide.Kind.INTERVIEW, date=today, facilitator=facilitator[:200],
                label=(source.name or _("Imported source %(number)s") % {"number": number})[:100])
            text = transcripts.pseudonymise(source.text, key)
            transcript = Transcript.objects.create(session=session, text=text, raw_text=source.text)
            rows = []
            for selection in source.selections:
                memo = "\n\n".join(project.notes.get(g, "") for g in selection.notes if project.notes.get(g))
                for guid in selection.codes:
                    rows.append(Coding(transcript=transcript, code=codes[guid], start=selection.start,
                                       end=selection.end, snippet=text[selection.start:selection.end],
                                       memo=memo[:limits.REASON_TEXT], coder=accounts[selection.user]))
            Coding.objects.bulk_create(rows)
            created += len(rows)
        _audit("study.imported", actor, study, study.organisation_id, format="qdpx", sources=len(project.sources),
               codes=len(project.codes), codings=created)
    preview.imported = True
    return preview


# --- blind coding and adjudication -----------------------------------------------------------------------------


def study_set_blind_coding(*, actor, study: Study, blind: bool) -> Study:
    """Blind coding: from now on each coder sees only their own codings (the lead sees all, to compare and
    adjudicate). Turning it off shows every coding to the whole team again."""
    access.require(actor, MANAGE, study)
    with transaction.atomic():
        Study.objects.filter(pk=study.pk).update(blind_coding=bool(blind))
        study.blind_coding = bool(blind)
        _audit("study.blind_coding_set", actor, study, study.organisation_id, blind=bool(blind))
    return study


def adjudicate(*, actor, transcript: Transcript, code: Code, coder_a, coder_b, keep: list[int]) -> list[Coding]:
    """The adjudicator resolves two coders' disagreements on one code in one transcript: the spans both coded,
    plus the disagreements they choose to keep (by number), become the final codings (replacing earlier final
    codings of that code there). The coders' own codings stay, for the agreement figures."""
    from . import analysis

    study = transcript.session.study
    access.require(actor, MANAGE, study)
    if code.study_id != study.pk:
        raise invalid(_("Choose a code of this study's codebook."), field="code")
    if coder_a.pk == coder_b.pk:
        raise invalid(_("Choose two different coders."), field="coder")
    comparison = next(iter(analysis.compare(actor=actor, study=study, coder_a=coder_a, coder_b=coder_b,
                                            transcript=transcript, code=code)), None)
    if comparison is None:
        raise invalid(_("Neither coder coded this code in this transcript: there is nothing to adjudicate."),
                      field="code")
    numbers = {d["number"]: d for d in comparison.disagreements}
    unknown = sorted(set(keep) - set(numbers))
    if unknown:
        raise invalid(_("There is no disagreement number %(number)s here.") % {"number": unknown[0]}, field="keep")
    characters = {i for s, e in comparison.agreed for i in range(s, e)}
    for number in keep:
        characters.update(range(numbers[number]["start"], numbers[number]["end"]))
    text = transcript.text
    speakers = {p.code.casefold(): p for p in transcript.session.participants.filter(consent_withdrawn_on=None)}

    def speaker(start):  # as coding_add: the participant whose turn the segment starts in, for the role figures
        name = transcripts.speaker_at(text, start)
        return speakers.get(name.casefold()) if name else None

    with transaction.atomic():
        Coding.objects.filter(transcript=transcript, code=code, is_final=True).delete()
        finals = Coding.objects.bulk_create([
            Coding(transcript=transcript, code=code, start=s, end=e, snippet=text[s:e], coder=actor, is_final=True,
                   participant=speaker(s))
            for s, e in analysis.spans(characters)])
        _audit("coding.adjudicated", actor, transcript, study.organisation_id, code=code.pk,
               disagreements=len(numbers), kept=len(keep), final=len(finals))
    return finals


# --- editing approaches, lessons learned and publications -------------------------------------------------------


def _check_texts(texts: dict, required: tuple, message) -> None:
    for name in required:
        if not (texts.get(f"{name}_en") or "").strip():
            raise invalid(message, field=f"{name}_en")
    for key, value in texts.items():
        limits.check_length(value or "", limits.LONG_TEXT, field=key)


def _update_texts(actor, obj, expected_version: int, texts: dict, **fields):
    """Write the texts (per language) and fields if nobody saved in between (else StaleEdit, nothing saved)."""
    update_versioned(obj, expected_version=expected_version, **texts, **fields)
    obj.refresh_from_db()
    return obj


def approach_update(*, actor, approach: Approach, expected_version: int, texts: dict, practice_ids=(),
                    is_published=False) -> Approach:
    access.require(actor, CHANGE, approach)
    _check_texts(texts, ("title", "description"), _("An approach needs a title and a description."))
    practices = selectors.published_practices(practice_ids)
    with transaction.atomic():
        _update_texts(actor, approach, expected_version, texts, is_published=is_published)
        approach.practices.set(practices)
        _audit("approach.updated", actor, approach, fields=sorted(texts))
    return approach


def lesson_update(*, actor, lesson: LessonLearned, expected_version: int, texts: dict, practice_ids=(),
                  evidence: str = "", is_published=False) -> LessonLearned:
    access.require(actor, CHANGE, lesson)
    _check_texts(texts, ("title", "summary"), _("A lesson learned needs a title and a summary."))
    limits.check_length(evidence, 500, field="evidence")
    practices = selectors.published_practices(practice_ids)
    with transaction.atomic():
        _update_texts(actor, lesson, expected_version, texts, evidence=evidence, is_published=is_published)
        lesson.practices.set(practices)
        _audit("lesson.updated", actor, lesson, fields=sorted(texts))
    return lesson


def publication_update(*, actor, publication: Publication, expected_version: int, texts: dict, slug: str,
                       kind: str, practice_ids=(), lesson_ids=(), is_published=False) -> Publication:
    access.require(actor, CHANGE, publication)
    _check_texts(texts, ("title",), _("A publication needs a title."))
    if kind not in Publication.Kind.values:
        raise invalid(_("Choose the kind of publication."), field="kind")
    if Publication.objects.filter(slug=slug).exclude(pk=publication.pk).exists():
        raise invalid(_("Another publication uses this short name."), field="slug")
    practices = selectors.published_practices(practice_ids)
    lessons = list(access.visible(actor, LessonLearned).filter(pk__in=list(lesson_ids)))
    with transaction.atomic():
        _update_texts(actor, publication, expected_version, texts, slug=slug, kind=kind, is_published=is_published,
                      updated_at=timezone.now())
        publication.practices.set(practices)
        publication.lessons.set(lessons)
        _audit("publication.saved", actor, publication, slug=slug)
    return publication


def chapter_save(*, actor, publication: Publication, expected_version: int, texts: dict, chapter: Chapter = None,
                 position: int | None = None, link_url: str = "") -> Chapter:
    """Add or change a chapter. The publication's version guards both: two editors changing the same
    publication at once get a stale edit (409) rather than overwriting each other."""
    access.require(actor, CHANGE, publication)
    _check_texts(texts, ("title", "body"), _("A chapter needs a title and a text."))
    if link_url and not (link_url.startswith("/") and not link_url.startswith("//")):
        raise invalid(_("The link must be a page of the platform, starting with “/”."), field="link_url")
    if chapter is not None and chapter.publication_id != publication.pk:
        raise invalid(_("This chapter belongs to another publication."))
    with transaction.atomic():
        update_versioned(publication, expected_version=expected_version, updated_at=timezone.now())
        if position is None:
            position = chapter.position if chapter else publication.chapters.count()
        if chapter is None:
            chapter = Chapter.objects.create(publication=publication, position=position, link_url=link_url, **texts)
        else:
            for key, value in {**texts, "position": position, "link_url": link_url}.items():
                setattr(chapter, key, value)
            chapter.save()
        _audit("chapter.saved", actor, chapter, publication=publication.pk)
    return chapter
