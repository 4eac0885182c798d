"""Persistent database connections in the deployed settings (SQLite and PostgreSQL), checked before reuse."""

import importlib

import pytest


@pytest.mark.parametrize("url", ["sqlite:////tmp/integra-test.sqlite3", "postgres://u:p@db:5432/integra"])
def test_connections_persist_and_are_checked(monkeypatch, url):
    from integra.settings import base

    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.delenv("INTEGRA_CONN_MAX_AGE", raising=False)
    try:
        database = importlib.reload(base).DATABASES["default"]
        assert database["CONN_MAX_AGE"] == 600 and database["CONN_HEALTH_CHECKS"] is True
        monkeypatch.setenv("INTEGRA_CONN_MAX_AGE", "0")
        assert importlib.reload(base).DATABASES["default"]["CONN_MAX_AGE"] == 0
    finally:
        monkeypatch.undo()
        importlib.reload(base)
