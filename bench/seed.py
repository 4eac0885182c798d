"""The benchmark dataset, one function per kind of record, and the people the benchmark signs in as.

Every seed function tops its table up to the target of the Scale and returns what it created, or None when
the rows were already there: seeding is idempotent, and an interrupted run resumes where it stopped. Values come from
random generators with fixed seeds: the same scale builds the same dataset. To seed a new app's records,
add a function to SEED_FUNCTIONS (after the records it refers to).
"""

import hashlib
import random
import time
import zlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef, Subquery
from django.utils import timezone

from integra.cooperation.models import (
    SECTIONS_BY_LEVEL,
    AccessLevel,
    Action,
    Flag,
    LegalBasis,
    LegalStatus,
    Note,
    PersonIdentity,
    Phase,
    Referral,
    Section,
    SharingAgreement,
    SharingBasis,
    TeamMember,
    TimelineEntry,
    TransitionRecord,
)
from integra.core.countries import Country
from integra.core.models import (
    AuditChainHead,
    AuditEvent,
    Invitation,
    Membership,
    MembershipRole,
    Notification,
    Organisation,
    OrganisationKind,
    audit_hash,
)
from integra.core.roles import ROLES_REQUIRING_SECOND_FACTOR, Role

User = get_user_model()

BENCH_PASSWORD = "Bench-Integra-2026"  # one hash for every account; lets a developer sign in to look around
HISTORY = timedelta(days=730)  # the audit trail covers two years
AUDIT_CHUNK = 20_000  # events per transaction: the unit an interrupted seeding resumes from
INSERT_BATCH = 2_000


@dataclass(frozen=True)
class Scale:
    organisations: int
    users: int  # platform administrators included
    audit_events: int
    platform_admins: int
    transition_records: int  # integra.cooperation: one person's shared record each
    agreement_owners: int  # record owners with an information-sharing agreement with partners
    caseload_records: int  # records the case-manager persona leads: enough for the caseload to paginate
    admin_every: int = 5  # one organisation in five has an administrator: a few hundred at full scale
    invitations_per_organisation: int = 3
    notifications_per_user: int = 2
    second_factor_share: float = 0.85  # of the people whose roles require one


FULL = Scale(organisations=2_000, users=50_000, audit_events=1_000_000, platform_admins=8,
             transition_records=100_000, agreement_owners=60, caseload_records=600)
QUICK = Scale(organisations=200, users=2_000, audit_events=20_000, platform_admins=3,
              transition_records=2_000, agreement_owners=12, caseload_records=300)


# --- the database -------------------------------------------------------------------------------------------


def prepare_database() -> None:
    """Create the PostgreSQL database when it is missing, then bring the schema up to date."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.postgresql":
        _create_postgres_database(database)
    call_command("migrate", interactive=False, verbosity=0)


def _create_postgres_database(database: dict) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(dbname="postgres", user=database.get("USER") or None,
                         password=database.get("PASSWORD") or None, host=database.get("HOST") or None,
                         port=database.get("PORT") or None, autocommit=True, connect_timeout=5) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database["NAME"]]).fetchone():
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database["NAME"])))
            print(f"  created PostgreSQL database {database['NAME']}")


def analyse_if_postgres() -> None:
    """After a bulk load PostgreSQL's autovacuum soon refreshes the planner's statistics; do it now so the
    first measurements do not see an empty-table plan. (SQLite is left as Django leaves it: no ANALYZE.)"""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


# --- names and places ---------------------------------------------------------------------------------------

FIRST_NAMES = ["Anna", "Luca", "Maria", "Jonas", "Elena", "Pierre", "Sofia", "Mateus", "Eva", "Nikos", "Ines",
               "Tomasz", "Clara", "Georgi", "Marta", "Jan", "Lea", "Ivan", "Giulia", "Rui", "Sara", "Mihai",
               "Chloé", "Dimitra", "Oskar", "Laura", "Paulo", "Katarina", "Hugo", "Aino"]
LAST_NAMES = ["Martin", "Rossi", "Silva", "Müller", "Papadopoulou", "Dubois", "Petrov", "Novak", "García",
              "Jansen", "Kowalski", "Costa", "Ferrari", "Dimitrova", "Leroy", "Nieminen", "Horvat", "Popescu",
              "Andersson", "Murphy", "Schmidt", "Romano", "Ferreira", "Georgiou", "Moreau", "Bianchi", "Santos",
              "Ivanova", "Wagner", "Kovač"]
JOB_TITLES = ["Prison officer", "Probation officer", "Case manager", "Social worker", "Mentor", "Trainer",
              "Psychologist", "Chaplain", "Team leader", "Researcher", "Coordinator", ""]
CITIES = {
    "AT": ["Wien", "Graz", "Linz"], "BE": ["Bruxelles", "Antwerpen", "Liège"], "BG": ["Sofia", "Plovdiv", "Varna"],
    "HR": ["Zagreb", "Split", "Rijeka"], "CY": ["Nicosia", "Limassol", "Larnaca"],
    "CZ": ["Praha", "Brno", "Ostrava"], "DK": ["København", "Aarhus", "Odense"],
    "EE": ["Tallinn", "Tartu", "Narva"], "FI": ["Helsinki", "Tampere", "Turku"],
    "FR": ["Paris", "Lyon", "Marseille"], "DE": ["Berlin", "Hamburg", "München"],
    "GR": ["Athens", "Thessaloniki", "Patras"], "HU": ["Budapest", "Debrecen", "Szeged"],
    "IE": ["Dublin", "Cork", "Limerick"], "IT": ["Roma", "Milano", "Napoli"], "LV": ["Rīga", "Daugavpils", "Liepāja"],
    "LT": ["Vilnius", "Kaunas", "Klaipėda"], "LU": ["Luxembourg", "Esch-sur-Alzette", "Differdange"],
    "MT": ["Valletta", "Birkirkara", "Mosta"], "NL": ["Amsterdam", "Rotterdam", "Utrecht"],
    "PL": ["Warszawa", "Kraków", "Gdańsk"], "PT": ["Lisboa", "Porto", "Coimbra"],
    "RO": ["București", "Cluj-Napoca", "Iași"], "SK": ["Bratislava", "Košice", "Žilina"],
    "SI": ["Ljubljana", "Maribor", "Celje"], "ES": ["Madrid", "Barcelona", "Sevilla"],
    "SE": ["Stockholm", "Göteborg", "Malmö"], "NO": ["Oslo", "Bergen", "Trondheim"],
    "CH": ["Zürich", "Genève", "Bern"], "GB": ["London", "Manchester", "Glasgow"],
}
KIND_NAMES = {
    OrganisationKind.PRISON: "Prison", OrganisationKind.PROBATION: "Probation Service",
    OrganisationKind.POLICE: "Police Prevention Unit", OrganisationKind.SOCIAL: "Social Services",
    OrganisationKind.COMMUNITY: "Community Association", OrganisationKind.TRAINING: "Training Centre",
    OrganisationKind.RESEARCH: "Research Centre",
}
KIND_WEIGHTS = {
    OrganisationKind.PRISON: 25, OrganisationKind.PROBATION: 20, OrganisationKind.POLICE: 8,
    OrganisationKind.SOCIAL: 15, OrganisationKind.COMMUNITY: 20, OrganisationKind.TRAINING: 7,
    OrganisationKind.RESEARCH: 5,
}
MEMBER_ROLE_WEIGHTS = {  # administrators are appointed separately, a few per organisation
    Role.FRONTLINE: 40, Role.CASE_MANAGER: 12, Role.MENTOR: 12, Role.TRAINER: 8, Role.MENTORING_COORDINATOR: 5,
    Role.RESEARCHER: 6, Role.EVENT_ORGANISER: 4, Role.DATA_PROTECTION: 2,
}
LANGUAGE_WEIGHTS = {"en": 35, "fr": 20, "it": 15, "pt": 12, "bg": 9, "el": 9}
USER_AGENTS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
    "python-requests/2.32.3",
]
NOTIFICATION_TITLES = ["Your roles changed", "An invitation was accepted", "New member in your organisation",
                       "Reminder: set up a second factor", "Your API token expires soon"]


def _national_bodies() -> list[tuple[str, str, str]]:
    """(name, kind, country) of each country's prison administration and probation service: the parents
    of most prisons and probation offices, and the largest organisations."""
    bodies = []
    for country in Country.values:
        label = str(Country(country).label)
        bodies.append((f"{label} National Prison Administration", OrganisationKind.PRISON, country))
        bodies.append((f"{label} National Probation Service", OrganisationKind.PROBATION, country))
    return bodies


def _skewed_index(rng: random.Random, size: int) -> int:
    """An index in [0, size) drawn so the first ones are chosen far more often: organisation sizes range
    from a thousand members for a national administration to a handful for a small association."""
    return int(size * rng.random() ** 2)


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _history_start() -> datetime:
    return datetime.now(UTC) - HISTORY


# --- seed functions, in dependency order --------------------------------------------------------------------


def seed_organisations(scale: Scale) -> str | None:
    present = Organisation.objects.count()
    if present >= scale.organisations:
        return None
    rng = random.Random(f"organisations-{present}")
    bodies = _national_bodies()
    start = _history_start() - timedelta(days=180)
    with transaction.atomic():
        Organisation.objects.bulk_create(
            [Organisation(name=name, kind=kind, country=country, city=CITIES[country][0], created_at=start,
                          description_en="The national administration, parent of the local services.")
             for name, kind, country in bodies[present:scale.organisations]], batch_size=INSERT_BATCH)
        parents = {(country, kind): pk for pk, country, kind in Organisation.objects.filter(
            name__in=[name for name, _kind, _country in bodies]).values_list("id", "country", "kind")}
        local = []
        for index in range(max(present, len(bodies)), scale.organisations):
            country = rng.choice(Country.values)
            kind = _weighted(rng, KIND_WEIGHTS)
            city = rng.choice(CITIES[country])
            # Most prisons and probation offices belong to their national administration.
            parent_id = parents.get((country, kind)) if rng.random() < 0.7 else None
            local.append(Organisation(
                name=f"{KIND_NAMES[kind]} {city} {index:04d}", kind=kind, country=country, city=city,
                parent_id=parent_id, is_active=rng.random() > 0.02,
                website=f"https://org{index:04d}.example.org", created_at=start + timedelta(days=rng.randrange(180)),
                description_en=f"{KIND_NAMES[kind]} in {city}, partner of the INTEGRA network.",
            ))
        Organisation.objects.bulk_create(local, batch_size=INSERT_BATCH)
    return f"{scale.organisations - present:,} created"


def seed_people(scale: Scale) -> str | None:
    """Accounts (a few platform administrators first), each other person with one or two memberships and
    one or two roles, and an administrator in one organisation out of `admin_every`."""
    present = User.objects.count()
    if present >= scale.users:
        return None
    rng = random.Random(f"people-{present}")
    password = make_password(BENCH_PASSWORD)  # hashed once: hashing 50,000 times would take an hour
    organisation_ids = list(Organisation.objects.order_by("id").values_list("id", flat=True))
    start = _history_start()
    with transaction.atomic():
        users = []
        for index in range(present, scale.users):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            is_platform_admin = index < scale.platform_admins
            users.append(User(
                email=f"platform-admin{index}@bench.example.org" if is_platform_admin
                else f"{first}.{last}.{index}@bench.example.org".lower(),
                full_name=f"{first} {last}", language=_weighted(rng, LANGUAGE_WEIGHTS), password=password,
                is_superuser=is_platform_admin, is_staff=is_platform_admin,
                is_active=is_platform_admin or rng.random() > 0.02,
                date_joined=start - timedelta(days=rng.randrange(365)),
            ))
        User.objects.bulk_create(users, batch_size=INSERT_BATCH)
        _require_primary_keys(users)

        memberships = []
        for user in users:
            if user.is_superuser:
                continue  # platform administrators act everywhere without belonging anywhere
            count = 1 if rng.random() < 0.7 else 2
            for organisation_id in {organisation_ids[_skewed_index(rng, len(organisation_ids))] for _ in range(count)}:
                memberships.append(Membership(user_id=user.pk, organisation_id=organisation_id,
                                              job_title=rng.choice(JOB_TITLES), is_active=rng.random() > 0.03,
                                              created_at=user.date_joined))
        Membership.objects.bulk_create(memberships, batch_size=INSERT_BATCH)
        _require_primary_keys(memberships)

        roles = []
        for membership in memberships:
            held = {_weighted(rng, MEMBER_ROLE_WEIGHTS) for _ in range(1 if rng.random() < 0.75 else 2)}
            roles.extend(MembershipRole(membership_id=membership.pk, role=role) for role in held)
        MembershipRole.objects.bulk_create(roles, batch_size=INSERT_BATCH)
        admins = _appoint_administrators(rng, organisation_ids[::scale.admin_every])
    return f"{len(users):,} people, {len(memberships):,} memberships, {len(roles) + admins:,} roles"


def _appoint_administrators(rng: random.Random, organisation_ids: list[int]) -> int:
    """Make one active member the administrator of each of these organisations that has none yet."""
    administered = set(MembershipRole.objects.filter(role=Role.ORG_ADMIN)
                       .values_list("membership__organisation_id", flat=True))
    candidates = defaultdict(list)
    for membership_id, organisation_id in (
        Membership.objects.filter(organisation_id__in=set(organisation_ids) - administered, is_active=True,
                                  user__is_active=True).order_by("id").values_list("id", "organisation_id")
    ):
        candidates[organisation_id].append(membership_id)
    appointed = [MembershipRole(membership_id=rng.choice(members), role=Role.ORG_ADMIN)
                 for _organisation_id, members in sorted(candidates.items())]
    MembershipRole.objects.bulk_create(appointed, ignore_conflicts=True)
    return len(appointed)


def _require_primary_keys(objects: list) -> None:
    if objects and objects[-1].pk is None:
        raise RuntimeError("bulk_create did not return primary keys: use PostgreSQL or SQLite 3.35 or later.")


def seed_second_factors(scale: Scale) -> str | None:
    """A TOTP authenticator for most people whose roles require one (the dashboard counts the others)."""
    needing = set(User.objects.filter(is_superuser=True).values_list("id", flat=True)) | set(
        Membership.objects.filter(roles__role__in=ROLES_REQUIRING_SECOND_FACTOR).values_list("user_id", flat=True))
    having = set(Authenticator.objects.filter(type=Authenticator.Type.TOTP).values_list("user_id", flat=True))
    # A stable draw per person, so a rerun picks the same people and finds nothing left to do.
    chosen = sorted(user_id for user_id in needing - having
                    if zlib.crc32(f"factor-{user_id}".encode()) % 1000 < scale.second_factor_share * 1000)
    if not chosen:
        return None
    Authenticator.objects.bulk_create(
        [Authenticator(user_id=user_id, type=Authenticator.Type.TOTP, data={"secret": "bench-not-a-real-secret"})
         for user_id in chosen], batch_size=INSERT_BATCH)
    return f"{len(chosen):,} created"


def seed_invitations(scale: Scale) -> str | None:
    target = scale.organisations * scale.invitations_per_organisation
    present = Invitation.objects.count()
    if present >= target:
        return None
    rng = random.Random(f"invitations-{present}")
    organisation_ids = list(Organisation.objects.order_by("id").values_list("id", flat=True))
    inviters = list(Membership.objects.filter(roles__role=Role.ORG_ADMIN).values_list("user_id", flat=True))
    now = datetime.now(UTC)
    invitations = []
    for number in range(present, target):
        created_at = now - timedelta(days=rng.randrange(720), minutes=rng.randrange(1440))
        state = rng.random()  # 40 % pending, 40 % accepted, 10 % expired, 10 % revoked
        invitations.append(Invitation(
            email=f"invitee{number}@partner.example.org",
            organisation_id=organisation_ids[_skewed_index(rng, len(organisation_ids))],
            roles=[_weighted(rng, MEMBER_ROLE_WEIGHTS)], job_title=rng.choice(JOB_TITLES),
            invited_by_id=rng.choice(inviters) if inviters else None,
            token_hash=hashlib.sha256(f"bench-invitation-{number}".encode()).hexdigest(),
            created_at=now - timedelta(days=rng.randrange(10)) if state < 0.4 else created_at,
            expires_at=now + timedelta(days=rng.randint(1, 13)) if state < 0.4 else created_at + timedelta(days=14),
            accepted_at=created_at + timedelta(days=1) if 0.4 <= state < 0.8 else None,
            revoked_at=created_at + timedelta(days=2) if state >= 0.9 else None,
        ))
    Invitation.objects.bulk_create(invitations, batch_size=INSERT_BATCH)
    return f"{len(invitations):,} created"


def seed_notifications(scale: Scale) -> str | None:
    target = scale.users * scale.notifications_per_user
    present = Notification.objects.count()
    if present >= target:
        return None
    rng = random.Random(f"notifications-{present}")
    user_ids = list(User.objects.values_list("id", flat=True))
    now = datetime.now(UTC)
    notifications = []
    for _ in range(target - present):
        created_at = now - timedelta(minutes=rng.randrange(90 * 1440))
        notifications.append(Notification(
            recipient_id=rng.choice(user_ids), title=rng.choice(NOTIFICATION_TITLES), created_at=created_at,
            read_at=None if rng.random() < 0.3 else created_at + timedelta(hours=rng.randint(1, 48)),
        ))
    Notification.objects.bulk_create(notifications, batch_size=INSERT_BATCH)
    return f"{len(notifications):,} created"


# --- the audit trail ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Actors:
    members: list[tuple[int, str, int]]  # (user id, e-mail, organisation id) of active memberships
    admins: list[tuple[int, str, int]]  # the same, for organisation administrators
    platform_admins: list[tuple[int, str]]
    organisation_ids: list[int]

    @classmethod
    def load(cls) -> "_Actors":
        active = Membership.objects.filter(is_active=True, user__is_active=True).order_by("id")
        columns = ("user_id", "user__email", "organisation_id")
        return cls(
            members=list(active.values_list(*columns)),
            admins=list(active.filter(roles__role=Role.ORG_ADMIN).values_list(*columns)),
            platform_admins=list(User.objects.filter(is_superuser=True).order_by("id").values_list("id", "email")),
            organisation_ids=list(Organisation.objects.order_by("id").values_list("id", flat=True)),
        )

    def organisation_manager(self, rng: random.Random) -> tuple[int, str, int]:
        """Who changes an organisation's records: mostly its administrator, sometimes a platform admin."""
        if rng.random() < 0.8 or not self.platform_admins:
            return rng.choice(self.admins or self.members)
        user_id, email = rng.choice(self.platform_admins)
        return user_id, email, rng.choice(self.organisation_ids)


def _office_ip(user_id: int) -> str:
    return f"10.{(user_id >> 16) & 255}.{(user_id >> 8) & 255}.{user_id & 255}"


def _account_event(rng, actors, action):
    user_id, email, _organisation_id = rng.choice(actors.members)
    data = {"type": "totp"} if action.startswith("accounts.mfa.") else {}
    return dict(actor_id=user_id, actor_label=email, organisation_id=None, object_type="accounts.user",
                object_id=str(user_id), ip_address=_office_ip(user_id), data=data)


def _failed_login_event(rng, actors, action):
    user_id, email, _organisation_id = rng.choice(actors.members)
    return dict(actor_id=None, actor_label=email, organisation_id=None, object_type="accounts.user",
                object_id=str(user_id), ip_address=f"203.0.113.{rng.randrange(1, 255)}", data={"email": email})


def _token_event(rng, actors, action):
    user_id, email, _organisation_id = rng.choice(actors.members)
    prefix = f"{rng.getrandbits(40):010x}"
    return dict(actor_id=user_id, actor_label=email, organisation_id=None,
                object_type="accounts.personalaccesstoken", object_id=str(rng.randrange(1, 100_000)),
                ip_address=_office_ip(user_id), data={"prefix": prefix, "via": "web", "name": "reporting script"})


def _newcomer_event(rng, actors, action):
    """Someone accepting an invitation: their account, their membership, in their organisation."""
    user_id, email, organisation_id = rng.choice(actors.members)
    created = action == "accounts.user.created"
    return dict(actor_id=user_id, actor_label=email, organisation_id=organisation_id,
                object_type="accounts.user" if created else "core.membership",
                object_id=str(user_id if created else rng.randrange(1, 100_000)), ip_address=_office_ip(user_id),
                data={"via": "invitation"} if created else {"roles": [_weighted(rng, MEMBER_ROLE_WEIGHTS)]})


def _organisation_event(rng, actors, action):
    user_id, email, organisation_id = actors.organisation_manager(rng)
    data = {"changes": {"city": ["", rng.choice(CITIES["FR"])]}} if action.endswith("updated") else {}
    return dict(actor_id=user_id, actor_label=email, organisation_id=organisation_id,
                object_type="core.organisation", object_id=str(organisation_id), ip_address=_office_ip(user_id),
                data=data)


def _invitation_event(rng, actors, action):
    user_id, email, organisation_id = actors.organisation_manager(rng)
    number = rng.randrange(1, 1_000_000)
    return dict(actor_id=user_id, actor_label=email, organisation_id=organisation_id, object_type="core.invitation",
                object_id=str(number), ip_address=_office_ip(user_id),
                data={"email": f"invitee{number}@partner.example.org", "roles": [_weighted(rng, MEMBER_ROLE_WEIGHTS)]})


def _membership_event(rng, actors, action):
    user_id, email, organisation_id = actors.organisation_manager(rng)
    _member_id, member_email, _member_organisation = rng.choice(actors.members)
    data = {"user": member_email}
    if action.endswith("roles_changed"):
        data |= {"before": [Role.FRONTLINE.value], "after": [Role.FRONTLINE.value, Role.CASE_MANAGER.value]}
    return dict(actor_id=user_id, actor_label=email, organisation_id=organisation_id, object_type="core.membership",
                object_id=str(rng.randrange(1, 100_000)), ip_address=_office_ip(user_id), data=data)


def _export_event(rng, actors, action):
    user_id, email, organisation_id = actors.organisation_manager(rng)
    return dict(actor_id=user_id, actor_label=email, organisation_id=None, object_type="", object_id="",
                purpose="Quarterly data-protection review", ip_address=_office_ip(user_id),
                data={"organisation": organisation_id})


# (action code from integra/core/audit_labels.py, relative frequency, what the event is about): sign-ins and
# sign-outs dominate a working platform's trail; administrative changes are a small share.
AUDIT_ACTIONS: list[tuple[str, float, Callable]] = [
    ("accounts.login.succeeded", 40, _account_event),
    ("accounts.logout", 18, _account_event),
    ("accounts.login.failed", 5, _failed_login_event),
    ("accounts.profile.updated", 3, _account_event),
    ("accounts.password.changed", 1, _account_event),
    ("accounts.password.reset", 0.8, _account_event),
    ("accounts.mfa.added", 1.5, _account_event),
    ("accounts.mfa.removed", 0.2, _account_event),
    ("accounts.mfa.reset", 0.3, _account_event),
    ("accounts.token.created", 0.6, _token_event),
    ("accounts.token.revoked", 0.2, _token_event),
    ("accounts.user.created", 3, _newcomer_event),
    ("core.invitation.accepted", 3, _newcomer_event),
    ("core.invitation.created", 6, _invitation_event),
    ("core.invitation.revoked", 0.5, _invitation_event),
    ("core.membership.roles_changed", 5, _membership_event),
    ("core.membership.deactivated", 0.6, _membership_event),
    ("core.membership.reactivated", 0.2, _membership_event),
    ("core.organisation.updated", 2, _organisation_event),
    ("core.organisation.created", 0.1, _organisation_event),
    ("core.organisation.deactivated", 0.05, _organisation_event),
    ("core.organisation.reactivated", 0.02, _organisation_event),
    ("core.audit.exported", 0.5, _export_event),
]
_AUDIT_CUMULATIVE_WEIGHTS = list(accumulate(weight for _action, weight, _build in AUDIT_ACTIONS))


def seed_audit_trail(scale: Scale) -> str | None:
    """Events with a valid hash chain: seq 1..N without gaps, each hash computed with the application's own
    audit_hash over the previous one, occurred_at rising with seq over two years. Each chunk is committed
    with the chain head, so the chain is whole after every chunk and an interruption resumes from the head."""
    head, _created = AuditChainHead.objects.get_or_create(pk=1)
    if head.last_seq >= scale.audit_events:
        return None
    actors = _Actors.load()
    if not actors.members:
        raise RuntimeError("No active memberships: seed people before the audit trail.")
    last = AuditEvent.objects.filter(seq=head.last_seq).values_list("occurred_at", flat=True).first()
    start, end = last or _history_start(), datetime.now(UTC)
    to_create = scale.audit_events - head.last_seq
    step = (end - start) / to_create
    seq, prev_hash = head.last_seq, head.last_hash
    started = time.monotonic()
    for chunk_start in range(0, to_create, AUDIT_CHUNK):
        chunk_size = min(AUDIT_CHUNK, to_create - chunk_start)
        rng = random.Random(f"audit-{seq}")
        kinds = rng.choices(AUDIT_ACTIONS, cum_weights=_AUDIT_CUMULATIVE_WEIGHTS, k=chunk_size)
        events = []
        for offset, (action, _weight, build) in enumerate(kinds):
            seq += 1
            fields = build(rng, actors, action)
            fields.update(
                seq=seq, action=action, user_agent=rng.choice(USER_AGENTS), prev_hash=prev_hash,
                # (0, 1] of a step past the previous slot: strictly after the event before, even on resume.
                occurred_at=start + step * (chunk_start + offset + 1 - rng.random()),
            )
            fields.setdefault("purpose", "")
            fields["hash"] = prev_hash = audit_hash(**fields)
            events.append(AuditEvent(**fields))
        with transaction.atomic():
            AuditEvent.objects.bulk_create(events, batch_size=INSERT_BATCH)
            AuditChainHead.objects.filter(pk=1).update(last_seq=seq, last_hash=prev_hash)
        done = chunk_start + chunk_size
        if done % 100_000 < AUDIT_CHUNK or done == to_create:
            rate = done / max(time.monotonic() - started, 1e-9)
            print(f"    audit events: {seq:,} / {scale.audit_events:,} ({rate:,.0f}/s)", flush=True)
    return f"{to_create:,} created (chain head #{seq:,})"


# --- transition records (integra.cooperation) ---------------------------------------------------------------
#
# Rows are written directly, not through integra/cooperation/services.py: the services write an audit event
# (one at a time, under the chain-head lock) and notifications for every change, about half a million of each
# for 100,000 records, and the audit trail has its own seed function. What a record page reads is the same:
# each record has the identity, team, sharing basis, notes, actions, referrals and timeline the services
# would have left, with timeline entries that tell what happened to those rows.

RECORD_REFERENCE = "TR-B-{:06d}"  # "B" for bench: never one of the application's TR-<year>-<hex>
RECORD_CHUNK = 5_000  # records per transaction, with all their rows: the unit an interrupted seeding resumes from
AGREEMENT_TITLE = "Resettlement protocol of {}"  # one agreement per owner organisation that has one
JUSTICE_KINDS = (OrganisationKind.PRISON, OrganisationKind.PROBATION)  # who owns records
PARTNER_KINDS = (OrganisationKind.COMMUNITY, OrganisationKind.SOCIAL)  # who supports the person after release
# The roles of people on record teams: those of integra/cooperation/dashboard.py CASE_ROLES.
TEAM_ROLES = (Role.CASE_MANAGER, Role.FRONTLINE, Role.MENTOR, Role.MENTORING_COORDINATOR)
AGREED_SECTIONS = [Section.ASSESSMENT, Section.CASEWORK, Section.PRACTICAL]  # never identity or intelligence
NATIONALITIES = {code: str(Country(code).label) for code in Country.values}

NOTES_PER_RECORD = {0: 35, 1: 35, 2: 20, 3: 10}  # about one on average
ACTIONS_PER_RECORD = {0: 35, 1: 35, 2: 20, 3: 10}
NOTE_SECTION_WEIGHTS = {Section.CASEWORK: 45, Section.PRACTICAL: 25, Section.ASSESSMENT: 20, Section.INTELLIGENCE: 10}
ACTION_STATUS_WEIGHTS = {Action.Status.OPEN: 65, Action.Status.DONE: 30, Action.Status.CANCELLED: 5}
OVERDUE_SHARE_OF_OPEN = 0.31  # 65 % open × 31 % ≈ 20 % of all actions overdue
URGENCY_WEIGHTS = {Referral.Urgency.ROUTINE: 60, Referral.Urgency.SOON: 30, Referral.Urgency.URGENT: 10}
SPOKEN_LANGUAGES = ["", "English", "French", "French, Arabic", "German, Turkish", "Italian", "Portuguese",
                    "Bulgarian", "Greek", "Romanian", "Polish, English", "Spanish", "Arabic, English", "Albanian"]
STREETS = ["Main Street", "Rue de la Gare", "Hauptstraße", "Via Roma", "Rua Augusta", "Station Road", "Ulitsa Vitosha"]
NOTE_BODIES = [
    "Engaged well in the disengagement programme; wants to resume vocational training.",
    "Family contact restored: weekly calls with his sister, a visit planned next month.",
    "Structured review: protective factors growing (family contact, work placement).",
    "Housing application submitted to the municipality; answer expected within six weeks.",
    "Missed one appointment, called the next day with a credible reason (hospital visit).",
    "Security report: contact with a known recruiter on the wing ended in March.",
    "Debt advice arranged with the community association after release.",
    "Goals agreed: stable housing, evening language course, two mentoring meetings a month.",
]
ACTION_TITLES = ["Accompany the person to the housing office", "Confirm the work placement with the employer",
                 "Book the first probation appointment", "Send the release plan to the community mentor",
                 "Apply for identity documents", "Arrange the interpreter for the case conference",
                 "Check benefits entitlement before release", "Register with a general practitioner"]
REFERRAL_REASONS = ["Release on licence soon; supervision starts on release day.",
                    "Needs a mentor and help with housing after release.",
                    "Moves to another region after release; supervision transfers.",
                    "Requests support with training and finding work."]


@dataclass(frozen=True)
class _CaseWorkers:
    """Who can sit on a record's team: the active members of each organisation holding a team role."""

    members: dict[int, list[int]]  # organisation id → user ids with a team role
    case_managers: dict[int, list[int]]  # organisation id → user ids of its case managers, who open records
    is_case_manager: set[tuple[int, int]]  # (organisation id, user id)
    names: dict[int, str]  # user id → how the application prints the person (User.__str__)
    organisations: dict[int, tuple[str, str, str]]  # active organisation id → (name, kind, country)

    @classmethod
    def load(cls) -> "_CaseWorkers":
        members, case_managers, names = defaultdict(set), defaultdict(set), {}
        for organisation_id, user_id, role, full_name, email in (
            Membership.objects.active().filter(roles__role__in=TEAM_ROLES)
            .values_list("organisation_id", "user_id", "roles__role", "user__full_name", "user__email")
        ):
            members[organisation_id].add(user_id)
            if role == Role.CASE_MANAGER:
                case_managers[organisation_id].add(user_id)
            names[user_id] = full_name or email
        return cls(
            members={pk: sorted(users) for pk, users in members.items()},
            case_managers={pk: sorted(users) for pk, users in case_managers.items()},
            is_case_manager={(pk, user) for pk, users in case_managers.items() for user in users},
            names=names,
            organisations={pk: (name, kind, country) for pk, name, kind, country in
                           Organisation.objects.active().values_list("id", "name", "kind", "country")},
        )

    def kind(self, organisation_id: int) -> str:
        return self.organisations[organisation_id][1]

    def owners(self) -> list[int]:
        """Prisons and probation services with a case manager to open their records."""
        return sorted(pk for pk in self.case_managers
                      if pk in self.organisations and self.kind(pk) in JUSTICE_KINDS)

    def size(self, organisation_id: int) -> int:
        return len(self.members.get(organisation_id, ()))


def _caseload_organisation_id() -> int:
    """The largest active prison or probation organisation: the most records to go through."""
    return (Membership.objects.active().filter(organisation__kind__in=JUSTICE_KINDS)
            .values("organisation_id").annotate(members=Count("id")).order_by("-members", "organisation_id")
            .values_list("organisation_id", flat=True).first())


def _by_size(workers: _CaseWorkers, organisation_ids) -> list[int]:
    return sorted(organisation_ids, key=lambda pk: (-workers.size(pk), pk))


def _agreement_owners(workers: _CaseWorkers, scale: Scale) -> list[int]:
    """The owners that have an agreement: the case manager's organisation first, then the largest."""
    ranked = _by_size(workers, workers.owners())
    first = _caseload_organisation_id()
    return ([first] + [pk for pk in ranked if pk != first])[:scale.agreement_owners]


def _counterpart(workers: _CaseWorkers, owner: int) -> int | None:
    """The probation service a prison hands its people over to (or the prison of a probation service): the
    largest one of the same country, else the largest anywhere."""
    prison = workers.kind(owner) == OrganisationKind.PRISON
    other_kind = OrganisationKind.PROBATION if prison else OrganisationKind.PRISON
    candidates = _by_size(workers, [pk for pk in workers.owners() if workers.kind(pk) == other_kind])
    country = workers.organisations[owner][2]
    same_country = [pk for pk in candidates if workers.organisations[pk][2] == country]
    return (same_country or candidates or [None])[0]


def _community_partners(workers: _CaseWorkers, rng: random.Random, owner: int) -> list[int]:
    """Two of the five largest community associations or social services of the owner's country that have
    people to put on a team (anywhere when the country has none)."""
    partners = [pk for pk in workers.members if pk in workers.organisations and workers.kind(pk) in PARTNER_KINDS]
    country = workers.organisations[owner][2]
    same_country = [pk for pk in partners if workers.organisations[pk][2] == country]
    largest = _by_size(workers, same_country or partners)[:5]
    return sorted(rng.sample(largest, min(2, len(largest))))


def seed_sharing_agreements(scale: Scale) -> str | None:
    """An information-sharing agreement between each of the `agreement_owners` largest record owners, its
    counterpart prison or probation service and two community partners: what lets a partner's team row,
    a referral or a handover be valid."""
    present = SharingAgreement.objects.filter(title__startswith=AGREEMENT_TITLE.format("")).count()
    if present >= scale.agreement_owners:
        return None
    rng = random.Random(f"agreements-{present}")
    workers = _CaseWorkers.load()
    today = timezone.localdate()
    signed_by = platform_admin()
    agreements, parties = [], []
    for owner in _agreement_owners(workers, scale)[present:]:
        counterpart = _counterpart(workers, owner)
        members = sorted({owner, *([counterpart] if counterpart else []), *_community_partners(workers, rng, owner)})
        valid_from = today - timedelta(days=rng.randint(60, 700))
        agreement = SharingAgreement(
            title=AGREEMENT_TITLE.format(workers.organisations[owner][0]),
            purposes="Resettlement planning and risk management around release; mentoring support after release.",
            data_categories=list(AGREED_SECTIONS), legal_basis=LegalBasis.PUBLIC_TASK, valid_from=valid_from,
            valid_until=today + timedelta(days=rng.randint(180, 1100)),
            signatories=f"Directors of the {len(members)} parties, signed {valid_from - timedelta(days=14)}.",
            created_by=signed_by, created_at=_at(valid_from - timedelta(days=14)),
        )
        agreements.append(agreement)
        parties.extend(SharingAgreement.parties.through(sharingagreement=agreement, organisation_id=pk)
                       for pk in members)
    with transaction.atomic():
        SharingAgreement.objects.bulk_create(agreements, batch_size=INSERT_BATCH)
        _require_primary_keys(agreements)
        SharingAgreement.parties.through.objects.bulk_create(parties, batch_size=INSERT_BATCH)
    return f"{len(agreements):,} created, {len(parties):,} parties"


def _at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def _between(rng: random.Random, start: datetime, end: datetime) -> datetime:
    return start + (end - start) * rng.random() if end > start else start


@dataclass(frozen=True)
class _RecordContext:
    """What every record of a seeding run draws from."""

    workers: _CaseWorkers
    owners: list[int]
    owner_cumulative_weights: list[int]  # larger organisations own more records
    sharing: dict[int, list[list[int]]]  # owner → the other parties of each valid agreement it is a party of
    persona_id: int
    persona_organisation_id: int
    persona_every: int  # every n-th record is led by the case-manager persona...
    persona_records: int  # ...until they lead this many
    now: datetime
    today: date

    @classmethod
    def load(cls, scale: Scale) -> "_RecordContext":
        workers = _CaseWorkers.load()
        owners = workers.owners()
        persona = case_manager()
        today = timezone.localdate()
        return cls(
            workers=workers, owners=owners,
            owner_cumulative_weights=list(accumulate(workers.size(pk) for pk in owners)),
            sharing=_sharing_parties(today), persona_id=persona.pk,
            persona_organisation_id=_caseload_organisation_id(),
            persona_every=max(1, scale.transition_records // scale.caseload_records),
            persona_records=scale.caseload_records, now=timezone.now(), today=today,
        )


def _sharing_parties(today: date) -> dict[int, list[list[int]]]:
    parties = defaultdict(list)
    for agreement_id, organisation_id in (
        SharingAgreement.parties.through.objects.filter(sharingagreement__in=SharingAgreement.objects.valid_on(today))
        .order_by("sharingagreement_id", "organisation_id").values_list("sharingagreement_id", "organisation_id")
    ):
        parties[agreement_id].append(organisation_id)
    sharing = defaultdict(list)
    for members in parties.values():
        for organisation_id in members:
            sharing[organisation_id].append([pk for pk in members if pk != organisation_id])
    return dict(sharing)


@dataclass
class _RecordRows:
    """The rows of one chunk of records, inserted table by table: children point at their (unsaved) record,
    whose primary key bulk_create fills in before the children are inserted."""

    records: list = field(default_factory=list)
    identities: list = field(default_factory=list)
    team: list = field(default_factory=list)
    bases: list = field(default_factory=list)
    basis_recipients: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    actions: list = field(default_factory=list)
    referrals: list = field(default_factory=list)
    flags: list = field(default_factory=list)
    timeline: list = field(default_factory=list)

    def insert(self) -> None:
        TransitionRecord.objects.bulk_create(self.records, batch_size=INSERT_BATCH)
        _require_primary_keys(self.records)
        SharingBasis.objects.bulk_create(self.bases, batch_size=INSERT_BATCH)
        _require_primary_keys(self.bases)
        for model, rows in ((PersonIdentity, self.identities), (TeamMember, self.team),
                            (SharingBasis.recipients.through, self.basis_recipients), (Note, self.notes),
                            (Action, self.actions), (Referral, self.referrals), (Flag, self.flags),
                            (TimelineEntry, self.timeline)):
            model.objects.bulk_create(rows, batch_size=INSERT_BATCH)

    def count(self, name: str) -> int:
        return len(getattr(self, name))


def _phase_and_dates(rng: random.Random, ctx: _RecordContext):
    """(phase, phase the record was opened in, opened at, phase changed at, expected release date): the phase
    follows the release date, ±1 year around today."""
    release = ctx.today + timedelta(days=rng.randint(-365, 365))
    opened_at = ctx.now - timedelta(days=rng.randint(14, 730), minutes=rng.randrange(1440))
    days_to_release = (release - ctx.today).days
    if days_to_release > 90:
        phase, changed_on = Phase.CUSTODY, None
    elif days_to_release > 0:
        phase, changed_on = Phase.PRE_RELEASE, release - timedelta(days=90)
    elif days_to_release > -30:
        phase, changed_on = Phase.RELEASED, release
    elif days_to_release < -180 and rng.random() < 0.3:
        phase, changed_on = Phase.CLOSED, release + timedelta(days=180)
    else:
        phase, changed_on = Phase.SUPERVISION, release + timedelta(days=30)
    # Opened before release: in custody. Opened after it (by probation): in the phase it is in now.
    opened_phase = Phase.CUSTODY if opened_at.date() < release else phase
    if changed_on is None or opened_phase == phase:
        changed_at = opened_at
    else:
        changed_at = min(ctx.now, max(opened_at, _at(changed_on)))
    return phase, opened_phase, opened_at, changed_at, release


LEGAL_STATUS_BY_PHASE = {
    Phase.CUSTODY: [LegalStatus.SENTENCED, LegalStatus.SENTENCED, LegalStatus.SENTENCED, LegalStatus.REMAND],
    Phase.PRE_RELEASE: [LegalStatus.SENTENCED], Phase.RELEASED: [LegalStatus.LICENCE],
    Phase.SUPERVISION: [LegalStatus.LICENCE, LegalStatus.PROBATION], Phase.CLOSED: [LegalStatus.NONE],
}


def _build_record(rng: random.Random, number: int, ctx: _RecordContext, rows: _RecordRows) -> None:
    """One record and everything below it. Record number 0 (the first the case manager leads) has every
    part the record page shows: the page measured is that of a busy record."""
    workers = ctx.workers
    complete = number == 0
    led_by_persona = number % ctx.persona_every == 0 and number // ctx.persona_every < ctx.persona_records
    if led_by_persona:
        owner, lead = ctx.persona_organisation_id, ctx.persona_id
    else:
        owner = rng.choices(ctx.owners, cum_weights=ctx.owner_cumulative_weights)[0]
        lead = rng.choice(workers.case_managers[owner])
    owner_name, owner_kind, country = workers.organisations[owner]
    phase, opened_phase, opened_at, phase_changed_at, release = _phase_and_dates(rng, ctx)
    city = rng.choice(CITIES[country])
    record = TransitionRecord(
        reference=RECORD_REFERENCE.format(number + 1), owner_id=owner,
        establishment=f"{city} Prison" if owner_kind == OrganisationKind.PRISON else f"{city} Probation Office",
        expected_release_date=release, legal_status=rng.choice(LEGAL_STATUS_BY_PHASE[phase]),
        languages=rng.choice(SPOKEN_LANGUAGES), phase=phase, phase_changed_at=phase_changed_at,
        restricted=rng.random() < 0.01, legal_hold=rng.random() < 0.005, created_by_id=lead, created_at=opened_at,
        closed_at=phase_changed_at if phase == Phase.CLOSED else None,
    )
    rows.records.append(record)
    released = phase in (Phase.RELEASED, Phase.SUPERVISION, Phase.CLOSED)
    # Every value goes through EncryptedTextField.get_prep_value in bulk_create: a real ciphertext each.
    rows.identities.append(PersonIdentity(
        record=record, given_names=rng.choice(FIRST_NAMES), family_name=rng.choice(LAST_NAMES),
        date_of_birth=f"{rng.randint(1960, 2005)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        nationality=NATIONALITIES[country if rng.random() < 0.8 else rng.choice(Country.values)],
        prison_number=f"{country}-{opened_at.year}-{rng.randrange(100_000):05d}",
        address=f"{rng.randint(1, 200)} {rng.choice(STREETS)}, {city}" if released else "",
    ))

    def timeline(entry_kind, occurred_at, actor, section="", **data):  # data may hold a "kind" of its own
        rows.timeline.append(TimelineEntry(record=record, kind=entry_kind, occurred_at=min(occurred_at, ctx.now),
                                           actor_id=actor, section=section, data=data))

    def join(user, organisation_id, level, role_on_team, added_at, added_by):
        rows.team.append(TeamMember(record=record, user_id=user, organisation_id=organisation_id, access_level=level,
                                    role_on_team=role_on_team, added_by_id=added_by, added_at=added_at))
        return user

    timeline("opened", opened_at, lead, phase=opened_phase)
    team = [join(lead, owner, AccessLevel.FULL, "Case manager", opened_at, lead)]
    writers = [(lead, AccessLevel.FULL)]  # who writes notes: people of the owner, with what they see
    if complete or rng.random() < 0.55:
        colleague = rng.choice(workers.members[owner])
        if colleague != lead:
            level = AccessLevel.FULL if (owner, colleague) in workers.is_case_manager and rng.random() < 0.3 \
                else AccessLevel.CASEWORK
            added_at = _between(rng, opened_at, ctx.now)
            join(colleague, owner, level, "Prison officer" if owner_kind == OrganisationKind.PRISON
                 else "Probation officer", added_at, lead)
            timeline("team_added", added_at, lead, person=workers.names[colleague], organisation=owner_name,
                     level=level)
            team.append(colleague)
            writers.append((colleague, level))

    if ctx.sharing.get(owner) and (complete or rng.random() < 0.45):
        _share(rng, ctx, rows, record, owner, lead, team, opened_at, complete, timeline, join)

    for _ in range(3 if complete else _weighted(rng, NOTES_PER_RECORD)):
        author, level = rng.choice(writers)
        section = rng.choice([s for s in NOTE_SECTION_WEIGHTS if s in SECTIONS_BY_LEVEL[level]])
        written_at = _between(rng, opened_at, ctx.now)
        rows.notes.append(Note(record=record, section=section, body=rng.choice(NOTE_BODIES), author_id=author,
                               organisation_id=owner, created_at=written_at))
        timeline("note_added", written_at, author, section=section)

    for index in range(3 if complete else _weighted(rng, ACTIONS_PER_RECORD)):
        owner_of_action = team[index % len(team)] if complete else rng.choice(team)
        status = Action.Status.OPEN if complete else _weighted(rng, ACTION_STATUS_WEIGHTS)
        if status == Action.Status.OPEN and rng.random() >= OVERDUE_SHARE_OF_OPEN:
            due = ctx.today + timedelta(days=rng.randint(1, 90))
        else:
            due = ctx.today - timedelta(days=rng.randint(1, 60 if status == Action.Status.OPEN else 200))
        title = rng.choice(ACTION_TITLES)
        created_at = _between(rng, opened_at, min(ctx.now, _at(due)))
        rows.actions.append(Action(record=record, title=title, owner_id=owner_of_action, due_date=due, status=status,
                                   created_by_id=lead, created_at=created_at))
        timeline("action_created", created_at, lead, title=title, owner=workers.names[owner_of_action],
                 due_date=due.isoformat())

    if rng.random() < 0.08:
        kind = rng.choice(Flag.Kind.values)
        flagged_at = _between(rng, opened_at, ctx.now)
        rows.flags.append(Flag(record=record, kind=kind, created_by_id=lead, created_at=flagged_at))
        timeline("flag_added", flagged_at, lead, kind=kind)
    if phase != opened_phase:
        timeline("phase_changed", phase_changed_at, lead, previous=opened_phase, phase=phase)


def _share(rng, ctx, rows, record, owner, lead, team, opened_at, complete, timeline, join) -> None:
    """A consent (or legal basis) naming the other parties of one of the owner's agreements; then, as the
    services allow it, a community partner on the team through an accepted referral and a referral or
    handover still pending with the counterpart. One basis in twelve was withdrawn since: the partner's
    team row stays, but no longer opens the record (the policy checks the basis on every read)."""
    workers = ctx.workers
    recipients = rng.choice(ctx.sharing[owner])
    given_on = min(ctx.today, opened_at.date() + timedelta(days=rng.randint(0, 20)))
    withdrawn_at = None if complete or rng.random() >= 1 / 12 else _between(rng, _at(given_on), ctx.now)
    basis = SharingBasis(
        record=record, basis=LegalBasis.CONSENT if rng.random() < 0.75 else LegalBasis.LEGAL_OBLIGATION,
        scope=list(AGREED_SECTIONS), given_on=given_on, evidence="Signed consent form, file section 4.",
        withdrawn_at=withdrawn_at, recorded_by_id=lead, created_at=_at(given_on))
    rows.bases.append(basis)
    rows.basis_recipients.extend(SharingBasis.recipients.through(sharingbasis=basis, organisation_id=pk)
                                 for pk in recipients)
    timeline("basis_added", _at(given_on), lead, basis=basis.basis,
             recipients=[workers.organisations[pk][0] for pk in recipients], scope=list(AGREED_SECTIONS))
    if withdrawn_at:
        timeline("basis_withdrawn", withdrawn_at, lead, basis=basis.basis,
                 recipients=[workers.organisations[pk][0] for pk in recipients])

    def refer(to, kind, level, status, sent_at, decided_by=None, decided_at=None):
        urgency = _weighted(rng, URGENCY_WEIGHTS)
        rows.referrals.append(Referral(
            record=record, kind=kind, from_organisation_id=owner, to_organisation_id=to,
            reason=rng.choice(REFERRAL_REASONS), urgency=urgency, access_level=level,
            sections=sorted(SECTIONS_BY_LEVEL[level]), status=status, created_by_id=lead, created_at=sent_at,
            decided_by_id=decided_by, decided_at=decided_at))
        timeline("referral_sent", sent_at, lead, kind=kind, organisation=workers.organisations[to][0], urgency=urgency)

    partners = [pk for pk in recipients if workers.kind(pk) in PARTNER_KINDS and workers.members.get(pk)]
    if partners and (complete or rng.random() < 0.55):
        partner = rng.choice(partners)
        person = rng.choice(workers.members[partner])
        if person not in team:
            sent_at = _between(rng, _at(given_on), ctx.now)
            accepted_at = min(ctx.now, sent_at + timedelta(days=rng.randint(1, 10)))
            refer(partner, Referral.Kind.REFERRAL, AccessLevel.PRACTICAL, Referral.Status.ACCEPTED, sent_at,
                  decided_by=person, decided_at=accepted_at)
            team.append(join(person, partner, AccessLevel.PRACTICAL, "Referral", accepted_at, person))
            timeline("referral_accepted", accepted_at, person, organisation=workers.organisations[partner][0])
    counterparts = [pk for pk in recipients if workers.kind(pk) in JUSTICE_KINDS]
    if counterparts and not withdrawn_at and (complete or rng.random() < 0.5):
        handover = workers.kind(owner) == OrganisationKind.PRISON and record.phase in (Phase.CUSTODY, Phase.PRE_RELEASE)
        refer(rng.choice(counterparts), Referral.Kind.HANDOVER if handover else Referral.Kind.REFERRAL,
              AccessLevel.FULL if handover else AccessLevel.CASEWORK, Referral.Status.PENDING,
              max(opened_at, ctx.now - timedelta(days=rng.randint(0, 30), minutes=rng.randrange(1440))))


def seed_transition_records(scale: Scale) -> str | None:
    """`transition_records` records over the prisons and probation services (larger ones own more), each with
    its identity (encrypted), a team of one to three, about one note and one action, five timeline entries,
    and — at owners with an agreement — consent, partner team rows and referrals. The case-manager persona
    leads `caseload_records` of them."""
    present = TransitionRecord.objects.filter(reference__startswith=RECORD_REFERENCE.format(0)[:5]).count()
    if present >= scale.transition_records:
        return None
    ctx = _RecordContext.load(scale)
    if not ctx.owners:
        raise RuntimeError("No prison or probation organisation has a case manager: seed people first.")
    totals = defaultdict(int)
    started = time.monotonic()
    for chunk_start in range(present, scale.transition_records, RECORD_CHUNK):
        chunk_end = min(chunk_start + RECORD_CHUNK, scale.transition_records)
        rng = random.Random(f"records-{chunk_start}")
        rows = _RecordRows()
        for number in range(chunk_start, chunk_end):
            _build_record(rng, number, ctx, rows)
        with transaction.atomic():
            rows.insert()
        for name in ("records", "team", "timeline", "notes", "actions", "referrals", "bases"):
            totals[name] += rows.count(name)
        if chunk_end % 20_000 < RECORD_CHUNK or chunk_end == scale.transition_records:
            rate = (chunk_end - present) / max(time.monotonic() - started, 1e-9)
            print(f"    transition records: {chunk_end:,} / {scale.transition_records:,} ({rate:,.0f}/s)", flush=True)
    return (f"{totals['records']:,} records, {totals['team']:,} team rows, {totals['timeline']:,} timeline entries, "
            f"{totals['notes']:,} notes, {totals['actions']:,} actions, {totals['referrals']:,} referrals, "
            f"{totals['bases']:,} sharing bases")


SEED_FUNCTIONS: list[Callable[[Scale], str | None]] = [
    seed_organisations,
    seed_people,
    seed_second_factors,
    seed_invitations,
    seed_notifications,
    seed_audit_trail,
    seed_sharing_agreements,
    seed_transition_records,
]


def seed(scale: Scale) -> bool:
    """Run every seed function; return whether anything was created."""
    created = False
    for seed_function in SEED_FUNCTIONS:
        started = time.monotonic()
        outcome = seed_function(scale)
        created |= outcome is not None
        name = seed_function.__name__.removeprefix("seed_").replace("_", " ")
        print(f"  {name:<20} {outcome or 'present'} [{time.monotonic() - started:.1f} s]", flush=True)
    if created:
        _refresh_planner_statistics()
    return created


def _refresh_planner_statistics() -> None:
    """What a deployment's autovacuum (PostgreSQL) or `PRAGMA optimize` (SQLite) does after bulk loads: without
    statistics the query planner picks the wrong index for the audit trail's filters."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def dataset_summary() -> dict[str, int]:
    return {
        "organisations": Organisation.objects.count(),
        "users": User.objects.count(),
        "platform_admins": User.objects.filter(is_superuser=True).count(),
        "memberships": Membership.objects.count(),
        "membership_roles": MembershipRole.objects.count(),
        "organisation_admins": MembershipRole.objects.filter(role=Role.ORG_ADMIN).count(),
        "invitations": Invitation.objects.count(),
        "notifications": Notification.objects.count(),
        "audit_events": AuditEvent.objects.count(),
        "sharing_agreements": SharingAgreement.objects.count(),
        "transition_records": TransitionRecord.objects.count(),
        "record_team_rows": TeamMember.objects.count(),
        "timeline_entries": TimelineEntry.objects.count(),
        "record_notes": Note.objects.count(),
        "record_actions": Action.objects.count(),
        "referrals": Referral.objects.count(),
    }


# --- the people the benchmark signs in as -------------------------------------------------------------------


def platform_admin() -> User:
    return User.objects.filter(is_superuser=True, is_active=True).order_by("id").first()


def _administrators_by_organisation_size() -> list[tuple[int, int]]:
    """(active members, administrator's user id) for each administered active organisation, smallest first."""
    sizes = dict(Membership.objects.active().values_list("organisation_id").annotate(n=Count("id")))
    admins = (Membership.objects.active().filter(roles__role=Role.ORG_ADMIN).order_by("organisation_id", "user_id")
              .values_list("organisation_id", "user_id"))
    return sorted((sizes.get(organisation_id, 0), user_id) for organisation_id, user_id in admins)


def typical_org_admin() -> User:
    """The administrator of a median-sized organisation: what most administrators see."""
    ranked = _administrators_by_organisation_size()
    return User.objects.get(pk=ranked[len(ranked) // 2][1])


def largest_org_admin() -> User:
    """The administrator of the largest organisation: the most members and audit events to count."""
    return User.objects.get(pk=_administrators_by_organisation_size()[-1][1])


def case_manager() -> User:
    """A case manager of the largest prison or probation organisation, with a second factor and no
    administrator role anywhere (their dashboard is a case worker's). Seeding makes them lead `caseload_records`
    records, so their caseload paginates."""
    organisation_id = _caseload_organisation_id()
    person = (User.objects.filter(
        Exists(Membership.objects.active().filter(user=OuterRef("pk"), organisation_id=organisation_id,
                                                  roles__role=Role.CASE_MANAGER)),
        Exists(Authenticator.objects.filter(user=OuterRef("pk"), type=Authenticator.Type.TOTP)),
    ).exclude(pk__in=MembershipRole.objects.filter(role=Role.ORG_ADMIN).values("membership__user_id"))
        .order_by("id").first())
    if person is None:
        raise RuntimeError(f"Organisation {organisation_id} has no case manager with a second factor.")
    return person


# Who an endpoint in run.py can be called as.
PERSONAS: dict[str, Callable[[], User]] = {
    "platform_admin": platform_admin,
    "org_admin": typical_org_admin,
    "org_admin_large": largest_org_admin,
    "case_manager": case_manager,
}


# --- values of the endpoints' paths -------------------------------------------------------------------------


def showcase_record_id() -> int:
    """The record whose page is measured: the first one the case manager leads with at least three people on
    its team, notes, actions and a referral, so the page shows every part it has (seeding makes record 1 so)."""
    team_size = (TeamMember.objects.current().filter(record=OuterRef("pk")).order_by().values("record")
                 .annotate(people=Count("pk")).values("people"))
    record_id = (
        TransitionRecord.objects
        .filter(Exists(TeamMember.objects.current().filter(record=OuterRef("pk"), user=case_manager(),
                                                           access_level=AccessLevel.FULL)),
                Exists(Note.objects.filter(record=OuterRef("pk"))),
                Exists(Action.objects.filter(record=OuterRef("pk"))),
                Exists(Referral.objects.filter(record=OuterRef("pk"))))
        .annotate(team_size=Subquery(team_size)).filter(team_size__gte=3).order_by("id")
        .values_list("id", flat=True).first()
    )
    if record_id is None:
        raise RuntimeError("No transition record is led by the case manager: seeding did not run to the end.")
    return record_id


# The {placeholders} an endpoint's path may hold (see run.py), filled in after seeding.
PATH_VALUES: dict[str, Callable[[], object]] = {
    "showcase_record": showcase_record_id,
}
