from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringConfig(AppConfig):
    name = "integra.mentoring"
    label = "mentoring"
    verbose_name = _("Community mentoring")
