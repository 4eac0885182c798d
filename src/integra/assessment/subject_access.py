"""The assessments of a person in their subject-access copy: registered into cooperation's subject-access sections
(cooperation may not import this app) from AssessmentConfig.ready().

Scope: the assessments belong to the record's assessment section. The owner's data-protection officer exports them
all while the owner holds that section (after a handover that did not carry it: those made by the organisations the
officer answers for); the officer of an organisation that no longer owns the record exports the assessments that
organisation made (the assessing organisation), as for its notes. Drafts are included: they are held too.

Item wording of a licensed instrument is the licence holder's text, not the person's data: the copy names those
items by their code, with the person's ratings, evidence and sources in full.
"""

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from integra.cooperation.models import Section
from integra.cooperation.subject_access import choice, label, text, when
from integra.cooperation.subject_access_sections import register_section, scope_q

from . import instruments
from .models import ActionPlanItem, Assessment, Judgement, Priority, Rating


def _iso(value):
    return value.isoformat() if value else None


def _lang() -> str:
    from django.utils import translation

    return (translation.get_language() or "en")[:2]


def collect(record, scope) -> list[dict]:
    """The record's assessments with their ratings and action-plan items: three queries whatever their number."""
    rows = (Assessment.objects.filter(record=record)
            .filter(scope_q(scope, section=Section.ASSESSMENT, organisation="organisation"))
            .select_related("instrument_version__instrument", "organisation", "assessor", "countersigner")
            .prefetch_related("ratings", "plan_items__owner").order_by("created_at", "id"))
    result = []
    for a in rows:
        definition = a.instrument_version.definition or {}
        readable = not a.instrument_version.instrument.is_licensed
        items = {i.get("name"): i for i in definition.get("items") or []}
        scales = definition.get("scales") or {}

        def rating(r: Rating, items=items, scales=scales, readable=readable) -> dict:
            item = items.get(r.item) or {}
            value_label = next((c.get("label") for c in scales.get(item.get("scale"), [])
                                if c.get("value") == r.value), None)
            return {"item": r.item, "label": (item.get("label") or {}) if readable else {},
                    "value": r.value, "value_label": (value_label or {}) if readable else {},
                    "answer": r.text_answer, "insufficient_reason": r.insufficient_reason,
                    "evidence": r.evidence, "sources": r.sources}

        result.append({
            "id": a.pk, "instrument": definition.get("title") or {"en": a.instrument_version.instrument.title},
            "instrument_code": a.instrument_version.instrument.code, "version": a.instrument_version.number,
            "organisation": a.organisation.name, "status": a.status, "assessor": str(a.assessor),
            "countersigner": str(a.countersigner) if a.countersigner else "",
            "created_at": _iso(a.created_at), "submitted_at": _iso(a.submitted_at),
            "countersigned_at": _iso(a.countersigned_at), "finalised_at": _iso(a.finalised_at),
            "review_date": _iso(a.review_date), "judgement": a.judgement, "significant_items": a.significant_items,
            "rationale": a.rationale, "evidence_against": a.evidence_against, "limitations": a.limitations,
            "countersign_note": a.countersign_note,
            "ratings": [rating(r) for r in sorted(a.ratings.all(), key=lambda r: (r.item, r.pk))],
            "plan_items": [{"id": p.pk, "outcome": p.outcome, "action": p.action, "owner": str(p.owner),
                            "due_date": _iso(p.due_date), "status": p.rag, "done": p.done, "evidence": p.evidence,
                            "importance": p.importance, "urgency": p.urgency}
                           for p in a.plan_items.all()],
        })
    return result


def _rating_line(r: dict) -> str:
    lang = _lang()
    name = instruments.text(r.get("label") or {}, lang) or r.get("item")
    if r.get("value") == instruments.INSUFFICIENT:
        value = _("Insufficient information")
        if r.get("insufficient_reason"):
            value += f" ({r['insufficient_reason']})"
    else:
        value = r.get("answer") or instruments.text(r.get("value_label") or {}, lang) or r.get("value") or "—"
    line = f"{name}: {value}"
    if r.get("evidence"):
        line += f"\n{label(Rating, 'evidence')}: {r['evidence']}"
    if r.get("sources"):
        line += f"\n{label(Rating, 'sources')}: {text(r['sources'])}"
    return line


def _plan_line(p: dict) -> str:
    return (f"{p.get('outcome')} — {p.get('action')} ({label(ActionPlanItem, 'owner')}: {text(p.get('owner'))}, "
            f"{label(ActionPlanItem, 'due_date')}: {when(p.get('due_date'))}, "
            f"{label(ActionPlanItem, 'rag')}: {choice(ActionPlanItem.Rag, p.get('status'))}, "
            f"{label(ActionPlanItem, 'importance')}: {choice(Priority, p.get('importance'))})")


def heading(r: dict) -> str:
    return _("%(instrument)s, version %(number)s") % {
        "instrument": instruments.text(r.get("instrument") or {}, _lang()) or r.get("instrument_code"),
        "number": r.get("version")}


def fields(r: dict) -> list[tuple[str, str]]:
    return [
        (label(Assessment, "status"), choice(Assessment.Status, r.get("status"))),
        (label(Assessment, "organisation"), text(r.get("organisation"))),
        (label(Assessment, "assessor"), text(r.get("assessor"))),
        (label(Assessment, "countersigner"), text(r.get("countersigner"))),
        (label(Assessment, "created_at"), when(r.get("created_at"))),
        (label(Assessment, "submitted_at"), when(r.get("submitted_at"))),
        (label(Assessment, "countersigned_at"), when(r.get("countersigned_at"))),
        (label(Assessment, "finalised_at"), when(r.get("finalised_at"))),
        (label(Assessment, "review_date"), when(r.get("review_date"))),
        (label(Assessment, "judgement"), choice(Judgement, r.get("judgement"))),
        (label(Assessment, "significant_items"), text(r.get("significant_items"))),
        (label(Assessment, "rationale"), text(r.get("rationale"))),
        (label(Assessment, "evidence_against"), text(r.get("evidence_against"))),
        (label(Assessment, "limitations"), text(r.get("limitations"))),
        (label(Assessment, "countersign_note"), text(r.get("countersign_note"))),
        (_("Ratings"), "\n".join(_rating_line(x) for x in r.get("ratings") or []) or "—"),
        (_("Action plan"), "\n".join(_plan_line(p) for p in r.get("plan_items") or []) or "—"),
    ]


def register() -> None:
    register_section(
        "assessments", prefix="assessment", title=gettext_lazy("Assessments"),
        kind=capfirst(Assessment._meta.verbose_name), empty=gettext_lazy("No assessment of you is held."),
        collect=collect, heading=heading, fields=fields, section=Section.ASSESSMENT,
        writer=(Assessment, "record", "organisation"),
        summary=lambda r: f"{heading(r)} — {choice(Assessment.Status, r.get('status'))}: "
                          f"{r.get('rationale') or ''}")
