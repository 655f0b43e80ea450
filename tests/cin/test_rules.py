"""The children in need rules, on fixed dates: deadlines across bank holidays, sharing before a decision,
reviews, the cumulative-risk prompt, family plans and ending involvement."""

from datetime import date

import pytest

from hub.cin import rules
from hub.core.calendar import WorkingCalendar

CALENDAR = WorkingCalendar()


@pytest.mark.parametrize(
    ("kind", "started", "due"),
    [
        # Friday 20 December 2024: Christmas Day, Boxing Day and New Year's Day are not working days.
        ("initial", date(2024, 12, 20), date(2025, 1, 8)),
        # Without a bank holiday in the way: ten working days is two weeks.
        ("initial", date(2024, 11, 4), date(2024, 11, 18)),
        # Thursday 17 April 2025: Good Friday (18th), Easter Monday (21st) and the early May
        # bank holiday (5 May) are skipped.
        ("initial", date(2025, 4, 17), date(2025, 5, 6)),
        # 35 working days from 10 April 2025 cross Easter and the early May bank holiday (5 May).
        ("core", date(2025, 4, 10), date(2025, 6, 4)),
        # 45 working days from 1 December 2025 cross Christmas 2025 and New Year 2026.
        ("single", date(2025, 12, 1), date(2026, 2, 5)),
    ],
)
def test_it_counts_assessment_deadlines_in_working_days_across_bank_holidays(kind, started, due):
    assert rules.assessment_due(kind, started, CALENDAR) == due


def test_an_authority_on_the_single_assessment_has_only_that_kind():
    assert rules.kinds_for("single") == (rules.AssessmentKind.SINGLE,)
    assert rules.kinds_for("initial_and_core") == (rules.AssessmentKind.INITIAL, rules.AssessmentKind.CORE)


def test_the_analysis_must_reach_the_family_seven_working_days_before_the_decision_meeting():
    # Meeting on Thursday 2 January 2025: seven working days back skips Christmas, Boxing Day and New Year.
    meeting = date(2025, 1, 2)
    assert rules.share_analysis_by(meeting, CALENDAR) == date(2024, 12, 19)
    assert rules.analysis_sharing_problem(date(2024, 12, 19), meeting, CALENDAR) is None
    late = rules.analysis_sharing_problem(date(2024, 12, 20), meeting, CALENDAR)
    assert late is not None and "6 working days" in late and "19 December 2024" in late
    assert "Share the analysis" in (rules.analysis_sharing_problem(None, meeting, CALENDAR) or "")


def test_several_tier_two_factors_prompt_the_worker_to_consider_the_cumulative_risk():
    assert rules.cumulative_risk_prompt(2, ["attendance", "housing"]) is None
    prompt = rules.cumulative_risk_prompt(2, ["attendance", "housing", "conflict"])
    assert prompt is not None and "3 tier 2 factors" in prompt and "chronic neglect" in prompt
    # At tier 3 the threshold is already met: no prompt.
    assert rules.cumulative_risk_prompt(3, ["attendance", "housing", "conflict"]) is None


def test_an_unborn_child_is_opened_on_their_circumstances_with_the_midwife_included():
    problems = rules.referral_problems(rules.ReferralFacts(unborn=True))
    assert any("expected date of delivery alone" in p for p in problems)
    assert any("midwife" in p for p in problems)
    assert rules.referral_problems(rules.ReferralFacts(unborn=True, unborn_circumstances="x", midwife="y")) == []


@pytest.mark.parametrize(
    ("started", "last", "stable", "due"),
    [
        (date(2024, 8, 31), None, False, date(2025, 2, 28)),  # six months, to the month's last day
        (date(2024, 6, 20), date(2024, 12, 5), False, date(2025, 6, 5)),  # from the last review
        (date(2024, 6, 20), None, True, date(2025, 6, 20)),  # stable, long-term needs: annually
    ],
)
def test_plans_are_reviewed_at_least_every_six_months_or_annually_when_stable(started, last, stable, due):
    assert rules.next_review_due(started_on=started, last_review_on=last, stable_long_term=stable) == due


def test_a_family_plan_is_partly_agreed_when_some_parts_are_refused_with_reasons():
    agreed = rules.ProposalFacts("School runs", "agreed", "")
    refused = rules.ProposalFacts("Weekends with uncle", "not_agreed", "Conviction for violence")
    assert rules.family_plan_outcome([agreed, refused]) == rules.PlanOutcome.PARTLY_AGREED
    assert rules.family_plan_outcome([agreed]) == rules.PlanOutcome.AGREED
    assert rules.family_plan_outcome([agreed, rules.ProposalFacts("x", "", "")]) == rules.PlanOutcome.UNDECIDED
    assert rules.proposal_problems(rules.ProposalFacts("x", "not_agreed", "")) != []


def test_ending_involvement_names_everyone_still_to_be_notified():
    facts = rules.ClosureFacts(
        decided_by_manager=False,
        family_views="",
        agency_views="Agreed",
        step_down=True,
        caf_lead_professional="",
        notified=["parental_responsibility"],
    )
    problems = rules.closure_problems(facts)
    assert any("team manager" in p for p in problems)
    assert any("views of the child and family" in p for p in problems)
    assert any("lead professional" in p for p in problems)
    assert "Notify: new agencies named in any step-down plan" in problems
    assert "Notify: the carer" in problems
    assert not any("parental responsibility" in p for p in problems)
