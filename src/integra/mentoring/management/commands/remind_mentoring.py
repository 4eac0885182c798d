from django.core.management.base import BaseCommand

from integra.mentoring import services


class Command(BaseCommand):
    help = ("Remind mentors and coordinators of vetting checks entering their renewal window or expired, and "
            "escalate concerns not acknowledged in time. Run daily (hourly for urgent concerns).")

    def handle(self, *args, **options):
        reminders = services.vetting_reminders_send()
        escalated = services.concerns_escalate()
        self.stdout.write(self.style.SUCCESS(f"{reminders} vetting reminders, {escalated} concerns escalated."))
