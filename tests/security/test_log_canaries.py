"""No password, API token or child's name reaches the application logs.

Canary values are driven through sign-in (right and wrong passwords), referral
creation (web and API), API reads, bad requests, not-found pages and the email task,
with every logger at DEBUG; then every captured record, its arguments and any
traceback are searched for them.
"""

import json
import logging

import pytest
from django.test import Client

from hub.accounts.models import User
from hub.referrals.models import Child
from tests import factories
from tests.api.conftest import complete_letter, issue_token, pdf_file, submit

PASSWORD_CANARY = "Canary-Password-7f3a9c"
WRONG_PASSWORD_CANARY = "Canary-Wrong-Password-2b8e"
CHILD_CANARY = "Zebedee Canarychild"
ADULT_CANARY = "Ottoline Canaryparent"


@pytest.fixture
def every_logger_at_debug(caplog):
    caplog.set_level(logging.DEBUG)
    for name in list(logging.root.manager.loggerDict):
        caplog.set_level(logging.DEBUG, logger=name)
    return caplog


def _everything_logged(caplog) -> str:
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    lines = []
    for record in caplog.records:
        lines.append(formatter.format(record))  # includes any traceback
        lines.append(repr(record.args))
        lines.append(repr({k: v for k, v in vars(record).items() if k not in {"args", "msg", "exc_info"}}))
    return "\n".join(lines)


@pytest.mark.django_db
def test_it_keeps_passwords_tokens_and_childrens_names_out_of_the_logs(every_logger_at_debug, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    referrer = factories.referrer()
    referrer.set_password(PASSWORD_CANARY)
    referrer.save()
    _token, raw_token = issue_token()

    web = Client()
    # Sign-in: a wrong password, then the right one.
    web.post("/accounts/sign-in/", {"username": referrer.email, "password": WRONG_PASSWORD_CANARY})
    web.post("/accounts/sign-in/", {"username": referrer.email, "password": PASSWORD_CANARY})
    web.post("/accounts/sign-in/", {"username": "nobody@example.org", "password": PASSWORD_CANARY})

    # A referral through the API, with a child and an adult named by canaries.
    letter = complete_letter()
    letter["children"][0]["full_name"] = CHILD_CANARY
    letter["adults"][0]["full_name"] = ADULT_CANARY
    api = Client(headers={"Authorization": f"Bearer {raw_token}"})
    created = submit(api, letter, pdf_file())
    assert created.status_code == 201, created.content
    reference = created.json()["reference"]
    assert Child.objects.filter(full_name=CHILD_CANARY).exists()
    api.get(f"/api/v1/referrals/{reference}")
    api.get("/api/v1/referrals")
    # Bad requests that carry the canaries back to the server.
    bad = dict(letter, filing_date=CHILD_CANARY)
    assert submit(api, bad, pdf_file()).status_code == 422
    assert submit(api, None, raw=json.dumps(letter)[:-3] + CHILD_CANARY).status_code == 400
    assert submit(api, letter, pdf_file(), raw=None).status_code in (201, 422)
    assert Client(headers={"Authorization": f"Bearer {raw_token}x"}).get("/api/v1/referrals").status_code == 401
    Client(headers={"Authorization": f"Token {raw_token}"}).get("/api/v1/referrals")
    api.get("/api/v1/referrals/HUB-0000-99999")

    # The web pages of the referral, by its referrer and by someone who may not see it.
    referral = factories.complete_referral(by=referrer, status="submitted")
    Child.objects.filter(referral=referral).update(full_name=CHILD_CANARY)
    owner = Client()
    owner.force_login(referrer)
    owner.get(f"/referrals/{referral.pk}/")
    owner.get(f"/referrals/{referral.pk}/letter/")
    outsider = Client()
    outsider.force_login(factories.referrer("Wirral"))
    assert outsider.get(f"/referrals/{referral.pk}/").status_code in (302, 404)
    draft = factories.complete_referral(by=referrer)
    Child.objects.filter(referral=draft).update(full_name=CHILD_CANARY)
    for page in ("", "letter/", "letter/check/", "letter/children/"):
        owner.get(f"/referrals/{draft.pk}/{page}")
    manager = factories.service_manager()
    triage = Client()
    triage.force_login(manager)
    triage.get("/referrals/triage/")
    triage.post(f"/referrals/{referral.pk}/triage/query/", {"message": f"Is {CHILD_CANARY} still at home?"})

    logged = _everything_logged(every_logger_at_debug)
    assert every_logger_at_debug.records, "nothing was captured: the test would prove nothing"
    for canary in (PASSWORD_CANARY, WRONG_PASSWORD_CANARY, raw_token, CHILD_CANARY, ADULT_CANARY):
        assert canary not in logged, f"{canary!r} appeared in the logs"
    assert User.objects.filter(pk=referrer.pk).exists()
