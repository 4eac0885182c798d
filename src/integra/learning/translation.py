"""Course content and the blueprint are translatable per field, with fallback to English."""

from modeltranslation.translator import TranslationOptions, register

from .models import Block, Competence, CompetenceArea, Course, LearningOutcome, Lesson, Module, Question, Quiz


@register(CompetenceArea)
class CompetenceAreaTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Competence)
class CompetenceTranslation(TranslationOptions):
    fields = ("title", "description")


@register(LearningOutcome)
class LearningOutcomeTranslation(TranslationOptions):
    fields = ("text",)


@register(Course)
class CourseTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(Module)
class ModuleTranslation(TranslationOptions):
    fields = ("title",)


@register(Lesson)
class LessonTranslation(TranslationOptions):
    fields = ("title",)


@register(Block)
class BlockTranslation(TranslationOptions):
    fields = ("body", "alt_text", "transcript", "data")


@register(Question)
class QuestionTranslation(TranslationOptions):
    fields = ("text", "data", "feedback")


@register(Quiz)
class QuizTranslation(TranslationOptions):
    fields = ("title",)
