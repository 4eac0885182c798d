"""Where files live. Sensitive uploads go to the private storage, which no URL serves."""

from django.core.files.storage import storages


def private_storage():
    return storages["private"]
