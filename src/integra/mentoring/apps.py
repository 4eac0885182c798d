from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringConfig(AppConfig):
    name = "integra.mentoring"
    label = "mentoring"
    verbose_name = _("Community mentoring")

    def ready(self) -> None:
        from integra.core.demo import register_demo_loader

        from . import audit_display, audit_labels, dashboard, policy, subject_access  # noqa: F401  (policies, cards, menus, audit words)
        from .demo import load_demo_mentoring

        subject_access.register()  # the person's mentoring in their subject-access copy (cooperation's registry)
        register_demo_loader(load_demo_mentoring)
