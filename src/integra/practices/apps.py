from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "integra.practices"
    label = "practices"
    verbose_name = _("Knowledge base and research")

    def ready(self) -> None:
        from integra.core.demo import register_demo_loader

        from . import audit_display, audit_labels, dashboard, policy, retention  # noqa: F401  (policies, cards, menus, purgers, audit words)
        from .demo import load_demo_practices

        register_demo_loader(load_demo_practices)
