"""A fast, deterministic generator of synthetic referrals for benchmarks.

Every person in it is invented: first names from a list of common given names,
family names made up from syllables, no real case. The same seed always gives
the same data, and referral number `i` is the same whether it was made in a run
of 1,000 or of 10,000 (each referral draws from its own seeded random stream),
so a benchmark can grow a dataset in steps and time the same pages at each size.

Rows go in with `bulk_create` in batches, one transaction per batch: about
25 rows a referral (children, adults and their relationships to each child,
court questions, reading list, contacts, a bundle document, events, and the
assessments of an accepted referral).

Import this module only after Django is set up (see `bench.setup_django`).

Reuse from another benchmark:

    from bench import setup_django
    setup_django()
    from bench import synthetic
    world = synthetic.world_ensure()
    synthetic.referrals_generate(world=world, count=10_000)
"""

from __future__ import annotations

import datetime
import hashlib
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from hub.accounts.models import AssessorProfile, Organisation, OrganisationKind, Role, User
from hub.assessments.models import Assessment, AssessmentStatus
from hub.core.documents import make_bundle_pdf
from hub.home.management.commands.seed_demo import COURTS, HUB_NAME, LOCAL_AUTHORITIES
from hub.referrals.models import (
    Adult,
    AdultChildRelationship,
    AssessmentType,
    BundleDocument,
    Child,
    Contact,
    ContactRole,
    CourtQuestion,
    ReadingItem,
    Referral,
    ReferralEvent,
    ReferralEventKind,
    ReferralReason,
    ReferralStatus,
    Sex,
)

# The generated data sits in a fixed window, so it does not depend on the day it is made.
EPOCH = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
EMAIL_DOMAIN = "example.org"
BUNDLE_FILE_NAME = "bundles/synthetic/bench-bundle.pdf"

# Invented people: common given names with family names built from syllables.
GIVEN_NAMES_FEMALE = [
    "Amelia", "Ava", "Chloe", "Ella", "Freya", "Grace", "Hannah", "Isla", "Jade", "Kayla", "Leah", "Lily",
    "Maya", "Mia", "Niamh", "Olivia", "Poppy", "Ruby", "Sofia", "Zara", "Aisha", "Bethany", "Courtney", "Demi",
]  # fmt: skip
GIVEN_NAMES_MALE = [
    "Alfie", "Archie", "Ben", "Callum", "Daniel", "Ethan", "Finley", "George", "Harry", "Isaac", "Jack", "Kai",
    "Leo", "Mason", "Noah", "Oliver", "Reuben", "Sami", "Theo", "Tyler", "Declan", "Jamal", "Kacper", "Luca",
]  # fmt: skip
_SURNAME_HEADS = ["Ash", "Brack", "Carr", "Dun", "Elm", "Fen", "Glen", "Hav", "Ing", "Kell", "Lang", "Mar", "Nor",
                  "Os", "Pen", "Quil", "Rad", "Stan", "Thorn", "Wex", "Yar", "Brin", "Cald", "Drew"]  # fmt: skip
_SURNAME_TAILS = ["bury", "combe", "dale", "ford", "gate", "holm", "ington", "ley", "mere", "ridge", "stead",
                  "ton", "wick", "worth", "by", "field"]  # fmt: skip
ETHNICITIES = [
    "White British", "White British", "White British", "White Irish", "Gypsy or Irish Traveller",
    "White and Black Caribbean", "White and Asian", "Any other White background", "Pakistani", "Bangladeshi",
    "Indian", "Chinese", "Black African", "Black Caribbean", "Arab", "Any other mixed background",
]  # fmt: skip
LANGUAGES = ["English"] * 8 + ["Polish", "Arabic", "Romanian", "Urdu", "Bengali", "Welsh", "Somali", "Kurdish"]
RELIGIONS = ["", "", "Christian", "Muslim", "Roman Catholic", "No religion", "Hindu", "Sikh", "Jewish"]
DISABILITIES = ["", "", "", "", "", "Autism spectrum condition", "Global developmental delay", "Hearing impairment"]
QUESTIONS = [
    "Can the parent meet the child's physical and emotional needs now and through their childhood?",
    "What is the parent's capacity to change, and within what timescale?",
    "Can the parent protect the child from the risks identified in the threshold document?",
    "What support would the parent need, and would they accept it?",
    "Is the proposed carer able to meet the child's needs until the age of 18?",
    "How does the carer understand the child's history and identity?",
    "Can the carer manage family time with the parents safely?",
    "What is the quality of the relationship between the child and the carer?",
    "What are the wishes and feelings of the child, given their age and understanding?",
    "Does the parent's learning need require an adapted assessment (ParentAssess)?",
]
READING = [
    ("Social work evidence template", "C"),
    ("Threshold document", "A"),
    ("Care plan", "C"),
    ("Children's guardian's initial analysis", "E"),
    ("Previous parenting assessment", "F"),
    ("Parent's statement", "D"),
    ("Chronology", "C"),
]
ADULT_ROLES = ["mother", "father", "maternal grandmother", "paternal aunt", "stepfather", "maternal uncle"]
FAMILY_BACKGROUND = [
    "The family are of {ethnicity} heritage and speak {language} at home. Faith: {religion}.",
    "{ethnicity} family; the children's first language is {language}. The family's faith is {religion}.",
]
CASE_BACKGROUND = [
    "Proceedings were issued after concerns about neglect and domestic abuse.",
    "The children were removed under an interim care order after an incident at home.",
    "A previous assessment was negative; the parents dispute its quality.",
    "The maternal family put themselves forward as kinship carers.",
]
# Type mix: mostly parenting and kinship viability, as in the source documents.
ASSESSMENT_TYPE_WEIGHTS = [
    (AssessmentType.PARENTING, 45),
    (AssessmentType.KINSHIP_VIABILITY, 20),
    (AssessmentType.SPECIAL_GUARDIANSHIP, 12),
    (AssessmentType.FULL_FOSTERING, 8),
    (AssessmentType.PARENTING_ADDENDUM, 10),
    (AssessmentType.JOINT_FOSTERING_SGO, 5),
]


def family_name(rng: random.Random) -> str:
    return rng.choice(_SURNAME_HEADS) + rng.choice(_SURNAME_TAILS)


def person_name(rng: random.Random, *, female: bool, surname: str | None = None) -> str:
    given = rng.choice(GIVEN_NAMES_FEMALE if female else GIVEN_NAMES_MALE)
    return f"{given} {surname or family_name(rng)}"


@dataclass
class World:
    """The organisations and people every synthetic referral refers to."""

    hub: Organisation
    local_authorities: list[Organisation]
    courts: list[Organisation]
    manager: User
    referrers: dict[int, User]  # by local authority id
    assessors: list[User]
    assessor_home: dict[int, int]  # assessor id -> local authority seconded from
    bundle_file: str
    bundle_size: int
    bundle_sha256: str


def _staff(username: str, full_name: str, role: str, organisation: Organisation) -> User:
    user, created = User.objects.get_or_create(
        username=f"{username}@{EMAIL_DOMAIN}",
        defaults={
            "email": f"{username}@{EMAIL_DOMAIN}",
            "full_name": full_name,
            "role": role,
            "organisation": organisation,
        },
    )
    if created:
        # Benchmarks sign in with force_login; nobody signs in with a password.
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def world_ensure(*, seed: int = 0) -> World:
    """Create (or find) the authorities, courts, hub staff and the one bundle file. Idempotent."""
    rng = random.Random(f"world:{seed}")
    hub, _ = Organisation.objects.get_or_create(name=HUB_NAME, defaults={"kind": OrganisationKind.HUB})
    authorities = [
        Organisation.objects.get_or_create(
            name=name, defaults={"kind": OrganisationKind.LOCAL_AUTHORITY, "ons_code": ons, "dfe_code": dfe}
        )[0]
        for name, ons, dfe in LOCAL_AUTHORITIES
    ]
    courts = [
        Organisation.objects.get_or_create(name=name, defaults={"kind": OrganisationKind.FAMILY_COURT})[0]
        for name in COURTS
    ]
    manager = _staff("bench.manager", "Morgan Tellwick", Role.SERVICE_MANAGER, hub)
    referrers = {
        la.pk: _staff(f"bench.referrer.{la.pk}", person_name(rng, female=rng.random() < 0.7), Role.REFERRER, la)
        for la in authorities
    }
    assessors: list[User] = []
    home: dict[int, int] = {}
    for n in range(12):
        la = authorities[n % len(authorities)]
        assessor = _staff(f"bench.assessor.{n}", person_name(rng, female=rng.random() < 0.7), Role.ASSESSOR, hub)
        profile, _ = AssessorProfile.objects.get_or_create(user=assessor, defaults={"seconded_from": la})
        assessors.append(assessor)
        home[assessor.pk] = profile.seconded_from_id
    content = make_bundle_pdf(title="Synthetic court bundle", pages=2)
    if not default_storage.exists(BUNDLE_FILE_NAME):
        default_storage.save(BUNDLE_FILE_NAME, ContentFile(content))
    return World(
        hub=hub,
        local_authorities=authorities,
        courts=courts,
        manager=manager,
        referrers=referrers,
        assessors=assessors,
        assessor_home=home,
        bundle_file=BUNDLE_FILE_NAME,
        bundle_size=len(content),
        bundle_sha256=hashlib.sha256(content).hexdigest(),
    )


@dataclass
class ReferralPlan:
    """One referral and everything hanging off it, before any of it has a primary key."""

    referral: Referral
    children: list[Child]
    adults: list[Adult]
    # (adult index, child index, relationship)
    relationships: list[tuple[int, int, str]]
    others: list[Any]  # questions, reading items, contacts, bundle documents, events
    assessments: list[Assessment]


def status_for(index: int, rng: random.Random, *, awaiting_every: int) -> str:
    """Every `awaiting_every`-th referral waits on triage, so the queue grows with the dataset."""
    if index % awaiting_every == 0:
        return ReferralStatus.SUBMITTED if rng.random() < 0.7 else ReferralStatus.QUERY_RAISED
    draw = rng.random()
    if draw < 0.03:
        return ReferralStatus.DRAFT
    if draw < 0.20:
        return ReferralStatus.DECLINED
    return ReferralStatus.ACCEPTED


def plan_referral(index: int, *, seed: int, world: World, awaiting_every: int = 10) -> ReferralPlan:
    """Referral number `index` and everything hanging off it, built but not saved.

    It draws from its own random stream, seeded by `seed` and `index`: the same
    referral whatever batch, or run, it is made in.
    """
    rng = random.Random(seed * 1_000_003 + index)
    status = status_for(index, rng, awaiting_every=awaiting_every)
    la = rng.choice(world.local_authorities)
    referrer = world.referrers[la.pk]
    court = rng.choice(world.courts)
    awaiting = status in (ReferralStatus.SUBMITTED, ReferralStatus.QUERY_RAISED)
    # Referrals still waiting are recent; decided ones spread over two years.
    created_at = EPOCH - datetime.timedelta(
        days=rng.randint(1, 60) if awaiting else rng.randint(20, 730), minutes=rng.randint(0, 600)
    )
    received_at = None
    decided_at = None
    if status != ReferralStatus.DRAFT:
        received_at = created_at + datetime.timedelta(days=rng.randint(0, 14), minutes=rng.randint(1, 480))
    if status in (ReferralStatus.ACCEPTED, ReferralStatus.DECLINED):
        assert received_at is not None
        decided_at = received_at + datetime.timedelta(days=rng.randint(1, 10), minutes=rng.randint(1, 480))
    start = created_at.date()
    surname = family_name(rng)
    types = sorted(
        {rng.choices([t for t, _ in ASSESSMENT_TYPE_WEIGHTS], [w for _, w in ASSESSMENT_TYPE_WEIGHTS])[0]}
        | ({rng.choice([t for t, _ in ASSESSMENT_TYPE_WEIGHTS])} if rng.random() < 0.2 else set())
    )
    ethnicity, language, religion = rng.choice(ETHNICITIES), rng.choice(LANGUAGES), rng.choice(RELIGIONS)
    referral = Referral(
        reference=f"SYN{seed}-{index:06d}",
        status=status,
        local_authority=la,
        created_by=referrer,
        created_at=created_at,
        court=court,
        case_number=f"{court.name[:2].upper()}{start:%y}C{index % 100_000:05d}",
        judge=f"HHJ {family_name(rng)}",
        permission_order_date=start - datetime.timedelta(days=rng.randint(3, 20)),
        eligibility_agreed_by_judge=True,
        proceedings_issued_on=start - datetime.timedelta(days=rng.randint(30, 90)),
        filing_date=start + datetime.timedelta(days=rng.randint(56, 84)),
        irh_date=start + datetime.timedelta(days=rng.randint(90, 110)),
        final_hearing_date=start + datetime.timedelta(days=rng.randint(120, 160)) if rng.random() < 0.6 else None,
        assessment_types=[str(t) for t in types],
        referral_reason=rng.choice(ReferralReason.values),
        family_background=rng.choice(FAMILY_BACKGROUND).format(
            ethnicity=ethnicity, language=language, religion=religion or "none given"
        ),
        case_background=rng.choice(CASE_BACKGROUND),
        received_at=received_at,
        decided_at=decided_at,
        decline_reason="The hub has no capacity before the filing date." if status == ReferralStatus.DECLINED else "",
    )

    children = []
    for _ in range(rng.randint(1, 4)):
        unborn = rng.random() < 0.05
        female = rng.random() < 0.5
        children.append(
            Child(
                full_name=f"Baby {surname}" if unborn else person_name(rng, female=female, surname=surname),
                date_of_birth=None if unborn else start - datetime.timedelta(days=rng.randint(30, 16 * 365)),
                expected_date_of_delivery=start + datetime.timedelta(days=rng.randint(20, 150)) if unborn else None,
                sex=Sex.NOT_KNOWN if unborn else (Sex.FEMALE if female else Sex.MALE),
                ethnicity=ethnicity,
                first_language=language,
                religion=religion,
                disability=rng.choice(DISABILITIES),
            )
        )
    adults = []
    relationships = []
    for a in range(rng.randint(1, 3)):
        role = ADULT_ROLES[a] if a < 2 else rng.choice(ADULT_ROLES[2:])
        female = role in ("mother", "maternal grandmother", "paternal aunt")
        adults.append(
            Adult(
                full_name=person_name(rng, female=female, surname=surname if a == 0 else None),
                date_of_birth=start - datetime.timedelta(days=rng.randint(18 * 365, 60 * 365)),
                first_language=language,
                needs_interpreter=language != "English" and rng.random() < 0.5,
                learning_needs=rng.random() < 0.15,
            )
        )
        relationships += [(a, c, role) for c in range(len(children))]

    others: list[Any] = [
        CourtQuestion(number=n, text=text) for n, text in enumerate(rng.sample(QUESTIONS, rng.randint(2, 6)), 1)
    ]
    others += [
        ReadingItem(title=title, bundle_reference=f"{section}{rng.randint(1, 300)}")
        for title, section in rng.sample(READING, rng.randint(1, 3))
    ]
    contacts = [(ContactRole.CHILDRENS_GUARDIAN, "Cafcass", "the children")]
    if rng.random() < 0.8:
        contacts.append((ContactRole.SOLICITOR, f"{family_name(rng)} Solicitors", adults[0].full_name))
    if rng.random() < 0.5:
        contacts.append((ContactRole.IRO, la.name, ""))
    for role, organisation_name, acting_for in contacts:
        name = person_name(rng, female=rng.random() < 0.6)
        others.append(
            Contact(
                role=role,
                full_name=name,
                organisation_name=organisation_name,
                acting_for=acting_for,
                email=f"{name.lower().replace(' ', '.')}@{EMAIL_DOMAIN}",
            )
        )
    for d in range(rng.choice([1, 1, 1, 2])):
        # Every row points at the same small real PDF: pages list documents, never read them.
        others.append(
            BundleDocument(
                file=world.bundle_file,
                original_name=f"{referral.case_number} bundle part {d + 1}.pdf",
                size_bytes=world.bundle_size,
                page_count=rng.randint(80, 900),
                sha256=world.bundle_sha256,
                uploaded_by=referrer,
                uploaded_at=created_at + datetime.timedelta(hours=rng.randint(1, 48)),
            )
        )

    def event(kind: str, actor: User, at: datetime.datetime, before: str, after: str, message: str = "") -> None:
        others.append(
            ReferralEvent(kind=kind, actor=actor, at=at, from_status=before, to_status=after, message=message)
        )

    event(ReferralEventKind.CREATED, referrer, created_at, "", ReferralStatus.DRAFT)
    if received_at is not None:
        event(ReferralEventKind.SUBMITTED, referrer, received_at, ReferralStatus.DRAFT, ReferralStatus.SUBMITTED)
        queried = status == ReferralStatus.QUERY_RAISED or (decided_at is not None and rng.random() < 0.2)
        if queried:
            asked = received_at + datetime.timedelta(hours=rng.randint(2, 48))
            event(
                ReferralEventKind.QUERY_RAISED,
                world.manager,
                asked,
                ReferralStatus.SUBMITTED,
                ReferralStatus.QUERY_RAISED,
                "Please confirm the filing date and add the previous assessment to the bundle.",
            )
            if status != ReferralStatus.QUERY_RAISED:
                event(
                    ReferralEventKind.QUERY_ANSWERED,
                    referrer,
                    asked + datetime.timedelta(hours=rng.randint(2, 48)),
                    ReferralStatus.QUERY_RAISED,
                    ReferralStatus.SUBMITTED,
                    "The filing date is confirmed; the assessment is now in section F.",
                )
    if decided_at is not None:
        if status == ReferralStatus.ACCEPTED:
            event(ReferralEventKind.ACCEPTED, world.manager, decided_at, ReferralStatus.SUBMITTED, status)
        else:
            event(
                ReferralEventKind.DECLINED,
                world.manager,
                decided_at,
                ReferralStatus.SUBMITTED,
                status,
                referral.decline_reason,
            )

    assessments = []
    if status == ReferralStatus.ACCEPTED:
        assert received_at is not None and decided_at is not None
        independent = [a for a in world.assessors if world.assessor_home[a.pk] != la.pk]
        for assessment_type in types:
            state = rng.choice(AssessmentStatus.values)
            assessments.append(
                Assessment(
                    assessment_type=assessment_type,
                    status=state,
                    clock_started_at=received_at,
                    assessor=None if state == AssessmentStatus.AWAITING_ALLOCATION else rng.choice(independent),
                    created_at=decided_at,
                )
            )
    return ReferralPlan(referral, children, adults, relationships, others, assessments)


@dataclass
class GenerationReport:
    referrals: int
    seconds: float
    rows: Counter[str] = field(default_factory=Counter)

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


def referrals_generate(
    *,
    world: World,
    count: int,
    start: int = 0,
    seed: int = 0,
    awaiting_every: int = 10,
    batch_size: int = 500,
) -> GenerationReport:
    """Add referrals number `start` to `start + count - 1`, in batches of `batch_size`.

    One in `awaiting_every` waits on triage (submitted or query raised); of the
    rest about 80% are accepted (with their assessments), 17% declined and 3%
    drafts. Each has 1-4 children, 1-3 adults related to every child, 2-6 court
    questions, 1-3 reading items, 1-3 contacts, 1-2 bundle documents and its events.
    """
    report = GenerationReport(referrals=count, seconds=0.0)
    began = time.perf_counter()
    for batch_start in range(start, start + count, batch_size):
        batch_end = min(batch_start + batch_size, start + count)
        plans = [
            plan_referral(i, seed=seed, world=world, awaiting_every=awaiting_every)
            for i in range(batch_start, batch_end)
        ]
        with transaction.atomic():
            plans_insert(plans, report.rows)
    report.seconds = time.perf_counter() - began
    return report


def plans_insert(
    plans: list[ReferralPlan],
    rows: Counter[str],
    *,
    batch_size: int | None = None,
    leaves: Callable[[type[Any], list[Any]], None] | None = None,
) -> None:
    """The plans' rows, each level pointing at the one before it.

    bulk_create sets primary keys on SQLite and PostgreSQL alike. Rows nothing
    points at (relationships, questions, contacts...) go in through `leaves`
    when given (the national benchmark copies them in as plain rows), otherwise
    with bulk_create too.
    """

    def create(model: type[Any], objects: list[Any]) -> None:
        model.objects.bulk_create(objects, batch_size=batch_size)
        rows[model.__name__] += len(objects)

    def leaf(model: type[Any], objects: list[Any]) -> None:
        if leaves is None:
            create(model, objects)
            return
        leaves(model, objects)
        rows[model.__name__] += len(objects)

    create(Referral, [plan.referral for plan in plans])
    for plan in plans:
        for item in [*plan.children, *plan.adults, *plan.others, *plan.assessments]:
            item.referral = plan.referral
    create(Child, [child for plan in plans for child in plan.children])
    create(Adult, [adult for plan in plans for adult in plan.adults])
    leaf(
        AdultChildRelationship,
        [
            AdultChildRelationship(adult=plan.adults[a], child=plan.children[c], relationship=relationship)
            for plan in plans
            for a, c, relationship in plan.relationships
        ],
    )
    by_model: dict[type[Any], list[Any]] = {}
    for plan in plans:
        for item in plan.others:
            by_model.setdefault(type(item), []).append(item)
    for model, objects in by_model.items():
        leaf(model, objects)
    create(Assessment, [assessment for plan in plans for assessment in plan.assessments])
