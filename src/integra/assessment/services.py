"""Every write on instruments and assessments: policy check → validation (messages in the user's language) → one
transaction → one audit event."""

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from integra.core import access, audit, limits
from integra.core.access import CHANGE
from integra.core.concurrency import update_versioned
from integra.core.errors import invalid
from integra.core.roles import Role
from integra.learning import selectors as learning_selectors

from . import instruments, logic
from .models import (
    ActionPlanItem,
    Assessment,
    BiasCheck,
    CalibrationRater,
    CalibrationRating,
    CalibrationRound,
    ConsensusMeeting,
    Instrument,
    InstrumentLicence,
    InstrumentVersion,
    Judgement,
    Level,
    Priority,
    Rating,
    Source,
    Survey,
    SurveyReceipt,
    SurveyResponse,
)
from .policy import (
    ASSESSOR_ROLES,
    CLOSE,
    COUNTERSIGN,
    FINALISE,
    RATE,
    RESPOND,
    SUBMIT,
    VIEW_ITEMS,
    forget_calibration_access,
    may_assess,
)

MAX_ANSWER = 4000
MAX_RATIONALE = 20000


def _audit(action, actor, obj, organisation=None, purpose="", **data):
    return audit.record(action=f"assessment.{action}", actor=actor, obj=obj, organisation=organisation,
                        purpose=purpose, data=data)


# --- instruments ------------------------------------------------------------------------------------------------


def version_changes(previous: dict | None, current: dict) -> dict:
    """What changed between two definitions, item by item: added, removed, renamed (from the mapping), retyped."""
    if previous is None:
        return {"added": [i["name"] for i in current["items"]], "removed": [], "renamed": [], "retyped": []}
    mapping = current.get("mapping") or {}
    old = {i["name"]: i for i in previous["items"]}
    new = {i["name"]: i for i in current["items"]}
    renamed = [(o, n) for o, n in mapping.items() if n and o in old and n in new and o != n]
    removed = [o for o in old if o not in new and not mapping.get(o)]
    mapped_targets = {n for _o, n in renamed}
    added = [n for n in new if n not in old and n not in mapped_targets]
    retyped = []
    for o, item in old.items():
        target = new.get(mapping.get(o) or o)
        if target and (target["type"], target["scale"]) != (item["type"], item["scale"]):
            retyped.append(o)
    return {"added": added, "removed": removed, "renamed": renamed, "retyped": retyped}


def _check_conversions(previous: dict | None, definition: dict) -> None:
    """Each conversion names an item of the previous version, and turns values of its old scale (or type) into
    values the item reads in this version."""
    conversions = definition.get("conversions") or {}
    if not conversions:
        return
    if previous is None:
        raise invalid(_("Value conversions from a previous version were given, but this is the first version."))
    mapping = definition.get("mapping") or {}
    old = {i["name"]: i for i in previous["items"]}
    new = {i["name"]: i for i in definition["items"]}
    for name, values in conversions.items():
        source = old.get(name)
        target = new.get(mapping.get(name) or name)
        if source is None or target is None:
            raise invalid(_("The conversion names \"%(name)s\", which is not an item of the previous version kept "
                            "in this one.") % {"name": name})
        for before, after in values.items():
            if source["type"] == "select_one" and before not in {c["value"] for c in previous["scales"][
                    source["scale"]]}:
                raise invalid(_("%(name)s: \"%(value)s\" is not on the previous version's scale.")
                              % {"name": name, "value": before})
            if target["type"] == "select_one" and after not in {c["value"] for c in definition["scales"][
                    target["scale"]]} | {instruments.INSUFFICIENT}:
                raise invalid(_("%(name)s: \"%(value)s\" is not on this version's scale.")
                              % {"name": name, "value": after})
            if target["type"] in {"integer", "decimal"} and logic.to_number(after) is None:
                raise invalid(_("%(name)s: \"%(value)s\" is not a number.") % {"name": name, "value": after})


def _check_mapping(previous: dict | None, definition: dict) -> None:
    _check_conversions(previous, definition)
    mapping = definition.get("mapping") or {}
    if not mapping:
        return
    if previous is None:
        raise invalid(_("The mapping from a previous version was given, but this is the first version."))
    old = {i["name"] for i in previous["items"]}
    new = {i["name"] for i in definition["items"]}
    for source, target in mapping.items():
        if source not in old:
            raise invalid(_("The mapping names \"%(name)s\", which is not an item of the previous version.")
                          % {"name": source})
        if target and target not in new:
            raise invalid(_("The mapping maps to \"%(name)s\", which is not an item of this version.")
                          % {"name": target})


def instrument_import(*, actor, definition: dict, source_name: str = "", owner=None) -> InstrumentVersion:
    """Save a validated definition: a new instrument, or a new draft version of the one with the same code (a draft
    not yet published is replaced). The caller validated the file (instruments.read_upload); it is checked again."""
    errors, _warnings, _rows = instruments.validate(definition)
    if errors:
        raise invalid("; ".join(str(e) for e in errors))
    existing = Instrument.objects.filter(code=definition["code"]).first()
    if existing is None:
        access.require_create(actor, Instrument, organisation=owner)
    else:
        access.require(actor, CHANGE, existing)
        if existing.level != definition["level"]:
            raise invalid(_("This instrument's level is %(level)s; a new version cannot change it.")
                          % {"level": existing.get_level_display()})
    with transaction.atomic():
        if existing is None:
            instrument = Instrument.objects.create(code=definition["code"], title=definition["title"]["en"][:300],
                                                   level=definition["level"], owner=owner, created_by=actor)
        else:
            instrument = existing
        latest = instrument.versions.order_by("-number").first()
        published = instrument.versions.filter(status=InstrumentVersion.Status.PUBLISHED).order_by("-number").first()
        _check_mapping(published.definition if published else None, definition)
        if latest is not None and not latest.is_frozen:
            InstrumentVersion.objects.filter(pk=latest.pk).update(definition=definition, source_name=source_name[:200],
                                                                  created_by=actor, created_at=timezone.now())
            latest.refresh_from_db()
            version = latest
        else:
            version = InstrumentVersion.objects.create(instrument=instrument, number=(latest.number + 1) if latest
                                                       else 1, definition=definition, source_name=source_name[:200],
                                                       created_by=actor)
        Instrument.objects.filter(pk=instrument.pk).update(title=definition["title"]["en"][:300])
        _audit("instrument.imported", actor, version, organisation=instrument.owner_id, code=instrument.code,
               number=version.number, source=source_name[:200])
    return version


def version_publish(*, actor, version: InstrumentVersion) -> InstrumentVersion:
    access.require(actor, CHANGE, version.instrument)
    if version.is_frozen:
        raise invalid(_("This version is already published; a published version cannot change."))
    newer = version.instrument.versions.filter(number__gt=version.number).exists()
    if newer:
        raise invalid(_("A newer version exists; publish that one."))
    with transaction.atomic():
        updated = InstrumentVersion.objects.filter(pk=version.pk, status=InstrumentVersion.Status.DRAFT).update(
            status=InstrumentVersion.Status.PUBLISHED, published_at=timezone.now())
        if not updated:
            raise invalid(_("This version is already published; a published version cannot change."))
        version.refresh_from_db()
        _audit("instrument.published", actor, version, organisation=version.instrument.owner_id,
               number=version.number)
    return version


def instrument_configure(*, actor, instrument: Instrument, expected_version: int, licence_holder: str,
                         qualifying_course, certificate_valid_months: int, min_sources: int) -> Instrument:
    access.require(actor, CHANGE, instrument)
    if not 1 <= certificate_valid_months <= 120:
        raise invalid(_("Between 1 and 120 months."), field="certificate_valid_months")
    if not 0 <= min_sources <= 4:
        raise invalid(_("Between 0 and 4 sources."), field="min_sources")
    with transaction.atomic():
        update_versioned(instrument, expected_version=expected_version, licence_holder=licence_holder[:200],
                         qualifying_course=qualifying_course, certificate_valid_months=certificate_valid_months,
                         min_sources=min_sources)
        _audit("instrument.configured", actor, instrument, organisation=instrument.owner_id,
               licence_holder=licence_holder[:200], qualifying_course=getattr(qualifying_course, "pk", None))
    return instrument


def licence_grant(*, actor, instrument: Instrument, organisation, valid_until: dt.date) -> InstrumentLicence:
    access.require_create(actor, InstrumentLicence, instrument=instrument)
    limits.check_date_within(valid_until, years_back=0, years_ahead=20, field="valid_until")
    with transaction.atomic():
        licence, _created = InstrumentLicence.objects.update_or_create(
            instrument=instrument, organisation=organisation, defaults={"valid_until": valid_until})
        _audit("instrument.licensed", actor, instrument, organisation=instrument.owner_id,
               licensee=organisation.pk, valid_until=valid_until.isoformat())
    return licence


# --- certification --------------------------------------------------------------------------------------------


def certification_problem(*, user, instrument: Instrument) -> str:
    """Why the user may not assess with this instrument ("" when they may)."""
    if instrument.qualifying_course_id is None:
        return ""
    since = timezone.localdate() - dt.timedelta(days=round(instrument.certificate_valid_months * 30.44))
    if learning_selectors.course_certificate(user=user, course_id=instrument.qualifying_course_id,
                                             awarded_since=since) is None:
        return _("You need a valid certificate of the course “%(course)s” (awarded in the last %(months)d months) "
                 "to assess with this instrument.") % {"course": instrument.qualifying_course.title,
                                                        "months": instrument.certificate_valid_months}
    return ""


# --- assessments ------------------------------------------------------------------------------------------------


def current_version(instrument: Instrument) -> InstrumentVersion | None:
    return instrument.versions.filter(status=InstrumentVersion.Status.PUBLISHED).order_by("-number").first()


def _version_to_assess_with(assessor, instrument: Instrument, *, for_someone_else: bool = False):
    """The instrument's current published version, when the assessor's organisation holds a licence and the assessor
    is certified for it; otherwise a 400 naming what is missing (the assessor, when someone else chose them)."""
    version = current_version(instrument)
    if version is None:
        raise invalid(_("This instrument has no published version yet."), field="instrument")
    if not access.can(assessor, VIEW_ITEMS, instrument):
        raise invalid(_("Your organisation holds no valid licence for this instrument."), field="instrument")
    problem = certification_problem(user=assessor, instrument=instrument)
    if problem and for_someone_else:
        raise invalid(_("%(person)s cannot assess with this instrument: %(problem)s")
                      % {"person": assessor, "problem": problem}, field="assessor")
    if problem:
        raise invalid(problem, field="instrument")
    return version


def assessment_start(*, actor, record, instrument: Instrument, review_date: dt.date | None = None) -> Assessment:
    """A new draft assessment of the person, with the instrument's current published version. A reassessment
    when a final assessment with the same instrument exists: it is linked as the previous one (never prefilled)."""
    access.require_create(actor, Assessment, record=record)
    organisation_id = may_assess(actor, record)
    if instrument.level != Level.INDIVIDUAL:
        raise invalid(_("Only an individual-level instrument can assess a person."), field="instrument")
    version = _version_to_assess_with(actor, instrument)
    limits.check_date_within(review_date, years_back=0, years_ahead=5, field="review_date")
    previous = (Assessment.objects.final().filter(record=record, instrument_version__instrument=instrument)
                .order_by("-finalised_at").first())
    with transaction.atomic():
        assessment = Assessment.objects.create(instrument_version=version, record=record,
                                               organisation_id=organisation_id, assessor=actor, previous=previous,
                                               review_date=review_date)
        _audit("assessment.started", actor, assessment, organisation=organisation_id, record=record.pk,
               instrument=instrument.code, number=version.number, reassessment=previous is not None)
    return assessment


def assessment_start_unit(*, actor, organisation, instrument: Instrument, subject: str,
                          review_date: dt.date | None = None) -> Assessment:
    """A group-level (a unit or wing, aggregated, no named person) or organisation-level assessment. A new wave when
    the same unit was assessed with the same instrument before: linked as the previous one."""
    access.require_create(actor, Assessment, organisation=organisation)
    if instrument.level not in {Level.GROUP, Level.ORGANISATION}:
        raise invalid(_("Choose a group-level or organisation-level instrument."), field="instrument")
    subject = subject.strip()
    if not subject:
        raise invalid(_("Name the unit, wing or service assessed."), field="subject")
    version = _version_to_assess_with(actor, instrument)
    limits.check_date_within(review_date, years_back=0, years_ahead=5, field="review_date")
    previous = (Assessment.objects.final().filter(record__isnull=True, organisation=organisation,
                                                  subject__iexact=subject, instrument_version__instrument=instrument)
                .order_by("-finalised_at").first())
    with transaction.atomic():
        assessment = Assessment.objects.create(instrument_version=version, organisation=organisation,
                                               subject=subject[:200], assessor=actor, previous=previous,
                                               review_date=review_date)
        _audit("assessment.started", actor, assessment, organisation=organisation.pk, instrument=instrument.code,
               number=version.number, level=instrument.level, reassessment=previous is not None)
    return assessment


def assessment_open_for_applicant(*, requested_by, assessor, organisation, instrument: Instrument, subject: str,
                                  review_date: dt.date | None = None) -> Assessment:
    """A draft individual-level assessment of a person who has no transition record: an applicant to a programme of
    an app above this one (mentoring's former's route), opened at that app's request for a named assessor.

    The requesting app has checked the requester's own rights; this checks the assessor's: an assessor of the
    assessing organisation, whose organisation may use the instrument and who is certified for it. The subject is
    the requesting app's reference to the application, never a person's name. The assessor then fills in, submits,
    has it countersigned and finalises it like any other assessment."""
    if not access.can_create(assessor, Assessment, organisation=organisation):  # an assessor of the organisation
        raise invalid(_("%(person)s is not an assessor of %(organisation)s.")
                      % {"person": assessor, "organisation": organisation.name}, field="assessor")
    if instrument.level != Level.INDIVIDUAL:
        raise invalid(_("Only an individual-level instrument can assess a person."), field="instrument")
    version = _version_to_assess_with(assessor, instrument, for_someone_else=True)
    subject = subject.strip()
    if not subject:
        raise ValueError("an applicant's assessment needs the requesting app's reference as its subject")
    limits.check_date_within(review_date, years_back=0, years_ahead=5, field="review_date")
    with transaction.atomic():
        assessment = Assessment.objects.create(instrument_version=version, organisation=organisation,
                                               subject=subject[:200], assessor=assessor, review_date=review_date)
        _audit("assessment.started", requested_by, assessment, organisation=organisation.pk,
               instrument=instrument.code, number=version.number, applicant=True, assessor=assessor.pk)
    return assessment


def applicant_assessment_problem(assessment: Assessment | None) -> str:
    """Why this assessment does not (yet) support a decision on an applicant ("" when it does): it must be an
    individual-level assessment, final, and its assessor must have held a valid certificate of the instrument's
    qualifying course on the day it was finalised."""
    if assessment is None:
        return _("No assessment by a certified assessor has been requested for this applicant yet.")
    instrument = assessment.instrument_version.instrument
    if assessment.record_id is not None or instrument.level != Level.INDIVIDUAL:
        return _("This is not an assessment of an applicant.")
    if assessment.status != Assessment.Status.FINAL or assessment.finalised_at is None:
        return _("The assessment of this applicant is not finalised yet (%(status)s).") % {
            "status": assessment.get_status_display()}
    if instrument.qualifying_course_id is not None:
        finalised_on = timezone.localdate(assessment.finalised_at)
        since = finalised_on - dt.timedelta(days=round(instrument.certificate_valid_months * 30.44))
        certificate = learning_selectors.course_certificate(user=assessment.assessor,
                                                            course_id=instrument.qualifying_course_id,
                                                            awarded_since=since)
        if certificate is None or certificate.awarded_on > finalised_on:
            return _("%(person)s held no valid certificate of the course “%(course)s” when finalising the "
                     "assessment: it was not made by a certified assessor.") % {
                "person": assessment.assessor, "course": instrument.qualifying_course.title}
    return ""


def _clean_answer(item: dict, definition: dict, raw: dict, errors: dict):
    """(value for the rules, Rating fields) for one item's input, or errors[name]."""
    name = item["name"]
    value = str(raw.get("value") or "").strip()
    reason = str(raw.get("insufficient_reason") or "").strip()
    evidence = str(raw.get("evidence") or "").strip()
    sources = raw.get("sources") or []
    if not isinstance(sources, list) or any(s not in Source.values for s in sources):
        errors[name] = _("Unknown information source.")
        return None, None
    if len(evidence) > MAX_ANSWER or len(reason) > MAX_ANSWER:
        errors[name] = _("At most %(n)d characters.") % {"n": MAX_ANSWER}
        return None, None
    fields = {"value": "", "text_answer": "", "insufficient_reason": "", "evidence": evidence,
              "sources": sorted(set(sources))}
    if value == instruments.INSUFFICIENT:
        if item["type"] != "select_one":
            errors[name] = _("Only a rated item can be marked “insufficient information”.")
            return None, None
        if not reason:
            errors[name] = _("Explain why the information is insufficient.")
            return None, None
        fields.update(value=value, insufficient_reason=reason)
        return None, fields
    if not value:
        return None, fields if (evidence or sources) else None
    if item["type"] == "select_one":
        allowed = [c["value"] for c in definition["scales"][item["scale"]]]
        if value not in allowed:
            errors[name] = _("“%(value)s” is not on this item's scale (%(allowed)s).") % {
                "value": value[:40], "allowed": ", ".join(allowed)}
            return None, None
        fields["value"] = value
        return value, fields
    if item["type"] in {"integer", "decimal"}:
        number = logic.to_number(value)
        if number is None or (item["type"] == "integer" and not isinstance(number, int)):
            errors[name] = _("Enter a whole number.") if item["type"] == "integer" else _("Enter a number.")
            return None, None
        fields["value"] = str(number)
        return number, fields
    if item["type"] == "text":
        if len(value) > MAX_ANSWER:
            errors[name] = _("At most %(n)d characters.") % {"n": MAX_ANSWER}
            return None, None
        fields["text_answer"] = value
        return value, fields
    return None, None  # calculate: never given


def form_items(definition: dict) -> list[dict]:
    group_relevant = {d["name"]: d["relevant"] for d in definition["domains"]}
    return [{**item, "group_relevant": group_relevant.get(item["domain"], "")} for item in definition["items"]]


def assessment_save(*, actor, assessment: Assessment, expected_version: int, answers: dict,
                    review_date: dt.date | None = None, judgement: str = "", significant_items=(),
                    rationale: str = "", evidence_against: str = "", limitations: str = "",
                    bias_checks=()) -> tuple[Assessment, list[str]]:
    """Save a draft: each answer checked against its item's scale or type and constraint; the rules run on the
    server; answers to items the rules now hide are removed and named in the returned list (the page says so)."""
    access.require(actor, CHANGE, assessment)
    definition = assessment.definition
    items = form_items(definition)
    by_name = {i["name"]: i for i in items}
    unknown = sorted(set(answers) - set(by_name))
    if unknown:
        raise invalid(_("Unknown item: %(name)s.") % {"name": unknown[0][:64]})
    errors: dict[str, str] = {}
    values, rows, insufficient = {}, {}, set()
    for name, raw in answers.items():
        if not isinstance(raw, dict):
            errors[name] = _("Unreadable answer.")
            continue
        value, fields = _clean_answer(by_name[name], definition, raw, errors)
        if fields is not None:
            rows[name] = fields
            if fields["value"] == instruments.INSUFFICIENT:
                insufficient.add(name)
        if value is not None:
            values[name] = value
    state = logic.run_form(items, values, skip=insufficient)
    for name in state.cleared:
        rows.pop(name, None)
    for name, relevant in state.relevant.items():
        if not relevant and name in rows:
            rows.pop(name)
    for name, code in state.errors.items():
        if code == "constraint" and name in rows:
            item = by_name[name]
            errors[name] = instruments.text(item["constraint_message"], _language()) or _(
                "This answer does not meet the item's rule.")
    if errors:
        name, message = next(iter(errors.items()))
        raise invalid(f"{_label(by_name[name])}: {message}", field=name)
    if judgement and judgement not in Judgement.values:
        raise invalid(_("Choose low, moderate or high."), field="judgement")
    significant = [str(s) for s in significant_items]
    if any(s not in by_name for s in significant):
        raise invalid(_("A significant indicator must be an item of the instrument."), field="significant_items")
    if any(b not in BiasCheck.values for b in bias_checks):
        raise invalid(_("Unknown checklist entry."), field="bias_checks")
    for field, text_value in (("rationale", rationale), ("evidence_against", evidence_against),
                              ("limitations", limitations)):
        if len(text_value) > MAX_RATIONALE:
            raise invalid(_("At most %(n)d characters.") % {"n": MAX_RATIONALE}, field=field)
    limits.check_date_within(review_date, years_back=0, years_ahead=5, field="review_date")
    with transaction.atomic():
        update_versioned(assessment, expected_version=expected_version, review_date=review_date,
                         judgement=judgement, significant_items=significant, rationale=rationale,
                         evidence_against=evidence_against, limitations=limitations,
                         bias_checks=sorted(set(bias_checks)))
        assessment.ratings.all().delete()
        Rating.objects.bulk_create([Rating(assessment=assessment, item=name, **fields)
                                    for name, fields in rows.items()])
        _audit("assessment.saved", actor, assessment, organisation=assessment.organisation_id,
               items=len(rows), cleared=state.cleared)
    return assessment, state.cleared


def _language() -> str:
    from django.utils import translation

    return (translation.get_language() or "en")[:2]


def _label(item: dict) -> str:
    return instruments.text(item["label"], _language()) or item["name"]


def completeness_problems(assessment: Assessment) -> list[tuple[str, str]]:
    """[(field, message)] of what stops the assessment from being submitted or finalised."""
    definition = assessment.definition
    items = form_items(definition)
    by_name = {i["name"]: i for i in items}
    ratings = {r.item: r for r in assessment.ratings.all()}
    values, insufficient = {}, set()
    for name, rating in ratings.items():
        item = by_name.get(name)
        if item is None:
            continue
        if rating.value == instruments.INSUFFICIENT:
            insufficient.add(name)
        elif item["type"] == "text" and rating.text_answer:
            values[name] = rating.text_answer
        elif rating.value:
            values[name] = logic.to_number(rating.value) if item["type"] in {"integer", "decimal"} else rating.value
    state = logic.run_form(items, values, skip=insufficient)
    problems = [(name, _("%(item)s: an answer is required.") % {"item": _label(by_name[name])})
                for name, code in state.errors.items() if code == "required"]
    problems += [(name, _("%(item)s: this answer does not meet the item's rule.") % {"item": _label(by_name[name])})
                 for name, code in state.errors.items() if code == "constraint"]
    if not assessment.judgement:
        problems.append(("judgement", _("Record your summary judgement.")))
    if not assessment.significant_items:
        problems.append(("significant_items", _("Name the significant indicators.")))
    if not assessment.rationale.strip():
        problems.append(("rationale", _("Write the rationale of your judgement.")))
    if not assessment.evidence_against.strip():
        problems.append(("evidence_against", _("Write the evidence against your judgement.")))
    if not assessment.limitations.strip():
        problems.append(("limitations", _("Describe the limitations of this assessment.")))
    if set(assessment.bias_checks) != set(BiasCheck.values):
        problems.append(("bias_checks", _("Go through every point of the bias checklist.")))
    return problems


def assessment_submit(*, actor, assessment: Assessment, expected_version: int) -> Assessment:
    access.require(actor, SUBMIT, assessment)
    problems = completeness_problems(assessment)
    if problems:
        field, message = problems[0]
        raise invalid(message, field=field if field in {"judgement", "rationale"} else None)
    with transaction.atomic():
        update_versioned(assessment, expected_version=expected_version, status=Assessment.Status.SUBMITTED,
                         submitted_at=timezone.now())
        _audit("assessment.submitted", actor, assessment, organisation=assessment.organisation_id)
    return assessment


def assessment_countersign(*, actor, assessment: Assessment, expected_version: int, disagreements=(),
                           note: str = "") -> Assessment:
    """Countersign, recording the items the countersigner disagrees with and why (the ratings stay the author's)."""
    if assessment.assessor_id == actor.pk and access.can(actor, "view", assessment):
        raise invalid(_("The author of an assessment cannot countersign it; ask a colleague."))
    access.require(actor, COUNTERSIGN, assessment)
    problem = certification_problem(user=actor, instrument=assessment.instrument_version.instrument)
    if problem:
        raise invalid(problem)
    names = {i["name"] for i in assessment.definition["items"]}
    disagreements = sorted(set(str(d) for d in disagreements))
    if any(d not in names for d in disagreements):
        raise invalid(_("A disagreement must name an item of the instrument."), field="disagreements")
    if disagreements and not note.strip():
        raise invalid(_("Explain your disagreement."), field="note")
    if len(note) > MAX_RATIONALE:
        raise invalid(_("At most %(n)d characters.") % {"n": MAX_RATIONALE}, field="note")
    with transaction.atomic():
        update_versioned(assessment, expected_version=expected_version, status=Assessment.Status.COUNTERSIGNED,
                         countersigner=actor, countersigned_at=timezone.now(), disagreements=disagreements,
                         countersign_note=note.strip())
        _audit("assessment.countersigned", actor, assessment, organisation=assessment.organisation_id,
               disagreements=disagreements)
    return assessment


def assessment_finalise(*, actor, assessment: Assessment, expected_version: int) -> Assessment:
    access.require(actor, FINALISE, assessment)
    problems = completeness_problems(assessment)
    if problems:
        raise invalid(problems[0][1])
    with transaction.atomic():
        update_versioned(assessment, expected_version=expected_version, status=Assessment.Status.FINAL,
                         finalised_at=timezone.now())
        _audit("assessment.finalised", actor, assessment, organisation=assessment.organisation_id,
               judgement=assessment.judgement)
    return assessment




# --- training-needs surveys -------------------------------------------------------------------------------------

SURVEY_AUDIENCES = ("prison", "probation", "community", "trainers", "mentors")


def survey_open(*, actor, organisation, instrument: Instrument, title: str, min_group: int = 5) -> Survey:
    access.require_create(actor, Survey, organisation=organisation)
    if instrument.level != Level.TRAINING_NEEDS:
        raise invalid(_("Choose a training-needs survey instrument."), field="instrument")
    version = current_version(instrument)
    if version is None:
        raise invalid(_("This instrument has no published version yet."), field="instrument")
    if not title.strip():
        raise invalid(_("Give the survey a title."), field="title")
    if not 5 <= min_group <= 50:
        raise invalid(_("The minimum group size is between 5 and 50."), field="min_group")
    with transaction.atomic():
        survey = Survey.objects.create(instrument_version=version, organisation=organisation, title=title.strip()[:200],
                                       min_group=min_group, created_by=actor)
        _audit("survey.opened", actor, survey, organisation=organisation.pk, instrument=instrument.code)
    return survey


def survey_close(*, actor, survey: Survey, expected_version: int) -> Survey:
    access.require(actor, CHANGE, survey)
    if survey.status == Survey.Status.CLOSED:
        raise invalid(_("This survey is already closed."))
    with transaction.atomic():
        update_versioned(survey, expected_version=expected_version, status=Survey.Status.CLOSED)
        _audit("survey.closed", actor, survey, organisation=survey.organisation_id)
    return survey


def survey_respond(*, actor, survey: Survey, audience: str, answers: dict) -> None:
    """An anonymous answer: the response holds no person and the receipt no response; the audit event names the
    survey only."""
    access.require(actor, RESPOND, survey)
    if SurveyReceipt.objects.filter(survey=survey, user=actor).exists():
        raise invalid(_("You have already answered this survey."))
    if audience not in SURVEY_AUDIENCES:
        raise invalid(_("Choose whom you work with."), field="audience")
    definition = survey.instrument_version.definition
    items = {i["name"]: i for i in definition["items"] if i["type"] == "select_one"}
    clean = {}
    for name, value in answers.items():
        if name not in items:
            raise invalid(_("Unknown item: %(name)s.") % {"name": str(name)[:64]})
        if value in (None, ""):
            continue
        allowed = [c["value"] for c in definition["scales"][items[name]["scale"]]]
        if value not in allowed:
            raise invalid(_("“%(value)s” is not on this item's scale (%(allowed)s).") % {
                "value": str(value)[:40], "allowed": ", ".join(allowed)}, field=name)
        clean[name] = value
    if not clean:
        raise invalid(_("Answer at least one question."))
    with transaction.atomic():
        SurveyReceipt.objects.create(survey=survey, user=actor)
        SurveyResponse.objects.create(survey=survey, audience=audience, answers=clean)
        _audit("survey.answered", actor, survey, organisation=survey.organisation_id)


# --- calibration (inter-rater reliability) ----------------------------------------------------------------------

MIN_RATERS = 2
MAX_RATERS = 50


def rated_items(definition: dict) -> list[dict]:
    """The items a calibration round rates: those with a scale."""
    return [i for i in definition["items"] if i["type"] == "select_one"]


def round_open(*, actor, organisation, instrument: Instrument, title: str, vignette: str, raters,
               kind: str = CalibrationRound.Kind.TRAINING, threshold=0.67) -> CalibrationRound:
    """A calibration round on a vignette (no real person), with the certified assessors who will rate it blind."""
    from decimal import Decimal, InvalidOperation

    from integra.core.selectors import people_with_roles

    access.require_create(actor, CalibrationRound, organisation=organisation)
    if instrument.level == Level.TRAINING_NEEDS:
        raise invalid(_("A training-needs survey is not rated: choose an assessment instrument."), field="instrument")
    version = current_version(instrument)
    if version is None:
        raise invalid(_("This instrument has no published version yet."), field="instrument")
    if not rated_items(version.definition):
        raise invalid(_("This instrument has no rated item to calibrate."), field="instrument")
    if not access.can(actor, VIEW_ITEMS, instrument):
        raise invalid(_("Your organisation holds no valid licence for this instrument."), field="instrument")
    title, vignette = title.strip(), vignette.strip()
    if not title:
        raise invalid(_("Give the round a title."), field="title")
    if not vignette:
        raise invalid(_("Write the vignette the raters will assess."), field="vignette")
    limits.check_length(vignette, limits.LONG_TEXT, field="vignette")
    if kind not in CalibrationRound.Kind.values:
        raise invalid(_("Choose the kind of vignette."), field="kind")
    try:
        threshold = Decimal(str(threshold)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise invalid(_("The threshold is a number between 0 and 1."), field="threshold") from None
    if not Decimal(0) <= threshold <= Decimal(1):
        raise invalid(_("The threshold is a number between 0 and 1."), field="threshold")
    raters = list({u.pk: u for u in raters}.values())
    if not MIN_RATERS <= len(raters) <= MAX_RATERS:
        raise invalid(_("Invite between %(low)d and %(high)d raters.") % {"low": MIN_RATERS, "high": MAX_RATERS},
                      field="raters")
    assessors = {u.pk for u in people_with_roles(organisation_id=organisation.pk, roles=ASSESSOR_ROLES)}
    for user in raters:
        if user.pk not in assessors:
            raise invalid(_("%(person)s is not an assessor of this organisation.") % {"person": user.email},
                          field="raters")
        problem = certification_problem(user=user, instrument=instrument)
        if problem:
            raise invalid(_("%(person)s is not certified for this instrument.") % {"person": user.email},
                          field="raters")
    with transaction.atomic():
        calibration = CalibrationRound.objects.create(
            instrument_version=version, organisation=organisation, title=title[:200], kind=kind, vignette=vignette,
            threshold=threshold, created_by=actor)
        CalibrationRater.objects.bulk_create([CalibrationRater(round=calibration, user=u) for u in raters])
        _audit("calibration.opened", actor, calibration, organisation=organisation.pk, instrument=instrument.code,
               raters=len(raters))
    for user in raters:
        forget_calibration_access(user)
    forget_calibration_access(actor)
    return calibration


def round_rate(*, actor, calibration: CalibrationRound, ratings: dict) -> int:
    """A rater's blind ratings of the vignette (they may revise them until the round closes). Returns how many
    items they rated."""
    access.require(actor, RATE, calibration)
    instrument = calibration.instrument_version.instrument
    problem = certification_problem(user=actor, instrument=instrument)
    if problem:
        raise invalid(problem)
    definition = calibration.instrument_version.definition
    items = {i["name"]: i for i in rated_items(definition)}
    clean = {}
    for name, value in ratings.items():
        if name not in items:
            raise invalid(_("Unknown item: %(name)s.") % {"name": str(name)[:64]})
        value = str(value or "").strip()
        if not value:
            continue
        allowed = [c["value"] for c in definition["scales"][items[name]["scale"]]]
        if value != instruments.INSUFFICIENT and value not in allowed:
            raise invalid(_("“%(value)s” is not on this item's scale (%(allowed)s).") % {
                "value": value[:40], "allowed": ", ".join(allowed)}, field=name)
        clean[name] = value
    if not clean:
        raise invalid(_("Rate at least one item."))
    with transaction.atomic():
        CalibrationRating.objects.filter(round=calibration, rater=actor).delete()
        CalibrationRating.objects.bulk_create([CalibrationRating(round=calibration, rater=actor, item=name,
                                                                 value=value) for name, value in clean.items()])
        CalibrationRater.objects.filter(round=calibration, user=actor).update(submitted_at=timezone.now())
        _audit("calibration.rated", actor, calibration, organisation=calibration.organisation_id, items=len(clean))
    return len(clean)


def round_close(*, actor, calibration: CalibrationRound, expected_version: int) -> CalibrationRound:
    """Close the round: the ratings become visible to its readers, the agreement is computed (κ for two raters,
    α for more) and, when it falls below the round's threshold, the instrument's owner is alerted."""
    from integra.core.notifications import N_, message
    from integra.core.selectors import people_with_roles
    from integra.core.services import notification_send

    from . import selectors

    access.require(actor, CLOSE, calibration)
    submitted = CalibrationRater.objects.filter(round=calibration, submitted_at__isnull=False).count()
    if submitted < MIN_RATERS:
        raise invalid(_("At least %(n)d raters must have rated before the round closes.") % {"n": MIN_RATERS})
    result = selectors.round_agreement(calibration)
    with transaction.atomic():
        update_versioned(calibration, expected_version=expected_version, status=CalibrationRound.Status.CLOSED,
                         closed_at=timezone.now(), agreement=result.value, agreement_n=result.n)
        _audit("calibration.closed", actor, calibration, organisation=calibration.organisation_id,
               agreement=None if result.value is None else round(result.value, 3), n=result.n)
        instrument = calibration.instrument_version.instrument
        if result.value is not None and result.value < float(calibration.threshold):
            owner = instrument.owner_id or calibration.organisation_id
            recipients = people_with_roles(organisation_id=owner, roles=[Role.ORG_ADMIN])
            if recipients:
                notification_send(
                    recipients=recipients,
                    title=message(N_("Low agreement on %(instrument)s: %(value)s (n = %(n)s) in “%(round)s”"),
                                  instrument=instrument.title, value=f"{result.value:.2f}", n=result.n,
                                  round=calibration.title),
                    body=message(N_("The raters of this calibration round agreed less than the threshold of "
                                    "%(threshold)s. Consider a consensus meeting and booster training.")
                                 , threshold=str(calibration.threshold)),
                    url=reverse("assessment:calibration_report", args=[calibration.pk]), target=calibration,
                    target_action="view_results")
    return calibration


def consensus_record(*, actor, calibration: CalibrationRound, held_on: dt.date, participants, agreed: dict,
                     notes: str = "") -> ConsensusMeeting:
    """The consensus meeting after a closed round: who took part, the ratings agreed and the notes."""
    access.require_create(actor, ConsensusMeeting, round=calibration)
    if held_on is None:
        raise invalid(_("Give the date of the meeting."), field="held_on")
    if held_on > timezone.localdate():
        raise invalid(_("The meeting cannot be in the future."), field="held_on")
    limits.check_date_within(held_on, years_back=5, years_ahead=0, field="held_on")
    participants = list({u.pk: u for u in participants}.values())
    raters = set(calibration.rater_rows.values_list("user_id", flat=True))
    if not participants:
        raise invalid(_("Name who took part."), field="participants")
    if any(u.pk not in raters and u.pk != actor.pk for u in participants):
        raise invalid(_("Participants are the round's raters and its coordinator."), field="participants")
    definition = calibration.instrument_version.definition
    items = {i["name"]: i for i in rated_items(definition)}
    clean = {}
    for name, value in (agreed or {}).items():
        if name not in items:
            raise invalid(_("Unknown item: %(name)s.") % {"name": str(name)[:64]}, field="agreed")
        value = str(value or "").strip()
        if not value:
            continue
        allowed = [c["value"] for c in definition["scales"][items[name]["scale"]]]
        if value not in allowed:
            raise invalid(_("“%(value)s” is not on this item's scale (%(allowed)s).") % {
                "value": value[:40], "allowed": ", ".join(allowed)}, field="agreed")
        clean[name] = value
    limits.check_length(notes, limits.LONG_TEXT, field="notes")
    if not clean and not notes.strip():
        raise invalid(_("Record the agreed ratings or the notes of the meeting."))
    with transaction.atomic():
        meeting = ConsensusMeeting.objects.create(round=calibration, held_on=held_on, agreed=clean,
                                                  notes=notes.strip(), created_by=actor)
        meeting.participants.set(participants)
        _audit("calibration.consensus", actor, calibration, organisation=calibration.organisation_id,
               participants=len(participants), agreed=len(clean))
    return meeting


# --- organisation action plans ----------------------------------------------------------------------------------


def _plan_fields(assessment: Assessment, *, item: str, importance: int, urgency: int, outcome: str, risk: str,
                 action: str, owner, due_date: dt.date, evidence: str, rag: str) -> dict:
    names = {i["name"] for i in assessment.definition["items"]}
    if item and item not in names:
        raise invalid(_("Choose an item of the instrument."), field="item")
    for field, value in (("importance", importance), ("urgency", urgency)):
        if value not in Priority.values:
            raise invalid(_("Choose low, medium or high."), field=field)
    outcome, action = outcome.strip(), action.strip()
    if not outcome:
        raise invalid(_("Describe the outcome sought."), field="outcome")
    if not action:
        raise invalid(_("Describe the action."), field="action")
    limits.check_length(outcome, 300, field="outcome")
    limits.check_length(risk, 300, field="risk")
    limits.check_length(action, 2000, field="action")
    limits.check_length(evidence, 2000, field="evidence")
    if rag not in ActionPlanItem.Rag.values:
        raise invalid(_("Choose red, amber or green."), field="rag")
    if due_date is None:
        raise invalid(_("Give a due date."), field="due_date")
    limits.check_date_within(due_date, years_back=limits.DUE_DATE_YEARS_BACK,
                             years_ahead=limits.DUE_DATE_YEARS_AHEAD, field="due_date")
    if owner is None or assessment.organisation_id not in access.organisations_of(owner):
        raise invalid(_("The owner must work in the assessed organisation."), field="owner")
    return {"item": item, "importance": importance, "urgency": urgency, "outcome": outcome, "risk": risk.strip(),
            "action": action, "owner": owner, "due_date": due_date, "evidence": evidence.strip(), "rag": rag}


def plan_item_add(*, actor, assessment: Assessment, owner, due_date: dt.date, outcome: str, action: str,
                  item: str = "", importance: int = 2, urgency: int = 2, risk: str = "", evidence: str = "",
                  rag: str = ActionPlanItem.Rag.AMBER) -> ActionPlanItem:
    """A line of the action plan that follows a final organisation-level assessment."""
    from integra.core.notifications import N_, message
    from integra.core.services import notification_send

    access.require_create(actor, ActionPlanItem, assessment=assessment)
    if assessment.instrument_version.instrument.level != Level.ORGANISATION:
        raise invalid(_("An action plan follows an organisation-level assessment."))
    fields = _plan_fields(assessment, item=item, importance=importance, urgency=urgency, outcome=outcome, risk=risk,
                          action=action, owner=owner, due_date=due_date, evidence=evidence, rag=rag)
    with transaction.atomic():
        line = ActionPlanItem.objects.create(assessment=assessment, created_by=actor, **fields)
        _audit("plan.added", actor, line, organisation=assessment.organisation_id, assessment=assessment.pk,
               due_date=due_date.isoformat())
        if owner.pk != actor.pk:
            notification_send(recipients=[owner], title=message(N_("You own an action of the plan for %(subject)s, "
                                                                   "due on %(date)s"),
                                                                subject=assessment.subject,
                                                                date=due_date.isoformat()),
                              url=reverse("assessment:plan", args=[assessment.pk]), target=line)
    return line


def plan_item_update(*, actor, line: ActionPlanItem, expected_version: int, rag: str, evidence: str,
                     done: bool = False, due_date: dt.date | None = None) -> ActionPlanItem:
    """Progress on a line: its status, evidence, whether it is done, and a new due date if needed."""
    access.require(actor, CHANGE, line)
    if rag not in ActionPlanItem.Rag.values:
        raise invalid(_("Choose red, amber or green."), field="rag")
    limits.check_length(evidence, 2000, field="evidence")
    due_date = due_date or line.due_date
    limits.check_date_within(due_date, years_back=limits.DUE_DATE_YEARS_BACK,
                             years_ahead=limits.DUE_DATE_YEARS_AHEAD, field="due_date")
    if done and not evidence.strip():
        raise invalid(_("Record the evidence before marking the action done."), field="evidence")
    with transaction.atomic():
        update_versioned(line, expected_version=expected_version, rag=rag, evidence=evidence.strip(), done=done,
                         due_date=due_date)
        _audit("plan.updated", actor, line, organisation=line.assessment.organisation_id, rag=rag, done=done)
    return line
