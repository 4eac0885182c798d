from django.core.management.base import BaseCommand, CommandError

from integra.accounts.models import PersonalAccessToken, User
from integra.accounts.services import token_create, token_revoke


class Command(BaseCommand):
    help = "Personal access tokens for scripts and integrations: create, list, revoke."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        create = sub.add_parser("create", help="Print a new token for the account EMAIL.")
        create.add_argument("email")
        create.add_argument("--days", type=int, default=90, help="Days until it expires (1-366, default 90).")
        create.add_argument("--read-only", action="store_true", help="Allow only reading (GET) requests.")
        create.add_argument("--name", default="console", help="What the token is for.")
        listing = sub.add_parser("list", help="List the tokens of EMAIL.")
        listing.add_argument("email")
        revoke = sub.add_parser("revoke", help="Revoke a token by its prefix (the part after itg_).")
        revoke.add_argument("prefix")

    def handle(self, *args, subcommand, **options):
        getattr(self, f"_{subcommand}")(**options)

    def _user(self, email):
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"No account with the e-mail address {email}.")
        return user

    def _create(self, email, days, read_only, name, **options):
        from django.core.exceptions import ValidationError

        try:
            token, secret = token_create(actor=None, user=self._user(email), name=name, days=days,
                                         read_only=read_only, via="console")
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stderr.write(f"Token {token.prefix} ({token.get_scope_display()}) for {email}, expires "
                          f"{token.expires_at:%Y-%m-%d}. It is shown once:")
        self.stdout.write(secret)

    def _list(self, email, **options):
        for token in PersonalAccessToken.objects.filter(user=self._user(email)):
            state = "usable" if token.is_usable else ("revoked" if token.revoked_at else "expired")
            self.stdout.write(f"{token.prefix}\t{token.scope}\t{token.name}\t{state}\t{token.expires_at or '-'}")

    def _revoke(self, prefix, **options):
        prefix = prefix.removeprefix("itg_").split("_")[0]
        token = PersonalAccessToken.objects.filter(prefix=prefix).select_related("user").first()
        if token is None:
            raise CommandError(f"No token with the prefix {prefix}.")
        token_revoke(actor=None, token=token, via="console")
        self.stdout.write(self.style.SUCCESS(f"Token {prefix} revoked."))
