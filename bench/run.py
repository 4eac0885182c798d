"""`make bench`: seed a large dataset into a separate database, serve it with gunicorn, and measure p50/p95
latency, throughput and queries per request of the endpoints below under concurrent load.

    .venv/bin/python bench/run.py                 # full dataset in var/bench/bench.sqlite3 (seeded once)
    .venv/bin/python bench/run.py --quick         # small dataset in var/bench/quick.sqlite3: checks the harness
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/integra_bench .venv/bin/python bench/run.py
    .venv/bin/python bench/run.py --only audit    # only the endpoints whose name contains "audit"

Exits non-zero when a request does not answer 200; latencies over the target are flagged, never fatal.
"""

import argparse
import os
import signal
import sys
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

if __package__ in (None, ""):  # run as `python bench/run.py` (the Makefile): make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.endpoints import api, page, public  # noqa: E402

# Personas (see PERSONAS in bench/seed.py): a platform administrator; the administrator of a median-sized
# organisation, what most administrators see; the administrator of the largest one (1,400 members at full
# scale), where counting members and reading the audit trail cost the most; a case manager of the largest
# prison or probation organisation who leads 600 of the 100,000 transition records (300 of 2,000 with --quick).
ORG_ADMIN, LARGE_ORG_ADMIN, PLATFORM_ADMIN = "org_admin", "org_admin_large", "platform_admin"
CASE_MANAGER = "case_manager"
# integra.learning: the trainer of a cohort of 1,000 learners (100 with --quick) of a 50-lesson course (20), and
# one of its learners, halfway through. integra.events: the organiser of a five-day training week.
TRAINER, LEARNER, EVENT_ORGANISER = "trainer", "learner", "event_organiser"
COHORT = "/en/learning/cohorts/{bench_cohort}/"
EVENT = "/en/events/{bench_event}/"
# A transition record the case manager leads, with a full team, notes, actions and referrals (resolved after
# seeding: see PATH_VALUES in bench/seed.py).
RECORD = "/en/cases/{showcase_record}/"
API_RECORD = "/api/v1/cases/{showcase_record}/"

# What is measured, one line per endpoint: page(name, path, persona) signs in with a session cookie,
# api(name, path, persona) sends a read-only personal access token, public(name, path) is anonymous.
ENDPOINTS = [
    public("bare view (baseline)", "/bench/bare/"),
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
    page("caseload · case manager", "/en/cases/", CASE_MANAGER),
    page("caseload · page 10", "/en/cases/?page=10", CASE_MANAGER),
    page("caseload · search by reference", "/en/cases/?q=TR-B-0001", CASE_MANAGER),
    # Each view of a record is an audit event (reads of sensitive records are audited): measured with it.
    page("record · audited view", RECORD, CASE_MANAGER),
    page("record timeline", RECORD + "timeline/", CASE_MANAGER),
    page("dashboard · case manager", "/en/dashboard/", CASE_MANAGER),
    page("referrals · case manager", "/en/referrals/", CASE_MANAGER),
    page("actions · case manager", "/en/actions/", CASE_MANAGER),
    api("API cases · case manager", "/api/v1/cases/", CASE_MANAGER),
    api("API case timeline · case manager", API_RECORD + "timeline/", CASE_MANAGER),
    api("API referrals · case manager", "/api/v1/referrals/", CASE_MANAGER),
    api("API actions · case manager", "/api/v1/actions/", CASE_MANAGER),
    page("learning home · learner", "/en/learning/", LEARNER),
    page("course page · learner", "/en/learning/courses/{bench_course}/", LEARNER),
    # Opening a lesson records it as the learner's last lesson (an UPDATE): measured with it.
    page("lesson page · learner", "/en/learning/lessons/{learner_lesson}/", LEARNER),
    page("cohort grid · trainer", COHORT, TRAINER),
    page("cohort grid CSV · trainer", COHORT + "?format=csv", TRAINER),  # a streaming response
    api("API courses · trainer", "/api/v1/courses/", TRAINER),
    api("API enrolments · trainer", "/api/v1/enrolments/", TRAINER),
    public("event agenda · public", EVENT + "agenda/"),
    page("event registrations · organiser", EVENT + "registrations/", EVENT_ORGANISER),
    page("participants CSV · organiser", EVENT + "registrations/?format=csv", EVENT_ORGANISER),  # streaming
    api("API event agenda · organiser", "/api/v1/events/{bench_event}/agenda/", EVENT_ORGANISER),
    public("API agenda.ics · public", "/api/v1/events/{bench_event}/agenda.ics"),
    public("healthz", "/healthz"),
]


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="small dataset in its own database and 50 requests per endpoint (about a minute)")
    parser.add_argument("--concurrency", type=int, default=8, help="simultaneous connections (default 8)")
    parser.add_argument("--requests", type=int, help="measured requests per endpoint (default 200, 50 with --quick)")
    parser.add_argument("--warmup", type=int, default=20, help="unmeasured requests per endpoint first (default 20)")
    parser.add_argument("--only", default="", help="only the endpoints whose name contains this text")
    parser.add_argument("--seed-only", action="store_true", help="prepare and seed the database, then stop")
    parser.add_argument("--verify-chain", action="store_true",
                        help="walk the whole audit hash chain after seeding (slow on the full dataset)")
    options = parser.parse_args(argv)
    options.requests = options.requests or (50 if options.quick else 200)
    if options.concurrency < 1 or options.requests < 1 or options.warmup < 0:
        parser.error("--concurrency and --requests must be at least 1, --warmup at least 0")
    return options


def resolve_database_url(quick: bool) -> str:
    """BENCH_DATABASE_URL, or var/bench/bench.sqlite3. --quick uses a database of its own next to it, so
    the small dataset never mixes with the large one."""
    import dj_database_url

    from integra.settings.base import VAR_DIR  # plain settings: reads the environment, creates nothing

    configured = os.environ.get("BENCH_DATABASE_URL", "")
    if not configured:
        return f"sqlite:///{VAR_DIR / 'bench' / ('quick.sqlite3' if quick else 'bench.sqlite3')}"
    if not quick:
        return configured
    if dj_database_url.parse(configured)["ENGINE"] == "django.db.backends.sqlite3":
        path = Path(dj_database_url.parse(configured)["NAME"]).resolve()
        return f"sqlite:///{path.with_name(f'{path.stem}-quick{path.suffix}')}"
    parts = urlsplit(configured)  # a server: the same one, database name + "_quick"
    return urlunsplit(parts._replace(path=f"{parts.path.rstrip('/')}_quick"))


def count_queries(endpoint, headers) -> tuple[int | None, list[str]]:
    """Queries of one request in-process, after a warm-up request (first-use caches, once-a-minute writes).
    Each request gets a new Client: a client's cookie jar would otherwise send an earlier response's
    session cookie along with the next endpoint's token, or with an anonymous request. A streaming response
    (a CSV export) runs its queries while its body is produced: the body is read to the end, as the load does."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    def request():
        response = Client(HTTP_HOST="127.0.0.1").get(endpoint.path, headers=headers)
        if response.streaming:  # read to the end, which also closes it as the server would
            b"".join(response.streaming_content)
        return response

    try:
        request()
        with CaptureQueriesContext(connection) as captured:
            response = request()
    except Exception:  # shown, and the run fails
        return None, [f"in-process: {traceback.format_exc(limit=3).strip().splitlines()[-1]}"]
    if response.status_code != 200:
        where = f" → {response['Location']}" if response.has_header("Location") else ""
        return len(captured), [f"in-process HTTP {response.status_code}{where}"]
    return len(captured), []


def _stop_on_sigterm(signum, frame):
    raise SystemExit(128 + signum)  # unwinds through the finally blocks that stop gunicorn


def main(argv=None) -> int:
    options = parse_arguments(argv)
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    database_url = resolve_database_url(options.quick)
    # Forced, not defaulted: a DJANGO_SETTINGS_MODULE left in the shell must not point the run elsewhere.
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ["BENCH_DATABASE_URL"] = database_url

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    from bench import report, seed
    from bench.credentials import Credentials
    from bench.load import generate_load
    from bench.server import THREADS, WORKERS, running_gunicorn
    from integra.core.audit import verify_chain

    endpoints = [endpoint for endpoint in ENDPOINTS if options.only.lower() in endpoint.name.lower()]
    if not endpoints:
        print(f"No endpoint name contains {options.only!r}.", file=sys.stderr)
        return 2
    scale = seed.QUICK if options.quick else seed.FULL
    database_name = str(settings.DATABASES["default"]["NAME"])
    bench_dir = Path(settings.BENCH_DIR)
    started = time.monotonic()

    print(f"Database: {connection.vendor} {database_name}")
    seed.prepare_database()
    print("Seeding (skipped where the rows are present):")
    if seed.seed(scale):
        seed.analyse_if_postgres()
    if options.verify_chain:
        chain = verify_chain()
        print(f"Audit chain: {chain.checked:,} events checked, " + ("valid" if chain.ok else chain.problem))
        if not chain.ok:
            return 1
    dataset = seed.dataset_summary()
    if any(endpoint.placeholders for endpoint in endpoints):
        values = {name: value() for name, value in seed.PATH_VALUES.items()}
        endpoints = [endpoint.resolved(values) for endpoint in endpoints]
    if options.seed_only:
        print(f"Seeded: {dataset}")
        return 0

    credentials = Credentials()
    measured = []
    try:
        headers = {endpoint: credentials.headers(endpoint) for endpoint in endpoints}
        for persona, user in credentials.users.items():
            print(f"Persona {persona}: {user.email}")

        print("Counting queries in-process…")
        queries = {endpoint: count_queries(endpoint, headers[endpoint]) for endpoint in endpoints}
        connection.close()  # the server's workers get the database to themselves

        print(f"Load: gunicorn {WORKERS}×{THREADS} gthread, concurrency {options.concurrency}, "
              f"{options.warmup} warm-up + {options.requests} requests per endpoint")
        log_path = bench_dir / ("gunicorn-quick.log" if options.quick else "gunicorn.log")
        with running_gunicorn(database_url=database_url, log_path=log_path) as port:
            for endpoint in endpoints:
                common = dict(port=port, path=endpoint.path, headers=headers[endpoint],
                              concurrency=options.concurrency)
                warmup = generate_load(requests=options.warmup, **common) if options.warmup else None
                load = generate_load(requests=options.requests, **common)
                query_count, failures = queries[endpoint]
                failures = failures + (warmup.failures if warmup else []) + load.failures
                measured.append(report.endpoint_row(endpoint, load, query_count, failures))
                row = measured[-1]
                print(f"  {endpoint.name:<38} p50 {row['p50_ms']} ms · p95 {row['p95_ms']} ms"
                      + (f" · {len(failures)} failed: {failures[0]}" if failures else ""), flush=True)
    finally:
        credentials.close()

    run = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "quick": options.quick,
        "database": {"vendor": connection.vendor, "name": database_name},
        "dataset": dataset,
        "server": f"gunicorn, {WORKERS} workers × {THREADS} threads (gthread), DEBUG off",
        "load": {"concurrency": options.concurrency, "warmup": options.warmup, "requests": options.requests},
        "duration_s": round(time.monotonic() - started, 1),
    }
    json_path, markdown_path = report.write_results(bench_dir, "results-quick" if options.quick else "results",
                                                    run, measured)
    print()
    print(report.text_table(measured))
    print()
    over = [row["name"] for row in measured if row["over_target"]]
    failed = [row for row in measured if row["failures"]]
    print(f"p95 over {report.TARGET_P95_MS:.0f} ms: {', '.join(over) if over else 'none'}")
    print(f"Results: {json_path} and {markdown_path} ({run['duration_s']:.0f} s)")
    if failed:
        print(f"FAILED: {len(failed)} endpoint(s) did not always answer 200.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
