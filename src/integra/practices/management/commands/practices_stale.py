from django.core.management.base import BaseCommand

from integra.practices.tasks import propose_stale_practices_for_archiving


class Command(BaseCommand):
    help = "Propose published practices not updated for a long time for archiving, and tell their owners (daily)."

    def handle(self, *args, **options):
        result = propose_stale_practices_for_archiving.enqueue()
        self.stdout.write(f"Queued ({result.id}).")
