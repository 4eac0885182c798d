"""Background work for the platform: e-mail goes out through the tasks framework, never in the request."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task

log = logging.getLogger(__name__)


@task()
def email_send(*, to: list[str], subject: str, body: str) -> int:
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to, fail_silently=False)


def enqueue_email_on_commit(*, to: list[str], subject: str, body: str) -> None:
    """Queue an e-mail once the surrounding transaction commits. A broken mail server or queue is logged;
    the user's data is already saved and their page still answers."""
    from django.db import transaction

    def enqueue():
        try:
            email_send.enqueue(to=to, subject=str(subject), body=str(body))
        except Exception:
            log.exception("could not send e-mail %r to %s", subject, to)

    transaction.on_commit(enqueue)
