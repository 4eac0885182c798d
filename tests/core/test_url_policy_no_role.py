"""The URL walk again, as a signed-in person who holds no role, with real ids from the demo: every route that
is not meant for everyone answers 403, 404 or 405 — never 200, a redirect into the page, a 400 that shows the
form was read, or a 500."""

import re

import pytest

from tests.core.test_url_policy import PUBLIC_ROUTES, _example_path, _module, _routes

# Routes every signed-in person may open, with no role at all: their own space, the partner directory, and
# learning and published events (everyone may learn and apply). Every other route must answer such a person
# 403, 404 or 405, whatever real id it is given.
EVERYONE_SIGNED_IN_ROUTES = {
    "core:dashboard", "core:organisation_list", "core:organisation_detail", "core:audit", "core:audit_export",
    "core:notifications", "core:notifications_read_all", "core:notification_read", "accounts:profile",
    "accounts:tokens", "learning:home", "learning:catalogue", "learning:course", "learning:lesson", "learning:quiz",
    "learning:blueprint", "learning:my_certificates", "learning:trainer", "learning:course_enrol",
    "learning:course_evaluation", "learning:lesson_complete", "learning:lesson_reflection", "learning:lesson_scenario",
    "learning:lesson_feedback", "learning:quiz_start", "learning:quiz_submit",
    "learning:cohorts",  # the cohorts one learns in (none for this person)
    "events:list", "events:event",
    "events:register", "api:user-me", "api:enrolment-list", "api:progress-list",
    "api:event-registrations",  # applying to a published event
    "practices:mine", "practices:contacts",  # their own practices and contact requests (none for this person)
}
# API routes whose GET answers everyone (a list of what the policy lets them see, empty for this person, or a
# published row); their other methods must still refuse.
EVERYONE_SIGNED_IN_READS = {
    "api:organisation-list", "api:organisation-detail", "api:user-list", "api:user-detail", "api:audit-event-list",
    "api:audit-event-export", "api:competence-list", "api:competence-detail", "api:course-list", "api:course-detail",
    "api:certificate-list", "api:event-list", "api:event-detail", "api:event-agenda", "api:membership-list",
    "api:cohort-list", "api:case-list", "api:referral-list", "api:conference-list", "api:action-list",
    "api:sharing-agreement-list", "api:invitation-list", "api:instrument-list", "api:assessment-list",
    "api:mentor-list", "api:match-list", "api:mentoring-session-list", "api:concern-list",
    "api:circle-list", "api:circle-meeting-list",  # the circles the person is in (none)
    "api:vetting-check-list", "api:mentee-list", "api:goal-list", "api:supervision-list",
    "api:study-list",  # the studies of the person's study teams (none)
    "api:calibration-round-list", "api:action-plan-item-list", "api:survey-list", "api:wave-list",
}


def _ids_to_try(route: str) -> list[str]:
    """The route's example path with every integer argument set to real ids of the demo (1, 2, 3)."""
    return [re.sub(r"/1(?=/|\.|$)", f"/{pk}", _example_path(route)) for pk in (1, 2, 3)]


@pytest.mark.django_db
def test_a_signed_in_person_with_no_role_is_refused_everything_else(client):
    from django.core.management import call_command

    from integra.accounts.models import User

    call_command("demo", verbosity=0)
    nobody = User.objects.create_user(email="nobody@example.org", password="A-long-password-1", full_name="No Role")
    client.force_login(nobody)
    answered = []
    for route, name, callback in _routes():
        module = _module(callback)
        if not module.startswith("integra") or name in PUBLIC_ROUTES or name in EVERYONE_SIGNED_IN_ROUTES:
            continue
        if "<drf_format_suffix" in route or "(?P<format>" in route:
            continue
        for path in dict.fromkeys(_ids_to_try(route)):
            path = path.replace("/<lang>", "")
            if path.startswith("/<") or "(" in path:
                continue
            for method in ("post",) if name in EVERYONE_SIGNED_IN_READS else ("get", "post"):
                response = getattr(client, method)(path)
                if response.status_code not in (403, 404, 405):
                    answered.append(f"{method.upper()} {path} ({name}) -> {response.status_code}")
    assert not answered, "A person with no role reached:\n" + "\n".join(answered)
