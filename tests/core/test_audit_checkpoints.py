"""Tampering by someone who can write every table: the signed checkpoints outside the database catch it."""

import json
import threading

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from integra.core import audit, audit_seal
from integra.core.models import AuditCheckpoint, AuditEvent

from .test_audit import _tamper, checkpoint_dir  # noqa: F401 (autouse fixture)

pytestmark = pytest.mark.django_db


def _events(n):
    return [audit.record(action="core.test.event", object_type="test.thing", object_id=str(i), purpose="testing")
            for i in range(n)]


def _rewrite_everything_from(seq: int, **changes):
    """The attack in the issue: triggers off, event changed, every hash since re-computed with the
    application's own function, and the database's own checkpoint rows removed."""
    events = list(AuditEvent.objects.filter(seq__gte=seq).order_by("seq"))
    for event in events:
        for field, value in changes.items() if event.seq == seq else ():
            setattr(event, field, value)
        event.hash = event.compute_hash()
        _tamper(f"UPDATE core_auditevent SET actor_label = '{event.actor_label}', hash = '{event.hash}' "
                f"WHERE seq = {event.seq}")
    AuditCheckpoint.objects.all().delete()


def test_a_good_trail_with_checkpoints_passes(capsys):
    _events(5)
    audit_seal.seal()
    _events(3)
    audit_seal.seal()
    _events(2)  # pending
    report = audit.verify_chain()
    assert report.ok, report.problem
    assert report.checked == AuditEvent.objects.count()
    call_command("audit", "verify")
    assert "intact" in capsys.readouterr().out
    assert audit_seal.read_verification()["ok"] is True


def test_checkpoint_root_follows_rfc_9162():
    leaves = [audit_seal.leaf_hash(i, "ab" * 32) for i in range(1, 8)]

    def mth(items):  # the recursive definition of RFC 9162 §2.1.1
        import hashlib
        if len(items) == 1:
            return items[0]
        k = 1 << ((len(items) - 1).bit_length() - 1)
        return hashlib.sha256(b"\x01" + mth(items[:k]) + mth(items[k:])).digest()

    tree = audit_seal.Tree()
    for count, leaf in enumerate(leaves, start=1):
        tree.append(leaf)
        assert tree.root() == mth(leaves[:count]).hex()


def test_a_rewritten_actor_with_every_hash_recomputed_fails_naming_the_checkpoint(checkpoint_dir):  # noqa: F811
    events = _events(8)
    audit_seal.seal()
    target = events[3]
    _rewrite_everything_from(target.seq, actor_label="someone.else@example.org")
    report = audit.verify_chain()
    assert not report.ok
    with pytest.raises(CommandError, match="checkpoint at tree size 8"):
        call_command("audit", "verify")
    assert audit_seal.read_verification()["ok"] is False


def test_a_rewrite_with_the_database_checkpoint_rebuilt_fails_against_the_file():
    events = _events(6)
    audit_seal.seal()
    _rewrite_everything_from(events[2].seq, actor_label="someone.else@example.org")
    audit_seal.seal()  # the attacker even seals the rewritten trail: the file keeps the old tree head
    report = audit.verify_chain()
    assert not report.ok and report.checkpoint == 6
    assert "checkpoint at tree size 6" in report.problem


def test_a_forged_checkpoint_line_fails_its_signature(checkpoint_dir):  # noqa: F811
    _events(3)
    audit_seal.seal()
    path = checkpoint_dir / audit_seal.CHECKPOINT_FILE
    entry = json.loads(path.read_text().splitlines()[0])
    entry["root_hash"] = "00" * 32
    path.write_text(json.dumps(entry) + "\n")
    report = audit.verify_chain()
    assert not report.ok and "signature" in report.problem


def test_a_deleted_sealed_event_fails_naming_the_checkpoint():
    events = _events(6)
    audit_seal.seal()
    _tamper(f"DELETE FROM core_auditevent WHERE seq = {events[2].seq}")
    report = audit.verify_chain()
    assert not report.ok and report.checkpoint == 6


def test_an_inserted_event_in_the_sealed_range_fails():
    events = _events(4)
    _tamper(f"DELETE FROM core_auditevent WHERE seq = {events[1].seq}")  # leave a hole to insert into
    audit_seal.seal()
    forged = AuditEvent(seq=events[1].seq, occurred_at=events[1].occurred_at, action="core.test.forged")
    forged.hash = forged.compute_hash()
    AuditEvent.objects.bulk_create([forged])
    report = audit.verify_chain()
    assert not report.ok and report.checkpoint == 3


def test_an_altered_pending_event_fails_naming_it():
    _events(3)
    audit_seal.seal()
    pending = _events(3)
    _tamper(f"UPDATE core_auditevent SET actor_label = 'x@example.org' WHERE seq = {pending[1].seq}")
    report = audit.verify_chain()
    assert not report.ok and report.first_broken_seq == pending[1].seq and "altered" in report.problem


def test_an_inserted_pending_event_without_the_key_fails():
    _events(2)
    forged = AuditEvent(occurred_at=AuditEvent.objects.first().occurred_at, action="core.test.forged")
    forged.hash = "ab" * 32  # the database alone cannot produce the keyed digest
    AuditEvent.objects.bulk_create([forged])
    report = audit.verify_chain()
    assert not report.ok and "altered" in report.problem


def test_a_deleted_pending_event_fails_naming_it():
    _events(2)
    audit_seal.seal()
    pending = _events(3)
    _tamper(f"DELETE FROM core_auditevent WHERE seq = {pending[1].seq}")
    report = audit.verify_chain()
    assert not report.ok and report.first_broken_seq == pending[1].seq and "missing" in report.problem


def test_seal_writes_one_signed_json_line_per_checkpoint(checkpoint_dir):  # noqa: F811
    _events(3)
    first = audit_seal.seal()
    assert audit_seal.seal() is None  # nothing pending
    _events(1)
    second = audit_seal.seal()
    lines = [json.loads(line) for line in (checkpoint_dir / audit_seal.CHECKPOINT_FILE).read_text().splitlines()]
    assert [line["tree_size"] for line in lines] == [first.tree_size, second.tree_size]
    assert all(audit_seal.signature_valid(line) for line in lines)
    assert set(lines[0]) == {"tree_size", "last_seq", "root_hash", "signed_at", "key_id", "signature"}


def test_seal_leaves_events_younger_than_the_settle_delay():
    _events(2)
    assert audit_seal.seal(settle_seconds=3600) is None


def test_seal_command(capsys):
    _events(2)
    call_command("audit", "seal")
    assert "Checkpoint signed" in capsys.readouterr().out


def test_an_append_is_one_insert_without_a_lock():
    _events(1)
    with CaptureQueriesContext(connection) as ctx:
        audit.record(action="core.test.event")
    statements = [q["sql"].upper() for q in ctx.captured_queries if not q["sql"].upper().startswith(("SAVEPOINT",
                                                                                                     "RELEASE"))]
    assert len(statements) == 1 and statements[0].startswith("INSERT"), statements
    assert not any("FOR UPDATE" in s for s in statements)


@pytest.mark.django_db(transaction=True)
def test_appends_from_two_threads_do_not_wait_for_each_other():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises every writer; the point is PostgreSQL's row locks")
    holding, release, done = threading.Event(), threading.Event(), threading.Event()
    errors = []

    def slow_writer():
        from django.db import transaction
        try:
            with transaction.atomic():
                audit.record(action="core.test.slow")
                holding.set()
                release.wait(10)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    def quick_writer():
        try:
            audit.record(action="core.test.quick")
            done.set()
        except Exception as error:  # pragma: no cover
            errors.append(error)
        finally:
            connections.close_all()

    slow = threading.Thread(target=slow_writer)
    slow.start()
    assert holding.wait(10)
    quick = threading.Thread(target=quick_writer)
    quick.start()
    finished_while_the_other_was_open = done.wait(5)
    release.set()
    slow.join(10)
    quick.join(10)
    assert not errors, errors
    assert finished_while_the_other_was_open


def test_checkpoint_page_shows_checkpoints_and_last_verification_to_the_dpo(dpo, count_queries):
    from django.urls import reverse

    from tests.conftest import signed_in

    _events(3)
    checkpoint = audit_seal.seal()
    _events(2)
    call_command("audit", "verify")
    client = signed_in(dpo)
    response = client.get(reverse("core:audit_checkpoints"))
    assert response.status_code == 200
    body = response.content.decode()
    pending = AuditEvent.objects.filter(seq__gt=checkpoint.last_seq).count()  # signing in is audited too
    assert checkpoint.root_hash in body and "Intact" in body and f"{pending} events wait" in body
    n1, _ = count_queries(lambda: client.get(reverse("core:audit_checkpoints")))
    _events(3)
    audit_seal.seal()
    n2, _ = count_queries(lambda: client.get(reverse("core:audit_checkpoints")))
    assert n1 == n2
    assert reverse("core:audit_checkpoints") in client.get(reverse("core:audit")).content.decode()


def test_checkpoint_page_is_refused_to_a_plain_member(member):
    from django.urls import reverse

    from tests.conftest import signed_in

    assert signed_in(member).get(reverse("core:audit_checkpoints")).status_code == 403
    assert reverse("core:audit_checkpoints") not in signed_in(member).get(reverse("core:audit")).content.decode()


def test_events_written_by_the_old_hash_chain_still_verify_and_seal():
    from django.utils import timezone

    from integra.core.models import audit_hash

    previous = "0" * 64
    rows = []
    for seq in (1, 2):
        fields = dict(seq=seq, occurred_at=timezone.now(), actor_id=None, actor_label="", organisation_id=None,
                      action="core.test.legacy", object_type="", object_id="", purpose="", ip_address=None,
                      user_agent="", data={}, prev_hash=previous)
        previous = audit_hash(**fields)
        rows.append(AuditEvent(hash=previous, **fields))
    AuditEvent.objects.bulk_create(rows)
    if connection.vendor == "postgresql":  # as migration 0004 does for the rows it finds
        with connection.cursor() as cursor:
            cursor.execute("SELECT setval(pg_get_serial_sequence('core_auditevent', 'seq'), MAX(seq)) "
                           "FROM core_auditevent")
    _events(2)
    assert audit.verify_chain().ok
    audit_seal.seal()
    assert audit.verify_chain().ok
    _tamper("UPDATE core_auditevent SET purpose = 'rewritten' WHERE seq = 1")
    assert audit.verify_chain().first_broken_seq == 1


def test_a_seal_is_queued_after_commit_once_enough_events_are_pending(settings, django_capture_on_commit_callbacks):
    settings.AUDIT_SEAL_BATCH = 3
    audit._pending_since_seal = 0
    with django_capture_on_commit_callbacks(execute=True):
        _events(3)  # the immediate task backend seals at once
    assert AuditCheckpoint.objects.get().tree_size == AuditEvent.objects.count()
