"""Schemathesis generates requests from /api/v1/openapi.json: whatever it sends, no 5xx comes back.

It calls the WSGI application in process, with a real token, so the requests reach
the views rather than stopping at the authentication check; and once more without
one. Each operation gets a bounded number of examples to keep the suite fast.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from config.wsgi import application
from tests import factories
from tests.api.conftest import issue_token

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    # Django's test client stops each request closing the database connection; this
    # calls the WSGI application directly, so do the same, or on PostgreSQL the first
    # request would close the connection holding the test's transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


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
