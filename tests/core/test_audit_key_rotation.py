"""Rotating the audit key: the past still verifies with the retired key, and a leaked retired key can add
nothing after its retirement — neither an event nor a checkpoint."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from integra.core import audit, audit_seal
from integra.core.models import AuditCheckpoint, AuditEvent

from .test_audit import _tamper, checkpoint_dir  # noqa: F401 (autouse fixture)

pytestmark = pytest.mark.django_db

NEW_KEY = audit_seal.generate_key()


def _events(n, label="core.test.event"):
    return [audit.record(action=label, object_type="test.thing", object_id=str(i), purpose="testing")
            for i in range(n)]


@pytest.fixture
def old_key(settings):
    return settings.INTEGRA_AUDIT_KEY


@pytest.fixture
def rotated(settings, old_key):
    """Five events sealed and two pending under the old key, then the new key put first and rotated."""
    _events(5)
    audit_seal.seal(settle_seconds=0)
    _events(2)
    settings.INTEGRA_AUDIT_KEY = f"{NEW_KEY},{old_key}"
    checkpoint = audit.rotate_key()
    return checkpoint


def test_rotation_keeps_the_past_verifiable_and_signs_with_the_new_key(rotated, settings, old_key):
    new_id, old_id = (key.key_id for key in audit_seal.keyring())
    assert rotated.key_id == new_id and rotated.tree_size == AuditEvent.objects.count() == 8
    event = AuditEvent.objects.get(action=audit.KEY_ROTATED)
    assert event.data == {"current": new_id, "retired": [old_id]}  # ids, never the keys
    _events(3)  # written with the new key
    report = audit.verify_chain()
    assert report.ok and report.checked == 11, report.problem


def test_an_event_added_with_the_retired_key_after_rotation_is_refused(rotated, settings, old_key):
    stolen = audit_seal.keyring()[1]
    forged = AuditEvent(occurred_at=AuditEvent.objects.last().occurred_at, action="core.test.forged")
    forged.hash = audit_seal.event_digest(
        occurred_at=forged.occurred_at, actor_id=None, actor_label="", organisation_id=None, action=forged.action,
        object_type="", object_id="", purpose="", ip_address=None, user_agent="", data={}, key=stolen)
    AuditEvent.objects.bulk_create([forged])
    report = audit.verify_chain()
    retired_at = AuditEvent.objects.get(action=audit.KEY_ROTATED).seq
    assert not report.ok and report.first_broken_seq == forged.seq
    assert f"retired at event #{retired_at}" in report.problem


def test_a_checkpoint_signed_with_the_retired_key_after_rotation_is_refused(rotated, settings, old_key):
    _events(2)
    settings.INTEGRA_AUDIT_KEY = f"{old_key},{NEW_KEY}"  # the thief seals with the stolen key
    stolen_checkpoint = audit_seal.seal(settle_seconds=0)
    settings.INTEGRA_AUDIT_KEY = f"{NEW_KEY},{old_key}"
    report = audit.verify_chain()
    assert not report.ok and report.checkpoint == stolen_checkpoint.tree_size
    assert "retired at event" in report.problem


def test_a_rewrite_of_the_past_with_the_retired_key_fails_against_the_new_checkpoint(rotated, settings, old_key,
                                                                                      checkpoint_dir):  # noqa: F811
    """The thief rewrites event #2 with the old key and re-signs every old checkpoint with it, in the database and
    in the file: the checkpoint the new key signed at rotation still holds the old tree."""
    settings.INTEGRA_AUDIT_KEY = f"{old_key},{NEW_KEY}"
    target = AuditEvent.objects.order_by("seq")[1]
    target.actor_label = "someone.else@example.org"
    target.hash = target.compute_hash()
    _tamper(f"UPDATE core_auditevent SET actor_label = '{target.actor_label}', hash = '{target.hash}' "
            f"WHERE seq = {target.seq}")
    path = checkpoint_dir / audit_seal.CHECKPOINT_FILE
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    old_id = audit_seal.current_key().key_id
    rebuilt = audit_seal.Tree()
    for seq, event_hash in AuditEvent.objects.order_by("seq").values_list("seq", "hash")[:5]:
        rebuilt.append(audit_seal.leaf_hash(seq, event_hash))
    for line in lines:
        if line["key_id"] == old_id:
            line["root_hash"] = rebuilt.root()
            line["signature"] = audit_seal.current_key().private.sign(audit_seal._signed_message(line)).hex()
            AuditCheckpoint.objects.filter(tree_size=line["tree_size"]).delete()
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    settings.INTEGRA_AUDIT_KEY = f"{NEW_KEY},{old_key}"
    report = audit.verify_chain()
    caught_by = AuditCheckpoint.objects.get(tree_size=report.checkpoint)
    assert not report.ok and caught_by.key_id == audit_seal.current_key().key_id and "root differs" in report.problem


def test_a_key_dropped_from_the_ring_no_longer_verifies_what_it_signed(rotated, settings):
    settings.INTEGRA_AUDIT_KEY = NEW_KEY
    report = audit.verify_chain()
    assert not report.ok and "signature" in report.problem


def test_rotation_is_refused_without_a_key_to_retire_or_over_a_broken_trail(settings, old_key):
    events = _events(3)
    with pytest.raises(audit.RotationRefused, match="no key to retire"):
        audit.rotate_key()
    settings.INTEGRA_AUDIT_KEY = f"{NEW_KEY},{old_key}"
    _tamper(f"UPDATE core_auditevent SET actor_label = 'x@example.org' WHERE seq = {events[1].seq}")
    with pytest.raises(audit.RotationRefused, match="does not verify"):
        audit.rotate_key()
    assert not AuditEvent.objects.filter(action=audit.KEY_ROTATED).exists()


def test_a_retired_key_cannot_come_back_as_the_current_one(rotated, settings, old_key):
    settings.INTEGRA_AUDIT_KEY = f"{old_key},{NEW_KEY}"
    with pytest.raises(audit.RotationRefused, match="was itself retired"):
        audit.rotate_key()


def test_rotate_key_command(settings, old_key, capsys):
    _events(2)
    with pytest.raises(CommandError, match="Key not rotated"):
        call_command("audit", "rotate-key")
    settings.INTEGRA_AUDIT_KEY = f"{NEW_KEY},{old_key}"
    call_command("audit", "rotate-key")
    assert "Key rotated" in capsys.readouterr().out
    call_command("audit", "verify")
