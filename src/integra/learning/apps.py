from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "integra.learning"
    label = "learning"
    verbose_name = _("Learning")

    def ready(self) -> None:
        from . import dashboard, policy  # noqa: F401  (registers policies, cards and navigation)
