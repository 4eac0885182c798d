"""What the apps' seeding shares: the sizes of the dataset (FULL, or QUICK to check the harness), running an
app's seed functions, bulk-insert checks, random draws, and the names and places people and organisations get.

A new app adds its sizes to Scale, with a value in FULL and in QUICK, rather than keeping sizes of its own:
the one --quick switch then shrinks every app's records together.
"""

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

INSERT_BATCH = 2_000  # rows per INSERT (Django lowers it where the database takes fewer parameters at once)


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
    practices: int = 2_000  # integra.practices: published practices in the search index
    study_transcripts: int = 20  # coded transcripts of the benchmark study
    admin_every: int = 5  # one organisation in five has an administrator: a few hundred at full scale
    invitations_per_organisation: int = 3
    notifications_per_user: int = 2
    second_factor_share: float = 0.85  # of the people whose roles require one


FULL = Scale(organisations=2_000, users=50_000, audit_events=1_000_000, platform_admins=8,
             transition_records=100_000, agreement_owners=60, caseload_records=600,
             cohort_learners=1_000, course_modules=10, event_registrations=300, event_places=35,
             practices=20_000, study_transcripts=200)
QUICK = Scale(organisations=200, users=2_000, audit_events=20_000, platform_admins=3,
              transition_records=2_000, agreement_owners=12, caseload_records=300,
              cohort_learners=100, course_modules=4, event_registrations=100, event_places=12)


# --- seed functions and bulk inserts ------------------------------------------------------------------------


def run_steps(scale: Scale, steps: list[Callable[[Scale], str | None]]) -> bool:
    """Run an app's seed functions in order, one line each on the terminal; return whether any created rows.

    Every seed function tops its table up to the target of the Scale and returns what it created, or None when
    the rows were already there: seeding is idempotent, and an interrupted run resumes where it stopped."""
    created = False
    for step in steps:
        started = time.monotonic()
        outcome = step(scale)
        created |= outcome is not None
        name = step.__name__.removeprefix("seed_").replace("_", " ")
        print(f"  {name:<20} {outcome or 'present'} [{time.monotonic() - started:.1f} s]", flush=True)
    return created


def require_primary_keys(objects: list) -> None:
    if objects and objects[-1].pk is None:
        raise RuntimeError("bulk_create did not return primary keys: use PostgreSQL or SQLite 3.35 or later.")


# --- random draws and moments -------------------------------------------------------------------------------
#
# Values come from random generators with fixed seeds (each seed function makes its own, named after what it
# seeds and how far it got): the same scale builds the same dataset.


def weighted(rng: random.Random, weights: dict):
    """One key of `weights`, drawn in proportion to its value."""
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def day_at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def between(rng: random.Random, start: datetime, end: datetime) -> datetime:
    return start + (end - start) * rng.random() if end > start else start


# --- names and places ---------------------------------------------------------------------------------------

FIRST_NAMES = ["Anna", "Luca", "Maria", "Jonas", "Elena", "Pierre", "Sofia", "Mateus", "Eva", "Nikos", "Ines",
               "Tomasz", "Clara", "Georgi", "Marta", "Jan", "Lea", "Ivan", "Giulia", "Rui", "Sara", "Mihai",
               "Chloé", "Dimitra", "Oskar", "Laura", "Paulo", "Katarina", "Hugo", "Aino"]
LAST_NAMES = ["Martin", "Rossi", "Silva", "Müller", "Papadopoulou", "Dubois", "Petrov", "Novak", "García",
              "Jansen", "Kowalski", "Costa", "Ferrari", "Dimitrova", "Leroy", "Nieminen", "Horvat", "Popescu",
              "Andersson", "Murphy", "Schmidt", "Romano", "Ferreira", "Georgiou", "Moreau", "Bianchi", "Santos",
              "Ivanova", "Wagner", "Kovač"]
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
