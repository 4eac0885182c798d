"""Navigation and the learner's and trainer's dashboard cards: each asks the policy whom it is for and reads
through the selectors."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from integra.core import access
from integra.core.dashboard import Card, CardItem, card_provider
from integra.core.home import HomeFeature, PublicLink, add_home_feature, add_public_links
from integra.core.navigation import NavEntry, add_nav_entry, offered_to

from . import selectors
from .models import Certificate, Cohort, Course
from .policy import RUN_COHORT


@card_provider
def _continue_learning(actor):
    enrolments = selectors.enrolments_in_progress(actor=actor)
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
    if not access.can_any(actor, Cohort, RUN_COHORT):
        return []
    cohorts = selectors.cohorts_running(actor=actor)
    if not cohorts:
        return []
    items = [CardItem(c.name, reverse("learning:cohort", args=[c.pk]),
                      ngettext("%(n)d learner", "%(n)d learners", c.learners) % {"n": c.learners}
                      + (" · " + ngettext("%(n)d stuck", "%(n)d stuck", c.stuck) % {"n": c.stuck} if c.stuck else ""))
             for c in cohorts]
    return [Card(title=_("My cohorts"), items=items, order=25, needs_attention=any(c.stuck for c in cohorts),
                 link_url=reverse("learning:cohorts"), link_label=_("All cohorts"))]


add_nav_entry(NavEntry(_("Learning"), lambda a: reverse("learning:home"), offered_to(Course), order=50))
# Certificates of courses, trainers and events alike: the mechanism is learning's.
add_nav_entry(NavEntry(_("Certificates"), lambda a: reverse("learning:my_certificates"), offered_to(Certificate),
                       order=65))

add_home_feature(HomeFeature(_("Training and e-learning"), _(
    "A competences blueprint, courses in every partner language, train-the-trainer pathways and certificates."),
    order=40))
add_public_links(lambda: [PublicLink(str(_("Verify a certificate")), reverse("learning:verify"))], order=90)
