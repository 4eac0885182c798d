from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "integra.events"
    label = "events"
    verbose_name = _("Joint staff training events")

    def ready(self) -> None:
        from integra.core.demo import register_demo_loader

        from . import dashboard, policy  # noqa: F401  (registers policies, cards and navigation)
        from .demo import load_demo_events

        register_demo_loader(load_demo_events)
