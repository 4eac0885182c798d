"""Who may do what with instruments and assessments: the one place these rules are written.

Instruments: everyone who works in an organisation sees which instruments exist; the item text of a licensed
instrument only the people of the owner and of the organisations licensed until today (and the platform
administrator). The platform administrator and the owner's organisation administrators import versions,
publish and manage licences.

Assessments of a person are the "assessment" section of the person's transition record: whoever reads that
section under cooperation's need-to-know rules (a team row at a level that includes it, a valid agreement and
a basis naming their organisation) and works there as a frontline practitioner or case manager reads the
assessments. A mentor never does, whatever their access level. The author edits and submits their draft;
someone else with the same access countersigns; the author or the countersigner finalises.
"""

from django.db.models import Q
from django.utils import timezone

from integra.cooperation.models import Section
from integra.cooperation.policy import reachable_records
from integra.core import access
from integra.core.access import (
    ADD,
    CHANGE,
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
    ActionPlanItem,
    Assessment,
    CalibrationRater,
    CalibrationRating,
    CalibrationRound,
    ConsensusMeeting,
    Instrument,
    InstrumentLicence,
    InstrumentVersion,
    Rating,
    Survey,
    SurveyReceipt,
    SurveyResponse,
)

VIEW_ITEMS = "view_items"
SUBMIT = "submit"
COUNTERSIGN = "countersign"
FINALISE = "finalise"
EXPORT = "export"
NOBODY = "nobody"

ASSESSOR_ROLES = (Role.FRONTLINE, Role.CASE_MANAGER)
INSTRUMENT_MANAGER_ROLES = (Role.ORG_ADMIN,)


def licensed_organisations(instrument: Instrument) -> set[int]:
    today = timezone.localdate()
    cached = instrument.__dict__.get("_integra_licensed")
    if cached is None:
        cached = set(instrument.licences.filter(valid_until__gte=today).values_list("organisation_id", flat=True))
        instrument.__dict__["_integra_licensed"] = cached
    return cached


@register(Instrument)
class InstrumentPolicy(Policy):
    def _reader(self, actor) -> bool:
        return is_platform_admin(actor) or bool(organisations_of(actor))

    def visible(self, actor):
        return Instrument.objects.all() if self._reader(actor) else Instrument.objects.none()

    def can(self, actor, action, obj):
        if not self._reader(actor):
            return False
        if action == VIEW:
            return True
        if action == VIEW_ITEMS:
            if not obj.is_licensed or is_platform_admin(actor):
                return True
            mine = organisations_of(actor)
            return obj.owner_id in mine or bool(licensed_organisations(obj) & mine)
        if action in {CHANGE, EXPORT}:
            if action == EXPORT and not self.can(actor, VIEW_ITEMS, obj):
                return False
            return is_platform_admin(actor) or (obj.owner_id is not None and obj.owner_id in organisations_where(
                actor, *INSTRUMENT_MANAGER_ROLES))
        return False

    def can_create(self, actor, *, organisation=None, **context):
        allowed = self.organisations_for(actor, ADD)
        if allowed is None:
            return True
        return bool(allowed) if organisation is None else organisation.pk in allowed

    def organisations_for(self, actor, action):
        if is_platform_admin(actor):
            return None
        if action == VIEW:
            return organisations_of(actor)
        if action in {ADD, CHANGE}:
            return organisations_where(actor, *INSTRUMENT_MANAGER_ROLES)
        return set()


@register(InstrumentVersion)
class InstrumentVersionPolicy(ChildPolicy):
    parent = "instrument"
    parent_model = Instrument
    actions = {ADD: CHANGE, "delete": NOBODY}


@register(InstrumentLicence)
class InstrumentLicencePolicy(ChildPolicy):
    """Licences are the instrument managers' business."""

    parent = "instrument"
    parent_model = Instrument
    actions = {VIEW: CHANGE, ADD: CHANGE, "delete": CHANGE}

    def visible(self, actor):
        managed = self.organisations_for(actor, CHANGE)
        if managed is None:
            return InstrumentLicence.objects.all()
        return InstrumentLicence.objects.filter(instrument__owner_id__in=managed)


def _assessment_grants(actor) -> dict[int, int]:
    """{record id: the organisation through which the actor reads its assessment section} — only where the actor
    also works there as an assessor (frontline or case manager): mentors never read assessments."""
    cached = actor.__dict__.get("_integra_assessment_grants")
    if cached is None:
        assessors = organisations_where(actor, *ASSESSOR_ROLES)
        cached = {pk: grant.organisation_id for pk, grant in reachable_records(actor).items()
                  if grant.sees(Section.ASSESSMENT) and grant.organisation_id in assessors}
        actor.__dict__["_integra_assessment_grants"] = cached
    return cached


def forget_assessment_access(actor) -> None:
    actor.__dict__.pop("_integra_assessment_grants", None)


def may_assess(actor, record) -> int | None:
    """The organisation through which the actor may assess this person (None: they may not)."""
    if not getattr(actor, "is_authenticated", False) or not actor.is_active or record is None:
        return None
    return _assessment_grants(actor).get(record.pk)


@register(Assessment)
class AssessmentPolicy(Policy):
    def visible(self, actor):
        return Assessment.objects.filter(
            Q(record_id__in=sorted(_assessment_grants(actor)))
            | Q(record__isnull=True, organisation_id__in=sorted(organisations_where(actor, *ASSESSOR_ROLES))))

    def _sees(self, actor, obj) -> bool:
        if obj.record_id is None:
            return obj.organisation_id in organisations_where(actor, *ASSESSOR_ROLES)
        return obj.record_id in _assessment_grants(actor)

    def can(self, actor, action, obj):
        if not self._sees(actor, obj):
            return False
        status = obj.status
        if action == VIEW:
            return True
        if action in {CHANGE, SUBMIT}:
            return obj.assessor_id == actor.pk and status == Assessment.Status.DRAFT
        if action == COUNTERSIGN:
            return obj.assessor_id != actor.pk and status == Assessment.Status.SUBMITTED
        if action == FINALISE:
            return status == Assessment.Status.COUNTERSIGNED and actor.pk in {obj.assessor_id, obj.countersigner_id}
        return False

    def can_create(self, actor, *, record=None, organisation=None, **context):
        """A person: through the record's assessment section. A group or the organisation itself: the actor is an
        assessor of the assessing organisation."""
        if record is not None:
            return may_assess(actor, record) is not None
        return organisation is not None and organisation.pk in organisations_where(actor, *ASSESSOR_ROLES)

    def organisations_for(self, actor, action):
        if action in {VIEW, ADD}:
            return organisations_where(actor, *ASSESSOR_ROLES)
        return set()


@register(Rating)
class RatingPolicy(ChildPolicy):
    parent = "assessment"
    parent_model = Assessment
    actions = {ADD: CHANGE, "delete": CHANGE}


RESPOND = "respond"
VIEW_RESULTS = "view_results"
SURVEY_RESULT_ROLES = (Role.ORG_ADMIN, Role.TRAINER)
SURVEY_MANAGER_ROLES = (Role.ORG_ADMIN,)


@register(Survey)
class SurveyPolicy(Policy):
    """The people of the organisation see and answer its surveys; its administrators and trainers read the
    results (aggregated, never below the minimum group size); its administrators open and close them."""

    def visible(self, actor):
        return Survey.objects.filter(organisation_id__in=sorted(organisations_of(actor)))

    def can(self, actor, action, obj):
        if obj.organisation_id not in organisations_of(actor):
            return False
        if action == VIEW:
            return True
        if action == RESPOND:
            return obj.status == Survey.Status.OPEN
        if action == VIEW_RESULTS:
            return obj.organisation_id in organisations_where(actor, *SURVEY_RESULT_ROLES)
        if action == CHANGE:
            return obj.organisation_id in organisations_where(actor, *SURVEY_MANAGER_ROLES)
        return False

    def can_create(self, actor, *, organisation=None, **context):
        managed = organisations_where(actor, *SURVEY_MANAGER_ROLES)
        return bool(managed) if organisation is None else organisation.pk in managed

    def organisations_for(self, actor, action):
        if action == VIEW:
            return organisations_of(actor)
        if action in {ADD, CHANGE}:
            return organisations_where(actor, *SURVEY_MANAGER_ROLES)
        if action == VIEW_RESULTS:
            return organisations_where(actor, *SURVEY_RESULT_ROLES)
        return set()


@register(SurveyResponse)
class SurveyResponsePolicy(ChildPolicy):
    """Anonymous answers: only the result readers, and only through the aggregates of the selectors."""

    parent = "survey"
    parent_model = Survey
    actions = {VIEW: VIEW_RESULTS, ADD: RESPOND, CHANGE: NOBODY, "delete": NOBODY}

    def visible(self, actor):
        return SurveyResponse.objects.filter(
            survey__organisation_id__in=sorted(organisations_where(actor, *SURVEY_RESULT_ROLES)))


@register(SurveyReceipt)
class SurveyReceiptPolicy(Policy):
    """That one has answered: one's own receipts only."""

    def visible(self, actor):
        return SurveyReceipt.objects.filter(user_id=actor.pk)

    def can(self, actor, action, obj):
        return action == VIEW and obj.user_id == actor.pk


# --- calibration (inter-rater reliability) ---------------------------------------------------------------------

RATE = "rate"
CLOSE = "close"
CALIBRATION_COORDINATOR_ROLES = (Role.ORG_ADMIN,)
CALIBRATION_VIEWER_ROLES = (*ASSESSOR_ROLES, Role.ORG_ADMIN)


def _rater_of(actor) -> set[int]:
    cached = actor.__dict__.get("_integra_calibration_rater")
    if cached is None:
        cached = set(CalibrationRater.objects.filter(user_id=actor.pk).values_list("round_id", flat=True))
        actor.__dict__["_integra_calibration_rater"] = cached
    return cached


@register(CalibrationRound)
class CalibrationRoundPolicy(Policy):
    """The organisation's assessors and administrators see its rounds, and so does every rater invited. A rater rates
    while the round is open and sees only their own ratings until it closes (blind); the report — everyone's
    ratings and the agreement — only once it is closed. The organisation's administrators open and close rounds
    and record the consensus meeting."""

    def visible(self, actor):
        if not getattr(actor, "is_authenticated", False):
            return CalibrationRound.objects.none()
        return CalibrationRound.objects.filter(
            Q(organisation_id__in=sorted(organisations_where(actor, *CALIBRATION_VIEWER_ROLES)))
            | Q(pk__in=sorted(_rater_of(actor))))

    def can(self, actor, action, obj):
        if not getattr(actor, "is_authenticated", False):
            return False
        coordinator = obj.organisation_id in organisations_where(actor, *CALIBRATION_COORDINATOR_ROLES)
        sees = coordinator or obj.pk in _rater_of(actor) or obj.organisation_id in organisations_where(
            actor, *CALIBRATION_VIEWER_ROLES)
        if not sees:
            return False
        closed = obj.status == CalibrationRound.Status.CLOSED
        if action == VIEW:
            return True
        if action == RATE:
            return not closed and obj.pk in _rater_of(actor)
        if action == VIEW_RESULTS:
            return closed
        if action == CLOSE:
            return coordinator and not closed
        if action == CHANGE:
            return coordinator and closed
        return False

    def can_create(self, actor, *, organisation=None, **context):
        managed = organisations_where(actor, *CALIBRATION_COORDINATOR_ROLES)
        return bool(managed) if organisation is None else organisation.pk in managed

    def organisations_for(self, actor, action):
        if action == VIEW:
            return organisations_where(actor, *CALIBRATION_VIEWER_ROLES)
        if action in {ADD, CHANGE, CLOSE}:
            return organisations_where(actor, *CALIBRATION_COORDINATOR_ROLES)
        return set()

    def can_any(self, actor, action):
        if action == VIEW and getattr(actor, "is_authenticated", False) and _rater_of(actor):
            return True
        return super().can_any(actor, action)


def forget_calibration_access(actor) -> None:
    actor.__dict__.pop("_integra_calibration_rater", None)


@register(CalibrationRating)
class CalibrationRatingPolicy(Policy):
    """Blind rating: one's own ratings always; the others' only once the round is closed."""

    def visible(self, actor):
        if not getattr(actor, "is_authenticated", False):
            return CalibrationRating.objects.none()
        rounds = access.visible(actor, CalibrationRound)
        return CalibrationRating.objects.filter(
            Q(rater_id=actor.pk, round__in=rounds.values("pk"))
            | Q(round__in=rounds.filter(status=CalibrationRound.Status.CLOSED).values("pk")))

    def can(self, actor, action, obj):
        if action != VIEW:
            return False
        if obj.rater_id == actor.pk:
            return access.can(actor, VIEW, obj.round)
        return access.can(actor, VIEW_RESULTS, obj.round)


@register(CalibrationRater)
class CalibrationRaterPolicy(ChildPolicy):
    parent = "round"
    parent_model = CalibrationRound
    actions = {ADD: NOBODY, CHANGE: NOBODY, "delete": NOBODY}


@register(ConsensusMeeting)
class ConsensusMeetingPolicy(ChildPolicy):
    """Recorded by the coordinators once the round is closed; read by whoever reads the report."""

    parent = "round"
    parent_model = CalibrationRound
    actions = {VIEW: VIEW_RESULTS, ADD: CHANGE, CHANGE: CHANGE, "delete": NOBODY}


def access_round(actor, pk, action: str = VIEW) -> CalibrationRound:
    return access.access(actor, CalibrationRound, pk, action, queryset=access.visible(actor, CalibrationRound)
                         .select_related("instrument_version__instrument", "organisation"))


# --- organisation action plans ------------------------------------------------------------------------------------


@register(ActionPlanItem)
class ActionPlanItemPolicy(Policy):
    """The action plan of an organisation-level assessment: whoever sees the assessment sees and keeps the plan
    (adds lines once it is final); each line's owner sees their own lines and updates their progress."""

    def visible(self, actor):
        if not getattr(actor, "is_authenticated", False):
            return ActionPlanItem.objects.none()
        return ActionPlanItem.objects.filter(
            Q(assessment__in=access.visible(actor, Assessment).filter(record__isnull=True).values("pk"))
            | Q(owner_id=actor.pk))

    def can(self, actor, action, obj):
        if not getattr(actor, "is_authenticated", False):
            return False
        keeper = access.can(actor, VIEW, obj.assessment)
        if action == VIEW:
            return keeper or obj.owner_id == actor.pk
        if action == CHANGE:
            return keeper or obj.owner_id == actor.pk
        return False

    def can_create(self, actor, *, assessment=None, **context):
        return (assessment is not None and assessment.record_id is None
                and assessment.status == Assessment.Status.FINAL and access.can(actor, VIEW, assessment))

    def organisations_for(self, actor, action):
        if action in {VIEW, ADD, CHANGE}:
            return organisations_where(actor, *ASSESSOR_ROLES)
        return set()

    def can_any(self, actor, action):
        if action == VIEW and getattr(actor, "is_authenticated", False) and ActionPlanItem.objects.filter(
                owner_id=actor.pk).exists():
            return True
        return super().can_any(actor, action)


def access_plan_item(actor, pk, action: str = VIEW) -> ActionPlanItem:
    return access.access(actor, ActionPlanItem, pk, action, queryset=access.visible(actor, ActionPlanItem)
                         .select_related("assessment__instrument_version__instrument", "owner"))


def access_survey(actor, pk, action: str = VIEW) -> Survey:
    return access.access(actor, Survey, pk, action, queryset=access.visible(actor, Survey).select_related(
        "instrument_version__instrument", "organisation"))


def access_instrument(actor, pk, action: str = VIEW) -> Instrument:
    return access.access(actor, Instrument, pk, action)


def access_version(actor, pk, action: str = VIEW) -> InstrumentVersion:
    return access.access(actor, InstrumentVersion, pk, action,
                         queryset=access.visible(actor, InstrumentVersion).select_related("instrument"))


def access_assessment(actor, pk, action: str = VIEW) -> Assessment:
    return access.access(actor, Assessment, pk, action, queryset=access.visible(actor, Assessment).select_related(
        "instrument_version__instrument", "record", "assessor", "countersigner", "organisation"))


ASSESSMENT_PURPOSE = "structured assessment (case work)"
