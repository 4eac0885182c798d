"""Navigation and the learner's dashboard card."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from integra.core.dashboard import Card, CardItem, card_provider
from integra.core.navigation import NavEntry, add_nav_entry

from .models import Enrolment


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


add_nav_entry(NavEntry(_("Learning"), lambda a: reverse("learning:home"), lambda a: True, order=50))
