"""integra.core: organisations, people with their memberships, roles and second factors, invitations,
notifications and the hash-chained audit trail; the administrators the benchmark signs in as, and the
dashboard, organisation, audit and account endpoints they are measured on.
"""

import hashlib
import random
import time
import zlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import accumulate

from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Count

from integra.core.countries import Country
from integra.core.models import (
    AuditEvent,
    Invitation,
    Membership,
    MembershipRole,
    Notification,
    Organisation,
    OrganisationKind,
)
from integra.core.roles import ROLES_REQUIRING_SECOND_FACTOR, Role

from ..endpoints import api, page
from .common import CITIES, FIRST_NAMES, INSERT_BATCH, LAST_NAMES, Scale, require_primary_keys, run_steps, weighted

User = get_user_model()

BENCH_PASSWORD = "Bench-Integra-2026"  # one hash for every account; lets a developer sign in to look around
HISTORY = timedelta(days=730)  # the audit trail covers two years
AUDIT_CHUNK = 20_000  # events per transaction: the unit an interrupted seeding resumes from


# --- names, kinds and weights -------------------------------------------------------------------------------

JOB_TITLES = ["Prison officer", "Probation officer", "Case manager", "Social worker", "Mentor", "Trainer",
              "Psychologist", "Chaplain", "Team leader", "Researcher", "Coordinator", ""]
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
            kind = weighted(rng, KIND_WEIGHTS)
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
                full_name=f"{first} {last}", language=weighted(rng, LANGUAGE_WEIGHTS), password=password,
                is_superuser=is_platform_admin, is_staff=is_platform_admin,
                is_active=is_platform_admin or rng.random() > 0.02,
                date_joined=start - timedelta(days=rng.randrange(365)),
            ))
        User.objects.bulk_create(users, batch_size=INSERT_BATCH)
        require_primary_keys(users)

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
        require_primary_keys(memberships)

        roles = []
        for membership in memberships:
            held = {weighted(rng, MEMBER_ROLE_WEIGHTS) for _ in range(1 if rng.random() < 0.75 else 2)}
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
            roles=[weighted(rng, MEMBER_ROLE_WEIGHTS)], job_title=rng.choice(JOB_TITLES),
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
                data={"via": "invitation"} if created else {"roles": [weighted(rng, MEMBER_ROLE_WEIGHTS)]})


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
                data={"email": f"invitee{number}@partner.example.org", "roles": [weighted(rng, MEMBER_ROLE_WEIGHTS)]})


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
    """Events as the application writes them: seq from the database, each hash the application's own keyed
    digest, occurred_at rising with seq over two years. Each chunk is committed on its own, so an interruption
    resumes from the count; `integra audit seal` then signs them into the tree."""
    existing = AuditEvent.objects.count()
    if existing >= scale.audit_events:
        return None
    actors = _Actors.load()
    if not actors.members:
        raise RuntimeError("No active memberships: seed people before the audit trail.")
    last = AuditEvent.objects.order_by("-seq").values_list("occurred_at", flat=True).first()
    start, end = last or _history_start(), datetime.now(UTC)
    to_create = scale.audit_events - existing
    step = (end - start) / to_create
    started = time.monotonic()
    for chunk_start in range(0, to_create, AUDIT_CHUNK):
        chunk_size = min(AUDIT_CHUNK, to_create - chunk_start)
        rng = random.Random(f"audit-{existing + chunk_start}")
        kinds = rng.choices(AUDIT_ACTIONS, cum_weights=_AUDIT_CUMULATIVE_WEIGHTS, k=chunk_size)
        events = []
        for offset, (action, _weight, build) in enumerate(kinds):
            fields = build(rng, actors, action)
            fields.update(
                action=action, user_agent=rng.choice(USER_AGENTS),
                # (0, 1] of a step past the previous slot: strictly after the event before, even on resume.
                occurred_at=start + step * (chunk_start + offset + 1 - rng.random()),
            )
            fields.setdefault("purpose", "")
            event = AuditEvent(**fields)
            event.hash = event.compute_hash()
            events.append(event)
        with transaction.atomic():
            AuditEvent.objects.bulk_create(events, batch_size=INSERT_BATCH)
        done = chunk_start + chunk_size
        if done % 100_000 < AUDIT_CHUNK or done == to_create:
            rate = done / max(time.monotonic() - started, 1e-9)
            print(f"    audit events: {existing + done:,} / {scale.audit_events:,} ({rate:,.0f}/s)", flush=True)
    return f"{to_create:,} created ({existing + to_create:,} in all)"


# --- what core adds to the benchmark ------------------------------------------------------------------------


def seed(scale: Scale) -> bool:
    # People before their second factors, invitations and notifications; the audit trail last, as its actors
    # are the active members.
    return run_steps(scale, [seed_organisations, seed_people, seed_second_factors, seed_invitations,
                             seed_notifications, seed_audit_trail])


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


# A platform administrator; the administrator of a median-sized organisation, what most administrators see;
# the administrator of the largest one (1,400 members at full scale), where counting members and reading the
# audit trail cost the most.
ORG_ADMIN, LARGE_ORG_ADMIN, PLATFORM_ADMIN = "org_admin", "org_admin_large", "platform_admin"
PERSONAS: dict[str, Callable[[], User]] = {
    PLATFORM_ADMIN: platform_admin,
    ORG_ADMIN: typical_org_admin,
    LARGE_ORG_ADMIN: largest_org_admin,
}
PATH_VALUES: dict[str, Callable[[], object]] = {}

ENDPOINTS = [
    page("dashboard · org admin", "/en/dashboard/", ORG_ADMIN),
    page("dashboard · org admin, largest org", "/en/dashboard/", LARGE_ORG_ADMIN),
    page("dashboard · platform admin", "/en/dashboard/", PLATFORM_ADMIN),
    page("organisations", "/en/organisations/", ORG_ADMIN),
    page("organisations · page 40", "/en/organisations/?page=40", ORG_ADMIN),
    page("organisations · search", "/en/organisations/?q=prison", ORG_ADMIN),
    page("audit · org admin", "/en/audit/", ORG_ADMIN),
    page("audit · org admin, largest org", "/en/audit/", LARGE_ORG_ADMIN),
    page("audit · platform admin", "/en/audit/", PLATFORM_ADMIN),
    page("audit · filtered by action", "/en/audit/?action=accounts.login.succeeded", PLATFORM_ADMIN),
    api("API organisations · platform admin", "/api/v1/organisations/", PLATFORM_ADMIN),
    api("API organisations · org admin", "/api/v1/organisations/", ORG_ADMIN),
    api("API users · platform admin", "/api/v1/users/", PLATFORM_ADMIN),
    api("API users · org admin", "/api/v1/users/", ORG_ADMIN),
    api("API memberships · platform admin", "/api/v1/memberships/", PLATFORM_ADMIN),
    api("API memberships · org admin", "/api/v1/memberships/", ORG_ADMIN),
    api("API audit events · platform admin", "/api/v1/audit-events/", PLATFORM_ADMIN),
    api("API audit events · org admin", "/api/v1/audit-events/", ORG_ADMIN),
]
