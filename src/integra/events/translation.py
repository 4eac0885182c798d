"""Event texts are translatable per field, with fallback to English."""

from modeltranslation.translator import TranslationOptions, register

from .models import EvaluationQuestion, Event, EventSeries, Slot


@register(EventSeries)
class EventSeriesTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Slot)
class SlotTranslation(TranslationOptions):
    fields = ("title", "location")


@register(EvaluationQuestion)
class EvaluationQuestionTranslation(TranslationOptions):
    fields = ("text",)
