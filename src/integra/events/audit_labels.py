"""The events app's audit codes in words (registered from `EventsConfig.ready`)."""

from django.utils.translation import gettext_lazy as _

from integra.core.audit_labels import register

register(
    actions={
        "events.event.created": _("Event created"),
        "events.event.updated": _("Event updated"),
        "events.quota.set": _("Quota set"),
        "events.room.added": _("Room added"),
        "events.speaker.added": _("Speaker added"),
        "events.slot.created": _("Agenda slot created"),
        "events.slot.updated": _("Agenda slot updated"),
        "events.slot.deleted": _("Agenda slot deleted"),
        "events.registration.applied": _("Applied to an event"),
        "events.registration.approved": _("Registration approved"),
        "events.registration.waiting": _("Registration put on the waiting list"),
        "events.registration.declined": _("Registration declined"),
        "events.registration.cancelled": _("Registration cancelled"),
        "events.registration.promoted": _("Registration moved up from the waiting list"),
        "events.registration.groups_chosen": _("Working groups chosen"),
        "events.attendance.marked": _("Attendance taken"),
        "events.evaluation.submitted": _("Event evaluation submitted"),
        "events.question.created": _("Evaluation question created"),
        "events.question.deleted": _("Evaluation question deleted"),
        "events.certificates.issued": _("Certificates of attendance issued"),
    },
    families={
        "events.event": _("Events"),
        "events.quota": _("Quotas"),
        "events.room": _("Agenda"),
        "events.speaker": _("Agenda"),
        "events.slot": _("Agenda"),
        "events.registration": _("Registrations"),
        "events.attendance": _("Attendance"),
        "events.evaluation": _("Evaluations"),
        "events.question": _("Evaluations"),
        "events.certificates": _("Certificates"),
    },
)
