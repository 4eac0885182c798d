from cryptography.fernet import Fernet
from django.core.management.base import BaseCommand
from django.db import transaction

from integra.core import audit
from integra.core.fields import ENCRYPTED_PREFIX, encrypted_fields, reencrypt_text


class Command(BaseCommand):
    help = ("Encryption keys for sensitive text. `generate` prints a new key. `rotate` re-encrypts every "
            "encrypted value with the first key of INTEGRA_FIELD_KEY (put the new key first, keep the old ones "
            "after it until rotate has run).")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        sub.add_parser("generate")
        sub.add_parser("rotate")

    def handle(self, *args, subcommand, **options):
        if subcommand == "generate":
            self.stdout.write(Fernet.generate_key().decode())
            return
        total = 0
        for model, field_name in encrypted_fields():
            column = model._meta.get_field(field_name).column
            table = model._meta.db_table
            pk_column = model._meta.pk.column
            from django.db import connection

            with transaction.atomic(), connection.cursor() as cursor:
                # Raw SQL: the ciphertext is rewritten as it is, without decrypting into model instances.
                cursor.execute(f'SELECT "{pk_column}", "{column}" FROM "{table}" WHERE "{column}" LIKE %s',  # noqa: S608
                               [ENCRYPTED_PREFIX + "%"])
                rows = cursor.fetchall()
                for pk, stored in rows:
                    cursor.execute(f'UPDATE "{table}" SET "{column}" = %s WHERE "{pk_column}" = %s',  # noqa: S608
                                   [reencrypt_text(stored), pk])
            total += len(rows)
            self.stdout.write(f"{model._meta.label}.{field_name}: {len(rows)} values re-encrypted")
        audit.record(action="core.keys.rotated", actor_label="integra keys rotate", data={"values": total})
        self.stdout.write(self.style.SUCCESS(f"{total} values now use the newest key."))
