"""The service manager allocates: one assessment by hand against the best match,
with a reason, and a suggested batch confirmed in part."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from e2e.conftest import assert_accessible, shot
from hub.allocation.models import AllocationRecord
from hub.assessments.models import Assessment
from tests import factories
from tests.allocation.builders import assessor, load, queued

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def signed_in(page, live_server, user) -> None:
    """Start the browser in a signed-in session: sign-in itself is the accounts
    tests' subject, and its two-step form is changing under them."""
    client = Client()
    client.force_login(user)  # the shared conftest also marks the second factor verified
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_it_allocates_against_the_best_match_only_with_a_reason(page, live_server):
    assessment = queued("Liverpool", language="Polish", learning_needs=True)
    assessor("Halton", skills=("parentassess",), languages="Polish", travel=("Liverpool",), name="Jordan Example")
    second = assessor("Wirral", name="Sam Example")
    load(second, 1, la="Sefton")
    assessor("Liverpool", name="Casey Example")
    signed_in(page, live_server, factories.service_manager())

    page.goto("/allocation/")
    expect(page.get_by_role("heading", name="Assessments to allocate")).to_be_visible()
    assert_accessible(page)
    shot(page, "allocation-queue")

    page.get_by_role("link", name=f"Allocate {assessment}").click()
    best = page.get_by_text("Seconded from Halton: independent; 0 of 3 cases; ParentAssess trained; Speaks Polish")
    expect(best).to_be_visible()
    expect(page.get_by_test_id("ineligible").get_by_text("not independent of the referring authority")).to_be_visible()
    assert_accessible(page)
    shot(page, "allocation-choose")

    page.get_by_label("2. Sam Example").check()
    page.get_by_role("button", name="Allocate").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_text("Explain why you chose Sam Example over Jordan Example, the best match")).to_be_visible()
    expect(page.get_by_label("2. Sam Example")).to_be_checked()
    assert_accessible(page)
    shot(page, "allocation-reason-required")

    page.get_by_label("Why this assessor?").fill("Sam has worked with the family's school before")
    page.get_by_role("button", name="Allocate").click()
    expect(page.get_by_text(f"{assessment} allocated to Sam Example")).to_be_visible()
    shot(page, "allocation-allocated")
    record = AllocationRecord.objects.get(assessment=assessment)
    assert (record.assessor, record.rank, record.reason) == (
        second,
        2,
        "Sam has worked with the family's school before",
    )


def test_it_confirms_a_suggested_batch_in_part(page, live_server):
    urgent = queued("Knowsley", kind="kinship_viability")
    parenting = queued("Liverpool", learning_needs=True)
    later = queued("Sefton", kind="full_fostering")
    assessor("Halton", skills=("parentassess",), name="Jordan Example")
    assessor("Wirral", skills=("corambaaf_kinship",), name="Sam Example")
    signed_in(page, live_server, factories.service_manager())

    page.goto("/allocation/")
    page.get_by_role("button", name="Suggest allocations").click()
    expect(page.get_by_role("heading", name="Suggested allocations")).to_be_visible()
    proposal = page.get_by_test_id("proposal")
    expect(proposal.get_by_text("ParentAssess trained").first).to_be_visible()
    assert_accessible(page)
    shot(page, "allocation-suggested")

    page.get_by_label(f"Allocate {later} to").uncheck()
    page.get_by_role("button", name="Confirm selected allocations").click()
    expect(page.get_by_text("2 assessments allocated")).to_be_visible()
    expect(
        page.get_by_test_id("allocation-queue").get_by_role("cell", name=later.referral.reference, exact=True)
    ).to_be_visible()
    shot(page, "allocation-batch-confirmed")

    allocated = {a.pk: a.assessor.full_name for a in Assessment.objects.filter(assessor__isnull=False)}
    assert allocated == {urgent.pk: "Sam Example", parenting.pk: "Jordan Example"}

    page.get_by_role("link", name="Workload").first.click()
    expect(page.get_by_role("heading", name="Workload")).to_be_visible()
    assert_accessible(page)
    shot(page, "allocation-workload")

    page.get_by_role("link", name="Reallocate all 1 of Sam Example's assessments").click()
    expect(page.get_by_role("heading", name="Reallocate all their assessments")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Reason for reallocating").fill("Off sick for six weeks")
    shot(page, "allocation-reallocate-all")
    page.get_by_role("button", name="Confirm selected reallocations").click()
    expect(page.get_by_text("1 assessment reallocated")).to_be_visible()
    urgent.refresh_from_db()
    assert urgent.assessor.full_name == "Jordan Example"
    assert urgent.allocations.last().reason == "Off sick for six weeks"
