from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringConfig(AppConfig):
    name = "integra.mentoring"
    label = "mentoring"
    verbose_name = _("Community mentoring")

    def ready(self) -> None:
        from integra.core.demo import register_demo_loader

        from . import audit_labels, dashboard, policy  # noqa: F401  (registers policies, cards and navigation)
        from .demo import load_demo_mentoring

        register_demo_loader(load_demo_mentoring)
