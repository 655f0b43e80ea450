"""Demo children in need cases for one authority (Cheshire West and Chester), in several stages.

Called at the end of `manage.py seed_demo`, after the demo's people and
organisations exist. Idempotent: an authority that already has demo children is
left alone. Every name is invented. The cases that fall in the 2024 to 2025 census
year make a return that passes the validation rules (`manage.py cin_census_export
--year 2025 FILE`); the rest are dated from today so the current stages show.
"""

from __future__ import annotations

import datetime
from datetime import date

from django.db import transaction
from django.utils import timezone

from hub.accounts.models import Organisation, User
from hub.cin import census_rules, services
from hub.cin.models import AuthoritySettings, Child, TeamMembership
from hub.cin.rules import AssessmentModel

AUTHORITY = "Cheshire West and Chester"
MANAGER = "referrer.cheshire-west@example.org"
WORKER = "worker.cheshire-west@example.org"


def upn(serial: int, year: int) -> str:
    """A UPN with a correct check letter, on this authority's DfE code (invented school 2001)."""
    rest = f"8962001{year % 100:02d}{serial:03d}"
    return census_rules.upn_check_letter(rest) + rest


@transaction.atomic
def cin_demo_seed() -> None:
    la = Organisation.objects.filter(name=AUTHORITY).first()
    manager = User.objects.filter(username=MANAGER).first()
    if la is None or manager is None or Child.objects.filter(local_authority=la).exists():
        return
    worker = User.objects.filter(username=WORKER).first() or manager
    TeamMembership.objects.update_or_create(user=manager, defaults={"is_manager": True})
    if worker != manager:
        TeamMembership.objects.update_or_create(user=worker, defaults={"is_manager": False})
    AuthoritySettings.objects.update_or_create(
        local_authority=la, defaults={"assessment_model": AssessmentModel.INITIAL_AND_CORE}
    )
    _siblings_on_plans(la, manager, worker)
    _closed_after_assessment(la, manager, worker)
    _no_further_action(la, manager)
    _child_protection(la, manager, worker)
    _current_cases(la, manager, worker)


def _child(la: Organisation, la_child_id: str, name: str, **values: object) -> Child:
    return services.child_create(local_authority=la, la_child_id=la_child_id, full_name=name, **values)  # type: ignore[arg-type]


def _siblings_on_plans(la: Organisation, manager: User, worker: User) -> None:
    """Two brothers and sisters, one referral each, each on their own plan, reviewed; a family meeting."""
    ava = _child(
        la,
        "CW100231",
        "Ava Linfield",
        birth_date=date(2016, 2, 9),
        sex="F",
        upn=upn(1, 16),
        ethnicity="WBRI",
        disabilities=["NONE"],
    )
    leo = _child(
        la,
        "CW100232",
        "Leo Linfield",
        birth_date=date(2019, 7, 30),
        sex="M",
        upn_unknown="UN1",
        ethnicity="WBRI",
        disabilities=["COMM"],
    )
    for child, factors in ((ava, ["4B", "16A"]), (leo, ["4B", "16A", "6A"])):
        referral = services.referral_record(
            child=child,
            by=worker,
            referral_date=date(2024, 6, 3),
            referral_source="2A",
            referrer_name="Pat Greaves",
            referrer_agency="Hoole Primary School (designated teacher)",
            concerns="Children often late and hungry; mother low in mood since the birth of a baby.",
            tier=3,
            tier_two_factors=["attendance", "home_conditions", "parental_mental_health"],
        )
        services.referral_decide(
            referral=referral,
            by=manager,
            decision="assess",
            reason="Tier 3: the children's needs are not being met; consent given.",
            primary_need="N3",
        )
        assessment = services.assessment_start(
            referral=referral, by=worker, kind="initial", started_on=date(2024, 6, 4)
        )
        services.assessment_record(
            assessment=assessment,
            by=worker,
            consent_recorded_on=date(2024, 6, 4),
            consent_note="Mother consented",
            agreement_signed_on=date(2024, 6, 4),
            seen_alone_on=date(2024, 6, 6),
            analysis="Mother's low mood is affecting routines; the children are attached and want support at home.",
            analysis_shared_on=date(2024, 6, 13),
            factors=factors,
        )
        services.assessment_complete(
            assessment=assessment, by=manager, completed_on=date(2024, 6, 14), outcome="cin_plan"
        )
        plan = services.plan_start(
            child=child,
            referral=referral,
            by=worker,
            kind="cin",
            started_on=date(2024, 6, 20),
            objectives=f"{child.full_name.split()[0]} attends school on time and fed, every day.",
            who_does_what="Mother: morning routine. Health visitor: weekly visit. School: breakfast club place.",
            what_must_change="Attendance above 95%; mother's GP review of her mood.",
            unacceptable="The children left without food or supervision.",
            contingency="Strategy discussion if attendance falls below 85% or the children are left alone.",
            urgent_review_triggers="Mother's mental health deteriorates; a missed week of school.",
            tac_meeting_frequency="Every 6 weeks",
        )
        services.plan_review_record(
            plan=plan,
            by=worker,
            held_on=date(2024, 12, 5),
            progress="Attendance 93% and rising; mother engaging with her GP.",
            changes="Breakfast club continues to July.",
        )
        # A recent review, so the siblings' plans show on track while Mason's shows overdue.
        services.plan_review_record(
            plan=plan,
            by=worker,
            held_on=timezone.localdate() - datetime.timedelta(days=20),
            progress="Attendance steady at 96%; the family wants the plan to continue for now.",
        )
    services.team_member_add(child=ava, kind="family", name="Jo Linfield", role="Mother")
    services.team_member_add(
        child=ava, kind="professional", name="Pat Greaves", role="Designated teacher", agency="Hoole Primary School"
    )
    services.team_member_add(
        child=ava,
        kind="professional",
        name=worker.full_name,
        role="Social worker",
        agency=AUTHORITY,
        lead_professional=True,
    )
    meeting = services.team_meeting_arrange(
        child=ava,
        held_on=date(2024, 8, 1),
        venue="Hoole Children's Centre",
        chair=manager.full_name,
        reason="First TACiN meeting on Ava's plan",
        invited=list(ava.team.all()),
    )
    services.team_meeting_minutes_record(
        meeting=meeting, minutes="Plan agreed. Breakfast club from September.", attending=[m.pk for m in ava.team.all()]
    )
    if worker != manager:
        services.co_working_agreement_record(
            child=ava,
            agreed_on=date(2024, 6, 20),
            review_on=date(2024, 12, 20),
            team_manager=manager,
            key_worker=worker,
            co_worker=manager,
            co_worker_title="Senior family support worker",
            responsibilities="Statutory visits (seen alone): key worker, every 4 weeks. "
            "Family support: co-worker, weekly.",
        )
    family = services.family_meeting_propose(
        child=ava,
        by=worker,
        coordinator="Sam Ridley, family meeting co-ordinator",
        planned_on=date(2024, 9, 12),
        venue="Hoole Children's Centre",
        requested_by_family=True,
    )
    services.family_meeting_record(
        meeting=family,
        held_on=date(2024, 9, 12),
        agreement_signed_by="Jo Linfield, Marion Linfield (grandmother)",
        information_shared="The social worker shared the assessment's analysis and the school's attendance figures.",
        family_time="The family met alone for 40 minutes and proposed a rota of school runs.",
        plan_notes="Most of the rota agreed; overnight stays with the uncle not agreed.",
    )
    agreed = services.family_proposal_add(
        meeting=family,
        proposal="Grandmother takes the children to school on Mondays and Tuesdays",
        who="Marion Linfield",
    )
    services.family_proposal_decide(proposal=agreed, agreement="agreed", reason="")
    refused = services.family_proposal_add(
        meeting=family, proposal="The children stay with their uncle at weekends", who="Dale Linfield"
    )
    services.family_proposal_decide(
        proposal=refused,
        agreement="not_agreed",
        reason="Police information shows a recent conviction for violence; a risk of significant harm.",
    )


def _closed_after_assessment(la: Organisation, manager: User, worker: User) -> None:
    """Several tier 2 factors, an initial assessment finding no factors, closed with views recorded."""
    noah = _child(
        la,
        "CW100240",
        "Noah Pritchard",
        birth_date=date(2012, 3, 21),
        sex="M",
        upn=upn(2, 12),
        ethnicity="MWBC",
        disabilities=["NONE"],
    )
    referral = services.referral_record(
        child=noah,
        by=worker,
        referral_date=date(2024, 9, 10),
        referral_source="6",
        referrer_name="PC Ellis Moor",
        referrer_agency="Cheshire Police",
        concerns="Found out late twice in a week; home said to be chaotic.",
        tier=2,
        tier_two_factors=["boundaries", "housing", "conflict", "attendance"],
    )
    services.referral_decide(
        referral=referral,
        by=manager,
        decision="assess",
        reason="Several tier 2 factors together: assess before deciding.",
        primary_need="N5",
    )
    assessment = services.assessment_start(referral=referral, by=worker, kind="initial", started_on=date(2024, 9, 11))
    services.assessment_record(
        assessment=assessment,
        by=worker,
        consent_recorded_on=date(2024, 9, 11),
        agreement_signed_on=date(2024, 9, 11),
        seen_alone_on=date(2024, 9, 13),
        analysis="A short-lived crisis after a move; no factors remain.",
        analysis_shared_on=date(2024, 9, 19),
        factors=["21"],
    )
    services.assessment_complete(assessment=assessment, by=manager, completed_on=date(2024, 9, 20), outcome="nfa")
    services.involvement_end(
        referral=referral,
        by=manager,
        closed_on=date(2024, 9, 27),
        reason_for_closure="RC8",
        reason="The assessment found no continuing needs.",
        family_views="Noah and his father agree.",
        agency_views="The school and police have no further concerns.",
        step_down=False,
        notified=["parental_responsibility", "carer", "child", "agencies"],
    )


def _no_further_action(la: Organisation, manager: User) -> None:
    isla = _child(
        la,
        "CW100250",
        "Isla Brennock",
        birth_date=date(2010, 10, 2),
        sex="F",
        upn_unknown="UN7",
        ethnicity="WOTH",
        disabilities=["NONE"],
    )
    referral = services.referral_record(
        child=isla,
        by=manager,
        referral_date=date(2024, 11, 4),
        referral_source="3A",
        referrer_name="Dr R. Hale",
        referrer_agency="GP",
        concerns="Missed two appointments.",
        tier=1,
    )
    services.referral_decide(
        referral=referral,
        by=manager,
        decision="nfa",
        reason="Tier 1: universal services meet the need.",
        on=date(2024, 11, 4),
    )


def _child_protection(la: Organisation, manager: User, worker: User) -> None:
    mason = _child(
        la,
        "CW100260",
        "Mason Tully",
        birth_date=date(2014, 5, 17),
        sex="M",
        upn=upn(3, 14),
        ethnicity="WBRI",
        disabilities=["NONE"],
    )
    referral = services.referral_record(
        child=mason,
        by=worker,
        referral_date=date(2025, 1, 13),
        referral_source="3E",
        referrer_name="Staff nurse",
        referrer_agency="Countess of Chester Hospital A&E",
        concerns="Unexplained bruising; father drinking.",
        tier=4,
    )
    services.referral_decide(
        referral=referral,
        by=manager,
        decision="strategy",
        reason="Tier 4: possible significant harm.",
        primary_need="N1",
    )
    services.section47_start(
        referral=referral,
        started_on=date(2025, 1, 14),
        conference_target=date(2025, 1, 31),
        conference_on=date(2025, 1, 29),
    )
    assessment = services.assessment_start(referral=referral, by=worker, kind="core", started_on=date(2025, 1, 14))
    services.assessment_record(
        assessment=assessment,
        by=worker,
        consent_recorded_on=date(2025, 1, 14),
        agreement_signed_on=date(2025, 1, 15),
        seen_alone_on=date(2025, 1, 16),
        analysis="Neglect and domestic abuse; father's alcohol misuse.",
        analysis_shared_on=date(2025, 2, 17),
        decision_meeting_on=date(2025, 2, 27),
        factors=["1B", "3B", "16A"],
    )
    services.assessment_complete(assessment=assessment, by=manager, completed_on=date(2025, 2, 28), outcome="cin_plan")
    services.plan_start(
        child=mason,
        referral=referral,
        by=worker,
        kind="child_protection",
        started_on=date(2025, 1, 29),
        objectives="Mason is safe from harm at home.",
        who_does_what="Father: alcohol service weekly. Core group: monthly.",
        what_must_change="No drinking while caring for Mason.",
        unacceptable="Any injury or Mason left with a drunk adult.",
        contingency="Legal planning meeting.",
        urgent_review_triggers="Any new injury; father stops attending.",
        initial_category="NEG",
    )


def _current_cases(la: Organisation, manager: User, worker: User) -> None:
    """Cases open now: an unborn child's initial assessment under way, and a referral awaiting its decision."""
    today = timezone.localdate()
    unborn = _child(
        la,
        "CW100270",
        "Baby Marsh",
        expected_birth_date=today + datetime.timedelta(days=120),
        ethnicity="WBRI",
    )
    referral = services.referral_record(
        child=unborn,
        by=worker,
        referral_date=today - datetime.timedelta(days=6),
        referral_source="3F",
        referrer_name="Kerry Vale",
        referrer_agency="Community midwifery team",
        concerns="Mother aged 17, previously looked after; partner known to police for domestic abuse.",
        tier=3,
        unborn_circumstances="Young mother without family support; partner's history of domestic abuse. "
        "An early assessment gives time to plan before the birth.",
        midwife="Kerry Vale, community midwifery team",
    )
    services.referral_decide(
        referral=referral,
        by=manager,
        decision="assess",
        reason="Tier 3 on the parents' circumstances, not the due date.",
        primary_need="N4",
    )
    services.assessment_start(
        referral=referral, by=worker, kind="initial", started_on=today - datetime.timedelta(days=4)
    )
    ruby = _child(
        la,
        "CW100280",
        "Ruby Ashworth",
        birth_date=date(2018, 4, 3),
        sex="F",
        upn=upn(4, 18),
        ethnicity="BAFR",
        disabilities=["NONE"],
    )
    services.referral_record(
        child=ruby,
        by=worker,
        referral_date=today - datetime.timedelta(days=1),
        referral_source="1A",
        referrer_name="An aunt",
        referrer_agency="Family member",
        concerns="Worried about Ruby's weight.",
        tier=2,
        tier_two_factors=["health_appointments", "development"],
    )
