"""How an audit event's record and person read for a person: "TR-DEMO-0001", "Sofia training week", "Marie
Dupont (SPIP de Paris)" rather than `cooperation.transitionrecord #1` and an e-mail address.

Each app registers, from its `AppConfig.ready`, one bulk function per model label: given the ids on a page it
returns {id: text} in ONE query, so a page of events costs one query per kind of record on it, never one per row:

    register_display("cooperation.transitionrecord",
                     lambda ids: dict(TransitionRecord.objects.filter(pk__in=ids).values_list("pk", "reference")))

and, where people type a reference to find a record, a lookup from that reference to the record's id:

    register_reference("cooperation.transitionrecord", lambda ref: ...first pk or None...)

The texts are for readers of the audit trail (the data-protection officer, the organisation administrator):
references and titles, never the content of a sensitive record.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

_DISPLAYS: dict[str, Callable[[list[str]], dict]] = {}
_REFERENCES: dict[str, Callable[[str], str | None]] = {}


def register_display(model_label: str, resolve: Callable[[list[str]], dict]) -> None:
    _DISPLAYS[model_label] = resolve


def register_reference(model_label: str, lookup: Callable[[str], object]) -> None:
    _REFERENCES[model_label] = lookup


def _int_ids(ids: Iterable[str]) -> list[int]:
    return [int(i) for i in ids if str(i).isdigit()]


def _fallback(object_type: str, object_id: str) -> str:
    try:
        name = apps.get_model(object_type)._meta.verbose_name
    except (LookupError, ValueError):
        name = object_type
    return f"{str(name)[:1].upper()}{str(name)[1:]} #{object_id}"


def describe_objects(pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """{(object_type, object_id): text} for these pairs: one query per object type present."""
    by_type: dict[str, set[str]] = defaultdict(set)
    for object_type, object_id in pairs:
        if object_type:
            by_type[object_type].add(str(object_id))
    result = {}
    for object_type, ids in by_type.items():
        resolve = _DISPLAYS.get(object_type)
        found = {str(k): v for k, v in resolve(sorted(ids)).items()} if resolve else {}
        for object_id in ids:
            result[(object_type, object_id)] = str(found[object_id]) if object_id in found \
                else _fallback(object_type, object_id)
    return result


def find_reference(reference: str) -> tuple[str, str] | None:
    """The (object_type, object_id) of the record this reference names, asking each registered lookup."""
    reference = reference.strip()
    if not reference:
        return None
    for object_type, lookup in _REFERENCES.items():
        found = lookup(reference)
        if found is not None:
            return object_type, str(found)
    return None


def people_names(user_ids: Iterable[int]) -> dict[int, str]:
    """{user id: full name (or e-mail when the person gave no name)} in one query."""
    ids = {i for i in user_ids if i}
    if not ids:
        return {}
    return {pk: name or email for pk, name, email in
            get_user_model().objects.filter(pk__in=ids).values_list("pk", "full_name", "email")}


def people_organisations(user_ids: Iterable[int]) -> dict[int, str]:
    """{user id: the organisations the person works for, joined} in one query (active memberships)."""
    from .models import Membership

    ids = {i for i in user_ids if i}
    if not ids:
        return {}
    found: dict[int, list[str]] = defaultdict(list)
    for user_id, name in (Membership.objects.active().filter(user_id__in=ids)
                          .order_by("organisation__name").values_list("user_id", "organisation__name")):
        found[user_id].append(name)
    return {pk: ", ".join(names) for pk, names in found.items()}


def organisation_names(ids: Iterable[int]) -> dict[int, str]:
    from .models import Organisation

    ids = {i for i in ids if i}
    return dict(Organisation.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}


@dataclass(frozen=True)
class EventView:
    """One audit event as a person reads it."""

    event: object
    action: str
    person: str
    person_organisation: str  # whom the person acted for (the organisation they saw the record through)
    organisation: str  # the organisation the event belongs to (a record's owner...)
    record: str
    purpose: str


def present(events) -> list[EventView]:
    """The events with their words, people and records resolved in bulk (a fixed number of queries)."""
    from .audit_labels import describe, describe_purpose

    events = list(events)
    actor_ids = {e.actor_id for e in events if e.actor_id}
    names = people_names(actor_ids)
    acted_for = {e.data.get("by_organisation") for e in events if isinstance(e.data, dict)}
    acted_for = organisation_names(i for i in acted_for if isinstance(i, int))
    usual = people_organisations(i for i in actor_ids) if actor_ids else {}
    records = describe_objects((e.object_type, e.object_id) for e in events)
    views = []
    for e in events:
        data = e.data if isinstance(e.data, dict) else {}
        views.append(EventView(
            event=e, action=describe(e.action),
            person=names.get(e.actor_id) or e.actor_label or _("the system"),
            person_organisation=acted_for.get(data.get("by_organisation")) or usual.get(e.actor_id, ""),
            organisation=e.organisation.name if e.organisation_id and e.organisation else "",
            record=records.get((e.object_type, str(e.object_id)), ""),
            purpose=describe_purpose(e.purpose, data),
        ))
    return views


def _organisations(ids):
    from .models import Organisation

    return dict(Organisation.objects.filter(pk__in=_int_ids(ids)).values_list("pk", "name"))


def _users(ids):
    return {str(k): v for k, v in people_names(_int_ids(ids)).items()}


def _memberships(ids):
    from .models import Membership

    rows = Membership.objects.filter(pk__in=_int_ids(ids)).values_list(
        "pk", "user__full_name", "user__email", "organisation__name")
    return {pk: _("%(person)s in %(organisation)s") % {"person": name or email, "organisation": org}
            for pk, name, email, org in rows}


def _invitations(ids):
    from .models import Invitation

    rows = Invitation.objects.filter(pk__in=_int_ids(ids)).values_list("pk", "email", "organisation__name")
    return {pk: _("Invitation of %(email)s to %(organisation)s") % {"email": email, "organisation": org}
            for pk, email, org in rows}


register_display("core.organisation", _organisations)
register_display("accounts.user", _users)
register_display("core.membership", _memberships)
register_display("core.invitation", _invitations)
