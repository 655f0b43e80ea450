"""Sign-in: password then second factor, single-use codes, recovery codes, lockout, reset."""

import re

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from hub.accounts.models import Role
from hub.audit.models import AccessLogEntry
from tests import factories

pytestmark = pytest.mark.django_db

RECORD_PAGE = "/referrals/"


def password_step(client: Client, user, password=factories.PASSWORD):
    return client.post("/accounts/sign-in/", {"username": user.username, "password": password})


def code_step(client: Client, code: str):
    return client.post("/accounts/sign-in/code/", {"code": code})


def test_a_right_password_alone_does_not_sign_anyone_in(client):
    person = factories.referrer()
    response = password_step(client, person)
    assert response.url == "/accounts/sign-in/code/"
    assert client.get(RECORD_PAGE).status_code == 302
    assert "_auth_user_id" not in client.session


def test_the_password_and_the_apps_code_sign_in(client):
    person = factories.referrer()
    password_step(client, person)
    response = code_step(client, factories.current_code(person))
    assert response.status_code == 302
    assert client.get(RECORD_PAGE).status_code == 200


def test_a_used_code_cannot_be_used_again(client):
    person = factories.referrer()
    code = factories.current_code(person)
    password_step(client, person)
    code_step(client, code)
    client.post("/accounts/sign-out/")

    again = Client()
    password_step(again, person)
    response = code_step(again, code)
    assert response.status_code == 200
    assert "Enter a correct code" in response.content.decode()
    assert again.get(RECORD_PAGE).status_code == 302


def test_a_recovery_code_signs_in_once(client):
    from hub.accounts.services import recovery_codes_replace

    person = factories.referrer()
    codes = recovery_codes_replace(user=person)
    password_step(client, person)
    code_step(client, codes[0])
    assert client.get(RECORD_PAGE).status_code == 200

    again = Client()
    password_step(again, person)
    assert "Enter a correct code" in code_step(again, codes[0]).content.decode()


def test_a_first_sign_in_sets_up_the_app_and_shows_recovery_codes_once(client):
    person = factories.user(Role.REFERRER, organisation=factories.local_authority(), with_authenticator=False)
    response = password_step(client, person)
    assert response.url == "/accounts/sign-in/set-up/"
    page = client.get(response.url).content.decode()
    assert "data:image/svg+xml" in page  # the QR code
    device = TOTPDevice.objects.get(user=person, confirmed=False)

    wrong = client.post("/accounts/sign-in/set-up/", {"code": "000000"})
    assert "Enter the code your app shows now" in wrong.content.decode()
    assert client.get(RECORD_PAGE).status_code == 302

    device.refresh_from_db()
    # django-otp slows down guessing after a wrong code; a person takes longer than a test to retype.
    device.throttle_reset()
    from django_otp.oath import TOTP

    code = f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"
    response = client.post("/accounts/sign-in/set-up/", {"code": code})
    assert response.url == "/accounts/recovery-codes/"
    shown = client.get("/accounts/recovery-codes/").content.decode()
    assert len(re.findall(r"<li><code>", shown)) == 10
    assert "<li><code>" not in client.get("/accounts/recovery-codes/").content.decode()
    assert TOTPDevice.objects.get(user=person).confirmed is True


@pytest.mark.parametrize("exists", [True, False], ids=["real-account", "no-such-account"])
def test_repeated_failures_lock_out_with_the_same_answer_whether_or_not_the_account_exists(client, settings, exists):
    settings.AXES_FAILURE_LIMIT = 3
    username = factories.referrer().username if exists else "nobody@example.org"
    answers = [
        client.post("/accounts/sign-in/", {"username": username, "password": "wrong-password"}) for _ in range(4)
    ]
    assert [a.status_code for a in answers] == [200, 200, 429, 429]
    assert "Enter a correct email address and password" in answers[0].content.decode()
    assert "You cannot sign in for" in answers[-1].content.decode()
    assert AccessLogEntry.objects.filter(object_type="sign_in", action="refused").count() >= 3
    assert AccessLogEntry.objects.filter(object_type="sign_in_lockout").exists()


def test_the_right_password_is_refused_while_locked_out(client, settings):
    settings.AXES_FAILURE_LIMIT = 2
    person = factories.referrer()
    for _ in range(2):
        password_step(client, person, password="wrong")
    assert password_step(client, person).status_code == 429


def test_wrong_codes_count_towards_the_lockout(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    person = factories.referrer()
    password_step(client, person)
    statuses = [code_step(client, "123456").status_code for _ in range(3)]
    assert statuses[-1] == 429
    assert code_step(client, factories.current_code(person)).status_code == 429


def test_a_password_reset_does_not_skip_the_second_factor(client, mailoutbox):
    person = factories.referrer()
    client.post("/accounts/password-reset/", {"email": person.email})
    link = re.search(r"http://testserver(/accounts/password-reset/\S+)", mailoutbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    new_password = "a-brand-new-long-password-2026"
    client.post(form_page.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password})
    assert client.get(RECORD_PAGE).status_code == 302  # not signed in by the reset
    assert password_step(client, person, password=new_password).url == "/accounts/sign-in/code/"


def test_a_reset_for_an_unknown_address_looks_the_same(client, mailoutbox):
    response = client.post("/accounts/password-reset/", {"email": "nobody@example.org"})
    assert response.url == "/accounts/password-reset/sent/"
    assert mailoutbox == []


def test_signing_out_ends_the_session_on_the_server(client_for):
    person = factories.referrer()
    client = client_for(person)
    key = client.session.session_key
    client.post("/accounts/sign-out/")
    assert not Session.objects.filter(session_key=key).exists()


def test_deactivating_a_person_ends_their_sessions(client_for, django_capture_on_commit_callbacks):
    from hub.accounts.services import user_deactivate

    person = factories.referrer()
    client = client_for(person)
    assert client.get(RECORD_PAGE).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        user_deactivate(user=person)
    assert not Session.objects.filter(session_key=client.session.session_key).exists()
    assert client.get(RECORD_PAGE).status_code == 302


def test_a_session_without_the_second_factor_is_signed_out(client):
    person = factories.referrer()
    from django.contrib.auth import SESSION_KEY

    session = client.session
    session[SESSION_KEY] = str(person.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = person.get_session_auth_hash()
    session.save()
    response = client.get(RECORD_PAGE)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/sign-in/")


def test_the_administration_site_has_no_password_only_sign_in(client):
    admin_user = factories.user(Role.ADMINISTRATOR, organisation=factories.hub(), is_staff=True, is_superuser=True)
    response = client.post(
        "/admin/login/?next=/admin/", {"username": admin_user.username, "password": factories.PASSWORD}
    )
    assert response.status_code == 302
    assert response.url.startswith("/accounts/sign-in/")
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_a_session_without_the_second_factor_cannot_make_recovery_codes(client):
    from django.contrib.auth import SESSION_KEY

    person = factories.referrer()
    session = client.session
    session[SESSION_KEY] = str(person.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = person.get_session_auth_hash()
    session.save()
    response = client.post("/accounts/recovery-codes/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/sign-in/")
    assert not person.staticdevice_set.filter(name="Recovery codes").exists()
