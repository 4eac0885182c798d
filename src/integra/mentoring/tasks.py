"""Background work of the mentoring programme (django-tasks): the daily reminders and escalations."""

from django_tasks import task


@task()
def mentoring_daily() -> dict:
    """Vetting reminders before expiry (and notices on expiry), and concerns not acknowledged in time."""
    from . import services

    return {"reminders": services.vetting_reminders_send(), "escalated": services.concerns_escalate()}
