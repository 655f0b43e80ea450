"""Signing in with a second factor, and the warning before an idle sign-out."""

import time

import pytest
from playwright.sync_api import Page, expect

from e2e.conftest import assert_accessible, shot, sign_in
from hub.accounts.models import Role
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_new_person_sets_up_their_authenticator_app(page: Page):
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    person = factories.user(Role.REFERRER, organisation=factories.local_authority(), with_authenticator=False)
    page.goto("/accounts/sign-in/")
    page.get_by_label("Email address").fill(person.username)
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Set up your authenticator app")).to_be_visible()
    assert_accessible(page)
    shot(page, "sign-in-01-set-up-authenticator")
    device = TOTPDevice.objects.get(user=person, confirmed=False)
    code = f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Confirm and sign in").click()
    expect(page.get_by_test_id("recovery-codes").locator("li")).to_have_count(10)
    assert_accessible(page)
    shot(page, "sign-in-02-recovery-codes")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_test_id("signed-in-user")).to_contain_text(person.full_name)


def test_the_person_is_warned_before_an_idle_sign_out_and_can_stay(page: Page, settings):
    # The warning shows 3 s after the last request; the 12 s after it leave room for the
    # accessibility check and the screenshot on a busy machine before the limit passes.
    settings.HUB_IDLE_TIMEOUT_SECONDS = 15
    settings.HUB_IDLE_WARNING_SECONDS = 12
    person = factories.referrer()
    sign_in(page, person)
    signed_in = time.monotonic()
    dialog = page.get_by_role("dialog", name="You are about to be signed out")
    expect(dialog).to_be_visible(timeout=5000)
    assert_accessible(page)
    shot(page, "sign-in-03-timeout-warning")
    dialog.get_by_role("button", name="Stay signed in").click()
    expect(dialog).to_be_hidden()
    # Still signed in after the original limit has passed, because they chose to stay.
    page.wait_for_timeout(max(0.0, settings.HUB_IDLE_TIMEOUT_SECONDS + 1 - (time.monotonic() - signed_in)) * 1000)
    page.reload()
    expect(page.get_by_test_id("signed-in-user")).to_contain_text(person.full_name)
