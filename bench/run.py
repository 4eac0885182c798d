"""`make bench`: seed a large dataset into a separate database, serve it with gunicorn, and measure p50/p95
latency, throughput and queries per request under concurrent load of the endpoints each app declares next to
its seeding (ENDPOINTS in bench/seed/<app>.py).

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

    from bench import pairs, report, seed
    from bench.credentials import Credentials
    from bench.load import generate_load
    from bench.server import THREADS, WORKERS, running_gunicorn
    from integra.core.audit import verify_chain

    endpoints = [endpoint for endpoint in seed.ENDPOINTS if options.only.lower() in endpoint.name.lower()]
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
            paired = pairs.measure(port=port, endpoints=endpoints, headers=headers, requests=options.requests,
                                   concurrency=options.concurrency, warmup=options.warmup)
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
        "paired": paired,
    }
    json_path, markdown_path = report.write_results(bench_dir, "results-quick" if options.quick else "results",
                                                    run, measured)
    pairs.append_markdown(markdown_path, paired)
    print()
    print(report.text_table(measured))
    for row in paired:
        print(pairs.describe(row))
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
