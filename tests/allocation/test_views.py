"""The manager's allocation pages: who may see them, what they show, what they do."""

import pytest
from django.urls import reverse

from hub.audit.models import AccessLogEntry
from tests import factories
from tests.allocation.builders import assessor, load, queued

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager():
    return factories.service_manager()


@pytest.mark.parametrize("who", ["referrer", "assessor"])
def test_it_hides_allocation_from_anyone_but_the_service_manager(client_for, who):
    assessment = queued()
    person = factories.referrer() if who == "referrer" else factories.assessor()
    client = client_for(person)
    for url in [
        reverse("allocation:queue"),
        reverse("allocation:workload"),
        reverse("allocation:suggest"),
        reverse("allocation:allocate", args=[assessment.pk]),
    ]:
        assert client.get(url).status_code == 404


def test_it_lists_the_queue_earliest_deadline_first(client_for, manager):
    parenting = queued("Liverpool")
    viability = queued("Sefton", kind="kinship_viability")
    page = client_for(manager).get(reverse("allocation:queue")).content.decode()
    assert page.index(str(viability.referral.reference)) < page.index(str(parenting.referral.reference))
    assert "Suggest allocations" in page
    assert AccessLogEntry.objects.filter(user=manager, object_type="allocation_queue").exists()


def test_it_ranks_the_eligible_with_reasons_and_lists_the_ineligible_with_why(client_for, manager):
    assessment = queued("Liverpool", language="Polish", learning_needs=True)
    assessor("Halton", skills=("parentassess",), languages="Polish", name="Best Example")
    assessor("Liverpool", name="Home Example")
    full = assessor("Wirral", max_concurrent=1, name="Full Example")
    load(full, 1)

    response = client_for(manager).get(reverse("allocation:allocate", args=[assessment.pk]))

    page = response.content.decode()
    assert "Seconded from Halton: independent; 0 of 3 cases; ParentAssess trained; Speaks Polish" in page
    assert "Seconded from Liverpool: not independent of the referring authority" in page
    assert "1 of 1 cases: no free place" in page
    assert AccessLogEntry.objects.filter(user=manager, object_type="assessment", object_id=str(assessment.pk)).exists()


def test_it_asks_for_a_reason_and_keeps_what_was_typed(client_for, manager):
    assessment = queued("Liverpool", learning_needs=True)
    assessor("Halton", skills=("parentassess",), name="Best Example")
    other = assessor("Wirral", name="Other Example")
    client = client_for(manager)
    url = reverse("allocation:allocate", args=[assessment.pk])

    refused = client.post(url, {"assessor": other.pk, "reason": ""})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "There is a problem" in page
    assert "Explain why you chose Other Example over Best Example, the best match" in page
    assert f'value="{other.pk}" aria-describedby="assessor-{other.pk}-hint" checked' in page

    done = client.post(url, {"assessor": other.pk, "reason": "Knows the family already"})
    assert done.status_code == 302
    assessment.refresh_from_db()
    assert assessment.assessor == other
    assert assessment.allocations.get().reason == "Knows the family already"


def test_it_shows_a_clear_message_when_the_place_went_while_choosing(client_for, manager):
    assessment = queued("Liverpool")
    person = assessor("Halton", max_concurrent=1, name="Busy Example")
    client = client_for(manager)
    url = reverse("allocation:allocate", args=[assessment.pk])
    client.get(url)
    load(person, 1)  # another manager filled the last place meanwhile

    response = client.post(url, {"assessor": person.pk, "reason": "x"})
    assert response.status_code == 400
    assert "Busy Example cannot take this assessment now: 1 of 1 cases: no free place." in response.content.decode()


def test_it_confirms_the_suggested_batch_in_part(client_for, manager):
    first, second = queued("Liverpool"), queued("Sefton")
    assessor("Halton")
    client = client_for(manager)

    page = client.get(reverse("allocation:suggest")).content.decode()
    assert page.count('name="pair"') == 2

    response = client.post(reverse("allocation:suggest"), {"pair": []})
    assert "Select at least one allocation to confirm" in response.content.decode()

    pair = next(p for p in _pairs(page) if p.startswith(f"{first.pk}:"))
    response = client.post(reverse("allocation:suggest"), {"pair": [pair]})
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.assessor is not None and second.assessor is None


def test_it_shows_each_assessors_workload_and_reallocates_with_a_reason(client_for, manager):
    person = assessor("Halton", name="Leaving Example")
    [case] = load(person, 1)
    other = assessor("Sefton", name="Staying Example")
    client = client_for(manager)

    page = client.get(reverse("allocation:workload")).content.decode()
    assert "Leaving Example" in page and "1 of 3 cases" in page
    assert reverse("allocation:reallocate", args=[case.pk]) in page
    # The reference opens the referral; the manager can follow it.
    assert reverse("triage:detail", args=[case.referral_id]) in page
    assert "Working days left" in page

    url = reverse("allocation:reallocate", args=[case.pk])
    assert "Enter the reason for reallocating" in client.post(url, {"assessor": other.pk}).content.decode()
    assert client.post(url, {"assessor": other.pk, "reason": "Left the hub"}).status_code == 302
    case.refresh_from_db()
    assert case.assessor == other


def _pairs(page: str) -> list[str]:
    import re

    return re.findall(r'name="pair" type="checkbox" value="([0-9:]+)"', page)


def test_it_reallocates_all_of_a_leaving_assessors_cases_with_one_reason(client_for, manager):
    leaving = assessor("Halton", name="Leaving Example")
    cases = load(leaving, 2, la="Liverpool")
    other = assessor("Sefton", name="Staying Example")
    client = client_for(manager)
    url = reverse("allocation:reallocate-all", args=[leaving.pk])

    page = client.get(url).content.decode()
    pairs = _pairs(page)
    assert sorted(pairs) == sorted(f"{case.pk}:{other.pk}" for case in cases)
    assert "Enter the reason for reallocating" in client.post(url, {"pair": pairs}).content.decode()

    assert client.post(url, {"pair": pairs, "reason": "Left the hub"}).status_code == 302
    for case in cases:
        case.refresh_from_db()
        assert case.assessor == other
        assert case.allocations.get(kind="reallocated").reason == "Left the hub"


def test_it_says_when_the_best_score_is_shared_and_explains_the_score(client_for, manager):
    assessment = queued("Liverpool")
    assessor("Halton", name="Alder Example")
    assessor("Sefton", name="Birch Example")

    page = client_for(manager).get(reverse("allocation:allocate", args=[assessment.pk])).content.decode()

    assert page.count("Joint best match") == 2
    assert ">Best match<" not in page
    assert "2 assessors share the best score" in page
    assert "same score are listed in alphabetical order" in page


def test_it_counts_working_days_left_on_the_queue(client_for, manager):
    queued("Liverpool")
    page = client_for(manager).get(reverse("allocation:queue")).content.decode()
    assert "Working days left" in page and "Days left" not in page
