from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "integra.cooperation"
    label = "cooperation"
    verbose_name = _("Multi-agency cooperation")

    def ready(self) -> None:
        from . import dashboard, policy, retention  # noqa: F401  (registers policies, cards, purgers)
