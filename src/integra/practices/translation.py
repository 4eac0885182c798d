"""Practice, approach, lesson and publication texts are translatable per field, with fallback to English."""

from modeltranslation.translator import TranslationOptions, register

from .models import Approach, Chapter, LessonLearned, Practice, Publication


@register(Practice)
class PracticeTranslation(TranslationOptions):
    fields = Practice.TEXT_FIELDS


@register(Approach)
class ApproachTranslation(TranslationOptions):
    fields = ("title", "description", "aims", "methods")


@register(LessonLearned)
class LessonLearnedTranslation(TranslationOptions):
    fields = ("title", "summary", "body")


@register(Publication)
class PublicationTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(Chapter)
class ChapterTranslation(TranslationOptions):
    fields = ("title", "body", "link_label")
