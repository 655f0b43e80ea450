"""The service manager's list of records due for retention review."""

import datetime

import pytest
from django.utils import timezone

from e2e.conftest import assert_accessible, shot, sign_in
from hub.privacy import services
from hub.referrals.models import Referral
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_lists_records_past_retention_with_their_holds(page):
    services.retention_policies_ensure()  # an earlier transactional test may have flushed the seeded ones
    manager = factories.service_manager()
    held, free = (factories.complete_referral(status="declined") for _ in range(2))
    Referral.objects.filter(pk__in=[held.pk, free.pk]).update(
        decided_at=timezone.now() - datetime.timedelta(days=365 * 7)
    )
    services.retention_flag_due()
    services.legal_hold_place(record_kind="referral-declined", object_id=held.pk, reason="Complaint", actor=manager)

    sign_in(page, manager)
    page.goto("/privacy/retention/")

    assert page.get_by_role("heading", name="Records due for retention review").is_visible()
    rows = page.get_by_test_id("retention-reviews").locator("tbody tr")
    assert rows.count() == 2
    assert rows.filter(has_text=held.reference).get_by_text("On hold").is_visible()
    assert rows.filter(has_text=free.reference).get_by_text("On hold").count() == 0
    assert_accessible(page)
    shot(page, "privacy-retention-reviews")
