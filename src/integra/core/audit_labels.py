"""What each audit action code and purpose means, in the reader's language.

The trail stores codes (`cooperation.record.section_viewed`, purpose `case work (team member)`); the words are
rendered on read, so a French reader sees French whatever language the event was written in. Each app
registers its own codes from its `AppConfig.ready` (its `audit_labels.py`), so core knows no other app:

    register(actions={"learning.course.created": _("Course created")},
             families={"learning.course": _("Courses")},
             purposes={"pilot review": _("Pilot review")})

Unknown codes are shown as they are (a `*.viewed` code falls back to "Viewed: <model>").
"""

from django.apps import apps
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

_ACTIONS: dict[str, object] = {}
_FAMILIES: dict[str, object] = {}
_PURPOSES: dict[str, object] = {}


def register(*, actions: dict | None = None, families: dict | None = None, purposes: dict | None = None) -> None:
    _ACTIONS.update(actions or {})
    _FAMILIES.update(families or {})
    _PURPOSES.update(purposes or {})


def family_of(action: str) -> str:
    """`cooperation.record.section_viewed` → `cooperation.record`."""
    return action.rsplit(".", 1)[0] if "." in action else action


def describe(action: str) -> str:
    label = _ACTIONS.get(action)
    if label is not None:
        return str(label)
    family, _dot, verb = action.rpartition(".")
    if verb == "viewed" and family.count(".") == 1:
        try:
            model = apps.get_model(family)
        except (LookupError, ValueError):
            return action
        return gettext("Viewed: %(thing)s") % {"thing": model._meta.verbose_name}
    return action


def describe_family(family: str) -> str:
    return str(_FAMILIES.get(family, family))


def describe_purpose(purpose: str, data: dict | None = None) -> str:
    """A registered purpose code in the reader's language (with its parameters from the event's
    `purpose_params`, if any); free text given by a person stays as they wrote it."""
    label = _PURPOSES.get(purpose)
    if label is None:
        return purpose
    params = dict((data or {}).get("purpose_params") or {})
    if "language" in params:  # a language code reads as the language's name, in the reader's language
        from django.conf import settings

        params["language"] = str(settings.LANGUAGE_NAMES_IN_ENGLISH.get(params["language"], params["language"]))
    text = str(label)
    try:
        return text % params if params else text
    except (KeyError, TypeError, ValueError):
        return text


def known_actions() -> list[str]:
    return list(_ACTIONS)


def action_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Every known action, grouped by family (for a <select> with option groups), in the reader's language."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for code, label in _ACTIONS.items():
        groups.setdefault(family_of(code), []).append((code, str(label)))
    return sorted(((describe_family(family), sorted(items, key=lambda c: c[1])) for family, items in groups.items()),
                  key=lambda g: g[0])


def family_choices() -> list[tuple[str, str]]:
    families = {family_of(code) for code in _ACTIONS} | set(_FAMILIES)
    return sorted(((f, describe_family(f)) for f in families), key=lambda c: c[1])


register(
    actions={
        "core.organisation.created": _("Organisation created"),
        "core.organisation.updated": _("Organisation updated"),
        "core.organisation.deactivated": _("Organisation deactivated"),
        "core.organisation.reactivated": _("Organisation reactivated"),
        "core.invitation.created": _("Invitation sent"),
        "core.invitation.revoked": _("Invitation revoked"),
        "core.invitation.accepted": _("Invitation accepted"),
        "core.membership.roles_changed": _("Roles changed"),
        "core.membership.deactivated": _("Membership deactivated"),
        "core.membership.reactivated": _("Membership reactivated"),
        "core.membership.viewed": _("Viewed a membership"),
        "core.audit.exported": _("Exported the audit trail"),
        "core.audit.key_rotated": _("Rotated the audit trail's signing key"),
        "core.retention.purged": _("Expired records purged"),
        "core.keys.rotated": _("Encryption keys rotated"),
        "admin.object.added": _("Added in the administration site"),
        "admin.object.changed": _("Changed in the administration site"),
        "admin.object.deleted": _("Deleted in the administration site"),
    },
    families={
        "core.organisation": _("Organisations"),
        "core.invitation": _("Invitations"),
        "core.membership": _("Memberships and roles"),
        "core.audit": _("Audit trail"),
        "core.retention": _("Retention"),
        "core.keys": _("Encryption keys"),
        "admin.object": _("Administration site"),
    },
)
