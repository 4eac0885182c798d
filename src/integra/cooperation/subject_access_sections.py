"""The parts of a subject-access export that the apps above cooperation hold about the person (assessments of the
record, the person's mentoring). Cooperation may not import those apps, so they register their sections here from
their AppConfig.ready(); the JSON export, the readable copy, the officer's review (withheld items) and the
"authored" export of an organisation that no longer owns the record all take them from here.

A section's `collect(record, scope)` returns the rows the export holds, as JSON-ready dicts each with an "id" (the
item key is `prefix:id`), in a fixed number of queries whatever the number of rows. `scope` is the policy's
`SubjectAccessScope` (None: everything held, as `subject_access_data(record)` without one); `scope_q` turns it into
the condition on the section's rows, with the same rule as the record's notes and documents. An organisation that no
longer owns the record may export what it wrote when it wrote notes or documents on it, or rows of a section that
names its `writer` (the model, its path to the record and to the organisation that wrote the row): an organisation
that only assessed the person, or only ran their mentoring, answers for that too.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q


@dataclass(frozen=True)
class SubjectAccessSection:
    name: str  # the list's key in the export
    prefix: str  # item keys are "prefix:id", like "note:12"
    title: object  # the copy's heading (lazy text, read in the release language)
    kind: object  # one item's kind on the review page
    empty: object  # what the copy says when there is none
    collect: Callable  # (record, scope) -> list[dict]
    heading: Callable  # row -> the item's heading, in the active language
    fields: Callable  # row -> [(label, value)], in the active language
    summary: Callable  # row -> a short text for the review page
    date_key: str = "created_at"  # the row's date on the review page
    section: str = ""  # the record's section the rows belong to (the review marks intelligence)
    writer: tuple | None = None  # (model, path to the record, path to the writing organisation): who wrote here


_SECTIONS: dict[str, SubjectAccessSection] = {}


def register_section(name: str, **options) -> SubjectAccessSection:
    """Add (or replace) a section. Its name and prefix must not be those of another section or of cooperation's own
    lists, or two items would share a key and a withheld one could show."""
    from .subject_access import WITHHOLDABLE

    section = SubjectAccessSection(name=name, **options)
    taken = {**WITHHOLDABLE, **{s.name: s.prefix for s in _SECTIONS.values() if s.name != name}}
    if name in taken or section.prefix in taken.values():
        raise ValueError(f"subject-access section {name!r} or prefix {section.prefix!r} is already used")
    _SECTIONS[name] = section
    return section


def sections() -> list[SubjectAccessSection]:
    """The registered sections, in the order the apps registered them (INSTALLED_APPS)."""
    return list(_SECTIONS.values())


def writers() -> list[tuple]:
    """(model, record path, organisation path) of the registered sections that say who wrote their rows, once each:
    the policy's `_authored_by` asks them beside the record's notes and documents."""
    return list(dict.fromkeys(s.writer for s in _SECTIONS.values() if s.writer is not None))


def scope_q(scope, *, section: str, organisation: str) -> Q:
    """The rows of one record `section` a scope holds: for the owner's data-protection officer, all of them while the
    owner holds that section, else those written by the organisations it answers for; for another organisation's
    officer (after a handover), only what that organisation wrote. `organisation` is the rows' path to the
    organisation that wrote them ("organisation", "match__mentee__organisation")."""
    if scope is None or (scope.whole and section in scope.held_sections):
        return Q()
    return Q(**{f"{organisation}__in": sorted(scope.organisation_ids)})
