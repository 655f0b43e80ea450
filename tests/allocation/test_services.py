"""Allocating, reallocating and confirming a batch, against the database."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from hub.allocation import selectors, services
from hub.allocation.models import AllocationKind, AllocationRecord, LeavePeriod
from hub.core.calendar import LONDON, WorkingCalendar
from hub.timescales.services import working_calendar
from tests import factories
from tests.allocation.builders import assessor, load, queued

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager():
    return factories.service_manager()


def test_it_allocates_the_best_match_and_keeps_the_record(manager):
    assessment = queued("Liverpool", language="Polish", learning_needs=True)
    best = assessor("Halton", skills=("parentassess",), languages="Polish", travel=("Liverpool",))
    assessor("Wirral")

    record = services.assessment_allocate(assessment_id=assessment.pk, assessor_id=best.pk, actor=manager)

    assessment.refresh_from_db()
    assert (assessment.assessor, assessment.status) == (best, "in_progress")
    assert (record.kind, record.rank, record.decided_by, record.reason) == (AllocationKind.ALLOCATED, 1, manager, "")
    assert record.match_reasons.startswith(
        "Seconded from Halton: independent; 0 of 3 cases; ParentAssess trained; Speaks Polish"
    )
    assert record.deadline == selectors.assessment_deadline(assessment)


def test_it_asks_why_when_the_manager_chooses_against_the_best_match(manager):
    assessment = queued("Liverpool", learning_needs=True)
    assessor("Halton", skills=("parentassess",))
    other = assessor("Wirral")

    with pytest.raises(services.ReasonRequired):
        services.assessment_allocate(assessment_id=assessment.pk, assessor_id=other.pk, actor=manager)
    record = services.assessment_allocate(
        assessment_id=assessment.pk, assessor_id=other.pk, actor=manager, reason="Knows the family's school"
    )
    assert (record.rank, record.reason) == (2, "Knows the family's school")


@pytest.mark.parametrize("why", ["home", "full", "leave", "secondment"])
def test_it_refuses_whatever_breaks_a_hard_rule(manager, why):
    assessment = queued("Liverpool")
    person = assessor("Liverpool" if why == "home" else "Halton", max_concurrent=1)
    if why == "full":
        load(person, 1)
    if why == "leave":
        deadline = selectors.assessment_deadline(assessment)
        LeavePeriod.objects.create(profile=person.assessor_profile, starts=deadline, ends=deadline)
    if why == "secondment":
        # The whole secondment is on the profile: where from, and until when.
        profile = person.assessor_profile
        profile.secondment_ends = selectors.assessment_deadline(assessment) - datetime.timedelta(days=1)
        profile.save()

    with pytest.raises(services.AllocationRefused) as refused:
        services.assessment_allocate(assessment_id=assessment.pk, assessor_id=person.pk, actor=manager, reason="x")

    expected = {
        "home": "not independent",
        "full": "1 of 1 cases: no free place",
        "leave": "over the deadline",
        "secondment": "before the deadline",
    }[why]
    assert expected in str(refused.value)
    assessment.refresh_from_db()
    assert assessment.assessor is None
    assert not AllocationRecord.objects.filter(assessment=assessment).exists()


def test_it_refuses_an_assessment_already_allocated(manager):
    assessment = queued("Liverpool")
    first, second = assessor("Halton"), assessor("Wirral")
    services.assessment_allocate(assessment_id=assessment.pk, assessor_id=first.pk, actor=manager, reason="x")
    with pytest.raises(services.AllocationRefused, match="already been allocated"):
        services.assessment_allocate(assessment_id=assessment.pk, assessor_id=second.pk, actor=manager, reason="x")


def test_it_reallocates_keeping_the_history_the_reason_and_the_deadline(manager):
    assessment = queued("Liverpool")
    leaving, taking_over = assessor("Halton"), assessor("Wirral")
    services.assessment_allocate(assessment_id=assessment.pk, assessor_id=leaving.pk, actor=manager, reason="x")
    deadline = selectors.assessment_deadline(assessment)

    with pytest.raises(services.ReasonRequired):
        services.assessment_reallocate(
            assessment_id=assessment.pk, assessor_id=taking_over.pk, actor=manager, reason=" "
        )
    services.assessment_reallocate(
        assessment_id=assessment.pk, assessor_id=taking_over.pk, actor=manager, reason="Off sick until March"
    )

    assessment.refresh_from_db()
    assert assessment.assessor == taking_over
    history = list(selectors.allocation_history(assessment))
    assert [(r.kind, r.assessor, r.previous_assessor, r.reason) for r in history] == [
        ("allocated", leaving, None, "x"),
        ("reallocated", taking_over, leaving, "Off sick until March"),
    ]
    assert history[1].deadline == deadline == selectors.assessment_deadline(assessment)


def test_it_sends_an_addendum_back_to_the_writer_of_the_original_report(manager):
    referral = factories.complete_referral(
        status="accepted", assessment_types=["parenting", "parenting_addendum"], by=factories.referrer("Liverpool")
    )
    writer, other = assessor("Halton", name="Writer Example"), assessor("Wirral")
    original = referral.assessments.get(assessment_type="parenting")
    services.assessment_allocate(assessment_id=original.pk, assessor_id=writer.pk, actor=manager)
    addendum = referral.assessments.get(assessment_type="parenting_addendum")

    [facts] = selectors.assessment_facts([addendum])
    assert facts.original_assessor_id == writer.pk
    with pytest.raises(services.ReasonRequired):
        services.assessment_allocate(assessment_id=addendum.pk, assessor_id=other.pk, actor=manager)


def test_it_confirms_part_of_a_batch_and_reports_what_it_could_not(manager):
    first, second, third = queued("Liverpool"), queued("Sefton"), queued("Knowsley")
    person = assessor("Halton", max_concurrent=1)
    spare = assessor("Wirral")

    outcome = services.allocations_confirm(
        pairs=[(first.pk, person.pk), (second.pk, person.pk), (third.pk, spare.pk)], actor=manager
    )

    assert [r.assessment_id for r in outcome.allocated] == [first.pk, third.pk]
    assert all(r.from_batch for r in outcome.allocated)
    assert outcome.refused == [
        (second.pk, f"{person.full_name} cannot take this assessment: 1 of 1 cases: no free place.")
    ]


# A Wednesday: a day's leave then leaves other working days in its week. On a Friday
# the one day of leave is all that is left of the week, which rightly has no place.
@time_machine.travel(datetime.datetime(2026, 12, 2, 10, tzinfo=LONDON), tick=False)
def test_it_counts_free_places_on_the_workload(manager):
    person = assessor("Halton", max_concurrent=3)
    load(person, 2)
    LeavePeriod.objects.create(profile=person.assessor_profile, starts=timezone.localdate(), ends=timezone.localdate())
    today = timezone.localdate()
    calendar_ = working_calendar()
    [row] = selectors.workload(today, calendar_=calendar_)
    assert (row.facts.live_count, row.facts.free_places, len(row.cases)) == (2, 1, 2)
    # Working days on the timescales clock's calendar, as the timeline counts them.
    assert [c.working_days_left for c in row.cases] == [
        calendar_.working_days_between(today, c.deadline) for c in row.cases
    ]
    # The viability (two weeks) is done by the sixth week; the parenting assessment (eight) is not.
    assert (row.weeks[0].free, row.weeks[-1].free) == (1, 2)


def test_it_gives_the_demo_assessors_their_details_once():
    from hub.accounts.models import AssessorProfile, Role, User
    from hub.allocation.demo import assessor_details_seed

    person = User.objects.create_user(
        username="assessor.halton@example.org", full_name="Demo Example", role=Role.ASSESSOR
    )
    AssessorProfile.objects.create(user=person, seconded_from=factories.local_authority("Halton"))
    for la in ["Liverpool", "Knowsley", "St Helens"]:
        factories.local_authority(la)
    assessor_details_seed()
    assessor_details_seed()
    [facts] = selectors.assessor_facts(timezone.localdate())
    assert facts.skills == {"parentassess", "family_time_observation"}
    assert facts.languages == {"polish"}
    assert len(facts.travel_area_ids) == 3


def test_it_takes_the_deadline_from_the_timescales_clock_once_it_has_started():
    import datetime

    from hub.timescales.models import Clock
    from hub.timescales.services import timescales_ensure_started

    assessment = queued("Liverpool")
    from hub.timescales.seeds import first_published_due_date

    # Before it has a clock (builders make assessments without one): the rule as first published.
    Clock.objects.filter(assessment=assessment).delete()
    assessment.refresh_from_db()
    start = timezone.localdate(assessment.clock_started_at)
    assert selectors.assessment_deadline(assessment) == first_published_due_date("parenting", start, WorkingCalendar())
    timescales_ensure_started()
    Clock.objects.filter(assessment=assessment).update(due_date=datetime.date(2027, 2, 1))
    [facts] = selectors.assessment_facts(selectors.with_family(selectors.unallocated_queue()))
    assert facts.deadline == datetime.date(2027, 2, 1)


def test_it_emails_the_assessor_once_the_allocation_is_saved(
    manager, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.HUB_BASE_URL = "https://hub.example.org"
    assessment = queued("Liverpool")
    person = assessor("Halton")
    child_names = [c.full_name for c in assessment.referral.children.all()]
    adult_names = [a.full_name for a in assessment.referral.adults.all()]

    with django_capture_on_commit_callbacks(execute=True):
        services.assessment_allocate(assessment_id=assessment.pk, assessor_id=person.pk, actor=manager)

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [person.email]
    deadline = selectors.assessment_deadline(assessment)
    assert assessment.referral.reference in mail.subject
    assert "Parenting assessment" in mail.body
    assert f"{deadline.day} {deadline:%B %Y}" in mail.body
    assert f"https://hub.example.org/workspace/{assessment.pk}/" in mail.body
    for name in child_names + adult_names:
        assert name not in mail.subject + mail.body


def test_it_emails_nobody_when_the_allocation_is_refused(manager, mailoutbox, django_capture_on_commit_callbacks):
    assessment = queued("Liverpool")
    same_authority = assessor("Liverpool")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(services.AllocationRefused):
        services.assessment_allocate(assessment_id=assessment.pk, assessor_id=same_authority.pk, actor=manager)

    assert mailoutbox == []


def test_it_emails_both_assessors_on_a_reallocation_without_the_reason(
    manager, mailoutbox, django_capture_on_commit_callbacks
):
    first = assessor("Halton", name="Wren Okafor")
    second = assessor("Wirral", name="Ada Fenwick")
    assessment = queued("Liverpool")
    services.assessment_allocate(assessment_id=assessment.pk, assessor_id=first.pk, actor=manager)

    with django_capture_on_commit_callbacks(execute=True):
        services.assessment_reallocate(
            assessment_id=assessment.pk, assessor_id=second.pk, actor=manager, reason="Wren is off sick until May"
        )

    assert sorted(tuple(m.to) for m in mailoutbox) == sorted([(second.email,), (first.email,)])
    for mail in mailoutbox:
        assert assessment.referral.reference in mail.subject
        assert "off sick" not in mail.body
    to_new = next(m for m in mailoutbox if m.to == [second.email])
    assert "reallocated to you" in to_new.body


def test_it_refuses_a_fourth_allocation_whatever_the_assessors_own_limit_says(manager):
    from django.db import IntegrityError, transaction

    person = assessor("Halton")
    load(person, 3)
    profile = person.assessor_profile
    # The database refuses a limit above the hub's three ("a maximum of three per social worker")...
    profile.max_concurrent_assessments = 4
    with pytest.raises(IntegrityError), transaction.atomic():
        profile.save()
    # ...so however the row got its number, the fourth is refused.
    fourth = queued("Liverpool")
    with pytest.raises(services.AllocationRefused, match="3 of 3 cases: no free place"):
        services.assessment_allocate(assessment_id=fourth.pk, assessor_id=person.pk, actor=manager, reason="Test")
    assert AllocationRecord.objects.filter(assessor=person).count() == 3


def test_it_caps_every_assessor_at_the_hubs_setting(manager, settings):
    settings.HUB_MAX_ASSESSMENTS_PER_ASSESSOR = 2
    person = assessor("Halton", max_concurrent=3)
    load(person, 2)
    third = queued("Liverpool")
    with pytest.raises(services.AllocationRefused, match="2 of 2 cases: no free place"):
        services.assessment_allocate(assessment_id=third.pk, assessor_id=person.pk, actor=manager, reason="Test")
    [facts] = selectors.assessor_facts(timezone.localdate())
    assert (facts.max_concurrent, facts.free_places) == (2, 0)


def test_it_tells_the_administrator_the_hubs_maximum(settings):
    from django.core.exceptions import ValidationError

    person = assessor("Halton")
    profile = person.assessor_profile
    profile.max_concurrent_assessments = 4
    with pytest.raises(ValidationError) as refused:
        profile.full_clean()
    assert refused.value.message_dict["max_concurrent_assessments"] == [
        "An assessor can hold at most 3 assessments at a time, the hub's maximum"
    ]
    settings.HUB_MAX_ASSESSMENTS_PER_ASSESSOR = 2
    profile.max_concurrent_assessments = 3
    with pytest.raises(ValidationError, match="at most 2 assessments"):
        profile.full_clean()
