"""The record pages of a child, an adult's views and an adult's capacity to change, which share one helper."""

import pytest
from django.urls import reverse

from hub.workspace.models import AdultRecord, ChildRecord
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessor():
    return factories.assessor()


@pytest.fixture
def assessment(assessor):
    return factories.accepted_assessment(assessor_user=assessor)


def url(name, assessment, *args):
    return reverse(f"workspace:{name}", args=[assessment.pk, *args])


def test_it_saves_a_childs_record_and_goes_back_to_the_household(client_for, assessment, assessor):
    child = assessment.referral.children.get()
    client = client_for(assessor)
    assert child.full_name in client.get(url("child-record", assessment, child.pk)).content.decode()
    response = client.post(
        url("child-record", assessment, child.pk), {"considered": "Seen at nursery", "views": "I like the park"}
    )
    assert response.status_code == 302 and response["Location"] == url("household", assessment)
    record = ChildRecord.objects.get(assessment=assessment, child=child)
    assert (record.considered, record.views) == ("Seen at nursery", "I like the park")
    assert f"Saved for {child.full_name}" in client.get(response["Location"]).content.decode()


def test_it_saves_an_adults_views_as_a_draft_from_the_autosave_script(client_for, assessment, assessor):
    adult = assessment.referral.adults.get()
    client = client_for(assessor)
    assert f"Views of {adult.full_name}" in client.get(url("adult-views", assessment, adult.pk)).content.decode()
    response = client.post(url("adult-views", assessment, adult.pk), {"views": "Half a"}, headers={"X-Autosave": "1"})
    assert response.status_code == 200 and response.json()["saved"] is True
    assert AdultRecord.objects.get(assessment=assessment, adult=adult).views == "Half a"


def test_it_saves_capacity_to_change_and_reshows_a_wrong_choice(client_for, assessment, assessor):
    adult = assessment.referral.adults.get()
    client = client_for(assessor)
    page = url("capacity-edit", assessment, adult.pk)
    refused = client.post(page, {"commitment": "enthusiasm", "commitment_evidence": "Kept every appointment"})
    assert refused.status_code == 200
    assert "govuk-error-summary" in refused.content.decode()
    assert "Kept every appointment" in refused.content.decode()
    assert not AdultRecord.objects.exists()
    response = client.post(page, {"commitment": "genuine", "stage_of_change": "determination"})
    assert response["Location"] == url("capacity", assessment)
    record = AdultRecord.objects.get(assessment=assessment, adult=adult)
    assert (record.commitment, record.stage_of_change) == ("genuine", "determination")
    assert f"Capacity to change saved for {adult.full_name}" in client.get(url("capacity", assessment)).content.decode()


def test_it_gives_a_404_for_a_person_not_in_the_assessment(client_for, assessment, assessor):
    other = factories.accepted_assessment(assessor_user=factories.assessor())
    client = client_for(assessor)
    assert client.get(url("child-record", assessment, other.referral.children.get().pk)).status_code == 404
    assert client.get(url("adult-views", assessment, other.referral.adults.get().pk)).status_code == 404
    assert client.get(url("capacity-edit", assessment, other.referral.adults.get().pk)).status_code == 404
