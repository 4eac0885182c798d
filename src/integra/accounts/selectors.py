"""Reads about accounts shared by pages and the API."""

from .models import User


def account_exists(*, email: str) -> bool:
    """Whether someone already has an account under this address (an invitation then asks them to sign in)."""
    return User.objects.filter(email__iexact=email).exists()
