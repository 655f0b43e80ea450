"""Schemathesis generates requests from /api/v1/openapi.json: whatever it sends, no 5xx comes back.

It calls the WSGI application in process, with a real token, so the requests reach
the views rather than stopping at the authentication check; and once more without
one. Each operation gets a bounded number of examples to keep the suite fast.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from config.wsgi import application
from tests import factories
from tests.api.conftest import issue_token

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def bearer(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    _token, raw = issue_token()
    # Something to find: a referral of the token's authority, and one of another.
    factories.complete_referral(by=_token.acting_user, status="submitted")
    factories.complete_referral(by=factories.referrer("Wirral"), status="submitted")
    return raw


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_it_never_answers_a_generated_request_with_a_server_error(case, bearer):
    case.call_and_validate(headers={"Authorization": f"Bearer {bearer}"}, checks=[not_a_server_error])


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_it_never_answers_an_unauthenticated_request_with_a_server_error(case):
    case.headers = {k: v for k, v in (case.headers or {}).items() if k.lower() != "authorization"}
    case.call_and_validate(checks=[not_a_server_error])
