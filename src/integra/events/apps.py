from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "integra.events"
    label = "events"
    verbose_name = _("Joint staff training events")

    def ready(self) -> None:
        from integra.core.demo import register_demo_loader

        from . import audit_display, audit_labels, dashboard, policy  # noqa: F401  (policies, cards, navigation, audit words)
        from .demo import load_demo_events

        register_demo_loader(load_demo_events)
