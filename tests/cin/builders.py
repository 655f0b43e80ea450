"""Synthetic children in need cases for the tests, built through the services. Every name is invented."""

import datetime
from datetime import date

from hub.accounts.models import User
from hub.cin import services
from hub.cin.models import Assessment, Child, Plan, Referral, TeamMembership
from tests import factories


def worker(la: str = "Liverpool", *, manager: bool = False) -> User:
    person = factories.referrer(la)
    TeamMembership.objects.create(user=person, is_manager=manager)
    return person


def child(person: User, *, la_child_id: str = "LV000001", **values: object) -> Child:
    defaults: dict[str, object] = {
        "full_name": "Robin Testwell",
        "birth_date": date(2015, 4, 1),
        "sex": "F",
        "upn_unknown": "UN2",
        "ethnicity": "WBRI",
        "disabilities": ["NONE"],
    }
    defaults.update(values)
    assert person.organisation is not None
    return services.child_create(local_authority=person.organisation, la_child_id=la_child_id, **defaults)  # type: ignore[arg-type]


def referral(person: User, kid: Child, *, on: date = date(2024, 6, 3), decide: str = "assess") -> Referral:
    made = services.referral_record(
        child=kid,
        by=person,
        referral_date=on,
        referral_source="2A",
        referrer_name="A teacher",
        referrer_agency="A school",
        concerns="Often hungry at school.",
        tier=3,
    )
    if decide:
        services.referral_decide(referral=made, by=person, decision=decide, reason="Tier 3", primary_need="N1")
    return made


def completed_assessment(
    person: User, made: Referral, *, start: date = date(2024, 6, 4), done: date = date(2024, 6, 14)
) -> Assessment:
    assessment = services.assessment_start(referral=made, by=person, kind="initial", started_on=start)
    services.assessment_record(
        assessment=assessment,
        by=person,
        consent_recorded_on=start,
        agreement_signed_on=start,
        seen_alone_on=start,
        analysis="Needs met with support.",
        analysis_shared_on=done - datetime.timedelta(days=1),
        factors=["16A"],
    )
    return services.assessment_complete(assessment=assessment, by=person, completed_on=done, outcome="cin_plan")


def plan(person: User, made: Referral, *, start: date = date(2024, 6, 20), kind: str = "cin", **extra: object) -> Plan:
    return services.plan_start(
        child=made.child,
        referral=made,
        by=person,
        kind=kind,
        started_on=start,
        objectives="Fed and at school every day",
        who_does_what="Parent: breakfast. School: breakfast club.",
        what_must_change="Attendance above 95%",
        unacceptable="Left without food",
        contingency="Strategy discussion",
        urgent_review_triggers="A week missed from school",
        **extra,  # type: ignore[arg-type]
    )
