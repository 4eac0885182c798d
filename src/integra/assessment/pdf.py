"""The assessment report as a tagged PDF (PDF/UA-1): an HTML template rendered by WeasyPrint."""

from django.template.loader import render_to_string
from django.utils import timezone

from . import selectors


def render_report_pdf(*, actor, assessment) -> bytes:
    # Imported here: WeasyPrint needs the system's Pango library, and only the reports use it.
    from weasyprint import HTML

    view = selectors.assessment_view(actor=actor, assessment=assessment)
    names = {i.name: i.label for d in view["domains"] for i in d.items}
    html = render_to_string("assessment/report.html", {
        "assessment": assessment, "view": view, "generated_at": timezone.now(),
        "language": selectors.language(),
        "significant": [names.get(n, n) for n in assessment.significant_items],
        "disagreements": [names.get(n, n) for n in assessment.disagreements],
        "title": selectors.instruments.text(assessment.definition["title"], selectors.language())})
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
