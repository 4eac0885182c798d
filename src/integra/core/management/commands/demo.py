from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from integra.accounts.mfa import second_factor_required
from integra.core.demo import DEMO_PASSWORD, accounts_added_by_the_apps, demo_loaders, load_demo


class Command(BaseCommand):
    help = "Load the demo organisations and accounts (idempotent) and print the accounts."

    def handle(self, *args, **options):
        from django.contrib.auth import get_user_model

        # Demo people have example.org addresses: their confirmations and notices are not worth printing.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            summary = load_demo()
            for loader in demo_loaders():
                loader()
        summary += accounts_added_by_the_apps(email for email, _ in summary)
        users = {u.email: u for u in get_user_model().objects.filter(email__in=[e for e, _ in summary])}
        self.stdout.write(self.style.SUCCESS("Demo data ready. Sign in at http://127.0.0.1:8000/ with:"))
        width = max(len(email) for email, _ in summary)
        for email, roles in summary:
            mfa = "  [sets up a second factor at first sign-in]" if second_factor_required(users[email]) else ""
            self.stdout.write(f"  {email.ljust(width)}  {roles}{mfa}")
        self.stdout.write(f"Password for every demo account: {DEMO_PASSWORD}")
