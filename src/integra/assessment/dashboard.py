"""Navigation and the assessor's dashboard card: each asks the policy whom it is for and reads through the
selectors."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from integra.cooperation.models import Section
from integra.cooperation.panels import Panel, PanelItem, add_record_panel
from integra.core import access
from integra.core.dashboard import Card, CardItem, card_provider
from integra.core.home import HomeFeature, add_home_feature
from integra.core.navigation import NavEntry, add_nav_entry, offered_to

from . import selectors
from .models import ActionPlanItem, Assessment, CalibrationRound, Instrument, Survey


@card_provider
def _assessments_waiting(actor):
    """Assessors: their drafts and the assessments waiting for their countersignature."""
    if not access.can_any(actor, Assessment):
        return []
    visible = selectors.assessment_list(actor=actor)
    waiting = list(visible.filter(status=Assessment.Status.SUBMITTED).exclude(assessor=actor)[:5])
    drafts = list(visible.filter(status=Assessment.Status.DRAFT, assessor=actor)[:5])
    if not waiting and not drafts:
        return []
    items = [CardItem(str(_("To countersign")) + f" · {a.record.reference if a.record_id else a.subject}",
                      reverse("assessment:assessment", args=[a.pk])) for a in waiting]
    items += [CardItem(str(_("Draft")) + f" · {a.record.reference if a.record_id else a.subject}",
                       reverse("assessment:assessment", args=[a.pk])) for a in drafts]
    return [Card(title=_("Assessments"), items=items, order=30, needs_attention=bool(waiting),
                 link_url=reverse("assessment:home"), link_label=_("All assessments"))]


def prompt_text(prompt) -> str:
    if prompt.reason == "phase":
        return str(_("phase changed on %(date)s, after the last assessment")) % {
            "date": prompt.occurred_at.date().isoformat()}
    return str(_("new information on %(date)s, after the last assessment")) % {
        "date": prompt.occurred_at.date().isoformat()}


def _reassessment_panel(actor, record):
    """On the record's assessment section: what on the timeline calls for a reassessment (prompts only)."""
    prompts = selectors.timeline_prompts(actor=actor, record=record)
    if not prompts:
        return []
    return [Panel(title=str(_("Reassessment to consider")), order=10,
                  items=[PanelItem(prompt_text(p), str(_("The assessor decides whether to reassess.")),
                                   reverse("assessment:record", args=[record.pk])) for p in prompts])]


@card_provider
def _reassessments(actor):
    """Prompts for a reassessment: review dates reached, releases within 30 days without a recent assessment."""
    if not access.can_any(actor, Assessment):
        return []
    prompts = selectors.reassessment_prompts(actor=actor)
    items = [CardItem(a.record.reference if a.record_id else a.subject,
                      reverse("assessment:record", args=[a.record_id]) if a.record_id
                      else reverse("assessment:assessment", args=[a.pk]),
                      str(_("review date %(date)s")) % {"date": a.review_date.isoformat()}) for a in prompts["due"]]
    items += [CardItem(r.reference, reverse("assessment:record", args=[r.pk]),
                       str(_("released on %(date)s, not assessed for 90 days")) % {
                           "date": r.expected_release_date.isoformat()}) for r in prompts["releases"]]
    items += [CardItem(p.reference, reverse("assessment:record", args=[p.record_id]), prompt_text(p))
              for p in selectors.timeline_prompts(actor=actor)]
    if not items:
        return []
    return [Card(title=_("Reassessments to consider"), items=items, order=31, needs_attention=True,
                 link_url=reverse("assessment:home"), link_label=_("All assessments"))]


@card_provider
def _overdue_actions(actor):
    """The owner's overdue lines of an organisation's action plan."""
    if not access.can_any(actor, ActionPlanItem):
        return []
    lines = selectors.overdue_plan_items(actor=actor)
    if not lines:
        return []
    items = [CardItem(line.outcome, reverse("assessment:plan", args=[line.assessment_id]),
                      str(_("due on %(date)s")) % {"date": line.due_date.isoformat()}) for line in lines]
    return [Card(title=_("Overdue actions of an action plan"), items=items, order=32, needs_attention=True)]


@card_provider
def _calibration_to_rate(actor):
    """Raters: the open calibration rounds they have not rated yet."""
    if not access.can_any(actor, CalibrationRound):
        return []
    rounds = selectors.rounds_to_rate(actor=actor)
    if not rounds:
        return []
    items = [CardItem(r.title, reverse("assessment:calibration", args=[r.pk])) for r in rounds]
    return [Card(title=_("Calibration rounds to rate"), items=items, order=33, needs_attention=True,
                 link_url=reverse("assessment:calibration_list"), link_label=_("All calibration rounds"))]


add_record_panel(Section.ASSESSMENT, _reassessment_panel)
add_nav_entry(NavEntry(_("Assessments"), lambda a: reverse("assessment:home"), offered_to(Assessment), order=45))
add_nav_entry(NavEntry(_("Instruments"), lambda a: reverse("assessment:instruments"), offered_to(Instrument),
                       order=47))
add_nav_entry(NavEntry(_("Training-needs surveys"), lambda a: reverse("assessment:surveys"), offered_to(Survey),
                       order=48))
add_nav_entry(NavEntry(_("Calibration"), lambda a: reverse("assessment:calibration_list"),
                       offered_to(CalibrationRound), order=49))
add_home_feature(HomeFeature(_("Structured assessment"), _(
    "Instruments as versioned data at four levels, structured professional judgement with countersigning, bias "
    "control and reassessment."), order=30))
