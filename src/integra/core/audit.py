"""Writing and verifying the append-only, hash-chained audit trail.

Action codes are namespaced (`core.organisation.created`, `accounts.login.failed`); the text a person reads
is rendered from the code (see `audit_labels.py`), not stored.
"""

import json
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.ipv6 import clean_ipv6_address

from . import audit_seal
from .models import AuditCheckpoint, AuditEvent, audit_hash
from .request_context import current_request_info

_SECRET_KEY_PARTS = ("password", "secret", "token", "key", "code")


def _mask_secrets(value):
    if isinstance(value, dict):
        return {
            k: ("***" if any(part in str(k).lower() for part in _SECRET_KEY_PARTS) else _mask_secrets(v))
            for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [_mask_secrets(v) for v in value]
    return value


def _normalise_ip(ip: str | None) -> str | None:
    if not ip:
        return None
    return clean_ipv6_address(ip) if ":" in ip else ip


def object_label(obj: models.Model) -> tuple[str, str]:
    return obj._meta.label_lower, str(obj.pk)


def record(
    *,
    action: str,
    actor=None,
    organisation=None,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    purpose: str = "",
    data: dict | None = None,
    actor_label: str = "",
) -> AuditEvent:
    """Append one event: a plain INSERT in the caller's transaction, waiting for no other writer. The event
    joins the signed tree when the sealer next runs (see `_seal_soon`)."""
    if obj is not None:
        object_type, object_id = object_label(obj)
    info = current_request_info()
    clean_data = json.loads(json.dumps(_mask_secrets(data or {}), default=str))
    actor_id = actor.pk if actor is not None and getattr(actor, "is_authenticated", False) else None
    if actor_id and not actor_label:
        actor_label = actor.email
    event = AuditEvent(
        occurred_at=timezone.now(),
        actor_id=actor_id,
        actor_label=actor_label[:254],
        organisation_id=getattr(organisation, "pk", organisation),
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        purpose=purpose,
        ip_address=_normalise_ip(info.ip_address),
        user_agent=info.user_agent[:300],
        data=clean_data,
    )
    event.hash = event.compute_hash()
    event.save(force_insert=True)
    _seal_soon()
    return event


_pending_since_seal = 0
_last_seal_request = time.monotonic()
log = logging.getLogger(__name__)


def _seal_soon() -> None:
    """Ask for a seal after commit once this process has written AUDIT_SEAL_BATCH events or
    AUDIT_SEAL_INTERVAL seconds have passed. Counted in-process so an append costs no extra query;
    `integra audit seal` on a schedule bounds the delay when a process writes nothing more."""
    global _pending_since_seal, _last_seal_request
    _pending_since_seal += 1
    now = time.monotonic()
    if _pending_since_seal < settings.AUDIT_SEAL_BATCH and now - _last_seal_request < settings.AUDIT_SEAL_INTERVAL:
        return
    _pending_since_seal, _last_seal_request = 0, now

    def enqueue():
        from .tasks import audit_seal_task

        try:
            audit_seal_task.enqueue()
        except Exception:
            log.exception("could not queue the audit seal")

    transaction.on_commit(enqueue)


@dataclass(frozen=True)
class ChainReport:
    checked: int
    first_broken_seq: int | None = None
    problem: str = ""
    checkpoint: int | None = None  # tree size of the checkpoint that no longer matches

    @property
    def ok(self) -> bool:
        return self.first_broken_seq is None and self.checkpoint is None


_DIGEST_FIELDS = ("occurred_at", "actor_id", "actor_label", "organisation_id", "action", "object_type",
                  "object_id", "purpose", "ip_address", "user_agent", "data")


KEY_ROTATED = "core.audit.key_rotated"
_LEGACY = "legacy"


def _digest_key_id(row: dict) -> str | None:
    """The id of the key that made the row's stored hash ("legacy" for the old hash chain), None if none did."""
    fields = {field: row[field] for field in _DIGEST_FIELDS}
    if row["prev_hash"]:  # written by the old hash chain, before the tree
        return _LEGACY if audit_hash(seq=row["seq"], prev_hash=row["prev_hash"], **fields) == row["hash"] else None
    key = audit_seal.digest_key(fields, row["hash"])
    return key.key_id if key else None


def _retirements() -> dict[str, int]:
    """{key id: the seq of the event that retired it}, from rotation events whose own digest holds (a forged one
    is reported where the main pass meets it; a deleted one breaks the checkpoint signed after it)."""
    retired: dict[str, int] = {}
    for row in AuditEvent.objects.filter(action=KEY_ROTATED).order_by("seq").values("seq", "hash", "prev_hash",
                                                                                        *_DIGEST_FIELDS):
        if _digest_key_id(row) not in (None, _LEGACY):
            for key_id in row["data"].get("retired", []):
                retired.setdefault(key_id, row["seq"])
    return retired


def _trusted_checkpoints(retired: dict[str, int]) -> tuple[list[dict], ChainReport | None]:
    """The checkpoints from the file outside the database, each checked against its signature (by a key that was
    not yet retired when it signed) and against the database's copy."""
    entries = audit_seal.read_checkpoint_file()
    for entry in entries:
        if "unreadable_line" in entry:
            return [], ChainReport(0, problem=f"line {entry['unreadable_line']} of the checkpoint file is unreadable",
                                   checkpoint=0)
        if not audit_seal.signature_valid(entry):
            return [], ChainReport(0, problem=f"checkpoint at tree size {entry.get('tree_size')} has an invalid "
                                              f"signature", checkpoint=entry.get("tree_size", 0))
        retired_at = retired.get(entry["key_id"])
        if retired_at is not None and entry["last_seq"] >= retired_at:
            return [], ChainReport(0, problem=f"checkpoint at tree size {entry['tree_size']} is signed with key "
                                              f"{entry['key_id']}, retired at event #{retired_at}",
                                   checkpoint=entry["tree_size"])
    entries.sort(key=lambda e: e["tree_size"])
    in_file = {e["tree_size"]: e for e in entries}
    for stored in AuditCheckpoint.objects.order_by("tree_size").values("tree_size", "root_hash", "last_seq"):
        entry = in_file.get(stored["tree_size"])
        if entry is None or entry["root_hash"] != stored["root_hash"] or entry["last_seq"] != stored["last_seq"]:
            return [], ChainReport(0, problem=f"checkpoint at tree size {stored['tree_size']} in the database "
                                              f"does not match the checkpoint file", checkpoint=stored["tree_size"])
    return entries, None


def _sequence_high_water() -> int | None:
    """The highest seq the database has handed out, deleted or not (a cut tail shows as a shortfall)."""
    table = AuditEvent._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            row = cursor.fetchone()
            return row[0] if row else None
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'seq')", [table])
            sequence = cursor.fetchone()[0]
            cursor.execute(f"SELECT CASE WHEN is_called THEN last_value END FROM {sequence}")  # noqa: S608
            return cursor.fetchone()[0]
    return None


def verify_chain(*, batch_size: int = 10_000) -> ChainReport:
    """Check every event's own hash, rebuild the Merkle tree and compare it with each signed checkpoint from
    the file; after the last checkpoint, pending events must follow each other without a gap."""
    retired = _retirements()
    checkpoints, problem = _trusted_checkpoints(retired)
    if problem:
        return problem
    tree, checked, last_seq, index = audit_seal.Tree(), 0, 0, 0
    previous_checkpoint_seq = 0

    def describe(entry):
        return f"checkpoint at tree size {entry['tree_size']} (signed {entry['signed_at']})"

    while True:
        rows = list(AuditEvent.objects.filter(seq__gt=last_seq).order_by("seq")
                    .values("seq", "hash", "prev_hash", *_DIGEST_FIELDS)[:batch_size])
        if not rows:
            break
        for row in rows:
            seq = row["seq"]
            pending = index >= len(checkpoints)
            if not pending and seq > checkpoints[index]["last_seq"]:
                return _checkpoint_mismatch(checkpoints[index], tree, checked, describe)
            if pending and last_seq and seq != last_seq + 1:
                return ChainReport(checked, last_seq + 1, f"event #{last_seq + 1} is missing")
            key_id = _digest_key_id(row)
            if key_id is None:
                return ChainReport(checked, seq, f"event #{seq} was altered after it was written")
            if key_id in retired and seq > retired[key_id]:
                return ChainReport(checked, seq, f"event #{seq} is signed with key {key_id}, retired at event "
                                                 f"#{retired[key_id]}")
            tree.append(audit_seal.leaf_hash(seq, row["hash"]))
            checked += 1
            last_seq = seq
            if not pending and tree.size == checkpoints[index]["tree_size"]:
                entry = checkpoints[index]
                if tree.root() != entry["root_hash"] or seq != entry["last_seq"]:
                    return _checkpoint_mismatch(entry, tree, checked, describe, since=previous_checkpoint_seq)
                previous_checkpoint_seq = entry["last_seq"]
                index += 1
    if index < len(checkpoints):
        return _checkpoint_mismatch(checkpoints[index], tree, checked, describe, since=previous_checkpoint_seq)
    high_water = _sequence_high_water()
    if high_water and high_water > last_seq and last_seq >= (checkpoints[-1]["last_seq"] if checkpoints else 0):
        return ChainReport(checked, last_seq + 1, f"events after #{last_seq} are missing (the sequence reached "
                                                  f"#{high_water})")
    return ChainReport(checked)


def _checkpoint_mismatch(entry, tree, checked, describe, since=None) -> ChainReport:
    after = f" after #{since}" if since else ""
    return ChainReport(
        checked, first_broken_seq=(since or 0) + 1, checkpoint=entry["tree_size"],
        problem=f"the events{after} no longer match the {describe(entry)}: an event up to #{entry['last_seq']} was "
                f"rewritten, deleted or inserted ({tree.size} events found where the checkpoint has "
                f"{entry['tree_size']})" if tree.size != entry["tree_size"] else
                f"the events{after} no longer match the {describe(entry)}: an event up to #{entry['last_seq']} was "
                f"rewritten, deleted or inserted (the tree root differs)",
    )


class RotationRefused(Exception):
    pass


def rotate_key(*, actor_label: str = "integra audit rotate-key") -> AuditCheckpoint:
    """Retire every key listed after the current one. The trail is verified first (a rotation must not bless a
    rewritten trail), everything pending is sealed under the current key, the retirement is recorded, and a
    checkpoint signed with the current key covers it: from then on the retired keys only verify the past."""
    ring = audit_seal.keyring()
    current, old = ring[0], [key.key_id for key in ring[1:]]
    retired = _retirements()
    to_retire = [key_id for key_id in old if key_id not in retired]
    if current.key_id in retired:
        raise RotationRefused(f"the current key {current.key_id} was itself retired at event "
                              f"#{retired[current.key_id]}: list a new key first")
    if not to_retire:
        raise RotationRefused("no key to retire: put the new key first in INTEGRA_AUDIT_KEY and the old one after "
                              "it, on every server, then rotate")
    report = verify_chain()
    if not report.ok:
        raise RotationRefused(f"the trail does not verify ({report.problem}); rotation would cover it up")
    with transaction.atomic():
        audit_seal.seal(settle_seconds=0)
        record(action=KEY_ROTATED, object_type="core.auditkey", object_id=current.key_id, actor_label=actor_label,
               data={"current": current.key_id, "retired": to_retire})
    return audit_seal.seal(settle_seconds=0)
