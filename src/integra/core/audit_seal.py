"""Signed checkpoints over the audit trail: a Merkle tree head (RFC 9162 §2.1) signed with a key that is not in
the database, and written to a file outside it, so that someone who can write every table still cannot rewrite
the trail unseen.

Leaves are the events in seq order; a leaf is SHA-256(0x00 || seq || event hash), a node SHA-256(0x01 || left ||
right). An event's hash is an HMAC of its own fields, keyed from the same environment key, so an altered or
invented event cannot be given a matching hash from the database alone.

Rotation: INTEGRA_AUDIT_KEY lists the current key first and the retired ones after it (comma-separated). Retired
keys only verify: the events and checkpoints they made before `integra audit rotate-key` recorded their retirement.
Anything they made after it is refused, so a leaked key cannot add to the trail once it has been rotated away.
"""

import base64
import functools
import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.utils import timezone

CHECKPOINT_FILE = "checkpoints.jsonl"
VERIFICATION_FILE = "last-verification.json"
_SIGNED_FIELDS = ("tree_size", "last_seq", "root_hash", "signed_at", "key_id")


def parse_key(value: str) -> bytes:
    """The 32-byte Ed25519 seed from its URL-safe base64 form (`integra audit keygen`)."""
    try:
        seed = base64.urlsafe_b64decode(value.encode() + b"=" * (-len(value) % 4))
    except (ValueError, TypeError) as error:
        raise ImproperlyConfigured("INTEGRA_AUDIT_KEY is not base64.") from error
    if len(seed) != 32:
        raise ImproperlyConfigured("INTEGRA_AUDIT_KEY must be 32 bytes (generate one with `integra audit keygen`).")
    return seed


def generate_key() -> str:
    import secrets

    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode().rstrip("=")


def parse_keys(value: str) -> list[bytes]:
    """The seeds of INTEGRA_AUDIT_KEY: the current key first, then the retired ones."""
    return [parse_key(part.strip()) for part in value.split(",") if part.strip()]


@dataclass(frozen=True)
class AuditKey:
    private: Ed25519PrivateKey
    event_key: bytes  # the HMAC key of event digests, derived from the same seed
    key_id: str


def _derive(seed: bytes) -> AuditKey:
    private = Ed25519PrivateKey.from_private_bytes(seed)
    public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return AuditKey(private, hmac.new(seed, b"integra audit event digest", hashlib.sha256).digest(),
                    hashlib.sha256(public).hexdigest()[:16])


@functools.cache
def _keyring(value: str) -> tuple[AuditKey, ...]:
    ring = tuple(_derive(seed) for seed in parse_keys(value))
    if not ring:
        raise ImproperlyConfigured("Set INTEGRA_AUDIT_KEY (generate one with `integra audit keygen`).")
    return ring


def keyring() -> tuple[AuditKey, ...]:
    if not settings.INTEGRA_AUDIT_KEY:
        raise ImproperlyConfigured("Set INTEGRA_AUDIT_KEY (generate one with `integra audit keygen`).")
    return _keyring(settings.INTEGRA_AUDIT_KEY)


def current_key() -> AuditKey:
    return keyring()[0]


def key_by_id(key_id: str) -> AuditKey | None:
    return next((key for key in keyring() if key.key_id == key_id), None)


def public_key() -> Ed25519PublicKey:
    return current_key().private.public_key()


def event_digest(*, occurred_at, actor_id, actor_label, organisation_id, action, object_type, object_id,
                 purpose, ip_address, user_agent, data, key: AuditKey | None = None) -> str:
    """Computed before the INSERT, so it cannot cover seq (the database assigns it); the leaf binds seq."""
    canonical = json.dumps(
        [occurred_at.isoformat(timespec="microseconds"), actor_id, actor_label, organisation_id, action,
         object_type, object_id, purpose, ip_address, user_agent, data],
        sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str,
    )
    return hmac.new((key or current_key()).event_key, canonical.encode(), hashlib.sha256).hexdigest()


def digest_key(fields: dict, stored_hash: str) -> AuditKey | None:
    """The key of the ring that made this event's digest (the current one is tried first), or None."""
    for key in keyring():
        if hmac.compare_digest(event_digest(**fields, key=key), stored_hash):
            return key
    return None


def leaf_hash(seq: int, event_hash: str) -> bytes:
    return hashlib.sha256(b"\x00" + seq.to_bytes(8, "big") + bytes.fromhex(event_hash)).digest()


def _node(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


class Tree:
    """The right edge of a Merkle tree: the roots of its perfect subtrees, largest (leftmost) first."""

    def __init__(self, size: int = 0, frontier: list[str] | None = None):
        self.size = size
        self.frontier = [bytes.fromhex(h) for h in frontier or []]

    def append(self, leaf: bytes) -> None:
        node, size = leaf, self.size
        while size & 1:  # merge equal-sized subtrees, like a carry in binary addition
            node = _node(self.frontier.pop(), node)
            size >>= 1
        self.frontier.append(node)
        self.size += 1

    def root(self) -> str:
        if not self.frontier:
            return hashlib.sha256(b"").hexdigest()
        node = self.frontier[-1]
        for left in reversed(self.frontier[:-1]):
            node = _node(left, node)
        return node.hex()

    def frontier_hex(self) -> list[str]:
        return [h.hex() for h in self.frontier]


def _signed_message(entry: dict) -> bytes:
    return b"integra audit checkpoint\n" + json.dumps({k: entry[k] for k in _SIGNED_FIELDS},
                                                       sort_keys=True, separators=(",", ":")).encode()


def signature_valid(entry: dict) -> bool:
    key = key_by_id(entry.get("key_id", ""))
    if key is None:
        return False
    try:
        key.private.public_key().verify(bytes.fromhex(entry["signature"]), _signed_message(entry))
    except (InvalidSignature, ValueError, KeyError):
        return False
    return True


def checkpoint_dir() -> Path:
    return Path(settings.AUDIT_CHECKPOINT_DIR)


def read_checkpoint_file() -> list[dict]:
    path = checkpoint_dir() / CHECKPOINT_FILE
    if not path.exists():
        return []
    entries = []
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        if line.strip():
            try:
                entries.append(json.loads(line))
            except json.JSONDecodeError:
                entries.append({"unreadable_line": number})
    return entries


def _append_to_file(entry: dict) -> None:
    directory = checkpoint_dir()
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / CHECKPOINT_FILE, "a") as stream:
        stream.write(json.dumps(entry, sort_keys=True) + "\n")
        stream.flush()


def seal(*, settle_seconds: float | None = None, limit: int = 100_000):
    """Add the settled pending events to the tree and sign a checkpoint; None when nothing is pending.

    Only events older than the settle delay are sealed, and only a contiguous prefix in seq order: on
    PostgreSQL a lower seq can still be in an uncommitted transaction when a higher one is visible."""
    from .models import AuditCheckpoint, AuditEvent

    key = current_key()
    settle = settings.AUDIT_SEAL_SETTLE_SECONDS if settle_seconds is None else settle_seconds
    cutoff = timezone.now() - timedelta(seconds=settle)
    with transaction.atomic():
        last = AuditCheckpoint.objects.order_by("-tree_size").first()
        tree = Tree(last.tree_size, last.frontier) if last else Tree()
        last_seq = last.last_seq if last else 0
        rows = AuditEvent.objects.filter(seq__gt=last_seq).order_by("seq").values_list("seq", "hash", "occurred_at")
        sealed_seq = None
        for seq, event_hash, occurred_at in rows[:limit]:
            if occurred_at > cutoff:
                break
            tree.append(leaf_hash(seq, event_hash))
            sealed_seq = seq
        if sealed_seq is None:
            return None
        entry = {"tree_size": tree.size, "last_seq": sealed_seq, "root_hash": tree.root(),
                 "signed_at": timezone.now().isoformat(timespec="microseconds"), "key_id": key.key_id}
        entry["signature"] = key.private.sign(_signed_message(entry)).hex()
        try:
            with transaction.atomic():
                checkpoint = AuditCheckpoint.objects.create(
                    tree_size=entry["tree_size"], last_seq=sealed_seq, root_hash=entry["root_hash"],
                    frontier=tree.frontier_hex(), signed_at=entry["signed_at"], key_id=key.key_id,
                    signature=entry["signature"],
                )
        except IntegrityError:
            return None  # another sealer signed the same tree size first
        # Written before commit: a line whose row then fails to commit still matches the events it covers.
        _append_to_file(entry)
    return checkpoint


def write_verification(report) -> None:
    directory = checkpoint_dir()
    directory.mkdir(parents=True, exist_ok=True)
    (directory / VERIFICATION_FILE).write_text(json.dumps({
        "ran_at": timezone.now().isoformat(), "ok": report.ok, "checked": report.checked,
        "first_broken_seq": report.first_broken_seq, "checkpoint": report.checkpoint, "problem": report.problem,
    }))


def read_verification() -> dict | None:
    path = checkpoint_dir() / VERIFICATION_FILE
    try:
        return json.loads(path.read_text())
    except (OSError, json.JSONDecodeError):
        return None
