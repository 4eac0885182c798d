"""The policy's two faces agree, for every registered model and every person of the demo: the rows for which
`can(person, VIEW, row)` holds are exactly the rows `visible(person)` returns. A page that lists with one face
and opens with the other would otherwise show what it then refuses, or hide what it would open."""

import pytest
from django.core.management import call_command

from integra.accounts.models import User
from integra.core import access
from integra.core.access import VIEW, forget_roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_people():
    call_command("demo", verbosity=0)
    nobody = User.objects.create_user(email="nobody@example.org", password="A-long-password-1", full_name="No Role")
    return [*User.objects.exclude(pk=nobody.pk).order_by("email"), nobody]


def _fresh(user):
    """The person as a new request would see them: no cached roles or record access."""
    forget_roles(user)
    user.__dict__.pop("_integra_record_access", None)
    return user


def test_every_model_has_a_policy_and_the_demo_has_rows_to_check(demo_people):
    models = access.registered_models()
    assert len(models) >= 20
    empty = [m.__name__ for m in models if not m._default_manager.exists()]
    assert len(empty) <= len(models) // 3, f"too few demo rows to hold the policies to: {empty}"


def test_can_view_agrees_with_visible_for_every_policy_and_person(demo_people):
    # One test over all models, so the demo is loaded once; the message names every model and person that fails.
    disagreements = []
    for model in access.registered_models():
        rows = list(model._default_manager.all())
        for person in demo_people:
            person = _fresh(person)
            seen = set(access.visible(person, model).values_list("pk", flat=True))
            allowed = {row.pk for row in rows if access.can(person, VIEW, row)}
            if seen != allowed:
                disagreements.append(f"{model.__name__} for {person.email}: listed but refused "
                                     f"{sorted(seen - allowed)[:10]}, allowed but not listed "
                                     f"{sorted(allowed - seen)[:10]}")
    assert not disagreements, "The two faces disagree:\n" + "\n".join(disagreements)


def test_every_action_the_demo_records_reads_in_words(demo_people):
    """The audit trail shows no code: every action the demo of every app writes has its label and family (each
    app registers them in its audit_labels module), in English and in the partner languages."""
    from django.utils import translation

    from integra.core.audit_labels import describe, describe_family, family_of
    from integra.core.models import AuditEvent

    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {action.split(".")[0] for action in actions} >= {"assessment", "mentoring", "practices", "cooperation"}
    for language in ("en", "fr", "pt"):
        with translation.override(language):
            coded = sorted(a for a in actions if describe(a) == a or describe_family(family_of(a)) == family_of(a))
        assert coded == [], language
