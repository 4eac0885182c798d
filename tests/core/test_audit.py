"""The audit trail: append-only in the database, hash-chained, verifiable, tamper-evident."""

import importlib

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from integra.core import audit
from integra.core.audit_seal import seal
from integra.core.models import AuditCheckpoint, AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def checkpoint_dir(settings, tmp_path):
    """The database is rolled back after each test; the checkpoint file outside it must be too."""
    settings.AUDIT_CHECKPOINT_DIR = str(tmp_path / "audit-checkpoints")
    return tmp_path / "audit-checkpoints"


def _events(n=5):
    return [audit.record(action="core.test.event", object_type="test.thing", object_id=str(i),
                         purpose="testing", data={"i": i, "password": "secret"}) for i in range(n)]


def test_events_are_chained_and_verify():
    events = _events(3)
    assert [e.seq for e in events] == [events[0].seq, events[0].seq + 1, events[0].seq + 2]
    assert all(e.hash == e.compute_hash() for e in events)  # the tree, not a prev_hash, links them now
    report = audit.verify_chain()
    assert report.ok and report.checked == AuditEvent.objects.count()


def test_secrets_are_masked_in_event_data():
    event = _events(1)[0]
    assert event.data["password"] == "***"
    assert event.data["i"] == 0


def test_update_is_refused_by_the_database():
    event = _events(1)[0]
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(action="core.test.altered")
    assert AuditEvent.objects.get(pk=event.pk).action == "core.test.event"


def test_delete_is_refused_by_the_database():
    event = _events(1)[0]
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_verify_reports_an_altered_event(capsys):
    events = _events(5)
    _tamper(f"UPDATE core_auditevent SET purpose = 'nothing to see' WHERE seq = {events[2].seq}")
    report = audit.verify_chain()
    assert not report.ok
    assert report.first_broken_seq == events[2].seq
    assert "altered" in report.problem
    with pytest.raises(CommandError, match=f"#{events[2].seq}"):
        call_command("audit", "verify")


def test_verify_reports_a_deleted_event():
    events = _events(5)
    _tamper(f"DELETE FROM core_auditevent WHERE seq = {events[1].seq}")
    report = audit.verify_chain()
    assert not report.ok
    assert report.first_broken_seq == events[1].seq
    assert "missing" in report.problem


def test_verify_reports_a_cut_tail():
    events = _events(4)
    _tamper(f"DELETE FROM core_auditevent WHERE seq = {events[-1].seq}")
    report = audit.verify_chain()
    assert not report.ok
    assert report.first_broken_seq == events[-1].seq


def test_verify_reports_a_recomputed_but_relinked_event():
    """Someone rewrites a sealed event and recomputes its hash: the signed checkpoint no longer matches."""
    events = _events(4)
    seal()
    target = AuditEvent.objects.get(pk=events[1].seq)
    target.purpose = "rewritten"
    new_hash = target.compute_hash()
    _tamper(f"UPDATE core_auditevent SET purpose = 'rewritten', hash = '{new_hash}' WHERE seq = {events[1].seq}")
    report = audit.verify_chain()
    assert not report.ok
    assert report.checkpoint == AuditCheckpoint.objects.get().tree_size


def test_verify_command_succeeds_on_an_intact_chain(capsys):
    _events(3)
    call_command("audit", "verify")
    assert "intact" in capsys.readouterr().out


def test_checkpoint_covers_the_last_event():
    events = _events(2)
    checkpoint = seal()
    assert checkpoint.last_seq == events[-1].seq and checkpoint.tree_size == AuditEvent.objects.count()


def _tamper(sql: str):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_append_only")
            cursor.execute(sql)
            cursor.execute("ALTER TABLE core_auditevent ENABLE TRIGGER core_auditevent_append_only")
        else:
            triggers = importlib.import_module("integra.core.migrations.0002_audit_append_only")

            for statement in triggers.SQLITE_BACKWARD:
                cursor.execute(statement)
            cursor.execute(sql)
            for statement in triggers.SQLITE_FORWARD:
                cursor.execute(statement)
