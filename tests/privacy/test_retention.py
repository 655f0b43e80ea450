"""Records past their retention date are flagged for review, never deleted; a legal hold blocks deletion."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from hub.privacy import services
from hub.privacy.models import RetentionPolicy, RetentionReview
from hub.privacy.services import DeletionRefused
from hub.privacy.tasks import flag_records_due_for_review
from hub.referrals.models import BundleDocument, Referral
from tests import factories


@pytest.fixture(autouse=True)
def _policies(db):
    # Seeded by a migration, but a transactional test elsewhere in the run may have flushed them.
    services.retention_policies_ensure()


def _declined_years_ago(years: int) -> Referral:
    referral = factories.complete_referral(status="declined")
    Referral.objects.filter(pk=referral.pk).update(decided_at=timezone.now() - datetime.timedelta(days=365 * years))
    return referral


@pytest.mark.django_db
def test_the_policies_are_data_with_a_basis_for_each():
    kinds = set(RetentionPolicy.objects.values_list("record_kind", flat=True))
    assert {"referral-draft", "referral-declined", "referral-accepted", "access-log"} <= kinds
    assert all(policy.basis for policy in RetentionPolicy.objects.all())


@pytest.mark.django_db
def test_it_flags_records_past_their_date_and_deletes_nothing():
    old = _declined_years_ago(7)
    recent = _declined_years_ago(1)

    result = flag_records_due_for_review.enqueue()

    assert result.return_value == 1
    review = RetentionReview.objects.get()
    assert (review.record_kind, review.object_id, review.label) == ("referral-declined", str(old.pk), old.reference)
    assert review.outcome == "pending"
    assert Referral.objects.filter(pk__in=[old.pk, recent.pk]).count() == 2
    # Flagging again does not flag twice.
    assert services.retention_flag_due() == 0


@pytest.mark.django_db
def test_a_legal_hold_blocks_deletion_until_it_is_released(settings):
    old = _declined_years_ago(7)
    document = BundleDocument.objects.get(referral=old)
    manager = factories.service_manager()
    services.retention_flag_due()
    review = RetentionReview.objects.get()
    hold = services.legal_hold_place(
        record_kind="referral-declined", object_id=old.pk, reason="Complaint to the ombudsman", actor=manager
    )

    with pytest.raises(DeletionRefused, match="legal hold"):
        services.retention_record_delete(review=review, actor=manager, note="Past retention")
    assert Referral.objects.filter(pk=old.pk).exists()
    review.refresh_from_db()
    assert review.outcome == "pending"

    services.legal_hold_release(hold=hold, actor=manager)
    with django_capture_on_commit():
        services.retention_record_delete(review=review, actor=manager, note="Past retention")
    assert not Referral.objects.filter(pk=old.pk).exists()
    assert not document.file.storage.exists(document.file.name)
    review.refresh_from_db()
    assert (review.outcome, review.reviewed_by) == ("deleted", manager)


def django_capture_on_commit():
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)


@pytest.mark.django_db
def test_it_refuses_to_delete_a_record_others_still_depend_on():
    referral = factories.complete_referral(status="accepted")
    Referral.objects.filter(pk=referral.pk).update(decided_at=timezone.now() - datetime.timedelta(days=365 * 30))
    services.retention_flag_due()
    review = RetentionReview.objects.get(record_kind="referral-accepted")
    with pytest.raises(DeletionRefused, match="depend"):
        services.retention_record_delete(review=review, actor=factories.service_manager(), note="")
    assert Referral.objects.filter(pk=referral.pk).exists()


@pytest.mark.django_db
def test_the_command_flags_on_demand(capsys):
    _declined_years_ago(8)
    call_command("flag_retention")
    assert "Flagged 1 records" in capsys.readouterr().out


@pytest.mark.django_db
def test_the_service_manager_sees_records_due_and_others_get_a_404(client_for):
    old = _declined_years_ago(7)
    manager = factories.service_manager()
    services.retention_flag_due()
    services.legal_hold_place(record_kind="referral-declined", object_id=old.pk, reason="Inquiry", actor=manager)

    page = client_for(manager).get("/privacy/retention/")
    assert page.status_code == 200
    body = page.content.decode()
    assert old.reference in body
    assert "On hold" in body
    assert "Child Example" not in body  # references only, never names
    for someone in (factories.referrer(), factories.assessor()):
        assert client_for(someone).get("/privacy/retention/").status_code == 404


@pytest.mark.django_db
def test_ensuring_the_starting_policies_never_changes_one_the_officer_set():
    RetentionPolicy.objects.filter(record_kind="access-log").update(retain_for_days=10)
    RetentionPolicy.objects.filter(record_kind="referral-draft").delete()
    assert services.retention_policies_ensure() == 1
    assert RetentionPolicy.objects.get(record_kind="access-log").retain_for_days == 10
