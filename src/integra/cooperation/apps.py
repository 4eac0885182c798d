from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "integra.cooperation"
    label = "cooperation"
    verbose_name = _("Multi-agency cooperation")

    def ready(self) -> None:
        from integra.core.demo import register_demo_loader

        # policies, cards, purgers, audit words
        from . import audit_display, audit_labels, dashboard, policy, retention  # noqa: F401
        from .demo import load_demo_cooperation

        register_demo_loader(load_demo_cooperation)
