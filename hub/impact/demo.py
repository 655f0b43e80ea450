"""Demo data for the impact dashboard: a full hub year across the nine authorities, and training.

The year's referrals are loaded the way a hub starting on this service would load
its spreadsheet: a synthetic history file, built here, through `import_history`'s
own service, so their clocks, pauses, QA rounds and outcomes are made by the same
rules as a live case's. The training year is sessions of every course with places
booked by each authority's staff, attendance and feedback.

Called at the end of `manage.py seed_demo`. Idempotent: a second run finds the
history already loaded and the sessions already there. Everything here is invented.
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from hub.accounts.models import AssessorProfile, Organisation, OrganisationKind, Role, User
from hub.impact import history, services
from hub.impact.models import ImportedReferral
from hub.training import seeds as training_seeds
from hub.training.models import AttendeeFeedback, Booking, BookingStatus, Course, TrainingSession

EMAIL_DOMAIN = "example.org"
PREFIX = "DEMO-YEAR-"
MANAGER = f"manager@{EMAIL_DOMAIN}"
# (type, weight): mostly parenting and kinship, as in the sources.
TYPES = [
    ("parenting", 40),
    ("kinship_viability", 20),
    ("joint_fostering_sgo", 10),
    ("special_guardianship", 10),
    ("full_fostering", 8),
    ("parenting_addendum", 12),
]
DAYS = {"parenting": 56, "parenting_addendum": 56, "kinship_viability": 14}
GIVEN = ["Alex", "Bea", "Cal", "Dee", "Eli", "Fay", "Gus", "Hana", "Ira", "Jo", "Kit", "Lou", "Mo", "Nia", "Oz", "Pat"]
FAMILY = ["Ashworth", "Brindle", "Calloway", "Dunmere", "Elstow", "Fennick", "Garside", "Holloway", "Ingram"]


def _history_rows(*, today: datetime.date, authorities: list[Organisation], assessors: list[tuple[str, int]]) -> list:
    """About five referrals a month for a year (the sources' hub had twelve in three months): most filed,
    a few still live, some declined."""
    rng = random.Random(2026)  # noqa: S311  # demo data, not secrets
    rows: list[list[str]] = [list(history.COLUMN_NAMES)]
    kinds = [kind for kind, _ in TYPES]
    weights = [weight for _, weight in TYPES]
    for n in range(61):
        received = today - datetime.timedelta(days=4 + (60 - n) * 6 + rng.randint(0, 2))
        while received.weekday() >= 5:
            received -= datetime.timedelta(days=1)
        authority = authorities[rng.randrange(len(authorities))]
        kind = rng.choices(kinds, weights)[0]
        fostering = kind != "parenting" and rng.random() < 0.4
        reason = "disputed_fostering" if fostering else rng.choice(["disagreement", "previous_quality", "other"])
        allowed = DAYS.get(kind, 70)
        instructed = allowed + rng.choice([0, 7, 14, 21, 28])
        cells = {
            "reference": f"{PREFIX}{n + 1:03d}",
            "local_authority": authority.name,
            "assessment_type": kind,
            "reason": reason,
            "received": received.isoformat(),
            "court_filing_date": (received + datetime.timedelta(days=instructed)).isoformat(),
        }
        if rng.random() < 0.12:
            cells |= {"decision": "declined", "decided": (received + datetime.timedelta(days=2)).isoformat()}
            rows.append([cells.get(name, "") for name in history.COLUMN_NAMES])
            continue
        pauses = []
        paused = 0
        if allowed == 70 and rng.random() < 0.6:
            # The sources' key theme: DBS checks and medicals hold up kinship and fostering assessments.
            start = received + datetime.timedelta(days=rng.randint(7, 20))
            length = rng.randint(7, 28)
            pauses.append(f"dbs_check {start.isoformat()}/{(start + datetime.timedelta(days=length)).isoformat()}")
            paused += length
            if rng.random() < 0.5:
                start = start + datetime.timedelta(days=length + rng.randint(1, 10))
                length = rng.randint(5, 21)
                pauses.append(f"medical {start.isoformat()}/{(start + datetime.timedelta(days=length)).isoformat()}")
                paused += length
        # Most well inside the timescale, "two to four weeks shorter than typically instructed" (001); a few late.
        rounds = rng.choices([1, 2, 3], [70, 24, 6])[0]
        allocated_after = rng.randint(1, 3)
        taken = allowed + paused - rng.choice([1, 3, 5, 7, 10, 14]) + (12 if rng.random() < 0.08 else 0)
        # Room for the assessment, the draft and every QA round after the allocation.
        taken = max(taken, allocated_after + 5 + 2 * rounds)
        filed = received + datetime.timedelta(days=taken)
        allocated = received + datetime.timedelta(days=allocated_after)
        independent = [email for email, home in assessors if home != authority.pk]
        cells |= {
            "decision": "accepted",
            "decided": (received + datetime.timedelta(days=1)).isoformat(),
            "allocated": allocated.isoformat(),
            "pauses": "; ".join(pauses),
        }
        if filed >= today - datetime.timedelta(days=1):
            # Still live: waiting for an assessor (the year's last few referrals).
            cells |= {"allocated": "", "pauses": ""}
            rows.append([cells.get(name, "") for name in history.COLUMN_NAMES])
            continue
        cells |= {
            "assessor_email": rng.choice(independent) if independent else "",
            "draft_to_qa": (filed - datetime.timedelta(days=3 + 2 * rounds)).isoformat(),
            "qa_done": (filed - datetime.timedelta(days=1)).isoformat(),
            "qa_rounds": str(rounds),
            "filed": filed.isoformat(),
            "recommendation": "positive" if rng.random() < 0.55 else "negative",
            "la_changed_plan": "yes" if rng.random() < 0.15 else ("no" if rng.random() < 0.5 else ""),
        }
        rows.append([cells.get(name, "") for name in history.COLUMN_NAMES])
    return rows


def _csv(rows: list[list[str]]) -> bytes:
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode()


def _staff(authority: Organisation) -> User:
    """A training coordinator in each authority: they book places for their teams."""
    slug = authority.name.lower().replace(" ", "-")
    email = f"training.{slug}@{EMAIL_DOMAIN}"
    user, created = User.objects.get_or_create(
        username=email,
        defaults={
            "email": email,
            "full_name": f"{GIVEN[authority.pk % len(GIVEN)]} {FAMILY[authority.pk % len(FAMILY)]}",
            "role": Role.REFERRER,
            "organisation": authority,
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _training_year(*, today: datetime.date, authorities: list[Organisation]) -> None:
    """Sessions of every course over the past year and the next two months, with places booked."""
    rng = random.Random(447)  # noqa: S311  # demo data, not secrets
    zone = timezone.get_current_timezone()
    if not Course.objects.exists():
        # The courses come by a migration; a database emptied since (as the browser tests' is) has none.
        training_seeds.seed(Course)
    courses = list(Course.objects.filter(is_active=True).order_by("code"))
    staff = {la.pk: _staff(la) for la in authorities}
    bookings: list[Booking] = []
    for week in range(-52, 9, 2):
        course = courses[(week // 2) % len(courses)]
        day = today + datetime.timedelta(weeks=week)
        day -= datetime.timedelta(days=day.weekday() - 2)  # a Wednesday
        online = course.code in ("research-webinar",)
        starts = datetime.datetime.combine(day, datetime.time(10 if not online else 13), tzinfo=zone)
        places = 40 if online else rng.choice([12, 16, 20, 24])
        session = TrainingSession.objects.create(
            course=course,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2 if online else 6),
            places=places,
            venue="" if online else "Hub training room, Chester",
            online_link="https://training.example.org/webinar" if online else "",
        )
        past = starts < timezone.now()
        wanted = rng.randint(places // 2, places + (4 if not past else 0))
        for n in range(wanted):
            la = authorities[rng.randrange(len(authorities))]
            given, family = rng.choice(GIVEN), rng.choice(FAMILY)
            booked_at = starts - datetime.timedelta(days=rng.randint(7, 40))
            full = n >= places
            attended = (rng.random() < 0.88) if past and not full else None
            bookings.append(
                Booking(
                    session=session,
                    local_authority=la,
                    booked_by=staff[la.pk],
                    attendee_name=f"{given} {family}",
                    attendee_email=f"{given}.{family}.{session.pk}.{n}@{EMAIL_DOMAIN}".lower(),
                    status=BookingStatus.WAITING if full else BookingStatus.BOOKED,
                    booked_at=booked_at,
                    placed_at=None if full else booked_at,
                    attended=attended,
                )
            )
    Booking.objects.bulk_create(bookings, batch_size=500)
    attended_ids = list(Booking.objects.filter(attended=True).values_list("pk", flat=True))
    AttendeeFeedback.objects.bulk_create(
        [
            AttendeeFeedback(
                booking_id=pk,
                usefulness=rng.choices([5, 4, 3, 2], [55, 30, 12, 3])[0],
                will_change_practice=rng.random() < 0.8,
                comment="",
            )
            for pk in attended_ids[::3]
        ],
        batch_size=500,
    )


@transaction.atomic
def impact_demo_seed() -> None:
    manager = User.objects.filter(email=MANAGER, role=Role.SERVICE_MANAGER).first()
    if manager is None:
        return
    today = timezone.localdate()
    authorities = list(Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY).order_by("name"))
    if not ImportedReferral.objects.filter(source_reference__startswith=PREFIX).exists():
        assessors = list(
            AssessorProfile.objects.filter(user__email__endswith=f"@{EMAIL_DOMAIN}").values_list(
                "user__email", "seconded_from_id"
            )
        )
        rows = _history_rows(today=today, authorities=authorities, assessors=assessors)
        services.history_import(name="demo-hub-year.csv", content=_csv(rows), actor=manager)
    if not TrainingSession.objects.exists():
        _training_year(today=today, authorities=authorities)
