"""The knowledge base's demo, loaded from the files in `demo_content/` (see its README) through the services, by
the demo people themselves, so the workflow, the audit trail and the notifications are real: published practices
in five countries and several languages, entries in every workflow state with completed peer reviews, a study
with two focus groups and three interviews coded by two researchers, two themes (one published as a lesson
learned) and the multi-agency guide.

Idempotent: a practice whose English name exists, a study whose title exists and a publication whose slug
exists are left as they are."""

import datetime as dt
import tomllib
from importlib import resources

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from integra.core.access import forget_roles
from integra.core.demo import demo_organisation

from . import services
from .models import Approach, Code, LessonLearned, Practice, Publication, Review, ReviewerProfile, Study
from .policy import forget_study_roles

CONTENT = resources.files("integra.practices") / "demo_content"
EDITOR = "researcher@example.org"
REVIEWER = "trainer@example.org"
TEXTS = ("name", "description", "prevention_link", "approach", "evaluation", "funding", "deliverables",
         "sustainability", "geographical_scope")


def _content(name: str) -> dict:
    return tomllib.loads((CONTENT / name).read_text(encoding="utf-8"))


def _person(email):
    user = get_user_model().objects.get(email=email)
    forget_roles(user)
    forget_study_roles(user)
    return user


def _translated(field: str, value) -> dict[str, str]:
    if isinstance(value, str):
        return {field: value}
    english = value["en"]
    return {field: english, **{f"{field}_{code}": text for code, text in value.items() if code != "en"}}


def _reviewer() -> object:
    reviewer = _person(REVIEWER)
    if not ReviewerProfile.objects.filter(user=reviewer).exists():
        services.reviewer_profile_save(actor=_person(EDITOR), user=reviewer, years_experience=9,
                                       themes=["deradicalisation", "prison_probation", "multi_agency", "mentoring"],
                                       settings_known=["prison", "probation"], evaluation_experience=True)
    return reviewer


def _practice(entry: dict, editor, reviewer) -> None:
    if Practice.objects.filter(name_en=entry["name"]["en"] if isinstance(entry["name"], dict)
                               else entry["name"]).exists():
        return
    owner = _person(entry["owner"])
    fields = {}
    for text in TEXTS:
        if text in entry:
            fields.update(_translated(text, entry[text]))
    for key, target in (("countries", "countries"), ("settings", "settings"), ("themes", "themes"),
                        ("audiences", "target_audiences"), ("languages", "languages"),
                        ("evidence", "evidence_level"), ("maryland", "maryland_level"), ("start_year", "start_year"),
                        ("organisation", "organisation_name"), ("organisation_type", "organisation_type"),
                        ("practice_status", "practice_status"), ("contact_name", "contact_name"),
                        ("contact_email", "contact_email"), ("contact_public", "contact_public")):
        if key in entry:
            fields[target] = entry[key]
    with translation.override("en"):
        practice = services.practice_create(actor=owner, **fields)
        state = entry["state"]
        if state == "draft":
            return
        services.practice_submit(actor=owner, practice=practice)
        if state == "submitted":
            return
        if state in {"peer_review", "peer_reviewed"}:
            review = services.review_propose(actor=editor, practice=practice, reviewer=reviewer)
            if state == "peer_review":
                return
            services.review_decide(actor=owner, review=review, accept=True)
            services.review_submit(
                actor=reviewer, review=review, recommendation=Review.Recommendation.PEER_REVIEWED,
                strengths="A clear link to prevention, a described theory of change and cooperation across settings.",
                improvements="Follow participants for longer after release and publish the evaluation design.",
                relevance=5, theory_of_change=4, evidence=4, transferability=4, ethics=5)
            practice.refresh_from_db()
        services.practice_publish(actor=editor, practice=practice)
        if state == "archived":
            services.practice_archive(actor=editor, practice=practice)


def _study(data: dict) -> None:
    spec = data["study"]
    if Study.objects.filter(title=spec["title"]).exists():
        return
    lead = _person(spec["lead"])
    study = services.study_create(
        actor=lead, organisation=demo_organisation(spec["organisation"]), title=spec["title"],
        research_questions=spec["research_questions"], ethics_reference=spec["ethics_reference"],
        retention_until=timezone.localdate() + dt.timedelta(days=365 * spec["retention_years"]))
    for email in spec["coders"]:
        services.study_member_add(actor=lead, study=study, user=_person(email), role="coder")
    guides = {kind: services.guide_add_version(actor=lead, study=study, kind=kind, questions=guide["questions"])
              for kind, guide in data["guide"].items()}
    sheet = services.consent_sheet_add_version(actor=lead, study=study, **data["consent"])
    codes: dict[str, Code] = {}
    for name, (parent, definition, is_theme) in data["codes"].items():
        codes[name] = services.code_create(actor=lead, study=study, name=name, parent=codes.get(parent) or None,
                                           definition=definition, is_theme=is_theme)
    for item in data["session"]:
        day = dt.date.fromisoformat(item["date"])
        session = services.session_create(actor=lead, study=study, kind=item["kind"], date=day, mode=item["mode"],
                                          facilitator=item["facilitator"], note_taker=item.get("note_taker", ""),
                                          label=item["label"], guide=guides[item["kind"]])
        people = {code: services.participant_add(actor=lead, session=session, code=code, role_category=role,
                                                 consent_sheet=sheet, consent_given_on=day)
                  for code, role in item["participants"]}
        transcript = services.transcript_save(actor=lead, session=session, text=item["transcript"])
        for coder, code_name, participant, snippet in item["codings"]:
            start = transcript.text.index(snippet)
            services.coding_add(actor=_person(coder), transcript=transcript, code=codes[code_name],
                                start=start, end=start + len(snippet), participant=people[participant])
    lesson = data["lesson"]
    if not LessonLearned.objects.filter(title_en=lesson["title"]["en"]).exists():
        services.theme_publish_as_lesson(
            actor=lead, theme=codes[lesson["theme"]], **_translated("title", lesson["title"]),
            **_translated("summary", lesson["summary"]), **_translated("body", lesson["body"]),
            practices=list(Practice.objects.filter(name_en__in=lesson["practices"])))


def _approaches(data: dict, editor) -> None:
    for item in data["approach"]:
        if Approach.objects.filter(title_en=item["title"]["en"]).exists():
            continue
        fields = {}
        for name in ("title", "description", "aims", "methods"):
            fields.update(_translated(name, item[name]))
        services.approach_create(actor=editor, is_published=True,
                                 practices=list(Practice.objects.filter(name_en__in=item["practices"])), **fields)


def _url(name: str) -> str:
    if not name or ":" not in name:
        return name
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


def _publications(data: dict, editor) -> None:
    for item in data["publication"]:
        if Publication.objects.filter(slug=item["slug"]).exists():
            continue
        chapters = []
        for chapter in item.get("chapter", []):
            row = {**_translated("title", chapter["title"]), **_translated("body", chapter["body"])}
            if "link_label" in chapter:
                row.update(_translated("link_label", chapter["link_label"]))
            row["link_url"] = _url(chapter.get("link_url", ""))
            chapters.append(row)
        services.publication_save(
            actor=editor, slug=item["slug"], kind=item["kind"], chapters=chapters, is_published=True,
            **_translated("title", item["title"]), **_translated("summary", item["summary"]),
            practices=list(Practice.objects.filter(name_en__in=item.get("practices", []))),
            lessons=list(LessonLearned.objects.filter(title_en__in=item.get("lessons", []))))


@transaction.atomic
def load_demo_practices() -> None:
    with translation.override("en"):
        editor, reviewer = _person(EDITOR), _reviewer()
        for entry in _content("practices.toml")["practice"]:
            _practice(entry, editor, reviewer)
        _approaches(_content("approaches.toml"), editor)
        _study(_content("research.toml"))
        _publications(_content("publications.toml"), editor)
