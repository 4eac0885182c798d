"""How each timeline entry reads, in the viewer's language (the entry stores a kind and data, not text)."""

from django.utils.translation import gettext as _

from .models import AccessLevel, Phase, Section


def _phase(code):
    return str(Phase(code).label) if code in Phase.values else code


def describe(entry) -> str:
    d = entry.data
    org = {"organisation": d.get("organisation")}
    texts = {
        "opened": lambda: _("Record opened (%(phase)s)") % {"phase": _phase(d.get("phase"))},
        "updated": lambda: _("Details updated: %(fields)s") % {"fields": ", ".join(d.get("fields", []))},
        "phase_changed": lambda: _("Phase changed from %(previous)s to %(phase)s")
        % {"previous": _phase(d.get("previous")), "phase": _phase(d.get("phase"))},
        "rights_changed": lambda: _("Data-protection flags changed"),
        "identity_updated": lambda: _("Identity details updated"),
        "basis_added": lambda: _("Sharing basis recorded for %(recipients)s")
        % {"recipients": ", ".join(d.get("recipients", []))},
        "basis_withdrawn": lambda: _("Consent or basis withdrawn for %(recipients)s")
        % {"recipients": ", ".join(d.get("recipients", []))},
        "team_added": lambda: _("%(person)s (%(organisation)s) joined the team with %(level)s access")
        % {"person": d.get("person"), "organisation": d.get("organisation"),
           "level": str(AccessLevel(d["level"]).label) if d.get("level") in AccessLevel.values else d.get("level")},
        "team_removed": lambda: _("%(person)s left the team") % {"person": d.get("person")},
        "referral_sent": lambda: _("Referred to %(organisation)s") % org + _held_back(d),
        "referral_accepted": lambda: _("%(organisation)s accepted the referral") % org,
        "referral_declined": lambda: _("%(organisation)s declined the referral") % org,
        "referral_revoked": lambda: _("Referral to %(organisation)s revoked") % org,
        "handed_over": lambda: _("Handed over to %(organisation)s") % org + _held_back(d),
        "team_access_ended": lambda: _("%(person)s (%(organisation)s) no longer has access: the handover ended it, "
                                       "as the agreement and the person's consent or legal basis do not cover their "
                                       "organisation") % {"person": d.get("person"),
                                                          "organisation": d.get("organisation")},
        "team_access_adjusted": lambda: _("%(person)s (%(organisation)s) keeps %(level)s access after the handover, "
                                          "as the agreement and the person's consent or legal basis allow")
        % {"person": d.get("person"), "organisation": d.get("organisation"),
           "level": str(AccessLevel(d["level"]).label) if d.get("level") in AccessLevel.values else d.get("level")},
        "conference_scheduled": lambda: _("Case conference scheduled: %(title)s") % {"title": d.get("title")},
        "conference_recorded": lambda: _("Case conference held: %(title)s") % {"title": d.get("title")},
        "action_created": lambda: _("Action for %(owner)s: %(title)s")
        % {"owner": d.get("owner"), "title": entry.detail},
        "action_updated": lambda: _("Action updated: %(title)s") % {"title": entry.detail},
        "note_added": lambda: _("Note added (%(section)s)") % {"section": _section(d, entry)},
        "document_added": lambda: _("Document added (%(section)s): %(title)s")
        % {"section": _section(d, entry), "title": entry.detail},
        "flag_added": lambda: _("Flag added"),
        "flag_removed": lambda: _("Flag removed"),
        "emergency_access": lambda: _("Emergency access by %(person)s: %(reason)s")
        % {"person": d.get("person"), "reason": entry.detail},
    }
    render = texts.get(entry.kind)
    return render() if render else entry.kind


def _section(data, entry):
    code = entry.section or data.get("section", "")
    return str(Section(code).label) if code in Section.values else code


def _held_back(data) -> str:
    codes = data.get("held_back") or []
    if not codes:
        return ""
    labels = ", ".join(str(Section(c).label) if c in Section.values else c for c in codes)
    return " " + _("(did not travel: %(sections)s)") % {"sections": labels}
