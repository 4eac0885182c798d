"""The subject-access copy as a document a person can read: labels and values in the language chosen at release,
dates in that language's format, one heading per kind of data, who saw the record in plain words, and the items
the data-protection officer withheld stated as "withheld under …".

It is built from `selectors.subject_access_data` (which decides WHAT is exported) — this module only says how it
reads. Call `build_document` inside `translation.override(language)`.
"""

import datetime as dt

from django.conf import settings
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from . import subject_access_sections
from .models import (
    AccessLevel,
    Action,
    CaseConference,
    Document,
    EmergencyAccess,
    Exemption,
    Flag,
    LegalBasis,
    LegalStatus,
    Note,
    PersonIdentity,
    Phase,
    Referral,
    Section,
    SharingBasis,
    TeamMember,
    TransitionRecord,
)

# The lists of `subject_access_data` whose items the officer may withhold, and the prefix of their keys.
WITHHOLDABLE = {"notes": "note", "documents": "document", "flags": "flag", "referrals": "referral",
                "conferences": "conference", "actions": "action", "emergency_accesses": "emergency",
                "sharing_bases": "basis"}


def withholdable() -> dict[str, str]:
    """Cooperation's lists and the sections the apps above it registered (subject_access_sections)."""
    return {**WITHHOLDABLE, **{s.name: s.prefix for s in subject_access_sections.sections()}}


def item_key(list_name: str, entry: dict, prefixes: dict | None = None) -> str:
    return f"{(prefixes or withholdable())[list_name]}:{entry.get('id')}"


def item_keys(data: dict) -> list[str]:
    prefixes = withholdable()
    return [item_key(name, entry, prefixes) for name in prefixes for entry in data.get(name) or []]


def preferred_language(record: TransitionRecord) -> str | None:
    """The first of the person's languages (free text: "Arabic, French") that the platform speaks."""
    codes = {code for code, _name in settings.LANGUAGES}
    names = {}
    for code, native in settings.LANGUAGES:
        names[native.casefold()] = code
        names[str(settings.LANGUAGE_NAMES_IN_ENGLISH.get(code, code)).casefold()] = code
        names[code] = code
    # the English names, whatever language is active
    names.update({"english": "en", "french": "fr", "bulgarian": "bg", "italian": "it", "portuguese": "pt",
                  "greek": "el"})
    for word in (record.languages or "").replace(";", ",").replace("/", ",").split(","):
        code = names.get(word.strip().casefold())
        if code in codes:
            return code
    return None


# --- values in words -------------------------------------------------------------------------------------------


def _label(model, field: str) -> str:
    return capfirst(str(model._meta.get_field(field).verbose_name))


def _when(value) -> str:
    if not value:
        return "—"
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value) if "T" in value else dt.date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, dt.datetime):
        return formats.date_format(timezone.localtime(value) if timezone.is_aware(value) else value,
                                   "DATETIME_FORMAT")
    return formats.date_format(value, "DATE_FORMAT")


def _yes_no(value) -> str:
    if value is None:
        return "—"
    return _("Yes") if value else _("No")


def _choice(choices, value) -> str:
    if value in (None, ""):
        return "—"
    return str(choices(value).label) if value in choices.values else str(value)


def _choices(choices, values) -> str:
    return ", ".join(_choice(choices, v) for v in values or []) or "—"


def _text(value) -> str:
    if value in (None, ""):
        return "—"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or "—"
    return str(value)


# The same words for the sections the apps above cooperation register (subject_access_sections).
label, when, yes_no, choice, choices, text = _label, _when, _yes_no, _choice, _choices, _text


# --- the document ----------------------------------------------------------------------------------------------


def _item(heading: str, fields: list, key: str, withheld: dict) -> dict:
    exemption = withheld.get(key)
    if exemption:
        return {"heading": heading, "fields": [], "withheld": _("Withheld under: %(exemption)s")
                % {"exemption": _choice(Exemption, exemption)}}
    return {"heading": heading, "fields": [(label, value) for label, value in fields], "withheld": ""}


def _kept(data: dict, name: str, reviewed) -> list[dict]:
    rows = data.get(name) or []
    if reviewed is None:
        return rows
    prefixes = withholdable()
    return [r for r in rows if item_key(name, r, prefixes) in reviewed]


def build_document(*, record, data: dict, access_rows: list[dict], withheld: dict | None = None,
                   reviewed=None, release=None, officer: str = "") -> dict:
    """Headings, labelled fields and items in the active language. `withheld` maps item keys to exemptions;
    `reviewed` (a set of keys, or None for everything) limits the items to those the officer reviewed."""
    withheld = withheld or {}
    prefixes = withholdable()
    rec = data.get("record") or {}
    sections = []

    sections.append({"title": _("Your record"), "fields": [
        (_label(TransitionRecord, "reference"), _text(rec.get("reference"))),
        (_label(TransitionRecord, "owner"), _text(rec.get("owner"))),
        (_label(TransitionRecord, "phase"), _choice(Phase, rec.get("phase"))),
        (_label(TransitionRecord, "establishment"), _text(rec.get("establishment"))),
        (_label(TransitionRecord, "expected_release_date"), _when(rec.get("expected_release_date"))),
        (_label(TransitionRecord, "legal_status"), _choice(LegalStatus, rec.get("legal_status"))),
        (_label(TransitionRecord, "languages"), _text(rec.get("languages"))),
        (_label(TransitionRecord, "restricted"), _yes_no(rec.get("restricted"))),
        (_label(TransitionRecord, "rectification_requested"), _yes_no(rec.get("rectification_requested"))),
        (_label(TransitionRecord, "legal_hold"), _yes_no(rec.get("legal_hold"))),
        (_("Opened on"), _when(rec.get("created_at"))),
        (_("Closed on"), _when(rec.get("closed_at"))),
    ], "items": []})

    identity = data.get("identity") or {}
    sections.append({"title": _("Your identity"), "fields": [
        (_label(PersonIdentity, f), _text(identity.get(f))) for f in identity], "items": [],
        "empty": _("No identity details are held.")})

    def listed(name, title, heading, fields, empty):
        items = [_item(heading(r), fields(r), item_key(name, r, prefixes), withheld)
                 for r in _kept(data, name, reviewed)]
        sections.append({"title": title, "fields": [], "items": items, "empty": empty})

    listed("sharing_bases", _("Consent and other legal bases for sharing"),
           lambda r: _choice(LegalBasis, r.get("basis")),
           lambda r: [(_label(SharingBasis, "scope"), _choices(Section, r.get("scope"))),
                      (_label(SharingBasis, "recipients"), _text(r.get("recipients"))),
                      (_label(SharingBasis, "given_on"), _when(r.get("given_on"))),
                      (_label(SharingBasis, "withdrawn_at"), _when(r.get("withdrawn_at"))),
                      (_label(SharingBasis, "evidence"), _text(r.get("evidence")))],
           _("No consent or other basis for sharing is recorded."))

    sections.append({"title": _("The team around you"), "fields": [], "empty": _("Nobody is on the team."), "items": [
        {"heading": _text(m.get("person")), "withheld": "", "fields": [
            (_("Organisation"), _text(m.get("organisation"))),
            (_label(TeamMember, "access_level"), _choice(AccessLevel, m.get("access_level"))),
            (_("Joined the team"), _when(m.get("added_at"))),
            (_("Left the team"), _when(m.get("removed_at")))]} for m in data.get("team") or []]})

    listed("notes", _("Notes"),
           lambda r: _("%(section)s, %(date)s") % {"section": _choice(Section, r.get("section")),
                                                   "date": _when(r.get("created_at"))},
           lambda r: [(_label(Note, "body"), _text(r.get("text"))), (_("Written by"), _text(r.get("author")))],
           _("No notes are held."))
    listed("documents", _("Documents"),
           lambda r: _text(r.get("title")),
           lambda r: [(_label(Document, "section"), _choice(Section, r.get("section"))),
                      (_("File"), _text(r.get("file_name"))), (_("Added on"), _when(r.get("created_at")))],
           _("No documents are held."))
    listed("flags", _("Flags"),
           lambda r: _choice(Flag.Kind, r.get("flag")),
           lambda r: [(_label(Flag, "detail"), _text(r.get("detail"))), (_("Added on"), _when(r.get("created_at"))),
                      (_("Removed on"), _when(r.get("removed_at")))],
           _("No flags are held."))
    listed("referrals", _("Referrals and handovers"),
           lambda r: _("%(kind)s to %(organisation)s") % {"kind": _choice(Referral.Kind, r.get("kind")),
                                                          "organisation": _text(r.get("to"))},
           lambda r: [(_label(Referral, "reason"), _text(r.get("reason"))),
                      (_("Status"), _choice(Referral.Status, r.get("status"))),
                      (_label(Referral, "sections"), _choices(Section, r.get("sections"))),
                      (_("Sent on"), _when(r.get("created_at"))),
                      (_label(Referral, "decision_reason"), _text(r.get("decision_reason")))],
           _("No referral or handover."))
    listed("conferences", _("Case conferences"),
           lambda r: _text(r.get("title")),
           lambda r: [(_label(CaseConference, "scheduled_at"), _when(r.get("scheduled_at"))),
                      (_("Status"), _choice(CaseConference.Status, r.get("status"))),
                      (_label(CaseConference, "agenda"), _text(r.get("agenda"))),
                      (_label(CaseConference, "minutes"), _text(r.get("minutes"))),
                      (_("Participants"), ", ".join(
                          (_("%(person)s (attended)") if p.get("attended") else _("%(person)s (did not attend)")
                           if p.get("attended") is False else "%(person)s") % {"person": p.get("person")}
                          for p in r.get("participants") or []) or "—"),
                      (_("Decisions"), "; ".join(r.get("decisions") or []) or "—")],
           _("No case conference."))
    listed("actions", _("Actions"),
           lambda r: _text(r.get("title")),
           lambda r: [(_("Owner"), _text(r.get("owner"))), (_label(Action, "due_date"), _when(r.get("due_date"))),
                      (_label(Action, "status"), _choice(Action.Status, r.get("status")))],
           _("No actions."))
    listed("emergency_accesses", _("Emergency access"),
           lambda r: _text(r.get("person")),
           lambda r: [(_label(EmergencyAccess, "reason"), _text(r.get("reason"))),
                      (_("Opened on"), _when(r.get("granted_at"))), (_("Until"), _when(r.get("expires_at")))],
           _("Nobody used emergency access to your record."))
    for registered in subject_access_sections.sections():
        listed(registered.name, str(registered.title), registered.heading, registered.fields, str(registered.empty))

    seen = [{"when": _when(row["when"]), "person": row["person"], "organisation": row["organisation"] or "—",
             "what": f"{row['action']} — {row['section']}" if row["section"] else row["action"],
             "purpose": row["purpose"] or "—"} for row in access_rows]

    about = [(_("Prepared by"), _text(rec.get("owner")))]
    if officer:
        about.append((_("Released by"), officer))
    if release is not None:
        about.append((_("Released on"), _when(release.released_at)))
    about.append((_("Items withheld"), str(len(withheld))))
    return {
        "title": _("Your personal data held in INTEGRA"),
        "subtitle": _("Subject-access copy for the record %(reference)s") % {"reference": _text(rec.get("reference"))},
        "intro": _("This copy lists everything the organisations working together on INTEGRA hold about you under "
                   "this record, and who saw it, when and why. Where an item is withheld, the copy says so and "
                   "under which exemption."),
        "sections": sections, "access": seen, "about": about,
        "withheld": [(key, _choice(Exemption, value)) for key, value in withheld.items()],
    }


def review_items(data: dict) -> list[dict]:
    """The items the officer may withhold, with a short summary each (in the officer's language)."""

    def short(text):
        text = str(text or "")
        return text if len(text) <= 140 else text[:139] + "…"

    kinds = {"notes": _("Note"), "documents": _("Document"), "flags": _("Flag"), "referrals": _("Referral"),
             "conferences": _("Case conference"), "actions": _("Action"), "emergency_accesses": _("Emergency access"),
             "sharing_bases": _("Consent or legal basis")}
    items = []
    prefixes = withholdable()
    for name in WITHHOLDABLE:
        for r in data.get(name) or []:
            section = r.get("section")
            summary = {
                "notes": lambda r: r.get("text"), "documents": lambda r: r.get("title"),
                "flags": lambda r: f"{_choice(Flag.Kind, r.get('flag'))}: {r.get('detail') or ''}",
                "referrals": lambda r: r.get("reason"), "conferences": lambda r: r.get("title"),
                "actions": lambda r: r.get("title"), "emergency_accesses": lambda r: r.get("reason"),
                "sharing_bases": lambda r: _choice(LegalBasis, r.get("basis")),
            }[name](r)
            date = r.get("created_at") or r.get("scheduled_at") or r.get("granted_at") or r.get("given_on") \
                or r.get("due_date")
            items.append({"key": item_key(name, r, prefixes), "kind": kinds[name],
                          "section": _choice(Section, section) if section else "",
                          "date": _when(date), "summary": short(summary),
                          "sensitive": section == Section.INTELLIGENCE})
    for registered in subject_access_sections.sections():
        for r in data.get(registered.name) or []:
            items.append({"key": item_key(registered.name, r, prefixes), "kind": str(registered.kind),
                          "section": _choice(Section, registered.section) if registered.section else "",
                          "date": _when(r.get(registered.date_key)), "summary": short(registered.summary(r)),
                          "sensitive": registered.section == Section.INTELLIGENCE})
    return items
