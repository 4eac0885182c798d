"""Notifications are rendered in the language of the page that shows them, keep the reader's language in their
links, and never link to something their recipient can no longer open."""

import importlib

from django.urls import reverse

from integra.core.models import Notification
from tests.conftest import signed_in


def test_a_notification_reads_in_the_language_of_the_page(shared_record, probation_cm):
    note = Notification.objects.get(recipient=probation_cm, title_code__startswith="You were added")
    assert note.params["title"] == {"reference": shared_record.reference}
    client = signed_in(probation_cm)
    en = client.get("/en/notifications/").content.decode()
    fr = client.get("/fr/notifications/").content.decode()
    pt = client.get("/pt/notifications/").content.decode()
    assert f"You were added to the team of {shared_record.reference}" in en
    assert f"Vous faites désormais partie de l&#x27;équipe de {shared_record.reference}" in fr
    assert "You were added" not in fr and "You were added" not in pt
    # The link keeps the reader's language.
    assert f'href="/fr/cases/{shared_record.pk}/"' in fr and f'href="/pt/cases/{shared_record.pk}/"' in pt
    assert f'href="/en/cases/{shared_record.pk}/"' in en


def test_a_conference_date_in_a_notification_follows_the_readers_format(shared_record, prison_cm, probation_cm):
    import datetime as dt

    from django.utils import timezone

    from integra.cooperation import services

    day = timezone.localdate() + dt.timedelta(days=7)
    when = timezone.make_aware(dt.datetime(day.year, day.month, day.day, 9, 30))
    services.conference_schedule(actor=prison_cm, record=shared_record, title="Planning", scheduled_at=when,
                                 participants=[probation_cm], location="Room 1")
    client = signed_in(probation_cm)
    assert f"{day.day} {day:%b} {day.year}, 09:30" in client.get("/en/notifications/").content.decode()
    assert f"{day:%d/%m/%Y} 09:30" in client.get("/fr/notifications/").content.decode()


def test_no_link_to_what_the_recipient_can_no_longer_open(shared_record, prison_cm, probation_cm):
    from integra.cooperation import services
    from integra.cooperation.models import TeamMember

    member = TeamMember.objects.get(record=shared_record, user=probation_cm)
    services.team_remove(actor=prison_cm, member=member)
    body = signed_in(probation_cm).get("/en/notifications/").content.decode()
    assert f"You were added to the team of {shared_record.reference}" in body
    assert f'href="/en/cases/{shared_record.pk}/"' not in body
    assert "no longer available to you" in body


def test_notifications_page_query_count_is_flat(shared_record, prison_cm, probation_cm, count_queries):
    from integra.cooperation import services

    client = signed_in(probation_cm)
    client.get(reverse("core:notifications"))
    n1, _ = count_queries(lambda: client.get(reverse("core:notifications")))
    for i in range(6):
        services.action_create(actor=prison_cm, record=shared_record, title=f"Call {i}", owner=probation_cm,
                               due_date=__import__("datetime").date.today())
    n2, _ = count_queries(lambda: client.get(reverse("core:notifications")))
    assert n2 == n1


def test_the_migration_gives_old_rows_their_code_and_target(shared_record, probation_cm):
    migration = importlib.import_module("integra.core.migrations.0009_notification_codes_and_targets")
    old = Notification.objects.create(
        recipient=probation_cm, title=f"Vous faites désormais partie de l'équipe de {shared_record.reference}",
        url=f"/fr/cases/{shared_record.pk}/")
    from django.apps import apps

    migration.codes_and_targets(apps, None)
    old.refresh_from_db()
    assert old.title_code == "You were added to the team of %(reference)s"
    assert old.params["title"] == {"reference": shared_record.reference}
    assert (old.target_type, old.target_id) == ("cooperation.transitionrecord", str(shared_record.pk))
    body = signed_in(probation_cm).get("/en/notifications/").content.decode()
    # Both rows, the old one now in English too (each title is written twice: the link and "mark as read").
    assert body.count(f"You were added to the team of {shared_record.reference}") == 4
