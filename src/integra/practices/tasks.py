"""Background work of the knowledge base."""

from django_tasks import task


@task()
def propose_stale_practices_for_archiving() -> int:
    """Daily: published practices not updated for PRACTICES_STALE_AFTER_DAYS are proposed for archiving and their
    owners told (an editor decides; an update by the owner withdraws the proposal)."""
    from .services import practices_propose_stale_for_archiving

    return practices_propose_stale_for_archiving()
