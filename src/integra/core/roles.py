"""The roles a person can hold in an organisation (DESIGN.md §3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    FRONTLINE = "frontline", _("Frontline practitioner")
    TRAINER = "trainer", _("Trainer")
    MENTOR = "mentor", _("Mentor")
    MENTORING_COORDINATOR = "mentoring_coordinator", _("Mentoring coordinator")
    CASE_MANAGER = "case_manager", _("Case manager")
    RESEARCHER = "researcher", _("Researcher / editor")
    EVENT_ORGANISER = "event_organiser", _("Event organiser")
    ORG_ADMIN = "org_admin", _("Organisation administrator")
    DATA_PROTECTION = "data_protection", _("Data-protection officer")
    CURRICULUM_DESIGNER = "designer", _("Curriculum designer")


ROLE_DESCRIPTIONS = {
    Role.FRONTLINE: _("Prison officer, probation officer or community worker: training, caseload, assessments."),
    Role.TRAINER: _("Runs cohorts and sessions and follows learners' progress."),
    Role.MENTOR: _("Supports a mentee: sessions, goals, raising concerns."),
    Role.MENTORING_COORDINATOR: _("Recruits, vets, matches and supervises mentors."),
    Role.CASE_MANAGER: _("Coordinates the transition record, the team around the person and case conferences."),
    Role.RESEARCHER: _("Collects, reviews and publishes practices and research."),
    Role.EVENT_ORGANISER: _("Organises joint staff training events."),
    Role.ORG_ADMIN: _("Manages the organisation's people, roles and settings."),
    Role.DATA_PROTECTION: _("Answers who saw which record, when and why."),
    Role.CURRICULUM_DESIGNER: _("Maintains the competences blueprint and writes and publishes courses."),
}

# Roles that can see personal data about people in transition: a second factor is mandatory for them.
ROLES_REQUIRING_SECOND_FACTOR = frozenset(
    {
        Role.FRONTLINE,
        Role.MENTOR,
        Role.MENTORING_COORDINATOR,
        Role.CASE_MANAGER,
        Role.ORG_ADMIN,
        Role.DATA_PROTECTION,
    }
)

# Roles that may read their organisation's audit trail.
AUDIT_READER_ROLES = frozenset({Role.ORG_ADMIN, Role.DATA_PROTECTION})
