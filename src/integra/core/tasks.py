"""Background work for the platform: e-mail goes out through the tasks framework, never in the request."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django_tasks import task

log = logging.getLogger(__name__)


@task()
def email_send(*, to: list[str], subject: str, body: str, attachments: list[dict] | None = None) -> int:
    """`attachments`: [{"filename", "content" (text), "mimetype"}] — text only, so the task stays JSON."""
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, to)
    for attachment in attachments or []:
        message.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
    return message.send(fail_silently=False)


def enqueue_email_on_commit(*, to: list[str], subject: str, body: str, attachments: list[dict] | None = None) -> None:
    """Queue an e-mail once the surrounding transaction commits. A broken mail server or queue is logged;
    the user's data is already saved and their page still answers."""
    from django.db import transaction

    def enqueue():
        try:
            email_send.enqueue(to=to, subject=str(subject), body=str(body), attachments=attachments or [])
        except Exception:
            log.exception("could not send e-mail %r to %s", subject, to)

    transaction.on_commit(enqueue)


@task()
def audit_seal_task() -> int:
    """Seal the settled pending audit events into a signed checkpoint; returns the tree size (0: nothing new)."""
    from .audit_seal import seal

    checkpoint = seal()
    return checkpoint.tree_size if checkpoint else 0
