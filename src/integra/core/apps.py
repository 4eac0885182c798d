from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "integra.core"
    label = "core"
    verbose_name = _("Platform")

    def ready(self) -> None:
        from . import dashboard, policy, retention  # noqa: F401  (registers policies, cards and purgers)
