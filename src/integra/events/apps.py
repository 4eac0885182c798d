from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "integra.events"
    label = "events"
    verbose_name = _("Joint staff training events")

    def ready(self) -> None:
        from . import dashboard, policy  # noqa: F401  (registers policies, cards and navigation)
