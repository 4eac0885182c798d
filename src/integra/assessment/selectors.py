"""Reads shared by the pages and the API, already narrowed to what the actor may see. Every figure here is a
computed aid for the assessor, never a decision: pages label them as computed."""

from dataclasses import dataclass, field

from django.db import models
from django.db.models import Prefetch, Q
from django.utils import translation

from integra.core import access

from . import instruments, logic
from .models import Assessment, Instrument, InstrumentVersion, Level, Rating, Survey, SurveyReceipt, SurveyResponse
from .policy import VIEW_ITEMS, may_assess

HIDDEN_TEXT = "—"


def language() -> str:
    return (translation.get_language() or "en")[:2]


def instrument_list(*, actor, level: str = ""):
    instruments_qs = access.visible(actor, Instrument).prefetch_related(
        Prefetch("versions", queryset=InstrumentVersion.objects.order_by("-number").only(
            "pk", "number", "status", "instrument_id", "published_at")))
    if level in Level.values:
        instruments_qs = instruments_qs.filter(level=level)
    return instruments_qs


def instrument_by_code(*, actor, code: str) -> Instrument | None:
    return access.visible(actor, Instrument).filter(code=code).first()


def licensee_choices(*, actor):
    """Organisations an instrument may be licensed to: the active ones the actor sees."""
    from integra.core.models import Organisation

    return access.visible(actor, Organisation).filter(is_active=True).order_by("name")


def published_instruments(*, actor, level: str = Level.INDIVIDUAL):
    return access.visible(actor, Instrument).filter(level=level, versions__status=InstrumentVersion.Status.PUBLISHED)\
        .distinct().order_by("title")


@dataclass
class ItemView:
    name: str
    type: str
    kind: str
    domain: str
    label: str
    guidance: str
    choices: list  # [(value, label)]
    relevant: str
    required: bool
    constraint: str
    calculate: str
    competence: str
    rating: Rating | None = None
    previous: Rating | None = None
    shown: bool = True
    changed: bool = False
    previous_label: str = ""
    current_label: str = ""


@dataclass
class DomainView:
    name: str
    label: str
    items: list = field(default_factory=list)


def localised(definition: dict, *, readable: bool, lang: str | None = None) -> list[DomainView]:
    """The instrument's domains and items in the language (English fallback); item text replaced by its name when
    the reader's organisation is not licensed."""
    lang = lang or language()
    domains = {"": DomainView("", "")}
    for d in definition["domains"]:
        domains[d["name"]] = DomainView(d["name"], instruments.text(d["label"], lang) if readable else d["name"])
    for item in definition["items"]:
        choices = [(c["value"], instruments.text(c["label"], lang) if readable else c["value"])
                   for c in definition["scales"].get(item["scale"], [])] if item["type"] == "select_one" else []
        domains.setdefault(item["domain"], DomainView(item["domain"], item["domain"])).items.append(ItemView(
            name=item["name"], type=item["type"], kind=item["kind"], domain=item["domain"],
            label=instruments.text(item["label"], lang) if readable else item["name"],
            guidance=instruments.text(item["guidance"], lang) if readable else "", choices=choices,
            relevant=item["relevant"], required=item["required"] == "yes", constraint=item["constraint"],
            calculate=item["calculate"], competence=item["competence"]))
    return [d for d in domains.values() if d.items]


def version_view(*, actor, version: InstrumentVersion) -> dict:
    readable = access.can(actor, VIEW_ITEMS, version.instrument)
    definition = version.definition
    lang = language()
    return {"readable": readable, "domains": localised(definition, readable=readable),
            "title": instruments.text(definition["title"], lang),
            "description": instruments.text(definition["description"], lang),
            "languages": instruments.definition_languages(definition),
            "missing": instruments.missing_translations(definition) if readable else {}}


# --- assessments ------------------------------------------------------------------------------------------------


def assessments_of_record(*, actor, record):
    if may_assess(actor, record) is None:
        return Assessment.objects.none()
    return access.visible(actor, Assessment).filter(record=record).select_related(
        "instrument_version__instrument", "assessor", "countersigner").order_by("-created_at", "-id")


def unit_instruments(*, actor):
    return access.visible(actor, Instrument).filter(
        level__in=[Level.GROUP, Level.ORGANISATION], versions__status=InstrumentVersion.Status.PUBLISHED)\
        .distinct().order_by("title")


def assessment_list(*, actor):
    return access.visible(actor, Assessment).select_related(
        "instrument_version__instrument", "record", "assessor").order_by("-created_at", "-id")


def _value_label(definition, item, rating) -> str:
    if rating is None:
        return ""
    if rating.value == instruments.INSUFFICIENT:
        from django.utils.translation import gettext as _

        return str(_("Insufficient information"))
    if item["type"] == "text":
        return rating.text_answer
    for choice in definition["scales"].get(item["scale"], []):
        if choice["value"] == rating.value:
            return instruments.text(choice["label"], language())
    return rating.value


def _answers(definition, ratings: dict) -> dict:
    values = {}
    by_name = {i["name"]: i for i in definition["items"]}
    for name, rating in ratings.items():
        item = by_name.get(name)
        if item is None or rating.value == instruments.INSUFFICIENT:
            continue
        if item["type"] == "text":
            if rating.text_answer:
                values[name] = rating.text_answer
        elif rating.value:
            values[name] = logic.to_number(rating.value) if item["type"] in {"integer", "decimal"} else rating.value
    return values


def _previous_name(definition: dict, name: str) -> str:
    """The item's name in the previous version (the mapping says renamed ones)."""
    for old, new in (definition.get("mapping") or {}).items():
        if new == name:
            return old
    return name


def assessment_view(*, actor, assessment: Assessment) -> dict:
    """Everything the assessment page shows: items with their ratings and the previous ones beside them, the rules'
    state, the computed aids and the change report."""
    from integra.assessment.services import form_items

    definition = assessment.definition
    readable = access.can(actor, VIEW_ITEMS, assessment.instrument_version.instrument)
    ratings = {r.item: r for r in assessment.ratings.all()}
    previous = assessment.previous
    previous_ratings = {r.item: r for r in previous.ratings.all()} if previous else {}
    previous_definition = previous.definition if previous else None
    state = logic.run_form(form_items(definition), _answers(definition, ratings))
    domains = localised(definition, readable=readable)
    by_name = {i["name"]: i for i in definition["items"]}
    changes = []
    for domain in domains:
        for view in domain.items:
            view.rating = ratings.get(view.name)
            view.shown = state.relevant.get(view.name, True)
            view.current_label = _value_label(definition, by_name[view.name], view.rating)
            if view.calculate:
                value = state.answers.get(view.name)
                view.current_label = "" if value is None else str(value)
            if previous:
                old_name = _previous_name(definition, view.name)
                view.previous = previous_ratings.get(old_name)
                old_item = {i["name"]: i for i in previous_definition["items"]}.get(old_name)
                view.previous_label = _value_label(previous_definition, old_item, view.previous) if old_item else ""
                view.changed = (view.previous.value if view.previous else "") != (
                    view.rating.value if view.rating else "")
                if view.changed and not view.calculate and by_name[view.name]["type"] != "text":
                    changes.append(view)
    sources = sorted({s for r in ratings.values() for s in r.sources})
    return {"domains": domains, "readable": readable, "profile": domain_profile(definition, ratings),
            "counts": indicator_counts(definition, ratings), "changes": changes, "sources": sources,
            "few_sources": len(sources) < assessment.instrument_version.instrument.min_sources,
            "calculated": {k: v for k, v in state.answers.items() if by_name.get(k, {}).get("calculate")}}


def _score(definition, item, value):
    for choice in definition["scales"].get(item["scale"], []):
        if choice["value"] == value:
            return choice["score"]
    return None


def domain_profile(definition: dict, ratings: dict) -> list[dict]:
    """Per domain: items rated, insufficient information, and the mean of the scale scores of the rated risk and
    protective items, each as a share of the scale's maximum (a computed aid)."""
    lang = language()
    rows = []
    for domain in definition["domains"]:
        items = [i for i in definition["items"] if i["domain"] == domain["name"] and i["type"] == "select_one"]
        scores, maximum, rated, unknown = [], [], 0, 0
        for item in items:
            rating = ratings.get(item["name"])
            if rating is None or not rating.value:
                continue
            if rating.value == instruments.INSUFFICIENT:
                unknown += 1
                continue
            rated += 1
            score = _score(definition, item, rating.value)
            top = max((c["score"] for c in definition["scales"][item["scale"]] if c["score"] is not None), default=None)
            if score is not None and top:
                scores.append(score)
                maximum.append(top)
        share = round(100 * sum(scores) / sum(maximum)) if maximum else None
        rows.append({"name": domain["name"], "label": instruments.text(domain["label"], lang), "items": len(items),
                     "rated": rated, "insufficient": unknown, "share": share})
    return rows


def indicator_counts(definition: dict, ratings: dict) -> dict:
    """How many risk and protective items are rated present (any score above the scale's lowest), and how many
    have insufficient information (a computed aid)."""
    counts = {"risk": 0, "protective": 0, "insufficient": 0}
    for item in definition["items"]:
        rating = ratings.get(item["name"])
        if rating is None or not rating.value or item["type"] != "select_one":
            continue
        if rating.value == instruments.INSUFFICIENT:
            counts["insufficient"] += 1
            continue
        score = _score(definition, item, rating.value)
        if item["kind"] in {"risk", "protective"} and score:
            counts[item["kind"]] += 1
    return counts


def trajectory(*, actor, record=None, instrument: Instrument, unit: Assessment | None = None) -> dict:
    """The domain profile of every final assessment of the person (or, for a group or organisation, of the same
    unit: the waves) with this instrument, oldest first: the trajectory table and chart (a computed aid)."""
    if unit is not None:
        found = access.visible(actor, Assessment).filter(record__isnull=True, organisation_id=unit.organisation_id,
                                                         subject__iexact=unit.subject)
    else:
        found = assessments_of_record(actor=actor, record=record)
    assessments = list(found.filter(
        status=Assessment.Status.FINAL, instrument_version__instrument=instrument).order_by("finalised_at", "id")
        .prefetch_related("ratings"))
    points = []
    domains: dict[str, str] = {}
    for a in assessments:
        profile = domain_profile(a.definition, {r.item: r for r in a.ratings.all()})
        for row in profile:
            domains.setdefault(row["name"], row["label"])
        points.append({"assessment": a, "date": a.finalised_at.date(), "judgement": a.get_judgement_display(),
                       "shares": {row["name"]: row["share"] for row in profile}})
    series = []
    width, height, pad = 480, 160, 24
    step = (width - 2 * pad) / max(1, len(points) - 1)
    for name, label in domains.items():
        coords = [(pad + index * step, height - pad - (p["shares"][name] / 100) * (height - 2 * pad))
                  for index, p in enumerate(points) if p["shares"].get(name) is not None]
        series.append({"name": name, "label": label,
                       "points": " ".join(f"{x:.0f},{y:.0f}" for x, y in coords),
                       "values": [p["shares"].get(name) for p in points]})
    return {"points": points, "series": series, "width": width, "height": height}


def assessment_export(*, actor, instrument: Instrument) -> tuple[list, list[str]]:
    """(rows, header) of every assessment the actor sees with this instrument, across its versions: items under
    the latest version's names (renamed items followed through each version's mapping), values of retyped items
    converted as each later version's conversions say (a value without a conversion is kept as it was), a version
    column on every row, "insufficient" written as such; free text (rationale, evidence) stays out of the export."""
    versions = list(instrument.versions.order_by("number"))
    if not versions:
        return [], []
    latest = versions[-1].definition
    # For each version: {its item name: the latest name}, following the mappings forward.
    names_by_version, conversions_by_version = {}, {}
    for index, version in enumerate(versions):
        forward = {i["name"]: i["name"] for i in version.definition["items"]}
        chains: dict[str, list] = {}  # {item name in this version: [value conversions of each later version]}
        for later in versions[index + 1:]:
            mapping = later.definition.get("mapping") or {}
            conversions = later.definition.get("conversions") or {}
            for old, cur in forward.items():
                if cur is not None and cur in conversions:
                    chains.setdefault(old, []).append(conversions[cur])
            later_names = {i["name"] for i in later.definition["items"]}
            forward = {old: (mapping[cur] if cur in mapping else cur) for old, cur in forward.items()
                       if cur is not None}
            forward = {old: (cur if cur in later_names else None) for old, cur in forward.items()}
        names_by_version[version.pk] = forward
        conversions_by_version[version.pk] = chains
    columns = [i["name"] for i in latest["items"]]
    extra = sorted({old for v in versions for old, cur in names_by_version[v.pk].items() if cur is None})
    header = ["assessment", "instrument", "version", "record", "status", "judgement", "finalised", *columns,
              *[f"{name} (removed)" for name in extra]]
    rows = []
    assessments = access.visible(actor, Assessment).filter(instrument_version__instrument=instrument).select_related(
        "record", "instrument_version").prefetch_related("ratings").order_by("pk")
    for a in assessments:
        forward = names_by_version.get(a.instrument_version_id, {})
        chains = conversions_by_version.get(a.instrument_version_id, {})
        values = {}
        for rating in a.ratings.all():
            target = forward.get(rating.item)
            key = target if target else f"{rating.item} (removed)"
            value = rating.value
            if target:
                for conversion in chains.get(rating.item, ()):  # retyped: read as the latest version reads it
                    value = conversion.get(value, value)
            values[key] = value
        rows.append([a.pk, instrument.code, a.instrument_version.number, a.record.reference if a.record_id else "",
                     a.status, a.judgement, a.finalised_at.date().isoformat() if a.finalised_at else "",
                     *[values.get(c, "") for c in columns], *[values.get(f"{n} (removed)", "") for n in extra]])
    return rows, header


# --- training-needs surveys -------------------------------------------------------------------------------------


def survey_list(*, actor):
    return access.visible(actor, Survey).select_related("instrument_version__instrument", "organisation")


def has_answered(*, actor, survey) -> bool:
    return access.visible(actor, SurveyReceipt).filter(survey=survey).exists()


def survey_results(*, actor, survey, compare: bool = True) -> dict:
    """Gap per competence: 100 × (top score − mean score) / (top − bottom) over the answers, with the courses that
    build the competence; a breakdown per audience only for groups of at least `min_group`, and nothing at all
    below it (a computed aid for planning training, about no one)."""
    from integra.learning import selectors as learning_selectors

    responses = list(access.visible(actor, SurveyResponse).filter(survey=survey).values_list("audience", "answers"))
    n = len(responses)
    result = {"n": n, "min_group": survey.min_group, "shown": n >= survey.min_group, "rows": [], "groups": []}
    if not result["shown"]:
        return result
    definition = survey.instrument_version.definition
    items = [i for i in definition["items"] if i["type"] == "select_one"]
    codes = sorted({i["competence"] for i in items if i["competence"]})
    courses = learning_selectors.courses_for_competences(actor=actor, codes=codes) if codes else {}

    def gap(subset, item):
        scores = [s for s in (_score(definition, item, answers.get(item["name"])) for _aud, answers in subset)
                  if s is not None]
        scale = [c["score"] for c in definition["scales"][item["scale"]] if c["score"] is not None]
        if not scores or len(set(scale)) < 2:
            return None, len(scores)
        top, bottom = max(scale), min(scale)
        return round(100 * (top - sum(scores) / len(scores)) / (top - bottom)), len(scores)

    groups = sorted({aud for aud, _a in responses})
    large = [g for g in groups if sum(1 for aud, _a in responses if aud == g) >= survey.min_group]
    result["groups"] = large
    result["hidden_groups"] = len(groups) - len(large)
    lang = language()
    for item in items:
        value, answered = gap(responses, item)
        by_group = {g: gap([r for r in responses if r[0] == g], item)[0] for g in large}
        result["rows"].append({"name": item["name"], "label": instruments.text(item["label"], lang),
                               "competence": item["competence"], "gap": value, "answered": answered,
                               "by_group": [by_group[g] for g in large],
                               "courses": courses.get(item["competence"], [])})
    result["rows"].sort(key=lambda r: -(r["gap"] or 0))
    earlier = None if not compare else (access.visible(actor, Survey).filter(organisation_id=survey.organisation_id,
                                                    instrument_version__instrument_id=survey.instrument_version
                                                    .instrument_id, created_at__lt=survey.created_at)
               .order_by("-created_at", "-id").first())
    if earlier is not None:
        before = survey_results(actor=actor, survey=earlier, compare=False)  # the wave before only, not a chain
        result["previous"] = {"survey": earlier, "shown": before["shown"],
                              "gaps": {row["name"]: row["gap"] for row in before["rows"]}}
        for row in result["rows"]:
            row["previous_gap"] = result["previous"]["gaps"].get(row["name"])
    return result


def data_dictionary(*, instrument: Instrument) -> tuple[list, list[str]]:
    """One row per item of every version: what the export's columns mean, and where each item went in later
    versions (the caller checked that the actor may read the items)."""
    header = ["version", "status", "item", "exported as", "domain", "type", "kind", "scale values", "label (en)",
              "relevant", "required", "constraint", "calculation", "competence"]
    versions = list(instrument.versions.order_by("number"))
    latest_names = {i["name"] for i in versions[-1].definition["items"]} if versions else set()
    rows = []
    for index, version in enumerate(versions):
        definition = version.definition
        for item in definition["items"]:
            current = item["name"]
            for later in versions[index + 1:]:
                mapping = later.definition.get("mapping") or {}
                if current in mapping:
                    current = mapping[current]
                if current is None:
                    break
            exported = current if current in latest_names else f"{item['name']} (removed)"
            values = ", ".join(f"{c['value']}={c['score']}" if c["score"] is not None else c["value"]
                               for c in definition["scales"].get(item["scale"], []))
            rows.append([version.number, version.status, item["name"], exported, item["domain"], item["type"],
                         item["kind"], values, item["label"].get("en", ""), item["relevant"], item["required"],
                         item["constraint"], item["calculate"], item["competence"]])
    return rows, header


def reassessment_prompts(*, actor, limit: int = 5) -> dict:
    """What calls for a reassessment, for the dashboard: final assessments whose review date is within 30 days or
    past and that no newer assessment follows, and people the actor assesses who are released within 30 days and
    were not assessed in the last 90 days (prompts only: the assessor decides)."""
    import datetime as dt

    from django.db.models import Exists, OuterRef
    from django.utils import timezone

    from integra.cooperation.models import Phase, TransitionRecord

    from .policy import _assessment_grants

    today = timezone.localdate()
    followed = Assessment.objects.filter(previous_id=OuterRef("pk"))
    due = list(access.visible(actor, Assessment).filter(status=Assessment.Status.FINAL,
                                                        review_date__lte=today + dt.timedelta(days=30))
               .exclude(Exists(followed)).select_related("record", "instrument_version__instrument")
               .order_by("review_date", "id")[:limit])
    recent = Assessment.objects.filter(record_id=OuterRef("pk"), created_at__gte=timezone.now() - dt.timedelta(days=90))
    releases = list(access.visible(actor, TransitionRecord).filter(
        pk__in=sorted(_assessment_grants(actor)), expected_release_date__range=(today, today + dt.timedelta(days=30)),
        phase__in=[Phase.CUSTODY, Phase.PRE_RELEASE]).exclude(Exists(recent)).order_by("expected_release_date")
        [:limit])
    return {"due": due, "releases": releases}


# --- calibration (inter-rater reliability) ----------------------------------------------------------------------


def round_list(*, actor):
    from .models import CalibrationRound

    return access.visible(actor, CalibrationRound).select_related(
        "instrument_version__instrument", "organisation").order_by("-created_at", "-id")


def _scale_index(definitions: dict, version_id: int, item: str) -> dict:
    definition = definitions[version_id]
    for candidate in definition["items"]:
        if candidate["name"] == item and candidate["type"] == "select_one":
            return {c["value"]: i for i, c in enumerate(definition["scales"][candidate["scale"]])}
    return {}


def agreement_of(rows, definitions: dict):
    """Agreement over units (round, item): `rows` are (round id, version id, rater id, item, value). Each value is
    placed on its item's scale (its rank); "insufficient information" counts as not rated. κ (linear weights) for
    two raters, Krippendorff's α (ordinal) for more."""
    from . import reliability

    units, raters, cells, width = [], [], {}, 2
    indexes: dict = {}
    for round_id, version_id, rater_id, item, value in rows:
        key = (version_id, item)
        if key not in indexes:
            indexes[key] = _scale_index(definitions, version_id, item)
            width = max(width, len(indexes[key]))
        rank = indexes[key].get(value)
        unit = (round_id, item)
        if unit not in cells:
            units.append(unit)
            cells[unit] = {}
        if rater_id not in raters:
            raters.append(rater_id)
        cells[unit][rater_id] = rank
    matrix = [[cells[u].get(r) for u in units] for r in raters]
    if len(raters) < 2:
        return reliability.Agreement("weighted kappa" if raters else "Krippendorff's alpha", None, 0, len(raters))
    return reliability.agreement(matrix, list(range(width)))


def _definitions(version_ids) -> dict:
    return dict(InstrumentVersion.objects.filter(pk__in=sorted(set(version_ids))).values_list("pk", "definition"))


def _rating_rows(queryset):
    return list(queryset.values_list("round_id", "round__instrument_version_id", "rater_id", "item", "value")
                .order_by("round_id", "item", "rater_id"))


def round_agreement(calibration):
    """The round's own agreement, over its items (units): used when it closes (no policy: the service checked)."""
    from .models import CalibrationRating

    rows = _rating_rows(CalibrationRating.objects.filter(round=calibration))
    return agreement_of(rows, {calibration.instrument_version_id: calibration.instrument_version.definition})


def round_view(*, actor, calibration) -> dict:
    """The page a rater rates on: the vignette, the items, their own ratings (never the others' while open)."""
    from .models import CalibrationRater, CalibrationRating
    from .policy import RATE, VIEW_RESULTS

    instrument = calibration.instrument_version.instrument
    readable = access.can(actor, VIEW_ITEMS, instrument)
    definition = calibration.instrument_version.definition
    mine = dict(CalibrationRating.objects.filter(round=calibration, rater_id=actor.pk).values_list("item", "value"))
    rater_rows = list(CalibrationRater.objects.filter(round=calibration).select_related("user").order_by(
        "user__email"))
    domains = localised({**definition, "items": [i for i in definition["items"] if i["type"] == "select_one"]},
                        readable=readable)
    return {"round": calibration, "readable": readable, "domains": domains, "mine": mine,
            "raters": rater_rows, "submitted": sum(1 for r in rater_rows if r.submitted_at),
            "can_rate": access.can(actor, RATE, calibration),
            "can_see_report": access.can(actor, VIEW_RESULTS, calibration),
            "title": instruments.text(definition["title"], language())}


def calibration_report(*, actor, calibration) -> dict:
    """A closed round: every rater's rating per item, then the agreement — per item over every closed round of the
    instrument the actor sees, for this round, for the instrument and for the organisation — each with n (units
    counted) and the number of raters."""
    from .models import CalibrationRater, CalibrationRating, CalibrationRound, ConsensusMeeting
    from .policy import VIEW_RESULTS

    access.require(actor, VIEW_RESULTS, calibration)
    instrument = calibration.instrument_version.instrument
    readable = access.can(actor, VIEW_ITEMS, instrument)
    closed = access.visible(actor, CalibrationRound).filter(status=CalibrationRound.Status.CLOSED).filter(
        Q(instrument_version__instrument=instrument) | Q(organisation_id=calibration.organisation_id))
    # One read for both figures: (round, version, rater, item, value, instrument, organisation).
    both = list(CalibrationRating.objects.filter(round__in=closed.values("pk")).values_list(
        "round_id", "round__instrument_version_id", "rater_id", "item", "value",
        "round__instrument_version__instrument_id", "round__organisation_id").order_by("round_id", "item",
                                                                                      "rater_id"))
    instrument_rows = [r[:5] for r in both if r[5] == instrument.pk]
    organisation_rows = [r[:5] for r in both if r[6] == calibration.organisation_id]
    definitions = _definitions([r[1] for r in instrument_rows] + [r[1] for r in organisation_rows]
                               + [calibration.instrument_version_id])
    definition = definitions[calibration.instrument_version_id]
    raters = [r.user for r in CalibrationRater.objects.filter(round=calibration).select_related("user")
              .order_by("user__email")]
    own_rows = [r for r in instrument_rows if r[0] == calibration.pk]
    by_item: dict = {}
    for _round, _version, rater_id, item, value in own_rows:
        by_item.setdefault(item, {})[rater_id] = value
    lang = language()
    meetings = list(ConsensusMeeting.objects.filter(round=calibration).prefetch_related("participants"))
    agreed = meetings[0].agreed if meetings else {}
    rows_by_item: dict = {}
    for row in instrument_rows:
        rows_by_item.setdefault(row[3], []).append(row)
    items = []
    for item in definition["items"]:
        if item["type"] != "select_one":
            continue
        labels = {c["value"]: instruments.text(c["label"], lang) if readable else c["value"]
                  for c in definition["scales"][item["scale"]]}
        labels[instruments.INSUFFICIENT] = str(translation.gettext("Insufficient information"))
        values = by_item.get(item["name"], {})
        items.append({"name": item["name"],
                      "label": instruments.text(item["label"], lang) if readable else item["name"],
                      "ratings": [labels.get(values.get(r.pk), HIDDEN_TEXT) if values.get(r.pk) else HIDDEN_TEXT
                                  for r in raters],
                      "values": [values.get(r.pk) for r in raters],
                      "agreed": labels.get(agreed.get(item["name"]), ""),
                      "agreement": agreement_of(rows_by_item.get(item["name"], []), definitions)})
    return {"round": calibration, "raters": raters, "items": items, "readable": readable,
            "round_agreement": agreement_of(own_rows, definitions),
            "instrument_agreement": agreement_of(instrument_rows, definitions),
            "organisation_agreement": agreement_of(organisation_rows, definitions),
            "instrument_rounds": len({r[0] for r in instrument_rows}),
            "organisation_rounds": len({r[0] for r in organisation_rows}),
            "meetings": meetings, "below": calibration.agreement is not None
            and calibration.agreement < float(calibration.threshold)}


def calibration_raters(*, organisation_id: int):
    """Who may be invited to rate: the organisation's assessors."""
    from integra.core.selectors import people_with_roles

    from .policy import ASSESSOR_ROLES

    return people_with_roles(organisation_id=organisation_id, roles=ASSESSOR_ROLES)


# --- organisation action plans ----------------------------------------------------------------------------------


def plan_items(*, actor, assessment):
    from .models import ActionPlanItem

    return access.visible(actor, ActionPlanItem).filter(assessment=assessment).select_related("owner").order_by(
        "done", "-importance", "-urgency", "due_date", "id")


def overdue_plan_items(*, actor, limit: int = 5):
    """The actor's own action-plan lines whose due date has passed and that are not done."""
    from django.utils import timezone

    from .models import ActionPlanItem

    return list(access.visible(actor, ActionPlanItem).filter(owner_id=actor.pk, done=False,
                                                             due_date__lt=timezone.localdate())
                .select_related("assessment").order_by("due_date", "id")[:limit])


def plan_owner_choices(*, assessment):
    """Who may own a line: the active people of the assessed organisation."""
    from django.contrib.auth import get_user_model

    from integra.core.models import Membership

    members = Membership.objects.active().filter(organisation_id=assessment.organisation_id)
    return get_user_model().objects.filter(memberships__in=members).distinct().order_by("email")


def calibration_instruments(*, actor):
    """Instruments a round may use: published, rated (not a training-needs survey), whose items the actor reads."""
    published = access.visible(actor, Instrument).filter(versions__status=InstrumentVersion.Status.PUBLISHED)\
        .exclude(level=Level.TRAINING_NEEDS).distinct().order_by("title")
    return published


def calibration_raters_for(*, organisation_ids):
    from django.contrib.auth import get_user_model

    from integra.core.models import Membership

    from .policy import ASSESSOR_ROLES

    members = Membership.objects.active().filter(organisation_id__in=sorted(organisation_ids),
                                                 roles__role__in=list(ASSESSOR_ROLES))
    return get_user_model().objects.filter(memberships__in=members).distinct().order_by("email")


def consensus_participants(*, calibration, actor):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(
        Q(pk__in=calibration.rater_rows.values("user_id")) | Q(pk=actor.pk)).order_by("email")


def rounds_to_rate(*, actor, limit: int = 5):
    from .models import CalibrationRound

    return list(access.visible(actor, CalibrationRound).filter(
        status=CalibrationRound.Status.OPEN, rater_rows__user_id=actor.pk, rater_rows__submitted_at__isnull=True)
        .order_by("-created_at", "-id")[:limit])


def plan_assessment(*, actor, pk: int):
    """The unit assessment (no person) whose action plan the actor may open, or None."""
    from .models import ActionPlanItem

    related = ("instrument_version__instrument", "organisation", "assessor")
    found = access.visible(actor, Assessment).filter(pk=pk, record__isnull=True).select_related(*related).first()
    if found is not None:
        return found
    line = access.visible(actor, ActionPlanItem).filter(assessment_id=pk, owner_id=actor.pk).select_related(
        *(f"assessment__{r}" for r in related)).first()
    return line.assessment if line else None


# --- reassessment prompts from the record's timeline -------------------------------------------------------------

PHASE_KINDS = ("phase_changed", "handed_over")
NEW_INFORMATION_KINDS = ("note_added", "document_added", "flag_added", "referral_accepted")


@dataclass
class TimelinePrompt:
    record_id: int
    reference: str
    reason: str  # "phase" or "information"
    occurred_at: object
    kinds: list = field(default_factory=list)


def timeline_prompts(*, actor, record=None, limit: int = 5) -> list[TimelinePrompt]:
    """Records the actor assesses whose timeline moved on since their last assessment was started: a change of
    phase (or a handover), or new information (a note, document, flag or accepted referral in a section the actor
    reads). Only records with at least one final assessment; prompts only — the assessor decides. Reads the
    timeline through cooperation's policy; cooperation knows nothing of this."""
    from django.db.models import Max, OuterRef, Subquery

    from integra.cooperation.models import TimelineEntry

    from .policy import _assessment_grants

    grants = sorted(_assessment_grants(actor))
    if record is not None:
        grants = [record.pk] if record.pk in grants else []
    if not grants:
        return []
    last_start = (Assessment.objects.filter(record_id=OuterRef("record_id")).order_by().values("record_id")
                  .annotate(m=Max("created_at")).values("m"))
    has_final = Assessment.objects.filter(record_id__in=grants, status=Assessment.Status.FINAL).values("record_id")
    entries = (access.visible(actor, TimelineEntry)
               .filter(record_id__in=grants, kind__in=PHASE_KINDS + NEW_INFORMATION_KINDS)
               .filter(record_id__in=has_final)
               .annotate(since=Subquery(last_start)).filter(occurred_at__gt=models.F("since"))
               .values_list("record_id", "record__reference", "kind", "occurred_at")
               .order_by("-occurred_at", "-id")[:200])
    prompts: dict = {}
    for record_id, reference, kind, occurred_at in entries:
        reason = "phase" if kind in PHASE_KINDS else "information"
        prompt = prompts.get((record_id, reason))
        if prompt is None:
            if len({r for r, _reason in prompts}) >= limit and record_id not in {r for r, _reason in prompts}:
                continue
            prompt = prompts[(record_id, reason)] = TimelinePrompt(record_id, reference, reason, occurred_at)
        if kind not in prompt.kinds:
            prompt.kinds.append(kind)
    return list(prompts.values())
