"""Upload checks: declared type, actual content (magic bytes) and size, before anything is stored."""

from django.utils.translation import gettext as _

from integra.core.errors import invalid

MAX_UPLOAD_BYTES = 10 * 1024 * 1024

# extension -> (content type, how the file must start)
ALLOWED_TYPES = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)),
    ".odt": ("application/vnd.oasis.opendocument.text", (b"PK\x03\x04",)),
    ".txt": ("text/plain", ()),
}


def checked_upload(upload) -> tuple[bytes, str]:
    """The file's bytes and content type, or a ValidationError saying what is wrong."""
    name = (upload.name or "").lower()
    extension = name[name.rfind("."):] if "." in name else ""
    if extension not in ALLOWED_TYPES:
        raise invalid(_("This type of file is not accepted. Accepted: PDF, PNG, JPEG, Word (.docx), "
                        "OpenDocument text (.odt) and plain text."), field="upload")
    if upload.size > MAX_UPLOAD_BYTES:
        raise invalid(_("The file is larger than 10 MB."), field="upload")
    content = upload.read()
    if not content:
        raise invalid(_("The file is empty."), field="upload")
    content_type, signatures = ALLOWED_TYPES[extension]
    if signatures and not content.startswith(signatures):
        raise invalid(_("The file's content does not match its type."), field="upload")
    if extension == ".txt":
        try:
            content.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise invalid(_("The text file is not UTF-8 text."), field="upload") from exc
    return content, content_type
