from django.core.management.commands import makemessages


class Command(makemessages.Command):
    # Notifications and audit purposes mark their texts with N_ (gettext_noop, rendered on read): without this
    # keyword xgettext would leave them out of the catalogues and they would show in English in every language.
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=N_"]
