"""The whole API fuzzed against its own OpenAPI schema by schemathesis, with all its checks, on a live server with
the demo data (SQLite, and PostgreSQL when the suite runs on it): no 5xx, no answer outside the documented ones,
no body outside its schema, no invalid input accepted, no operation open without credentials that says it needs
them. A failure prints schemathesis' report, with a curl command that reproduces each failing request.

INTEGRA_CONTRACT_EXAMPLES (default 10) is the number of generated cases per operation and phase, and
INTEGRA_CONTRACT_SEED (default a fixed seed, so a CI run is reproducible) the seed; `random` draws one."""

import os
import subprocess
from pathlib import Path

import pytest

from .conftest import SCHEMATHESIS, TOKEN_HOLDERS

CONFIG = Path(__file__).with_name("schemathesis.toml")
EXAMPLES = os.environ.get("INTEGRA_CONTRACT_EXAMPLES", "10")
SEED = os.environ.get("INTEGRA_CONTRACT_SEED", "20261201")
RUN_TIMEOUT = 20 * 60


@pytest.mark.parametrize("holder", list(TOKEN_HOLDERS))
def test_the_api_keeps_its_schema_under_fuzzing(live_api, tmp_path, holder):
    if not SCHEMATHESIS.exists():
        pytest.fail(f"{SCHEMATHESIS} not found: install the test dependencies (make install-test)", pytrace=False)
    url, tokens, server_log = live_api
    token, paths = tokens[holder], TOKEN_HOLDERS[holder]
    seed = [] if SEED == "random" else ["--seed", SEED]
    only = ["--include-path-regex", paths] if paths else []
    command = [str(SCHEMATHESIS), "--config-file", str(CONFIG), "--no-color", "run", f"{url}/api/v1/schema/",
               "--header", f"Authorization: Bearer {token}", "--checks", "all", "--max-examples", EXAMPLES,
               *seed, *only, "--workers", "2", "--request-timeout", "30", "--request-retries", "2",
               # too_slow measures how fast Hypothesis generates data, which on a loaded CI machine says nothing
               # about the API; the other health checks (a schema no data can satisfy) stay on.
               "--suppress-health-check", "too_slow", "--generation-database", "none",
               "--report", "junit", "--report-dir", str(tmp_path)]
    # Run from the test's own folder: schemathesis keeps a cache (.schemathesis/) in the directory it starts in.
    result = subprocess.run(command, capture_output=True, text=True, timeout=RUN_TIMEOUT, cwd=tmp_path)
    # schemathesis' own summary (its errors and failures, each with a curl command) goes last, where a CI log
    # that keeps only the end of a failure still shows it.
    assert result.returncode == 0, (
        f"schemathesis found failures (exit {result.returncode})\n--- server log (end) ---\n"
        f"{server_log.read_text()[-3000:]}\n--- schemathesis ---\n{result.stderr[-3000:]}\n{result.stdout[-20000:]}")
