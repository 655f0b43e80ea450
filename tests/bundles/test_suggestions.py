"""Dated events mined from the bundle become suggestions the assessor accepts, changes or rejects."""

import pytest

from hub.bundles import services
from hub.bundles.demo import BundlePageSpec, make_court_bundle
from hub.bundles.models import ChronologySuggestion, SuggestionStatus
from hub.workspace.models import ChronologyEntry
from hub.workspace.rules import DatePrecision
from tests import factories
from tests.bundles.conftest import read, stored, text_bundle

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessor():
    return factories.assessor()


@pytest.fixture
def assessment(assessor):
    assessment = factories.accepted_assessment(assessor_user=assessor)
    read(stored(assessment.referral, text_bundle(), name="statements.pdf"))
    return assessment


def pending(assessment):
    return ChronologySuggestion.objects.filter(referral=assessment.referral, status=SuggestionStatus.PENDING)


def citations(suggestion):
    return sorted((c.page.document.original_name, c.page.label) for c in suggestion.citations.all())


def test_dated_events_become_suggestions_with_their_citation(assessment):
    found = {s.date: s for s in pending(assessment)}
    assert {"2020-09", "2023-03-12", "2020-07-02", "2024-01-05", "2023-08-21", "2019"} <= set(found)
    assert found["2020-09"].precision == "month" and found["2019"].precision == "year"
    assert found["2020-07-02"].end_date == "2020-07-19"
    assert citations(found["2024-01-05"]) == [("statements.pdf", "C2")]
    assert not any("1989" in s.date for s in found.values())


def test_the_same_event_in_two_places_is_one_suggestion_citing_both(assessment):
    # The statement (C1) and the police disclosure (E1) both record 12 March 2023.
    (police,) = pending(assessment).filter(date="2023-03-12")
    assert citations(police) == [("statements.pdf", "C1"), ("statements.pdf", "E1")]
    # A second bundle file saying it again merges into the same suggestion.
    read(
        stored(
            assessment.referral,
            make_court_bundle(
                [
                    BundlePageSpec(
                        [
                            "G7",
                            "On 12 March 2023, police attended the family home following a report of domestic abuse.",
                        ]
                    )
                ]
            ),
            name="police-log.pdf",
        )
    )
    (police,) = pending(assessment).filter(date="2023-03-12")
    assert ("police-log.pdf", "G7") in citations(police) and len(citations(police)) == 3


def test_reading_a_file_again_adds_no_suggestions_or_citations(assessment):
    before = (ChronologySuggestion.objects.count(), sum(len(citations(s)) for s in ChronologySuggestion.objects.all()))
    document = assessment.referral.bundle_documents.get(original_name="statements.pdf")
    services.suggestions_from_document(document=document)
    after = (ChronologySuggestion.objects.count(), sum(len(citations(s)) for s in ChronologySuggestion.objects.all()))
    assert before == after


def test_accepting_makes_a_chronology_entry_keeping_the_citation(assessment, assessor, client_for):
    (suggestion,) = pending(assessment).filter(date="2023-03-12")
    response = client_for(assessor).post(
        f"/bundles/workspace/{assessment.pk}/suggestions/", {"suggestion": suggestion.pk, "decision": "accept"}
    )
    assert response.status_code == 302
    suggestion.refresh_from_db()
    entry = suggestion.chronology_entry
    assert suggestion.status == SuggestionStatus.ACCEPTED and entry is not None
    assert entry.event_date.isoformat() == "2023-03-12" and entry.precision == DatePrecision.DAY
    assert entry.bundle_reference == "C1" and entry.source == "Court bundle: statements.pdf C1, E1"
    assert entry.what_happened.startswith("On 12 March 2023 police attended")
    page = client_for(assessor).get(f"/workspace/{assessment.pk}/chronology/").content.decode()
    assert "Court bundle: statements.pdf C1, E1" in page


def test_a_month_only_suggestion_keeps_its_precision(assessment, assessor):
    (suggestion,) = pending(assessment).filter(date="2020-09")
    entry = services.suggestion_accept(suggestion=suggestion, assessment=assessment, actor=assessor)
    assert entry.event_date.isoformat() == "2020-09-01" and entry.precision == DatePrecision.MONTH


def test_changing_a_suggestion_before_accepting_it(assessment, assessor, client_for):
    (suggestion,) = pending(assessment).filter(date="2023-08-21")
    url = f"/bundles/workspace/{assessment.pk}/suggestions/{suggestion.pk}/"
    client = client_for(assessor)
    form = client.get(url).content.decode()
    assert 'value="21"' in form and "The interim care order was made on 21 August 2023." in form
    bad = client.post(url, {"when_day": "", "when_month": "", "when_year": "", "what_happened": "", "source": "x"})
    assert bad.status_code == 200 and "There is a problem" in bad.content.decode()
    response = client.post(
        url,
        {
            "when_day": "22",
            "when_month": "8",
            "when_year": "2023",
            "what_happened": "Interim care order made (the sealed order is dated the 22nd).",
            "source": "Court bundle: statements.pdf C5",
            "bundle_reference": "C5",
            "significance": "",
        },
    )
    assert response.status_code == 302
    entry = ChronologyEntry.objects.get(what_happened__startswith="Interim care order made")
    assert entry.event_date.isoformat() == "2023-08-22" and entry.bundle_reference == "C5"
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.ACCEPTED and suggestion.chronology_entry == entry


def test_rejecting_a_suggestion(assessment, assessor, client_for):
    (suggestion,) = pending(assessment).filter(date="2019")
    client = client_for(assessor)
    client.post(f"/bundles/workspace/{assessment.pk}/suggestions/", {"suggestion": suggestion.pk, "decision": "reject"})
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.REJECTED
    assert not ChronologyEntry.objects.filter(what_happened__contains="father moved").exists()
    page = client.get(f"/bundles/workspace/{assessment.pk}/suggestions/").content.decode()
    assert "father moved" not in page and "1 rejected" in page
    # A decided suggestion cannot be decided again.
    with pytest.raises(services.SuggestionDecided):
        services.suggestion_accept(suggestion=suggestion, assessment=assessment, actor=assessor)


def test_the_suggestions_page_is_only_for_those_who_may_see_the_workspace(assessment, client_for):
    stranger = factories.assessor("Knowsley")
    assert client_for(stranger).get(f"/bundles/workspace/{assessment.pk}/suggestions/").status_code == 404
    (suggestion,) = pending(assessment).filter(date="2019")
    response = client_for(stranger).post(
        f"/bundles/workspace/{assessment.pk}/suggestions/", {"suggestion": suggestion.pk, "decision": "accept"}
    )
    assert response.status_code == 404
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.PENDING
