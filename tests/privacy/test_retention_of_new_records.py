"""Children in need records, case-file audit programmes and SSDA903 returns come up for a
retention review like the hub's referrals, and a reviewed record goes with everything under it."""

import datetime

import pytest
from django.utils import timezone

from hub.caseaudit.models import AuditCase, CaseSelection, DomainGrade
from hub.caseaudit.models import AuditProgramme as Programme
from hub.caseaudit.rules import Grade
from hub.cin import models as cin
from hub.cin import services as cin_services
from hub.cin.rules import MUST_NOTIFY
from hub.datapack.models import Episode, Return, ReturnChild
from hub.privacy import services
from hub.privacy.models import RetentionReview
from hub.privacy.services import DeletionRefused
from tests import factories
from tests.caseaudit import builders as audit_builders
from tests.cin import builders as cin_builders


@pytest.fixture(autouse=True)
def _policies(db):
    services.retention_policies_ensure()


def _years_ago(years: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=365 * years + 7)


def _closed_case(manager, *, la_child_id: str) -> cin.Child:
    child = cin_builders.child(manager, la_child_id=la_child_id, full_name=f"Child {la_child_id}")
    referral = cin_builders.referral(manager, child)
    cin_builders.completed_assessment(manager, referral)
    plan = cin_builders.plan(manager, referral)
    cin_services.plan_review_record(plan=plan, by=manager, held_on=datetime.date(2024, 12, 2), progress="Settled")
    cin_services.involvement_end(
        referral=referral,
        by=manager,
        closed_on=datetime.date(2025, 1, 6),
        reason_for_closure="RC8",
        reason="Needs met",
        family_views="Happy to close",
        agency_views="School agrees",
        step_down=False,
        notified=list(MUST_NOTIFY),
    )
    return child


@pytest.mark.django_db
def test_a_closed_cin_record_is_flagged_at_25_and_deleted_whole_after_review():
    manager = cin_builders.worker(manager=True)
    old = _closed_case(manager, la_child_id="LV000001")
    young = _closed_case(manager, la_child_id="LV000002")
    still_open = cin_builders.child(manager, la_child_id="LV000003", full_name="Child LV000003")
    cin_builders.referral(manager, still_open)
    cin.Child.objects.filter(pk__in=[old.pk, still_open.pk]).update(birth_date=_years_ago(26))

    assert services.retention_flag_due() == 1
    review = RetentionReview.objects.get()
    assert (review.record_kind, review.object_id) == ("cin-child", str(old.pk))
    assert "LV000001" in review.label and old.full_name not in review.label  # a code, never a name

    referrals = list(cin.Referral.objects.filter(child=old).values_list("pk", flat=True))
    hold = services.legal_hold_place(
        record_kind="cin-child", object_id=old.pk, reason="Complaint", actor=factories.service_manager()
    )
    with pytest.raises(DeletionRefused):
        services.retention_record_delete(review=review, actor=manager, note="Past retention")
    services.legal_hold_release(hold=hold, actor=manager)
    services.retention_record_delete(review=review, actor=manager, note="Past retention")

    assert not cin.Child.objects.filter(pk=old.pk).exists()
    assert referrals and not cin.Referral.objects.filter(pk__in=referrals).exists()
    for model in (cin.Assessment, cin.Closure):
        assert not model.objects.filter(referral__in=referrals).exists()
    assert not cin.Plan.objects.filter(referral__in=referrals).exists()
    assert not cin.PlanReview.objects.filter(plan__referral__in=referrals).exists()
    # The other children's records are untouched.
    assert cin.PlanReview.objects.filter(plan__child=young).count() == 1
    assert cin.Referral.objects.filter(child=still_open).count() == 1


@pytest.mark.django_db
def test_an_old_ssda903_return_is_flagged_and_goes_with_its_children_and_episodes():
    authority = factories.local_authority("Liverpool")
    old = Return.objects.create(authority=authority, year=2019)
    Return.objects.filter(pk=old.pk).update(imported_at=timezone.now() - datetime.timedelta(days=365 * 6))
    Return.objects.create(authority=authority, year=2025)
    ReturnChild.objects.create(ssda903_return=old, child="A1", sex="1", dob=datetime.date(2010, 1, 1))
    Episode.objects.create(
        ssda903_return=old, child="A1", decom=datetime.date(2018, 5, 1), rne="S", ls="C2", cin="N1", place="U1"
    )

    assert services.retention_flag_due() == 1
    review = RetentionReview.objects.get()
    assert (review.record_kind, review.object_id) == ("ssda903-return", str(old.pk))
    services.retention_record_delete(review=review, actor=factories.service_manager(), note="Past retention")
    assert list(Return.objects.values_list("year", flat=True)) == [2025]
    assert not ReturnChild.objects.exists() and not Episode.objects.exists()


@pytest.mark.django_db
def test_a_case_file_audit_programme_goes_with_its_selections_cases_and_grades():
    built = audit_builders.programme()
    case = audit_builders.select(built, "Liverpool")[0]
    audit_builders.submit(case, built.auditors["Liverpool"], Grade.GOOD, comments="Clear plan")
    Programme.objects.filter(pk=built.programme.pk).update(deadline=_years_ago(7))

    assert services.retention_flag_due() == 1
    review = RetentionReview.objects.get(record_kind="caseaudit-programme")
    services.retention_record_delete(review=review, actor=factories.service_manager(), note="Past retention")
    assert not Programme.objects.exists()
    assert not AuditCase.objects.exists() and not CaseSelection.objects.exists() and not DomainGrade.objects.exists()
