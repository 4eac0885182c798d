"""Notifications stored as a code and parameters and rendered on read, in the language of the page that shows them.

A sender writes

    notification_send(recipients=[user], title=message(N_("You were added to the team of %(reference)s"),
                                                       reference=record.reference),
                      url=reverse("cooperation:record", args=[record.pk]), target=record)

`N_` (gettext_noop) marks the text for the catalogues; the English text is the code. A parameter may itself be
translatable (`label(Referral.Kind.HANDOVER.label)`), a moment (`moment(dt)`, shown in the reader's format) or a
list of labels (`labels([...])`). `target` is the object the link opens: when the page shows the notification,
the policy is asked (in bulk) whether the reader may still open it; if not, the notification shows without its
link and says the page is no longer available.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.apps import apps
from django.utils import formats, timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as N_  # noqa: N812  (the conventional name)

__all__ = ["N_", "Message", "label", "labels", "message", "moment", "msgid_of", "prepare_for_display", "render"]


@dataclass(frozen=True)
class Message:
    code: str
    params: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        return {"code": self.code, "params": self.params}


def msgid_of(lazy_text) -> str:
    """The msgid behind a lazy translation (gettext_lazy("Handover")), or the text itself."""
    args = getattr(lazy_text, "_args", None)
    if args and isinstance(args[0], str):
        return args[0]
    with translation.override("en"):
        return str(lazy_text)


def label(lazy_text, *, lower: bool = False) -> dict:
    return {"_msg": msgid_of(lazy_text), **({"lower": True} if lower else {})}


def labels(lazy_texts) -> dict:
    return {"_msgs": [msgid_of(t) for t in lazy_texts]}


def moment(value: dt.datetime) -> dict:
    return {"_dt": value.isoformat()}


def message(code: str, **params) -> Message:
    return Message(code, {k: v if isinstance(v, dict | int | float) else str(v) for k, v in params.items()})


def _param(value):
    if isinstance(value, dict):
        if "_msg" in value:
            text = gettext(value["_msg"])
            return text.lower() if value.get("lower") else text
        if "_msgs" in value:
            return ", ".join(gettext(m) for m in value["_msgs"]) or gettext("No roles")
        if "_dt" in value:
            try:
                when = dt.datetime.fromisoformat(value["_dt"])
            except ValueError:
                return value["_dt"]
            return formats.date_format(timezone.localtime(when) if timezone.is_aware(when) else when,
                                       "SHORT_DATETIME_FORMAT")
    return value


def render(code: str, params: dict | None = None) -> str:
    """The text of a code in the active language, its parameters filled in (as they are when one is missing)."""
    text = gettext(code)
    if not params:
        return text
    try:
        return text % {k: _param(v) for k, v in params.items()}
    except (KeyError, TypeError, ValueError):
        return code % {k: _param(v) for k, v in params.items()} if "%(" in code else text


def _in_page_language(url: str) -> str:
    """The link under the language of the page showing it (a /fr/ page links to /fr/…)."""
    from django.urls import Resolver404, translate_url

    if not url or not url.startswith("/"):
        return url
    language = translation.get_language() or "en"
    stored = translation.get_language_from_path(url)
    if stored == language:
        return url
    try:
        with translation.override(stored or language):
            return translate_url(url, language)
    except Resolver404:  # pragma: no cover - translate_url returns the url unchanged
        return url


def _openable(actor, notifications) -> set[tuple[str, str]]:
    """The (target_type, target_id) pairs among these notifications that the actor may still open: one query per
    kind of target for the plain "view" action, asking the policy's list face; other actions ask the object face."""
    from . import access

    wanted: dict[tuple[str, str], set[str]] = {}
    for n in notifications:
        if n.target_type and n.target_id:
            wanted.setdefault((n.target_type, n.target_action or access.VIEW), set()).add(n.target_id)
    openable = set()
    for (target_type, action), ids in wanted.items():
        try:
            model = apps.get_model(target_type)
        except (LookupError, ValueError):
            continue
        pks = [int(i) for i in ids if i.isdigit()]
        if action == access.VIEW:
            found = access.visible(actor, model).filter(pk__in=pks).values_list("pk", flat=True)
            openable |= {(target_type, str(pk)) for pk in found}
        else:
            for obj in model._default_manager.filter(pk__in=pks):
                if access.can(actor, action, obj):
                    openable.add((target_type, str(obj.pk)))
    return openable


def prepare_for_display(actor, notifications) -> list:
    """Give each notification `display_title`, `display_body`, `display_url` (empty when its target can no
    longer be opened) and `unavailable`, in the active language."""
    notifications = list(notifications)
    openable = _openable(actor, notifications)
    for n in notifications:
        n.display_title = render(n.title_code, n.params.get("title")) if n.title_code else n.title
        n.display_body = render(n.body_code, n.params.get("body")) if n.body_code else n.body
        reachable = not n.target_type or (n.target_type, n.target_id) in openable
        n.unavailable = bool(n.url) and not reachable
        n.display_url = _in_page_language(n.url) if reachable else ""
    return notifications
