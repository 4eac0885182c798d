"""Checks on lesson content: sanitised HTML, media types and captions, scenarios."""

import nh3
from django.utils.translation import gettext as _

from integra.core.errors import invalid

ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "u", "ul", "ol", "li", "h2", "h3", "h4", "blockquote", "a",
                "table", "thead", "tbody", "tr", "th", "td", "code", "pre", "hr"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "td": {"colspan", "rowspan"}}
MEDIA_TYPES = {
    "image": (".png", ".jpg", ".jpeg", ".webp", ".svg"),
    "video": (".mp4", ".webm"),
    "audio": (".mp3", ".ogg", ".m4a", ".wav"),
    "file": (".pdf", ".docx", ".odt", ".pptx", ".odp", ".txt"),
}
MAX_MEDIA_BYTES = 200 * 1024 * 1024


def clean_html(html: str) -> str:
    return nh3.clean(html or "", tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, link_rel="noopener noreferrer",
                     url_schemes={"https", "http", "mailto"})


def check_media(kind: str, upload) -> None:
    if upload is None:
        return
    name = upload.name.lower()
    if kind not in MEDIA_TYPES or not name.endswith(MEDIA_TYPES[kind]):
        raise invalid(_("This file type is not accepted for this block. Accepted: %(types)s.")
                      % {"types": ", ".join(MEDIA_TYPES.get(kind, ()))}, field="media")
    if upload.size > MAX_MEDIA_BYTES:
        raise invalid(_("The file is larger than 200 MB."), field="media")


def check_captions(upload) -> None:
    if upload is None:
        return
    head = upload.read(16)
    upload.seek(0)
    if not upload.name.lower().endswith(".vtt") or not head.lstrip(b"\xef\xbb\xbf").startswith(b"WEBVTT"):
        raise invalid(_("Captions must be a WebVTT file (.vtt starting with WEBVTT)."), field="captions")


def check_scenario(data: dict) -> None:
    """A scenario: a start step, steps with text and choices, each choice leading to an existing step or ending."""
    steps = data.get("steps") if isinstance(data, dict) else None
    if not steps or data.get("start") not in steps:
        raise invalid(_("The scenario needs a start step."), field="data")
    for key, step in steps.items():
        for choice in step.get("choices", []):
            target = choice.get("next")
            if target and target not in steps:
                raise invalid(_("Step “%(step)s” leads to a step that does not exist: “%(target)s”.")
                              % {"step": key, "target": target}, field="data")


def is_final_step(data: dict, step_key: str) -> bool:
    return not data.get("steps", {}).get(step_key, {}).get("choices")
