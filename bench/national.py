"""The hub at national scale: every list and record page over a whole country's referrals.

150 local authorities (10 seconded assessors each), 100,000 referrals with their
families and letters (`bench.synthetic`), 250,000 assessments each on its clock,
and 1 million chronology entries spread over the families. Most of the history is
closed (assessments filed); what is live is what a national service would hold at
once: about 2% of referrals waiting on triage, the last week's assessments
waiting on allocation, the fortnight before that with their assessors (never one
from the family's own authority, never more than three each), one in twenty live
clocks paused, and drafts more than a year old waiting on a retention review.

Then it times every list and record page through the Django test client, signed
in as the person who uses it (second factor included), and the JSON API with a
token: median and p95 of the server time over the repetitions after a warm-up,
this process's CPU time, and the SQL queries per request.

    .venv/bin/python -m bench.national                 # full size, SQLite
    .venv/bin/python -m bench.national --small         # 1/100 of the sizes, a quick run
    scripts/with-postgres.sh .venv/bin/python -m bench.national

On SQLite the generated database is kept under `bench/results/national-<sizes>/`
and reused by the next run with the same sizes (`--fresh` makes it again); under
`scripts/with-postgres.sh` the server is new each time, so the data is made each
time. Everything goes in with `bulk_create` in large batches inside one
transaction. The figures are printed and written to
`bench/results/national_<database>_<size>.json`.
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import shutil
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench import RESULTS_DIR, PageTiming, database_vendor, machine, setup_django, sign_in, time_page, write_results

if TYPE_CHECKING:
    from bench.synthetic import World

# Bump when the data made changes shape, so a kept database is not reused by mistake.
GENERATOR_VERSION = 2  # 2: clocks of filed assessments carry the day they ended
# One referral in this many waits on triage.
AWAITING_EVERY = 50
# Assessments decided in the last week wait on allocation; the fortnight before, they are live.
AWAITING_ALLOCATION_DAYS = 6
LIVE_DAYS = 18
MAX_LIVE_PER_ASSESSOR = 3


@dataclass(frozen=True)
class Sizes:
    authorities: int
    referrals: int
    assessments: int
    chronology: int
    assessors_per_authority: int = 10
    # The family whose workspace is timed: its chronology (part of `chronology`) and its agency requests.
    focus_entries: int = 5_000
    focus_sources: int = 200

    @property
    def key(self) -> str:
        return (
            f"{self.authorities}la-{self.referrals}r-{self.assessments}a-{self.chronology}c-"
            f"{self.assessors_per_authority}x-{self.focus_entries}f-{self.focus_sources}s"
        )


FULL = Sizes(authorities=150, referrals=100_000, assessments=250_000, chronology=1_000_000)
SMALL = Sizes(
    authorities=15, referrals=1_000, assessments=2_500, chronology=10_000, focus_entries=250, focus_sources=20
)


@dataclass(frozen=True)
class Focus:
    """The records whose pages are timed, chosen once the data is made."""

    manager_id: int
    assessor_id: int
    referrer_id: int
    triage_referral_id: int
    accepted_referral_id: int
    assessment_id: int
    clock_id: int
    api_reference: str
    local_authority_id: int


# ---------------------------------------------------------------------------------------------------------------
# Generating


def _authority_names(count: int) -> list[str]:
    """Invented authority names, unique and stable: no real council is named."""
    from bench.synthetic import _SURNAME_HEADS, _SURNAME_TAILS

    names = []
    kinds = ["Borough Council", "County Council", "City Council", "Metropolitan Borough Council"]
    for n in range(count):
        head = _SURNAME_HEADS[n % len(_SURNAME_HEADS)]
        tail = _SURNAME_TAILS[(n // len(_SURNAME_HEADS)) % len(_SURNAME_TAILS)]
        names.append(f"{head}{tail} {kinds[n % len(kinds)]} (synthetic {n + 1:03d})")
    return names


def national_world(sizes: Sizes, *, seed: int) -> World:
    """The hub, its manager, `sizes.authorities` authorities each with a referrer and seconded assessors."""
    import hashlib

    from django.contrib.auth.hashers import make_password
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from bench import synthetic
    from hub.accounts.models import AssessorProfile, Organisation, OrganisationKind, Role, User
    from hub.core.documents import make_bundle_pdf

    rng = random.Random(f"national-world:{seed}")
    hub = Organisation.objects.create(name=synthetic.HUB_NAME, kind=OrganisationKind.HUB)
    authorities = Organisation.objects.bulk_create(
        [
            Organisation(name=name, kind=OrganisationKind.LOCAL_AUTHORITY, dfe_code=f"{n:03d}")
            for n, name in enumerate(_authority_names(sizes.authorities), 1)
        ]
    )
    courts = Organisation.objects.bulk_create(
        [Organisation(name=name, kind=OrganisationKind.FAMILY_COURT) for name in synthetic.COURTS]
    )
    unusable = make_password(None)

    def person(username: str, role: str, organisation: Organisation) -> User:
        female = rng.random() < 0.7
        return User(
            username=f"{username}@{synthetic.EMAIL_DOMAIN}",
            email=f"{username}@{synthetic.EMAIL_DOMAIN}",
            full_name=synthetic.person_name(rng, female=female),
            role=role,
            organisation=organisation,
            password=unusable,
        )

    manager = User.objects.bulk_create([person("national.manager", Role.SERVICE_MANAGER, hub)])[0]
    referrers = User.objects.bulk_create(
        [person(f"national.referrer.{la.pk}", Role.REFERRER, la) for la in authorities]
    )
    assessors = User.objects.bulk_create(
        [
            person(f"national.assessor.{la.pk}.{n}", Role.ASSESSOR, hub)
            for la in authorities
            for n in range(sizes.assessors_per_authority)
        ]
    )
    homes = [la for la in authorities for _ in range(sizes.assessors_per_authority)]
    AssessorProfile.objects.bulk_create(
        [AssessorProfile(user=user, seconded_from=la) for user, la in zip(assessors, homes, strict=True)]
    )
    content = make_bundle_pdf(title="Synthetic court bundle", pages=2)
    if not default_storage.exists(synthetic.BUNDLE_FILE_NAME):
        default_storage.save(synthetic.BUNDLE_FILE_NAME, ContentFile(content))
    return synthetic.World(
        hub=hub,
        local_authorities=authorities,
        courts=courts,
        manager=manager,
        referrers={la.pk: user for la, user in zip(authorities, referrers, strict=True)},
        assessors=assessors,
        assessor_home={user.pk: la.pk for user, la in zip(assessors, homes, strict=True)},
        bundle_file=synthetic.BUNDLE_FILE_NAME,
        bundle_size=len(content),
        bundle_sha256=hashlib.sha256(content).hexdigest(),
    )


class _Allocator:
    """Live assessments to independent assessors, at most three each, in turn; None when all are full."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.live: Counter[int] = Counter()
        self.turn = 0

    def live_assessor(self, la_id: int) -> Any:
        assessors = self.world.assessors
        for step in range(len(assessors)):
            candidate = assessors[(self.turn + step) % len(assessors)]
            if self.world.assessor_home[candidate.pk] != la_id and self.live[candidate.pk] < MAX_LIVE_PER_ASSESSOR:
                self.live[candidate.pk] += 1
                self.turn = (self.turn + step + 1) % len(assessors)
                return candidate
        return None

    def past_assessor(self, la_id: int, rng: random.Random) -> Any:
        while True:
            candidate = rng.choice(self.world.assessors)
            if self.world.assessor_home[candidate.pk] != la_id:
                return candidate


class _Clocks:
    """Each clock's stored dates from the timescales engine, its rule worked out once per start date."""

    def __init__(self) -> None:
        from hub.timescales.models import TimescaleRuleVersion
        from hub.timescales.services import working_calendar

        self.versions: dict[str, Any] = {}
        in_use = TimescaleRuleVersion.objects.filter(rule__assessment_type__isnull=False).select_related("rule")
        for version in in_use.order_by("number"):
            self.versions.setdefault(version.rule.assessment_type, version)
        self.calendar = working_calendar()
        self.memo: dict[tuple[int, datetime.date], tuple[datetime.date, dict[str, datetime.date]]] = {}

    def dates(self, version: Any, start: datetime.date) -> tuple[datetime.date, dict[str, datetime.date]]:
        from hub.timescales import engine

        key = (version.pk, start)
        if key not in self.memo:
            rule = version.as_engine_rule()
            due = engine.due_date(rule, clock_start=start, calendar_=self.calendar)
            self.memo[key] = (due, engine.milestone_dates(rule, due=due, clock_start=start, calendar_=self.calendar))
        return self.memo[key]

    def clock(self, assessment: Any, referral: Any, rng: random.Random) -> Any:
        from hub.assessments.models import AssessmentStatus
        from hub.core import calendar
        from hub.timescales import engine
        from hub.timescales.models import Clock

        version = self.versions[assessment.assessment_type]
        start = calendar.start_date(assessment.clock_started_at)
        due, milestones = self.dates(version, start)
        court = engine.CourtDates(
            filing_date=referral.filing_date,
            irh_date=referral.irh_date,
            final_hearing_date=referral.final_hearing_date,
            proceedings_issued_on=referral.proceedings_issued_on,
        )
        draft = milestones.get("draft_to_qa")
        draft_done = qa_done = None
        if assessment.status in (AssessmentStatus.IN_QA, AssessmentStatus.FILED):
            draft_done = (draft or due) - datetime.timedelta(days=rng.randint(0, 3))
        ended = None
        if assessment.status == AssessmentStatus.FILED:
            qa_done = due - datetime.timedelta(days=rng.randint(0, 2))
            ended = qa_done  # filed the day QA was done: filing ends the clock
        return Clock(
            assessment=assessment,
            rule_version=version,
            clock_start=start,
            draft_submitted_on=draft_done,
            qa_completed_on=qa_done,
            due_date=due,
            draft_due_date=draft,
            qa_due_date=milestones.get("qa_done"),
            court_conflict=bool(engine.court_flags(due=due, court=court)),
            filing_date=court.filing_date,
            irh_date=court.irh_date,
            final_hearing_date=court.final_hearing_date,
            ended_on=ended,
        )


_WHAT_HAPPENED = [
    "Police attended after a reported argument at the family home",
    "Health visitor saw the child at home; weight on the 9th centile",
    "School reported the child arrived hungry three days running",
    "Mother attended the first appointment with the drug and alcohol service",
    "Child protection conference: plan made under the category of neglect",
    "Father released from custody; licence conditions include no contact",
    "Family moved to temporary accommodation",
    "Child seen by the paediatrician; no concerns about development",
]
_SOURCES = ["Police disclosure", "Health visitor records", "Mother's account", "School", "Social work chronology"]


def _entry_values(count: int, rng: random.Random) -> list[tuple[datetime.date, int, str, str, str]]:
    """(event date, precision, what happened, source, bundle reference) for `count` invented events."""
    from hub.workspace.rules import DatePrecision

    start = datetime.date(2008, 1, 1)
    # Mostly known to the day, some to the month, a few only to the year.
    precisions = [DatePrecision.DAY] * 6 + [DatePrecision.MONTH] * 3 + [DatePrecision.YEAR]
    values = []
    for _ in range(count):
        precision = rng.choice(precisions)
        day = start + datetime.timedelta(days=rng.randrange(0, 6500))
        if precision == DatePrecision.MONTH:
            day = day.replace(day=1)
        elif precision == DatePrecision.YEAR:
            day = day.replace(month=1, day=1)
        values.append(
            (day, int(precision), rng.choice(_WHAT_HAPPENED), rng.choice(_SOURCES), f"C{rng.randrange(1, 400)}")
        )
    return values


def _entries(family_id: int, assessment_id: int | None, count: int, rng: random.Random) -> list[Any]:
    from hub.workspace.models import ChronologyEntry

    return [
        ChronologyEntry(
            family_id=family_id,
            recorded_in_id=assessment_id,
            event_date=day,
            precision=precision,
            what_happened=what,
            source=source,
            bundle_reference=reference,
            significance="",
        )
        for day, precision, what, source, reference in _entry_values(count, rng)
    ]


def _rows_insert(table: str, columns: list[str], rows: list[tuple[Any, ...]] | list[list[Any]]) -> None:
    """Plain rows straight into a table: COPY on PostgreSQL, one executemany on SQLite.

    For the tables nothing else points at, so no primary key is needed back: several
    times faster than bulk_create, which builds and compiles an INSERT per batch.
    """
    from django.db import connection

    if not rows:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})", rows)


def _objects_insert(model: type[Any], objects: list[Any]) -> None:
    """Model instances whose primary keys nobody needs, as plain rows (see `_rows_insert`)."""
    from django.db import connection

    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    _rows_insert(
        model._meta.db_table,
        [field.column for field in fields],
        [[field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields] for obj in objects],
    )


def _entries_insert(rows: list[tuple[Any, ...]], *, at: datetime.datetime) -> None:
    """A million chronology entries go in as plain rows, never as model objects."""
    from django.db import connection

    from hub.workspace.models import ChronologyEntry

    columns = ["family_id", "recorded_in_id", "event_date", "precision", "what_happened", "source",
               "bundle_reference", "significance", "created_at"]  # fmt: skip
    created = connection.ops.adapt_datetimefield_value(at)
    dated = (lambda day: day) if connection.vendor == "postgresql" else str
    _rows_insert(
        ChronologyEntry._meta.db_table, columns, [(*row[:2], dated(row[2]), *row[3:], "", created) for row in rows]
    )


def _shares(total: int, parts: int) -> list[int]:
    """`total` split into `parts` nearly equal whole shares (the first ones one larger)."""
    if parts <= 0:
        return []
    base, extra = divmod(total, parts)
    return [base + (1 if n < extra else 0) for n in range(parts)]


def generate(sizes: Sizes, *, seed: int = 0, batch_size: int = 2_000, log: Any = None) -> tuple[Focus, dict]:
    """Make the whole national dataset in one transaction; return the pages' records and row counts."""
    from django.db import transaction

    log = log or (lambda message: print(message, file=sys.stderr, flush=True))
    began = time.perf_counter()
    with transaction.atomic():
        focus, rows = _generate(sizes, seed=seed, batch_size=batch_size, log=log)
    seconds = time.perf_counter() - began
    _analyse()
    return focus, {"rows": dict(rows), "total_rows": sum(rows.values()), "seconds": round(seconds, 1)}


def _generate(sizes: Sizes, *, seed: int, batch_size: int, log: Any) -> tuple[Focus, Counter[str]]:
    from bench import synthetic
    from hub.accounts.models import ApiToken
    from hub.assessments.models import Assessment, AssessmentStatus
    from hub.privacy.models import RetentionReview
    from hub.referrals.models import AssessmentType, ReferralStatus
    from hub.timescales.models import Clock, TimescaleEvent, TimescaleEventKind
    from hub.workspace.models import Family, FamilyLink, FamilyReferral

    rows: Counter[str] = Counter()
    began = time.perf_counter()
    world = national_world(sizes, seed=seed)
    # Which referrals are accepted is the first draw of each referral's own random stream: know it up front,
    # so the assessments (and the chronology) can be spread over them exactly.
    accepted = [
        i
        for i in range(sizes.referrals)
        if synthetic.status_for(i, random.Random(seed * 1_000_003 + i), awaiting_every=AWAITING_EVERY)
        == ReferralStatus.ACCEPTED
    ]
    per_referral = dict(zip(accepted, _shares(sizes.assessments, len(accepted)), strict=True))
    if max(per_referral.values(), default=0) > len(AssessmentType):
        raise ValueError(f"{sizes.assessments:,} assessments do not fit on {len(accepted):,} accepted referrals")
    entries_each = dict(zip(accepted, _shares(sizes.chronology - sizes.focus_entries, len(accepted)), strict=True))
    allocator = _Allocator(world)
    clocks = _Clocks()
    epoch = synthetic.EPOCH
    types = list(AssessmentType)
    drafts: list[Any] = []
    for batch_start in range(0, sizes.referrals, batch_size):
        plans = []
        for i in range(batch_start, min(batch_start + batch_size, sizes.referrals)):
            plan = synthetic.plan_referral(i, seed=seed, world=world, awaiting_every=AWAITING_EVERY)
            plan.assessments.clear()
            if i in per_referral:
                rng = random.Random(f"national:{seed}:{i}")
                referral = plan.referral
                assert referral.decided_at is not None and referral.received_at is not None
                chosen = sorted(rng.sample(types, per_referral[i]), key=types.index)
                referral.assessment_types = [str(t) for t in chosen]
                age = (epoch - referral.decided_at).days
                for kind in chosen:
                    assessor = None
                    status = AssessmentStatus.FILED
                    if age < AWAITING_ALLOCATION_DAYS:
                        status = AssessmentStatus.AWAITING_ALLOCATION
                    elif age < LIVE_DAYS:
                        assessor = allocator.live_assessor(referral.local_authority_id)
                        status = (
                            AssessmentStatus.AWAITING_ALLOCATION
                            if assessor is None
                            else (AssessmentStatus.IN_QA if rng.random() < 0.3 else AssessmentStatus.IN_PROGRESS)
                        )
                    if status == AssessmentStatus.FILED:
                        assessor = allocator.past_assessor(referral.local_authority_id, rng)
                    plan.assessments.append(
                        Assessment(
                            assessment_type=kind,
                            status=status,
                            clock_started_at=referral.received_at,
                            assessor=assessor,
                            created_at=referral.decided_at,
                        )
                    )
            plans.append(plan)
        synthetic.plans_insert(plans, rows, batch_size=batch_size, leaves=_objects_insert)
        # The clocks, each with the event that started it.
        made = []
        for plan in plans:
            rng = random.Random(f"national-clock:{seed}:{plan.referral.reference}")
            made += [clocks.clock(assessment, plan.referral, rng) for assessment in plan.assessments]
        Clock.objects.bulk_create(made, batch_size=batch_size)
        rows["Clock"] += len(made)
        _objects_insert(
            TimescaleEvent,
            [
                TimescaleEvent(
                    clock=clock,
                    kind=TimescaleEventKind.STARTED,
                    at=clock.assessment.created_at,
                    message=f"Clock started under {clock.rule_version}",
                    due_date_after=clock.due_date,
                )
                for clock in made
            ],
        )
        rows["TimescaleEvent"] += len(made)
        # Each accepted referral is filed with its family, and the family's history so far.
        with_assessments = [plan for plan in plans if plan.assessments]
        families = Family.objects.bulk_create(
            [Family(created_at=plan.referral.decided_at) for plan in with_assessments], batch_size=batch_size
        )
        _objects_insert(
            FamilyReferral,
            [
                FamilyReferral(family=family, referral=plan.referral, how=FamilyLink.NEW, linked_at=family.created_at)
                for family, plan in zip(families, with_assessments, strict=True)
            ],
        )
        rows["Family"] += len(families)
        rows["FamilyReferral"] += len(families)
        chronology = []
        for family, plan in zip(families, with_assessments, strict=True):
            index = int(plan.referral.reference.rsplit("-", 1)[1])
            rng = random.Random(f"national-family:{seed}:{index}")
            first = plan.assessments[0].pk
            chronology += [(family.pk, first, *row) for row in _entry_values(entries_each[index], rng)]
        _entries_insert(chronology, at=epoch)
        rows["ChronologyEntry"] += len(chronology)
        drafts += [
            plan.referral
            for plan in plans
            if plan.referral.status == ReferralStatus.DRAFT
            and plan.referral.created_at < epoch - datetime.timedelta(days=365)
        ]
        done = min(batch_start + batch_size, sizes.referrals)
        if done % (batch_size * 5) == 0 or done == sizes.referrals:
            log(f"  {done:,} referrals, {sum(rows.values()):,} rows, {time.perf_counter() - began:.0f} s")

    # Drafts abandoned for more than a year wait on a person's retention review.
    RetentionReview.objects.bulk_create(
        [
            RetentionReview(
                record_kind="referral-draft",
                object_id=str(draft.pk),
                label=draft.reference,
                due_on=draft.created_at.date() + datetime.timedelta(days=365),
            )
            for draft in drafts
        ],
        batch_size=batch_size,
    )
    rows["RetentionReview"] += len(drafts)
    focus = _focus(world, sizes, seed=seed, rows=rows)
    log(f"  focus records ready, {sum(rows.values()):,} rows, {time.perf_counter() - began:.0f} s")
    assert ApiToken.objects.count() == 0
    return focus, rows


def _focus(world: World, sizes: Sizes, *, seed: int, rows: Counter[str]) -> Focus:
    """Choose the records whose pages are timed, and give the workspace's family its full history."""
    from django.db.models import Count

    from hub.assessments.models import Assessment, AssessmentStatus
    from hub.referrals.models import Referral, ReferralStatus
    from hub.timescales.models import Clock, ClockPause, PauseReason
    from hub.workspace.models import ChronologyEntry, InformationRequest, RecordVersion

    # The fullest referral waiting on triage, and the accepted referral with the most assessments.
    triage = (
        Referral.objects.filter(status__in=[ReferralStatus.SUBMITTED, ReferralStatus.QUERY_RAISED])
        .annotate(kids=Count("children", distinct=True), grown_ups=Count("adults", distinct=True))
        .order_by("-kids", "-grown_ups", "id")
        .first()
    )
    accepted = (
        Referral.objects.filter(status=ReferralStatus.ACCEPTED, assessments__status=AssessmentStatus.IN_PROGRESS)
        .annotate(n=Count("assessments", distinct=True))
        .order_by("-n", "id")
        .first()
    )
    assert triage is not None and accepted is not None, "too few referrals to choose pages from"
    assessment = (
        Assessment.objects.filter(referral=accepted, status=AssessmentStatus.IN_PROGRESS).select_related("referral")
    ).first()
    assert assessment is not None and assessment.assessor_id is not None
    family = assessment.referral.family_link.family
    rng = random.Random(f"national-focus:{seed}")
    entries = _entries(family.pk, assessment.pk, sizes.focus_entries, rng)
    ChronologyEntry.objects.bulk_create(entries, batch_size=2_000)
    rows["ChronologyEntry"] += len(entries)
    agencies = ["police", "gp", "health_visitor", "school", "housing", "camhs", "probation", "nursery"]
    asked = datetime.date(2026, 2, 16)
    requests = InformationRequest.objects.bulk_create(
        [
            InformationRequest(
                assessment=assessment,
                agency=agencies[i % len(agencies)],
                organisation_name=f"Synthetic service {i}",
                basis="statutory",
                asked_on=asked + datetime.timedelta(days=i % 10),
                reply_by=asked + datetime.timedelta(days=14 + i % 10),
                answered_on=asked + datetime.timedelta(days=7 + i % 10) if i % 3 else None,
                what_they_said="Synthetic answer" if i % 3 else "",
                weight="specialist" if i % 3 else "",
            )
            for i in range(sizes.focus_sources)
        ]
    )
    rows["InformationRequest"] += len(requests)
    # The family's history: one version per entry, as the pages would have made.
    versions = RecordVersion.objects.bulk_create(
        [
            RecordVersion(
                assessment=assessment,
                family=family,
                record_type="chronologyentry",
                record_id=entry.pk,
                number=1,
                data={"what_happened": entry.what_happened},
                changed_by_id=assessment.assessor_id,
            )
            for entry in entries
        ],
        batch_size=2_000,
    )
    rows["RecordVersion"] += len(versions)
    # One live clock in twenty is paused (the focus clock among them), for checks outstanding.
    live = list(
        Clock.objects.filter(assessment__status__in=[AssessmentStatus.IN_PROGRESS, AssessmentStatus.IN_QA])
        .order_by("id")
        .values_list("pk", "clock_start")
    )
    clock = Clock.objects.get(assessment=assessment)
    paused = dict(live[::20]) | {clock.pk: clock.clock_start}
    pauses = ClockPause.objects.bulk_create(
        [
            ClockPause(
                clock_id=pk,
                reason=PauseReason.DBS_CHECK,
                started_on=start + datetime.timedelta(days=3),
                recorded_by=world.manager,
            )
            for pk, start in paused.items()
        ]
    )
    rows["ClockPause"] += len(pauses)
    for pause in pauses:
        Clock.objects.filter(pk=pause.clock_id).update(paused_since=pause.started_on, paused_reason=pause.reason)
    # The API reads one referral of the authority of the accepted referral.
    return Focus(
        manager_id=world.manager.pk,
        assessor_id=assessment.assessor_id,
        referrer_id=world.referrers[accepted.local_authority_id].pk,
        triage_referral_id=triage.pk,
        accepted_referral_id=accepted.pk,
        assessment_id=assessment.pk,
        clock_id=clock.pk,
        api_reference=accepted.reference,
        local_authority_id=accepted.local_authority_id,
    )


def _analyse() -> None:
    # Refresh the planner's statistics after a bulk load, as a live database's would be.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


# ---------------------------------------------------------------------------------------------------------------
# Timing


def pages(focus: Focus) -> list[tuple[str, str, str]]:
    """(label, who asks, URL) for every page timed. URLs are paths, which stay put when views move."""
    from hub.referrals.models import Referral, ReferralStatus
    from hub.workspace.models import ChronologyEntry, FamilyReferral

    waiting = Referral.objects.filter(status__in=[ReferralStatus.SUBMITTED, ReferralStatus.QUERY_RAISED]).count()
    family = FamilyReferral.objects.get(referral__assessments=focus.assessment_id).family_id
    entries = ChronologyEntry.objects.filter(family_id=family).count()
    in_authority = Referral.objects.filter(local_authority_id=focus.local_authority_id).count()
    workspace = f"/workspace/{focus.assessment_id}/"
    return [
        ("Home (assessor)", "assessor", "/"),
        ("Triage queue", "manager", "/referrals/triage/"),
        ("Triage queue, last page", "manager", f"/referrals/triage/?page={max(1, -(-waiting // 50))}"),
        ("Referral list", "manager", "/referrals/"),
        ("Referral list (referrer)", "referrer", "/referrals/"),
        ("Referral list (assessor)", "assessor", "/referrals/"),
        ("Referral page, awaiting triage", "manager", f"/referrals/{focus.triage_referral_id}/"),
        ("Referral page, accepted", "manager", f"/referrals/{focus.accepted_referral_id}/"),
        ("Allocation queue", "manager", "/allocation/"),
        ("Workload", "manager", "/allocation/workload/"),
        ("Timeline", "manager", "/timescales/"),
        ("Timeline, at risk", "manager", "/timescales/?status=at_risk"),
        (
            "Timeline, one LA and type",
            "manager",
            f"/timescales/?local_authority={focus.local_authority_id}&assessment_type=parenting",
        ),
        ("Clock page", "manager", f"/timescales/{focus.clock_id}/"),
        ("My deadlines", "assessor", "/timescales/mine/"),
        ("Workspace overview", "assessor", workspace),
        ("Chronology", "assessor", f"{workspace}chronology/"),
        ("Chronology, last page", "assessor", f"{workspace}chronology/?page={max(1, -(-entries // 100))}"),
        ("Sources", "assessor", f"{workspace}sources/"),
        ("Household", "assessor", f"{workspace}household/"),
        ("Risk", "assessor", f"{workspace}risk/"),
        ("Questions", "assessor", f"{workspace}questions/"),
        ("History", "assessor", f"{workspace}history/"),
        ("Retention reviews", "manager", "/privacy/retention/"),
        ("API list", "api", "/api/v1/referrals"),
        ("API list, last page", "api", f"/api/v1/referrals?page={max(1, -(-in_authority // 25))}"),
        ("API detail", "api", f"/api/v1/referrals/{focus.api_reference}"),
    ]


def explain(client: Any, url: str, *, slowest: int = 3) -> list[str]:
    """The page's slowest queries, each with the database's plan (EXPLAIN ANALYZE on PostgreSQL)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    lines = []
    for query in sorted(captured.captured_queries, key=lambda q: float(q["time"]), reverse=True)[:slowest]:
        sql = query["sql"]
        lines.append(f"  {float(query['time']) * 1000:.1f} ms: {sql[:400]}")
        if not sql.lstrip().upper().startswith("SELECT"):
            continue
        prefix = "EXPLAIN ANALYZE " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
        try:
            with connection.cursor() as cursor:
                cursor.execute(prefix + sql)
                plan = cursor.fetchall()
        except Exception as error:  # a plan is a diagnostic: never stop the run for one
            plan = [(f"(no plan: {error})",)]
        lines += ["      " + " ".join(str(part) for part in row) for row in plan]
    return lines


def measure(
    focus: Focus, *, repetitions: int, warmup: int, only: str = "", explaining: bool = False
) -> dict[str, dict[str, Any]]:
    from django.test import Client

    from hub.accounts.models import ApiToken, User
    from hub.api import services as api_services

    people = {
        "manager": User.objects.get(pk=focus.manager_id),
        "assessor": User.objects.get(pk=focus.assessor_id),
        "referrer": User.objects.get(pk=focus.referrer_id),
    }
    clients: dict[str, Client] = {}
    for role, user in people.items():
        clients[role] = Client()
        sign_in(clients[role], user)
    # A token is shown only once, so each run issues its own.
    ApiToken.objects.filter(name="National benchmark").update(revoked_at=datetime.datetime.now(datetime.UTC))
    _token, raw = api_services.api_token_issue(
        organisation=people["referrer"].organisation, acting_user=people["referrer"], name="National benchmark"
    )
    clients["api"] = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    results = {}
    for label, who, url in pages(focus):
        if only and only.lower() not in label.lower():
            continue
        timing = time_page(clients[who], url, repetitions=repetitions, warmup=warmup)
        results[label] = {**timing.as_dict(), "who": who}
        print(_row(label, timing), file=sys.stderr, flush=True)
        if explaining:
            results[label]["slowest_queries"] = explain(clients[who], url)
            print("\n".join(results[label]["slowest_queries"]), file=sys.stderr, flush=True)
    return results


def _row(label: str, timing: PageTiming) -> str:
    varied = "" if len(timing.query_counts_seen) == 1 else f" (varied: {list(timing.query_counts_seen)})"
    slow = "  > 100 ms" if timing.p95_ms > 100 else ""
    return (
        f"{label:<32} {timing.median_ms:>10.1f} {timing.p95_ms:>9.1f} {timing.cpu_median_ms:>8.1f} "
        f"{timing.queries:>8} {timing.bytes / 1024:>8.0f}{varied}{slow}"
    )


def report_table(results: dict[str, Any]) -> str:
    generation = results["generation"]
    lines = [
        f"National benchmark on {results['database']} ({results['size']}): {results['repetitions']} requests after "
        f"{results['warmup']} warm-up",
        f"Data: {results['sizes']['authorities']} authorities, {results['sizes']['referrals']:,} referrals, "
        f"{results['sizes']['assessments']:,} assessments, {results['sizes']['chronology']:,} chronology entries; "
        f"{generation['total_rows']:,} rows made in {generation['seconds']:.0f} s"
        + (" (kept from an earlier run)" if results.get("reused") else ""),
        f"{'Page':<32} {'Median ms':>10} {'p95 ms':>9} {'CPU ms':>8} {'Queries':>8} {'KiB':>8}",
    ]
    for label, page in results["pages"].items():
        figures = {k: v for k, v in page.items() if k in PageTiming.__dataclass_fields__}
        timing = PageTiming(**figures | {"query_counts_seen": tuple(page["query_counts_seen"])})
        lines.append(_row(label, timing))
    lines.append(f"Load average while timing: {results['machine']['load_average_1_5_15']}")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------------------------
# Running


def _kept_dir(sizes: Sizes, seed: int) -> Path:
    return RESULTS_DIR / f"national-v{GENERATOR_VERSION}-{sizes.key}-seed{seed}"


def prepare(sizes: Sizes, *, seed: int, fresh: bool, keep: bool) -> tuple[Focus, dict, bool]:
    """Set Django up on the national dataset, made now unless a kept SQLite copy exists.

    Returns the records to time, how the data was made, and whether it was kept from an earlier run.
    """
    import os

    if keep and not os.environ.get("DATABASE_URL"):
        var_dir = _kept_dir(sizes, seed)
        marker = var_dir / "generated.json"
        if fresh and var_dir.exists():
            shutil.rmtree(var_dir)
        if marker.exists():
            setup_django(var_dir=var_dir)
            kept = json.loads(marker.read_text())
            return Focus(**kept["focus"]), kept["generation"], True
        if var_dir.exists():
            shutil.rmtree(var_dir)  # half made by a run that stopped
        setup_django(var_dir=var_dir)
        focus, generation = generate(sizes, seed=seed)
        marker.write_text(json.dumps({"focus": asdict(focus), "generation": generation}, indent=2) + "\n")
        return focus, generation, False
    setup_django()
    focus, generation = generate(sizes, seed=seed)
    return focus, generation, False


def run(
    sizes: Sizes,
    *,
    label: str,
    repetitions: int,
    warmup: int,
    seed: int = 0,
    fresh: bool = False,
    keep: bool = True,
    only: str = "",
    explaining: bool = False,
) -> dict[str, Any]:
    focus, generation, reused = prepare(sizes, seed=seed, fresh=fresh, keep=keep)
    print(f"{'Page':<32} {'Median ms':>10} {'p95 ms':>9} {'CPU ms':>8} {'Queries':>8} {'KiB':>8}", file=sys.stderr)
    return {
        "database": database_vendor(),
        "size": label,
        "sizes": asdict(sizes),
        "repetitions": repetitions,
        "warmup": warmup,
        "seed": seed,
        "generation": generation,
        "reused": reused,
        "focus": asdict(focus),
        "pages": measure(focus, repetitions=repetitions, warmup=warmup, only=only, explaining=explaining),
        "machine": machine(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.national", description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", action="store_true", help="1/100 of the sizes, for a quick run")
    parser.add_argument("--repetitions", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--fresh", action="store_true", help="make the SQLite data again even if a kept copy exists")
    parser.add_argument("--only", default="", help="time only the pages whose label contains this")
    parser.add_argument("--scale", type=int, default=1, help="divide the full sizes by this (authorities stay)")
    parser.add_argument("--explain", action="store_true", help="print each page's slowest queries and their plans")
    args = parser.parse_args(argv)
    sizes, label = (SMALL, "small") if args.small else (FULL, "full")
    if args.scale > 1 and not args.small:
        sizes = replace(
            FULL,
            referrals=FULL.referrals // args.scale,
            assessments=FULL.assessments // args.scale,
            chronology=FULL.chronology // args.scale,
        )
        label = f"1 in {args.scale}"
    results = run(
        sizes,
        label=label,
        repetitions=args.repetitions,
        warmup=args.warmup,
        seed=args.seed,
        fresh=args.fresh,
        only=args.only,
        explaining=args.explain,
    )
    print(report_table(results))
    path = write_results(f"national_{results['database']}_{label.replace(' ', '-')}", results)
    print(f"Written to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
