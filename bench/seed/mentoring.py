"""integra.mentoring: one large programme (a community organisation) with a pool of `mentors` mentors at every
stage, their vetting registers, mentees drawn from the seeded transition records, active matches and
`mentoring_sessions` sessions; its coordinator and one matched mentor, whom the benchmark signs in as.

Rows are written directly: the services write an audit event and notifications for each row.
"""

import random
from collections.abc import Callable
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from integra.cooperation.models import TransitionRecord
from integra.core.models import Membership, MembershipRole, Organisation, OrganisationKind
from integra.core.roles import Role
from integra.mentoring.models import (
    Availability,
    CheckKind,
    Match,
    Mentee,
    MenteeStatus,
    Mentor,
    MentoringSession,
    SessionMode,
    Stage,
    VettingCheck,
)

from ..endpoints import api, page
from .common import CITIES, INSERT_BATCH, Scale, run_steps

User = get_user_model()

PROGRAMME = "Bench mentoring programme"
COORDINATOR_EMAIL = "bench-coordinator@mentoring.example"
MENTOR_EMAIL = "bench-mentor@mentoring.example"
FULL_MENTORS, FULL_SESSIONS = 5_000, 20_000
QUICK_MENTORS, QUICK_SESSIONS = 400, 2_000
STAGES = [Stage.APPLICANT] * 10 + [Stage.VETTING] * 10 + [Stage.TRAINING] * 10 + [Stage.AVAILABLE] * 40 + \
    [Stage.MATCHED] * 20 + [Stage.PAUSED] * 5 + [Stage.EXITED] * 5
AREAS = CITIES["PT"] + CITIES["FR"]
LANGUAGES = ["French", "Portuguese", "Italian", "Bulgarian", "Greek", "English", "Arabic", "German", "Spanish"]
SKILLS = ["housing", "job search", "football", "cooking", "papers", "music", "family support", "training"]


def _sizes(scale: Scale) -> tuple[int, int]:
    quick = scale.transition_records < 10_000
    return (QUICK_MENTORS, QUICK_SESSIONS) if quick else (FULL_MENTORS, FULL_SESSIONS)


def _person(email, name, organisation, role):
    from allauth.mfa.models import Authenticator
    from allauth.mfa.utils import encrypt

    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=None, full_name=name)
        Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP,
                                     data={"secret": encrypt("JBSWY3DPEHPK3PXP")})
    membership, _created = Membership.objects.get_or_create(user=user, organisation=organisation)
    MembershipRole.objects.get_or_create(membership=membership, role=role)
    return user


@transaction.atomic
def seed_mentoring_programme(scale: Scale) -> str | None:
    if Organisation.objects.filter(name=PROGRAMME).exists():
        return None
    rng = random.Random(12)
    n_mentors, n_sessions = _sizes(scale)
    programme = Organisation.objects.create(name=PROGRAMME, kind=OrganisationKind.COMMUNITY, country="PT",
                                            city="Lisboa")
    _person(COORDINATOR_EMAIL, "Bench Coordinator", programme, Role.MENTORING_COORDINATOR)
    persona = _person(MENTOR_EMAIL, "Bench Mentor", programme, Role.MENTOR)
    today = timezone.localdate()
    mentors = []
    for number in range(n_mentors):
        stage = Stage.MATCHED if number == 0 else rng.choice(STAGES)
        mentors.append(Mentor(
            organisation=programme, user=persona if number == 0 else None, full_name=f"Mentor {number}",
            email=f"mentor{number}@bench.example", motivation="To help.", stage=stage,
            languages=", ".join(rng.sample(LANGUAGES, 2)), availability=rng.sample(Availability.values, 2),
            area=rng.choice(AREAS),
            travel_km=rng.choice([5, 10, 20, 40]), skills=", ".join(rng.sample(SKILLS, 3)),
            lived_experience=rng.random() < 0.2, capacity=rng.choice([1, 1, 2]),
            code_of_conduct_signed_on=today if stage in {Stage.AVAILABLE, Stage.MATCHED, Stage.PAUSED} else None,
            agreement_accepted_on=today if stage in {Stage.AVAILABLE, Stage.MATCHED, Stage.PAUSED} else None))
    Mentor.objects.bulk_create(mentors, batch_size=INSERT_BATCH)
    mentors = list(Mentor.objects.filter(organisation=programme).order_by("pk"))
    checks = []
    now = timezone.now()
    for mentor in mentors:
        if mentor.stage in {Stage.APPLICANT, Stage.EXITED}:
            continue
        for kind in (CheckKind.REFERENCE, CheckKind.REFERENCE, CheckKind.INTERVIEW, CheckKind.CRIMINAL_RECORD):
            expires = today + timedelta(days=rng.randint(-20, 700)) if kind == CheckKind.CRIMINAL_RECORD else None
            checks.append(VettingCheck(mentor=mentor, kind=kind, checked_on=today - timedelta(days=100),
                                       authority="Referee", expires_on=expires, entered_at=now,
                                       verified_at=now if mentor.stage != Stage.VETTING else None))
    VettingCheck.objects.bulk_create(checks, batch_size=INSERT_BATCH)
    matched = [m for m in mentors if m.stage == Stage.MATCHED]
    records = list(TransitionRecord.objects.order_by("pk").values_list("pk", flat=True)[:len(matched) + 200])
    mentees = [Mentee(organisation=programme, record_id=record_id, languages=", ".join(rng.sample(LANGUAGES, 2)),
                      area=rng.choice(AREAS), availability=rng.sample(Availability.values, 1),
                      interests=", ".join(rng.sample(SKILLS, 2)),
                      status=MenteeStatus.MATCHED if index < len(matched) else MenteeStatus.WAITING)
               for index, record_id in enumerate(records)]
    Mentee.objects.bulk_create(mentees, batch_size=INSERT_BATCH)
    mentees = list(Mentee.objects.filter(organisation=programme).order_by("pk"))
    matches = [Match(mentee=mentee, mentor=mentor, mentee_consent_on=today - timedelta(days=200),
                     decided_at=now - timedelta(days=200), explanation={})
               for mentee, mentor in zip(mentees, matched, strict=False)]
    Match.objects.bulk_create(matches, batch_size=INSERT_BATCH)
    match_ids = list(Match.objects.filter(mentee__organisation=programme).order_by("pk").values_list("pk", flat=True))
    sessions = [MentoringSession(match_id=match_ids[0] if i < 40 else rng.choice(match_ids),
                                 held_on=today - timedelta(days=rng.randint(0, 180)),
                                 duration_minutes=rng.choice([30, 45, 60, 90]), mode=rng.choice(SessionMode.values),
                                 notes="", logged_at=now) for i in range(n_sessions)] if match_ids else []
    MentoringSession.objects.bulk_create(sessions, batch_size=INSERT_BATCH)
    return f"{len(mentors)} mentors, {len(checks)} checks, {len(matches)} matches, {len(sessions)} sessions"


def seed(scale: Scale) -> bool:
    return run_steps(scale, [seed_mentoring_programme])


def dataset_summary() -> dict[str, int]:
    return {"mentors": Mentor.objects.count(), "mentoring_sessions": MentoringSession.objects.count()}


# --- who the endpoints are called as, and the values in their paths -----------------------------------------


def coordinator() -> User:
    return User.objects.get(email=COORDINATOR_EMAIL)


def matched_mentor() -> User:
    return User.objects.get(email=MENTOR_EMAIL)


def _bench_match() -> int:
    return Match.objects.filter(mentor__user__email=MENTOR_EMAIL).values_list("pk", flat=True).first()


def _waiting_mentee() -> int:
    return Mentee.objects.filter(organisation__name=PROGRAMME, status=MenteeStatus.WAITING).values_list(
        "pk", flat=True).order_by("pk").first()


MENTORING_COORDINATOR = "mentoring_coordinator"
MENTOR = "mentor"
PERSONAS: dict[str, Callable[[], User]] = {MENTORING_COORDINATOR: coordinator, MENTOR: matched_mentor}
PATH_VALUES: dict[str, Callable[[], object]] = {"bench_match": _bench_match, "bench_mentee": _waiting_mentee}

ENDPOINTS = [
    page("mentoring home · mentor", "/en/mentoring/", MENTOR),
    page("mentoring match · mentor", "/en/mentoring/matches/{bench_match}/", MENTOR),
    page("mentoring dashboard · coordinator", "/en/mentoring/", MENTORING_COORDINATOR),
    page("mentor pool · coordinator", "/en/mentoring/mentors/", MENTORING_COORDINATOR),
    page("match suggestions · coordinator", "/en/mentoring/mentees/{bench_mentee}/", MENTORING_COORDINATOR),
    api("API mentoring sessions · mentor", "/api/v1/mentoring-sessions/", MENTOR),
    api("API mentors · coordinator", "/api/v1/mentors/", MENTORING_COORDINATOR),
]
