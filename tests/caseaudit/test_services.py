"""Selecting cases, auditing, moderating and dip-sampling, through the services."""

import pytest

from hub.caseaudit import rules, services
from hub.caseaudit.models import AuditCase, AuditKind, AuditStatus, CaseSelection, DomainGrade
from hub.caseaudit.rules import Domain, Grade
from tests.caseaudit import builders

pytestmark = pytest.mark.django_db


def test_a_selection_keeps_its_seed_and_list_and_the_same_seed_chooses_the_same_cases():
    built = builders.programme()
    cases = builders.select(built, "Liverpool", seed=20171205)
    selection = CaseSelection.objects.get()
    expected = rules.select_cases(selection.chose_from, count=3, seed=20171205)
    assert selection.seed == 20171205
    assert selection.chose_from == [f"341-{n:04d}" for n in range(1, 9)]
    assert selection.selected == list(expected.selected)
    assert sorted(case.reference for case in cases) == sorted(expected.selected)


def test_selecting_again_with_another_seed_replaces_the_cases_and_keeps_both_selections():
    built = builders.programme()
    builders.select(built, "Liverpool", seed=1)
    builders.select(built, "Liverpool", seed=2)
    first, second = CaseSelection.objects.order_by("pk")
    assert (first.seed, second.seed) == (1, 2)
    assert first.selected != second.selected
    current = AuditCase.objects.filter(authority=built.authorities["Liverpool"])
    assert sorted(current.values_list("reference", flat=True)) == sorted(second.selected)
    assert {case.selection_id for case in current} == {second.pk}


def test_a_seed_is_chosen_and_recorded_when_none_is_given():
    built = builders.programme()
    org = built.authorities["Sefton"]
    selection = services.cases_select(
        programme=built.programme, authority=org, references=["343-1", "343-2", "343-3", "343-4"], actor=built.lead
    )
    assert 0 <= selection.seed < 2**31
    assert selection.selected == list(rules.select_cases(selection.chose_from, count=3, seed=selection.seed).selected)


def test_cases_cannot_be_selected_again_once_an_audit_has_started():
    built = builders.programme()
    case = builders.select(built, "Liverpool")[0]
    services.audit_start(case=case, kind=AuditKind.AUTHORITY, auditor=built.auditors["Liverpool"])
    with pytest.raises(services.CaseAuditError, match="an audit of one of them has started"):
        builders.select(built, "Liverpool", seed=99)


def test_an_audit_is_submitted_only_when_every_domain_is_graded():
    built = builders.programme()
    case = builders.select(built, "Liverpool")[0]
    auditor = built.auditors["Liverpool"]
    audit = services.audit_start(case=case, kind=AuditKind.AUTHORITY, auditor=auditor)
    half = {"response_to_risk": services.DomainEntry(grade="good", evidence="Strategy discussion held")}
    services.audit_save(audit=audit, actor=auditor, auditor_role="iro", entries=half, submit=False)
    with pytest.raises(services.CaseAuditError, match="Grade every domain"):
        services.audit_save(audit=audit, actor=auditor, auditor_role="iro", entries=half, submit=True)
    audit.refresh_from_db()
    assert audit.status == AuditStatus.DRAFT
    assert audit.grades.get(domain="response_to_risk").evidence == "Strategy discussion held"


def test_moderation_needs_a_reason_for_each_change_and_keeps_both_grades():
    built = builders.programme()
    case = builders.select(built, "Liverpool")[0]
    audit = builders.submit(case, built.auditors["Liverpool"], Grade.GOOD)
    decisions = {d.value: services.ModerationDecision(grade="good") for d in rules.DOMAINS}
    decisions["plans"] = services.ModerationDecision(grade="requires_improvement")
    with pytest.raises(services.CaseAuditError, match="Give a reason for changing the grade for plans"):
        services.audit_moderate(audit=audit, moderator=built.moderators["Liverpool"], decisions=decisions)
    with pytest.raises(services.CaseAuditError, match="second person"):
        services.audit_moderate(audit=audit, moderator=built.auditors["Liverpool"], decisions=decisions)
    decisions["plans"] = services.ModerationDecision(grade="requires_improvement", reason="No discharge plan")
    services.audit_moderate(audit=audit, moderator=built.moderators["Liverpool"], decisions=decisions)
    plans = DomainGrade.objects.get(audit=audit, domain=Domain.PLANS)
    assert (plans.grade, plans.moderated_grade, plans.moderation_reason) == (
        "good",
        "requires_improvement",
        "No discharge plan",
    )
    assert plans.changed_in_moderation
    assert not DomainGrade.objects.get(audit=audit, domain=Domain.REVIEWS).changed_in_moderation
    audit.refresh_from_db()
    assert audit.status == AuditStatus.MODERATED and audit.moderated_by == built.moderators["Liverpool"]


def test_a_dip_sample_is_by_someone_from_another_organisation():
    built = builders.programme()
    with pytest.raises(services.CaseAuditError, match="another organisation"):
        services.member_add(
            programme=built.programme,
            user=built.auditors["Liverpool"],
            role="dip_sampler",
            authority=built.authorities["Liverpool"],
        )
