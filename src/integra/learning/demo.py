"""Demo learning programme: the competences blueprint, the course “Preventing radicalisation in prison, probation
and the community” (eight modules in English, French and Portuguese, with a question bank), the train-the-trainer
course, and the Lisbon pilot cohort in progress.

Built through the services by the demo curriculum designer (Sophie Laurent), the demo trainer (Ana Ferreira,
Centro de Formação Lisboa) and by the learners themselves, so the audit trail, certificates and notifications
are real. Italian has only the course title, summary and module titles, and Bulgarian and Greek only the course
title, to show the fallback to English. Two learning outcomes are deliberately left without lessons or questions
so that the coverage report shows gaps.

Idempotent: nothing happens when the course already exists."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone, translation

from integra.core.access import forget_roles
from integra.core.demo import demo_organisation

from . import content, services
from .models import (
    Audience,
    Block,
    Certificate,
    Competence,
    CompetenceArea,
    Course,
    Enrolment,
    LearningOutcome,
    Lesson,
    Module,
    Question,
    Quiz,
)

DESIGNER = "designer@example.org"
TRAINER = "trainer@example.org"
COURSE_TITLE = "Preventing radicalisation in prison, probation and the community"
TTT_TITLE = "INTEGRA train-the-trainer course"
COHORT_NAME = "Lisbon pilot cohort 2026"

LANGS = ("en", "fr", "pt")  # the languages the content is fully written in
LANG_INDEX = {"en": 0, "fr": 1, "pt": 2}
PRISON, PROBATION, COMMUNITY, TRAINERS, MENTORS = (Audience.PRISON, Audience.PROBATION, Audience.COMMUNITY,
                                                   Audience.TRAINERS, Audience.MENTORS)
TEXT, REFLECTION, SCENARIO = Block.Kind.TEXT, Block.Kind.REFLECTION, Block.Kind.SCENARIO
SINGLE, MULTIPLE, TRUE_FALSE = Question.Kind.SINGLE, Question.Kind.MULTIPLE, Question.Kind.TRUE_FALSE
MATCHING, ORDERING, SHORT = Question.Kind.MATCHING, Question.Kind.ORDERING, Question.Kind.SHORT


def _norm(text: str) -> str:
    """The texts below are wrapped to fit the source; whitespace means nothing in them (HTML or plain text)."""
    return " ".join(text.split())


def _tr(field: str, texts, langs=LANGS) -> dict:
    """{"title_en": ..., "title_fr": ..., "title_pt": ...} from a tuple of texts in the order of `langs`."""
    return {f"{field}_{lang}": _norm(text) for lang, text in zip(langs, texts, strict=True)}


# --- the competences blueprint -------------------------------------------------------------------------------------
# Areas: (title, description, competences); competences: (key, title, description, audiences, outcomes);
# outcomes: (key, text). Every text is (English, French, Portuguese).
# O313 and O422 are taught and tested nowhere yet: the coverage report lists them as gaps.

BLUEPRINT = [
    (("Understanding radicalisation", "Comprendre la radicalisation", "Compreender a radicalização"),
     ("How people become involved in violent extremism and leave it again, and the main forms it takes, online and "
      "offline.",
      "Comment des personnes s'engagent dans l'extrémisme violent et s'en éloignent, et les principales formes qu'il "
      "prend, en ligne et hors ligne.",
      "Como as pessoas se envolvem no extremismo violento e dele se afastam, e as principais formas que assume, "
      "online e offline."),
     [
         ("C11", ("Explain radicalisation as a process", "Expliquer la radicalisation comme un processus",
                  "Explicar a radicalização como um processo"),
          ("Understands radicalisation as a gradual, individual and reversible process shaped by push, pull and "
           "personal factors.",
           "Comprend la radicalisation comme un processus progressif, individuel et réversible, façonné par des "
           "facteurs de répulsion, d'attraction et personnels.",
           "Compreende a radicalização como um processo gradual, individual e reversível, moldado por fatores de "
           "repulsão, de atração e pessoais."),
          [PRISON, PROBATION, COMMUNITY, MENTORS],
          [("O111", ("Describe radicalisation as a social and psychological process rather than a fixed profile.",
                     "Décrire la radicalisation comme un processus social et psychologique plutôt que comme un profil "
                     "figé.",
                     "Descrever a radicalização como um processo social e psicológico e não como um perfil fixo.")),
           ("O112", ("Identify push, pull and personal factors in a person's story.",
                     "Repérer les facteurs de répulsion, d'attraction et personnels dans le parcours d'une personne.",
                     "Identificar fatores de repulsão, de atração e pessoais no percurso de uma pessoa.")),
           ("O113", ("Distinguish holding radical views from supporting or using violence.",
                     "Distinguer le fait d'avoir des opinions radicales du soutien ou du recours à la violence.",
                     "Distinguir ter opiniões radicais de apoiar ou usar a violência."))]),
         ("C12", ("Recognise the main forms of violent extremism", "Reconnaître les principales formes d'extrémisme "
                  "violent", "Reconhecer as principais formas de extremismo violento"),
          ("Knows the core narratives of different extremist movements and does not confuse faith or politics with "
           "extremism.",
           "Connaît les récits centraux des différents mouvements extrémistes et ne confond pas la foi ou "
           "l'engagement politique avec l'extrémisme.",
           "Conhece as narrativas centrais dos diferentes movimentos extremistas e não confunde a fé ou a política "
           "com extremismo."),
          [PRISON, PROBATION, COMMUNITY, MENTORS],
          [("O121", ("Describe the core narratives of Islamist, right-wing and left-wing violent extremism.",
                     "Décrire les récits centraux de l'extrémisme violent islamiste, d'extrême droite et d'extrême "
                     "gauche.",
                     "Descrever as narrativas centrais do extremismo violento islamista, de extrema-direita e de "
                     "extrema-esquerda.")),
           ("O122", ("Recognise single-issue, mixed and unclear ideologies.",
                     "Reconnaître les idéologies à cause unique, composites ou floues.",
                     "Reconhecer ideologias de causa única, mistas ou pouco claras.")),
           ("O123", ("Distinguish religious conversion and devout practice from extremist involvement.",
                     "Distinguer la conversion et la pratique religieuse assidue de l'engagement extrémiste.",
                     "Distinguir a conversão e a prática religiosa devota do envolvimento extremista."))]),
         ("C13", ("Understand online radicalisation", "Comprendre la radicalisation en ligne",
                  "Compreender a radicalização online"),
          ("Understands how digital spaces spread extremist content and connect recruiters with recruits, and can "
           "talk about online life with the people they work with.",
           "Comprend comment les espaces numériques diffusent les contenus extrémistes et mettent en relation "
           "recruteurs et recrues, et sait parler de la vie en ligne avec les personnes qu'il accompagne.",
           "Compreende como os espaços digitais difundem conteúdos extremistas e põem recrutadores em contacto com "
           "recrutas, e sabe falar da vida online com as pessoas que acompanha."),
          [PRISON, PROBATION, COMMUNITY, MENTORS],
          [("O131", ("Explain how online platforms and communities can accelerate radicalisation.",
                     "Expliquer comment les plateformes et communautés en ligne peuvent accélérer la radicalisation.",
                     "Explicar como as plataformas e comunidades online podem acelerar a radicalização.")),
           ("O132", ("Talk with a person about their online life without judgement.",
                     "Parler avec une personne de sa vie en ligne sans jugement.",
                     "Conversar com uma pessoa sobre a sua vida online sem julgamento."))]),
     ]),
    (("Assessment and intervention", "Évaluation et intervention", "Avaliação e intervenção"),
     ("Noticing and reporting concerns, contributing to structured assessment and working with people convicted of "
      "extremist offences.",
      "Repérer et signaler des inquiétudes, contribuer à une évaluation structurée et travailler avec des personnes "
      "condamnées pour des infractions extrémistes.",
      "Identificar e comunicar preocupações, contribuir para uma avaliação estruturada e trabalhar com pessoas "
      "condenadas por crimes extremistas."),
     [
         ("C21", ("Observe, record and report concerns", "Observer, consigner et signaler",
                  "Observar, registar e comunicar preocupações"),
          ("Notices changes in behaviour, records them factually and passes them on through the right channel.",
           "Remarque les changements de comportement, les consigne de manière factuelle et les transmet par le bon "
           "canal.",
           "Repara em mudanças de comportamento, regista-as de forma factual e transmite-as pelo canal adequado."),
          [PRISON, PROBATION, COMMUNITY],
          [("O211", ("Record observed behaviour factually, without speculation or labels.",
                     "Consigner les comportements observés de manière factuelle, sans spéculation ni étiquette.",
                     "Registar comportamentos observados de forma factual, sem especulação nem rótulos.")),
           ("O212", ("Use the reporting channel of one's own service and follow up.",
                     "Utiliser le canal de signalement de son service et assurer le suivi.",
                     "Utilizar o canal de comunicação do próprio serviço e acompanhar o seguimento."))]),
         ("C22", ("Contribute to structured risk and needs assessment",
                  "Contribuer à l'évaluation structurée des risques et des besoins",
                  "Contribuir para a avaliação estruturada de riscos e necessidades"),
          ("Understands structured professional judgement and contributes reliable information to assessments.",
           "Comprend le jugement professionnel structuré et apporte des informations fiables aux évaluations.",
           "Compreende o juízo profissional estruturado e contribui com informação fiável para as avaliações."),
          [PRISON, PROBATION],
          [("O221", ("Explain the principles of structured professional judgement.",
                     "Expliquer les principes du jugement professionnel structuré.",
                     "Explicar os princípios do juízo profissional estruturado.")),
           ("O222", ("Identify risk factors, needs and protective factors in a case.",
                     "Identifier les facteurs de risque, les besoins et les facteurs de protection dans une "
                     "situation.",
                     "Identificar fatores de risco, necessidades e fatores de proteção num caso.")),
           ("O223", ("Recognise and limit bias in assessment.",
                     "Reconnaître et limiter les biais dans l'évaluation.",
                     "Reconhecer e limitar enviesamentos na avaliação."))]),
         ("C23", ("Work with people convicted of extremist offences",
                  "Travailler avec des personnes condamnées pour des infractions extrémistes",
                  "Trabalhar com pessoas condenadas por crimes extremistas"),
          ("Builds a professional relationship that supports disengagement, while keeping boundaries and safety.",
           "Construit une relation professionnelle qui favorise le désengagement, dans le respect des limites et de "
           "la sécurité.",
           "Constrói uma relação profissional que favorece o desengajamento, mantendo limites e segurança."),
          [PRISON, PROBATION, MENTORS],
          [("O231", ("Build a working relationship that supports disengagement.",
                     "Construire une relation de travail qui favorise le désengagement.",
                     "Construir uma relação de trabalho que favoreça o desengajamento.")),
           ("O232", ("Keep professional boundaries and recognise manipulation.",
                     "Maintenir des limites professionnelles et reconnaître la manipulation.",
                     "Manter limites profissionais e reconhecer a manipulação.")),
           ("O233", ("Match interventions to the person's needs and motivation.",
                     "Adapter les interventions aux besoins et à la motivation de la personne.",
                     "Adequar as intervenções às necessidades e à motivação da pessoa."))]),
     ]),
    (("Multi-agency cooperation", "Coopération pluri-institutionnelle", "Cooperação interinstitucional"),
     ("Working with other services before and after release: probation supervision, lawful information sharing "
      "and case conferences.",
      "Travailler avec les autres services avant et après la libération : suivi de probation, partage "
      "d'informations conforme au droit et réunions de synthèse.",
      "Trabalhar com outros serviços antes e depois da libertação: acompanhamento pela reinserção social, partilha "
      "legal de informação e reuniões de caso."),
     [
         ("C31", ("Plan release and supervision", "Préparer la sortie et le suivi",
                  "Preparar a libertação e o acompanhamento"),
          ("Understands the role of probation and contributes to release plans that balance control and support.",
           "Comprend le rôle de la probation et contribue à des projets de sortie qui équilibrent contrôle et "
           "accompagnement.",
           "Compreende o papel da reinserção social e contribui para planos de libertação que equilibram controlo e "
           "apoio."),
          [PROBATION, PRISON],
          [("O311", ("Describe the role of probation before and after release.",
                     "Décrire le rôle de la probation avant et après la libération.",
                     "Descrever o papel da reinserção social antes e depois da libertação.")),
           ("O312", ("Set conditions that are proportionate, clear and explained to the person.",
                     "Fixer des obligations proportionnées, claires et expliquées à la personne.",
                     "Definir condições proporcionais, claras e explicadas à pessoa.")),
           ("O313", ("Involve the person in drawing up their own release plan.",
                     "Associer la personne à l'élaboration de son propre projet de sortie.",
                     "Envolver a pessoa na elaboração do seu próprio plano de libertação."))]),
         ("C32", ("Share information and cooperate across agencies",
                  "Partager l'information et coopérer entre institutions",
                  "Partilhar informação e cooperar entre serviços"),
          ("Shares personal data lawfully and proportionately and takes an active part in multi-agency case work.",
           "Partage les données personnelles de manière licite et proportionnée et prend une part active au travail "
           "pluri-institutionnel.",
           "Partilha dados pessoais de forma legal e proporcional e participa ativamente no trabalho "
           "interinstitucional."),
          [PRISON, PROBATION, COMMUNITY, MENTORS],
          [("O321", ("Apply necessity and proportionality when sharing personal data.",
                     "Appliquer les principes de nécessité et de proportionnalité au partage de données "
                     "personnelles.",
                     "Aplicar a necessidade e a proporcionalidade na partilha de dados pessoais.")),
           ("O322", ("Record what was shared, with whom and why.",
                     "Consigner ce qui a été partagé, avec qui et pourquoi.",
                     "Registar o que foi partilhado, com quem e porquê.")),
           ("O323", ("Prepare for and contribute to a multi-agency case conference.",
                     "Préparer une réunion de synthèse pluri-institutionnelle et y contribuer.",
                     "Preparar e contribuir para uma reunião de caso interinstitucional."))]),
     ]),
    (("Mentoring and reintegration", "Mentorat et réinsertion", "Mentoria e reinserção"),
     ("Supporting people leaving prison, with their families and communities, towards a life without violence.",
      "Accompagner les personnes sortant de prison, avec leurs familles et leurs communautés, vers une vie sans "
      "violence.",
      "Apoiar as pessoas que saem da prisão, com as suas famílias e comunidades, rumo a uma vida sem violência."),
     [
         ("C41", ("Mentor people leaving prison", "Accompagner comme mentor les personnes sortant de prison",
                  "Ser mentor de pessoas que saem da prisão"),
          ("Offers a trusting mentoring relationship with clear limits and knows when and how to pass on a concern.",
           "Offre une relation de mentorat fondée sur la confiance, aux limites claires, et sait quand et comment "
           "transmettre une inquiétude.",
           "Oferece uma relação de mentoria baseada na confiança, com limites claros, e sabe quando e como "
           "transmitir uma preocupação."),
          [MENTORS, COMMUNITY],
          [("O411", ("Explain the purpose and the limits of a mentoring relationship.",
                     "Expliquer le but et les limites d'une relation de mentorat.",
                     "Explicar o objetivo e os limites de uma relação de mentoria.")),
           ("O412", ("Support practical steps towards reintegration: housing, work, education.",
                     "Soutenir les démarches concrètes de réinsertion : logement, emploi, formation.",
                     "Apoiar passos concretos para a reinserção: habitação, emprego, formação.")),
           ("O413", ("Respond appropriately to a safeguarding or security concern as a mentor.",
                     "Réagir de manière appropriée, en tant que mentor, à une inquiétude de protection ou de "
                     "sécurité.",
                     "Reagir de forma adequada, enquanto mentor, a uma preocupação de proteção ou de segurança."))]),
         ("C42", ("Work with families and communities", "Travailler avec les familles et les communautés",
                  "Trabalhar com famílias e comunidades"),
          ("Involves families and local organisations as partners in reintegration.",
           "Associe les familles et les organisations locales comme partenaires de la réinsertion.",
           "Envolve as famílias e as organizações locais como parceiros na reinserção."),
          [COMMUNITY, MENTORS, PROBATION],
          [("O421", ("Involve families as a source of support and information.",
                     "Associer les familles comme source de soutien et d'information.",
                     "Envolver as famílias como fonte de apoio e de informação.")),
           ("O422", ("Engage community and faith organisations in reintegration.",
                     "Mobiliser les associations et les organisations confessionnelles dans la réinsertion.",
                     "Envolver associações e organizações religiosas na reinserção."))]),
     ]),
    (("Training others", "Former les autres", "Formar outros"),
     ("Delivering and adapting the INTEGRA course for colleagues in one's own service.",
      "Animer et adapter le cours INTEGRA pour les collègues de son propre service.",
      "Dar e adaptar o curso INTEGRA a colegas do próprio serviço."),
     [
         ("C51", ("Facilitate learning on sensitive topics", "Animer des formations sur des sujets sensibles",
                  "Facilitar a aprendizagem sobre temas sensíveis"),
          ("Creates a safe space for learning about radicalisation and responds well to strong views.",
           "Crée un cadre sûr pour apprendre sur la radicalisation et réagit de manière adaptée aux opinions "
           "tranchées.",
           "Cria um espaço seguro para aprender sobre radicalização e responde bem a opiniões fortes."),
          [TRAINERS],
          [("O511", ("Set up a safe and respectful learning space.",
                     "Créer un cadre d'apprentissage sûr et respectueux.",
                     "Criar um espaço de aprendizagem seguro e respeitoso.")),
           ("O512", ("Respond to strong or extremist views expressed during training.",
                     "Réagir aux opinions tranchées ou extrémistes exprimées en formation.",
                     "Responder a opiniões fortes ou extremistas expressas durante a formação."))]),
         ("C52", ("Adapt and evaluate the course", "Adapter et évaluer le cours", "Adaptar e avaliar o curso"),
          ("Adapts the course to a national service without losing its core messages, and evaluates a pilot.",
           "Adapte le cours à un service national sans en perdre les messages essentiels, et évalue un pilote.",
           "Adapta o curso a um serviço nacional sem perder as mensagens essenciais e avalia um piloto."),
          [TRAINERS],
          [("O521", ("Adapt examples and legal references to one's national service.",
                     "Adapter les exemples et les références juridiques à son service national.",
                     "Adaptar exemplos e referências legais ao serviço nacional.")),
           ("O522", ("Use learner feedback and quiz results to improve a pilot.",
                     "Utiliser les retours des apprenants et les résultats des quiz pour améliorer un pilote.",
                     "Utilizar o feedback dos formandos e os resultados dos questionários para melhorar um "
                     "piloto."))]),
     ]),
]


# --- the course ------------------------------------------------------------------------------------------------------

COURSE = {
    "title": (COURSE_TITLE,
              "Prévenir la radicalisation en prison, en probation et dans la communauté",
              "Prevenir a radicalização na prisão, na reinserção social e na comunidade",
              "Prevenire la radicalizzazione in carcere, nell'esecuzione penale esterna e nella comunità",
              "Превенция на радикализацията в затвора, пробацията и общността",
              "Πρόληψη της ριζοσπαστικοποίησης στη φυλακή, στην επιτήρηση και στην κοινότητα"),
    "summary": (
        """An eight-module course for prison officers, probation staff, community workers and volunteer mentors. It
        explains how people are drawn into violent extremism and how they leave it, introduces the main forms of
        extremism online and offline, and builds the practical skills of assessment, work with people convicted of
        extremist offences, information sharing and mentoring. Each module ends with a short quiz; scenarios and
        reflection questions connect the content to your own practice.""",
        """Un cours en huit modules pour les personnels pénitentiaires, les personnels de probation, les acteurs
        associatifs et les mentors bénévoles. Il explique comment des personnes sont attirées par l'extrémisme
        violent et comment elles en sortent, présente ses principales formes en ligne et hors ligne, et développe
        les compétences pratiques de l'évaluation, du travail avec les personnes condamnées pour des infractions
        extrémistes, du partage d'informations et du mentorat. Chaque module se termine par un court quiz ; des
        scénarios et des questions de réflexion relient les contenus à votre propre pratique.""",
        """Um curso em oito módulos para guardas prisionais, técnicos de reinserção social, profissionais da
        comunidade e mentores voluntários. Explica como as pessoas são atraídas para o extremismo violento e como
        dele saem, apresenta as suas principais formas online e offline, e desenvolve as competências práticas de
        avaliação, de trabalho com pessoas condenadas por crimes extremistas, de partilha de informação e de
        mentoria. Cada módulo termina com um breve questionário; cenários e perguntas de reflexão ligam os
        conteúdos à sua própria prática.""",
        """Un corso in otto moduli per il personale penitenziario, i funzionari dell'esecuzione penale esterna, gli
        operatori delle organizzazioni della comunità e i mentori volontari. Spiega come le persone vengono attratte
        dall'estremismo violento e come ne escono, presenta le sue principali forme online e offline e sviluppa le
        competenze pratiche di valutazione, di lavoro con persone condannate per reati di matrice estremista, di
        condivisione delle informazioni e di mentoring. Ogni modulo si conclude con un breve quiz; scenari e domande
        di riflessione collegano i contenuti alla propria pratica."""),
}

# --- module 1 ---

L11 = ("""
<p>Radicalisation is the process by which a person comes to accept, support or use violence to pursue political,
religious or ideological goals. It is a <strong>process</strong>, not a moment and not a personality type: it
usually unfolds over months or years, through relationships, experiences and ideas that reinforce each other.</p>
<h3>No single profile</h3>
<p>Research on people involved in violent extremism has not found a reliable profile based on age, origin,
religion, education or mental health. People with very different backgrounds take similar paths, and people with
similar backgrounds take very different ones. Checklists of “typical” characteristics therefore produce many false
alarms and miss people who do not fit the stereotype.</p>
<h3>Beliefs are not behaviour</h3>
<p>Most people who hold radical or extreme views never commit violence, and some people who commit violence have
only a shallow knowledge of the ideology they claim. It is useful to distinguish:</p>
<ul>
<li><strong>cognitive radicalisation</strong>: adopting extreme ideas;</li>
<li><strong>behavioural radicalisation</strong>: preparing, supporting or using violence.</li>
</ul>
<p>Our professional concern is above all the second. Holding opinions we find offensive is not in itself a
security issue, although it may be a reason to start a conversation.</p>
<h3>The process can be reversed</h3>
<p>People also move away from extremism. <strong>Disengagement</strong> (stopping violent activity) often comes
before, or without, <strong>deradicalisation</strong> (giving up the ideas). Relationships, a stable life, new
sources of identity and disillusionment with the group all play a part — and these are exactly the areas where
prison, probation and community staff can make a difference.</p>
""", """
<p>La radicalisation est le processus par lequel une personne en vient à accepter, soutenir ou utiliser la violence
pour atteindre des objectifs politiques, religieux ou idéologiques. C'est un <strong>processus</strong>, ni un
instant ni un type de personnalité : il se déroule généralement sur des mois ou des années, à travers des
relations, des expériences et des idées qui se renforcent mutuellement.</p>
<h3>Pas de profil type</h3>
<p>La recherche sur les personnes impliquées dans l'extrémisme violent n'a pas mis en évidence de profil fiable
fondé sur l'âge, l'origine, la religion, le niveau d'études ou la santé mentale. Des personnes aux parcours très
différents empruntent des chemins semblables, et des personnes aux parcours semblables des chemins très
différents. Les listes de caractéristiques « typiques » produisent donc de nombreuses fausses alertes et passent à
côté de celles et ceux qui ne correspondent pas au stéréotype.</p>
<h3>Les convictions ne sont pas des actes</h3>
<p>La plupart des personnes qui ont des opinions radicales ou extrêmes ne passent jamais à la violence, et
certaines personnes violentes n'ont qu'une connaissance superficielle de l'idéologie dont elles se réclament. Il
est utile de distinguer :</p>
<ul>
<li>la <strong>radicalisation cognitive</strong> : l'adhésion à des idées extrêmes ;</li>
<li>la <strong>radicalisation comportementale</strong> : la préparation, le soutien ou l'usage de la
violence.</li>
</ul>
<p>Notre préoccupation professionnelle porte avant tout sur la seconde. Avoir des opinions que nous jugeons
choquantes n'est pas en soi un problème de sécurité, même si cela peut justifier d'engager la conversation.</p>
<h3>Le processus est réversible</h3>
<p>Des personnes s'éloignent aussi de l'extrémisme. Le <strong>désengagement</strong> (l'arrêt de l'activité
violente) précède souvent la <strong>déradicalisation</strong> (l'abandon des idées), ou se produit sans elle. Les
relations, une vie stable, de nouvelles sources d'identité et la désillusion envers le groupe y contribuent —
précisément les domaines où les personnels pénitentiaires, de probation et associatifs peuvent faire la
différence.</p>
""", """
<p>A radicalização é o processo pelo qual uma pessoa passa a aceitar, apoiar ou usar a violência para alcançar
objetivos políticos, religiosos ou ideológicos. É um <strong>processo</strong>, não um momento nem um tipo de
personalidade: desenrola-se geralmente ao longo de meses ou anos, através de relações, experiências e ideias que
se reforçam mutuamente.</p>
<h3>Não existe um perfil único</h3>
<p>A investigação sobre pessoas envolvidas no extremismo violento não encontrou um perfil fiável baseado na idade,
origem, religião, escolaridade ou saúde mental. Pessoas com percursos muito diferentes seguem caminhos
semelhantes, e pessoas com percursos semelhantes seguem caminhos muito diferentes. As listas de características
“típicas” produzem, por isso, muitos falsos alarmes e deixam escapar quem não corresponde ao estereótipo.</p>
<h3>Crenças não são comportamentos</h3>
<p>A maioria das pessoas com opiniões radicais ou extremas nunca comete atos violentos, e algumas pessoas que
cometem violência conhecem apenas superficialmente a ideologia que dizem defender. É útil distinguir:</p>
<ul>
<li>a <strong>radicalização cognitiva</strong>: a adesão a ideias extremas;</li>
<li>a <strong>radicalização comportamental</strong>: a preparação, o apoio ou o uso da violência.</li>
</ul>
<p>A nossa preocupação profissional incide sobretudo na segunda. Ter opiniões que consideramos chocantes não é,
por si só, uma questão de segurança, embora possa ser um motivo para iniciar uma conversa.</p>
<h3>O processo é reversível</h3>
<p>As pessoas também se afastam do extremismo. O <strong>desengajamento</strong> (deixar a atividade violenta)
surge muitas vezes antes da <strong>desradicalização</strong> (abandonar as ideias), ou sem ela. As relações, uma
vida estável, novas fontes de identidade e a desilusão com o grupo contribuem para isso — precisamente as áreas
em que os profissionais da prisão, da reinserção social e da comunidade podem fazer a diferença.</p>
""")

L12 = ("""
<p>A useful way to make sense of a person's path is to look at three groups of factors. None of them causes
radicalisation on its own; what matters is how they combine in one life at one moment.</p>
<h3>Push factors</h3>
<p>Conditions that make a person's current situation feel unbearable or unjust: experiences of discrimination or
humiliation, a sense that institutions are unfair, social exclusion, unemployment, family breakdown, or personal
crises such as bereavement. In prison, the loss of autonomy, fear for one's safety and the stigma of a conviction
can add to these pressures.</p>
<h3>Pull factors</h3>
<p>What an extremist group or ideology offers in return: <strong>belonging</strong> and brotherhood, a clear
identity, meaning and purpose, status and respect, excitement, and simple explanations for complex problems —
often with a clear enemy to blame. In prison a group may also offer protection, material help and a sense of
order. Recruiters are often skilled at spotting unmet needs and at presenting themselves as the only people who
truly listen.</p>
<h3>Personal factors</h3>
<p>Individual characteristics that make some people more receptive: a strong need for certainty or significance,
earlier exposure to violence, a search for identity in young adulthood, or personal links with people already
involved.</p>
<h3>Why this matters for practice</h3>
<p>Push and pull factors point to <strong>needs</strong>. If a group offers belonging, respect and purpose, our
interventions must offer credible alternatives: relationships with staff and family, education and work,
recognition and a future. Addressing the needs is usually more effective than arguing against the ideology.</p>
""", """
<p>Pour comprendre le parcours d'une personne, il est utile d'examiner trois groupes de facteurs. Aucun d'eux ne
provoque à lui seul la radicalisation ; ce qui compte, c'est la manière dont ils se combinent dans une vie, à un
moment donné.</p>
<h3>Les facteurs de répulsion</h3>
<p>Les conditions qui rendent la situation actuelle insupportable ou injuste aux yeux de la personne : expériences
de discrimination ou d'humiliation, sentiment que les institutions sont injustes, exclusion sociale, chômage,
rupture familiale ou crises personnelles comme un deuil. En détention, la perte d'autonomie, la peur pour sa
sécurité et le stigmate de la condamnation peuvent accentuer ces pressions.</p>
<h3>Les facteurs d'attraction</h3>
<p>Ce qu'un groupe ou une idéologie extrémiste offre en retour : l'<strong>appartenance</strong> et la fraternité,
une identité claire, un sens et un but, un statut et du respect, de l'excitation, et des explications simples à des
problèmes complexes — souvent avec un ennemi tout désigné. En prison, un groupe peut aussi offrir une protection,
une aide matérielle et un sentiment d'ordre. Les recruteurs savent souvent repérer les besoins insatisfaits et se
présenter comme les seuls à vraiment écouter.</p>
<h3>Les facteurs personnels</h3>
<p>Des caractéristiques individuelles qui rendent certaines personnes plus réceptives : un fort besoin de
certitude ou de reconnaissance, une exposition antérieure à la violence, une quête d'identité au début de l'âge
adulte, ou des liens personnels avec des personnes déjà engagées.</p>
<h3>Pourquoi c'est important dans la pratique</h3>
<p>Les facteurs de répulsion et d'attraction renvoient à des <strong>besoins</strong>. Si un groupe offre
appartenance, respect et but, nos interventions doivent proposer des alternatives crédibles : des relations avec
les professionnels et la famille, la formation et le travail, la reconnaissance et un avenir. Répondre aux besoins
est généralement plus efficace que de contester l'idéologie.</p>
""", """
<p>Para compreender o percurso de uma pessoa, é útil analisar três grupos de fatores. Nenhum deles provoca, por si
só, a radicalização; o que conta é a forma como se combinam numa vida, num determinado momento.</p>
<h3>Fatores de repulsão</h3>
<p>Condições que tornam a situação atual insuportável ou injusta aos olhos da pessoa: experiências de
discriminação ou humilhação, a perceção de que as instituições são injustas, exclusão social, desemprego, rutura
familiar ou crises pessoais, como um luto. Na prisão, a perda de autonomia, o medo pela própria segurança e o
estigma da condenação podem agravar estas pressões.</p>
<h3>Fatores de atração</h3>
<p>O que um grupo ou uma ideologia extremista oferece em troca: <strong>pertença</strong> e fraternidade, uma
identidade clara, sentido e propósito, estatuto e respeito, emoção, e explicações simples para problemas complexos
— muitas vezes com um inimigo bem definido a quem culpar. Na prisão, um grupo pode também oferecer proteção, ajuda
material e uma sensação de ordem. Os recrutadores sabem muitas vezes identificar necessidades não satisfeitas e
apresentar-se como os únicos que realmente escutam.</p>
<h3>Fatores pessoais</h3>
<p>Características individuais que tornam algumas pessoas mais recetivas: uma forte necessidade de certeza ou de
reconhecimento, exposição anterior à violência, a procura de identidade no início da idade adulta, ou ligações
pessoais a pessoas já envolvidas.</p>
<h3>Porque é que isto importa na prática</h3>
<p>Os fatores de repulsão e de atração apontam para <strong>necessidades</strong>. Se um grupo oferece pertença,
respeito e propósito, as nossas intervenções têm de oferecer alternativas credíveis: relações com os
profissionais e com a família, formação e trabalho, reconhecimento e um futuro. Responder às necessidades é, em
geral, mais eficaz do que contestar a ideologia.</p>
""")

R12 = ("""<p>Think of a person you have worked with (without naming them) who was drawn to a group — extremist or
not, such as a gang. Which needs did the group seem to meet for them? What could your service offer instead?</p>""",
       """<p>Pensez à une personne avec qui vous avez travaillé (sans la nommer) qui a été attirée par un groupe —
extrémiste ou non, une bande par exemple. À quels besoins le groupe semblait-il répondre pour elle ? Que pourrait
offrir votre service à la place ?</p>""",
       """<p>Pense numa pessoa com quem trabalhou (sem a identificar) que se sentiu atraída por um grupo — extremista
ou não, como um gang. A que necessidades parecia o grupo responder? O que poderia o seu serviço oferecer em
alternativa?</p>""")
A12 = ("""A young man I supervised joined a gang in prison mainly for protection and for the respect he never had
outside. A place in the kitchen team and a stable key worker gave him some of that; we could have offered it
earlier.""",
       """Un jeune homme que je suivais a rejoint une bande en détention surtout pour être protégé et respecté, ce
qu'il n'avait jamais connu dehors. Une place aux cuisines et un référent stable lui ont apporté une partie de cela ;
nous aurions pu le proposer plus tôt.""",
       """Um jovem que acompanhei entrou num gang na prisão sobretudo por proteção e pelo respeito que nunca teve cá
fora. Um lugar na equipa da cozinha e um técnico de referência estável deram-lhe parte disso; podíamos ter-lho
oferecido mais cedo.""")

L13 = ("""
<p>Frontline staff are often the first to notice that something is changing in a person's life. Signs of possible
radicalisation are rarely dramatic; more often they are <strong>changes</strong>: new friendships and the loss of
old ones, withdrawal from activities, a new vocabulary of “us and them”, attempts to impose rules on others, or
interest in violent material.</p>
<p>No single sign proves anything. Changes of this kind can also reflect depression, a genuine religious journey,
fear, or pressure from others. Your role is not to diagnose but to <strong>notice, record and pass on</strong> —
and to keep talking with the person.</p>
<ul>
<li>Write down what you saw and heard, when, and in what context — not your interpretation.</li>
<li>Use your service's reporting channel, and tell your supervisor.</li>
<li>Keep the relationship: a respectful conversation often tells you more than surveillance.</li>
</ul>
<p>In the scenario that follows, you are an officer on a prison wing. Choose what you would do; each choice has
consequences, and you can try the scenario again to explore other paths.</p>
""", """
<p>Les professionnels de terrain sont souvent les premiers à remarquer que quelque chose change dans la vie d'une
personne. Les signes d'une possible radicalisation sont rarement spectaculaires ; ce sont plutôt des
<strong>changements</strong> : de nouvelles fréquentations et l'abandon des anciennes, le retrait des activités, un
nouveau vocabulaire du « eux et nous », des tentatives d'imposer des règles aux autres, ou un intérêt pour des
contenus violents.</p>
<p>Aucun signe ne prouve quoi que ce soit à lui seul. Ces changements peuvent aussi traduire une dépression, un
cheminement religieux sincère, la peur ou des pressions exercées par d'autres. Votre rôle n'est pas de poser un
diagnostic mais de <strong>repérer, consigner et transmettre</strong> — et de continuer à parler avec la
personne.</p>
<ul>
<li>Notez ce que vous avez vu et entendu, quand et dans quel contexte — pas votre interprétation.</li>
<li>Utilisez le canal de signalement de votre service et informez votre hiérarchie.</li>
<li>Préservez la relation : une conversation respectueuse en apprend souvent davantage que la surveillance.</li>
</ul>
<p>Dans le scénario qui suit, vous êtes surveillant dans une aile de détention. Choisissez ce que vous feriez ;
chaque choix a des conséquences, et vous pouvez recommencer pour explorer d'autres chemins.</p>
""", """
<p>Os profissionais da linha da frente são muitas vezes os primeiros a reparar que algo está a mudar na vida de
uma pessoa. Os sinais de uma possível radicalização raramente são espetaculares; são sobretudo
<strong>mudanças</strong>: novas amizades e o abandono das antigas, o afastamento das atividades, um novo
vocabulário de “nós e eles”, tentativas de impor regras aos outros ou interesse por conteúdos violentos.</p>
<p>Nenhum sinal isolado prova o que quer que seja. Mudanças deste tipo podem também refletir uma depressão, um
percurso religioso genuíno, medo ou pressão de terceiros. O seu papel não é diagnosticar, mas sim <strong>observar,
registar e transmitir</strong> — e continuar a falar com a pessoa.</p>
<ul>
<li>Registe o que viu e ouviu, quando e em que contexto — não a sua interpretação.</li>
<li>Utilize o canal de comunicação do seu serviço e informe a sua chefia.</li>
<li>Preserve a relação: uma conversa respeitosa revela muitas vezes mais do que a vigilância.</li>
</ul>
<p>No cenário que se segue, é guarda numa ala prisional. Escolha o que faria; cada escolha tem consequências, e
pode repetir o cenário para explorar outros caminhos.</p>
""")

# A branching scenario: every text is (English, French, Portuguese); the structure is the same in each language.
WING = {"start": "s1", "steps": {
    "s1": {
        "text": ("""Lukas, 23, is serving four years for robbery. Over the past three weeks you have noticed changes:
he has stopped going to the workshop, no longer eats with his old friends and spends his time with a small group
around an older prisoner convicted of terrorist offences. Yesterday you heard him tell another young prisoner that
“people like us will have to fight back”. What do you do?""",
                 """Lukas, 23 ans, purge une peine de quatre ans pour vol avec violence. Depuis trois semaines, vous
remarquez des changements : il ne va plus à l'atelier, ne mange plus avec ses anciens amis et passe son temps avec
un petit groupe réuni autour d'un détenu plus âgé condamné pour des infractions terroristes. Hier, vous l'avez
entendu dire à un autre jeune détenu que « les gens comme nous vont devoir riposter ». Que faites-vous ?""",
                 """O Lukas, de 23 anos, cumpre quatro anos de prisão por roubo. Nas últimas três semanas, notou
mudanças: deixou de ir à oficina, já não come com os antigos amigos e passa o tempo com um pequeno grupo em torno
de um recluso mais velho condenado por crimes de terrorismo. Ontem, ouviu-o dizer a outro jovem recluso que
“pessoas como nós vão ter de ripostar”. O que faz?"""),
        "choices": [
            {"label": ("Confront him in front of the group: tell him you know what he is up to.",
                       "Le reprendre devant le groupe : lui dire que vous savez ce qu'il prépare.",
                       "Confrontá-lo à frente do grupo: dizer-lhe que sabe o que anda a fazer."),
             "next": "s3",
             "feedback": ("""Lukas denies everything and the group closes ranks around him. A public challenge
humiliates the person and confirms the group's story that staff are the enemy. You have also lost an opportunity to
talk with him alone.""",
                          """Lukas nie tout et le groupe fait bloc autour de lui. Une mise en cause publique humilie
la personne et confirme le discours du groupe selon lequel le personnel est l'ennemi. Vous avez aussi perdu
l'occasion de lui parler seul à seul.""",
                          """O Lukas nega tudo e o grupo fecha-se em torno dele. Uma confrontação pública humilha a
pessoa e confirma a narrativa do grupo de que os guardas são o inimigo. Perdeu também a oportunidade de falar com
ele a sós.""")},
            {"label": ("Write down what you have seen and heard, with dates, and find a moment to talk with him "
                       "one-to-one.",
                       "Noter ce que vous avez vu et entendu, avec les dates, et trouver un moment pour lui parler en "
                       "tête-à-tête.",
                       "Registar o que viu e ouviu, com datas, e encontrar um momento para falar com ele a sós."),
             "next": "s2",
             "feedback": ("""Good start. Factual notes will be useful to whoever assesses the situation, and an
informal conversation keeps the door open. You are not investigating: you are showing interest in him.""",
                          """Bon début. Des notes factuelles seront utiles à ceux qui évalueront la situation, et une
conversation informelle garde la porte ouverte. Vous n'enquêtez pas : vous vous intéressez à lui.""",
                          """Bom começo. Notas factuais serão úteis a quem avaliar a situação, e uma conversa
informal mantém a porta aberta. Não está a investigar: está a mostrar interesse por ele.""")},
            {"label": ("Do nothing for now: he has a right to his opinions and nothing illegal has happened.",
                       "Ne rien faire pour l'instant : il a droit à ses opinions et rien d'illégal ne s'est produit.",
                       "Não fazer nada por agora: ele tem direito às suas opiniões e nada de ilegal aconteceu."),
             "next": "s3",
             "feedback": ("""It is true that opinions are not a crime. But the changes you see concern his wellbeing
and the influence of others on him, not only his views. Two weeks later you notice that he is giving his canteen
purchases to the group, and you are still uneasy.""",
                          """Il est vrai que les opinions ne sont pas un délit. Mais les changements que vous
observez concernent son bien-être et l'influence que d'autres exercent sur lui, pas seulement ses idées. Deux
semaines plus tard, vous remarquez qu'il donne ses achats de cantine au groupe, et vous restez inquiet.""",
                          """É verdade que as opiniões não são crime. Mas as mudanças que observa dizem respeito ao
seu bem-estar e à influência de outros sobre ele, e não apenas às suas ideias. Duas semanas depois, repara que ele
entrega as compras da cantina ao grupo, e continua preocupado.""")},
        ]},
    "s2": {
        "text": ("""During a quiet moment on the landing, you ask Lukas how he is doing. After a while he says he has
been “treated like dirt all my life” and that the older prisoner “is the only one here who respects me”. How do
you respond?""",
                 """Lors d'un moment calme dans la coursive, vous demandez à Lukas comment il va. Au bout d'un moment,
il dit qu'on l'a « traité comme un moins que rien toute sa vie » et que le détenu plus âgé « est le seul ici qui le
respecte ». Comment réagissez-vous ?""",
                 """Num momento calmo no corredor, pergunta ao Lukas como está. Passado algum tempo, ele diz que foi
“tratado como lixo a vida toda” e que o recluso mais velho “é o único aqui que o respeita”. Como reage?"""),
        "choices": [
            {"label": ("Tell him the older prisoner is a terrorist and that he will end up the same way.",
                       "Lui dire que le détenu plus âgé est un terroriste et qu'il finira comme lui.",
                       "Dizer-lhe que o recluso mais velho é um terrorista e que ele vai acabar da mesma maneira."),
             "next": "s3",
             "feedback": ("""A warning like this feels like one more person looking down on him. It may push him
closer to the only person he says respects him. The conversation ends quickly.""",
                          """Un tel avertissement ressemble à un mépris de plus. Il risque de le rapprocher de la
seule personne qui, selon lui, le respecte. La conversation tourne court.""",
                          """Um aviso destes soa a mais uma pessoa a desprezá-lo. Pode aproximá-lo ainda mais da
única pessoa que, segundo ele, o respeita. A conversa termina depressa.""")},
            {"label": ("Listen, acknowledge how he feels, and ask what respect would look like for him here.",
                       "L'écouter, reconnaître ce qu'il ressent et lui demander à quoi ressemblerait le respect pour "
                       "lui, ici.",
                       "Ouvir, reconhecer o que ele sente e perguntar-lhe como seria, para ele, ser respeitado "
                       "aqui."),
             "next": "s3",
             "feedback": ("""He talks for ten minutes — about his father, about the workshop where he felt mocked.
You now understand which needs the group is meeting (respect, belonging) and you have a relationship to build on.
You add the conversation to your notes.""",
                          """Il parle pendant dix minutes — de son père, de l'atelier où il se sentait moqué. Vous
comprenez maintenant à quels besoins répond le groupe (respect, appartenance) et vous avez une relation sur laquelle
vous appuyer. Vous ajoutez cet échange à vos notes.""",
                          """Ele fala durante dez minutos — sobre o pai, sobre a oficina onde se sentia gozado.
Compreende agora a que necessidades o grupo responde (respeito, pertença) e tem uma relação em que se apoiar.
Acrescenta a conversa às suas notas.""")},
        ]},
    "s3": {
        "text": ("""You remain concerned about Lukas, and you are going on a week's leave tomorrow. What do you do
with what you know?""",
                 """Vous restez préoccupé au sujet de Lukas, et vous partez demain pour une semaine de congé. Que
faites-vous de ce que vous savez ?""",
                 """Continua preocupado com o Lukas e amanhã vai de férias durante uma semana. O que faz com o que
sabe?"""),
        "choices": [
            {"label": ("Post a message in the staff group chat so that colleagues keep an eye on him.",
                       "Publier un message dans la messagerie de groupe du personnel pour que les collègues le "
                       "surveillent.",
                       "Publicar uma mensagem no grupo de conversa dos colegas para que fiquem de olho nele."),
             "next": "end_poor",
             "feedback": ("""An informal message spreads an unverified label beyond those who need it, outside any
secure system, and nobody is responsible for acting on it.""",
                          """Un message informel diffuse une étiquette non vérifiée au-delà des personnes
concernées, hors de tout système sécurisé, et personne n'est chargé d'y donner suite.""",
                          """Uma mensagem informal espalha um rótulo não verificado para além de quem precisa de o
conhecer, fora de qualquer sistema seguro, e ninguém fica responsável por agir.""")},
            {"label": ("Submit a report through the official channel, describing facts and context, and brief your "
                       "supervisor before you leave.",
                       "Rédiger un signalement par le canal officiel, en décrivant les faits et le contexte, et en "
                       "informer votre supérieur avant de partir.",
                       "Fazer uma comunicação pelo canal oficial, descrevendo factos e contexto, e informar a sua "
                       "chefia antes de sair."),
             "next": "end_good",
             "feedback": ("""This is the safe and fair route: the information reaches people trained to assess it,
it is recorded lawfully, and the response does not depend on you being on shift.""",
                          """C'est la voie sûre et équitable : l'information parvient à des personnes formées pour
l'évaluer, elle est enregistrée conformément au droit, et la réponse ne dépend pas de votre présence.""",
                          """Este é o caminho seguro e justo: a informação chega a pessoas com formação para a
avaliar, fica registada de forma legal e a resposta não depende de estar de serviço.""")},
            {"label": ("Keep your notes in your locker until you are sure.",
                       "Garder vos notes dans votre casier jusqu'à en être sûr.",
                       "Guardar as notas no cacifo até ter a certeza."),
             "next": "end_poor",
             "feedback": ("""Waiting for certainty means that nobody else can put your observations together with
other information. Reporting a concern is not an accusation.""",
                          """Attendre d'avoir une certitude empêche quiconque de rapprocher vos observations
d'autres informations. Signaler une inquiétude n'est pas une accusation.""",
                          """Esperar pela certeza impede que outros juntem as suas observações a outras
informações. Comunicar uma preocupação não é uma acusação.""")},
        ]},
    "end_good": {
        "text": ("""The prison's assessment team reads your report alongside other information and meets Lukas. He is
offered a place in a different workshop, contact with the education service and regular conversations with a
trained mentor. Contact with the older prisoner is reviewed. Months later, Lukas says the conversation on the
landing was “the first time anyone asked”. Noticing, recording, reporting and keeping the relationship worked
together.""",
                 """L'équipe d'évaluation de l'établissement examine votre signalement avec d'autres informations et
rencontre Lukas. On lui propose une place dans un autre atelier, un contact avec le service d'enseignement et des
entretiens réguliers avec un mentor formé. Les contacts avec le détenu plus âgé sont réexaminés. Des mois plus
tard, Lukas dira que la conversation dans la coursive était « la première fois que quelqu'un lui posait la
question ». Repérer, consigner, signaler et préserver la relation ont fonctionné ensemble.""",
                 """A equipa de avaliação do estabelecimento analisa a sua comunicação juntamente com outras
informações e fala com o Lukas. É-lhe oferecido um lugar noutra oficina, contacto com o serviço de educação e
conversas regulares com um mentor com formação. O contacto com o recluso mais velho é reavaliado. Meses depois, o
Lukas diz que a conversa no corredor foi “a primeira vez que alguém perguntou”. Observar, registar, comunicar e
manter a relação funcionaram em conjunto."""),
        "choices": []},
    "end_poor": {
        "text": ("""Your concern never reaches the people who could assess it. Three months later, Lukas is found
with extremist propaganda and moved to a segregation unit; he now sees staff as enemies. Looking back, the signs
were there and you noticed them. What was missing was a factual record passed on through the proper channel, while
keeping the relationship. Try the scenario again to explore another path.""",
                 """Votre inquiétude ne parvient jamais aux personnes qui pourraient l'évaluer. Trois mois plus tard,
Lukas est trouvé en possession de propagande extrémiste et placé à l'isolement ; il considère désormais le
personnel comme un ennemi. Avec le recul, les signes étaient là et vous les aviez remarqués. Il manquait un écrit
factuel transmis par le canal prévu, tout en préservant la relation. Recommencez le scénario pour explorer un autre
chemin.""",
                 """A sua preocupação nunca chega às pessoas que a poderiam avaliar. Três meses depois, o Lukas é
encontrado com propaganda extremista e transferido para uma ala de isolamento; agora vê os guardas como inimigos.
Olhando para trás, os sinais estavam lá e reparou neles. Faltou um registo factual transmitido pelo canal próprio,
mantendo a relação. Repita o cenário para explorar outro caminho."""),
        "choices": []},
}}
WING_PATHS = {"good": [1, 1, 1], "poor": [0, 0]}

# --- module 2 ---

L21 = ("""
<p>Violent extremist movements differ in their ideas, but they share a structure: a story of
<strong>grievance</strong> (a group is under attack or humiliated), an <strong>enemy</strong> responsible for it,
and a <strong>call to action</strong> that presents violence as legitimate, even heroic.</p>
<h3>Islamist violent extremism</h3>
<p>Jihadist groups present a world divided between a persecuted community of believers and its enemies — Western
states, Jews, Shia Muslims and other Muslims they declare apostates. They offer young people a heroic identity and
moral purity, and they use real conflicts and experiences of discrimination as evidence. Most Muslims reject these
groups, and most victims of jihadist violence worldwide are Muslims. In prisons, charismatic individuals may
recruit through protection, religious authority or material help.</p>
<h3>Right-wing violent extremism</h3>
<p>Right-wing extremism covers neo-Nazi and white supremacist groups, violent anti-migrant and anti-Muslim
movements and some anti-government networks. Its core story is that a “native” people is being replaced or
betrayed by elites and must defend itself. Much of it is organised loosely online, around memes, music and “lone
actor” heroes. In prison it often overlaps with gangs and with racist violence between prisoners.</p>
<h3>What staff should keep in mind</h3>
<ul>
<li>Both forms recruit on similar needs: belonging, significance, anger at injustice.</li>
<li>Symbols, codes and vocabulary change quickly; ask specialist colleagues rather than relying on old lists.</li>
<li>Attention to one form must not blind us to the others.</li>
</ul>
""", """
<p>Les mouvements extrémistes violents diffèrent par leurs idées, mais partagent une même structure : un récit de
<strong>grief</strong> (un groupe est attaqué ou humilié), un <strong>ennemi</strong> qui en est responsable et un
<strong>appel à l'action</strong> qui présente la violence comme légitime, voire héroïque.</p>
<h3>L'extrémisme violent islamiste</h3>
<p>Les groupes djihadistes présentent un monde divisé entre une communauté de croyants persécutée et ses ennemis —
les États occidentaux, les juifs, les musulmans chiites et les autres musulmans qu'ils déclarent apostats. Ils
offrent aux jeunes une identité héroïque et une pureté morale, et se servent des conflits réels et des expériences
de discrimination comme preuves. La plupart des musulmans rejettent ces groupes, et la plupart des victimes de la
violence djihadiste dans le monde sont musulmanes. En détention, des individus charismatiques peuvent recruter par
la protection, l'autorité religieuse ou l'aide matérielle.</p>
<h3>L'extrémisme violent d'extrême droite</h3>
<p>L'extrémisme de droite regroupe des groupes néonazis et suprémacistes blancs, des mouvements violemment hostiles
aux migrants et aux musulmans, et certains réseaux antigouvernementaux. Son récit central : un peuple « de souche »
serait remplacé ou trahi par les élites et devrait se défendre. Il s'organise souvent de manière informelle en
ligne, autour de mèmes, de musique et de figures de « loups solitaires ». En prison, il recoupe souvent les bandes
et la violence raciste entre détenus.</p>
<h3>Ce que les professionnels doivent garder à l'esprit</h3>
<ul>
<li>Les deux formes recrutent sur des besoins semblables : appartenance, reconnaissance, colère face à
l'injustice.</li>
<li>Les symboles, les codes et le vocabulaire évoluent vite ; interrogez des collègues spécialisés plutôt que de
vous fier à d'anciennes listes.</li>
<li>L'attention portée à une forme ne doit pas nous rendre aveugles aux autres.</li>
</ul>
""", """
<p>Os movimentos extremistas violentos diferem nas suas ideias, mas partilham uma estrutura: uma narrativa de
<strong>agravo</strong> (um grupo está a ser atacado ou humilhado), um <strong>inimigo</strong> responsável por
isso e um <strong>apelo à ação</strong> que apresenta a violência como legítima, até heroica.</p>
<h3>Extremismo violento islamista</h3>
<p>Os grupos jihadistas apresentam um mundo dividido entre uma comunidade de crentes perseguida e os seus
inimigos — os Estados ocidentais, os judeus, os muçulmanos xiitas e outros muçulmanos que declaram apóstatas.
Oferecem aos jovens uma identidade heroica e pureza moral, e usam conflitos reais e experiências de discriminação
como prova. A maioria dos muçulmanos rejeita estes grupos, e a maioria das vítimas da violência jihadista no mundo
são muçulmanas. Na prisão, indivíduos carismáticos podem recrutar através da proteção, da autoridade religiosa ou
da ajuda material.</p>
<h3>Extremismo violento de extrema-direita</h3>
<p>O extremismo de direita abrange grupos neonazis e supremacistas brancos, movimentos violentamente contra
migrantes e muçulmanos e algumas redes antigovernamentais. A sua narrativa central é que um povo “nativo” está a
ser substituído ou traído pelas elites e tem de se defender. Organiza-se muitas vezes de forma informal online, em
torno de memes, música e figuras de “lobos solitários”. Na prisão, cruza-se frequentemente com gangs e com
violência racista entre reclusos.</p>
<h3>O que os profissionais devem ter presente</h3>
<ul>
<li>Ambas as formas recrutam com base em necessidades semelhantes: pertença, reconhecimento, revolta perante a
injustiça.</li>
<li>Os símbolos, códigos e vocabulário mudam depressa; consulte colegas especializados em vez de confiar em listas
antigas.</li>
<li>A atenção a uma forma não nos deve tornar cegos às outras.</li>
</ul>
""")

L22 = ("""
<h3>Left-wing and anarchist violent extremism</h3>
<p>Violent left-wing and anarchist groups frame the state, capitalism, the police or “fascists” as the enemy, and
justify attacks — usually on property, sometimes on people — as resistance. In several European countries they
have carried out arson and sabotage campaigns. People involved may be well educated and politically articulate,
which can lead staff to underestimate the risk or, conversely, to treat legitimate activism as extremism.</p>
<h3>Single-issue and other forms</h3>
<p>Some people use violence for one cause: against abortion, for animal rights, against a specific
infrastructure project. Ethno-nationalist and separatist movements combine a political goal with a history of
armed struggle. Newer forms include violent misogyny (the “incel” subculture) and movements built on conspiracy
theories, where distrust of institutions turns into a duty to resist them.</p>
<h3>Mixed and unclear ideologies</h3>
<p>Increasingly, practitioners meet people whose beliefs are a personal mix of elements taken from different
movements, or who are fascinated by violence and mass killers without any consistent ideology. Assessment tools
and services organised by “type” of extremism may struggle with these cases.</p>
<h3>For practice</h3>
<ul>
<li>Focus on <strong>behaviour, grievances and needs</strong> rather than on the label.</li>
<li>Peaceful protest, radical criticism and unusual beliefs are not extremism.</li>
<li>Ask: does the person justify or prepare harm to others?</li>
</ul>
""", """
<h3>L'extrémisme violent d'extrême gauche et anarchiste</h3>
<p>Les groupes violents d'extrême gauche et anarchistes désignent l'État, le capitalisme, la police ou les
« fascistes » comme l'ennemi, et justifient des attaques — le plus souvent contre des biens, parfois contre des
personnes — comme des actes de résistance. Dans plusieurs pays européens, ils ont mené des campagnes d'incendies et
de sabotages. Les personnes impliquées sont parfois diplômées et à l'aise dans le débat politique, ce qui peut
conduire les professionnels à sous-estimer le risque ou, à l'inverse, à traiter un militantisme légitime comme de
l'extrémisme.</p>
<h3>Causes uniques et autres formes</h3>
<p>Certaines personnes recourent à la violence pour une seule cause : contre l'avortement, pour les droits des
animaux, contre un projet d'infrastructure précis. Les mouvements ethno-nationalistes et séparatistes associent un
objectif politique à une histoire de lutte armée. Parmi les formes plus récentes figurent la misogynie violente (la
sous-culture « incel ») et des mouvements fondés sur des théories du complot, où la défiance envers les
institutions devient un devoir de leur résister.</p>
<h3>Idéologies composites et floues</h3>
<p>Les professionnels rencontrent de plus en plus de personnes dont les croyances forment un mélange personnel
d'éléments empruntés à différents mouvements, ou qui sont fascinées par la violence et les auteurs de tueries de
masse sans idéologie cohérente. Les outils d'évaluation et les services organisés par « type » d'extrémisme peuvent
avoir du mal avec ces situations.</p>
<h3>Pour la pratique</h3>
<ul>
<li>Concentrez-vous sur les <strong>comportements, les griefs et les besoins</strong> plutôt que sur
l'étiquette.</li>
<li>La manifestation pacifique, la critique radicale et les croyances inhabituelles ne sont pas de
l'extrémisme.</li>
<li>Demandez-vous : la personne justifie-t-elle ou prépare-t-elle un tort à autrui ?</li>
</ul>
""", """
<h3>Extremismo violento de extrema-esquerda e anarquista</h3>
<p>Os grupos violentos de extrema-esquerda e anarquistas apontam o Estado, o capitalismo, a polícia ou os
“fascistas” como inimigo e justificam ataques — geralmente contra bens, por vezes contra pessoas — como
resistência. Em vários países europeus, levaram a cabo campanhas de incêndios e sabotagem. As pessoas envolvidas
podem ter formação superior e grande capacidade de argumentação política, o que pode levar os profissionais a
subestimar o risco ou, pelo contrário, a tratar o ativismo legítimo como extremismo.</p>
<h3>Causas únicas e outras formas</h3>
<p>Algumas pessoas recorrem à violência por uma única causa: contra o aborto, pelos direitos dos animais, contra
um projeto de infraestrutura concreto. Os movimentos etnonacionalistas e separatistas combinam um objetivo
político com uma história de luta armada. Entre as formas mais recentes estão a misoginia violenta (a subcultura
“incel”) e movimentos assentes em teorias da conspiração, em que a desconfiança face às instituições se transforma
num dever de lhes resistir.</p>
<h3>Ideologias mistas e pouco claras</h3>
<p>Cada vez mais, os profissionais encontram pessoas cujas crenças são uma mistura pessoal de elementos de
diferentes movimentos, ou que estão fascinadas pela violência e por autores de massacres sem qualquer ideologia
coerente. Os instrumentos de avaliação e os serviços organizados por “tipo” de extremismo podem ter dificuldade
com estes casos.</p>
<h3>Para a prática</h3>
<ul>
<li>Concentre-se nos <strong>comportamentos, agravos e necessidades</strong> e não no rótulo.</li>
<li>O protesto pacífico, a crítica radical e as crenças invulgares não são extremismo.</li>
<li>Pergunte-se: a pessoa justifica ou prepara danos a outros?</li>
</ul>
""")

L23 = ("""
<p>Prison is a place where many people turn to religion. Faith can offer structure, hope, a community and a way
to make sense of guilt and suffering. Research and practice show that, for most people, religious practice in
prison is a <strong>protective</strong> factor that supports desistance from crime.</p>
<h3>Conversion is not radicalisation</h3>
<p>Becoming more devout — praying regularly, changing one's diet or clothing, growing a beard, reading religious
texts — is a right protected by law and is not a sign of extremism. Treating it as suspicious is discriminatory,
damages trust, and plays into the extremist narrative that the state is hostile to believers.</p>
<h3>When to be concerned</h3>
<p>Concern is justified by <strong>behaviour</strong>, not by piety. Examples include:</p>
<ul>
<li>pressure or threats to make other prisoners convert or follow rules;</li>
<li>rejecting all contact with people described as unbelievers, including family;</li>
<li>justifying or praising violence against groups of people;</li>
<li>seeking or sharing extremist propaganda.</li>
</ul>
<h3>Working with chaplains</h3>
<p>Prison chaplains and faith representatives are important partners. They can distinguish mainstream from
extremist teaching, offer a credible religious voice, and support people who are searching. Involve them early,
respect their confidentiality, and make sure that every faith community has access to a qualified
representative.</p>
""", """
<p>La prison est un lieu où beaucoup de personnes se tournent vers la religion. La foi peut apporter une structure,
de l'espoir, une communauté et une manière de donner sens à la culpabilité et à la souffrance. La recherche et la
pratique montrent que, pour la plupart des personnes, la pratique religieuse en détention est un facteur de
<strong>protection</strong> qui favorise la sortie de la délinquance.</p>
<h3>La conversion n'est pas la radicalisation</h3>
<p>Devenir plus pratiquant — prier régulièrement, changer son alimentation ou sa tenue, porter la barbe, lire des
textes religieux — est un droit protégé par la loi et n'est pas un signe d'extrémisme. Le traiter comme suspect est
discriminatoire, abîme la confiance et alimente le récit extrémiste selon lequel l'État serait hostile aux
croyants.</p>
<h3>Quand s'inquiéter</h3>
<p>L'inquiétude se justifie par des <strong>comportements</strong>, non par la piété. Par exemple :</p>
<ul>
<li>des pressions ou des menaces pour obliger d'autres détenus à se convertir ou à suivre des règles ;</li>
<li>le rejet de tout contact avec des personnes qualifiées de mécréantes, y compris la famille ;</li>
<li>la justification ou l'éloge de la violence contre des groupes de personnes ;</li>
<li>la recherche ou la diffusion de propagande extrémiste.</li>
</ul>
<h3>Travailler avec les aumôniers</h3>
<p>Les aumôniers et représentants des cultes sont des partenaires importants. Ils savent distinguer un
enseignement traditionnel d'un discours extrémiste, offrent une voix religieuse crédible et accompagnent les
personnes en recherche. Associez-les tôt, respectez leur confidentialité et veillez à ce que chaque communauté
religieuse ait accès à un représentant qualifié.</p>
""", """
<p>A prisão é um lugar onde muitas pessoas se voltam para a religião. A fé pode oferecer estrutura, esperança, uma
comunidade e uma forma de dar sentido à culpa e ao sofrimento. A investigação e a prática mostram que, para a
maioria das pessoas, a prática religiosa na prisão é um fator de <strong>proteção</strong> que favorece o
afastamento do crime.</p>
<h3>Conversão não é radicalização</h3>
<p>Tornar-se mais praticante — rezar regularmente, mudar a alimentação ou o vestuário, deixar crescer a barba, ler
textos religiosos — é um direito protegido por lei e não é sinal de extremismo. Tratá-lo como suspeito é
discriminatório, prejudica a confiança e alimenta a narrativa extremista de que o Estado é hostil aos crentes.</p>
<h3>Quando se preocupar</h3>
<p>A preocupação justifica-se por <strong>comportamentos</strong>, não pela devoção. Por exemplo:</p>
<ul>
<li>pressões ou ameaças para obrigar outros reclusos a converterem-se ou a seguir regras;</li>
<li>rejeitar qualquer contacto com pessoas consideradas infiéis, incluindo a família;</li>
<li>justificar ou elogiar a violência contra grupos de pessoas;</li>
<li>procurar ou partilhar propaganda extremista.</li>
</ul>
<h3>Trabalhar com os capelães</h3>
<p>Os capelães e representantes religiosos são parceiros importantes. Sabem distinguir o ensino tradicional do
discurso extremista, oferecem uma voz religiosa credível e acompanham quem está à procura. Envolva-os cedo, respeite
a sua confidencialidade e assegure que todas as comunidades religiosas têm acesso a um representante
qualificado.</p>
""")

R23 = ("""<p>In your service, how are changes in religious practice noticed and talked about? Describe one situation
where a change might have been misread — in either direction — and what would have helped.</p>""",
       """<p>Dans votre service, comment les changements de pratique religieuse sont-ils remarqués et évoqués ?
Décrivez une situation où un changement aurait pu être mal interprété — dans un sens ou dans l'autre — et ce qui
aurait aidé.</p>""",
       """<p>No seu serviço, como são notadas e comentadas as mudanças na prática religiosa? Descreva uma situação em
que uma mudança possa ter sido mal interpretada — num sentido ou no outro — e o que teria ajudado.</p>""")
A23 = ("""A colleague reported a man only because he had started fasting. Talking to the chaplain first would have
shown that he was preparing for his father's funeral.""",
       """Un collègue a signalé un homme uniquement parce qu'il avait commencé à jeûner. Un échange préalable avec
l'aumônier aurait montré qu'il se préparait aux obsèques de son père.""",
       """Um colega comunicou o caso de um homem só porque tinha começado a jejuar. Falar primeiro com o capelão
teria mostrado que se estava a preparar para o funeral do pai.""")

# --- module 3 ---

L31 = ("""
<p>The internet rarely radicalises anyone on its own, but it has changed how extremist ideas spread and how people
find each other. For many young people, there is no clear line between “online” and “offline” life.</p>
<h3>How online spaces accelerate the process</h3>
<ul>
<li><strong>Availability</strong>: propaganda, manuals and speeches are a few clicks away, in every language.</li>
<li><strong>Recommendation systems</strong> can lead from mainstream content to ever more extreme material,
because outrage keeps people watching.</li>
<li><strong>Echo chambers</strong>: closed groups and channels filter out other views and make extreme positions
feel normal.</li>
<li><strong>Humour and gaming culture</strong>: memes, irony and game-like “scores” lower the barrier to violent
ideas, especially among teenagers.</li>
<li><strong>Direct contact</strong>: recruiters use private and encrypted messaging to build a personal
relationship.</li>
</ul>
<h3>In prison and on probation</h3>
<p>Prisons limit internet access, but illicit phones circulate, and people return to an online world that has
changed during their sentence. On probation, conditions may restrict devices or certain contacts; they work best
when they are explained, proportionate and combined with support to build a life offline.</p>
<h3>What practitioners can do</h3>
<p>You do not need to be a technical expert. What helps most is <strong>curiosity</strong> about a person's online
life, an understanding of the platforms they use, and cooperation with specialists when content or contacts raise
concern.</p>
""", """
<p>Internet radicalise rarement quelqu'un à lui seul, mais il a changé la manière dont les idées extrémistes se
diffusent et dont les personnes se trouvent. Pour beaucoup de jeunes, il n'y a pas de frontière nette entre la vie
« en ligne » et la vie « hors ligne ».</p>
<h3>Comment les espaces en ligne accélèrent le processus</h3>
<ul>
<li><strong>Disponibilité</strong> : propagande, manuels et discours sont à quelques clics, dans toutes les
langues.</li>
<li>Les <strong>algorithmes de recommandation</strong> peuvent conduire de contenus ordinaires à des contenus
toujours plus extrêmes, parce que l'indignation retient l'attention.</li>
<li><strong>Chambres d'écho</strong> : les groupes et canaux fermés filtrent les autres points de vue et font
paraître normales des positions extrêmes.</li>
<li><strong>Humour et culture du jeu vidéo</strong> : mèmes, ironie et « scores » inspirés du jeu abaissent la
barrière vers des idées violentes, surtout chez les adolescents.</li>
<li><strong>Contact direct</strong> : les recruteurs utilisent des messageries privées et chiffrées pour nouer une
relation personnelle.</li>
</ul>
<h3>En détention et en probation</h3>
<p>Les prisons limitent l'accès à internet, mais des téléphones circulent illégalement, et les personnes retrouvent
à leur sortie un monde numérique qui a changé pendant leur peine. En probation, des obligations peuvent restreindre
l'usage d'appareils ou certains contacts ; elles fonctionnent mieux lorsqu'elles sont expliquées, proportionnées et
accompagnées d'un soutien pour construire une vie hors ligne.</p>
<h3>Ce que les professionnels peuvent faire</h3>
<p>Nul besoin d'être expert technique. Ce qui aide le plus, c'est la <strong>curiosité</strong> pour la vie en
ligne de la personne, une connaissance des plateformes qu'elle utilise et la coopération avec des spécialistes
lorsque des contenus ou des contacts suscitent une inquiétude.</p>
""", """
<p>A internet raramente radicaliza alguém por si só, mas mudou a forma como as ideias extremistas se espalham e
como as pessoas se encontram. Para muitos jovens, não há uma fronteira clara entre a vida “online” e a vida
“offline”.</p>
<h3>Como os espaços online aceleram o processo</h3>
<ul>
<li><strong>Disponibilidade</strong>: propaganda, manuais e discursos estão à distância de alguns cliques, em
todas as línguas.</li>
<li>Os <strong>sistemas de recomendação</strong> podem levar de conteúdos comuns a materiais cada vez mais
extremos, porque a indignação prende a atenção.</li>
<li><strong>Câmaras de eco</strong>: grupos e canais fechados filtram outras opiniões e fazem as posições extremas
parecer normais.</li>
<li><strong>Humor e cultura dos videojogos</strong>: memes, ironia e “pontuações” ao estilo dos jogos baixam a
barreira para ideias violentas, sobretudo entre adolescentes.</li>
<li><strong>Contacto direto</strong>: os recrutadores usam mensagens privadas e encriptadas para criar uma relação
pessoal.</li>
</ul>
<h3>Na prisão e em liberdade</h3>
<p>As prisões limitam o acesso à internet, mas circulam telemóveis ilícitos, e as pessoas regressam a um mundo
digital que mudou durante a pena. Nas medidas na comunidade, as condições podem restringir aparelhos ou certos
contactos; funcionam melhor quando são explicadas, proporcionais e acompanhadas de apoio para construir uma vida
offline.</p>
<h3>O que os profissionais podem fazer</h3>
<p>Não é preciso ser especialista em tecnologia. O que mais ajuda é a <strong>curiosidade</strong> pela vida online
da pessoa, conhecer as plataformas que usa e cooperar com especialistas quando conteúdos ou contactos suscitam
preocupação.</p>
""")

L32 = ("""
<p>Many practitioners avoid talking about the internet because they feel less competent than the person in front
of them. Yet asking about someone's online life is as important as asking about their friends, family or work —
and the person's expertise can become a strength in the conversation.</p>
<h3>Principles for the conversation</h3>
<ul>
<li><strong>Be curious, not alarmed.</strong> Ask what they enjoy online, which platforms and games they use, who
they talk to and how it makes them feel.</li>
<li><strong>Let them teach you.</strong> “Show me how this works” opens more doors than a warning.</li>
<li><strong>Explore, don't interrogate.</strong> Open questions (“What draws you to this channel?”) work better
than accusations.</li>
<li><strong>Talk about influence.</strong> Discuss how algorithms choose content, who profits from outrage, and
how to check a source.</li>
<li><strong>Be honest about limits.</strong> If you are required to pass on certain information, say so at the
start.</li>
</ul>
<h3>When content raises concern</h3>
<p>If a person shows or describes material that glorifies violence, threatens others or suggests contact with
extremist networks, stay calm, do not copy or forward the content yourself, note what you saw, and follow your
service's procedure for reporting illegal or dangerous content.</p>
<h3>Building offline alternatives</h3>
<p>Online communities meet real needs: friendship, recognition, a place where one's anger is heard. The most
effective response is to help the person find those things elsewhere — in sport, education, work, volunteering or
relationships.</p>
""", """
<p>Beaucoup de professionnels évitent de parler d'internet parce qu'ils se sentent moins compétents que la
personne en face d'eux. Pourtant, s'intéresser à la vie en ligne de quelqu'un est aussi important que de
l'interroger sur ses amis, sa famille ou son travail — et l'expertise de la personne peut devenir un atout dans la
conversation.</p>
<h3>Principes pour la conversation</h3>
<ul>
<li><strong>Soyez curieux, pas alarmé.</strong> Demandez ce qu'elle aime faire en ligne, quelles plateformes et
quels jeux elle utilise, avec qui elle parle et ce qu'elle en ressent.</li>
<li><strong>Laissez-vous expliquer.</strong> « Montrez-moi comment ça marche » ouvre plus de portes qu'un
avertissement.</li>
<li><strong>Explorez, n'interrogez pas.</strong> Les questions ouvertes (« Qu'est-ce qui vous attire dans cette
chaîne ? ») fonctionnent mieux que les accusations.</li>
<li><strong>Parlez d'influence.</strong> Discutez de la manière dont les algorithmes choisissent les contenus, de
qui tire profit de l'indignation, et de la façon de vérifier une source.</li>
<li><strong>Soyez clair sur les limites.</strong> Si vous êtes tenu de transmettre certaines informations, dites-le
dès le départ.</li>
</ul>
<h3>Quand un contenu inquiète</h3>
<p>Si une personne montre ou décrit des contenus qui glorifient la violence, menacent autrui ou laissent supposer un
contact avec des réseaux extrémistes, restez calme, ne copiez ni ne transférez vous-même le contenu, notez ce que
vous avez vu et suivez la procédure de votre service pour signaler les contenus illicites ou dangereux.</p>
<h3>Construire des alternatives hors ligne</h3>
<p>Les communautés en ligne répondent à de vrais besoins : amitié, reconnaissance, un lieu où sa colère est
entendue. La réponse la plus efficace consiste à aider la personne à trouver cela ailleurs — dans le sport, la
formation, le travail, le bénévolat ou les relations.</p>
""", """
<p>Muitos profissionais evitam falar da internet porque se sentem menos competentes do que a pessoa à sua frente.
No entanto, perguntar pela vida online de alguém é tão importante como perguntar pelos amigos, pela família ou pelo
trabalho — e os conhecimentos da pessoa podem tornar-se um trunfo na conversa.</p>
<h3>Princípios para a conversa</h3>
<ul>
<li><strong>Seja curioso, não alarmista.</strong> Pergunte o que gosta de fazer online, que plataformas e jogos
usa, com quem fala e como se sente.</li>
<li><strong>Deixe que lhe ensinem.</strong> “Mostre-me como funciona” abre mais portas do que um aviso.</li>
<li><strong>Explore, não interrogue.</strong> Perguntas abertas (“O que o atrai neste canal?”) funcionam melhor do
que acusações.</li>
<li><strong>Fale sobre influência.</strong> Discuta como os algoritmos escolhem os conteúdos, quem lucra com a
indignação e como verificar uma fonte.</li>
<li><strong>Seja claro quanto aos limites.</strong> Se é obrigado a transmitir certas informações, diga-o logo no
início.</li>
</ul>
<h3>Quando um conteúdo preocupa</h3>
<p>Se uma pessoa mostrar ou descrever conteúdos que glorificam a violência, ameaçam outros ou sugerem contacto com
redes extremistas, mantenha a calma, não copie nem reencaminhe o conteúdo, registe o que viu e siga o procedimento
do seu serviço para comunicar conteúdos ilícitos ou perigosos.</p>
<h3>Construir alternativas offline</h3>
<p>As comunidades online respondem a necessidades reais: amizade, reconhecimento, um lugar onde a revolta é
ouvida. A resposta mais eficaz é ajudar a pessoa a encontrar isso noutro lado — no desporto, na formação, no
trabalho, no voluntariado ou nas relações.</p>
""")

R32 = ("""<p>Write three open questions you could use to start a conversation about online life with a person you
supervise or support. Which one would you try first, and why?</p>""",
       """<p>Rédigez trois questions ouvertes que vous pourriez utiliser pour engager une conversation sur la vie en
ligne avec une personne que vous suivez ou accompagnez. Laquelle essaieriez-vous en premier, et pourquoi ?</p>""",
       """<p>Escreva três perguntas abertas que poderia usar para iniciar uma conversa sobre a vida online com uma
pessoa que acompanha. Qual experimentaria primeiro, e porquê?</p>""")
A32 = ("""What do you like doing online in the evenings? Who do you talk to most? What have you seen lately that
made you angry? I would start with the first: it is the least threatening.""",
       """Qu'aimez-vous faire en ligne le soir ? Avec qui parlez-vous le plus ? Qu'avez-vous vu récemment qui vous a
mis en colère ? Je commencerais par la première : c'est la moins menaçante.""",
       """O que gosta de fazer online à noite? Com quem fala mais? O que viu ultimamente que o deixou revoltado?
Começaria pela primeira: é a menos ameaçadora.""")

# --- module 4 ---

L41 = ("""
<p>Violent extremist offending is rare, and the people involved are diverse. Purely statistical (“actuarial”) risk
tools, which work for common offences, cannot be reliably built for such small and varied groups. For this reason,
most specialised tools used in Europe — such as VERA-2R or ERG 22+ — follow the approach of <strong>structured
professional judgement</strong> (SPJ).</p>
<h3>How SPJ works</h3>
<ul>
<li>The assessor works through a list of <strong>factors</strong> drawn from research and experience: beliefs and
attitudes, social context and intention, history and capability, commitment and motivation, and protective
factors.</li>
<li>For each factor, the assessor gathers <strong>evidence from several sources</strong> — interviews, files,
observations by staff, information from other agencies — and rates its presence and relevance.</li>
<li>The assessor then forms an overall judgement and writes a <strong>formulation</strong>: an explanation of how
the factors fit together for this person, and what could increase or reduce the risk.</li>
<li>The result leads to a <strong>plan</strong> for intervention and management, reviewed regularly.</li>
</ul>
<h3>What it is not</h3>
<p>An SPJ tool is not a score that predicts the future, and it is not a checklist that anyone can tick. It needs
trained assessors, good information and time. Its value lies in making judgement transparent, consistent and open
to discussion.</p>
<h3>Your contribution</h3>
<p>Even if you never complete an assessment yourself, your <strong>factual observations</strong> are part of its
evidence. Dated, specific and neutral notes make assessments better; rumours and labels make them worse.</p>
""", """
<p>Les infractions extrémistes violentes sont rares et les personnes concernées très diverses. Les outils de risque
purement statistiques (« actuariels »), efficaces pour les infractions courantes, ne peuvent pas être construits de
manière fiable pour des groupes aussi restreints et variés. C'est pourquoi la plupart des outils spécialisés
utilisés en Europe — comme VERA-2R ou ERG 22+ — suivent l'approche du <strong>jugement professionnel
structuré</strong> (JPS).</p>
<h3>Comment fonctionne le JPS</h3>
<ul>
<li>L'évaluateur examine une liste de <strong>facteurs</strong> issus de la recherche et de l'expérience :
convictions et attitudes, contexte social et intentions, antécédents et capacités, engagement et motivation, et
facteurs de protection.</li>
<li>Pour chaque facteur, il recueille des <strong>éléments provenant de plusieurs sources</strong> — entretiens,
dossiers, observations du personnel, informations d'autres services — et en apprécie la présence et la
pertinence.</li>
<li>Il forme ensuite un jugement global et rédige une <strong>formulation</strong> : une explication de la manière
dont les facteurs s'articulent chez cette personne et de ce qui pourrait augmenter ou réduire le risque.</li>
<li>Le résultat débouche sur un <strong>plan</strong> d'intervention et de gestion, réexaminé régulièrement.</li>
</ul>
<h3>Ce que ce n'est pas</h3>
<p>Un outil de JPS n'est pas un score qui prédit l'avenir, ni une grille que n'importe qui pourrait cocher. Il exige
des évaluateurs formés, des informations de qualité et du temps. Sa valeur tient à ce qu'il rend le jugement
transparent, cohérent et discutable.</p>
<h3>Votre contribution</h3>
<p>Même si vous ne réalisez jamais vous-même une évaluation, vos <strong>observations factuelles</strong> en
nourrissent les éléments. Des notes datées, précises et neutres améliorent les évaluations ; les rumeurs et les
étiquettes les dégradent.</p>
""", """
<p>Os crimes de extremismo violento são raros e as pessoas envolvidas muito diversas. Os instrumentos de risco
puramente estatísticos (“atuariais”), eficazes para crimes comuns, não podem ser construídos de forma fiável para
grupos tão pequenos e variados. Por isso, a maioria dos instrumentos especializados usados na Europa — como o
VERA-2R ou o ERG 22+ — segue a abordagem do <strong>juízo profissional estruturado</strong> (JPE).</p>
<h3>Como funciona o JPE</h3>
<ul>
<li>O avaliador percorre uma lista de <strong>fatores</strong> baseados na investigação e na experiência: crenças
e atitudes, contexto social e intenção, historial e capacidade, compromisso e motivação, e fatores de
proteção.</li>
<li>Para cada fator, reúne <strong>informação de várias fontes</strong> — entrevistas, processos, observações dos
profissionais, informação de outros serviços — e avalia a sua presença e relevância.</li>
<li>Forma depois um juízo global e redige uma <strong>formulação</strong>: uma explicação de como os fatores se
articulam nesta pessoa e do que poderia aumentar ou reduzir o risco.</li>
<li>O resultado conduz a um <strong>plano</strong> de intervenção e de gestão, revisto regularmente.</li>
</ul>
<h3>O que não é</h3>
<p>Um instrumento de JPE não é uma pontuação que prevê o futuro, nem uma lista que qualquer pessoa possa preencher.
Exige avaliadores com formação, boa informação e tempo. O seu valor está em tornar o juízo transparente, coerente e
aberto à discussão.</p>
<h3>O seu contributo</h3>
<p>Mesmo que nunca faça uma avaliação, as suas <strong>observações factuais</strong> fazem parte da informação que
a sustenta. Notas datadas, concretas e neutras melhoram as avaliações; rumores e rótulos pioram-nas.</p>
""")

L42 = ("""
<p>A good assessment looks at three things together, because a plan built on risk alone tends to produce control
without change.</p>
<h3>Risk factors</h3>
<p>Elements associated with a higher likelihood of violent extremist behaviour: commitment to an ideology that
justifies violence, identification with a group and its enemies, expressed intention, contact with active
networks, access to weapons or skills, and a history of violence. Risk factors are assessed for their
<strong>current</strong> relevance: someone convicted years ago may have changed.</p>
<h3>Needs</h3>
<p>Needs are the problems and gaps in a person's life that are linked to their involvement and that intervention
can address: isolation, a search for identity or significance, unresolved trauma, lack of education or work,
substance misuse, family conflict. The same needs that made the group attractive often remain after release.</p>
<h3>Protective factors</h3>
<p>Protective factors make violence less likely and support change: meaningful relationships outside the group,
family ties, children, employment or study, contact with people who hold different views, doubts about the group
or the ideology, and a positive view of one's future. They are too often left out of reports, although they are
the building blocks of any plan.</p>
<h3>Putting it together</h3>
<p>For each person, ask: which factors are present now? How do they interact? Which can change, and what would
help? A short example: a young man's risk is linked to his loyalty to a friend who is still active; his
protective factors include a new partner and a job offer. The plan supports the job and the relationship and
manages contact with the friend.</p>
""", """
<p>Une bonne évaluation examine trois éléments ensemble, car un plan fondé uniquement sur le risque tend à
produire du contrôle sans changement.</p>
<h3>Les facteurs de risque</h3>
<p>Des éléments associés à une probabilité plus élevée de comportement extrémiste violent : adhésion à une
idéologie qui justifie la violence, identification à un groupe et à ses ennemis, intention exprimée, contacts avec
des réseaux actifs, accès à des armes ou à des compétences, antécédents de violence. Les facteurs de risque sont
appréciés au regard de leur pertinence <strong>actuelle</strong> : une personne condamnée il y a des années a pu
changer.</p>
<h3>Les besoins</h3>
<p>Les besoins sont les problèmes et les manques dans la vie de la personne qui sont liés à son engagement et sur
lesquels l'intervention peut agir : isolement, quête d'identité ou de reconnaissance, traumatismes non résolus,
absence de formation ou d'emploi, addictions, conflits familiaux. Les besoins qui ont rendu le groupe attirant
subsistent souvent après la libération.</p>
<h3>Les facteurs de protection</h3>
<p>Les facteurs de protection rendent la violence moins probable et soutiennent le changement : des relations
significatives en dehors du groupe, des liens familiaux, des enfants, un emploi ou des études, des contacts avec
des personnes d'opinions différentes, des doutes sur le groupe ou l'idéologie, et une vision positive de son
avenir. Ils sont trop souvent absents des rapports, alors qu'ils sont la base de tout plan.</p>
<h3>Faire la synthèse</h3>
<p>Pour chaque personne, demandez-vous : quels facteurs sont présents aujourd'hui ? Comment interagissent-ils ?
Lesquels peuvent évoluer, et qu'est-ce qui aiderait ? Un exemple bref : le risque d'un jeune homme est lié à sa
loyauté envers un ami toujours actif ; ses facteurs de protection incluent une nouvelle compagne et une offre
d'emploi. Le plan soutient l'emploi et la relation et encadre les contacts avec l'ami.</p>
""", """
<p>Uma boa avaliação olha para três aspetos em conjunto, porque um plano baseado apenas no risco tende a produzir
controlo sem mudança.</p>
<h3>Fatores de risco</h3>
<p>Elementos associados a uma maior probabilidade de comportamento extremista violento: adesão a uma ideologia que
justifica a violência, identificação com um grupo e com os seus inimigos, intenção expressa, contactos com redes
ativas, acesso a armas ou competências, e historial de violência. Os fatores de risco são avaliados quanto à sua
relevância <strong>atual</strong>: alguém condenado há anos pode ter mudado.</p>
<h3>Necessidades</h3>
<p>As necessidades são os problemas e lacunas na vida da pessoa ligados ao seu envolvimento e sobre os quais a
intervenção pode atuar: isolamento, procura de identidade ou de reconhecimento, traumas não resolvidos, falta de
formação ou de emprego, consumos, conflitos familiares. As mesmas necessidades que tornaram o grupo atrativo
mantêm-se muitas vezes depois da libertação.</p>
<h3>Fatores de proteção</h3>
<p>Os fatores de proteção tornam a violência menos provável e apoiam a mudança: relações significativas fora do
grupo, laços familiares, filhos, emprego ou estudos, contacto com pessoas com opiniões diferentes, dúvidas sobre o
grupo ou a ideologia, e uma visão positiva do futuro. Ficam demasiadas vezes fora dos relatórios, embora sejam a
base de qualquer plano.</p>
<h3>Juntar as peças</h3>
<p>Para cada pessoa, pergunte: que fatores estão presentes agora? Como interagem? Quais podem mudar, e o que
ajudaria? Um exemplo breve: o risco de um jovem está ligado à lealdade a um amigo ainda ativo; os seus fatores de
proteção incluem uma nova companheira e uma oferta de emprego. O plano apoia o emprego e a relação e gere o
contacto com o amigo.</p>
""")

L43 = ("""
<p>Assessments are made by people, and people make predictable errors of judgement. In a field charged with fear
and public pressure, these biases can have serious consequences — for public safety and for the fairness of
decisions about individuals.</p>
<h3>Common biases</h3>
<ul>
<li><strong>Confirmation bias</strong>: once we suspect someone, we notice what confirms the suspicion and overlook
what contradicts it.</li>
<li><strong>Stereotyping</strong>: religion, ethnicity, appearance or nationality shape our perception of risk,
although they do not predict it.</li>
<li><strong>Anchoring</strong>: the first label in a file (“radicalised”, “dangerous”) influences every later
reader.</li>
<li><strong>Defensive practice</strong>: fear of being blamed pushes assessors to rate risk higher “just in
case”.</li>
<li><strong>Disguised compliance</strong>: the reverse risk, when a person says what staff want to hear and is
taken at their word.</li>
</ul>
<h3>Limiting bias</h3>
<ul>
<li>Separate observations from interpretation in every note.</li>
<li>Look actively for information that would contradict your view.</li>
<li>Use several sources and discuss cases with colleagues from other disciplines.</li>
<li>Write down the reasons for your judgement so that others can question it.</li>
<li>Review assessments regularly, and remove labels that are no longer supported.</li>
</ul>
<p>Overestimating risk is not “safe”: it can lead to disproportionate restrictions, damage trust and even confirm
the extremist story of persecution.</p>
""", """
<p>Les évaluations sont réalisées par des personnes, et les personnes commettent des erreurs de jugement
prévisibles. Dans un domaine chargé de peur et de pression publique, ces biais peuvent avoir de graves
conséquences — pour la sécurité publique comme pour l'équité des décisions prises à l'égard des individus.</p>
<h3>Biais fréquents</h3>
<ul>
<li><strong>Biais de confirmation</strong> : dès que nous soupçonnons quelqu'un, nous remarquons ce qui confirme
le soupçon et négligeons ce qui le contredit.</li>
<li><strong>Stéréotypes</strong> : la religion, l'origine, l'apparence ou la nationalité influencent notre
perception du risque, alors qu'elles ne le prédisent pas.</li>
<li><strong>Ancrage</strong> : la première étiquette portée dans un dossier (« radicalisé », « dangereux »)
influence tous les lecteurs suivants.</li>
<li><strong>Pratique défensive</strong> : la peur d'être mis en cause pousse à surévaluer le risque « au cas
où ».</li>
<li><strong>Adhésion de façade</strong> : le risque inverse, lorsqu'une personne dit ce que les professionnels
veulent entendre et qu'on la croit sur parole.</li>
</ul>
<h3>Limiter les biais</h3>
<ul>
<li>Séparez l'observation de l'interprétation dans chaque note.</li>
<li>Cherchez activement les informations qui contrediraient votre point de vue.</li>
<li>Croisez plusieurs sources et discutez des situations avec des collègues d'autres disciplines.</li>
<li>Écrivez les raisons de votre jugement pour que d'autres puissent les discuter.</li>
<li>Réexaminez régulièrement les évaluations et retirez les étiquettes qui ne sont plus fondées.</li>
</ul>
<p>Surévaluer le risque n'est pas une « sécurité » : cela peut conduire à des restrictions disproportionnées,
abîmer la confiance et même confirmer le récit extrémiste de la persécution.</p>
""", """
<p>As avaliações são feitas por pessoas, e as pessoas cometem erros de juízo previsíveis. Num domínio marcado pelo
medo e pela pressão pública, estes enviesamentos podem ter consequências graves — para a segurança pública e para
a justiça das decisões sobre cada pessoa.</p>
<h3>Enviesamentos frequentes</h3>
<ul>
<li><strong>Enviesamento de confirmação</strong>: quando suspeitamos de alguém, reparamos no que confirma a
suspeita e ignoramos o que a contradiz.</li>
<li><strong>Estereótipos</strong>: a religião, a origem étnica, a aparência ou a nacionalidade influenciam a nossa
perceção do risco, embora não o prevejam.</li>
<li><strong>Ancoragem</strong>: o primeiro rótulo num processo (“radicalizado”, “perigoso”) influencia todos os
leitores seguintes.</li>
<li><strong>Prática defensiva</strong>: o medo de ser responsabilizado leva a sobrestimar o risco “por
precaução”.</li>
<li><strong>Adesão de fachada</strong>: o risco inverso, quando a pessoa diz o que os profissionais querem ouvir e
é acreditada sem mais.</li>
</ul>
<h3>Limitar os enviesamentos</h3>
<ul>
<li>Separe a observação da interpretação em cada registo.</li>
<li>Procure ativamente informação que contradiga a sua opinião.</li>
<li>Use várias fontes e discuta os casos com colegas de outras disciplinas.</li>
<li>Escreva as razões do seu juízo para que outros o possam questionar.</li>
<li>Reveja as avaliações regularmente e retire rótulos que já não se justificam.</li>
</ul>
<p>Sobrestimar o risco não é “seguro”: pode levar a restrições desproporcionadas, prejudicar a confiança e até
confirmar a narrativa extremista de perseguição.</p>
""")

R43 = ("""<p>Recall a case file you have read where a label or first impression shaped how you saw the person. What
evidence supported it, and what evidence might have been overlooked?</p>""",
       """<p>Rappelez-vous un dossier que vous avez lu où une étiquette ou une première impression a orienté votre
regard sur la personne. Quels éléments la soutenaient, et lesquels ont pu être négligés ?</p>""",
       """<p>Recorde um processo que leu em que um rótulo ou uma primeira impressão moldou a forma como via a pessoa.
Que elementos o sustentavam e que elementos podem ter sido ignorados?</p>""")
A43 = ("""A file described a woman as “radicalised” on the basis of one intercepted letter from years ago. Her
recent work in education and her contact with her children were hardly mentioned.""",
       """Un dossier qualifiait une femme de « radicalisée » sur la base d'une seule lettre interceptée il y a des
années. Son investissement récent en formation et ses liens avec ses enfants étaient à peine mentionnés.""",
       """Um processo descrevia uma mulher como “radicalizada” com base numa única carta intercetada há anos. O seu
empenho recente na formação e o contacto com os filhos quase não eram referidos.""")

# --- module 5 ---

L51 = ("""
<p>People leave violent extremism for many reasons: disillusionment with leaders or methods, burnout, the wish to
have a family, a new relationship, the experience of being treated fairly by people they considered enemies.
Interventions cannot force this process, but they can <strong>create the conditions</strong> for it.</p>
<h3>The relationship comes first</h3>
<p>Across programmes in Europe, the quality of the relationship between the person and the professional is one of
the strongest influences on change. A good working relationship is:</p>
<ul>
<li><strong>respectful</strong>: the person is more than their offence;</li>
<li><strong>honest</strong>: roles, rules and the limits of confidentiality are clear;</li>
<li><strong>consistent</strong>: the same people, over time, who keep their word;</li>
<li><strong>hopeful</strong>: the professional believes change is possible.</li>
</ul>
<h3>Matching the intervention to the person</h3>
<p>Not everyone needs the same thing. Some are driven mainly by ideology and benefit from dialogue with credible
theological or political counterparts. Others were drawn in by friendship, adventure or protection, and need help
with identity, relationships, education and work. Many have experienced trauma. Motivational interviewing helps to
explore ambivalence — the part of the person that has doubts — without provoking defensiveness.</p>
<h3>Avoid head-on ideological debate</h3>
<p>Trying to “win” an argument usually strengthens the person's position. It is more effective to ask questions,
acknowledge legitimate grievances while rejecting violence, and explore the consequences of the group's choices
for the person's own life and goals.</p>
""", """
<p>Les personnes quittent l'extrémisme violent pour de nombreuses raisons : désillusion envers les chefs ou les
méthodes, épuisement, désir de fonder une famille, nouvelle relation, expérience d'avoir été traitées équitablement
par ceux qu'elles considéraient comme des ennemis. Les interventions ne peuvent pas forcer ce processus, mais elles
peuvent en <strong>créer les conditions</strong>.</p>
<h3>La relation d'abord</h3>
<p>Dans les programmes menés en Europe, la qualité de la relation entre la personne et le professionnel est l'un
des facteurs de changement les plus puissants. Une bonne relation de travail est :</p>
<ul>
<li><strong>respectueuse</strong> : la personne ne se résume pas à son infraction ;</li>
<li><strong>honnête</strong> : les rôles, les règles et les limites de la confidentialité sont clairs ;</li>
<li><strong>constante</strong> : les mêmes personnes, dans la durée, qui tiennent parole ;</li>
<li><strong>porteuse d'espoir</strong> : le professionnel croit que le changement est possible.</li>
</ul>
<h3>Adapter l'intervention à la personne</h3>
<p>Tout le monde n'a pas besoin de la même chose. Certains sont surtout animés par l'idéologie et tirent profit d'un
dialogue avec des interlocuteurs théologiques ou politiques crédibles. D'autres ont été attirés par l'amitié,
l'aventure ou la protection, et ont besoin d'aide pour l'identité, les relations, la formation et l'emploi.
Beaucoup ont vécu des traumatismes. L'entretien motivationnel aide à explorer l'ambivalence — la part de la
personne qui doute — sans la mettre sur la défensive.</p>
<h3>Éviter le débat idéologique frontal</h3>
<p>Chercher à « gagner » un débat renforce généralement la position de la personne. Il est plus efficace de poser
des questions, de reconnaître les griefs légitimes tout en rejetant la violence, et d'explorer les conséquences des
choix du groupe sur la vie et les projets de la personne elle-même.</p>
""", """
<p>As pessoas abandonam o extremismo violento por muitas razões: desilusão com os líderes ou com os métodos,
esgotamento, o desejo de ter uma família, uma nova relação, a experiência de serem tratadas com justiça por quem
consideravam inimigos. As intervenções não podem forçar este processo, mas podem <strong>criar as
condições</strong> para ele.</p>
<h3>Primeiro, a relação</h3>
<p>Nos programas desenvolvidos na Europa, a qualidade da relação entre a pessoa e o profissional é uma das
influências mais fortes na mudança. Uma boa relação de trabalho é:</p>
<ul>
<li><strong>respeitosa</strong>: a pessoa é mais do que o seu crime;</li>
<li><strong>honesta</strong>: os papéis, as regras e os limites da confidencialidade são claros;</li>
<li><strong>consistente</strong>: as mesmas pessoas, ao longo do tempo, que cumprem a palavra;</li>
<li><strong>portadora de esperança</strong>: o profissional acredita que a mudança é possível.</li>
</ul>
<h3>Adequar a intervenção à pessoa</h3>
<p>Nem todos precisam do mesmo. Alguns são movidos sobretudo pela ideologia e beneficiam do diálogo com
interlocutores teológicos ou políticos credíveis. Outros foram atraídos pela amizade, pela aventura ou pela
proteção, e precisam de apoio na identidade, nas relações, na formação e no emprego. Muitos viveram traumas. A
entrevista motivacional ajuda a explorar a ambivalência — a parte da pessoa que tem dúvidas — sem provocar uma
postura defensiva.</p>
<h3>Evitar o debate ideológico frontal</h3>
<p>Tentar “ganhar” uma discussão costuma reforçar a posição da pessoa. É mais eficaz fazer perguntas, reconhecer
agravos legítimos rejeitando a violência, e explorar as consequências das escolhas do grupo para a vida e os
objetivos da própria pessoa.</p>
""")

L52 = ("""
<p>Close, respectful relationships are essential, but they also create risks. Some people convicted of extremist
offences are experienced at building rapport in order to obtain information, privileges or influence — over staff
as well as over other prisoners. Most are not, and suspecting everyone destroys the relationship. The answer is
<strong>clear boundaries</strong>, not distance.</p>
<h3>Warning signs of conditioning</h3>
<ul>
<li>requests for small favours that grow over time (“just post this letter”);</li>
<li>flattery that sets you apart from “the others”;</li>
<li>personal questions about your family, address or colleagues;</li>
<li>attempts to make you feel guilty or responsible for the person's wellbeing;</li>
<li>pressure to keep something “between us”.</li>
</ul>
<h3>Protecting yourself and the work</h3>
<ul>
<li>Explain at the start what you can and cannot keep confidential.</li>
<li>Share as little personal information as possible; be friendly without being a friend.</li>
<li>Record significant conversations and any unusual requests.</li>
<li>Discuss difficult cases in <strong>supervision</strong> or with a trusted colleague; nobody should carry them
alone.</li>
<li>If you feel you have crossed a line, say so early: it is far easier to correct than to hide.</li>
</ul>
<h3>Looking after yourself</h3>
<p>Working with accounts of violence and hatred is demanding. Frustration, fear or cynicism are normal reactions
that deserve attention, not shame. Services have a duty to provide supervision, debriefing and support;
practitioners have the right to use them.</p>
""", """
<p>Des relations proches et respectueuses sont essentielles, mais elles comportent aussi des risques. Certaines
personnes condamnées pour des infractions extrémistes savent nouer une relation de confiance pour obtenir des
informations, des avantages ou de l'influence — sur le personnel comme sur les autres détenus. La plupart n'en sont
pas là, et se méfier de tous détruit la relation. La réponse, ce sont des <strong>limites claires</strong>, pas la
distance.</p>
<h3>Signes d'une emprise progressive</h3>
<ul>
<li>des demandes de petits services qui augmentent avec le temps (« juste poster cette lettre ») ;</li>
<li>des flatteries qui vous distinguent « des autres » ;</li>
<li>des questions personnelles sur votre famille, votre adresse ou vos collègues ;</li>
<li>des tentatives de vous culpabiliser ou de vous rendre responsable du bien-être de la personne ;</li>
<li>la pression pour garder quelque chose « entre nous ».</li>
</ul>
<h3>Se protéger et protéger le travail</h3>
<ul>
<li>Expliquez dès le départ ce que vous pouvez et ne pouvez pas garder confidentiel.</li>
<li>Partagez le moins possible d'informations personnelles ; soyez aimable sans être un ami.</li>
<li>Consignez les échanges importants et toute demande inhabituelle.</li>
<li>Parlez des situations difficiles en <strong>supervision</strong> ou avec un collègue de confiance ; personne ne
doit les porter seul.</li>
<li>Si vous pensez avoir franchi une limite, dites-le tôt : il est bien plus facile de corriger que de
dissimuler.</li>
</ul>
<h3>Prendre soin de soi</h3>
<p>Travailler avec des récits de violence et de haine est exigeant. La frustration, la peur ou le cynisme sont des
réactions normales qui méritent de l'attention, pas de la honte. Les services ont le devoir d'offrir supervision,
débriefing et soutien ; les professionnels ont le droit d'y recourir.</p>
""", """
<p>Relações próximas e respeitosas são essenciais, mas também criam riscos. Algumas pessoas condenadas por crimes
extremistas têm experiência em criar empatia para obter informações, privilégios ou influência — sobre os
profissionais e sobre outros reclusos. A maioria não o faz, e desconfiar de todos destrói a relação. A resposta são
<strong>limites claros</strong>, não a distância.</p>
<h3>Sinais de manipulação progressiva</h3>
<ul>
<li>pedidos de pequenos favores que aumentam com o tempo (“só pôr esta carta no correio”);</li>
<li>elogios que o distinguem “dos outros”;</li>
<li>perguntas pessoais sobre a sua família, morada ou colegas;</li>
<li>tentativas de o fazer sentir culpado ou responsável pelo bem-estar da pessoa;</li>
<li>pressão para manter algo “entre nós”.</li>
</ul>
<h3>Proteger-se a si e ao trabalho</h3>
<ul>
<li>Explique desde o início o que pode e não pode manter confidencial.</li>
<li>Partilhe o mínimo de informação pessoal; seja cordial sem ser amigo.</li>
<li>Registe conversas importantes e quaisquer pedidos invulgares.</li>
<li>Discuta os casos difíceis em <strong>supervisão</strong> ou com um colega de confiança; ninguém os deve
carregar sozinho.</li>
<li>Se sentir que ultrapassou um limite, diga-o cedo: é muito mais fácil corrigir do que esconder.</li>
</ul>
<h3>Cuidar de si</h3>
<p>Trabalhar com relatos de violência e ódio é exigente. Frustração, medo ou cinismo são reações normais que
merecem atenção, não vergonha. Os serviços têm o dever de proporcionar supervisão, debriefing e apoio; os
profissionais têm o direito de os utilizar.</p>
""")

R52 = ("""<p>Where is the line between a warm professional relationship and a boundary problem in your role? Name one
thing you already do to protect that line, and one thing you would like to do differently.</p>""",
       """<p>Où se situe, dans votre fonction, la limite entre une relation professionnelle chaleureuse et un
problème de limites ? Citez une chose que vous faites déjà pour préserver cette limite, et une chose que vous
aimeriez faire autrement.</p>""",
       """<p>Na sua função, onde fica a linha entre uma relação profissional calorosa e um problema de limites?
Indique uma coisa que já faz para proteger essa linha e uma coisa que gostaria de fazer de forma diferente.</p>""")
A52 = ("""I never give my personal phone number and I explain confidentiality in the first meeting. I would like to
raise small requests in supervision earlier instead of deciding alone.""",
       """Je ne donne jamais mon numéro personnel et j'explique la confidentialité dès le premier entretien.
J'aimerais évoquer plus tôt en supervision les petites demandes, au lieu de décider seule.""",
       """Nunca dou o meu número pessoal e explico a confidencialidade no primeiro encontro. Gostaria de levar mais
cedo à supervisão os pequenos pedidos, em vez de decidir sozinha.""")

# --- module 6 ---

L61 = ("""
<p>For most people convicted of extremist offences, prison is not the end of the story: sentences are often a few
years long, and release — with or without conditions — is certain. Probation services are the link between the
sentence and a life in the community, and their work starts long before the release date.</p>
<h3>Before release</h3>
<ul>
<li><strong>Early contact</strong>: meeting the person months before release builds the relationship and allows a
realistic plan.</li>
<li><strong>Joint planning with the prison</strong>: assessment results, progress in programmes, behaviour,
contacts.</li>
<li><strong>Practical preparation</strong>: identity documents, housing, income, health care, education or
work.</li>
<li><strong>Reports to the court or parole body</strong> on release conditions.</li>
</ul>
<h3>After release</h3>
<p>Probation supervises the conditions set by the court or the law and — just as importantly — supports the
person's reintegration. The first weeks are critical: people face stigma, financial difficulties, broken
relationships and sometimes renewed contact with old networks. Regular meetings, home visits where appropriate,
and contact with partners such as mentors, employers and families allow the officer to see how things are
going.</p>
<h3>Balancing control and support</h3>
<p>Control without support tends to produce compliance on paper and isolation in reality; support without control
can miss warning signs. Effective probation practice combines both, explains each decision, and adjusts the level
of supervision as risk and needs change.</p>
""", """
<p>Pour la plupart des personnes condamnées pour des infractions extrémistes, la prison n'est pas la fin de
l'histoire : les peines durent souvent quelques années, et la sortie — avec ou sans obligations — est certaine. Les
services de probation font le lien entre la peine et une vie dans la société, et leur travail commence bien avant
la date de libération.</p>
<h3>Avant la libération</h3>
<ul>
<li><strong>Un contact précoce</strong> : rencontrer la personne des mois avant sa sortie construit la relation et
permet un projet réaliste.</li>
<li><strong>Une préparation conjointe avec l'établissement</strong> : résultats des évaluations, progrès dans les
programmes, comportement, fréquentations.</li>
<li><strong>Une préparation concrète</strong> : papiers d'identité, logement, ressources, soins, formation ou
emploi.</li>
<li><strong>Des rapports à la juridiction</strong> sur les conditions de la libération.</li>
</ul>
<h3>Après la libération</h3>
<p>La probation contrôle le respect des obligations fixées par la juridiction ou la loi et — tout aussi
important — soutient la réinsertion de la personne. Les premières semaines sont décisives : les personnes
affrontent la stigmatisation, des difficultés financières, des relations brisées et parfois la reprise de contact
avec d'anciens réseaux. Des rendez-vous réguliers, des visites à domicile le cas échéant et des échanges avec des
partenaires tels que mentors, employeurs et familles permettent au conseiller de voir comment les choses
évoluent.</p>
<h3>Équilibrer contrôle et accompagnement</h3>
<p>Le contrôle sans accompagnement tend à produire une conformité de façade et un isolement réel ; l'accompagnement
sans contrôle peut laisser passer des signaux d'alerte. Une pratique de probation efficace associe les deux,
explique chaque décision et ajuste le niveau de suivi à l'évolution des risques et des besoins.</p>
""", """
<p>Para a maioria das pessoas condenadas por crimes extremistas, a prisão não é o fim da história: as penas duram
muitas vezes alguns anos, e a libertação — com ou sem condições — é certa. Os serviços de reinserção social fazem a
ligação entre a pena e uma vida na comunidade, e o seu trabalho começa muito antes da data de libertação.</p>
<h3>Antes da libertação</h3>
<ul>
<li><strong>Contacto precoce</strong>: conhecer a pessoa meses antes da libertação constrói a relação e permite um
plano realista.</li>
<li><strong>Planeamento conjunto com a prisão</strong>: resultados das avaliações, progressos nos programas,
comportamento, contactos.</li>
<li><strong>Preparação prática</strong>: documentos de identificação, habitação, rendimentos, cuidados de saúde,
formação ou emprego.</li>
<li><strong>Relatórios para o tribunal</strong> sobre as condições da libertação.</li>
</ul>
<h3>Depois da libertação</h3>
<p>Os serviços de reinserção acompanham o cumprimento das condições fixadas pelo tribunal ou pela lei e —
igualmente importante — apoiam a reinserção da pessoa. As primeiras semanas são decisivas: as pessoas enfrentam
estigma, dificuldades financeiras, relações desfeitas e, por vezes, o regresso ao contacto com antigas redes.
Entrevistas regulares, visitas domiciliárias quando adequado e contacto com parceiros como mentores, empregadores
e famílias permitem ao técnico perceber como as coisas estão a correr.</p>
<h3>Equilibrar controlo e apoio</h3>
<p>O controlo sem apoio tende a produzir um cumprimento de fachada e um isolamento real; o apoio sem controlo pode
deixar escapar sinais de alerta. Uma prática eficaz combina ambos, explica cada decisão e ajusta o nível de
acompanhamento à evolução dos riscos e das necessidades.</p>
""")

L62 = ("""
<p>Conditions attached to release or to a community sentence — where to live, whom not to contact, restrictions on
internet use or travel, participation in a programme — are legitimate tools for managing risk. Their effect depends
on how they are chosen and explained.</p>
<h3>Good conditions are</h3>
<ul>
<li><strong>necessary</strong>: each condition responds to an identified risk or need;</li>
<li><strong>proportionate</strong>: no more restrictive than needed, and reviewed as things change;</li>
<li><strong>clear</strong>: the person knows exactly what is allowed and what is not;</li>
<li><strong>workable</strong>: a condition that makes employment or family life impossible undermines the
protective factors it should support.</li>
</ul>
<h3>Explaining and involving</h3>
<p>People are more likely to respect rules they understand and see as fair. Take time to explain the reason for
each condition, listen to objections, and, where the law allows, involve the person in setting goals for the
supervision period. Procedural justice — being heard, treated with respect and given reasons — is linked to better
compliance.</p>
<h3>Responding to breaches</h3>
<p>Not every breach means rising risk: a missed appointment may reflect a new job, a crisis or confusion. Respond
in proportion, find out what happened, and record your reasoning. Where a breach does indicate increased risk —
renewed contact with an extremist network, for example — act promptly and in coordination with partners.</p>
""", """
<p>Les obligations attachées à une libération ou à une peine en milieu ouvert — lieu de résidence, interdiction de
contact, restrictions d'usage d'internet ou de déplacement, participation à un programme — sont des outils
légitimes de gestion du risque. Leur effet dépend de la façon dont elles sont choisies et expliquées.</p>
<h3>De bonnes obligations sont</h3>
<ul>
<li><strong>nécessaires</strong> : chacune répond à un risque ou à un besoin identifié ;</li>
<li><strong>proportionnées</strong> : pas plus restrictives que nécessaire, et réexaminées quand la situation
évolue ;</li>
<li><strong>claires</strong> : la personne sait exactement ce qui est permis et ce qui ne l'est pas ;</li>
<li><strong>réalistes</strong> : une obligation qui rend impossibles l'emploi ou la vie familiale affaiblit les
facteurs de protection qu'elle devrait soutenir.</li>
</ul>
<h3>Expliquer et associer</h3>
<p>On respecte plus volontiers des règles que l'on comprend et que l'on juge justes. Prenez le temps d'expliquer la
raison de chaque obligation, écoutez les objections et, lorsque la loi le permet, associez la personne à la
définition des objectifs de la période de suivi. La justice procédurale — être entendu, traité avec respect et
recevoir des explications — est liée à un meilleur respect des obligations.</p>
<h3>Réagir aux manquements</h3>
<p>Tout manquement ne signifie pas une hausse du risque : un rendez-vous manqué peut s'expliquer par un nouvel
emploi, une crise ou un malentendu. Réagissez de manière proportionnée, cherchez à comprendre ce qui s'est passé et
consignez votre raisonnement. Lorsqu'un manquement révèle un risque accru — une reprise de contact avec un réseau
extrémiste, par exemple — agissez rapidement et en coordination avec les partenaires.</p>
""", """
<p>As condições associadas à libertação ou a uma pena na comunidade — local de residência, proibição de contactos,
restrições ao uso da internet ou a deslocações, participação num programa — são instrumentos legítimos de gestão
do risco. O seu efeito depende da forma como são escolhidas e explicadas.</p>
<h3>Boas condições são</h3>
<ul>
<li><strong>necessárias</strong>: cada condição responde a um risco ou necessidade identificados;</li>
<li><strong>proporcionais</strong>: não mais restritivas do que o necessário, e revistas quando a situação
muda;</li>
<li><strong>claras</strong>: a pessoa sabe exatamente o que é permitido e o que não é;</li>
<li><strong>exequíveis</strong>: uma condição que impossibilita o emprego ou a vida familiar enfraquece os fatores
de proteção que devia apoiar.</li>
</ul>
<h3>Explicar e envolver</h3>
<p>As pessoas respeitam mais facilmente regras que compreendem e consideram justas. Dedique tempo a explicar a
razão de cada condição, ouça as objeções e, quando a lei o permite, envolva a pessoa na definição dos objetivos do
período de acompanhamento. A justiça processual — ser ouvido, tratado com respeito e receber explicações — está
associada a um melhor cumprimento.</p>
<h3>Reagir a incumprimentos</h3>
<p>Nem todo o incumprimento significa aumento do risco: uma entrevista falhada pode dever-se a um novo emprego, a
uma crise ou a um mal-entendido. Reaja de forma proporcional, procure perceber o que aconteceu e registe o seu
raciocínio. Quando um incumprimento indicia um risco acrescido — o regresso ao contacto com uma rede extremista,
por exemplo — aja prontamente e em coordenação com os parceiros.</p>
""")

R62 = ("""<p>Choose one condition commonly used in your service. How would you explain its purpose to the person in
two or three sentences, in words they would accept as fair?</p>""",
       """<p>Choisissez une obligation couramment utilisée dans votre service. Comment en expliqueriez-vous le but à
la personne, en deux ou trois phrases, avec des mots qu'elle pourrait trouver justes ?</p>""",
       """<p>Escolha uma condição frequentemente usada no seu serviço. Como explicaria o seu objetivo à pessoa, em
duas ou três frases, com palavras que ela pudesse aceitar como justas?</p>""")
A62 = ("""“You may not contact the people you were convicted with for now. It protects you from being pulled back in,
and we will review it together in six months.”""",
       """« Pour l'instant, vous ne pouvez pas contacter les personnes condamnées avec vous. Cela vous protège
d'être entraîné à nouveau, et nous en reparlerons ensemble dans six mois. »""",
       """“Por agora, não pode contactar as pessoas que foram condenadas consigo. Isso protege-o de voltar a ser
arrastado, e vamos rever esta condição juntos daqui a seis meses.”""")

# --- module 7 ---

L71 = ("""
<p>Reviews of serious incidents across Europe often find that different agencies each held part of the picture but
never put it together. The opposite failure also exists: information shared too widely, labels that follow a person
for years, and community partners who lose the trust of the people they support. Good practice lies between the
two.</p>
<h3>Principles</h3>
<ul>
<li><strong>Legal basis</strong>: know which law allows or requires your service to share (data protection law,
sentencing law, specific agreements). Consent is one basis, but not the only one.</li>
<li><strong>Necessity</strong>: share only for a clear purpose — protecting someone, managing a risk, supporting
reintegration.</li>
<li><strong>Proportionality</strong>: share only what the recipient needs for their role, and no more.</li>
<li><strong>Accuracy</strong>: distinguish facts from opinions, and say how reliable the information is.</li>
<li><strong>Security</strong>: use agreed, secure channels, never personal phones or informal chats.</li>
<li><strong>Record</strong>: write down what was shared, with whom, when and why.</li>
</ul>
<h3>Transparency with the person</h3>
<p>Unless it would create a risk, tell the person what information is shared and with whom. People who understand
the rules are less likely to feel betrayed, and the relationship survives.</p>
<h3>Community partners</h3>
<p>Mentors and NGOs are not an extension of the police. Their role depends on trust. Agreements should state what
they must pass on (for example an immediate risk to someone's life) and what remains confidential.</p>
""", """
<p>Les retours d'expérience sur des incidents graves en Europe montrent souvent que plusieurs services détenaient
chacun une partie du tableau sans jamais la rassembler. L'échec inverse existe aussi : des informations trop
largement diffusées, des étiquettes qui suivent une personne pendant des années, des partenaires associatifs qui
perdent la confiance des personnes qu'ils accompagnent. La bonne pratique se situe entre les deux.</p>
<h3>Principes</h3>
<ul>
<li><strong>Base légale</strong> : sachez quelle loi autorise ou oblige votre service à partager (protection des
données, droit de l'application des peines, conventions spécifiques). Le consentement est une base parmi
d'autres.</li>
<li><strong>Nécessité</strong> : ne partagez que dans un but précis — protéger quelqu'un, gérer un risque,
soutenir la réinsertion.</li>
<li><strong>Proportionnalité</strong> : ne partagez que ce dont le destinataire a besoin pour son rôle, rien de
plus.</li>
<li><strong>Exactitude</strong> : distinguez les faits des opinions et indiquez le degré de fiabilité de
l'information.</li>
<li><strong>Sécurité</strong> : utilisez des canaux convenus et sécurisés, jamais des téléphones personnels ou des
messageries informelles.</li>
<li><strong>Traçabilité</strong> : consignez ce qui a été partagé, avec qui, quand et pourquoi.</li>
</ul>
<h3>Transparence envers la personne</h3>
<p>Sauf si cela crée un risque, dites à la personne quelles informations sont partagées et avec qui. Quand on
comprend les règles, on se sent moins trahi, et la relation résiste.</p>
<h3>Les partenaires associatifs</h3>
<p>Les mentors et les associations ne sont pas un prolongement de la police. Leur rôle repose sur la confiance. Les
conventions doivent préciser ce qu'ils doivent transmettre (par exemple un danger immédiat pour la vie d'autrui) et
ce qui reste confidentiel.</p>
""", """
<p>As análises de incidentes graves na Europa concluem muitas vezes que vários serviços tinham, cada um, uma parte
do quadro, mas nunca a juntaram. O erro oposto também existe: informação partilhada de forma demasiado ampla,
rótulos que acompanham uma pessoa durante anos e parceiros comunitários que perdem a confiança de quem apoiam. A
boa prática está entre os dois.</p>
<h3>Princípios</h3>
<ul>
<li><strong>Base legal</strong>: saiba que lei permite ou obriga o seu serviço a partilhar (proteção de dados,
execução de penas, protocolos específicos). O consentimento é uma base, mas não a única.</li>
<li><strong>Necessidade</strong>: partilhe apenas com um objetivo claro — proteger alguém, gerir um risco, apoiar
a reinserção.</li>
<li><strong>Proporcionalidade</strong>: partilhe apenas o que o destinatário precisa para o seu papel, e nada
mais.</li>
<li><strong>Exatidão</strong>: distinga factos de opiniões e indique o grau de fiabilidade da informação.</li>
<li><strong>Segurança</strong>: use canais acordados e seguros, nunca telemóveis pessoais nem conversas
informais.</li>
<li><strong>Registo</strong>: registe o que foi partilhado, com quem, quando e porquê.</li>
</ul>
<h3>Transparência com a pessoa</h3>
<p>Salvo se isso criar um risco, diga à pessoa que informação é partilhada e com quem. Quem compreende as regras
sente-se menos traído, e a relação sobrevive.</p>
<h3>Parceiros comunitários</h3>
<p>Os mentores e as ONG não são uma extensão da polícia. O seu papel depende da confiança. Os protocolos devem
indicar o que têm de transmitir (por exemplo, um perigo imediato para a vida de alguém) e o que permanece
confidencial.</p>
""")

R71 = ("""<p>Think of the last time you shared information about a person with another agency. Could you name the
legal basis, the purpose and what you left out? What would you record differently today?</p>""",
       """<p>Pensez à la dernière fois où vous avez partagé des informations sur une personne avec un autre service.
Pourriez-vous en indiquer la base légale, le but et ce que vous avez choisi de ne pas transmettre ? Que
consigneriez-vous autrement aujourd'hui ?</p>""",
       """<p>Pense na última vez em que partilhou informação sobre uma pessoa com outro serviço. Consegue indicar a
base legal, o objetivo e o que deixou de fora? O que registaria de forma diferente hoje?</p>""")
A71 = ("""I shared a release date with a housing association by phone. The purpose was clear, but I did not record
it anywhere; today I would use the secure form and note what I shared and why.""",
       """J'ai communiqué une date de sortie à une association de logement par téléphone. Le but était clair, mais je
ne l'ai consigné nulle part ; aujourd'hui, j'utiliserais le formulaire sécurisé et je noterais quoi et pourquoi.""",
       """Partilhei uma data de libertação com uma associação de habitação por telefone. O objetivo era claro, mas
não o registei; hoje usaria o formulário seguro e anotaria o que partilhei e porquê.""")

L72 = ("""
<p>A <strong>multi-agency case conference</strong> brings together the services involved with one person —
typically prison, probation, police, social services and, where appropriate, health services and community
organisations — to share relevant information, agree on an assessment and build one coordinated plan.</p>
<h3>What makes a case conference work</h3>
<ul>
<li>A chair who keeps the focus on the person and on decisions, and ensures every agency is heard.</li>
<li>Participants who come prepared with a short, factual contribution and know what they may share.</li>
<li>Clear outcomes: who does what, by when, and how new information will be passed on between meetings.</li>
<li>Minutes that record decisions and the reasons for them, kept securely and shared only with participants.</li>
</ul>
<p>Agencies see the same person through different lenses: security, welfare, enforcement, support. Disagreement
is normal and useful when it is about evidence and options; it becomes harmful when it turns into a contest between
institutions. The person's own views, gathered beforehand, should be represented.</p>
<p>In the scenario that follows, you are the probation officer of a man due for release after a conviction for
planning a right-wing extremist attack. Follow the case from preparation to the months after release.</p>
""", """
<p>Une <strong>réunion de synthèse pluri-institutionnelle</strong> réunit les services qui interviennent auprès
d'une même personne — généralement la prison, la probation, la police, les services sociaux et, le cas échéant, les
services de santé et les associations — pour partager les informations pertinentes, s'accorder sur une évaluation
et construire un plan coordonné unique.</p>
<h3>Ce qui fait une bonne réunion de synthèse</h3>
<ul>
<li>Une présidence qui maintient l'attention sur la personne et sur les décisions, et veille à ce que chaque
service soit entendu.</li>
<li>Des participants préparés, avec une contribution brève et factuelle, qui savent ce qu'ils peuvent
partager.</li>
<li>Des conclusions claires : qui fait quoi, pour quand, et comment les nouvelles informations circuleront entre
deux réunions.</li>
<li>Un compte rendu qui consigne les décisions et leurs motifs, conservé de manière sécurisée et diffusé aux seuls
participants.</li>
</ul>
<p>Les services voient la même personne sous des angles différents : sécurité, bien-être, contrôle,
accompagnement. Le désaccord est normal et utile lorsqu'il porte sur les éléments et les options ; il devient
nuisible quand il tourne à la rivalité entre institutions. Le point de vue de la personne, recueilli au préalable,
doit être représenté.</p>
<p>Dans le scénario qui suit, vous êtes le conseiller de probation d'un homme bientôt libéré après une condamnation
pour un projet d'attentat d'extrême droite. Suivez la situation de la préparation aux mois qui suivent la
sortie.</p>
""", """
<p>Uma <strong>reunião de caso interinstitucional</strong> junta os serviços que intervêm junto de uma mesma
pessoa — normalmente a prisão, a reinserção social, a polícia, os serviços sociais e, quando adequado, os serviços
de saúde e as organizações comunitárias — para partilhar a informação relevante, chegar a acordo sobre uma
avaliação e construir um plano único e coordenado.</p>
<h3>O que faz uma boa reunião de caso</h3>
<ul>
<li>Uma coordenação que mantém o foco na pessoa e nas decisões, e garante que todos os serviços são ouvidos.</li>
<li>Participantes preparados, com um contributo breve e factual, que sabem o que podem partilhar.</li>
<li>Conclusões claras: quem faz o quê, até quando, e como a nova informação circula entre reuniões.</li>
<li>Uma ata que regista as decisões e as suas razões, guardada de forma segura e partilhada apenas com os
participantes.</li>
</ul>
<p>Os serviços veem a mesma pessoa através de lentes diferentes: segurança, bem-estar, controlo, apoio. O
desacordo é normal e útil quando incide sobre factos e opções; torna-se prejudicial quando se transforma numa
disputa entre instituições. A opinião da própria pessoa, recolhida previamente, deve estar representada.</p>
<p>No cenário que se segue, é o técnico de reinserção social de um homem prestes a ser libertado após uma
condenação por planear um atentado de extrema-direita. Acompanhe o caso desde a preparação até aos meses após a
libertação.</p>
""")

CONFERENCE = {"start": "s1", "steps": {
    "s1": {
        "text": ("""Tomasz, 28, will be released in six weeks. He was sentenced to five years for preparing an arson
attack on a reception centre for asylum seekers, after months in online groups that called for “defending the
nation”. In prison he completed a vocational course and has talked with a psychologist about his anger after losing
his job; the prison's assessment notes progress but also regular letters from a former associate. A case
conference is set for next week. How do you prepare?""",
                 """Tomasz, 28 ans, sera libéré dans six semaines. Il a été condamné à cinq ans pour avoir préparé
l'incendie d'un centre d'accueil de demandeurs d'asile, après des mois passés dans des groupes en ligne qui
appelaient à « défendre la nation ». En détention, il a suivi une formation professionnelle et parlé avec une
psychologue de sa colère après la perte de son emploi ; l'évaluation de l'établissement relève des progrès mais
aussi des lettres régulières d'un ancien complice. Une réunion de synthèse est prévue la semaine prochaine. Comment
vous préparez-vous ?""",
                 """O Tomasz, de 28 anos, será libertado dentro de seis semanas. Foi condenado a cinco anos por
preparar o incêndio de um centro de acolhimento de requerentes de asilo, depois de meses em grupos online que
apelavam à “defesa da nação”. Na prisão, concluiu um curso profissional e falou com uma psicóloga sobre a raiva que
sentiu depois de perder o emprego; a avaliação da prisão regista progressos, mas também cartas regulares de um
antigo cúmplice. Está marcada uma reunião de caso para a próxima semana. Como se prepara?"""),
        "choices": [
            {"label": ("Ask the prison for the full file and send everything to all participants in advance.",
                       "Demander le dossier complet à l'établissement et l'envoyer à tous les participants à "
                       "l'avance.",
                       "Pedir o processo completo à prisão e enviá-lo antecipadamente a todos os participantes."),
             "next": "s2",
             "feedback": ("""Sending the whole file to everyone is neither necessary nor proportionate. The housing
officer and the mentor do not need his psychological reports, and wide circulation creates labels that will follow
him. Share what each partner needs for their role.""",
                          """Envoyer tout le dossier à tout le monde n'est ni nécessaire ni proportionné. Le
référent logement et le mentor n'ont pas besoin des rapports psychologiques, et une diffusion large crée des
étiquettes qui le suivront. Partagez ce dont chaque partenaire a besoin pour son rôle.""",
                          """Enviar o processo completo a todos não é necessário nem proporcional. O técnico de
habitação e o mentor não precisam dos relatórios psicológicos, e uma circulação ampla cria rótulos que o vão
acompanhar. Partilhe o que cada parceiro precisa para o seu papel.""")},
            {"label": ("Meet Tomasz to hear his plans and worries, then prepare a short summary of risk, needs and "
                       "protective factors, checking what each partner may receive.",
                       "Rencontrer Tomasz pour entendre ses projets et ses inquiétudes, puis préparer une courte "
                       "synthèse des risques, des besoins et des facteurs de protection, en vérifiant ce que chaque "
                       "partenaire peut recevoir.",
                       "Encontrar-se com o Tomasz para ouvir os seus planos e preocupações e depois preparar um "
                       "breve resumo dos riscos, necessidades e fatores de proteção, verificando o que cada parceiro "
                       "pode receber."),
             "next": "s2",
             "feedback": ("""Well prepared. His own view of his release is part of the assessment, and a focused
summary helps the meeting move from information to decisions.""",
                          """Bonne préparation. Son propre regard sur sa sortie fait partie de l'évaluation, et une
synthèse ciblée aide la réunion à passer de l'information aux décisions.""",
                          """Boa preparação. A visão dele sobre a libertação faz parte da avaliação, e um resumo
focado ajuda a reunião a passar da informação às decisões.""")},
            {"label": ("Prepare nothing in particular: the police usually lead these meetings.",
                       "Ne rien préparer de particulier : c'est généralement la police qui conduit ces réunions.",
                       "Não preparar nada em especial: normalmente é a polícia que conduz estas reuniões."),
             "next": "s2",
             "feedback": ("""Probation will see Tomasz every week after release and holds knowledge no other agency
has. Arriving unprepared leaves the plan to others and weakens the balance between control and support.""",
                          """La probation verra Tomasz chaque semaine après sa sortie et détient des connaissances
qu'aucun autre service n'a. Arriver sans préparation laisse le plan aux autres et affaiblit l'équilibre entre
contrôle et accompagnement.""",
                          """A reinserção social vai ver o Tomasz todas as semanas depois da libertação e tem
conhecimento que nenhum outro serviço tem. Chegar sem preparação deixa o plano aos outros e enfraquece o equilíbrio
entre controlo e apoio.""")},
        ]},
    "s2": {
        "text": ("""At the meeting, the coordinator of the mentoring association asks to see the police
intelligence on Tomasz's former associates “to keep our volunteer safe”. The police officer says it cannot be
shared. The discussion becomes tense. What do you propose?""",
                 """Pendant la réunion, la coordinatrice de l'association de mentorat demande à voir les
renseignements de la police sur les anciens complices de Tomasz « pour protéger notre bénévole ». Le policier
répond qu'ils ne peuvent pas être communiqués. La discussion se tend. Que proposez-vous ?""",
                 """Na reunião, a coordenadora da associação de mentoria pede para ver as informações policiais sobre
os antigos cúmplices do Tomasz “para proteger o nosso voluntário”. O agente da polícia responde que não podem ser
partilhadas. A discussão fica tensa. O que propõe?"""),
        "choices": [
            {"label": ("Agree together what the mentor needs to know to stay safe — for example whom not to "
                       "facilitate contact with and what to do if they appear — and how concerns will reach you.",
                       "Convenir ensemble de ce que le mentor doit savoir pour sa sécurité — par exemple avec qui il "
                       "ne doit pas faciliter de contact et que faire si ces personnes apparaissent — et de la "
                       "manière dont les inquiétudes vous parviendront.",
                       "Acordar em conjunto o que o mentor precisa de saber para estar seguro — por exemplo, com quem "
                       "não deve facilitar contacto e o que fazer se essas pessoas aparecerem — e como as "
                       "preocupações lhe chegarão."),
             "next": "s3",
             "feedback": ("""This brings the disagreement back to the mentor's actual need. The police can give a
proportionate, usable message without disclosing sources, and the mentor knows the route for concerns.""",
                          """Cela recentre le désaccord sur le besoin réel du mentor. La police peut transmettre un
message proportionné et utilisable sans révéler ses sources, et le mentor connaît le circuit pour signaler une
inquiétude.""",
                          """Isto centra o desacordo na necessidade real do mentor. A polícia pode transmitir uma
mensagem proporcional e útil sem revelar fontes, e o mentor conhece o circuito para comunicar preocupações.""")},
            {"label": ("Support the association: full transparency between partners is the basis of trust.",
                       "Soutenir l'association : la transparence totale entre partenaires est la base de la "
                       "confiance.",
                       "Apoiar a associação: a transparência total entre parceiros é a base da confiança."),
             "next": "s3",
             "feedback": ("""Trust matters, but restrictions on intelligence often protect sources and
investigations. Insisting on full disclosure hardens positions; the meeting ends without agreement and the mentor
starts with no guidance at all.""",
                          """La confiance compte, mais les restrictions sur le renseignement protègent souvent des
sources et des enquêtes. Exiger une transparence totale durcit les positions ; la réunion se termine sans accord et
le mentor commence sans aucune consigne.""",
                          """A confiança é importante, mas as restrições às informações policiais protegem muitas
vezes fontes e investigações. Exigir transparência total endurece posições; a reunião termina sem acordo e o mentor
começa sem qualquer orientação.""")},
        ]},
    "s3": {
        "text": ("""Two months after release, Tomasz's mentor calls you. Tomasz has lost the job found for him, seems
“very down”, and mentioned that “old friends” have been in touch and that “at least they understand”. What do you
do?""",
                 """Deux mois après la sortie, le mentor de Tomasz vous appelle. Tomasz a perdu l'emploi qui lui avait
été trouvé, semble « au plus bas » et a dit que d'« anciens amis » l'avaient recontacté et qu'« eux au moins le
comprennent ». Que faites-vous ?""",
                 """Dois meses depois da libertação, o mentor do Tomasz telefona-lhe. O Tomasz perdeu o emprego que lhe
tinham arranjado, parece “muito em baixo” e disse que “velhos amigos” o contactaram e que “ao menos eles o
compreendem”. O que faz?"""),
        "choices": [
            {"label": ("Request his recall to prison straight away, as a precaution.",
                       "Demander immédiatement sa réincarcération, par précaution.",
                       "Pedir de imediato o seu regresso à prisão, por precaução."),
             "next": "end_poor",
             "feedback": ("""Recall is a serious step, meant for breaches or clearly increased risk. Without
assessment it may be disproportionate, and it cuts him off from the job search, the mentor and the relationships
that protect him.""",
                          """La réincarcération est une mesure grave, réservée aux manquements ou à une hausse nette
du risque. Sans évaluation, elle peut être disproportionnée, et elle le coupe de la recherche d'emploi, du mentor
et des relations qui le protègent.""",
                          """O regresso à prisão é uma medida grave, para incumprimentos ou um aumento claro do
risco. Sem avaliação, pode ser desproporcionado, e afasta-o da procura de emprego, do mentor e das relações que o
protegem.""")},
            {"label": ("See Tomasz within days, explore what is happening, inform the police contact as agreed in the "
                       "plan, and adjust support — work, time with the mentor, a review of conditions.",
                       "Voir Tomasz dans les jours qui viennent, comprendre ce qui se passe, informer le contact de la "
                       "police comme prévu au plan, et ajuster l'accompagnement — emploi, temps avec le mentor, "
                       "réexamen des obligations.",
                       "Ver o Tomasz nos próximos dias, perceber o que se passa, informar o contacto da polícia como "
                       "previsto no plano e ajustar o apoio — emprego, tempo com o mentor, revisão das condições."),
             "next": "end_good",
             "feedback": ("""A prompt, proportionate response: you assess before deciding, use the agreed
information route, and address the needs (work, belonging) that make the old network attractive again.""",
                          """Une réponse rapide et proportionnée : vous évaluez avant de décider, utilisez le circuit
d'information convenu et répondez aux besoins (travail, appartenance) qui rendent l'ancien réseau à nouveau
attirant.""",
                          """Uma resposta rápida e proporcional: avalia antes de decidir, usa o circuito de
informação acordado e responde às necessidades (trabalho, pertença) que tornam a antiga rede novamente
atrativa.""")},
            {"label": ("Thank the mentor and raise it at the next scheduled appointment in three weeks.",
                       "Remercier le mentor et en parler au prochain rendez-vous prévu, dans trois semaines.",
                       "Agradecer ao mentor e abordar o assunto na próxima entrevista marcada, daqui a três "
                       "semanas."),
             "next": "end_poor",
             "feedback": ("""The mentor is describing a change in exactly the factors the plan identified: loss of
work, low mood and renewed contact with the old network. Three weeks is a long time at this stage.""",
                          """Le mentor décrit une évolution précisément sur les facteurs identifiés dans le plan :
perte d'emploi, moral en berne et reprise de contact avec l'ancien réseau. Trois semaines, c'est long à ce
stade.""",
                          """O mentor descreve uma mudança precisamente nos fatores identificados no plano: perda de
emprego, desânimo e regresso ao contacto com a antiga rede. Três semanas é muito tempo nesta fase.""")},
        ]},
    "end_good": {
        "text": ("""Tomasz admits he was tempted: the old group offered him work “with a friend”. Together you make a
plan: a place on a training scheme, more frequent meetings for a month, and an honest conversation about what the
group wants from him. The police confirm there is no new offence. Six months later he is working, and he tells his
mentor that the case conference was “the first time everybody told me the same thing”.""",
                 """Tomasz reconnaît avoir été tenté : l'ancien groupe lui proposait du travail « chez un ami ».
Ensemble, vous construisez un plan : une place dans un dispositif de formation, des rendez-vous plus fréquents
pendant un mois et une conversation franche sur ce que le groupe attend de lui. La police confirme qu'il n'y a pas
de nouvelle infraction. Six mois plus tard, il travaille et confie à son mentor que la réunion de synthèse était
« la première fois que tout le monde lui disait la même chose ».""",
                 """O Tomasz admite que se sentiu tentado: o antigo grupo oferecia-lhe trabalho “com um amigo”. Juntos,
fazem um plano: um lugar num programa de formação, entrevistas mais frequentes durante um mês e uma conversa franca
sobre o que o grupo quer dele. A polícia confirma que não há novo crime. Seis meses depois, está a trabalhar e diz
ao mentor que a reunião de caso foi “a primeira vez que todos lhe disseram a mesma coisa”."""),
        "choices": []},
    "end_poor": {
        "text": ("""The signals were real, but the response did not match them. Either the moment passed without a
conversation, or a drastic measure cut Tomasz off from the support that protected him; in both cases the old
network is now the only place where he feels understood. A proportionate response starts with a prompt assessment,
uses the agreed information routes and addresses the needs behind the risk. Try the scenario again to explore
another path.""",
                 """Les signaux étaient réels, mais la réponse n'y correspondait pas. Soit le moment est passé sans
conversation, soit une mesure radicale a coupé Tomasz du soutien qui le protégeait ; dans les deux cas, l'ancien
réseau est désormais le seul endroit où il se sent compris. Une réponse proportionnée commence par une évaluation
rapide, utilise les circuits d'information convenus et répond aux besoins qui sous-tendent le risque. Recommencez
le scénario pour explorer un autre chemin.""",
                 """Os sinais eram reais, mas a resposta não lhes correspondeu. Ou o momento passou sem uma conversa,
ou uma medida drástica afastou o Tomasz do apoio que o protegia; em ambos os casos, a antiga rede é agora o único
lugar onde se sente compreendido. Uma resposta proporcional começa por uma avaliação rápida, usa os circuitos de
informação acordados e responde às necessidades por detrás do risco. Repita o cenário para explorar outro
caminho."""),
        "choices": []},
}}
CONFERENCE_PATHS = {"good": [1, 0, 1], "poor": [2, 1, 2]}

# --- module 8 ---

L81 = ("""
<p>Mentoring pairs a person leaving prison with a trained volunteer or peer who offers regular, informal support.
Programmes across Europe show that a good mentor can help a person through the difficult first months, rebuild
trust in others and discover an identity beyond the offence and the group. People who have themselves left
extremism or crime can be especially credible mentors, with the right selection and support.</p>
<h3>What a mentor offers</h3>
<ul>
<li><strong>Time and presence</strong>: someone who turns up, listens and is not paid to control.</li>
<li><strong>A bridge to ordinary life</strong>: help with paperwork and appointments, finding activities and
people.</li>
<li><strong>A different relationship</strong>: mutual respect between two adults, rather than a professional and a
case.</li>
</ul>
<h3>What a mentor is not</h3>
<ul>
<li>not a supervisor, a police informant or a therapist;</li>
<li>not available at every hour, and not a source of money or favours;</li>
<li>not someone who keeps every secret: certain information must be passed on.</li>
</ul>
<h3>When a mentor must act</h3>
<p>Mentors should know, from the first meeting, the few situations in which they must pass information on: a risk
to the life or safety of the mentee or others, a child at risk, or information about a planned offence. The mentee
should know this too. Programmes must give mentors a clear route — usually their coordinator — and <strong>regular
supervision</strong>, so that they never have to judge a worrying situation alone.</p>
""", """
<p>Le mentorat associe une personne sortant de prison à un bénévole formé ou à un pair qui lui offre un soutien
régulier et informel. Les programmes menés en Europe montrent qu'un bon mentor peut aider une personne à traverser
les premiers mois difficiles, à retrouver confiance dans les autres et à découvrir une identité au-delà de
l'infraction et du groupe. Les personnes ayant elles-mêmes quitté l'extrémisme ou la délinquance peuvent être des
mentors particulièrement crédibles, avec une sélection et un soutien adaptés.</p>
<h3>Ce qu'offre un mentor</h3>
<ul>
<li><strong>Du temps et une présence</strong> : quelqu'un qui vient, écoute et n'est pas payé pour
contrôler.</li>
<li><strong>Un pont vers la vie ordinaire</strong> : de l'aide pour les démarches et les rendez-vous, la recherche
d'activités et de rencontres.</li>
<li><strong>Une autre relation</strong> : un respect mutuel entre deux adultes, plutôt qu'un professionnel face à
un dossier.</li>
</ul>
<h3>Ce qu'un mentor n'est pas</h3>
<ul>
<li>ni un agent de contrôle, ni un informateur de la police, ni un thérapeute ;</li>
<li>ni disponible à toute heure, ni une source d'argent ou de faveurs ;</li>
<li>ni quelqu'un qui garde tous les secrets : certaines informations doivent être transmises.</li>
</ul>
<h3>Quand le mentor doit agir</h3>
<p>Les mentors doivent connaître, dès la première rencontre, les quelques situations dans lesquelles ils doivent
transmettre une information : un danger pour la vie ou la sécurité de la personne accompagnée ou d'autrui, un
enfant en danger, ou une information sur une infraction en préparation. La personne accompagnée doit le savoir
aussi. Les programmes doivent offrir aux mentors un circuit clair — généralement leur coordinateur — et une
<strong>supervision régulière</strong>, pour qu'ils n'aient jamais à juger seuls une situation préoccupante.</p>
""", """
<p>A mentoria junta uma pessoa que sai da prisão a um voluntário com formação ou a um par que lhe oferece apoio
regular e informal. Os programas desenvolvidos na Europa mostram que um bom mentor pode ajudar a pessoa a
atravessar os primeiros meses difíceis, a voltar a confiar nos outros e a descobrir uma identidade para além do
crime e do grupo. Pessoas que elas próprias deixaram o extremismo ou o crime podem ser mentores especialmente
credíveis, com a seleção e o apoio adequados.</p>
<h3>O que um mentor oferece</h3>
<ul>
<li><strong>Tempo e presença</strong>: alguém que aparece, ouve e não é pago para controlar.</li>
<li><strong>Uma ponte para a vida comum</strong>: ajuda com a burocracia e as marcações, a procura de atividades e
de pessoas.</li>
<li><strong>Uma relação diferente</strong>: respeito mútuo entre dois adultos, em vez de um profissional e um
processo.</li>
</ul>
<h3>O que um mentor não é</h3>
<ul>
<li>não é técnico de acompanhamento, informador da polícia nem terapeuta;</li>
<li>não está disponível a qualquer hora, nem é fonte de dinheiro ou de favores;</li>
<li>não guarda todos os segredos: certas informações têm de ser transmitidas.</li>
</ul>
<h3>Quando o mentor tem de agir</h3>
<p>Os mentores devem conhecer, desde o primeiro encontro, as poucas situações em que têm de transmitir informação:
um perigo para a vida ou a segurança do mentorando ou de outras pessoas, uma criança em risco, ou informação sobre
um crime em preparação. O mentorando também deve sabê-lo. Os programas devem dar aos mentores um circuito claro —
normalmente o seu coordenador — e <strong>supervisão regular</strong>, para que nunca tenham de avaliar sozinhos uma
situação preocupante.</p>
""")

L82 = ("""
<p>Disengagement becomes durable when a person builds a life worth protecting. Much of a mentor's and a probation
officer's work is therefore practical — and families are often the most important partners in it.</p>
<h3>The practical basics</h3>
<ul>
<li><strong>Housing</strong>: a stable address, away from the old network where possible, is the foundation for
everything else.</li>
<li><strong>Work and education</strong>: employment brings income, routine, colleagues and an identity other than
“ex-offender”. Employers may need reassurance and a contact person.</li>
<li><strong>Health</strong>: access to a doctor, mental health care and, where needed, treatment for
addiction.</li>
<li><strong>Everyday life</strong>: a bank account, documents, transport, a phone, leisure activities that bring
new contacts.</li>
</ul>
<h3>Working with families</h3>
<p>Families are often the first to notice change and the last to give up. They may also be exhausted, ashamed,
afraid, or divided about the person's beliefs. Good practice includes:</p>
<ul>
<li>listening to relatives' knowledge and worries, and offering them support in their own right;</li>
<li>helping them keep contact during the sentence, which is associated with better outcomes after release;</li>
<li>recognising that some family relationships are part of the problem, and respecting the person's choices where
they are safe.</li>
</ul>
<h3>Small steps</h3>
<p>Setbacks are normal: lost jobs, quarrels, missed appointments. What matters is that the person has somewhere to
turn when they happen, other than the group they left.</p>
""", """
<p>Le désengagement devient durable lorsque la personne construit une vie qui vaut la peine d'être préservée. Une
grande partie du travail du mentor et du conseiller de probation est donc concrète — et les familles en sont souvent
les partenaires les plus importants.</p>
<h3>Les bases concrètes</h3>
<ul>
<li><strong>Le logement</strong> : une adresse stable, si possible loin de l'ancien réseau, est le fondement de
tout le reste.</li>
<li><strong>L'emploi et la formation</strong> : le travail apporte des revenus, un rythme, des collègues et une
identité autre que celle d'« ancien détenu ». Les employeurs peuvent avoir besoin d'être rassurés et d'avoir un
interlocuteur.</li>
<li><strong>La santé</strong> : l'accès à un médecin, aux soins psychiques et, si nécessaire, à un traitement des
addictions.</li>
<li><strong>La vie quotidienne</strong> : un compte bancaire, des papiers, des transports, un téléphone, des
loisirs qui apportent de nouvelles rencontres.</li>
</ul>
<h3>Travailler avec les familles</h3>
<p>Les familles sont souvent les premières à remarquer un changement et les dernières à baisser les bras. Elles
peuvent aussi être épuisées, honteuses, inquiètes ou divisées sur les convictions de leur proche. La bonne pratique
consiste à :</p>
<ul>
<li>écouter ce que savent et craignent les proches, et leur proposer un soutien pour eux-mêmes ;</li>
<li>les aider à maintenir le lien pendant la peine, ce qui est associé à une meilleure réinsertion après la
sortie ;</li>
<li>reconnaître que certaines relations familiales font partie du problème, et respecter les choix de la personne
lorsqu'ils sont sans danger.</li>
</ul>
<h3>Des petits pas</h3>
<p>Les revers sont normaux : emploi perdu, disputes, rendez-vous manqués. L'essentiel est que la personne ait vers
qui se tourner quand ils surviennent, ailleurs que dans le groupe qu'elle a quitté.</p>
""", """
<p>O desengajamento torna-se duradouro quando a pessoa constrói uma vida que vale a pena proteger. Grande parte do
trabalho do mentor e do técnico de reinserção é, por isso, prático — e as famílias são muitas vezes os parceiros
mais importantes.</p>
<h3>O essencial prático</h3>
<ul>
<li><strong>Habitação</strong>: uma morada estável, se possível longe da antiga rede, é a base de tudo o
resto.</li>
<li><strong>Emprego e formação</strong>: o trabalho traz rendimento, rotina, colegas e uma identidade diferente de
“ex-recluso”. Os empregadores podem precisar de ser tranquilizados e de ter uma pessoa de contacto.</li>
<li><strong>Saúde</strong>: acesso a um médico, a cuidados de saúde mental e, se necessário, a tratamento de
dependências.</li>
<li><strong>Vida quotidiana</strong>: uma conta bancária, documentos, transportes, um telemóvel, atividades de
lazer que tragam novos contactos.</li>
</ul>
<h3>Trabalhar com as famílias</h3>
<p>As famílias são muitas vezes as primeiras a notar mudanças e as últimas a desistir. Podem também estar
exaustas, envergonhadas, com medo ou divididas quanto às crenças do seu familiar. A boa prática inclui:</p>
<ul>
<li>ouvir o que os familiares sabem e receiam, e oferecer-lhes apoio a eles próprios;</li>
<li>ajudá-los a manter o contacto durante a pena, o que está associado a melhores resultados após a
libertação;</li>
<li>reconhecer que algumas relações familiares fazem parte do problema, e respeitar as escolhas da pessoa quando
são seguras.</li>
</ul>
<h3>Pequenos passos</h3>
<p>Os reveses são normais: empregos perdidos, discussões, entrevistas falhadas. O que importa é que a pessoa tenha
a quem recorrer quando acontecem, fora do grupo que deixou.</p>
""")

R82 = ("""<p>Imagine the first month after release for a person you know of. List three practical obstacles they are
likely to meet and, for each one, the person or organisation in your area who could help.</p>""",
       """<p>Imaginez le premier mois après la sortie d'une personne que vous connaissez. Listez trois obstacles
concrets qu'elle risque de rencontrer et, pour chacun, la personne ou l'organisation de votre territoire qui
pourrait aider.</p>""",
       """<p>Imagine o primeiro mês depois da libertação de uma pessoa que conhece. Enumere três obstáculos práticos
que provavelmente vai encontrar e, para cada um, a pessoa ou organização da sua zona que poderia ajudar.</p>""")
A82 = ("""No address for the bank account (the municipal housing office); no work history (the employment centre's
programme for people leaving prison); loneliness in the evenings (the football club our association works
with).""",
       """Pas d'adresse pour ouvrir un compte (le service logement de la mairie) ; pas d'expérience professionnelle
récente (le dispositif d'insertion de l'agence pour l'emploi) ; la solitude le soir (le club de football avec lequel
travaille notre association).""",
       """Sem morada para abrir conta bancária (o serviço de habitação da câmara); sem experiência profissional
recente (o programa do centro de emprego para pessoas que saem da prisão); solidão à noite (o clube de futebol com
que a nossa associação trabalha).""")

# Modules: title (en, fr, pt, it), quiz (competences, questions per attempt, pass mark, time limit), lessons.
# Lessons: title (en, fr, pt), outcome keys, blocks. Blocks: (TEXT, texts), (REFLECTION, prompt, sample answers),
# (SCENARIO, structure, paths). A lesson with a scenario is completed by finishing it, one with a reflection by
# answering it, the others by marking them done.
MODULES = [
    {"title": ("Understanding radicalisation: push and pull factors",
               "Comprendre la radicalisation : facteurs de répulsion et d'attraction",
               "Compreender a radicalização: fatores de repulsão e de atração",
               "Comprendere la radicalizzazione: fattori di spinta e di attrazione"),
     "quiz": (["C11"], 3, 60, None),
     "lessons": [
         {"title": ("Radicalisation as a process", "La radicalisation, un processus", "A radicalização como processo"),
          "outcomes": ["O111", "O113"], "blocks": [(TEXT, L11)]},
         {"title": ("Push, pull and personal factors", "Facteurs de répulsion, d'attraction et facteurs personnels",
                    "Fatores de repulsão, de atração e pessoais"),
          "outcomes": ["O112"], "blocks": [(TEXT, L12), (REFLECTION, R12, A12)]},
         {"title": ("Noticing and responding to concerns on a wing", "Repérer une inquiétude et y répondre en "
                    "détention", "Identificar e responder a preocupações numa ala prisional"),
          "outcomes": ["O211", "O212"], "blocks": [(TEXT, L13), (SCENARIO, WING, WING_PATHS)]},
     ]},
    {"title": ("Types of extremism", "Les formes d'extrémisme", "Tipos de extremismo", "Tipi di estremismo"),
     "quiz": (["C12"], 3, 60, None),
     "lessons": [
         {"title": ("Islamist and right-wing violent extremism", "Extrémismes violents islamiste et d'extrême droite",
                    "Extremismo violento islamista e de extrema-direita"),
          "outcomes": ["O121"], "blocks": [(TEXT, L21)]},
         {"title": ("Left-wing, single-issue and mixed ideologies",
                    "Extrême gauche, causes uniques et idéologies composites",
                    "Extrema-esquerda, causas únicas e ideologias mistas"),
          "outcomes": ["O121", "O122"], "blocks": [(TEXT, L22)]},
         {"title": ("Faith, conversion and extremism", "Foi, conversion et extrémisme", "Fé, conversão e extremismo"),
          "outcomes": ["O123"], "blocks": [(TEXT, L23), (REFLECTION, R23, A23)]},
     ]},
    {"title": ("Online radicalisation", "La radicalisation en ligne", "Radicalização online",
               "La radicalizzazione online"),
     "quiz": (["C13"], 3, 60, None),
     "lessons": [
         {"title": ("How online spaces shape radicalisation", "Comment les espaces en ligne façonnent la "
                    "radicalisation", "Como os espaços online moldam a radicalização"),
          "outcomes": ["O131"], "blocks": [(TEXT, L31)]},
         {"title": ("Talking about online life", "Parler de la vie en ligne", "Conversar sobre a vida online"),
          "outcomes": ["O132"], "blocks": [(TEXT, L32), (REFLECTION, R32, A32)]},
     ]},
    {"title": ("Risk and needs assessment", "Évaluation des risques et des besoins",
               "Avaliação de riscos e necessidades", "Valutazione del rischio e dei bisogni"),
     "quiz": (["C21", "C22"], 5, 70, 10),
     "lessons": [
         {"title": ("Structured professional judgement", "Le jugement professionnel structuré",
                    "O juízo profissional estruturado"),
          "outcomes": ["O221", "O211"], "blocks": [(TEXT, L41)]},
         {"title": ("Risk, needs and protective factors", "Facteurs de risque, besoins et facteurs de protection",
                    "Fatores de risco, necessidades e fatores de proteção"),
          "outcomes": ["O222"], "blocks": [(TEXT, L42)]},
         {"title": ("Bias and the limits of assessment", "Biais et limites de l'évaluation",
                    "Enviesamentos e limites da avaliação"),
          "outcomes": ["O223"], "blocks": [(TEXT, L43), (REFLECTION, R43, A43)]},
     ]},
    {"title": ("Working with extremist offenders", "Travailler avec des auteurs d'infractions extrémistes",
               "Trabalhar com autores de crimes extremistas",
               "Lavorare con autori di reati di matrice estremista"),
     "quiz": (["C23"], 4, 70, None),
     "lessons": [
         {"title": ("Disengagement and the working relationship", "Désengagement et relation de travail",
                    "Desengajamento e relação de trabalho"),
          "outcomes": ["O231", "O233"], "blocks": [(TEXT, L51)]},
         {"title": ("Boundaries, manipulation and staff safety", "Limites, manipulation et sécurité du personnel",
                    "Limites, manipulação e segurança dos profissionais"),
          "outcomes": ["O232"], "blocks": [(TEXT, L52), (REFLECTION, R52, A52)]},
     ]},
    {"title": ("The role of probation", "Le rôle de la probation", "O papel da reinserção social (probation)",
               "Il ruolo dell'esecuzione penale esterna"),
     "quiz": (["C31"], 3, 60, None),
     "lessons": [
         {"title": ("Probation before and after release", "La probation avant et après la libération",
                    "A reinserção social antes e depois da libertação"),
          "outcomes": ["O311"], "blocks": [(TEXT, L61)]},
         {"title": ("Conditions and supervision that make sense", "Des obligations et un suivi qui ont du sens",
                    "Condições e acompanhamento com sentido"),
          "outcomes": ["O312"], "blocks": [(TEXT, L62), (REFLECTION, R62, A62)]},
     ]},
    {"title": ("Information sharing and multi-agency cooperation",
               "Partage d'informations et coopération pluri-institutionnelle",
               "Partilha de informação e cooperação interinstitucional",
               "Condivisione delle informazioni e cooperazione tra enti"),
     "quiz": (["C32"], 4, 70, None),
     "lessons": [
         {"title": ("Sharing information lawfully", "Partager l'information dans le respect du droit",
                    "Partilhar informação de forma legal"),
          "outcomes": ["O321", "O322"], "blocks": [(TEXT, L71), (REFLECTION, R71, A71)]},
         {"title": ("Preparing a release case conference", "Préparer une réunion de synthèse avant la sortie",
                    "Preparar uma reunião de caso antes da libertação"),
          "outcomes": ["O323"], "blocks": [(TEXT, L72), (SCENARIO, CONFERENCE, CONFERENCE_PATHS)]},
     ]},
    {"title": ("Mentoring", "Le mentorat", "Mentoria", "Il mentoring"),
     "quiz": (["C41", "C42"], 5, 70, None),
     "lessons": [
         {"title": ("The mentor's role and its limits", "Le rôle du mentor et ses limites",
                    "O papel do mentor e os seus limites"),
          "outcomes": ["O411", "O413"], "blocks": [(TEXT, L81)]},
         {"title": ("Practical reintegration and families", "Réinsertion concrète et familles",
                    "Reinserção prática e famílias"),
          "outcomes": ["O412", "O421"], "blocks": [(TEXT, L82), (REFLECTION, R82, A82)]},
     ]},
]


# --- the train-the-trainer course ------------------------------------------------------------------------------------

TTT = {
    "title": (TTT_TITLE, "Formation de formateurs INTEGRA", "Curso de formação de formadores INTEGRA"),
    "summary": (
        """For experienced practitioners who have completed the INTEGRA course and will deliver it to colleagues in
        their own service. Two modules cover facilitating discussions on sensitive topics and adapting the course to
        a national service, including how to run and evaluate a pilot. Certification also requires a session you
        deliver, observed and signed off by a certified trainer.""",
        """Pour les professionnels expérimentés qui ont suivi le cours INTEGRA et l'animeront auprès de collègues de
        leur service. Deux modules portent sur l'animation de discussions sur des sujets sensibles et sur
        l'adaptation du cours à un service national, y compris la conduite et l'évaluation d'un pilote. La
        certification exige aussi une séance que vous animez, observée et validée par un formateur certifié.""",
        """Para profissionais experientes que concluíram o curso INTEGRA e o vão dar a colegas do seu serviço. Dois
        módulos abordam a facilitação de discussões sobre temas sensíveis e a adaptação do curso a um serviço
        nacional, incluindo como conduzir e avaliar um piloto. A certificação exige ainda uma sessão dada por si,
        observada e validada por um formador certificado."""),
}

T11 = ("""
<p>Training on radicalisation touches on religion, politics, migration, violence and, for many participants,
difficult professional experiences. Learners can only think openly if they feel safe to make mistakes, to disagree
and to say “I don't know”. Creating that space is the trainer's first task.</p>
<h3>Before the session</h3>
<ul>
<li>Find out who the participants are: roles, experience, recent incidents in their service.</li>
<li>Check that examples and case studies do not target one religion or community, and that they cover different
forms of extremism.</li>
<li>Prepare for emotional reactions: some participants may have been victims of violence or lost colleagues.</li>
</ul>
<h3>Opening the session</h3>
<ul>
<li>Agree <strong>ground rules</strong> together: confidentiality of personal stories, respect for people even when
we reject their ideas, speaking for oneself, the right to pass.</li>
<li>Explain that cases discussed must be anonymised.</li>
<li>Say how you will handle disagreement and what participants can do if something affects them.</li>
</ul>
<h3>During the session</h3>
<p>Use small groups before plenary discussion, so that quieter participants can speak. Model the attitudes the
course teaches: curiosity, factual language, no stereotypes. Watch the room: silence can mean reflection,
disagreement or distress, and it is worth checking which. End with a short debrief that brings the discussion back
to practice and acknowledges the effort it takes to talk about these subjects.</p>
""", """
<p>Une formation sur la radicalisation touche à la religion, à la politique, aux migrations, à la violence et, pour
beaucoup de participants, à des expériences professionnelles difficiles. Les apprenants ne peuvent réfléchir
librement que s'ils se sentent autorisés à se tromper, à être en désaccord et à dire « je ne sais pas ». Créer ce
cadre est la première tâche du formateur.</p>
<h3>Avant la séance</h3>
<ul>
<li>Renseignez-vous sur les participants : fonctions, expérience, incidents récents dans leur service.</li>
<li>Vérifiez que les exemples et études de cas ne visent pas une religion ou une communauté, et qu'ils couvrent
différentes formes d'extrémisme.</li>
<li>Préparez-vous aux réactions émotionnelles : certains participants ont pu être victimes de violences ou perdre
des collègues.</li>
</ul>
<h3>Ouvrir la séance</h3>
<ul>
<li>Convenez ensemble de <strong>règles de fonctionnement</strong> : confidentialité des récits personnels,
respect des personnes même quand on rejette leurs idées, parler en son nom, droit de ne pas s'exprimer.</li>
<li>Expliquez que les situations évoquées doivent être anonymisées.</li>
<li>Dites comment vous gérerez les désaccords et ce que les participants peuvent faire si quelque chose les
touche.</li>
</ul>
<h3>Pendant la séance</h3>
<p>Utilisez des petits groupes avant la discussion en plénière, pour que les participants plus réservés puissent
s'exprimer. Incarnez les attitudes que le cours enseigne : curiosité, langage factuel, absence de stéréotypes.
Observez le groupe : un silence peut signifier réflexion, désaccord ou malaise, et il vaut la peine de vérifier
lequel. Terminez par un court débriefing qui ramène la discussion à la pratique et reconnaît l'effort que demande le
fait de parler de ces sujets.</p>
""", """
<p>A formação sobre radicalização toca em religião, política, migrações, violência e, para muitos participantes, em
experiências profissionais difíceis. Os formandos só conseguem pensar abertamente se se sentirem seguros para
errar, discordar e dizer “não sei”. Criar esse espaço é a primeira tarefa do formador.</p>
<h3>Antes da sessão</h3>
<ul>
<li>Informe-se sobre os participantes: funções, experiência, incidentes recentes no seu serviço.</li>
<li>Verifique que os exemplos e casos de estudo não visam uma religião ou comunidade e que incluem diferentes
formas de extremismo.</li>
<li>Prepare-se para reações emocionais: alguns participantes podem ter sido vítimas de violência ou perdido
colegas.</li>
</ul>
<h3>Abrir a sessão</h3>
<ul>
<li>Acordem em conjunto <strong>regras de funcionamento</strong>: confidencialidade das histórias pessoais,
respeito pelas pessoas mesmo quando rejeitamos as suas ideias, falar por si próprio, direito a não intervir.</li>
<li>Explique que os casos discutidos devem ser anonimizados.</li>
<li>Diga como vai lidar com o desacordo e o que os participantes podem fazer se algo os afetar.</li>
</ul>
<h3>Durante a sessão</h3>
<p>Use pequenos grupos antes da discussão em plenário, para que os participantes mais reservados possam falar.
Pratique as atitudes que o curso ensina: curiosidade, linguagem factual, ausência de estereótipos. Observe o grupo:
o silêncio pode significar reflexão, desacordo ou mal-estar, e vale a pena verificar qual. Termine com um breve
balanço que traga a discussão de volta à prática e reconheça o esforço que é falar destes temas.</p>
""")

T12 = ("""
<p>Sooner or later, a participant will say something that shocks others: a generalisation about a religion or
nationality, a call for harsher punishment “for all of them”, or sympathy for a cause that others find extreme. How
the trainer responds teaches more than any slide.</p>
<h3>Principles</h3>
<ul>
<li><strong>Don't ignore it.</strong> Silence is read as agreement, and the people targeted — who may be in the
room — feel unprotected.</li>
<li><strong>Don't humiliate.</strong> Shaming a participant closes the discussion and often hardens the view,
exactly as the course describes for people at risk of radicalisation.</li>
<li><strong>Separate the person from the statement.</strong> “I'd like us to look at that statement more closely”
keeps the person in the conversation.</li>
<li><strong>Use questions and evidence.</strong> “What have you seen that makes you think so? What does the
research in module 1 say?”</li>
<li><strong>Open it to the group</strong>, with care: other participants' experience is often more persuasive than
the trainer's.</li>
</ul>
<h3>Limits</h3>
<p>Some statements cross the line — threats, incitement, targeted insults. Stop the discussion calmly, restate the
ground rules, and speak with the participant privately afterwards. If you are concerned about a colleague's conduct
beyond the training, follow your organisation's procedure.</p>
<h3>Looking after yourself</h3>
<p>Trainers are also affected by what they hear. Co-facilitation, a debrief after difficult sessions and peer
support among trainers are part of professional practice, not a luxury.</p>
""", """
<p>Tôt ou tard, un participant dira quelque chose qui choque les autres : une généralisation sur une religion ou une
nationalité, un appel à punir plus durement « tous ces gens-là », ou de la sympathie pour une cause que d'autres
jugent extrême. La réaction du formateur enseigne plus que n'importe quelle diapositive.</p>
<h3>Principes</h3>
<ul>
<li><strong>Ne pas ignorer.</strong> Le silence est perçu comme une approbation, et les personnes visées — qui
peuvent être dans la salle — se sentent sans protection.</li>
<li><strong>Ne pas humilier.</strong> Mettre un participant en difficulté ferme la discussion et durcit souvent son
point de vue, exactement comme le cours le décrit pour les personnes exposées à la radicalisation.</li>
<li><strong>Distinguer la personne de ses propos.</strong> « J'aimerais qu'on regarde cette affirmation de plus
près » garde la personne dans la conversation.</li>
<li><strong>Utiliser les questions et les faits.</strong> « Qu'avez-vous observé qui vous fait penser cela ? Que
dit la recherche vue au module 1 ? »</li>
<li><strong>Ouvrir au groupe</strong>, avec précaution : l'expérience des autres participants est souvent plus
convaincante que celle du formateur.</li>
</ul>
<h3>Les limites</h3>
<p>Certains propos franchissent la ligne — menaces, incitation, insultes ciblées. Arrêtez calmement la discussion,
rappelez les règles de fonctionnement et parlez ensuite au participant en privé. Si le comportement d'un collègue
vous inquiète au-delà de la formation, suivez la procédure de votre organisation.</p>
<h3>Prendre soin de soi</h3>
<p>Les formateurs sont eux aussi touchés par ce qu'ils entendent. La co-animation, un débriefing après les séances
difficiles et le soutien entre pairs font partie de la pratique professionnelle ; ce n'est pas un luxe.</p>
""", """
<p>Mais cedo ou mais tarde, um participante dirá algo que choca os outros: uma generalização sobre uma religião ou
nacionalidade, um apelo a castigos mais duros “para todos eles”, ou simpatia por uma causa que outros consideram
extrema. A forma como o formador reage ensina mais do que qualquer diapositivo.</p>
<h3>Princípios</h3>
<ul>
<li><strong>Não ignorar.</strong> O silêncio é lido como concordância, e as pessoas visadas — que podem estar na
sala — sentem-se desprotegidas.</li>
<li><strong>Não humilhar.</strong> Envergonhar um participante fecha a discussão e muitas vezes endurece a sua
opinião, exatamente como o curso descreve para as pessoas em risco de radicalização.</li>
<li><strong>Separar a pessoa da afirmação.</strong> “Gostava que olhássemos para essa afirmação com mais atenção”
mantém a pessoa na conversa.</li>
<li><strong>Usar perguntas e factos.</strong> “O que viu que o leva a pensar assim? O que diz a investigação do
módulo 1?”</li>
<li><strong>Abrir ao grupo</strong>, com cuidado: a experiência dos outros participantes é muitas vezes mais
convincente do que a do formador.</li>
</ul>
<h3>Limites</h3>
<p>Algumas afirmações ultrapassam a linha — ameaças, incitamento, insultos dirigidos. Interrompa a discussão com
calma, recorde as regras de funcionamento e fale depois com o participante em privado. Se o comportamento de um
colega o preocupar para além da formação, siga o procedimento da sua organização.</p>
<h3>Cuidar de si</h3>
<p>Os formadores também são afetados pelo que ouvem. A cofacilitação, um balanço depois de sessões difíceis e o
apoio entre pares fazem parte da prática profissional; não são um luxo.</p>
""")

TR12 = ("""<p>Write down a statement you have heard in a training room or staff room that you found hard to respond
to. Draft the first two sentences you would say now.</p>""",
        """<p>Notez une phrase entendue en formation ou en salle du personnel à laquelle vous avez eu du mal à
répondre. Rédigez les deux premières phrases que vous diriez aujourd'hui.</p>""",
        """<p>Escreva uma afirmação que ouviu numa sala de formação ou de pessoal e à qual teve dificuldade em
responder. Redija as duas primeiras frases que diria agora.</p>""")
TA12 = ("""“These people never change.” — “Many people in this room have seen someone change. What made the
difference in the cases you know?”""",
        """« Ces gens-là ne changent jamais. » — « Beaucoup d'entre vous ont vu quelqu'un changer. Qu'est-ce qui a
fait la différence dans les situations que vous connaissez ? »""",
        """“Esta gente nunca muda.” — “Muitos de nós já viram alguém mudar. O que fez a diferença nos casos que
conhecem?”""")

T21 = ("""
<p>The INTEGRA course was written for practitioners in five countries, so its examples and references are
deliberately general. To work in your service, it needs adapting — without losing the core messages that make it
evidence-informed.</p>
<h3>What to keep</h3>
<ul>
<li>the learning outcomes and the competences they belong to;</li>
<li>the key distinctions: beliefs and behaviour, conversion and radicalisation, risk and needs, control and
support;</li>
<li>the balance between forms of extremism, and the refusal of stereotypes.</li>
</ul>
<h3>What to adapt</h3>
<ul>
<li><strong>Law and procedure</strong>: the reporting channel, the legal basis for sharing information, release
and supervision rules in your country.</li>
<li><strong>Vocabulary</strong>: the names of roles, services and measures that participants actually use.</li>
<li><strong>Examples</strong>: local, anonymised cases, checked with a colleague so that no one can be
recognised.</li>
<li><strong>Format</strong>: the length of sessions, online or face-to-face, the mix of professions in the
room.</li>
</ul>
<h3>Translation</h3>
<p>In INTEGRA, each lesson can be translated field by field; untranslated parts appear in English. Translate the
titles and texts first, then the scenarios, and have a practitioner — not only a translator — read them: a
scenario that sounds foreign to a prison officer loses its power.</p>
<p>Keep a short record of what you changed and why. It makes the pilot report meaningful and helps other
trainers.</p>
""", """
<p>Le cours INTEGRA a été écrit pour des professionnels de cinq pays ; ses exemples et références sont donc
volontairement généraux. Pour fonctionner dans votre service, il doit être adapté — sans perdre les messages
essentiels qui l'ancrent dans les données de la recherche.</p>
<h3>Ce qu'il faut garder</h3>
<ul>
<li>les acquis d'apprentissage et les compétences auxquelles ils se rattachent ;</li>
<li>les distinctions clés : convictions et comportements, conversion et radicalisation, risques et besoins,
contrôle et accompagnement ;</li>
<li>l'équilibre entre les formes d'extrémisme et le refus des stéréotypes.</li>
</ul>
<h3>Ce qu'il faut adapter</h3>
<ul>
<li><strong>Le droit et les procédures</strong> : le canal de signalement, la base légale du partage
d'informations, les règles de libération et de suivi de votre pays.</li>
<li><strong>Le vocabulaire</strong> : les noms des fonctions, services et mesures qu'emploient réellement les
participants.</li>
<li><strong>Les exemples</strong> : des situations locales, anonymisées, vérifiées avec un collègue pour que
personne ne puisse être reconnu.</li>
<li><strong>Le format</strong> : la durée des séances, à distance ou en présentiel, la composition professionnelle
du groupe.</li>
</ul>
<h3>La traduction</h3>
<p>Dans INTEGRA, chaque leçon peut être traduite champ par champ ; les parties non traduites s'affichent en
anglais. Traduisez d'abord les titres et les textes, puis les scénarios, et faites-les relire par un
professionnel — pas seulement par un traducteur : un scénario qui sonne étranger à un surveillant perd sa
force.</p>
<p>Gardez une trace brève de ce que vous avez modifié et pourquoi. Cela donne son sens au rapport de pilote et aide
les autres formateurs.</p>
""", """
<p>O curso INTEGRA foi escrito para profissionais de cinco países, por isso os seus exemplos e referências são
deliberadamente gerais. Para funcionar no seu serviço, precisa de ser adaptado — sem perder as mensagens
essenciais que o fundamentam na investigação.</p>
<h3>O que manter</h3>
<ul>
<li>os resultados de aprendizagem e as competências a que pertencem;</li>
<li>as distinções essenciais: crenças e comportamentos, conversão e radicalização, riscos e necessidades, controlo
e apoio;</li>
<li>o equilíbrio entre as formas de extremismo e a recusa de estereótipos.</li>
</ul>
<h3>O que adaptar</h3>
<ul>
<li><strong>Lei e procedimentos</strong>: o canal de comunicação, a base legal para partilhar informação, as
regras de libertação e acompanhamento no seu país.</li>
<li><strong>Vocabulário</strong>: os nomes das funções, serviços e medidas que os participantes realmente
usam.</li>
<li><strong>Exemplos</strong>: casos locais, anonimizados, verificados com um colega para que ninguém possa ser
reconhecido.</li>
<li><strong>Formato</strong>: a duração das sessões, online ou presencial, a combinação de profissões na
sala.</li>
</ul>
<h3>Tradução</h3>
<p>No INTEGRA, cada lição pode ser traduzida campo a campo; as partes não traduzidas aparecem em inglês. Traduza
primeiro os títulos e os textos, depois os cenários, e peça a um profissional — não apenas a um tradutor — que os
leia: um cenário que soa estranho a um guarda prisional perde a sua força.</p>
<p>Mantenha um registo breve do que alterou e porquê. Isso dá sentido ao relatório do piloto e ajuda outros
formadores.</p>
""")

T22 = ("""
<p>A pilot is a small, deliberate first run of the course with a real group, designed to find out what works before
wider roll-out. Treat it as an experiment with a clear question: does this course, in this form, help these
practitioners do their job better?</p>
<h3>Planning</h3>
<ul>
<li>Choose a cohort of 8 to 20 participants from the professions who will use the course, ideally from more than
one service.</li>
<li>Agree dates, the time participants are given to learn, and who supports them (a manager, a contact
person).</li>
<li>Decide in advance what you will measure and when.</li>
</ul>
<h3>Sources of evidence</h3>
<ul>
<li><strong>Progress</strong>: the cohort grid shows who is advancing and who is stuck; contact stuck learners
early and ask what is in the way.</li>
<li><strong>Quiz results and item analysis</strong>: questions that almost everyone gets wrong may be unclear, or
may reveal content that needs strengthening.</li>
<li><strong>Lesson feedback</strong>: short ratings of usefulness and clarity, with comments, point to lessons that
need revision.</li>
<li><strong>Course evaluation and a debrief</strong> with participants and their managers at the end.</li>
</ul>
<h3>Closing the loop</h3>
<p>Summarise what you learned in a short pilot report: what worked, what will change, and what remains uncertain.
Make the changes, publish a new version, and tell participants what their feedback changed — it is the best way to
keep them engaged in the next round.</p>
""", """
<p>Un pilote est une première mise en œuvre du cours, limitée et réfléchie, avec un vrai groupe, pour découvrir ce
qui fonctionne avant un déploiement plus large. Traitez-le comme une expérimentation avec une question claire : ce
cours, sous cette forme, aide-t-il ces professionnels à mieux faire leur travail ?</p>
<h3>Planifier</h3>
<ul>
<li>Choisissez une cohorte de 8 à 20 participants issus des métiers qui utiliseront le cours, idéalement de
plusieurs services.</li>
<li>Convenez des dates, du temps accordé aux participants pour se former et des personnes qui les soutiennent (un
responsable, un référent).</li>
<li>Décidez à l'avance de ce que vous mesurerez et quand.</li>
</ul>
<h3>Sources d'information</h3>
<ul>
<li><strong>La progression</strong> : le tableau de la cohorte montre qui avance et qui est bloqué ; contactez tôt
les apprenants bloqués et demandez-leur ce qui les freine.</li>
<li><strong>Les résultats des quiz et l'analyse des items</strong> : des questions que presque tout le monde manque
sont peut-être mal formulées, ou révèlent un contenu à renforcer.</li>
<li><strong>Les retours par leçon</strong> : de brèves appréciations de l'utilité et de la clarté, avec des
commentaires, signalent les leçons à réviser.</li>
<li><strong>L'évaluation du cours et un bilan</strong> avec les participants et leurs responsables à la fin.</li>
</ul>
<h3>Boucler la boucle</h3>
<p>Résumez ce que vous avez appris dans un court rapport de pilote : ce qui a fonctionné, ce qui va changer et ce
qui reste incertain. Apportez les modifications, publiez une nouvelle version et dites aux participants ce que leurs
retours ont changé — c'est le meilleur moyen de les garder engagés pour la suite.</p>
""", """
<p>Um piloto é uma primeira aplicação do curso, limitada e pensada, com um grupo real, para descobrir o que funciona
antes de um alargamento. Trate-o como uma experiência com uma pergunta clara: este curso, nesta forma, ajuda estes
profissionais a fazer melhor o seu trabalho?</p>
<h3>Planear</h3>
<ul>
<li>Escolha um grupo de 8 a 20 participantes das profissões que vão usar o curso, idealmente de mais de um
serviço.</li>
<li>Acorde as datas, o tempo dado aos participantes para aprender e quem os apoia (uma chefia, uma pessoa de
contacto).</li>
<li>Decida antecipadamente o que vai medir e quando.</li>
</ul>
<h3>Fontes de informação</h3>
<ul>
<li><strong>Progresso</strong>: a grelha do grupo mostra quem avança e quem está parado; contacte cedo os formandos
parados e pergunte o que os impede.</li>
<li><strong>Resultados dos questionários e análise de itens</strong>: perguntas que quase todos erram podem estar
pouco claras ou revelar conteúdos a reforçar.</li>
<li><strong>Feedback das lições</strong>: avaliações breves da utilidade e da clareza, com comentários, indicam as
lições a rever.</li>
<li><strong>Avaliação do curso e um balanço</strong> final com os participantes e as suas chefias.</li>
</ul>
<h3>Fechar o ciclo</h3>
<p>Resuma o que aprendeu num breve relatório do piloto: o que funcionou, o que vai mudar e o que continua incerto.
Faça as alterações, publique uma nova versão e diga aos participantes o que o seu feedback mudou — é a melhor forma
de os manter envolvidos na fase seguinte.</p>
""")

TR22 = ("""<p>Sketch the pilot you would run in your service: who would take part, over how many weeks, and which
two pieces of evidence would tell you that the course needs to change?</p>""",
        """<p>Esquissez le pilote que vous conduiriez dans votre service : qui y participerait, sur combien de
semaines, et quels deux éléments vous indiqueraient que le cours doit évoluer ?</p>""",
        """<p>Esboce o piloto que conduziria no seu serviço: quem participaria, durante quantas semanas, e que dois
dados lhe indicariam que o curso precisa de mudar?</p>""")
TA22 = ("""Twelve volunteer mentors of our association over eight weeks. Two signals: lessons rated unclear by more
than a third of them, and questions that most of them get wrong.""",
        """Douze mentors bénévoles de notre association sur huit semaines. Deux signaux : des leçons jugées peu
claires par plus d'un tiers d'entre eux, et des questions que la plupart manquent.""",
        """Doze mentores voluntários da nossa associação, durante oito semanas. Dois sinais: lições consideradas
pouco claras por mais de um terço deles, e perguntas que a maioria erra.""")

TTT_MODULES = [
    {"title": ("Facilitating sensitive discussions", "Animer des discussions sensibles",
               "Facilitar discussões sensíveis"),
     "quiz": None,
     "lessons": [
         {"title": ("Creating a safe learning space", "Créer un cadre d'apprentissage sûr",
                    "Criar um espaço de aprendizagem seguro"),
          "outcomes": ["O511"], "blocks": [(TEXT, T11)]},
         {"title": ("When strong views are voiced", "Quand des opinions tranchées s'expriment",
                    "Quando surgem opiniões fortes"),
          "outcomes": ["O512"], "blocks": [(TEXT, T12), (REFLECTION, TR12, TA12)]},
     ]},
    {"title": ("Adapting the course to your service and running a pilot",
               "Adapter le cours à votre service et conduire un pilote",
               "Adaptar o curso ao seu serviço e conduzir um piloto"),
     "quiz": (["C51", "C52"], 4, 70, None),
     "lessons": [
         {"title": ("Adapting the course to your national context", "Adapter le cours à votre contexte national",
                    "Adaptar o curso ao seu contexto nacional"),
          "outcomes": ["O521"], "blocks": [(TEXT, T21)]},
         {"title": ("Running and evaluating a pilot", "Conduire et évaluer un pilote",
                    "Conduzir e avaliar um piloto"),
          "outcomes": ["O522"], "blocks": [(TEXT, T22), (REFLECTION, TR22, TA22)]},
     ]},
]


# --- the question bank -------------------------------------------------------------------------------------------
# By competence. Every text is (English, French). Choices: (text, correct, feedback); pairs: (left, right);
# items in the right order; answers: ([accepted in English], [accepted in French]).


def _true_false(statement_is_true: bool, if_true, if_false) -> list:
    return [(("True", "Vrai"), statement_is_true, if_true), (("False", "Faux"), not statement_is_true, if_false)]


QUESTIONS = {
    "C11": [
        {"kind": SINGLE, "outcome": "O111",
         "text": ("Which statement best describes radicalisation?",
                  "Quelle affirmation décrit le mieux la radicalisation ?"),
         "choices": [
             (("A personality type that can be identified with a checklist",
               "Un type de personnalité repérable à l'aide d'une grille"), False,
              ("No. Research has found no reliable profile; checklists produce many false alarms.",
               "Non. La recherche n'a trouvé aucun profil fiable ; les grilles produisent de nombreuses fausses "
               "alertes.")),
             (("A gradual process shaped by relationships, experiences and ideas",
               "Un processus progressif façonné par des relations, des expériences et des idées"), True,
              ("Yes. Radicalisation develops over time and differs from one person to another.",
               "Oui. La radicalisation se construit dans le temps et diffère d'une personne à l'autre.")),
             (("A sudden change caused by reading extremist material",
               "Un changement soudain provoqué par la lecture de contenus extrémistes"), False,
              ("No. Material can play a part, but change usually builds up through several factors.",
               "Non. Les contenus peuvent jouer un rôle, mais le changement résulte généralement de plusieurs "
               "facteurs.")),
         ],
         "feedback": ("See the lesson “Radicalisation as a process”.",
                      "Voir la leçon « La radicalisation, un processus ».")},
        {"kind": MATCHING, "outcome": "O112",
         "text": ("Match each element of a person's story with the type of factor it illustrates.",
                  "Associez chaque élément du parcours d'une personne au type de facteur qu'il illustre."),
         "pairs": [
             (("Repeated experiences of discrimination at school and at work",
               "Des expériences répétées de discrimination à l'école et au travail"),
              ("Push factor", "Facteur de répulsion")),
             (("A group that offers brotherhood and respect", "Un groupe qui offre fraternité et respect"),
              ("Pull factor", "Facteur d'attraction")),
             (("A strong personal need for certainty", "Un fort besoin personnel de certitude"),
              ("Personal factor", "Facteur personnel")),
         ],
         "feedback": ("Push factors make the present unbearable, pull factors make the group attractive, personal "
                      "factors make someone more receptive.",
                      "Les facteurs de répulsion rendent le présent insupportable, les facteurs d'attraction rendent "
                      "le groupe attirant, les facteurs personnels rendent plus réceptif.")},
        {"kind": TRUE_FALSE, "outcome": "O113",
         "text": ("Most people who hold radical views never use violence.",
                  "La plupart des personnes qui ont des opinions radicales ne recourent jamais à la violence."),
         "choices": _true_false(
             True,
             ("Correct. Holding extreme beliefs and using violence are different things; our concern is mainly "
              "behaviour.",
              "Exact. Avoir des convictions extrêmes et recourir à la violence sont deux choses différentes ; notre "
              "préoccupation porte surtout sur les comportements."),
             ("In fact, most people with radical views never commit violence.",
              "En réalité, la plupart des personnes aux opinions radicales ne passent jamais à la violence."))},
        {"kind": SHORT, "outcome": "O111",
         "text": ("Which word describes stopping violent activity, which often comes before giving up the ideas "
                  "themselves? (one word)",
                  "Quel mot désigne l'arrêt de l'activité violente, qui précède souvent l'abandon des idées "
                  "elles-mêmes ? (un mot)"),
         "answers": (["disengagement"], ["désengagement", "desengagement"]),
         "feedback": ("Disengagement concerns behaviour; deradicalisation concerns beliefs.",
                      "Le désengagement concerne les comportements ; la déradicalisation, les convictions.")},
    ],
    "C12": [
        {"kind": MULTIPLE, "outcome": "O121",
         "text": ("Which elements do most violent extremist narratives share? (Choose all that apply.)",
                  "Quels éléments la plupart des récits extrémistes violents ont-ils en commun ? (Plusieurs réponses "
                  "possibles.)"),
         "choices": [
             (("A grievance: a group under attack or humiliated", "Un grief : un groupe attaqué ou humilié"), True,
              ("Yes, the story starts with a wrong done to “us”.", "Oui, le récit part d'un tort fait à « nous ».")),
             (("An enemy held responsible", "Un ennemi tenu pour responsable"), True,
              ("Yes, someone is to blame.", "Oui, quelqu'un est désigné comme coupable.")),
             (("A detailed economic programme", "Un programme économique détaillé"), False,
              ("No, most narratives offer simple explanations, not programmes.",
               "Non, la plupart des récits offrent des explications simples, pas des programmes.")),
             (("A call to action that presents violence as legitimate",
               "Un appel à l'action qui présente la violence comme légitime"), True,
              ("Yes, violence is presented as defence or duty.",
               "Oui, la violence est présentée comme une défense ou un devoir.")),
         ]},
        {"kind": SINGLE, "outcome": "O122",
         "text": ("A young man shares memes praising mass killers of different political backgrounds and expresses "
                  "hatred of women, but follows no organised group. How is this best described?",
                  "Un jeune homme partage des mèmes glorifiant des auteurs de tueries de bords politiques différents "
                  "et exprime de la haine envers les femmes, sans suivre aucun groupe organisé. Comment le décrire "
                  "au mieux ?"),
         "choices": [
             (("Not extremism, because he belongs to no group", "Pas de l'extrémisme, puisqu'il n'appartient à aucun "
               "groupe"), False,
              ("No. Many people today are not part of a group; what matters is behaviour and justification of "
               "violence.",
               "Non. Beaucoup de personnes n'appartiennent aujourd'hui à aucun groupe ; ce qui compte, ce sont les "
               "comportements et la justification de la violence.")),
             (("Left-wing extremism", "De l'extrémisme d'extrême gauche"), False,
              ("No. Nothing in the description points to a left-wing narrative.",
               "Non. Rien dans la description ne renvoie à un récit d'extrême gauche.")),
             (("A mixed or unclear ideology, to be assessed on his behaviour and grievances",
               "Une idéologie composite ou floue, à évaluer au regard de ses comportements et de ses griefs"), True,
              ("Yes. Focus on behaviour, grievances and needs rather than on a label.",
               "Oui. Concentrez-vous sur les comportements, les griefs et les besoins plutôt que sur une "
               "étiquette.")),
         ]},
        {"kind": TRUE_FALSE, "outcome": "O123",
         "text": ("A prisoner who starts praying five times a day and grows a beard should be reported as showing "
                  "signs of radicalisation.",
                  "Un détenu qui se met à prier cinq fois par jour et se laisse pousser la barbe doit être signalé "
                  "comme présentant des signes de radicalisation."),
         "choices": _true_false(
             False,
             ("No. Religious practice is a protected right and, for most people, a protective factor. Concern is "
              "based on behaviour, such as pressure on others or justification of violence.",
              "Non. La pratique religieuse est un droit protégé et, pour la plupart des personnes, un facteur de "
              "protection. L'inquiétude se fonde sur des comportements, comme des pressions sur autrui ou la "
              "justification de la violence."),
             ("Correct. Devout practice is not a sign of extremism.",
              "Exact. Une pratique religieuse assidue n'est pas un signe d'extrémisme."))},
        {"kind": MATCHING, "outcome": "O121",
         "text": ("Match each movement with a core element of its narrative.",
                  "Associez chaque mouvement à un élément central de son récit."),
         "pairs": [
             (("Jihadist groups", "Groupes djihadistes"),
              ("A persecuted community of believers against its enemies",
               "Une communauté de croyants persécutée face à ses ennemis")),
             (("Right-wing extremism", "Extrémisme de droite"),
              ("A “native” people replaced or betrayed by elites",
               "Un peuple « de souche » remplacé ou trahi par les élites")),
             (("Violent left-wing and anarchist groups", "Groupes violents d'extrême gauche et anarchistes"),
              ("The state and capitalism as the enemy, attacks framed as resistance",
               "L'État et le capitalisme comme ennemis, les attaques présentées comme de la résistance")),
         ]},
    ],
    "C13": [
        {"kind": MULTIPLE, "outcome": "O131",
         "text": ("Which features of online spaces can accelerate radicalisation? (Choose all that apply.)",
                  "Quelles caractéristiques des espaces en ligne peuvent accélérer la radicalisation ? (Plusieurs "
                  "réponses possibles.)"),
         "choices": [
             (("Recommendation systems that reward outrage", "Des algorithmes de recommandation qui récompensent "
               "l'indignation"), True, ("Yes.", "Oui.")),
             (("Closed groups that filter out other views", "Des groupes fermés qui filtrent les autres points de "
               "vue"), True, ("Yes.", "Oui.")),
             (("Public libraries offering free internet access", "Des bibliothèques publiques offrant un accès "
               "gratuit à internet"), False,
              ("No. Access as such is not the problem.", "Non. L'accès en lui-même n'est pas le problème.")),
             (("Humour and memes that make violent ideas seem harmless", "L'humour et les mèmes qui rendent les "
               "idées violentes anodines"), True, ("Yes.", "Oui.")),
         ]},
        {"kind": SINGLE, "outcome": "O132",
         "text": ("A person on probation proudly shows you a video channel you don't know. What is the most helpful "
                  "first response?",
                  "Une personne suivie en probation vous montre fièrement une chaîne vidéo que vous ne connaissez "
                  "pas. Quelle est la première réaction la plus utile ?"),
         "choices": [
             (("Warn them that watching such channels may breach their conditions",
               "L'avertir que regarder ce type de chaîne peut enfreindre ses obligations"), False,
              ("A warning before you know anything closes the conversation.",
               "Un avertissement avant même de savoir de quoi il s'agit ferme la conversation.")),
             (("Ask them to show you how it works and what they like about it",
               "Lui demander de vous montrer comment ça marche et ce qui lui plaît"), True,
              ("Yes. Curiosity opens the door; you can explore the content together.",
               "Oui. La curiosité ouvre la porte ; vous pouvez explorer le contenu ensemble.")),
             (("Change the subject: you are not an expert in technology",
               "Changer de sujet : vous n'êtes pas expert en technologie"), False,
              ("You don't need to be an expert; avoiding the subject misses an opportunity.",
               "Nul besoin d'être expert ; éviter le sujet fait manquer une occasion.")),
         ]},
        {"kind": TRUE_FALSE, "outcome": "O131",
         "text": ("The internet alone is usually enough to radicalise a person, without any offline factors.",
                  "Internet suffit généralement à lui seul à radicaliser une personne, sans facteurs hors ligne."),
         "choices": _true_false(
             False,
             ("Not so: online spaces accelerate the process, but offline needs, relationships and grievances still "
              "matter.",
              "Non : les espaces en ligne accélèrent le processus, mais les besoins, les relations et les griefs "
              "hors ligne comptent toujours."),
             ("Correct. Online and offline factors work together.",
              "Exact. Les facteurs en ligne et hors ligne agissent ensemble."))},
    ],
    "C21": [
        {"kind": ORDERING, "outcome": "O212",
         "text": ("Put the steps of responding to a concern in the right order.",
                  "Remettez dans l'ordre les étapes de la réponse à une inquiétude."),
         "items": [("Notice a change in behaviour", "Remarquer un changement de comportement"),
                   ("Write down what you saw and heard, with date and context",
                    "Noter ce que vous avez vu et entendu, avec la date et le contexte"),
                   ("Report through your service's channel and inform your supervisor",
                    "Signaler par le canal de votre service et informer votre hiérarchie"),
                   ("Follow up and keep the relationship with the person",
                    "Assurer le suivi et préserver la relation avec la personne")]},
        {"kind": SINGLE, "outcome": "O211",
         "text": ("Which note is written in the right way?", "Quelle note est rédigée correctement ?"),
         "choices": [
             (("“K. is clearly radicalised and dangerous.”", "« K. est clairement radicalisé et dangereux. »"), False,
              ("This is a label, not an observation.", "C'est une étiquette, pas une observation.")),
             (("“14 March, 18:00, exercise yard: K. told two younger prisoners that ‘people like us will have to "
               "fight back’.”",
               "« 14 mars, 18 h, cour de promenade : K. a dit à deux jeunes détenus que “les gens comme nous vont "
               "devoir riposter”. »"), True,
              ("Yes: dated, specific, in the person's own words.",
               "Oui : daté, précis, avec les mots de la personne.")),
             (("“K. seems to be becoming an extremist, like his friend.”",
               "« K. semble devenir extrémiste, comme son ami. »"), False,
              ("This is speculation and guilt by association.", "C'est une spéculation et un amalgame.")),
         ]},
        {"kind": SHORT, "outcome": "O211",
         "text": ("Observations should be recorded factually: what you saw and heard, when, and in what ___? (one "
                  "word)",
                  "Les observations doivent être consignées de manière factuelle : ce que vous avez vu et entendu, "
                  "quand, et dans quel ___ ? (un mot)"),
         "answers": (["context"], ["contexte"])},
    ],
    "C22": [
        {"kind": SINGLE, "outcome": "O221",
         "text": ("Why do specialised tools for violent extremism mostly use structured professional judgement rather "
                  "than purely statistical scores?",
                  "Pourquoi les outils spécialisés dans l'extrémisme violent reposent-ils surtout sur le jugement "
                  "professionnel structuré plutôt que sur des scores purement statistiques ?"),
         "choices": [
             (("Because statistical tools are forbidden by European law",
               "Parce que le droit européen interdit les outils statistiques"), False,
              ("No, there is no such ban.", "Non, une telle interdiction n'existe pas.")),
             (("Because professional judgement does not need evidence",
               "Parce que le jugement professionnel se passe d'éléments factuels"), False,
              ("No, SPJ relies on evidence from several sources.",
               "Non, le JPS repose sur des éléments issus de plusieurs sources.")),
             (("Because the offences are rare and the people involved too varied for reliable statistical "
               "prediction",
               "Parce que ces infractions sont rares et les personnes trop diverses pour une prédiction statistique "
               "fiable"), True,
              ("Yes.", "Oui.")),
         ]},
        {"kind": MATCHING, "outcome": "O222",
         "text": ("Match each element with its category in an assessment.",
                  "Associez chaque élément à sa catégorie dans une évaluation."),
         "pairs": [
             (("Expressed intention to harm a group", "Intention exprimée de nuire à un groupe"),
              ("Risk factor", "Facteur de risque")),
             (("Isolation and a search for significance", "Isolement et quête de reconnaissance"),
              ("Need", "Besoin")),
             (("A new partner and a job offer", "Une nouvelle compagne et une offre d'emploi"),
              ("Protective factor", "Facteur de protection")),
         ]},
        {"kind": MULTIPLE, "outcome": "O223",
         "text": ("Which practices help limit bias in assessment? (Choose all that apply.)",
                  "Quelles pratiques aident à limiter les biais dans l'évaluation ? (Plusieurs réponses "
                  "possibles.)"),
         "choices": [
             (("Separating observations from interpretation", "Séparer l'observation de l'interprétation"), True,
              ("Yes.", "Oui.")),
             (("Looking for information that contradicts your view",
               "Chercher les informations qui contredisent votre point de vue"), True, ("Yes.", "Oui.")),
             (("Rating risk higher “just in case”", "Surévaluer le risque « au cas où »"), False,
              ("No, this is defensive practice, itself a bias.",
               "Non, c'est une pratique défensive, elle-même un biais.")),
             (("Discussing the case with colleagues from other disciplines",
               "Discuter de la situation avec des collègues d'autres disciplines"), True, ("Yes.", "Oui.")),
         ]},
        {"kind": TRUE_FALSE, "outcome": "O223",
         "text": ("Overestimating risk is always the safe option.",
                  "Surévaluer le risque est toujours l'option la plus sûre."),
         "choices": _true_false(
             False,
             ("No. It can lead to disproportionate restrictions, damage trust and confirm the extremist story of "
              "persecution.",
              "Non. Cela peut conduire à des restrictions disproportionnées, abîmer la confiance et confirmer le "
              "récit extrémiste de la persécution."),
             ("Correct.", "Exact."))},
    ],
    "C23": [
        {"kind": SINGLE, "outcome": "O231",
         "text": ("A man convicted of a terrorist offence starts an argument about religion in your first meeting. "
                  "What is usually most effective?",
                  "Un homme condamné pour une infraction terroriste lance un débat sur la religion dès votre premier "
                  "entretien. Qu'est-ce qui est généralement le plus efficace ?"),
         "choices": [
             (("Prove him wrong with counter-arguments until he accepts them",
               "Lui démontrer qu'il a tort jusqu'à ce qu'il l'admette"), False,
              ("Trying to win the argument usually strengthens his position.",
               "Chercher à gagner le débat renforce généralement sa position.")),
             (("End the meeting and refuse ever to discuss the topic",
               "Mettre fin à l'entretien et refuser d'aborder le sujet"), False,
              ("Refusing to talk confirms that the institution will not listen.",
               "Refuser d'en parler confirme que l'institution n'écoute pas.")),
             (("Ask questions, acknowledge legitimate grievances and explore what the group's choices have meant "
               "for his own life",
               "Poser des questions, reconnaître les griefs légitimes et explorer ce que les choix du groupe ont "
               "signifié pour sa propre vie"), True,
              ("Yes.", "Oui.")),
         ]},
        {"kind": MULTIPLE, "outcome": "O232",
         "text": ("Which of these can be warning signs of conditioning? (Choose all that apply.)",
                  "Lesquels de ces éléments peuvent signaler une emprise progressive ? (Plusieurs réponses "
                  "possibles.)"),
         "choices": [
             (("Small requests for favours that grow over time",
               "De petites demandes de services qui augmentent avec le temps"), True, ("Yes.", "Oui.")),
             (("Asking when the next education course starts",
               "Demander quand commence la prochaine formation"), False,
              ("No, this is an ordinary request.", "Non, c'est une demande ordinaire.")),
             (("Personal questions about your family and address",
               "Des questions personnelles sur votre famille et votre adresse"), True, ("Yes.", "Oui.")),
             (("Pressure to keep something “between us”", "La pression pour garder quelque chose « entre nous »"),
              True, ("Yes.", "Oui.")),
         ]},
        {"kind": TRUE_FALSE, "outcome": "O233",
         "text": ("Everyone convicted of extremist offences needs the same intervention: a programme that challenges "
                  "their ideology.",
                  "Toutes les personnes condamnées pour des infractions extrémistes ont besoin de la même "
                  "intervention : un programme qui conteste leur idéologie."),
         "choices": _true_false(
             False,
             ("No. Some need ideological dialogue; others need help with identity, relationships, education and "
              "work.",
              "Non. Certaines ont besoin d'un dialogue idéologique ; d'autres d'aide pour l'identité, les "
              "relations, la formation et l'emploi."),
             ("Correct: interventions should match needs and motivation.",
              "Exact : les interventions doivent correspondre aux besoins et à la motivation."))},
        {"kind": SHORT, "outcome": "O232",
         "text": ("In what kind of regular meeting with a senior colleague should difficult cases be discussed, so "
                  "that nobody carries them alone? (one word)",
                  "Dans quel type de rencontre régulière avec un collègue expérimenté faut-il parler des situations "
                  "difficiles, pour que personne ne les porte seul ? (un mot)"),
         "answers": (["supervision"], ["supervision"])},
    ],
    "C31": [
        {"kind": ORDERING, "outcome": "O311",
         "text": ("Put these probation tasks in the order in which they usually happen.",
                  "Remettez ces tâches de probation dans l'ordre où elles ont généralement lieu."),
         "items": [("First meeting with the person in prison", "Première rencontre avec la personne en détention"),
                   ("Joint release planning with the prison", "Préparation conjointe de la sortie avec "
                    "l'établissement"),
                   ("Report to the court on release conditions",
                    "Rapport à la juridiction sur les conditions de la libération"),
                   ("Supervision and support after release", "Suivi et accompagnement après la libération")]},
        {"kind": MULTIPLE, "outcome": "O312",
         "text": ("Which qualities should release conditions have? (Choose all that apply.)",
                  "Quelles qualités les obligations de libération doivent-elles avoir ? (Plusieurs réponses "
                  "possibles.)"),
         "choices": [
             (("Necessary", "Nécessaires"), True, ("Yes.", "Oui.")),
             (("As strict as possible in every case", "Aussi strictes que possible dans tous les cas"), False,
              ("No: conditions must be proportionate and workable.",
               "Non : les obligations doivent être proportionnées et réalistes.")),
             (("Proportionate", "Proportionnées"), True, ("Yes.", "Oui.")),
             (("Clear", "Claires"), True, ("Yes.", "Oui.")),
         ]},
        {"kind": SINGLE, "outcome": "O312",
         "text": ("A person under supervision misses an appointment for the first time. What is the best first "
                  "step?",
                  "Une personne suivie manque un rendez-vous pour la première fois. Quelle est la meilleure première "
                  "démarche ?"),
         "choices": [
             (("Request recall immediately", "Demander immédiatement la réincarcération"), False,
              ("Disproportionate without knowing what happened.", "Disproportionné sans savoir ce qui s'est passé.")),
             (("Ignore it: one missed appointment does not matter",
               "L'ignorer : un rendez-vous manqué n'a pas d'importance"), False,
              ("Every breach deserves a response, even a light one.",
               "Tout manquement appelle une réponse, même légère.")),
             (("Find out what happened and respond in proportion",
               "Chercher à comprendre ce qui s'est passé et réagir de manière proportionnée"), True,
              ("Yes, and record your reasoning.", "Oui, et consignez votre raisonnement.")),
         ]},
    ],
    "C32": [
        {"kind": MULTIPLE, "outcome": "O321",
         "text": ("Before sharing personal information with another agency, which questions should you answer? "
                  "(Choose all that apply.)",
                  "Avant de partager des informations personnelles avec un autre service, à quelles questions "
                  "devez-vous répondre ? (Plusieurs réponses possibles.)"),
         "choices": [
             (("What is the legal basis?", "Quelle est la base légale ?"), True, ("Yes.", "Oui.")),
             (("What does the recipient need for their role?", "De quoi le destinataire a-t-il besoin pour son "
               "rôle ?"), True, ("Yes.", "Oui.")),
             (("Will it make the other agency like us?", "Est-ce que cela nous fera apprécier de l'autre "
               "service ?"), False, ("No, this is not a criterion.", "Non, ce n'est pas un critère.")),
             (("Is the channel secure?", "Le canal est-il sécurisé ?"), True, ("Yes.", "Oui.")),
         ]},
        {"kind": TRUE_FALSE, "outcome": "O322",
         "text": ("You should record what information you shared, with whom, when and why.",
                  "Vous devez consigner quelles informations vous avez partagées, avec qui, quand et pourquoi."),
         "choices": _true_false(
             True,
             ("Correct. The record protects the person, the recipient and you.",
              "Exact. Cette trace protège la personne, le destinataire et vous-même."),
             ("A record of what was shared is part of lawful sharing.",
              "Garder une trace de ce qui a été partagé fait partie d'un partage conforme au droit."))},
        {"kind": SINGLE, "outcome": "O323",
         "text": ("At a case conference, a community mentor asks to see police intelligence. What is the best way "
                  "forward?",
                  "En réunion de synthèse, un mentor associatif demande à voir des renseignements de police. Quelle "
                  "est la meilleure façon d'avancer ?"),
         "choices": [
             (("Give the mentor the full intelligence file", "Remettre au mentor l'intégralité du dossier de "
               "renseignement"), False,
              ("Neither necessary nor proportionate, and it may endanger sources.",
               "Ni nécessaire ni proportionné, et cela peut mettre des sources en danger.")),
             (("Agree what the mentor needs to know to stay safe and how concerns will be passed on",
               "Convenir de ce que le mentor doit savoir pour sa sécurité et de la manière dont les inquiétudes "
               "seront transmises"), True,
              ("Yes.", "Oui.")),
             (("Exclude the mentor from future meetings", "Exclure le mentor des prochaines réunions"), False,
              ("This loses a partner who sees the person often.",
               "On perd ainsi un partenaire qui voit souvent la personne.")),
         ]},
        {"kind": MATCHING, "outcome": "O321",
         "text": ("Match each principle with its meaning.", "Associez chaque principe à sa signification."),
         "pairs": [
             (("Necessity", "Nécessité"), ("Share only for a clear purpose", "Ne partager que dans un but précis")),
             (("Proportionality", "Proportionnalité"),
              ("Share only what the recipient needs", "Ne partager que ce dont le destinataire a besoin")),
             (("Accuracy", "Exactitude"), ("Distinguish facts from opinions", "Distinguer les faits des opinions")),
         ]},
    ],
    "C41": [
        {"kind": SINGLE, "outcome": "O411",
         "text": ("What is the main role of a volunteer mentor?", "Quel est le rôle principal d'un mentor bénévole ?"),
         "choices": [
             (("Monitoring the person for the police", "Surveiller la personne pour le compte de la police"), False,
              ("No. Mentoring depends on trust; mentors are not informants.",
               "Non. Le mentorat repose sur la confiance ; les mentors ne sont pas des informateurs.")),
             (("Offering regular, trusting support and a bridge to ordinary life",
               "Offrir un soutien régulier et de confiance, et un pont vers la vie ordinaire"), True,
              ("Yes.", "Oui.")),
             (("Providing therapy", "Assurer une thérapie"), False,
              ("No. Mentors can point to professional help but do not replace it.",
               "Non. Les mentors peuvent orienter vers une aide professionnelle mais ne la remplacent pas.")),
         ]},
        {"kind": TRUE_FALSE, "outcome": "O413",
         "text": ("A mentor must keep everything the mentee says confidential, whatever it is.",
                  "Un mentor doit garder confidentiel tout ce que dit la personne accompagnée, quoi qu'il en soit."),
         "choices": _true_false(
             False,
             ("No. A risk to life, a child at risk or a planned offence must be passed on, and the mentee should "
              "know this from the start.",
              "Non. Un danger pour la vie, un enfant en danger ou une infraction en préparation doivent être "
              "signalés, et la personne accompagnée doit le savoir dès le départ."),
             ("Correct.", "Exact."))},
        {"kind": ORDERING, "outcome": "O413",
         "text": ("A mentee tells you he has been asked to help an old friend “with something big”. Put your "
                  "response in order.",
                  "La personne que vous accompagnez vous dit qu'un ancien ami lui a demandé de l'aider « pour un "
                  "gros coup ». Remettez votre réponse dans l'ordre."),
         "items": [("Stay calm and listen", "Rester calme et écouter"),
                   ("Remind him of what you must pass on, as agreed at the start",
                    "Lui rappeler ce que vous devez transmettre, comme convenu au départ"),
                   ("Write down what he said, in his words", "Noter ce qu'il a dit, avec ses mots"),
                   ("Contact your coordinator the same day", "Contacter votre coordinateur le jour même")]},
        {"kind": MULTIPLE, "outcome": "O412",
         "text": ("Which practical areas are foundations for reintegration? (Choose all that apply.)",
                  "Quels domaines concrets sont des fondements de la réinsertion ? (Plusieurs réponses possibles.)"),
         "choices": [
             (("Stable housing", "Un logement stable"), True, ("Yes.", "Oui.")),
             (("Avoiding all contact with the family", "Éviter tout contact avec la famille"), False,
              ("No. Families are often the most important partners.",
               "Non. Les familles sont souvent les partenaires les plus importants.")),
             (("Work or education", "Un emploi ou une formation"), True, ("Yes.", "Oui.")),
             (("Access to health care", "L'accès aux soins"), True, ("Yes.", "Oui.")),
         ]},
    ],
    "C42": [
        {"kind": SINGLE, "outcome": "O421",
         "text": ("A mother calls the probation office, worried about her son's new friends. What is the best "
                  "response?",
                  "Une mère appelle le service de probation, inquiète des nouvelles fréquentations de son fils. "
                  "Quelle est la meilleure réponse ?"),
         "choices": [
             (("Listen to what she knows and fears, and offer her support in her own right",
               "Écouter ce qu'elle sait et craint, et lui proposer un soutien pour elle-même"), True,
              ("Yes. You can listen without disclosing anything about her son's case.",
               "Oui. Vous pouvez écouter sans rien révéler de la situation de son fils.")),
             (("Say you cannot discuss her son and end the call",
               "Dire que vous ne pouvez pas parler de son fils et raccrocher"), False,
              ("Confidentiality limits what you say, not what you hear.",
               "La confidentialité limite ce que vous dites, pas ce que vous écoutez.")),
             (("Ask her to monitor her son's phone", "Lui demander de surveiller le téléphone de son fils"), False,
              ("This turns the family into an informant and damages trust.",
               "Cela transforme la famille en informatrice et abîme la confiance.")),
         ]},
        {"kind": TRUE_FALSE, "outcome": "O421",
         "text": ("Keeping family contact during the sentence is associated with better outcomes after release.",
                  "Le maintien des liens familiaux pendant la peine est associé à une meilleure réinsertion après la "
                  "sortie."),
         "choices": _true_false(
             True,
             ("Correct.", "Exact."),
             ("In fact, family contact is one of the most consistent protective factors.",
              "En réalité, les liens familiaux sont l'un des facteurs de protection les plus constants."))},
        {"kind": SHORT, "outcome": "O421",
         "text": ("Families are often the first to notice a ___ in a person. (one word)",
                  "Les familles sont souvent les premières à remarquer un ___ chez une personne. (un mot)"),
         "answers": (["change"], ["changement"])},
    ],
    "C51": [
        {"kind": MULTIPLE, "outcome": "O511",
         "text": ("Which ground rules help create a safe learning space? (Choose all that apply.)",
                  "Quelles règles de fonctionnement aident à créer un cadre d'apprentissage sûr ? (Plusieurs "
                  "réponses possibles.)"),
         "choices": [
             (("Confidentiality of personal stories", "La confidentialité des récits personnels"), True,
              ("Yes.", "Oui.")),
             (("Respect for people even when we reject their ideas",
               "Le respect des personnes même quand on rejette leurs idées"), True, ("Yes.", "Oui.")),
             (("Only the trainer may speak about cases", "Seul le formateur peut parler de situations"), False,
              ("No, participants' experience is a resource.", "Non, l'expérience des participants est une "
               "ressource.")),
             (("The right to pass", "Le droit de ne pas s'exprimer"), True, ("Yes.", "Oui.")),
         ]},
        {"kind": SINGLE, "outcome": "O512",
         "text": ("A participant says “all of them should be locked up for good”. What is the best first response?",
                  "Un participant dit qu'« il faudrait tous les enfermer pour de bon ». Quelle est la meilleure "
                  "première réaction ?"),
         "choices": [
             (("Ignore it and move on to the next slide", "L'ignorer et passer à la diapositive suivante"), False,
              ("Silence is read as agreement.", "Le silence est perçu comme une approbation.")),
             (("Ask what experience leads them to say this, and invite the group to look at the evidence",
               "Demander quelle expérience l'amène à dire cela, et inviter le groupe à regarder les faits"), True,
              ("Yes.", "Oui.")),
             (("Tell the participant the remark is unacceptable and ask them to leave",
               "Dire au participant que sa remarque est inacceptable et lui demander de sortir"), False,
              ("Humiliation closes the discussion; keep exclusion for threats or incitement.",
               "L'humiliation ferme la discussion ; réservez l'exclusion aux menaces ou à l'incitation.")),
         ]},
        {"kind": TRUE_FALSE, "outcome": "O512",
         "text": ("Silence from the trainer after a discriminatory remark is usually read as agreement.",
                  "Le silence du formateur après une remarque discriminatoire est généralement perçu comme une "
                  "approbation."),
         "choices": _true_false(True, ("Correct.", "Exact."),
                                ("In practice, participants read silence as agreement.",
                                 "En pratique, les participants interprètent le silence comme une approbation."))},
    ],
    "C52": [
        {"kind": ORDERING, "outcome": "O522",
         "text": ("Put the stages of a pilot in order.", "Remettez dans l'ordre les étapes d'un pilote."),
         "items": [("Decide what you will measure", "Décider de ce que vous mesurerez"),
                   ("Run the course with a cohort", "Conduire le cours avec une cohorte"),
                   ("Analyse progress, quiz results and feedback",
                    "Analyser la progression, les résultats des quiz et les retours"),
                   ("Publish a revised version and tell participants what changed",
                    "Publier une version révisée et dire aux participants ce qui a changé")]},
        {"kind": SINGLE, "outcome": "O521",
         "text": ("When adapting the course, what should you keep unchanged?",
                  "En adaptant le cours, que devez-vous garder inchangé ?"),
         "choices": [
             (("The examples, even when they do not fit your country",
               "Les exemples, même s'ils ne correspondent pas à votre pays"), False,
              ("No, local examples make the course credible.", "Non, des exemples locaux rendent le cours "
               "crédible.")),
             (("The learning outcomes and the key distinctions", "Les acquis d'apprentissage et les distinctions "
               "clés"), True, ("Yes.", "Oui.")),
             (("The English names of all roles and services", "Les noms anglais de toutes les fonctions et de tous "
               "les services"), False,
              ("No, use the vocabulary participants actually use.",
               "Non, employez le vocabulaire des participants.")),
         ]},
        {"kind": MATCHING, "outcome": "O522",
         "text": ("Match each source of evidence with what it tells you.",
                  "Associez chaque source d'information à ce qu'elle vous apprend."),
         "pairs": [
             (("Cohort grid", "Tableau de la cohorte"),
              ("Who is advancing and who is stuck", "Qui avance et qui est bloqué")),
             (("Item analysis", "Analyse des items"),
              ("Which questions may be unclear", "Quelles questions sont peut-être mal formulées")),
             (("Lesson feedback", "Retours par leçon"),
              ("Which lessons need revision", "Quelles leçons doivent être révisées")),
         ]},
    ],
}


# --- the Lisbon pilot cohort ---------------------------------------------------------------------------------------

# email, modules completed, lessons done in the next module, failed quiz attempts before passing or still to retry
# ({module number: [correct answers per attempt]}), how they go through scenarios (good path, poor path, or the poor
# path first and then again). Together they give the cohort grid its spread; people missing from the core demo
# are skipped.
LEARNERS = [
    ("mentor@example.org", 8, 0, {}, "good"),  # finishes the course, then the train-the-trainer course
    ("volunteer@example.org", 5, 1, {2: [1]}, "good"),
    ("casemanager@example.org", 4, 1, {4: [2]}, "good"),
    ("probation@example.org", 3, 3, {4: [3]}, "good"),  # all of module 4 read, its quiz failed once: to retry
    ("prisoncase@example.org", 2, 1, {}, "poor"),
    ("frontline@example.org", 1, 1, {}, "retry"),
    ("researcher@example.org", 0, 3, {1: [1]}, "good"),  # module 1 read, its quiz failed once
    ("organiser@example.org", 0, 0, {}, "good"),  # opened the first lesson 20 days ago and never came back
]
FINISHER = "mentor@example.org"
STUCK = "organiser@example.org"
SCENARIO_STYLES = {"good": ["good"], "poor": ["poor"], "retry": ["poor", "good"]}

# email, (module, lesson), useful, clear, comment — in each learner's own language
FEEDBACK = [
    ("mentor@example.org", (1, 3), True, True,
     "O cenário do Lukas é muito realista. Gostaria de um cenário semelhante na comunidade, com um mentor."),
    ("mentor@example.org", (8, 1), True, True,
     "Finalmente um texto que explica o que um mentor não é. Vou partilhá-lo com os novos voluntários."),
    ("casemanager@example.org", (2, 3), True, True,
     "Très bonne distinction entre conversion et radicalisation ; à faire lire à toute l'équipe."),
    ("casemanager@example.org", (4, 1), True, False,
     "Utile, mais trop abstrait : un exemple d'évaluation complète (anonymisée) aiderait beaucoup."),
    ("probation@example.org", (4, 1), True, False,
     "Troppo teorico: servirebbe un esempio pratico di valutazione, anche breve."),
    ("volunteer@example.org", (5, 2), True, True,
     "Les signes d'emprise sont très concrets. Un mot sur les bénévoles, pas seulement sur le personnel, serait "
     "utile."),
    ("frontline@example.org", (1, 3), True, True,
     "Сценарият е много близък до работата в отделението. Хубаво е, че показва и последствията от грешните "
     "решения."),
    ("prisoncase@example.org", (1, 1), True, True, ""),
    ("researcher@example.org", (1, 1), True, True,
     "Σαφής σύνοψη της έρευνας. Θα βοηθούσαν μερικές βιβλιογραφικές παραπομπές για όποιον θέλει να εμβαθύνει."),
]
EVALUATION = (4, True, "Muito útil para o meu trabalho de mentora; os cenários foram o ponto forte. Sugiro mais "
                       "exemplos passados na comunidade e não só na prisão, e mais tempo no questionário do módulo 4.")
OBSERVED_SESSION = "Pilot session: push and pull factors, with volunteer mentors of Associação Recomeçar"


# --- building -------------------------------------------------------------------------------------------------------


def _person(email):
    user = get_user_model().objects.get(email=email)
    forget_roles(user)
    return user


def _blueprint() -> tuple[dict, dict]:
    competences, outcomes = {}, {}
    for area_order, (title, description, area_competences) in enumerate(BLUEPRINT, start=1):
        area = CompetenceArea.objects.create(order=area_order, **_tr("title", title), **_tr("description", description))
        for order, (key, c_title, c_description, audiences, c_outcomes) in enumerate(area_competences, start=1):
            competences[key] = Competence.objects.create(area=area, order=order, audiences=list(audiences),
                                                         **_tr("title", c_title), **_tr("description", c_description))
            for outcome_order, (outcome_key, text) in enumerate(c_outcomes, start=1):
                outcomes[outcome_key] = LearningOutcome.objects.create(competence=competences[key],
                                                                       order=outcome_order, **_tr("text", text))
    return competences, outcomes


def _question_data(spec: dict, i: int) -> dict:
    if "choices" in spec:
        return {"choices": [{"text": _norm(text[i]), "correct": correct, "feedback": _norm(feedback[i])}
                            for text, correct, feedback in spec["choices"]]}
    if "pairs" in spec:
        return {"pairs": [{"left": _norm(left[i]), "right": _norm(right[i])} for left, right in spec["pairs"]]}
    if "items" in spec:
        return {"items": [_norm(item[i]) for item in spec["items"]]}
    return {"answers": [_norm(answer) for answer in spec["answers"][i]]}


def _question_bank(competences: dict, outcomes: dict) -> None:
    for key, questions in QUESTIONS.items():
        for spec in questions:
            correct = [c for c in spec.get("choices", []) if c[1]]
            if (spec["kind"] in {SINGLE, TRUE_FALSE} and len(correct) != 1) or (spec["kind"] == MULTIPLE
                                                                                and len(correct) < 2):
                raise ValueError(f"demo question “{spec['text'][0]}”: wrong number of correct choices")
            Question.objects.create(competence=competences[key], outcome=outcomes[spec["outcome"]], kind=spec["kind"],
                                    data_en=_question_data(spec, 0), data_fr=_question_data(spec, 1),
                                    **_tr("text", spec["text"], ("en", "fr")),
                                    **_tr("feedback", spec.get("feedback", ("", "")), ("en", "fr")))


def _scenario(spec: dict, i: int) -> dict:
    """The scenario in one language (same steps and choices in every language)."""
    return {"start": spec["start"], "steps": {
        key: {"text": _norm(step["text"][i]),
              "choices": [{"label": _norm(c["label"][i]), "next": c["next"], "feedback": _norm(c["feedback"][i])}
                          for c in step["choices"]]}
        for key, step in spec["steps"].items()}}


class _Builder:
    """Builds courses as the designer; remembers each scenario's demo paths and each reflection's sample answers
    for the learners."""

    def __init__(self, designer, competences: dict, outcomes: dict):
        self.designer, self.competences, self.outcomes = designer, competences, outcomes
        self.paths: dict[int, dict] = {}
        self.answers: dict[int, tuple] = {}

    def course(self, modules: list, **fields) -> Course:
        course = Course.objects.create(created_by=self.designer, **fields)  # a draft until it is published
        previous = None
        for order, spec in enumerate(modules, start=1):
            languages = (*LANGS, "it")[:len(spec["title"])]
            module = Module.objects.create(course=course, order=order, prerequisite=previous,
                                           **_tr("title", spec["title"], languages))
            for lesson_order, lesson_spec in enumerate(spec["lessons"], start=1):
                self.lesson(module, lesson_order, lesson_spec)
            if spec["quiz"]:
                keys, count, pass_mark, minutes = spec["quiz"]
                en, fr, pt = spec["title"][:3]
                quiz = Quiz.objects.create(module=module, question_count=count, pass_mark=pass_mark,
                                           attempts_allowed=3, time_limit_minutes=minutes,
                                           **_tr("title", (en, fr, pt)))
                quiz.competences.set([self.competences[key] for key in keys])
            previous = module
        return course

    def lesson(self, module: Module, order: int, spec: dict) -> Lesson:
        kinds = {block[0] for block in spec["blocks"]}
        completion = (Lesson.Completion.SCENARIO if SCENARIO in kinds else
                      Lesson.Completion.REFLECTION if REFLECTION in kinds else Lesson.Completion.VIEWED)
        lesson = Lesson.objects.create(module=module, order=order, completion=completion, **_tr("title", spec["title"]))
        lesson.outcomes.set([self.outcomes[key] for key in spec["outcomes"]])
        for kind, payload, *extra in spec["blocks"]:
            if kind == SCENARIO:
                versions = [_scenario(payload, i) for i in range(len(LANGS))]
                block = services.block_save(actor=self.designer, lesson=lesson, kind=kind, data=versions[0])
                for language, data in zip(LANGS[1:], versions[1:], strict=True):
                    content.check_scenario(data)
                    setattr(block, f"data_{language}", data)
                block.save(update_fields=[f"data_{language}" for language in LANGS[1:]])
                self.paths[block.pk] = extra[0]
            else:
                block = services.block_save(actor=self.designer, lesson=lesson, kind=kind, body=_norm(payload[0]))
                for language, text in zip(LANGS[1:], payload[1:], strict=True):
                    setattr(block, f"body_{language}", content.clean_html(_norm(text)))
                block.save(update_fields=[f"body_{language}" for language in LANGS[1:]])
                if kind == REFLECTION:
                    self.answers[block.pk] = tuple(_norm(answer) for answer in extra[0])
        return lesson


# --- learning -------------------------------------------------------------------------------------------------------


def _response(question: Question, right: bool) -> list:
    """What a learner answers, right or wrong, read from the question in the active language."""
    data = question.data
    if question.kind in {SINGLE, TRUE_FALSE, MULTIPLE}:
        correct = [i for i, choice in enumerate(data["choices"]) if choice["correct"]]
        wrong = [i for i, choice in enumerate(data["choices"]) if not choice["correct"]]
        return correct if right else correct[:1] if question.kind == MULTIPLE else wrong[:1]
    if question.kind == MATCHING:
        rights = [pair["right"] for pair in data["pairs"]]
        return rights if right else rights[1:] + rights[:1]
    if question.kind == ORDERING:
        return list(data["items"]) if right else list(reversed(data["items"]))
    return [data["answers"][0]] if right else ["I am not sure"]


def _take_quiz(learner, quiz: Quiz, correct: int):
    """One attempt with `correct` right answers (the first questions drawn) and the rest wrong."""
    attempt = services.quiz_start(actor=learner, quiz=quiz)
    questions = Question.objects.in_bulk(attempt.question_ids)
    responses = {pk: _response(questions[pk], n < correct) for n, pk in enumerate(attempt.question_ids)}
    return services.quiz_submit(actor=learner, attempt=attempt, responses=responses)


def _walk(learner, block: Block, choices: list[int]) -> None:
    step = block.data["start"]
    for choice in choices:
        step = services.scenario_choose(actor=learner, block=block, step=step, choice=choice)["next"]
    if step and not content.is_final_step(block.data, step):
        raise ValueError(f"the demo path {choices} does not finish scenario {block.pk}")


def _study(builder: _Builder, learner, lesson: Lesson, style: str) -> None:
    blocks = list(lesson.blocks.all())
    if lesson.completion == Lesson.Completion.SCENARIO:
        block = next(b for b in blocks if b.kind == SCENARIO)
        for path in SCENARIO_STYLES[style]:
            _walk(learner, block, builder.paths[block.pk][path])
    elif lesson.completion == Lesson.Completion.REFLECTION:
        block = next(b for b in blocks if b.kind == REFLECTION)
        services.reflection_save(actor=learner, block=block,
                                 text=builder.answers[block.pk][LANG_INDEX.get(learner.language, 0)])
    else:
        services.lesson_complete(actor=learner, lesson=lesson)


def _learn(builder: _Builder, learner, course: Course, *, modules_done: int, next_lessons: int, failed: dict,
           style: str, seed: int = 0) -> None:
    """Work through the course as the learner, in order, as the unlocking rules require."""
    for number, module in enumerate(course.modules.order_by("order"), start=1):
        if number > modules_done + 1:
            break
        lessons = list(module.lessons.order_by("order"))
        for lesson in lessons if number <= modules_done else lessons[:next_lessons]:
            _study(builder, learner, lesson, style)
        quiz = module.quizzes.first()
        if quiz is None:
            continue
        for correct in failed.get(number, []):
            _take_quiz(learner, quiz, correct)
        if number <= modules_done:
            count = quiz.question_count
            one_wrong = (seed + number) % 3 == 0 and round(100 * (count - 1) / count) >= quiz.pass_mark
            _take_quiz(learner, quiz, count - 1 if one_wrong else count)


def _lesson(course: Course, module: int, lesson: int) -> Lesson:
    return Lesson.objects.get(module__course=course, module__order=module, order=lesson)


def _pilot(builder: _Builder, course: Course, ttt: Course) -> None:
    trainer = _person(TRAINER)
    today = timezone.localdate()
    # Ana Ferreira trained the trainers of the pilot: certified directly (the pathway did not exist yet).
    services.certificate_issue(actor=None, holder=trainer, kind=Certificate.Kind.CERTIFIED_TRAINER,
                               title="INTEGRA certified trainer", awarded_on=today - dt.timedelta(days=150),
                               source=f"learning.trainer:{trainer.pk}")
    cohort = services.cohort_create(actor=trainer, course=course, name=COHORT_NAME,
                                    organisation=demo_organisation("pt-training"), language="pt",
                                    starts_on=today - dt.timedelta(days=21), ends_on=today + dt.timedelta(days=70))
    learners = {}
    for email, *_plan in LEARNERS:
        user = get_user_model().objects.filter(email=email).first()
        if user is not None:
            forget_roles(user)
            services.enrolment_create(actor=trainer, course=course, user=user, cohort=cohort)
            learners[email] = user
    started = timezone.now() - dt.timedelta(days=20)
    Enrolment.objects.filter(cohort=cohort).update(enrolled_at=started)

    for seed, (email, modules_done, next_lessons, failed, style) in enumerate(LEARNERS):
        if email in learners:
            with translation.override(learners[email].language or "en"):
                _learn(builder, learners[email], course, modules_done=modules_done, next_lessons=next_lessons,
                       failed=failed, style=style, seed=seed)
    if STUCK in learners:
        services.lesson_open(actor=learners[STUCK], lesson=_lesson(course, 1, 1))
        Enrolment.objects.filter(cohort=cohort, user=learners[STUCK]).update(enrolled_at=started, last_seen_at=started)

    for email, (module, lesson), useful, clear, comment in FEEDBACK:
        if email in learners:
            services.lesson_feedback_save(actor=learners[email], lesson=_lesson(course, module, lesson),
                                          useful=useful, clear=clear, comment=comment)

    finisher = learners.get(FINISHER)
    if finisher is None:
        return
    rating, recommend, comment = EVALUATION
    services.course_evaluation_submit(actor=finisher, course=course, rating=rating, would_recommend=recommend,
                                      comment=comment)
    # The trainer pathway: the course finished, the train-the-trainer course too, an observed session waiting for
    # Ana's sign-off (which will make her a certified trainer).
    services.enrolment_create(actor=finisher, course=ttt)
    with translation.override(finisher.language or "en"):
        _learn(builder, finisher, ttt, modules_done=len(TTT_MODULES), next_lessons=0, failed={}, style="good")
    services.observation_request(actor=finisher, session_title=OBSERVED_SESSION,
                                 delivered_on=today - dt.timedelta(days=5), observer=trainer)


@transaction.atomic
def load_demo_learning() -> None:
    if Course.objects.filter(title_en=COURSE_TITLE).exists():
        return
    with translation.override("en"):
        designer = _person(DESIGNER)
        competences, outcomes = _blueprint()
        _question_bank(competences, outcomes)
        builder = _Builder(designer, competences, outcomes)
        course = builder.course(MODULES, audiences=[PRISON, PROBATION, COMMUNITY, MENTORS],
                                **_tr("title", COURSE["title"], ("en", "fr", "pt", "it", "bg", "el")),
                                **_tr("summary", COURSE["summary"], ("en", "fr", "pt", "it")))
        services.course_publish(actor=designer, course=course)
        ttt = builder.course(TTT_MODULES, audiences=[TRAINERS], is_train_the_trainer=True, prerequisite=course,
                             **_tr("title", TTT["title"]), **_tr("summary", TTT["summary"]))
        services.course_publish(actor=designer, course=ttt)
        _pilot(builder, course, ttt)
