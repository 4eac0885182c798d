"""A live INTEGRA server with the demo for the contract test, on the database the suite runs on: a throw-away
SQLite file by default, or — when DATABASE_URL names PostgreSQL — a fresh database next to the suite's own."""

import contextlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.conftest import INTEGRA, REPO_DIR, integra_server

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
    overrides = {"PYTHONPATH": os.pathsep.join(p for p in (str(REPO_DIR), os.environ.get("PYTHONPATH", "")) if p)}
    database_url = os.environ.get("DATABASE_URL", "")
    if database_url.startswith(("postgres://", "postgresql://")):
        overrides["DATABASE_URL"] = _fresh_postgres_database(database_url)
    tokens: dict[str, str] = {}

    def create_tokens(env: dict) -> None:
        for email in TOKEN_HOLDERS:
            tokens[email] = subprocess.run(
                [str(INTEGRA), "token", "create", email, "--days", "1", "--name", "contract"], env=env, cwd=REPO_DIR,
                capture_output=True, text=True, timeout=120, check=True).stdout.strip()

    with integra_server(var_dir, settings_module=CONTRACT_SETTINGS, env_overrides=overrides,
                        prepare=create_tokens) as url:
        yield url, tokens, var_dir / "server.log"


@pytest.fixture(scope="module")
def live_api(tmp_path_factory):
    """(base URL, {e-mail: API token} of TOKEN_HOLDERS, the server's log)."""
    with contract_server(tmp_path_factory.mktemp("integra-contract")) as server:
        yield server


SCHEMATHESIS = Path(sys.executable).parent / "schemathesis"
