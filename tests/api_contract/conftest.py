"""A live INTEGRA server with the demo for the contract test, on the database the suite runs on: a throw-away
SQLite file by default, or — when DATABASE_URL names PostgreSQL — a fresh database next to the suite's own."""

import contextlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.conftest import _SCRUBBED_ENV, INTEGRA, REPO_DIR, _free_port, _integra, _require, _wait_for_health

CONTRACT_SETTINGS = "tests.api_contract.server_settings"
# Whose tokens the fuzzer uses: the demo's platform administrator (the most operations open to one person), and a
# case manager for the operations only a case team reaches (opening a record, referring, actions).
TOKEN_HOLDERS = {"admin@example.org": None,
                 "casemanager@example.org": "^/api/v1/(cases|referrals|actions|conferences|sharing-agreements)"}


def _fresh_postgres_database(url: str) -> str:
    """A new, empty database on the server of `url`, named after it; returns its URL."""
    import psycopg
    from psycopg import sql

    base, _, name = url.rpartition("/")
    name = (name.split("?")[0] or "integra") + "_contract"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return f"{base}/{name}"


@contextlib.contextmanager
def contract_server(var_dir: Path):
    _require(INTEGRA.exists(), f"{INTEGRA} not found: install the project (make install-test)")
    env = {k: v for k, v in os.environ.items() if k not in _SCRUBBED_ENV}
    env.update({"INTEGRA_VAR_DIR": str(var_dir), "DJANGO_SETTINGS_MODULE": CONTRACT_SETTINGS,
                "PYTHONUNBUFFERED": "1",
                "PYTHONPATH": os.pathsep.join(p for p in (str(REPO_DIR), env.get("PYTHONPATH", "")) if p)})
    database_url = os.environ.get("DATABASE_URL", "")
    if database_url.startswith(("postgres://", "postgresql://")):
        env["DATABASE_URL"] = _fresh_postgres_database(database_url)
    log_path = var_dir / "server.log"
    port = _free_port()
    with log_path.open("w") as log:
        _integra(env, log, "compiletranslations", "--verbosity", "0")
        _integra(env, log, "migrate", "--noinput")
        _integra(env, log, "demo")
        tokens = {email: subprocess.run([str(INTEGRA), "token", "create", email, "--days", "1", "--name", "contract"],
                                        env=env, cwd=REPO_DIR, capture_output=True, text=True, timeout=120,
                                        check=True).stdout.strip() for email in TOKEN_HOLDERS}
        process = subprocess.Popen([str(INTEGRA), "runserver", f"127.0.0.1:{port}", "--noreload"],
                                   env=env, cwd=REPO_DIR, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_for_health(f"{url}/healthz", process, log_path)
            yield url, tokens, log_path
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture(scope="module")
def live_api(tmp_path_factory):
    """(base URL, {e-mail: API token} of TOKEN_HOLDERS, the server's log)."""
    with contract_server(tmp_path_factory.mktemp("integra-contract")) as server:
        yield server


SCHEMATHESIS = Path(sys.executable).parent / "schemathesis"
