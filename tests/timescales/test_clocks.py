import datetime
from datetime import date

import pytest
import time_machine

from hub.timescales import engine, selectors, services
from hub.timescales.models import Clock, ClosureDay, Status, TimescaleEvent, TimescaleRule
from tests import factories

pytestmark = pytest.mark.django_db


def test_it_starts_a_clock_under_the_rule_for_the_assessment_type(clock):
    # 8 weeks from Monday 2 November 2026 is 28 December, the Boxing Day substitute day.
    assert clock.clock_start == date(2026, 11, 2)
    assert clock.due_date == date(2026, 12, 29)
    assert (clock.draft_due_date, clock.qa_due_date) == (date(2026, 12, 11), date(2026, 12, 22))
    assert clock.rule_version.rule.code == "parenting"
    assert clock.events.get().kind == "started"


def test_it_starts_clocks_once_even_when_asked_twice(clock):
    assert services.timescales_ensure_started() == 0
    assert Clock.objects.count() == 1


def test_it_seeds_every_rule_from_the_sources():
    described = {rule.code: rule.current_version().describe() for rule in TimescaleRule.objects.all()}
    assert described == {
        "parenting": "8 weeks",
        "parenting-addendum": "8 weeks",
        "kinship-viability": "2 weeks",
        "full-fostering": "10 weeks",
        "special-guardianship": "10 weeks",
        "joint-fostering-sgo": "10 weeks",
        "initial-assessment": "10 working days",
        "core-assessment": "35 working days",
        "single-assessment": "45 working days",
        "analysis-shared": "7 working days",
        "private-fostering-visit": "7 calendar days",
        "plan-review": "6 months",
    }


def test_it_moves_the_due_date_by_a_pause_and_records_why(fostering_clock, frozen):
    manager = factories.service_manager()
    pause = services.clock_pause(
        clock=fostering_clock, actor=manager, reason="dbs_check", started_on=date(2026, 11, 3), detail="Carer's DBS"
    )
    fostering_clock.refresh_from_db()
    assert fostering_clock.paused_since == date(2026, 11, 3)
    frozen.move_to(datetime.datetime(2026, 11, 10, 10, 0, tzinfo=datetime.UTC))
    services.clock_resume(pause=pause, actor=manager, ended_on=date(2026, 11, 10))
    fostering_clock.refresh_from_db()
    # 7 days paused: 10 weeks ended on Monday 11 January 2027, 7 days later is Monday 18 January.
    assert (fostering_clock.due_date, fostering_clock.paused_days, fostering_clock.paused_since) == (
        date(2027, 1, 18),
        7,
        None,
    )
    assert list(fostering_clock.events.values_list("kind", flat=True)) == ["started", "paused", "resumed"]
    # Paused on 3 November, the day the pause was recorded: due a day later, 12 January.
    assert fostering_clock.events.last().due_date_before == date(2027, 1, 12)


def test_it_refuses_a_pause_before_the_clock_or_in_the_future(fostering_clock):
    manager = factories.service_manager()
    with pytest.raises(services.ClockError, match="before the clock started"):
        services.clock_pause(clock=fostering_clock, actor=manager, reason="other", started_on=date(2026, 10, 1))
    with pytest.raises(services.ClockError, match="in the future"):
        services.clock_pause(clock=fostering_clock, actor=manager, reason="other", started_on=date(2026, 11, 4))


def test_it_keeps_a_running_clock_on_its_rule_version_until_the_manager_applies_a_new_one(clock):
    manager = factories.service_manager()
    rule = clock.rule_version.rule
    newer = services.rule_version_publish(
        rule=rule,
        actor=None,
        amount=6,
        unit="calendar_weeks",
        draft_to_qa_working_days_before=5,
        qa_done_working_days_before=2,
    )
    clock.refresh_from_db()
    assert (clock.rule_version.number, clock.due_date) == (1, date(2026, 12, 29))
    services.clock_apply_rule_version(clock=clock, version=newer, actor=manager, reason="Agreed with the LA")
    clock.refresh_from_db()
    assert (clock.rule_version.number, clock.due_date) == (2, date(2026, 12, 14))
    event = clock.events.get(kind="rule_applied")
    assert "Agreed with the LA" in event.message
    assert event.actor == manager


def test_it_flags_a_due_date_after_the_courts_filing_date(clock):
    manager = factories.service_manager()
    services.court_date_change_record(
        referral=clock.assessment.referral,
        actor=manager,
        kind="filing_date",
        new_date=date(2026, 12, 18),
        reason="Court brought the filing date forward",
    )
    clock.refresh_from_db()
    assert clock.court_conflict
    assert clock.filing_date == date(2026, 12, 18)


def test_it_moves_working_day_dates_when_a_closure_day_is_added(frozen):
    ClosureDay.objects.create(day=date(2026, 12, 11), name="Office move")
    cal = services.working_calendar()
    assert not cal.is_working_day(date(2026, 12, 11))


# The database's status expression must agree with the engine's, case by case.
@pytest.mark.parametrize(
    ("changes", "status"),
    [
        ({}, Status.ON_TRACK),
        ({"due_date": date(2026, 11, 13)}, Status.AT_RISK),  # 8 working days left, no draft
        ({"due_date": date(2026, 11, 13), "draft_submitted_on": date(2026, 11, 2)}, Status.ON_TRACK),
        ({"draft_due_date": date(2026, 11, 2)}, Status.AT_RISK),  # draft late
        ({"due_date": date(2026, 11, 2)}, Status.OVERDUE),
        ({"paused_since": date(2026, 11, 3)}, Status.PAUSED),
        ({"filing_date": date(2026, 12, 1)}, Status.AT_RISK),
    ],
)
def test_it_computes_the_same_status_in_the_database_as_in_the_engine(clock, changes, status):
    for name, value in changes.items():
        setattr(clock, name, value)
    if "paused_since" in changes:
        clock.pauses.create(reason="other", started_on=changes["paused_since"], recorded_by=factories.service_manager())
    if "filing_date" in changes:
        clock.court_conflict = True
    clock.save()
    as_of = date(2026, 11, 3)
    cal = services.working_calendar()
    row = selectors.with_status(
        Clock.objects.filter(pk=clock.pk), as_of=as_of, at_risk_from=engine.at_risk_from(as_of, cal)
    ).get()
    report = engine.assess(selectors.clock_facts(row, as_of=as_of), as_of=as_of, calendar_=cal)
    assert row.status == report.status.value == status


def test_it_lets_an_assessor_see_only_their_own_clocks(clock):
    other = factories.assessor()
    assert list(selectors.timescales_visible_to(clock.assessment.assessor)) == [clock]
    assert not selectors.timescales_visible_to(other).exists()
    assert not selectors.timescales_visible_to(factories.referrer()).exists()
    assert selectors.timescales_visible_to(factories.service_manager()).count() == 1


def test_it_records_events_for_every_change(clock):
    assert TimescaleEvent.objects.filter(clock=clock).count() == 1
    with time_machine.travel(datetime.datetime(2026, 11, 20, 10, tzinfo=datetime.UTC), tick=False):
        services.milestone_record(
            clock=clock, actor=clock.assessment.assessor, milestone="draft_to_qa", reached_on=date(2026, 11, 20)
        )
    clock.refresh_from_db()
    assert clock.draft_submitted_on == date(2026, 11, 20)


def test_it_refuses_to_let_an_assessor_record_that_qa_is_done(clock, frozen):
    assessor = clock.assessment.assessor
    with pytest.raises(services.QualityAssuranceRefused, match="Only a service manager"):
        services.milestone_record(clock=clock, actor=assessor, milestone="qa_done", reached_on=date(2026, 11, 3))
    with pytest.raises(services.QualityAssuranceRefused):
        services.milestone_record(clock=clock, actor=assessor, milestone="qa_done", reached_on=None)
    clock.refresh_from_db()
    assert clock.qa_completed_on is None
    # The assessor records the draft; the service manager records QA.
    services.milestone_record(clock=clock, actor=assessor, milestone="draft_to_qa", reached_on=date(2026, 11, 3))
    services.milestone_record(
        clock=clock, actor=factories.service_manager(), milestone="qa_done", reached_on=date(2026, 11, 3)
    )
    clock.refresh_from_db()
    assert (clock.draft_submitted_on, clock.qa_completed_on) == (date(2026, 11, 3), date(2026, 11, 3))


@pytest.mark.parametrize("assessment_type", ["parenting", "parenting_addendum", "kinship_viability"])
def test_it_refuses_to_pause_a_timescale_without_checks_permitting(frozen, assessment_type):
    with time_machine.travel(datetime.datetime(2026, 11, 2, 9, tzinfo=datetime.UTC), tick=False):
        assessment = factories.accepted_assessment(assessor_user=factories.assessor(), assessment_type=assessment_type)
    clock = services.clock_for(assessment)
    with pytest.raises(services.ClockError, match=r"cannot be paused.*Record an extension agreed with the court"):
        services.clock_pause(
            clock=clock, actor=factories.service_manager(), reason="dbs_check", started_on=date(2026, 11, 3)
        )
    assert not clock.pauses.exists()


def test_it_pauses_only_the_timescales_the_sources_say_are_checks_permitting():
    pausable = {rule.code for rule in TimescaleRule.objects.all() if rule.current_version().pausable}
    assert pausable == {"full-fostering", "special-guardianship", "joint-fostering-sgo"}
    sources = dict(TimescaleRule.objects.values_list("code", "source"))
    assert '"10 weeks for full fostering (checks permitting)"' in sources["full-fostering"]
    assert '"2 weeks for viabilities"' in sources["kinship-viability"]
    assert "This includes Addendum assessments" in sources["parenting-addendum"]
    assert "joint fostering/SGO" in sources["special-guardianship"]
    assert sources["single-assessment"].startswith("Not in the source documents: Working Together")


def test_it_records_an_extension_and_counts_the_assessment_outside_its_timescale(clock, frozen):
    manager = factories.service_manager()
    assert clock.due_date == date(2026, 12, 29)
    extension = services.clock_extend(
        clock=clock,
        actor=manager,
        cause="family_unavailable",
        detail="Mother in hospital for three weeks",
        extended_to=date(2027, 1, 19),
        agreed_on=date(2026, 11, 3),
    )
    clock.refresh_from_db()
    assert (clock.due_date, clock.extended_to, extension.due_date_before) == (
        date(2027, 1, 19),
        date(2027, 1, 19),
        date(2026, 12, 29),
    )
    event = clock.events.last()
    assert (event.kind, event.due_date_before, event.due_date_after) == (
        "extended",
        date(2026, 12, 29),
        date(2027, 1, 19),
    )
    # Outside the timescale in every figure: the engine and the timeline's database expression agree.
    as_of = date(2026, 11, 3)
    cal = services.working_calendar()
    report = engine.assess(selectors.clock_facts(clock, as_of=as_of), as_of=as_of, calendar_=cal)
    assert report.status == Status.EXTENDED
    assert report.explanation.startswith("Extended by the court to 19 Jan 2027; ")
    row = selectors.with_status(
        Clock.objects.filter(pk=clock.pk), as_of=as_of, at_risk_from=engine.at_risk_from(as_of, cal)
    ).get()
    assert row.status == Status.EXTENDED
    counts = selectors.status_counts(
        selectors.live_timeline(manager, filters=selectors.TimelineFilters(), as_of=as_of, calendar_=cal)
    )
    assert (counts["extended"], counts["on_track"], counts["at_risk"]) == (1, 0, 0)
    # Recomputing every clock (the daily job) keeps the court's date.
    services.timescales_recompute_live()
    clock.refresh_from_db()
    assert (clock.due_date, clock.extended_to) == (date(2027, 1, 19), date(2027, 1, 19))


def test_it_refuses_an_extension_that_is_not_later_than_the_due_date(clock, frozen):
    with pytest.raises(services.ClockError, match="after the date now due, 29 Dec 2026"):
        services.clock_extend(
            clock=clock,
            actor=factories.service_manager(),
            cause="other",
            extended_to=date(2026, 12, 29),
            agreed_on=date(2026, 11, 3),
        )
    assert not clock.extensions.exists()


def test_it_brings_rules_seeded_as_pausable_up_to_date_with_a_new_version(clock):
    """The data migration (0004), on a database seeded before it: a new version, running clocks keep theirs."""
    from django.apps import apps

    from hub.timescales.models import TimescaleRuleVersion
    from hub.timescales.seeds import bring_up_to_date

    parenting = TimescaleRule.objects.get(code="parenting")
    TimescaleRuleVersion.objects.filter(rule=parenting).update(pausable=True)
    TimescaleRule.objects.filter(pk=parenting.pk).update(source="Hub good practice event: 8 weeks")

    published = bring_up_to_date(
        apps.get_model("timescales", "TimescaleRule"), apps.get_model("timescales", "TimescaleRuleVersion"), note="N"
    )

    assert published == ["parenting"]
    parenting.refresh_from_db()
    latest = parenting.current_version()
    assert (latest.number, latest.pausable, latest.amount, latest.note) == (2, False, 8, "N")
    assert "checks permitting" in parenting.source
    clock.refresh_from_db()
    assert clock.rule_version.number == 1
    assert (
        bring_up_to_date(
            apps.get_model("timescales", "TimescaleRule"),
            apps.get_model("timescales", "TimescaleRuleVersion"),
            note="N",
        )
        == []
    )


def test_it_takes_no_pause_on_a_clock_the_court_has_extended(fostering_clock, frozen):
    manager = factories.service_manager()
    services.clock_extend(
        clock=fostering_clock,
        actor=manager,
        cause="court_adjournment",
        extended_to=date(2027, 2, 1),
        agreed_on=date(2026, 11, 3),
    )
    with pytest.raises(services.ClockError, match="extended this timescale to 1 Feb 2027"):
        services.clock_pause(clock=fostering_clock, actor=manager, reason="medical", started_on=date(2026, 11, 3))
