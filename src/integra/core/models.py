"""Organisations, memberships and roles; the audit trail; in-app notifications; pending invitations."""

import hashlib
import json

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import ChoiceDisplayMixin
from .countries import Country
from .fields import EncryptedTextField
from .roles import Role


class OrganisationKind(models.TextChoices):
    PRISON = "prison", _("Prison service")
    PROBATION = "probation", _("Probation service")
    POLICE = "police", _("Police")
    SOCIAL = "social", _("Social services")
    COMMUNITY = "community", _("NGO / community organisation")
    TRAINING = "training", _("Training provider")
    RESEARCH = "research", _("University / research centre")


class OrganisationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Organisation(ChoiceDisplayMixin, models.Model):
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=OrganisationKind.choices)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent organisation"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
        help_text=_("For example the national prison administration a prison belongs to."),
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(
        _("description"), blank=True, help_text=_("What the organisation does, shown to partner organisations.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created on"), default=timezone.now, editable=False)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    objects = OrganisationQuerySet.as_manager()

    EDITABLE_FIELDS = ("name", "kind", "country", "parent", "city", "website", "description")

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [models.Index(fields=["country", "kind"]), models.Index(fields=["name"])]

    def __str__(self) -> str:
        return self.name


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True, organisation__is_active=True, user__is_active=True)

    def with_role(self, role: str):
        return self.filter(roles__role=role)


class Membership(models.Model):
    """A person's place in an organisation. Roles hang below it; a person may belong to several organisations."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE,
                             related_name="memberships")
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE,
                                     related_name="memberships")
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created on"), default=timezone.now, editable=False)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "user__email"]
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_org")]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation}"

    @property
    def role_codes(self) -> list[str]:
        return sorted(r.role for r in self.roles.all())


class MembershipRole(models.Model):
    membership = models.ForeignKey(Membership, verbose_name=_("membership"), on_delete=models.CASCADE,
                                   related_name="roles")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["membership", "role"], name="one_row_per_role")]
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        indexes = [models.Index(fields=["role", "membership"])]

    def __str__(self) -> str:
        return self.get_role_display()


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(models.Model):
    email = models.EmailField(_("e-mail address"))
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE,
                                     related_name="invitations")
    roles = models.JSONField(_("roles"), default=list)
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("invited by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created on"), default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted on"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked on"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"

    @property
    def status(self) -> str:
        if self.accepted_at:
            return _("accepted")
        if self.revoked_at:
            return _("revoked")
        if self.expires_at <= timezone.now():
            return _("expired")
        return _("pending")

    @property
    def role_labels(self) -> list[str]:
        return [str(Role(r).label) for r in self.roles if r in Role.values]

    @property
    def is_pending(self) -> bool:
        return not self.accepted_at and not self.revoked_at and self.expires_at > timezone.now()


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE,
                                  related_name="notifications")
    title = models.CharField(_("title"), max_length=200)
    # Bodies carry what the sender chose to say (a reason for a decision...): encrypted like the texts they
    # may repeat. Titles stay clear (lists and e-mail subjects) and must name no sensitive text.
    body = EncryptedTextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    # Rendered on read, in the reader's language (see core/notifications.py): the English text is the code, the
    # parameters fill it. `title`/`body` keep the text as sent (e-mails, and rows from before codes).
    title_code = models.CharField(_("title to translate"), max_length=300, blank=True)
    body_code = models.CharField(_("message to translate"), max_length=300, blank=True)
    params = models.JSONField(_("values in the text"), default=dict, blank=True)  # {"title": {...}, "body": {...}}
    # What the link opens: asked of the policy when shown, so a link the reader can no longer open is not offered.
    target_type = models.CharField(_("type of what the link opens"), max_length=100, blank=True)
    target_id = models.CharField(_("id of what the link opens"), max_length=64, blank=True)
    target_action = models.CharField(_("what the reader must be allowed to do"), max_length=40, blank=True)
    created_at = models.DateTimeField(_("sent on"), default=timezone.now, db_index=True)
    read_at = models.DateTimeField(_("read on"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return self.title


class AuditEvent(models.Model):
    """One thing that happened. Append-only (database triggers refuse UPDATE and DELETE).

    An append is a plain INSERT: `seq` comes from the database's own sequence, so no writer waits for
    another, and `hash` is a keyed digest of the event's own fields (see `audit_seal.event_digest`).
    Integrity over the whole trail comes later, when the sealer adds events to the signed Merkle tree
    (`AuditCheckpoint`). `prev_hash` is only set on events written by the old hash chain, before the tree.
    """

    seq = models.BigAutoField(_("sequence number"), primary_key=True)
    occurred_at = models.DateTimeField(_("when"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("who"), null=True, blank=True, on_delete=models.DO_NOTHING,
        db_constraint=False, related_name="+",
    )
    actor_label = models.CharField(_("who (as recorded)"), max_length=254, blank=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), null=True, blank=True, on_delete=models.DO_NOTHING,
        db_constraint=False, related_name="+"
    )
    action = models.CharField(_("action"), max_length=100)
    object_type = models.CharField(_("record type"), max_length=100, blank=True)
    object_id = models.CharField(_("record"), max_length=64, blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64, blank=True)
    hash = models.CharField(_("hash"), max_length=64, unique=True)

    class Meta:
        ordering = ["-seq"]
        indexes = [
            models.Index(fields=["organisation", "-seq"]),
            models.Index(fields=["actor", "-seq"]),
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["action", "-seq"]),
            models.Index(fields=["actor_label"]),
        ]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"#{self.seq} {self.action}"

    def compute_hash(self) -> str:
        from .audit_seal import event_digest

        return event_digest(
            occurred_at=self.occurred_at, actor_id=self.actor_id, actor_label=self.actor_label,
            organisation_id=self.organisation_id, action=self.action, object_type=self.object_type,
            object_id=self.object_id, purpose=self.purpose, ip_address=self.ip_address,
            user_agent=self.user_agent, data=self.data,
        )

    def compute_legacy_hash(self) -> str:
        return audit_hash(
            seq=self.seq, occurred_at=self.occurred_at, actor_id=self.actor_id, actor_label=self.actor_label,
            organisation_id=self.organisation_id, action=self.action, object_type=self.object_type,
            object_id=self.object_id, purpose=self.purpose, ip_address=self.ip_address,
            user_agent=self.user_agent, data=self.data, prev_hash=self.prev_hash,
        )


def audit_hash(*, seq, occurred_at, actor_id, actor_label, organisation_id, action, object_type, object_id,
               purpose, ip_address, user_agent, data, prev_hash) -> str:
    canonical = json.dumps(
        [seq, occurred_at.isoformat(timespec="microseconds"), actor_id, actor_label, organisation_id, action,
         object_type, object_id, purpose, ip_address, user_agent, data, prev_hash],
        sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


class AuditCheckpoint(models.Model):
    """A signed tree head: the Merkle root (RFC 9162 §2.1) over every event with seq <= last_seq.

    The same line is appended to a file outside the database (settings.AUDIT_CHECKPOINT_DIR); verification
    trusts the file and the signature, not this table, which only saves the sealer from re-reading the trail
    (`frontier`: the roots of the perfect subtrees, left to right) and lists checkpoints to the DPO.
    """

    tree_size = models.BigIntegerField(_("tree size"), unique=True)
    last_seq = models.BigIntegerField(_("last sequence number"))
    root_hash = models.CharField(_("root hash"), max_length=64)
    frontier = models.JSONField(_("frontier"), default=list)
    signed_at = models.DateTimeField(_("signed on"))
    key_id = models.CharField(_("key"), max_length=16)
    signature = models.CharField(_("signature"), max_length=128)

    class Meta:
        ordering = ["-tree_size"]
        verbose_name = _("audit checkpoint")
        verbose_name_plural = _("audit checkpoints")

    def __str__(self) -> str:
        return f"audit checkpoint at tree size {self.tree_size}"


class FieldKeyCheck(models.Model):
    """A known text encrypted with the field key when the database was first migrated: at start, a key that
    decrypts none of it is the wrong key (`core.checks`), refused before it writes undecryptable data.
    `integra keys rotate` re-encrypts it like every other encrypted value."""

    PLAINTEXT = "INTEGRA field key check"

    value = EncryptedTextField(_("check value"))
    created_at = models.DateTimeField(_("created on"), default=timezone.now)

    class Meta:
        verbose_name = _("field key check")
        verbose_name_plural = _("field key checks")

    def __str__(self) -> str:
        return f"field key check of {self.created_at:%Y-%m-%d}"
