"""Translatable content fields (django-modeltranslation): one column per language, English fallback."""

from modeltranslation.translator import TranslationOptions, register

from .models import Organisation


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("description",)
    fallback_languages = {"default": ("en",)}
