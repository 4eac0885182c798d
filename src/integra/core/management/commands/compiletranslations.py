from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = ("Compile the project's .po files into .mo files with polib, so that no system gettext is needed "
            "to run INTEGRA (makemessages, for translators, still needs GNU gettext).")

    def handle(self, *args, **options):
        count = 0
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in Path(locale_dir).glob("*/LC_MESSAGES/*.po"):
                po = polib.pofile(str(po_path))
                po.save_as_mofile(str(po_path.with_suffix(".mo")))
                count += 1
                self.stdout.write(f"{po_path.relative_to(locale_dir)}: {po.percent_translated()}% translated")
        self.stdout.write(self.style.SUCCESS(f"{count} catalogues compiled."))
