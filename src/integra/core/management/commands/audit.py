from django.core.management.base import BaseCommand, CommandError

from integra.core.audit import verify_chain


class Command(BaseCommand):
    help = "Audit trail tools. `integra audit verify` checks every link of the hash chain."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        sub.add_parser("verify", help="Verify the hash chain; exit 1 at the first missing or altered event.")

    def handle(self, *args, subcommand, **options):
        report = verify_chain()
        if report.ok:
            self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {report.checked} events verified."))
            return
        raise CommandError(f"Audit chain broken at event #{report.first_broken_seq}: {report.problem} "
                           f"({report.checked} events verified before it).")
