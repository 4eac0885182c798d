"""Navigation and the learner's dashboard card."""

from datetime import timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from integra.core.dashboard import Card, CardItem, card_provider
from integra.core.navigation import NavEntry, add_nav_entry

from .models import Cohort, Enrolment
from .selectors import STUCK_AFTER_DAYS


@card_provider
def _continue_learning(actor):
    enrolments = list(Enrolment.objects.filter(user=actor, completed_at__isnull=True)
                      .select_related("course", "last_lesson").order_by("-last_seen_at")[:3])
    if not enrolments:
        return []
    items = [CardItem(e.course.title, reverse("learning:lesson", args=[e.last_lesson_id]) if e.last_lesson_id
                      else reverse("learning:course", args=[e.course_id]),
                      e.last_lesson.title if e.last_lesson_id else "") for e in enrolments]
    return [Card(title=_("Continue learning"), items=items, order=35, link_url=reverse("learning:home"),
                 link_label=_("My learning"))]


@card_provider
def _my_cohorts(actor):
    """Trainers: their running cohorts, and how many learners have not moved for two weeks."""
    cutoff = timezone.now() - timedelta(days=STUCK_AFTER_DAYS)
    quiet = Q(enrolments__completed_at__isnull=True) & (Q(enrolments__last_seen_at__lt=cutoff) | Q(
        enrolments__last_seen_at__isnull=True, enrolments__enrolled_at__lt=cutoff))
    cohorts = list(Cohort.objects.filter(trainer=actor, ends_on__gte=timezone.localdate())
                   .annotate(learners=Count("enrolments", distinct=True),
                             stuck=Count("enrolments", filter=quiet, distinct=True)).order_by("starts_on")[:5])
    if not cohorts:
        return []
    items = [CardItem(c.name, reverse("learning:cohort", args=[c.pk]),
                      ngettext("%(n)d learner", "%(n)d learners", c.learners) % {"n": c.learners}
                      + (" · " + ngettext("%(n)d stuck", "%(n)d stuck", c.stuck) % {"n": c.stuck} if c.stuck else ""))
             for c in cohorts]
    return [Card(title=_("My cohorts"), items=items, order=25, needs_attention=any(c.stuck for c in cohorts),
                 link_url=reverse("learning:cohorts"), link_label=_("All cohorts"))]


add_nav_entry(NavEntry(_("Learning"), lambda a: reverse("learning:home"), lambda a: True, order=50))
