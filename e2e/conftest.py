"""Browser tests: Playwright driving Debian's Chromium against a live server.

Playwright's synchronous API runs an event loop in the test thread, and Django
refuses ORM calls from a thread with a running loop unless told this is safe;
the test thread only sets up data and makes assertions, so it is.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection
from playwright.sync_api import Browser, Page, sync_playwright

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTEFACTS = ROOT / "test-artefacts"
CHROMIUM = os.environ.get("HUB_CHROMIUM", "/usr/bin/chromium")
# Flags for a closed network: no background connections, no sandbox as root.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(autouse=True)
def _e2e_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "documents"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "documents"},
        },
    }
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


AXE_URL = "/__test__/axe.min.js"


@pytest.fixture
def page(browser: Browser, live_server) -> Iterator[Page]:
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1100, "height": 900})
    context.set_default_timeout(15_000)
    # axe-core is served as if from the site itself, so the page's strict Content
    # Security Policy (scripts from 'self' only) lets it run unchanged.
    context.route(f"**{AXE_URL}", lambda route: route.fulfill(path=AXE, content_type="text/javascript"))
    new_page = context.new_page()
    blocked: list[str] = []
    new_page.on(
        "console",
        lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None,
    )
    yield new_page
    context.close()
    assert not blocked, "The Content Security Policy blocked something the page needs:\n" + "\n".join(blocked)


def sign_in(page: Page, user, password: str = "test-password-for-everyone") -> None:
    """Sign in as a person would: password, then the code from their authenticator app.

    A code works once; signing the same person in again within its 30 seconds
    uses one of their recovery codes instead, as a person without their phone would.
    """
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.factories import current_code

    page.goto("/accounts/sign-in/")
    page.get_by_label("Email address").fill(user.username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()
    from django_otp.oath import TOTP

    device = TOTPDevice.objects.get(user=user, confirmed=True)
    if device.last_t >= TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).t():
        recovery, _ = StaticDevice.objects.get_or_create(user=user, name="Recovery codes", defaults={"confirmed": True})
        code = recovery.token_set.create(token=f"rc{recovery.token_set.count():06d}").token
    else:
        code = current_code(user)
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()


def shot(page: Page, name: str) -> Path:
    """Keep a full-page screenshot as a test artefact, per database, to look at."""
    folder = ARTEFACTS / connection.vendor
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def assert_accessible(page: Page) -> None:
    """No axe-core violations on the page as it stands (once it has finished loading)."""
    page.wait_for_load_state("load")
    page.add_script_tag(url=AXE_URL)
    # page.evaluate has no timeout of its own: a check that never settles fails after 60 s.
    result = page.evaluate(
        """async () => await Promise.race([
            axe.run(document, {resultTypes: ['violations']}),
            new Promise((_, reject) => setTimeout(() => reject(new Error('axe-core did not finish in 60 s')), 60000)),
        ])"""
    )
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]
    assert not violations, f"axe-core violations on {page.url}:\n" + "\n".join(violations)
