from django.core.management.base import BaseCommand, CommandError

from integra.core import audit_seal
from integra.core.audit import RotationRefused, rotate_key, verify_chain


class Command(BaseCommand):
    help = ("Audit trail tools. `integra audit seal` signs a checkpoint over the pending events; "
            "`integra audit verify` checks every event against the signed checkpoints in the checkpoint file.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        seal = sub.add_parser("seal", help="Add the pending events to the Merkle tree and sign a checkpoint.")
        seal.add_argument("--settle", type=float, default=None,
                          help="Leave events younger than this many seconds (default AUDIT_SEAL_SETTLE_SECONDS).")
        sub.add_parser("verify", help="Verify events and checkpoints; exit 1 at the first missing or altered one.")
        sub.add_parser("keygen", help="Print a new INTEGRA_AUDIT_KEY.")
        sub.add_parser("rotate-key", help="Retire the keys listed after the current one in INTEGRA_AUDIT_KEY: "
                                          "verify, seal, record the retirement and sign it with the current key.")

    def handle(self, *args, subcommand, **options):
        if subcommand == "keygen":
            self.stdout.write(audit_seal.generate_key())
            return
        if subcommand == "rotate-key":
            try:
                checkpoint = rotate_key()
            except RotationRefused as error:
                raise CommandError(f"Key not rotated: {error}.") from error
            self.stdout.write(self.style.SUCCESS(
                f"Key rotated: checkpoint at tree size {checkpoint.tree_size} signed with key {checkpoint.key_id}. "
                "Keep the retired keys listed after it: they verify the events they signed."))
            return
        if subcommand == "seal":
            checkpoint = audit_seal.seal(settle_seconds=options["settle"])
            if checkpoint is None:
                self.stdout.write("Nothing to seal.")
            else:
                self.stdout.write(self.style.SUCCESS(
                    f"Checkpoint signed: tree size {checkpoint.tree_size}, up to event #{checkpoint.last_seq}, "
                    f"root {checkpoint.root_hash}."))
            return
        report = verify_chain()
        audit_seal.write_verification(report)
        if report.ok:
            self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {report.checked} events verified."))
            return
        where = f"checkpoint at tree size {report.checkpoint}" if report.checkpoint is not None else \
            f"event #{report.first_broken_seq}"
        raise CommandError(f"Audit chain broken at {where}: {report.problem} "
                           f"({report.checked} events verified before it).")
