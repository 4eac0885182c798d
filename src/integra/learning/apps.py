from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "integra.learning"
    label = "learning"
    verbose_name = _("Learning")

    def ready(self) -> None:
        from integra.core.demo import register_demo_loader

        from . import audit_display, audit_labels, dashboard, policy  # noqa: F401  (policies, cards, navigation, audit words)
        from .demo import load_demo_learning

        register_demo_loader(load_demo_learning)
