"""The subject-access copy as an accessible PDF: an HTML template rendered by WeasyPrint as PDF/UA-1 (tagged,
with the document's language and title), in the language chosen at release."""

from django.template.loader import render_to_string
from django.utils import timezone, translation


def subject_access_html(*, record, data: dict, language: str | None = None, withheld: dict | None = None,
                        reviewed=None, release=None) -> tuple[str, str]:
    """(html, language): the copy as HTML in `language` (default: the person's, else the active language)."""
    from .selectors import access_log, access_log_rows
    from .subject_access import build_document, preferred_language

    language = language or preferred_language(record) or translation.get_language() or "en"
    with translation.override(language):
        officer = str(release.released_by) if release is not None and release.released_by else ""
        document = build_document(record=record, data=data, withheld=withheld, reviewed=reviewed, release=release,
                                  access_rows=access_log_rows(record=record, events=access_log(record=record)),
                                  officer=officer)
        html = render_to_string("cooperation/subject_access.html", {
            "record": record, "document": document, "language": language,
            "generated_at": timezone.now()})
    return html, language


def render_subject_access_pdf(*, record, data: dict, language: str | None = None, withheld: dict | None = None,
                              reviewed=None, release=None) -> bytes:
    # Imported here: WeasyPrint needs the system's Pango library, and only this export uses it.
    from weasyprint import HTML

    html, _language = subject_access_html(record=record, data=data, language=language, withheld=withheld,
                                          reviewed=reviewed, release=release)
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
