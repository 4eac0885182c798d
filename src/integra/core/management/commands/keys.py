from cryptography.fernet import Fernet
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from integra.core import audit, fields


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
        # Models whose table this database does not have (a test's own model, say) hold nothing to rotate.
        tables = set(connection.introspection.table_names())
        for model, field_name in fields.encrypted_fields():
            column = model._meta.get_field(field_name).column
            table = model._meta.db_table
            pk_column = model._meta.pk.column
            if table not in tables:
                continue
            with transaction.atomic(), connection.cursor() as cursor:
                # Raw SQL: the ciphertext is rewritten as it is, without decrypting into model instances.
                cursor.execute(f'SELECT "{pk_column}", "{column}" FROM "{table}" WHERE "{column}" LIKE %s',  # noqa: S608
                               [fields.ENCRYPTED_PREFIX + "%"])
                rows = cursor.fetchall()
                for pk, stored in rows:
                    cursor.execute(f'UPDATE "{table}" SET "{column}" = %s WHERE "{pk_column}" = %s',  # noqa: S608
                                   [fields.reencrypt_text(stored), pk])
            total += len(rows)
            self.stdout.write(f"{model._meta.label}.{field_name}: {len(rows)} values re-encrypted")
        files = self.rotate_files(tables)
        audit.record(action="core.keys.rotated", actor_label="integra keys rotate",
                     data={"values": total, "files": files})
        self.stdout.write(self.style.SUCCESS(f"{total} values and {files} files now use the newest key."))

    def rotate_files(self, tables) -> int:
        """Each encrypted file is written anew under the newest key, the row then points to it, and only then is
        the old file removed: an interrupted rotation leaves every row pointing to a readable file."""
        cipher = fields.field_cipher()
        total = 0
        for model, field_name in fields.encrypted_files():
            if model._meta.db_table not in tables:
                continue
            rows = model._default_manager.exclude(**{field_name: ""}).only("pk", field_name)
            for row in rows.iterator():
                stored = getattr(row, field_name)
                old_name, storage = stored.name, stored.storage
                with storage.open(old_name, "rb") as handle:
                    token = handle.read()
                new_name = storage.save(old_name, ContentFile(cipher.rotate(token)))
                model._default_manager.filter(pk=row.pk).update(**{field_name: new_name})
                if new_name != old_name:
                    storage.delete(old_name)
                total += 1
            self.stdout.write(f"{model._meta.label}.{field_name}: files re-encrypted")
        return total
