"""In-process timing of the bench endpoints, one at a time, without a server or concurrent load: median and
p95 CPU milliseconds of this process (time.process_time, so other processes on a shared machine add
little noise) over N requests, queries per request, and optionally a cProfile of the slowest ones.

    BENCH_DATABASE_URL=sqlite:///$PWD/var/bench/quick.sqlite3 \\
        .venv/bin/python bench/inprocess.py [--only TEXT] [-n 30] [--profile 3] [--json out.json]

The database must be seeded first (`bench/run.py --quick --seed-only`). Useful on a shared machine where load
numbers are noise: this measures the CPU one request costs, which is what concurrency divides.
"""

import argparse
import cProfile
import io
import json
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default="", help="only the endpoints whose name contains this text")
    parser.add_argument("-n", type=int, default=30, help="measured requests per endpoint")
    parser.add_argument("--profile", type=int, default=0, help="cProfile the N slowest endpoints")
    parser.add_argument("--json", default="", help="write the results to this file")
    parser.add_argument("--sql", action="store_true", help="print the queries of each endpoint")
    options = parser.parse_args(argv)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench import seed
    from bench.credentials import Credentials

    settings.ALLOWED_HOSTS = ["*"]
    endpoints = [e for e in seed.ENDPOINTS if options.only.lower() in e.name.lower()]
    values = {name: value() for name, value in seed.PATH_VALUES.items()}
    endpoints = [e.resolved(values) for e in endpoints]
    credentials = Credentials()
    results = []

    clients = {}

    def request(endpoint, headers):
        # One client per endpoint, as one gunicorn worker loads its middleware once (WhiteNoise's start-up scan of
        # the static files would otherwise be measured on every request); its cookie jar is emptied each time.
        client = clients.setdefault(endpoint.name, Client(HTTP_HOST="127.0.0.1"))
        client.cookies.clear()
        response = client.get(endpoint.path, headers=headers)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        return response, body

    try:
        for endpoint in endpoints:
            headers = credentials.headers(endpoint)
            request(endpoint, headers)  # warm-up
            with CaptureQueriesContext(connection) as captured:
                response, body = request(endpoint, headers)
            queries = [query["sql"] for query in captured.captured_queries]
            times = []
            for _ in range(options.n):
                started = time.process_time()
                request(endpoint, headers)
                times.append((time.process_time() - started) * 1000)
            times.sort()
            row = {"name": endpoint.name, "status": response.status_code, "queries": len(queries),
                   "median_ms": round(statistics.median(times), 1),
                   "p95_ms": round(times[min(len(times) - 1, int(len(times) * 0.95))], 1),
                   "bytes": len(body), "path": endpoint.path}
            results.append(row)
            print(f"{row['name']:<42} {row['status']} q={row['queries']:<3} med {row['median_ms']:>7} ms"
                  f"  p95 {row['p95_ms']:>7} ms  {row['bytes']:>8} B", flush=True)
            if options.sql:
                for query in queries:
                    print("    ", query[:300])
        for row in sorted(results, key=lambda r: -r["median_ms"])[: options.profile]:
            endpoint = next(e for e in endpoints if e.name == row["name"])
            headers = credentials.headers(endpoint)
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(5):
                request(endpoint, headers)
            profiler.disable()
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(45)
            print(f"\n===== {row['name']} ({row['median_ms']} ms) =====")
            print(out.getvalue())
    finally:
        credentials.close()
    if options.json:
        Path(options.json).write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
