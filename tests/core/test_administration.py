"""Only the administrator manages organisations and users."""

import pytest

from hub.accounts.models import Role
from tests import factories

pytestmark = pytest.mark.django_db


def administrator():
    return factories.user(Role.ADMINISTRATOR, organisation=factories.hub(), is_staff=True, is_superuser=True)


def test_it_lets_the_administrator_manage_organisations_and_users(client_for):
    client = client_for(administrator())
    assert client.get("/admin/accounts/organisation/").status_code == 200
    assert client.get("/admin/accounts/user/").status_code == 200


@pytest.mark.parametrize("role", [Role.SERVICE_MANAGER, Role.REFERRER, Role.ASSESSOR, Role.VIEWER])
def test_it_keeps_everyone_else_out_of_administration(client_for, role):
    person = factories.user(role, organisation=factories.local_authority())
    response = client_for(person).get("/admin/accounts/user/")
    assert response.status_code == 302
    assert "/admin/login/" in response.url


def test_it_never_lets_the_access_log_be_edited(client_for):
    from hub.audit.models import AccessLogEntry

    entry = AccessLogEntry.objects.create(action="view", object_type="referral", object_id="1", path="/x/")
    client = client_for(administrator())
    assert client.get(f"/admin/audit/accesslogentry/{entry.pk}/delete/").status_code == 403
    client.post(f"/admin/audit/accesslogentry/{entry.pk}/change/", {"action": "refused"})
    entry.refresh_from_db()
    assert entry.action == "view"


def test_it_refuses_an_assessor_limit_above_the_hubs_maximum_in_the_admin(client_for):
    person = factories.assessor("Halton")
    profile = person.assessor_profile
    data = {
        "username": person.username,
        "full_name": person.full_name,
        "email": person.email,
        "role": person.role,
        "organisation": person.organisation_id,
        "is_active": "on",
        "assessor_profile-TOTAL_FORMS": "1",
        "assessor_profile-INITIAL_FORMS": "1",
        "assessor_profile-MIN_NUM_FORMS": "0",
        "assessor_profile-MAX_NUM_FORMS": "1",
        "assessor_profile-0-id": profile.pk,
        "assessor_profile-0-user": person.pk,
        "assessor_profile-0-seconded_from": profile.seconded_from_id,
        "assessor_profile-0-max_concurrent_assessments": "4",
    }
    response = client_for(administrator()).post(f"/admin/accounts/user/{person.pk}/change/", data)
    assert response.status_code == 200
    assert "An assessor can hold at most 3 assessments at a time, the hub&#x27;s maximum" in response.content.decode()
    profile.refresh_from_db()
    assert profile.max_concurrent_assessments == 3
