import pytest

from e2e.conftest import assert_accessible, shot, sign_in
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_shows_the_sign_in_page_without_accessibility_problems(page):
    page.goto("/accounts/sign-in/")
    assert page.get_by_role("heading", name="Sign in").is_visible()
    assert_accessible(page)
    shot(page, "sign-in")


def test_it_lands_the_service_manager_on_triage(page):
    referral = factories.complete_referral(status="submitted")
    sign_in(page, factories.service_manager())
    assert page.get_by_role("heading", name="Referrals to triage").is_visible()
    assert page.get_by_role("link", name=referral.reference).is_visible()
    assert_accessible(page)
