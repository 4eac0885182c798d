"""The subject-access export as PDF: an HTML template rendered by WeasyPrint."""

from django.template.loader import render_to_string
from django.utils import timezone


def render_subject_access_pdf(*, record, data: dict) -> bytes:
    # Imported here: WeasyPrint needs the system's Pango library, and only this export uses it.
    from weasyprint import HTML

    html = render_to_string("cooperation/subject_access.html", {"record": record, "data": data,
                                                                 "generated_at": timezone.now()})
    return HTML(string=html).write_pdf()
