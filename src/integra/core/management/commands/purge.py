from django.core.management.base import BaseCommand

from integra.core.retention import purge_all, purgers


class Command(BaseCommand):
    help = "Delete or anonymise records whose retention period has ended. Leaves one audit event."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count what would go, change nothing.")

    def handle(self, *args, dry_run=False, **options):
        descriptions = {p.code: p.description for p in purgers()}
        counts = purge_all(dry_run=dry_run)
        verb = "would remove" if dry_run else "removed"
        for code, count in counts.items():
            self.stdout.write(f"{code}: {verb} {count} — {descriptions[code]}")
        self.stdout.write(self.style.SUCCESS(f"{sum(counts.values())} records {verb}."))
