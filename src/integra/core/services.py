"""Writes for organisations, memberships, invitations and notifications.

Each function checks the policy, writes in one transaction, records one audit event and queues its
side effects (e-mail) for after the commit.
"""

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import access, audit
from .access import CHANGE, forget_roles
from .concurrency import update_versioned
from .errors import invalid
from .models import Invitation, Membership, MembershipRole, Notification, Organisation
from .notifications import N_, labels, message
from .policy import DEACTIVATE, DEACTIVATE_OWN, MANAGE_MEMBERS
from .roles import Role
from .tasks import enqueue_email_on_commit

INVITATION_VALID_DAYS = 14


def _clean_roles(roles) -> list[str]:
    valid = set(Role.values)
    unknown = [r for r in roles if r not in valid]
    if unknown:
        raise invalid(_("Unknown role: %(role)s.") % {"role": ", ".join(unknown)}, field="roles")
    return sorted(set(roles))


# --- organisations ---------------------------------------------------------------------------------------


def organisation_create(*, actor, name: str, kind: str, country: str, parent: Organisation | None = None,
                        city: str = "", website: str = "", description: str = "",
                        first_admin_email: str = "") -> Organisation:
    if not access.can_create(actor, Organisation):
        raise PermissionDenied
    if parent is not None and not parent.is_active:
        raise invalid(_("The parent organisation is deactivated."), field="parent")
    with transaction.atomic():
        organisation = Organisation.objects.create(
            name=name.strip(), kind=kind, country=country, parent=parent, city=city, website=website,
            description=description,
        )
        audit.record(action="core.organisation.created", actor=actor, organisation=organisation, obj=organisation,
                     data={"name": organisation.name, "kind": kind, "country": country})
        if first_admin_email:
            invitation_create(actor=actor, organisation=organisation, email=first_admin_email,
                              roles=[Role.ORG_ADMIN])
    return organisation


def organisation_update(*, actor, organisation: Organisation, expected_version: int, **changes) -> Organisation:
    if not access.can(actor, CHANGE, organisation):
        raise PermissionDenied
    unknown = set(changes) - set(Organisation.EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {unknown}")
    parent = changes.get("parent")
    if parent is not None and _is_descendant_or_self(parent, organisation):
        raise invalid(_("An organisation cannot be its own parent or sit below one of its own units."),
                      field="parent")
    before = {name: _audit_value(getattr(organisation, name)) for name in changes}
    with transaction.atomic():
        update_versioned(organisation, expected_version=expected_version, **changes)
        after = {name: _audit_value(getattr(organisation, name)) for name in changes}
        changed = {k: [before[k], after[k]] for k in changes if before[k] != after[k]}
        audit.record(action="core.organisation.updated", actor=actor, organisation=organisation, obj=organisation,
                     data={"changes": changed})
    return organisation


def organisation_set_active(*, actor, organisation: Organisation, active: bool) -> Organisation:
    access.require(actor, DEACTIVATE, organisation)
    with transaction.atomic():
        update_versioned(organisation, expected_version=organisation.version, is_active=active)
        audit.record(action="core.organisation.reactivated" if active else "core.organisation.deactivated",
                     actor=actor, organisation=organisation, obj=organisation)
    return organisation


def _is_descendant_or_self(candidate: Organisation, organisation: Organisation) -> bool:
    seen = set()
    node = candidate
    while node is not None and node.pk not in seen:
        if node.pk == organisation.pk:
            return True
        seen.add(node.pk)
        node = node.parent
    return False


def _audit_value(value):
    return getattr(value, "pk", value)


# --- invitations and memberships --------------------------------------------------------------------------


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_create(*, actor, organisation: Organisation, email: str, roles, job_title: str = "",
                      base_url: str = "") -> tuple[Invitation, str]:
    """Invite someone by e-mail. Returns the invitation and the one-time token (sent by e-mail only)."""
    if not access.can_create(actor, Invitation, organisation=organisation):
        raise PermissionDenied
    email = get_user_model().objects.normalize_email(email.strip()).lower()
    roles = _clean_roles(roles)
    if not organisation.is_active:
        raise invalid(_("This organisation is deactivated; reactivate it before inviting people."))
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email, is_active=True).exists():
        raise invalid(_("%(email)s is already a member of %(organisation)s.")
                      % {"email": email, "organisation": organisation.name}, field="email")
    if Invitation.objects.pending().filter(organisation=organisation, email__iexact=email).exists():
        raise invalid(_("%(email)s already has a pending invitation to this organisation.") % {"email": email},
                      field="email")
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        invitation = Invitation.objects.create(
            email=email, organisation=organisation, roles=roles, job_title=job_title, invited_by=actor,
            token_hash=_token_hash(token), expires_at=timezone.now() + timedelta(days=INVITATION_VALID_DAYS),
        )
        audit.record(action="core.invitation.created", actor=actor, organisation=organisation, obj=invitation,
                     data={"email": email, "roles": roles})
        existing = get_user_model().objects.filter(email__iexact=email).first()
        language = existing.language if existing else translation.get_language() or "en"
        with translation.override(language):
            link = base_url + reverse("accounts:invitation_accept", kwargs={"token": token})
            subject = _("You are invited to join %(organisation)s on INTEGRA") % {"organisation": organisation.name}
            body = render_to_string("core/email/invitation.txt", {
                "invitation": invitation, "link": link, "inviter": actor,
                "role_labels": [Role(r).label for r in roles], "days": INVITATION_VALID_DAYS,
            })
        enqueue_email_on_commit(to=[email], subject=subject, body=body)
    return invitation, token


def invitation_revoke(*, actor, invitation: Invitation) -> Invitation:
    if not access.can(actor, CHANGE, invitation):
        raise PermissionDenied
    if not invitation.is_pending:
        raise invalid(_("This invitation is no longer pending."))
    with transaction.atomic():
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        audit.record(action="core.invitation.revoked", actor=actor, organisation=invitation.organisation_id,
                     obj=invitation, data={"email": invitation.email})
    return invitation


def invitation_by_token(token: str) -> Invitation | None:
    """The pending invitation a link points to, or None (expired, used, revoked or made up)."""
    return Invitation.objects.pending().select_related("organisation").filter(token_hash=_token_hash(token)).first()


def invitation_accept(*, invitation: Invitation, user=None, full_name: str = "", password: str = ""):
    """Accept an invitation: by the signed-in user it was sent to, or by creating that person's account."""
    User = get_user_model()
    if not invitation.is_pending:
        raise invalid(_("This invitation has expired or was already used."))
    with transaction.atomic():
        if user is None:
            if User.objects.filter(email__iexact=invitation.email).exists():
                raise invalid(_("An account with this e-mail address exists already: sign in to accept."))
            user = User.objects.create_user(email=invitation.email, password=password, full_name=full_name)
            audit.record(action="accounts.user.created", actor=user, organisation=invitation.organisation_id,
                         obj=user, data={"via": "invitation"})
        elif user.email.lower() != invitation.email.lower():
            raise PermissionDenied
        membership, _created = Membership.objects.get_or_create(
            user=user, organisation=invitation.organisation, defaults={"job_title": invitation.job_title}
        )
        if not membership.is_active:
            update_versioned(membership, expected_version=membership.version, is_active=True)
        MembershipRole.objects.bulk_create(
            [MembershipRole(membership=membership, role=r) for r in invitation.roles], ignore_conflicts=True
        )
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
        audit.record(action="core.invitation.accepted", actor=user, organisation=invitation.organisation_id,
                     obj=membership, data={"roles": invitation.roles})
        if invitation.invited_by_id:
            notification_send(
                recipients=[invitation.invited_by],
                title=message(N_("%(email)s joined %(organisation)s"), email=invitation.email,
                              organisation=invitation.organisation.name),
                url=reverse("core:members", kwargs={"pk": invitation.organisation_id}),
                target=invitation.organisation, target_action=MANAGE_MEMBERS,
                email=False,
            )
    forget_roles(user)
    return user, membership


def membership_set_roles(*, actor, membership: Membership, roles, expected_version: int,
                         job_title: str | None = None) -> Membership:
    if not access.can(actor, CHANGE, membership):
        raise PermissionDenied
    roles = _clean_roles(roles)
    before = membership.role_codes
    if Role.ORG_ADMIN in before and Role.ORG_ADMIN not in roles:
        _ensure_another_admin(membership)
    with transaction.atomic():
        changes = {"job_title": job_title} if job_title is not None else {}
        update_versioned(membership, expected_version=expected_version, **changes)
        MembershipRole.objects.filter(membership=membership).exclude(role__in=roles).delete()
        MembershipRole.objects.bulk_create(
            [MembershipRole(membership=membership, role=r) for r in roles if r not in before],
            ignore_conflicts=True,
        )
        if before != roles:
            audit.record(action="core.membership.roles_changed", actor=actor,
                         organisation=membership.organisation_id, obj=membership,
                         data={"user": membership.user.email, "before": before, "after": roles})
            notification_send(
                recipients=[membership.user],
                title=message(N_("Your roles in %(organisation)s changed"),
                              organisation=membership.organisation.name),
                body=message("%(roles)s", roles=labels([Role(r).label for r in roles])),
                url=reverse("core:dashboard"),
            )
    if hasattr(membership, "_prefetched_objects_cache"):
        membership._prefetched_objects_cache.pop("roles", None)
    forget_roles(membership.user)
    return membership


def membership_set_active(*, actor, membership: Membership, active: bool) -> Membership:
    if not access.can(actor, DEACTIVATE, membership):
        raise PermissionDenied
    if not active and membership.user_id == actor.pk and not access.can(actor, DEACTIVATE_OWN, membership):
        raise invalid(_("You cannot deactivate your own membership; ask another administrator."))
    if not active and Role.ORG_ADMIN in membership.role_codes:
        _ensure_another_admin(membership)
    with transaction.atomic():
        update_versioned(membership, expected_version=membership.version, is_active=active)
        audit.record(action="core.membership.reactivated" if active else "core.membership.deactivated",
                     actor=actor, organisation=membership.organisation_id, obj=membership,
                     data={"user": membership.user.email})
    forget_roles(membership.user)
    return membership


def _ensure_another_admin(membership: Membership) -> None:
    others = (Membership.objects.active().with_role(Role.ORG_ADMIN)
              .filter(organisation_id=membership.organisation_id).exclude(pk=membership.pk))
    if not others.exists():
        raise invalid(_("Every organisation needs at least one active administrator: appoint another first."))


# --- notifications ----------------------------------------------------------------------------------------


def notification_send(*, recipients, title, body="", url: str = "", email: bool = True, target=None,
                      target_action: str = "") -> list:
    """In-app notification for each recipient, and an e-mail when `email` is set.

    `title` and `body` are best a `core.notifications.Message` (a code and parameters): the notification is then
    rendered on read in the language of the page showing it. A callable is written in each recipient's own
    language at sending (older senders); a plain string is stored as it is. `target` is the object the link
    opens (with `target_action` when opening it needs more than "view"): the link is shown only while the
    recipient may still open it."""
    from .notifications import Message, render

    def text_in(value, language):
        with translation.override(language):
            if isinstance(value, Message):
                return render(value.code, value.params)
            return str(value() if callable(value) else value)

    target_type, target_id = (target._meta.label_lower, str(target.pk)) if target is not None else ("", "")
    params = {part: value.params for part, value in (("title", title), ("body", body)) if isinstance(value, Message)}
    notes = []
    for recipient in (r for r in recipients if r.is_active):
        language = recipient.language or "en"
        text, detail = text_in(title, language), text_in(body, language)
        link = _in_language(url, language)
        notes.append(Notification(
            recipient=recipient, title=text[:200], body=detail, url=link,
            title_code=title.code if isinstance(title, Message) else "",
            body_code=body.code if isinstance(body, Message) else "", params=params,
            target_type=target_type, target_id=target_id, target_action=target_action))
        if email:
            enqueue_email_on_commit(to=[recipient.email], subject=text, body=f"{detail}\n\n{link}".strip())
    return Notification.objects.bulk_create(notes)


def _in_language(url: str, language: str) -> str:
    """The same page under the recipient's language prefix (/fr/… for a French reader)."""
    from django.urls import translate_url

    if not url:
        return url
    with translation.override(translation.get_language_from_path(url) or translation.get_language()):
        return translate_url(url, language)


def notification_mark_read(*, actor, notification: Notification | None = None) -> int:
    """Mark one notification, or all of the actor's, as read."""
    qs = access.visible(actor, Notification).unread()
    if notification is not None:
        if not access.can(actor, CHANGE, notification):
            raise PermissionDenied
        qs = qs.filter(pk=notification.pk)
    return qs.update(read_at=timezone.now())


