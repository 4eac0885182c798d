from django.core.management.base import BaseCommand
from django.db import transaction

from integra.events.services import reminders_send


class Command(BaseCommand):
    help = "E-mail approved participants a week and a day before their event, with the agenda (.ics). Run daily."

    def handle(self, *args, **options):
        with transaction.atomic():
            sent = reminders_send()
        self.stdout.write(self.style.SUCCESS(f"{sent} reminders queued."))
