from django.conf import settings

from .navigation import nav_for


def shell(request):
    """What the page frame needs: navigation for the person's roles, unread count, languages."""
    user = getattr(request, "user", None)
    context = {"integra_languages": settings.LANGUAGES}
    if user is not None and user.is_authenticated:
        context["nav_items"] = nav_for(user, request.path)
        context["unread_notifications"] = user.notifications.filter(read_at__isnull=True).count()
    return context
