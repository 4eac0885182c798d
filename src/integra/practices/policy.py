"""Who sees and does what in the knowledge base: the one place its access rules are written.

- A published practice (approach, lesson learned, publication) is public: anyone reads it, signed in or not
  (`public_practices`). Everything else comes through the policy.
- The owner of a practice sees and edits it in every state and submits it; editors (researchers / editors of
  any organisation, and the platform administrator) see every practice that left its draft, run the review and
  publish or archive. The matched reviewer sees the practice they review.
- A review is seen by the practice's owner, the editors and its reviewer only; never by the public.
- A contact request is seen by its sender and the practice's owner.
- A study and everything in it (guides, consent sheets, sessions, participants, transcripts, codes, codings) is
  seen only by its team (`StudyMember`); the lead manages it, coders code, readers read. Nobody else — not
  the platform administrator — reads research data.
"""

from django.db.models import Exists, OuterRef, Q

from integra.core import access
from integra.core.access import (
    ADD,
    CHANGE,
    DELETE,
    VIEW,
    ChildPolicy,
    Policy,
    is_platform_admin,
    organisations_of,
    organisations_where,
    register,
)
from integra.core.roles import Role

from .models import (
    Approach,
    Chapter,
    Code,
    Coding,
    ConsentSheet,
    ContactRequest,
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

SUBMIT = "submit"
EDIT = "edit"  # editorial actions: review, publish, archive
REVIEW = "review"  # the reviewer fills the form
DECIDE_REVIEWER = "decide_reviewer"  # the owner accepts or declines the proposed reviewer
CONTACT = "contact"
MANAGE = "manage"
CODE = "code"
WORK = "work"  # the working page of an entry: its owner, the editors (once submitted) and its reviewer

S = Practice.Status


def is_editor(actor) -> bool:
    return is_platform_admin(actor) or bool(organisations_where(actor, Role.RESEARCHER))


def public_practices():
    return Practice.objects.filter(status=S.PUBLISHED)


def is_public(practice) -> bool:
    return practice.status == S.PUBLISHED


@register(Practice)
class PracticePolicy(Policy):
    def visible(self, actor):
        reviewing = Review.objects.filter(practice=OuterRef("pk"), reviewer=actor).exclude(
            status=Review.Status.DECLINED)
        if is_editor(actor):
            return Practice.objects.filter(~Q(status=S.DRAFT) | Q(owner=actor) | Exists(reviewing))
        return Practice.objects.filter(Q(status=S.PUBLISHED) | Q(owner=actor) | Exists(reviewing))

    def can(self, actor, action, obj):
        owner = obj.owner_id == actor.pk
        editor = is_editor(actor)
        if action == VIEW:
            if obj.status == S.PUBLISHED or owner or (editor and obj.status != S.DRAFT):
                return True
            return obj.reviews.filter(reviewer=actor).exclude(status=Review.Status.DECLINED).exists()
        if action == CHANGE:
            return (owner and obj.status != S.ARCHIVED) or (editor and obj.status != S.DRAFT)
        if action in {SUBMIT, DECIDE_REVIEWER}:
            return owner
        if action == EDIT:
            return editor and obj.status != S.DRAFT
        if action == WORK:
            return owner or (editor and obj.status != S.DRAFT) or obj.reviews.filter(reviewer=actor).exclude(
                status=Review.Status.DECLINED).exists()
        if action == CONTACT:  # a practitioner of some organisation, writing to someone else's published entry
            return obj.status == S.PUBLISHED and not owner and bool(organisations_of(actor))
        return False

    def can_create(self, actor, **context):
        return is_platform_admin(actor) or bool(organisations_of(actor))

    def organisations_for(self, actor, action):
        if action == VIEW:
            return None  # published practices of every organisation
        if action == ADD:
            return None if is_platform_admin(actor) else organisations_of(actor)
        if action == EDIT:
            return None if is_editor(actor) else set()
        return set()


def _changeable(actor, prefix: str = "") -> Q:
    """The practices the actor may change (the queryset face of CHANGE), as a condition on `prefix`."""
    own = Q(**{f"{prefix}owner": actor}) & ~Q(**{f"{prefix}status": S.ARCHIVED})
    if is_editor(actor):
        return own | ~Q(**{f"{prefix}status": S.DRAFT})
    return own


@register(PracticeVersion)
class PracticeVersionPolicy(Policy):
    """The history of an entry: seen by those who may edit it."""

    def visible(self, actor):
        return PracticeVersion.objects.filter(_changeable(actor, "practice__"))

    def can(self, actor, action, obj):
        return action == VIEW and PracticePolicy().can(actor, CHANGE, obj.practice)


@register(Review)
class ReviewPolicy(Policy):
    def visible(self, actor):
        if is_editor(actor):
            return Review.objects.filter(~Q(practice__status=S.DRAFT) | Q(practice__owner=actor) | Q(reviewer=actor))
        return Review.objects.filter(Q(practice__owner=actor) | Q(reviewer=actor))

    def can(self, actor, action, obj):
        owner = obj.practice.owner_id == actor.pk
        editor = is_editor(actor) and (obj.practice.status != S.DRAFT or owner)
        if action == VIEW:
            return owner or editor or obj.reviewer_id == actor.pk
        if action == DECIDE_REVIEWER:
            return owner and obj.status == Review.Status.PROPOSED
        if action == REVIEW:
            return obj.reviewer_id == actor.pk and obj.status == Review.Status.ACCEPTED
        return False

    def can_create(self, actor, *, practice=None, **context):
        return practice is not None and PracticePolicy().can(actor, EDIT, practice)

    def organisations_for(self, actor, action):
        return None if is_editor(actor) else set()

    def can_any(self, actor, action):
        return is_editor(actor) or Review.objects.filter(reviewer=actor).exists()


@register(ReviewerProfile)
class ReviewerProfilePolicy(Policy):
    """The expert pool: editors see it; each reviewer sees their own profile."""

    def visible(self, actor):
        if is_editor(actor):
            return ReviewerProfile.objects.all()
        return ReviewerProfile.objects.filter(user=actor)

    def can(self, actor, action, obj):
        if action == VIEW:
            return is_editor(actor) or obj.user_id == actor.pk
        if action == CHANGE:
            return is_editor(actor)
        return False

    def can_create(self, actor, **context):
        return is_editor(actor)


@register(ContactRequest)
class ContactRequestPolicy(Policy):
    def visible(self, actor):
        return ContactRequest.objects.filter(Q(sender=actor) | Q(practice__owner=actor))

    def can(self, actor, action, obj):
        return action == VIEW and actor.pk in {obj.sender_id, obj.practice.owner_id}

    def can_create(self, actor, *, practice=None, **context):
        return practice is not None and PracticePolicy().can(actor, CONTACT, practice)


class _Published(Policy):
    """An approach, a lesson learned or a publication: public once published; editors see and edit all."""

    def visible(self, actor):
        if is_editor(actor):
            return self.model.objects.all()
        return self.model.objects.filter(is_published=True)

    def can(self, actor, action, obj):
        if action == VIEW:
            return obj.is_published or is_editor(actor)
        return action in {CHANGE, EDIT} and is_editor(actor)

    def can_create(self, actor, **context):
        return is_editor(actor)

    def organisations_for(self, actor, action):
        if action == VIEW:
            return None
        return None if is_editor(actor) else set()


@register(Approach)
class ApproachPolicy(_Published):
    pass


@register(LessonLearned)
class LessonLearnedPolicy(_Published):
    pass


@register(Publication)
class PublicationPolicy(_Published):
    pass


@register(Chapter)
class ChapterPolicy(ChildPolicy):
    parent = "publication"
    parent_model = Publication
    actions = {ADD: CHANGE, DELETE: CHANGE}


def public_approaches():
    return Approach.objects.filter(is_published=True)


def public_lessons():
    return LessonLearned.objects.filter(is_published=True)


def public_publications():
    return Publication.objects.filter(is_published=True)


# --- research data: the study team only --------------------------------------------------------------------------


def _study_role(actor, study) -> str | None:
    cached = getattr(actor, "_integra_study_roles", None)
    if cached is None:
        cached = dict(StudyMember.objects.filter(user=actor).values_list("study_id", "role"))
        actor._integra_study_roles = cached
    return cached.get(study.pk)


def forget_study_roles(actor) -> None:
    actor.__dict__.pop("_integra_study_roles", None)


@register(Study)
class StudyPolicy(Policy):
    def visible(self, actor):
        return Study.objects.filter(Exists(StudyMember.objects.filter(study=OuterRef("pk"), user=actor)))

    def can(self, actor, action, obj):
        role = _study_role(actor, obj)
        if role is None:
            return False
        if action == VIEW:
            return True
        if action == CODE:
            return role in {StudyMember.Role.LEAD, StudyMember.Role.CODER}
        if action in {MANAGE, CHANGE, ADD, DELETE}:
            return role == StudyMember.Role.LEAD
        return False

    def can_create(self, actor, *, organisation=None, **context):
        researching = organisations_where(actor, Role.RESEARCHER)
        if organisation is None:
            return bool(researching)
        return organisation.pk in researching

    def organisations_for(self, actor, action):
        if action == ADD:
            return organisations_where(actor, Role.RESEARCHER)
        if action == VIEW:
            return set(Study.objects.filter(members__user=actor).values_list("organisation_id", flat=True))
        return set()


class _InStudy(ChildPolicy):
    parent_model = Study
    actions = {ADD: MANAGE, CHANGE: MANAGE, DELETE: MANAGE}


@register(StudyMember)
class StudyMemberPolicy(_InStudy):
    parent = "study"


@register(Guide)
class GuidePolicy(_InStudy):
    parent = "study"


@register(ConsentSheet)
class ConsentSheetPolicy(_InStudy):
    parent = "study"


@register(ResearchSession)
class ResearchSessionPolicy(_InStudy):
    parent = "study"


@register(Participant)
class ParticipantPolicy(_InStudy):
    parent = "session__study"


@register(Transcript)
class TranscriptPolicy(_InStudy):
    parent = "session__study"


@register(PseudonymKey)
class PseudonymKeyPolicy(_InStudy):
    """The key that undoes the pseudonyms: the study lead only."""

    parent = "study"
    actions = {VIEW: MANAGE, ADD: MANAGE, CHANGE: MANAGE, DELETE: MANAGE}

    def visible(self, actor):
        leading = StudyMember.objects.filter(user=actor, role=StudyMember.Role.LEAD).values("study_id")
        return PseudonymKey.objects.filter(study_id__in=leading)


@register(Code)
class CodePolicy(_InStudy):
    parent = "study"
    actions = {ADD: CODE, CHANGE: CODE, DELETE: MANAGE}


@register(Coding)
class CodingPolicy(_InStudy):
    """In a study coded blind (for reliability) a coder sees their own codings only, never another's; the lead
    (who adjudicates) sees them all. Otherwise the whole team sees every coding."""

    parent = "transcript__session__study"
    actions = {ADD: CODE, CHANGE: CODE, DELETE: CODE}

    def visible(self, actor):
        leading = StudyMember.objects.filter(user=actor, role=StudyMember.Role.LEAD).values("study_id")
        return super().visible(actor).filter(Q(transcript__session__study__blind_coding=False) |
                                             Q(transcript__session__study_id__in=leading) | Q(coder=actor))

    def can(self, actor, action, obj):
        study = obj.transcript.session.study
        if study.blind_coding and obj.coder_id != actor.pk and _study_role(actor, study) != StudyMember.Role.LEAD:
            return False
        return super().can(actor, action, obj)


# --- fetch and check (404 for missing and forbidden alike) -------------------------------------------------------


def access_practice(actor, pk, action=VIEW) -> Practice:
    return access.access(actor, Practice, pk, action,
                         queryset=access.visible(actor, Practice).select_related("owner", "organisation"))


def readable_practices(actor):
    if getattr(actor, "is_authenticated", False) and actor.is_active:
        return access.visible(actor, Practice)
    return public_practices()


def access_public_practice(pk) -> Practice:
    try:
        return public_practices().select_related("organisation").get(pk=pk)
    except (Practice.DoesNotExist, ValueError, TypeError) as exc:
        from django.http import Http404

        raise Http404 from exc


def access_review(actor, pk, action=VIEW) -> Review:
    return access.access(actor, Review, pk, action,
                         queryset=access.visible(actor, Review).select_related("practice", "reviewer"))


def access_study(actor, pk, action=VIEW) -> Study:
    return access.access(actor, Study, pk, action)


def access_session(actor, pk, action=VIEW, *, study=None) -> ResearchSession:
    qs = access.visible(actor, ResearchSession).select_related("study")
    if study is not None:
        qs = qs.filter(study=study)
    return access.access(actor, ResearchSession, pk, action, queryset=qs)


def access_publication(actor, slug) -> Publication:
    from django.http import Http404

    qs = access.visible(actor, Publication) if getattr(actor, "is_authenticated", False) else public_publications()
    try:
        return qs.get(slug=slug)
    except Publication.DoesNotExist as exc:
        raise Http404 from exc
