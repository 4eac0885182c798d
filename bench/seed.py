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
from django.utils import timezone, translation

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
from integra.events.models import CountryQuota, Event, Registration, Room, Slot, Speaker
from integra.learning.models import (
    Block,
    Certificate,
    Cohort,
    Competence,
    CompetenceArea,
    Course,
    Enrolment,
    LearningOutcome,
    Lesson,
    LessonProgress,
    Module,
    Question,
    Quiz,
    QuizAnswer,
    QuizAttempt,
)
from integra.learning.selectors import module_unlocked

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
    cohort_learners: int  # integra.learning: the learners of the benchmark cohort (its trainer's grid)
    course_modules: int  # modules of the benchmark course, `lessons_per_module` lessons each
    event_registrations: int  # integra.events: registrations for the benchmark training week
    event_places: int  # places of each of the event's five country quotas
    lessons_per_module: int = 5
    admin_every: int = 5  # one organisation in five has an administrator: a few hundred at full scale
    invitations_per_organisation: int = 3
    notifications_per_user: int = 2
    second_factor_share: float = 0.85  # of the people whose roles require one


FULL = Scale(organisations=2_000, users=50_000, audit_events=1_000_000, platform_admins=8,
             transition_records=100_000, agreement_owners=60, caseload_records=600,
             cohort_learners=1_000, course_modules=10, event_registrations=300, event_places=35)
QUICK = Scale(organisations=200, users=2_000, audit_events=20_000, platform_admins=3,
              transition_records=2_000, agreement_owners=12, caseload_records=300,
              cohort_learners=100, course_modules=4, event_registrations=100, event_places=12)


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


# --- learning (integra.learning) ----------------------------------------------------------------------------
#
# One published course with its blueprint, question bank and quizzes, and one large cohort whose trainer reads
# the grid (learners × modules). Rows are written directly, not through integra/learning/services.py, which
# write an audit event per enrolment and per quiz submitted: what the pages read is the same. Each learner has
# the lesson progress, quiz attempts and answers the services would have left, in an order the module
# prerequisites allow (a learner has lessons done in a module only once the module before it is done).

COURSE_TITLE = "From custody to community: working with people in transition"
COHORT_NAME = "Transition work — spring intake"
COHORT_CHUNK = 250  # learners per transaction, with all their rows: the unit an interrupted seeding resumes from
COMPLETED_SHARE = 0.05  # of the learners: finished the course (every quiz passed, certificate issued)
STUCK_SHARE = 0.2  # of the learners still in progress: nothing done for more than two weeks (the grid flags them)
RETRY_SHARE = 0.3  # of the quizzes passed: passed at the second attempt
QUESTIONS_PER_COMPETENCE = 6
QUESTIONS_PER_ATTEMPT = 5
COMPETENCE_AREAS = ["Understanding radicalisation and disengagement", "Assessment and casework",
                    "Cooperation around release"]
MODULE_TOPICS = [  # (module title, the competence it builds)
    ("Prison and probation systems of the partner countries", "Explain the sentence and release process"),
    ("Radicalisation: push and pull factors", "Recognise push and pull factors"),
    ("Signs and their limits", "Report concerns without over-reading signs"),
    ("Risk and needs assessment", "Use structured risk and needs assessment"),
    ("Preparing release", "Plan release with the person and the services"),
    ("Probation after release", "Supervise with support and control"),
    ("Families and communities", "Involve families and community partners"),
    ("Mentoring and volunteers", "Work alongside mentors and volunteers"),
    ("Information sharing and data protection", "Share information lawfully and proportionately"),
    ("Multi-agency case conferences", "Prepare and chair a case conference"),
]
LESSON_TITLES = ["Key ideas", "A case from practice", "Tools and checklists", "Working with partners",
                 "Putting it into practice"]
LESSON_TEXT = [
    "<h2>{topic}</h2><p>This lesson introduces the main notions of the module and how prison, probation and "
    "community staff in the five partner countries use them in their daily work.</p><ul><li>What the research "
    "says</li><li>What practitioners see</li><li>What remains uncertain</li></ul>",
    "<p>Read the case of <strong>Samir</strong>, 27, eight months before his release, and note what each service "
    "knows about him. Then compare your notes with the <em>checklist</em> at the end of the module.</p>"
    "<blockquote>“Nobody asked me where I would sleep the first night.”</blockquote>",
]
QUESTION_STEMS = ["Which statement about “{competence}” is accurate?",
                  "In the case of the module, what should the practitioner do first?",
                  "True or false: {competence} is the task of one service alone.",
                  "Which source of information is the most reliable here?",
                  "What is the main risk of the approach described?",
                  "True or false: the person concerned should be involved in the plan."]


def seed_course(scale: Scale) -> str | None:
    """The competences blueprint (one competence per module, two learning outcomes each) and a published course
    of `course_modules` modules, each unlocking after the one before, with `lessons_per_module` lessons of two
    text blocks, a question bank of QUESTIONS_PER_COMPETENCE questions per competence and one quiz per module."""
    if Course.objects.filter(title_en=COURSE_TITLE).exists():
        return None
    rng = random.Random("course")
    topics = [MODULE_TOPICS[index % len(MODULE_TOPICS)] for index in range(scale.course_modules)]
    with translation.override("en"), transaction.atomic():
        areas = [CompetenceArea(title=title, order=index) for index, title in enumerate(COMPETENCE_AREAS)]
        CompetenceArea.objects.bulk_create(areas)
        _require_primary_keys(areas)
        competences = [Competence(area=areas[index * len(areas) // len(topics)], title=competence, order=index,
                                  audiences=["prison", "probation", "community"])
                       for index, (_module, competence) in enumerate(topics)]
        Competence.objects.bulk_create(competences)
        outcomes = [LearningOutcome(competence=competence, order=order,
                                    text=f"{competence.title}: {'explain' if order == 0 else 'apply in a case'}")
                    for competence in competences for order in range(2)]
        LearningOutcome.objects.bulk_create(outcomes)
        course = Course.objects.create(
            title=COURSE_TITLE, audiences=["prison", "probation", "community"], status=Course.Status.PUBLISHED,
            summary="A blended course for prison, probation and community staff preparing release together.",
            published_version=1, published_at=timezone.now() - timedelta(days=200), created_by=platform_admin())
        modules = [Module(course=course, title=title, order=index) for index, (title, _competence) in enumerate(topics)]
        Module.objects.bulk_create(modules)
        _require_primary_keys(modules)
        for previous, module in zip(modules, modules[1:], strict=False):
            module.prerequisite = previous
        Module.objects.bulk_update(modules[1:], ["prerequisite"])
        lessons = [Lesson(module=module, title=f"{LESSON_TITLES[order % len(LESSON_TITLES)]} — {module.title}",
                          order=order) for module in modules for order in range(scale.lessons_per_module)]
        Lesson.objects.bulk_create(lessons)
        _require_primary_keys(lessons)
        Lesson.outcomes.through.objects.bulk_create(
            [Lesson.outcomes.through(lesson=lesson, learningoutcome=outcomes[2 * (index // scale.lessons_per_module)
                                                                             + lesson.order % 2])
             for index, lesson in enumerate(lessons)])
        Block.objects.bulk_create([Block(lesson=lesson, kind=Block.Kind.TEXT, order=order,
                                         body=LESSON_TEXT[order].format(topic=lesson.module.title))
                                   for lesson in lessons for order in range(len(LESSON_TEXT))], batch_size=INSERT_BATCH)
        questions = []
        for competence, outcome_pair in zip(competences, zip(outcomes[::2], outcomes[1::2], strict=True), strict=True):
            for number in range(QUESTIONS_PER_COMPETENCE):
                stem = QUESTION_STEMS[number % len(QUESTION_STEMS)]
                true_false = stem.startswith("True or false")
                size = 2 if true_false else 4
                correct = rng.randrange(size)
                labels = ["True", "False"] if true_false else [f"Option {letter}" for letter in "ABCD"]
                questions.append(Question(
                    competence=competence, outcome=outcome_pair[number % 2], text=stem.format(competence=competence),
                    kind=Question.Kind.TRUE_FALSE if true_false else Question.Kind.SINGLE,
                    data={"choices": [{"text": label, "correct": index == correct, "feedback": ""}
                                      for index, label in enumerate(labels)]}))
        Question.objects.bulk_create(questions, batch_size=INSERT_BATCH)
        quizzes = [Quiz(module=module, title=f"Check your knowledge — {module.title}",
                        question_count=QUESTIONS_PER_ATTEMPT, pass_mark=70, attempts_allowed=3) for module in modules]
        Quiz.objects.bulk_create(quizzes)
        _require_primary_keys(quizzes)
        # Each quiz draws from its module's competence and revises the one before.
        Quiz.competences.through.objects.bulk_create(
            [Quiz.competences.through(quiz=quiz, competence=competence) for index, quiz in enumerate(quizzes)
             for competence in competences[max(0, index - 1):index + 1]])
    return (f"{len(modules)} modules, {len(lessons)} lessons, {len(competences)} competences, "
            f"{len(questions)} questions, {len(quizzes)} quizzes")


@dataclass(frozen=True)
class _CourseContent:
    """What a learner of the benchmark course works through, in course order."""

    course_id: int
    lessons_per_module: int
    lessons: list[int]  # lesson ids in course order (modules by order, then lessons by order)
    quizzes: list[tuple[int, int, int, list[int]]]  # per module: (quiz id, questions asked, pass mark, bank)
    answer_key: dict[int, tuple[int, int]]  # question id → (index of the correct choice, number of choices)

    @classmethod
    def load(cls, course: Course) -> "_CourseContent":
        modules = list(course.modules.order_by("order", "id").values_list("id", flat=True))
        lessons = list(Lesson.objects.filter(module__course=course).order_by("module__order", "order", "id")
                       .values_list("id", flat=True))
        bank = defaultdict(list)
        answer_key = {}
        for question_id, competence_id, data in Question.objects.filter(
                competence__quizzes__module__course=course).distinct().order_by("id").values_list(
                "id", "competence_id", "data"):
            bank[competence_id].append(question_id)
            choices = data.get("choices", [])
            answer_key[question_id] = (next(i for i, c in enumerate(choices) if c.get("correct")), len(choices))
        quiz_competences = defaultdict(list)
        for quiz_id, competence_id in Quiz.competences.through.objects.filter(quiz__module__course=course)\
                .order_by("quiz_id", "competence_id").values_list("quiz_id", "competence_id"):
            quiz_competences[quiz_id].append(competence_id)
        quizzes = {module_id: (quiz_id, asked, pass_mark, [q for c in quiz_competences[quiz_id] for q in bank[c]])
                   for quiz_id, module_id, asked, pass_mark in Quiz.objects.filter(module__course=course)
                   .values_list("id", "module_id", "question_count", "pass_mark")}
        return cls(course_id=course.pk, lessons_per_module=len(lessons) // max(1, len(modules)), lessons=lessons,
                   quizzes=[quizzes[module_id] for module_id in modules], answer_key=answer_key)


@dataclass
class _CohortRows:
    """The rows of one chunk of learners: enrolments first (their certificates need their primary keys)."""

    enrolments: list = field(default_factory=list)
    names: dict = field(default_factory=dict)  # user id → the name a certificate is issued to
    progress: list = field(default_factory=list)
    attempts: list = field(default_factory=list)
    answers: list = field(default_factory=list)

    def insert(self) -> int:
        Enrolment.objects.bulk_create(self.enrolments, batch_size=INSERT_BATCH)
        _require_primary_keys(self.enrolments)
        completed = [enrolment for enrolment in self.enrolments if enrolment.completed_at]
        certificates = [Certificate(kind=Certificate.Kind.COURSE_COMPLETION, holder_id=enrolment.user_id,
                                    holder_name=self.names[enrolment.user_id], title=COURSE_TITLE,
                                    awarded_on=enrolment.completed_at.date(), issued_at=enrolment.completed_at,
                                    source=f"learning.enrolment:{enrolment.pk}") for enrolment in completed]
        Certificate.objects.bulk_create(certificates)
        _require_primary_keys(certificates)
        for enrolment, certificate in zip(completed, certificates, strict=True):
            enrolment.certificate = certificate
        Enrolment.objects.bulk_update(completed, ["certificate"])
        LessonProgress.objects.bulk_create(self.progress, batch_size=INSERT_BATCH)
        QuizAttempt.objects.bulk_create(self.attempts, batch_size=INSERT_BATCH)
        _require_primary_keys(self.attempts)
        QuizAnswer.objects.bulk_create(self.answers, batch_size=INSERT_BATCH)
        return len(completed)


def _build_learner(rng: random.Random, number: int, user_id: int, cohort: Cohort, content: _CourseContent,
                   rows: _CohortRows, now: datetime) -> None:
    """One learner: how far they got, when, and the quiz attempts that let them move on. Learner number 0 (the
    learner persona) is halfway through the course, in the middle of a module, and active this week."""
    total, per_module = len(content.lessons), content.lessons_per_module
    if number == 0:
        done, stuck = total // 2 + 2, False
    elif rng.random() < COMPLETED_SHARE:
        done, stuck = total, False
    else:
        done, stuck = rng.randint(0, total - 1), rng.random() < STUCK_SHARE
    enrolled_at = _at(cohort.starts_on, 9) - timedelta(days=rng.randint(0, 14), minutes=rng.randrange(480))
    if stuck:
        last = now - timedelta(days=rng.randint(15, 90), minutes=rng.randrange(1440))
    else:
        last = now - timedelta(minutes=rng.randrange(13 * 1440))
    last = max(last, enrolled_at + timedelta(days=1))
    times = sorted(_between(rng, enrolled_at, last) for _ in range(done))
    if times:
        times[-1] = last
    enrolment = Enrolment(user_id=user_id, course_id=content.course_id, cohort=cohort, enrolled_at=enrolled_at,
                          course_version=1, last_lesson_id=content.lessons[done - 1] if done else None,
                          last_seen_at=last if done else None)
    rows.enrolments.append(enrolment)
    rows.progress.extend(LessonProgress(enrolment=enrolment, lesson_id=lesson_id, completed_at=completed_at)
                         for lesson_id, completed_at in zip(content.lessons, times, strict=False))

    def attempt(quiz, passed: bool, started_at: datetime) -> datetime:
        quiz_id, asked_count, pass_mark, bank = quiz
        asked = rng.sample(bank, min(asked_count, len(bank)))
        right = set(rng.sample(range(len(asked)), len(asked) - rng.choice([0, 1] if passed else [2, 3, 4])))
        score = round(100 * len(right) / len(asked))
        submitted_at = min(now, started_at + timedelta(minutes=rng.randint(4, 25)))
        quiz_attempt = QuizAttempt(enrolment=enrolment, quiz_id=quiz_id, question_ids=asked, started_at=started_at,
                                   submitted_at=submitted_at, score=score, passed=score >= pass_mark)
        rows.attempts.append(quiz_attempt)
        for index, question_id in enumerate(asked):
            key, size = content.answer_key[question_id]
            choice = key if index in right else (key + rng.randint(1, size - 1)) % size
            rows.answers.append(QuizAnswer(attempt=quiz_attempt, question_id=question_id, response=[str(choice)],
                                           correct=index in right))
        return submitted_at

    finished_modules = done // per_module if per_module else 0
    last_passed = None
    for module_index in range(finished_modules):
        lessons_done_at = times[(module_index + 1) * per_module - 1]
        started_at = min(now, lessons_done_at + timedelta(minutes=rng.randint(5, 600)))
        moved_on = done > (module_index + 1) * per_module or done == total
        outcome = "passed" if moved_on else rng.choices(["passed", "failed", "none"], weights=[50, 30, 20])[0]
        if outcome == "failed" or (outcome == "passed" and rng.random() < RETRY_SHARE):
            started_at = min(now, attempt(content.quizzes[module_index], False, started_at)
                             + timedelta(hours=rng.randint(1, 72)))
        if outcome == "passed":
            last_passed = attempt(content.quizzes[module_index], True, started_at)
    if done == total and last_passed:
        enrolment.completed_at = last_passed


def _cohort_trainer() -> tuple[int, int]:
    """(organisation id, user id) of the cohort's trainer: a trainer of the largest training centre that has
    one (else of the largest organisation with a trainer) who administers no organisation, so the grid is read
    as a trainer reads it."""
    sizes = dict(Membership.objects.active().values_list("organisation_id").annotate(n=Count("id")))
    administrators = MembershipRole.objects.filter(role=Role.ORG_ADMIN).values("membership__user_id")
    trainers = (Membership.objects.active().filter(roles__role=Role.TRAINER).exclude(user_id__in=administrators)
                .values_list("organisation_id", "organisation__kind", "user_id"))
    ranked = sorted(trainers, key=lambda t: (t[1] != OrganisationKind.TRAINING, -sizes.get(t[0], 0), t[0], t[2]))
    if not ranked:
        raise RuntimeError("No active member holds the trainer role: seed people first.")
    return ranked[0][0], ranked[0][2]


def seed_cohort(scale: Scale) -> str | None:
    """A cohort of `cohort_learners` learners (active members of an organisation, in account order) run by a
    trainer of its organisation: enrolments, lesson progress for a varying share of the lessons (about half on
    average), quiz attempts with their answers, a few learners who completed and a fifth who are stuck."""
    course = Course.objects.filter(title_en=COURSE_TITLE).first()
    if course is None:
        raise RuntimeError("The benchmark course is missing: seed_course runs first.")
    cohort = Cohort.objects.filter(name=COHORT_NAME, course=course).first()
    present = cohort.enrolments.count() if cohort else 0
    if present >= scale.cohort_learners:
        return None
    if cohort is None:
        organisation_id, trainer_id = _cohort_trainer()
        today = timezone.localdate()
        cohort = Cohort.objects.create(course=course, name=COHORT_NAME, trainer_id=trainer_id,
                                       organisation_id=organisation_id, language="en",
                                       starts_on=today - timedelta(days=120), ends_on=today + timedelta(days=60),
                                       created_at=_at(today - timedelta(days=135)))
    content = _CourseContent.load(course)
    learners = list(
        User.objects.filter(is_active=True, is_superuser=False)
        .filter(Exists(Membership.objects.active().filter(user=OuterRef("pk"))))
        .exclude(pk=cohort.trainer_id).exclude(Exists(Enrolment.objects.filter(user=OuterRef("pk"), course=course)))
        .order_by("id").values_list("id", "full_name", "email")[:scale.cohort_learners - present])
    now = timezone.now()
    totals = defaultdict(int)
    for chunk_start in range(0, len(learners), COHORT_CHUNK):
        rng = random.Random(f"cohort-{present + chunk_start}")
        rows = _CohortRows()
        for offset, (user_id, full_name, email) in enumerate(learners[chunk_start:chunk_start + COHORT_CHUNK]):
            rows.names[user_id] = full_name or email
            _build_learner(rng, present + chunk_start + offset, user_id, cohort, content, rows, now)
        with transaction.atomic():
            totals["completed"] += rows.insert()
        for name in ("enrolments", "progress", "attempts", "answers"):
            totals[name] += len(getattr(rows, name))
    return (f"{totals['enrolments']:,} learners ({totals['completed']:,} completed), {totals['progress']:,} lessons "
            f"done, {totals['attempts']:,} quiz attempts, {totals['answers']:,} answers")


# --- events (integra.events) --------------------------------------------------------------------------------
#
# One published joint staff training week with a full agenda (rooms, speakers, parallel working groups), five
# country quotas and registrations in every status. Direct rows: registration_apply/approve write an audit event
# and an e-mail each.

EVENT_TITLE = "Joint staff training week — preparing release together"
EVENT_TIME_ZONES = {"PT": "Europe/Lisbon", "FR": "Europe/Paris", "BG": "Europe/Sofia", "IT": "Europe/Rome",
                    "GR": "Europe/Athens"}  # the partner countries, each with a quota; the host is one of them
EVENT_COUNTRIES = list(EVENT_TIME_ZONES)
EVENT_SPEAKERS = [
    ("Dr Sophie Garnier", "Centre d'études sur la radicalisation, Lyon"),
    ("Assoc. Prof. Mihaela Stoyanova", "Sofia University, Department of Sociology"),
    ("Nikolay Ivanov", "General Directorate Execution of Sentences, Bulgaria"),
    ("Francesca Bianchi", "UEPE Roma"),
    ("João Martins", "Direção-Geral de Reinserção e Serviços Prisionais"),
    ("Dimitra Alexiou", "Korydallos Prison"),
    ("Elena Todorova", "Open Doors Foundation"),
    ("Rita Almeida", "Associação Recomeçar"),
    ("Laurent Castel", "Direction interrégionale des services pénitentiaires de Toulouse"),
    ("Giorgos Papadakis", "Hellenic Probation Service"),
    ("Marco Ferri", "Casa Circondariale di Bologna"),
    ("Ana Sousa", "Santa Casa da Misericórdia de Lisboa"),
]
EVENT_ROOMS = ["Plenary hall", "Room A", "Room B", "Room C", "Room D"]  # the plenary, then the group rooms
SESSION_TITLES = [
    "Understanding radicalisation: push and pull factors", "Risk and needs assessment in prison and probation",
    "Role of probation in prevention", "Disengagement and exit programmes in prison",
    "Working with families and communities", "Plenary: the working groups report back",
    "Multi-agency cooperation around release", "Mentoring after release: the role of volunteers",
    "Information sharing between prison, probation and partners", "Voices from practice: a mentee and his mentor",
    "Housing and work in the first weeks after release", "Next steps: what each country takes home",
]
GROUP_TITLES = ["Islamic fundamentalism vs conversion", "Right-wing extremism", "Left-wing extremism",
                "Other types of extremism", "Employment after release", "Housing after release",
                "Young adults leaving custody", "Women leaving custody"]
K = Slot.Kind
_SESSION, _GROUPS = "session", "groups"  # a plenary work session; four parallel working groups
_TEACHING_DAY = [("09:00", "10:30", _SESSION), ("10:30", "11:00", K.COFFEE_BREAK), ("11:00", "12:30", _SESSION),
                 ("12:30", "13:30", K.LUNCH), ("13:30", "15:30", _GROUPS), ("15:30", "16:00", K.COFFEE_BREAK),
                 ("16:00", "17:00", _SESSION)]
EVENT_DAYS = [  # (start, end, kind) per day, local times: 41 slots
    [("08:30", "09:00", K.REGISTRATION), ("09:00", "09:45", K.WELCOME), ("09:45", "11:00", _SESSION),
     ("11:00", "11:30", K.COFFEE_BREAK), ("11:30", "12:30", _SESSION), ("12:30", "13:30", K.LUNCH),
     ("13:30", "15:00", _SESSION), ("15:00", "15:30", K.COFFEE_BREAK), ("15:30", "17:00", _SESSION)],
    _TEACHING_DAY,
    [("08:30", "12:00", K.FIELD_VISIT), ("12:30", "13:30", K.LUNCH), ("14:00", "16:00", K.FIELD_VISIT),
     ("16:00", "16:30", K.COFFEE_BREAK), ("16:30", "18:30", K.FREE), ("19:30", "22:00", K.DINNER)],
    _TEACHING_DAY,
    [("09:00", "10:30", _SESSION), ("10:30", "11:00", K.COFFEE_BREAK), ("11:00", "12:00", K.EVALUATION),
     ("12:00", "12:30", K.CERTIFICATES), ("12:30", "13:00", K.CLOSURE), ("13:00", "14:00", K.LUNCH)],
]
FIELD_VISITS = ["Field visit: {city} prison", "Field visit: a probation office in {city}"]
REGISTRATION_STATUS_WEIGHTS = {Registration.Status.APPROVED: 55, Registration.Status.PENDING: 20,
                               Registration.Status.WAITING: 8, Registration.Status.DECLINED: 9,
                               Registration.Status.CANCELLED: 8}
DIETARY_NEEDS = ["", "", "", "", "", "", "Vegetarian", "Vegan", "Halal", "Gluten-free", "No pork", "Pescatarian"]
ACCESSIBILITY_NEEDS = [""] * 14 + ["Step-free access: uses a wheelchair", "Hearing loop in the plenary hall",
                                   "Interpretation into French"]


def _event_organiser() -> tuple[int, int]:
    """(organisation id, user id): an event organiser who administers no organisation, of the largest organisation
    of a partner country that has one (else of the largest anywhere)."""
    sizes = dict(Membership.objects.active().values_list("organisation_id").annotate(n=Count("id")))
    administrators = MembershipRole.objects.filter(role=Role.ORG_ADMIN).values("membership__user_id")
    organisers = (Membership.objects.active().filter(roles__role=Role.EVENT_ORGANISER)
                  .exclude(user_id__in=administrators)
                  .values_list("organisation_id", "organisation__country", "user_id"))
    ranked = sorted(organisers, key=lambda o: (o[1] not in EVENT_COUNTRIES, -sizes.get(o[0], 0), o[0], o[2]))
    if not ranked:
        raise RuntimeError("No active member holds the event-organiser role: seed people first.")
    return ranked[0][0], ranked[0][2]


def _create_event(rng: random.Random) -> Event:
    """The event, its rooms and speakers, the agenda of EVENT_DAYS (parallel working groups on days 2 and 4, one
    guest to be confirmed) and a quota for each partner country. Starts on a Monday six weeks from now, in the
    organiser's country and time zone."""
    organisation_id, organiser_id = _event_organiser()
    organisation = Organisation.objects.get(pk=organisation_id)
    city = CITIES[organisation.country][0]
    start = timezone.localdate() + timedelta(days=42)
    start -= timedelta(days=start.weekday())
    event = Event.objects.create(
        title=EVENT_TITLE, kind=Event.Kind.JOINT_TRAINING, organiser=organisation, created_by_id=organiser_id,
        description="A week of joint training for prison, probation and community staff of the five partner "
                    "countries: preparing release together, from the first assessment to life after release.",
        city=city, country=organisation.country, venue=f"{city} training centre", start_date=start,
        end_date=start + timedelta(days=len(EVENT_DAYS) - 1),
        time_zone=EVENT_TIME_ZONES.get(organisation.country, "Europe/Brussels"),
        languages="English (interpretation into the partners' languages)", is_published=True, registration_open=True)
    rooms = Room.objects.bulk_create([Room(event=event, name=name) for name in EVENT_ROOMS])
    speakers = Speaker.objects.bulk_create([Speaker(event=event, name=name, organisation_name=organisation_name)
                                            for name, organisation_name in EVENT_SPEAKERS])
    _require_primary_keys(rooms + speakers)
    tz = event.tz
    sessions, groups = iter(SESSION_TITLES * 2), iter(GROUP_TITLES * 2)
    visits = iter([title.format(city=city) for title in FIELD_VISITS])
    slots, parallel, speaking = [], [], []  # parallel: (slot, first group of its time); speaking: (slot, speaker)

    def local(day, hhmm):
        moment = start + timedelta(days=day)
        return datetime(moment.year, moment.month, moment.day, int(hhmm[:2]), int(hhmm[3:]), tzinfo=tz)

    for day, plan in enumerate(EVENT_DAYS):
        for begins, ends, kind in plan:
            times = dict(event=event, starts_at=local(day, begins), ends_at=local(day, ends))
            if kind == _GROUPS:  # the first group in room A, the others parallel to it, one speaker each
                group_speakers = rng.sample(speakers, len(rooms) - 1)
                first = Slot(kind=K.WORKING_GROUP, title=next(groups), room=rooms[1], takes_attendance=True, **times)
                slots.append(first)
                speaking.append((first, group_speakers[0]))
                for room, speaker in zip(rooms[2:], group_speakers[1:], strict=True):
                    slot = Slot(kind=K.WORKING_GROUP, title=next(groups), room=room, takes_attendance=True, **times)
                    parallel.append((slot, first))
                    speaking.append((slot, speaker))
                continue
            if kind == _SESSION:
                title = next(sessions)
                slot = Slot(kind=K.WORK_SESSION, title=title, room=rooms[0], takes_attendance=True,
                            to_be_confirmed=title.startswith("Voices from practice"), **times)
                speaking.extend((slot, speaker) for speaker in rng.sample(speakers, rng.randint(1, 2)))
            elif kind == K.FIELD_VISIT:
                slot = Slot(kind=kind, title=next(visits), takes_attendance=True, **times)
                speaking.append((slot, rng.choice(speakers)))
            else:
                plenary = kind in (K.WELCOME, K.EVALUATION, K.CERTIFICATES, K.CLOSURE)
                slot = Slot(kind=kind, room=rooms[0] if plenary else None, **times)
                if plenary and kind != K.EVALUATION:
                    speaking.append((slot, speakers[0]))
            slots.append(slot)
    Slot.objects.bulk_create(slots)
    _require_primary_keys(slots)
    for slot, first in parallel:
        slot.parallel_to = first
    Slot.objects.bulk_create([slot for slot, _first in parallel])
    Slot.speakers.through.objects.bulk_create([Slot.speakers.through(slot=slot, speaker=speaker)
                                               for slot, speaker in speaking])
    return event


def seed_event(scale: Scale) -> str | None:
    """The training week (created once), then its registrations topped up to `event_registrations`: active
    members of organisations in the partner countries, in every status, never more approved in a country
    than its quota (the rest of the approvals go to the waiting list, as registration_approve does)."""
    event = Event.objects.filter(title_en=EVENT_TITLE).first()
    present = event.registrations.count() if event else 0
    if event is not None and present >= scale.event_registrations:
        return None
    rng = random.Random(f"event-{present}")
    created = event is None
    with translation.override("en"), transaction.atomic():
        if created:
            event = _create_event(rng)
            CountryQuota.objects.bulk_create([CountryQuota(event=event, country=country, places=scale.event_places)
                                              for country in EVENT_COUNTRIES])
        registered = Registration.objects.filter(event=event).values("user_id")
        approved = defaultdict(int, Registration.objects.filter(event=event, status=Registration.Status.APPROVED)
                               .values_list("country").annotate(n=Count("id")))
        first_membership = {}
        for user_id, organisation_id, country in (
            Membership.objects.active().filter(organisation__country__in=EVENT_COUNTRIES)
            .exclude(user_id__in=registered).exclude(user_id=event.created_by_id)
            .order_by("user_id", "id").values_list("user_id", "organisation_id", "organisation__country")
        ):
            first_membership.setdefault(user_id, (organisation_id, country))
        # A stable draw over people (not the first accounts only), so every country and organisation size applies.
        chosen = sorted(first_membership, key=lambda pk: zlib.crc32(f"registrant-{pk}".encode()))
        now = timezone.now()
        applied = sorted(now - timedelta(days=60) * rng.random()
                         for _ in chosen[:scale.event_registrations - present])
        registrations = []
        for user_id, created_at in zip(chosen, applied, strict=False):
            organisation_id, country = first_membership[user_id]
            status = _weighted(rng, REGISTRATION_STATUS_WEIGHTS)
            if status == Registration.Status.APPROVED:
                if approved[country] < scale.event_places:
                    approved[country] += 1
                else:
                    status = Registration.Status.WAITING
            decided = status not in (Registration.Status.PENDING, Registration.Status.CANCELLED)
            registrations.append(Registration(
                event=event, user_id=user_id, organisation_id=organisation_id, country=country, status=status,
                dietary_needs=rng.choice(DIETARY_NEEDS), accessibility_needs=rng.choice(ACCESSIBILITY_NEEDS),
                listed_consent=rng.random() < 0.7, created_at=created_at,
                decided_at=min(now, created_at + timedelta(days=rng.randint(1, 7))) if decided else None))
        Registration.objects.bulk_create(registrations, batch_size=INSERT_BATCH)
    outcome = f"{len(registrations):,} registrations"
    if created:
        outcome = (f"1 event, {event.slots.count()} slots, {len(EVENT_ROOMS)} rooms, {len(EVENT_SPEAKERS)} speakers, "
                   f"{len(EVENT_COUNTRIES)} quotas, {outcome}")
    return outcome


SEED_FUNCTIONS: list[Callable[[Scale], str | None]] = [
    seed_organisations,
    seed_people,
    seed_second_factors,
    seed_invitations,
    seed_notifications,
    seed_audit_trail,
    seed_sharing_agreements,
    seed_transition_records,
    seed_course,
    seed_cohort,
    seed_event,
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
        "course_lessons": Lesson.objects.count(),
        "enrolments": Enrolment.objects.count(),
        "lessons_done": LessonProgress.objects.filter(completed_at__isnull=False).count(),
        "quiz_attempts": QuizAttempt.objects.count(),
        "quiz_answers": QuizAnswer.objects.count(),
        "event_slots": Slot.objects.count(),
        "event_registrations": Registration.objects.count(),
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


def _bench_cohort() -> Cohort:
    cohort = Cohort.objects.filter(name=COHORT_NAME, course__title_en=COURSE_TITLE).select_related("trainer").first()
    if cohort is None:
        raise RuntimeError("The benchmark cohort is missing: seeding did not run to the end.")
    return cohort


def _learner_enrolment() -> Enrolment:
    """The enrolment of the cohort's learner number 0: halfway through the course (see _build_learner)."""
    enrolment = Enrolment.objects.filter(cohort=_bench_cohort()).select_related("user").order_by("id").first()
    if enrolment is None:
        raise RuntimeError("The benchmark cohort has no learner: seeding did not run to the end.")
    return enrolment


def _bench_event() -> Event:
    event = Event.objects.filter(title_en=EVENT_TITLE).select_related("created_by").first()
    if event is None:
        raise RuntimeError("The benchmark event is missing: seeding did not run to the end.")
    return event


def cohort_trainer() -> User:
    """The trainer of the benchmark cohort, a trainer of the cohort's organisation: reads the grid of all its
    learners."""
    return _bench_cohort().trainer


def learner() -> User:
    """A learner of the cohort halfway through the course, in the middle of a module, active this week."""
    return _learner_enrolment().user


def event_organiser() -> User:
    """The event organiser (of the organising organisation) who created the benchmark event."""
    return _bench_event().created_by


# Who an endpoint in run.py can be called as.
PERSONAS: dict[str, Callable[[], User]] = {
    "platform_admin": platform_admin,
    "org_admin": typical_org_admin,
    "org_admin_large": largest_org_admin,
    "case_manager": case_manager,
    "trainer": cohort_trainer,
    "learner": learner,
    "event_organiser": event_organiser,
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


def learner_lesson_id() -> int:
    """The lesson the learner persona is on: the first one they have not done in a module unlocked for them
    (a locked one would redirect to the course page)."""
    enrolment = _learner_enrolment()
    done = set(LessonProgress.objects.filter(enrolment=enrolment, completed_at__isnull=False)
               .values_list("lesson_id", flat=True))
    for lesson in (Lesson.objects.filter(module__course_id=enrolment.course_id).select_related("module")
                   .order_by("module__order", "order", "id")):
        if lesson.pk not in done and module_unlocked(enrolment=enrolment, module=lesson.module):
            return lesson.pk
    raise RuntimeError("The learner persona has no unlocked lesson left to do.")


# The {placeholders} an endpoint's path may hold (see run.py), filled in after seeding.
PATH_VALUES: dict[str, Callable[[], object]] = {
    "showcase_record": showcase_record_id,
    "bench_course": lambda: _bench_cohort().course_id,
    "bench_cohort": lambda: _bench_cohort().pk,
    "learner_lesson": learner_lesson_id,
    "bench_event": lambda: _bench_event().pk,
}
