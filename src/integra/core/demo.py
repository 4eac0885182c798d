"""The demo platform: partner organisations in five countries and one person for every role.

Idempotent: running it again changes nothing that exists. Demo passwords exist only here."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from . import audit
from .models import Membership, MembershipRole, Notification, Organisation, OrganisationKind
from .roles import Role

DEMO_PASSWORD = "Demo-Integra-2026"  # noqa: S105 - printed for newcomers; demo data only

ORGANISATIONS = [
    # key, name, kind, country, city, parent key, description (en), description (fr)
    ("fr-dap", "Direction de l'administration pénitentiaire", OrganisationKind.PRISON, "FR", "Paris", None,
     "The French national prison administration.", "L'administration pénitentiaire française."),
    ("fr-prison", "Centre pénitentiaire de Fresnes", OrganisationKind.PRISON, "FR", "Fresnes", "fr-dap",
     "A large prison south of Paris with a dedicated radicalisation assessment unit.",
     "Un grand établissement au sud de Paris, doté d'un quartier d'évaluation de la radicalisation."),
    ("fr-spip", "SPIP de Paris", OrganisationKind.PROBATION, "FR", "Paris", "fr-dap",
     "The probation and reintegration service for Paris.",
     "Le service pénitentiaire d'insertion et de probation de Paris."),
    ("fr-research", "Centre d'études sur la radicalisation", OrganisationKind.RESEARCH, "FR", "Lyon", None,
     "University research centre on radicalisation and disengagement.", ""),
    ("bg-prison", "Sofia Prison", OrganisationKind.PRISON, "BG", "Sofia", None,
     "Closed prison in the capital, partner of the Sofia training week.", ""),
    ("bg-probation", "Sofia Probation Service", OrganisationKind.PROBATION, "BG", "Sofia", None,
     "Supervises people on probation in the Sofia region.", ""),
    ("bg-community", "Open Doors Foundation", OrganisationKind.COMMUNITY, "BG", "Sofia", None,
     "Community organisation supporting families and people leaving prison.", ""),
    ("it-prison", "Casa Circondariale di Roma Rebibbia", OrganisationKind.PRISON, "IT", "Roma", None,
     "Prison in Rome with a mentoring partnership with local NGOs.", ""),
    ("it-probation", "UEPE Roma", OrganisationKind.PROBATION, "IT", "Roma", None,
     "Office for the execution of sentences in the community.", ""),
    ("it-police", "Questura di Roma — Prevention Unit", OrganisationKind.POLICE, "IT", "Roma", None,
     "Police prevention unit taking part in case conferences.", ""),
    ("pt-dgrsp", "Direção-Geral de Reinserção e Serviços Prisionais", OrganisationKind.PROBATION, "PT", "Lisboa",
     None, "Portugal's prison and probation administration.", ""),
    ("pt-community", "Associação Recomeçar", OrganisationKind.COMMUNITY, "PT", "Lisboa", None,
     "Volunteer mentors for people leaving prison and their families.", ""),
    ("pt-training", "Centro de Formação Lisboa", OrganisationKind.TRAINING, "PT", "Lisboa", None,
     "Training provider running the INTEGRA pilot courses in Portuguese.", ""),
    ("fr-community", "Association Trait d'Union", OrganisationKind.COMMUNITY, "FR", "Paris", None,
     "Volunteer mentors and housing support for people leaving prison in Île-de-France.",
     "Mentors bénévoles et aide au logement pour les personnes sortant de prison en Île-de-France."),
    ("gr-prison", "Korydallos Prison", OrganisationKind.PRISON, "GR", "Athens", None,
     "The largest prison in Greece.", ""),
    ("gr-social", "Municipality of Athens — Social Services", OrganisationKind.SOCIAL, "GR", "Athens", None,
     "Housing, employment and family support after release.", ""),
]

# email, full name, language, [(organisation key, [roles])], platform administrator?
PEOPLE = [
    ("admin@example.org", "Alex Admin", "en", [], True),
    ("orgadmin@example.org", "Odile Martin", "fr", [("fr-prison", [Role.ORG_ADMIN]), ("fr-spip", [Role.ORG_ADMIN])],
     False),
    ("casemanager@example.org", "Claire Dubois", "fr", [("fr-spip", [Role.CASE_MANAGER])], False),
    ("prisoncase@example.org", "Karim Benali", "fr", [("fr-prison", [Role.CASE_MANAGER])], False),
    ("volunteer@example.org", "Lucie Moreau", "fr", [("fr-community", [Role.MENTOR])], False),
    ("frontline@example.org", "Georgi Petrov", "bg", [("bg-prison", [Role.FRONTLINE])], False),
    ("mentor@example.org", "Marta Silva", "pt", [("pt-community", [Role.MENTOR])], False),
    ("coordinator@example.org", "Rui Costa", "pt", [("pt-community", [Role.MENTORING_COORDINATOR, Role.ORG_ADMIN])],
     False),
    ("trainer@example.org", "Ana Ferreira", "pt", [("pt-training", [Role.TRAINER])], False),
    ("designer@example.org", "Sophie Laurent", "fr", [("fr-research", [Role.CURRICULUM_DESIGNER]),
                                                      ("pt-training", [Role.CURRICULUM_DESIGNER])], False),
    ("researcher@example.org", "Eleni Papadopoulou", "el", [("fr-research", [Role.RESEARCHER])], False),
    ("organiser@example.org", "Ivana Dimitrova", "bg", [("bg-probation", [Role.EVENT_ORGANISER])], False),
    ("dpo@example.org", "Dominique Leroy", "fr", [("fr-prison", [Role.DATA_PROTECTION])], False),
    ("probation@example.org", "Giulia Romano", "it", [("it-probation", [Role.FRONTLINE, Role.CASE_MANAGER])], False),
]


@transaction.atomic
def load_demo() -> list[tuple[str, str, str]]:
    """Create what is missing; return (email, roles, organisations) for every demo account."""
    User = get_user_model()
    orgs: dict[str, Organisation] = {}
    for key, name, kind, country, city, parent_key, description_en, description_fr in ORGANISATIONS:
        org = Organisation.objects.filter(name=name).first()
        if org is None:
            org = Organisation.objects.create(
                name=name, kind=kind, country=country, city=city, parent=orgs.get(parent_key),
                description_en=description_en, description_fr=description_fr or None,
            )
            audit.record(action="core.organisation.created", actor_label="integra demo", organisation=org, obj=org,
                         data={"name": name, "kind": kind, "country": country})
        orgs[key] = org
    summary = []
    for email, full_name, language, memberships, platform_admin in PEOPLE:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=DEMO_PASSWORD, full_name=full_name,
                                            language=language, is_superuser=platform_admin, is_staff=platform_admin)
            audit.record(action="accounts.user.created", actor_label="integra demo", obj=user, data={"via": "demo"})
            with translation.override(language):
                Notification.objects.create(
                    recipient=user, title=_("Welcome to the INTEGRA demo"),
                    body=_("Explore your dashboard, set your language in your profile and read the API documentation."))
        labels = []
        for org_key, roles in memberships:
            membership, _created = Membership.objects.get_or_create(user=user, organisation=orgs[org_key])
            MembershipRole.objects.bulk_create([MembershipRole(membership=membership, role=r) for r in roles],
                                               ignore_conflicts=True)
            labels.append(f"{', '.join(str(Role(r).label) for r in roles)} — {orgs[org_key].name}")
        summary.append((email, "Platform administrator" if platform_admin else "; ".join(labels)))
    return summary


def demo_loaders():
    """Each app's own demo data, loaded after the organisations and people (apps register in ready())."""
    return list(_loaders)


_loaders: list = []


def register_demo_loader(fn):
    _loaders.append(fn)
    return fn


def demo_organisation(key: str) -> Organisation:
    name = next(o[1] for o in ORGANISATIONS if o[0] == key)
    return Organisation.objects.get(name=name)


def accounts_added_by_the_apps(known) -> list[tuple[str, str]]:
    """(email, roles) of the demo accounts the apps' loaders created beside the core's people (the calibration
    raters, the circle's volunteers), labelled like them, so that `integra demo` prints every account it made."""
    people = (get_user_model().objects.filter(email__endswith="@example.org").exclude(email__in=list(known))
              .prefetch_related("memberships__organisation", "memberships__roles").order_by("email"))

    def label(membership) -> str:
        roles = ", ".join(str(Role(r.role).label) for r in membership.roles.all())
        return f"{roles} — {membership.organisation.name}"

    return [(user.email, "; ".join(label(m) for m in user.memberships.all()))
            for user in people if user.memberships.all()]
