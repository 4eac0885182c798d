"""Writing and verifying the append-only, hash-chained audit trail.

Action codes are namespaced (`core.organisation.created`, `accounts.login.failed`); the text a person reads
is rendered from the code (see `audit_labels.py`), not stored.
"""

import json
from dataclasses import dataclass

from django.db import models, transaction
from django.utils import timezone
from django.utils.ipv6 import clean_ipv6_address

from .models import AuditChainHead, AuditEvent, audit_hash
from .request_context import current_request_info

GENESIS_HASH = "0" * 64
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
    """Append one event to the chain. Runs inside the caller's transaction when there is one."""
    if obj is not None:
        object_type, object_id = object_label(obj)
    info = current_request_info()
    clean_data = json.loads(json.dumps(_mask_secrets(data or {}), default=str))
    actor_id = actor.pk if actor is not None and getattr(actor, "is_authenticated", False) else None
    if actor_id and not actor_label:
        actor_label = actor.email
    with transaction.atomic():
        head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
        if head is None:
            head = AuditChainHead.objects.create(pk=1)
        event = AuditEvent(
            seq=head.last_seq + 1,
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
            prev_hash=head.last_hash,
        )
        event.hash = event.compute_hash()
        event.save(force_insert=True)
        AuditChainHead.objects.filter(pk=1).update(last_seq=event.seq, last_hash=event.hash)
    return event


@dataclass(frozen=True)
class ChainReport:
    checked: int
    first_broken_seq: int | None = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.first_broken_seq is None


_HASHED_FIELDS = ("seq", "occurred_at", "actor_id", "actor_label", "organisation_id", "action", "object_type",
                  "object_id", "purpose", "ip_address", "user_agent", "data", "prev_hash")


def verify_chain(*, batch_size: int = 10_000) -> ChainReport:
    """Walk the chain from the first event; report the first missing, altered or re-linked event."""
    expected_seq, previous_hash, checked = 1, GENESIS_HASH, 0
    last_seq = 0
    while True:
        rows = list(
            AuditEvent.objects.filter(seq__gt=last_seq).order_by("seq").values(*_HASHED_FIELDS, "hash")[:batch_size]
        )
        if not rows:
            break
        for row in rows:
            stored_hash = row.pop("hash")
            if row["seq"] != expected_seq:
                return ChainReport(checked, expected_seq, f"event #{expected_seq} is missing")
            if row["prev_hash"] != previous_hash:
                return ChainReport(checked, row["seq"], f"event #{row['seq']} does not link to the event before it")
            if audit_hash(**row) != stored_hash:
                return ChainReport(checked, row["seq"], f"event #{row['seq']} was altered after it was written")
            checked += 1
            expected_seq, previous_hash, last_seq = row["seq"] + 1, stored_hash, row["seq"]
    head = AuditChainHead.objects.filter(pk=1).first()
    if head and (head.last_seq != last_seq or head.last_hash != previous_hash):
        return ChainReport(checked, last_seq + 1, f"events after #{last_seq} are missing (the chain ends at "
                                                  f"#{head.last_seq})")
    return ChainReport(checked)
