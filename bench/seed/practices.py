"""integra.practices: a collection of published practices in six languages (with their search index) and one
study with many coded transcripts; the public search and facet pages, the API search, and the study team's
coding and frequency pages measured.

Rows are written directly (practice_create writes a version, an audit event and the index one practice at a
time); the search index is filled in bulk through `practices.search` so both databases index what the services
would."""

import random
from collections.abc import Callable
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone, translation

from integra.core.models import Membership, MembershipRole, Organisation
from integra.core.roles import Role
from integra.practices import search
from integra.practices.models import (
    Audience,
    Code,
    Coding,
    ConsentSheet,
    EvidenceLevel,
    Participant,
    Practice,
    ResearchSession,
    SearchEntry,
    Setting,
    Study,
    StudyMember,
    Theme,
    Transcript,
)

from ..endpoints import page, public
from .common import INSERT_BATCH, Scale, require_primary_keys, run_steps

User = get_user_model()

LEAD_EMAIL = "bench-researcher@example.org"
STUDY_TITLE = "Benchmark study of release interviews"
COUNTRIES = ["FR", "BG", "IT", "PT", "GR"]
WORDS = {
    "en": ["prevention", "mentoring", "release", "family", "probation", "prison", "community", "trust", "work"],
    "fr": ["prévention", "réinsertion", "détenus", "famille", "sortie", "éducation", "confiance", "médiation"],
    "bg": ["превенция", "затвор", "пробация", "семейство", "наставник", "общност", "доверие"],
    "it": ["prevenzione", "carcere", "famiglia", "reinserimento", "comunità", "fiducia", "mediazione"],
    "pt": ["prevenção", "reinserção", "prisão", "família", "comunidade", "confiança", "mentoria"],
    "el": ["πρόληψη", "φυλακή", "οικογένεια", "κοινότητα", "εμπιστοσύνη", "ριζοσπαστικοποίηση", "επανένταξη"],
}
CODES = ["Trust", "Housing", "Information sharing", "Family", "Work", "Mentors", "Stigma", "Faith"]


def _lead() -> User:
    user = User.objects.filter(email=LEAD_EMAIL).first()
    if user is None:
        user = User.objects.create_user(email=LEAD_EMAIL, password=None, full_name="Bench Researcher")
        organisation = Organisation.objects.order_by("id").first()
        membership = Membership.objects.create(user=user, organisation=organisation)
        MembershipRole.objects.create(membership=membership, role=Role.RESEARCHER)
    return user


def _sentence(rng: random.Random, language: str, length: int = 14) -> str:
    return " ".join(rng.choice(WORDS[language] + WORDS["en"]) for _ in range(length)).capitalize() + "."


def seed_practices(scale: Scale) -> str | None:
    present = Practice.objects.count()
    if present >= scale.practices:
        return None
    rng = random.Random(f"practices-{present}")
    owner = _lead()
    now = timezone.now()
    created = 0
    with translation.override("en"):
        while present + created < scale.practices:
            batch = []
            for i in range(min(INSERT_BATCH, scale.practices - present - created)):
                other = rng.choice(["fr", "bg", "it", "pt", "el"])
                fields = {"name_en": f"Practice {present + created + i}: {_sentence(rng, 'en', 4)}",
                          f"name_{other}": _sentence(rng, other, 4), "description_en": _sentence(rng, "en", 40),
                          f"description_{other}": _sentence(rng, other, 40),
                          "prevention_link_en": _sentence(rng, "en", 12)}
                batch.append(Practice(
                    **fields, organisation_name=rng.choice(["KEMEA", "IPS_Innovative Prison Systems",
                                                            "Center for the Study of Democracy"]),
                    owner=owner, organisation_id=None, status=Practice.Status.PUBLISHED,
                    label=rng.choice([Practice.Label.INSPIRING, Practice.Label.PEER_REVIEWED]),
                    settings=rng.sample(Setting.values, rng.randint(1, 3)),
                    themes=rng.sample(Theme.values, rng.randint(1, 3)),
                    target_audiences=rng.sample(Audience.values, rng.randint(1, 3)),
                    countries=rng.sample(COUNTRIES, rng.randint(1, 2)), languages=["en", other],
                    evidence_level=rng.choice(EvidenceLevel.values),
                    updated_at=now - timedelta(days=rng.randint(0, 900)), published_at=now))
            with transaction.atomic():
                Practice.objects.bulk_create(batch, batch_size=INSERT_BATCH)
                require_primary_keys(batch)
                entries = [SearchEntry(practice=p, document=search.document_for(p)) for p in batch]
                SearchEntry.objects.bulk_create(entries, batch_size=INSERT_BATCH)
                if connection.vendor == "sqlite":
                    search.ensure_index_table()
                    with connection.cursor() as cursor:
                        cursor.executemany(f"INSERT INTO {search.FTS_TABLE} (rowid, document) VALUES (%s, %s)",  # noqa: S608
                                           [(e.practice_id, e.document) for e in entries])
            created += len(batch)
    return f"{created} practices"


def seed_study(scale: Scale) -> str | None:
    study = Study.objects.filter(title=STUDY_TITLE).first()
    present = study.sessions.count() if study else 0
    if present >= scale.study_transcripts:
        return None
    rng = random.Random(f"study-{present}")
    lead = _lead()
    with transaction.atomic():
        if study is None:
            study = Study.objects.create(title=STUDY_TITLE, research_questions="What helps after release?",
                                         retention_until=date.today() + timedelta(days=3650),
                                         organisation=Membership.objects.filter(user=lead).first().organisation,
                                         created_by=lead)
            StudyMember.objects.create(study=study, user=lead, role=StudyMember.Role.LEAD)
            ConsentSheet.objects.create(study=study, version=1, information="About.", consent_text="I agree.")
            theme = Code.objects.create(study=study, name="Themes", is_theme=True)
            Code.objects.bulk_create([Code(study=study, parent=theme, name=name) for name in CODES])
        sheet = study.consent_sheets.first()
        codes = list(study.codes.exclude(parent=None))
        for number in range(present, scale.study_transcripts):
            session = ResearchSession.objects.create(study=study, kind=rng.choice(["interview", "focus_group"]),
                                                     date=date(2020, 1, 1) + timedelta(days=number % 300),
                                                     facilitator="F", label=f"S-{number}")
            people = Participant.objects.bulk_create([
                Participant(session=session, code=f"P{k:02d}", consent_sheet=sheet, consent_given_on=session.date,
                            role_category=rng.choice(Participant.RoleCategory.values)) for k in range(1, 4)])
            turns = [f"{rng.choice(people).code}: {_sentence(rng, 'en', 20)}" for _ in range(30)]
            text = "\n".join(turns)
            transcript = Transcript.objects.create(session=session, text=text)
            codings = []
            for _ in range(20):
                start = rng.randrange(0, len(text) - 40)
                codings.append(Coding(transcript=transcript, code=rng.choice(codes), start=start, end=start + 40,
                                      snippet=text[start:start + 40], participant=rng.choice(people), coder=lead))
            Coding.objects.bulk_create(codings)
    return f"{scale.study_transcripts - present} transcripts"


def seed(scale: Scale) -> bool:
    return run_steps(scale, [seed_practices, seed_study])


def dataset_summary() -> dict[str, int]:
    return {"practices": Practice.objects.count(), "study_codings": Coding.objects.count()}


def _study() -> Study:
    study = Study.objects.filter(title=STUDY_TITLE).first()
    if study is None:
        raise RuntimeError("The benchmark study is missing: seeding did not run to the end.")
    return study


RESEARCHER = "researcher"
PERSONAS: dict[str, Callable[[], User]] = {RESEARCHER: _lead}
PATH_VALUES: dict[str, Callable[[], object]] = {
    "bench_study": lambda: _study().pk, "bench_session": lambda: _study().sessions.order_by("id").first().pk}

ENDPOINTS = [
    public("practices search · public", "/en/practices/?q=prevention"),
    public("practices facets · public", "/en/practices/?setting=prison&theme=mentoring&country=FR"),
    public("API practices search · public", "/api/v1/practices/search/?q=reinsercao&setting=community"),
    page("study coding page · researcher", "/en/studies/{bench_study}/sessions/{bench_session}/", RESEARCHER),
    page("code frequencies · researcher", "/en/studies/{bench_study}/frequencies/", RESEARCHER),
]
