"""A publication as a tagged PDF (WeasyPrint's PDF/UA output: headings, language and reading order tagged)."""

from django.template.loader import render_to_string
from django.utils.translation import get_language


def render_publication_pdf(*, publication, chapters, practices, lessons) -> bytes:
    # Imported here: WeasyPrint needs the system's Pango library, and only the exports use it.
    from weasyprint import HTML

    html = render_to_string("practices/publication_pdf.html", {
        "publication": publication, "chapters": chapters, "practices": practices, "lessons": lessons,
        "language": (get_language() or "en")[:2]})
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
