"""How the events app's records read in the audit trail (registered from `EventsConfig.ready`; see
`core/audit_display.py`). One query per kind of record on a page."""

from django.utils.translation import gettext as _

from integra.core.audit_display import register_display

from .models import Event, Registration, Slot


def _ids(ids):
    return [int(i) for i in ids if str(i).isdigit()]


def _events(ids):
    return {e.pk: e.title for e in Event.objects.filter(pk__in=_ids(ids))}


def _registrations(ids):
    rows = Registration.objects.filter(pk__in=_ids(ids)).select_related("user", "event")
    return {r.pk: _("%(person)s at %(event)s") % {"person": r.user, "event": r.event.title} for r in rows}


def _slots(ids):
    rows = Slot.objects.filter(pk__in=_ids(ids)).select_related("event")
    return {s.pk: f"{s.title or s.get_kind_display()} · {s.event.title}" for s in rows}


register_display("events.event", _events)
register_display("events.registration", _registrations)
register_display("events.slot", _slots)
