"""Survey results match answers counted by hand, by hub, authority, assessment type, assessor and period.

The small dataset (family members):

| response | authority | type      | assessor | sent (London)     | respected | approachable | helpful | quote? |
| R1       | Liverpool | parenting | Ash      | 10 Nov 2026       | yes       | 5            | 4       | yes    |
| R2       | Liverpool | parenting | Ash      | 20 Nov 2026       | yes       | 3            | 2       | no     |
| R3       | Wirral    | viability | Birch    | 5 Oct 2026        | no        | 4            | -       | yes    |
| R4       | Wirral    | viability | Birch    | 1 Oct 2026 00:30  | -         | -            | 5       | -      |
| R5       | Liverpool | parenting | Ash      | not sent          | no        | 1            | 1       | -      |

R4 was sent at 23:30 on 30 September by the UTC clock: in London (BST) it was 1 October.
R5 is half finished and counts nowhere.
"""

import datetime

import pytest
from django.urls import reverse

from hub.feedback import questions, selectors, statistics
from hub.feedback.models import SurveyKind, SurveyResponse
from tests import factories

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


@pytest.fixture
def dataset():
    ash = factories.assessor()
    ash.full_name = "Ash Assessor"
    ash.save()
    birch = factories.assessor()
    birch.full_name = "Birch Assessor"
    birch.save()
    liverpool = factories.accepted_assessment(assessor_user=ash)
    wirral = factories.accepted_assessment(
        assessor_user=birch, assessment_type="kinship_viability", by=factories.referrer("Wirral")
    )

    def family(assessment, sent, **answers):
        return SurveyResponse.objects.create(
            kind=SurveyKind.FAMILY, assessment=assessment, respondent_role="mother", submitted_at=sent, **answers
        )

    family(
        liverpool,
        datetime.datetime(2026, 11, 10, 12, tzinfo=UTC),
        felt_respected=True,
        approachability=5,
        helpfulness=4,
        consent_to_quote=True,
        most_helpful="Listened to me",
    )
    family(
        liverpool,
        datetime.datetime(2026, 11, 20, 12, tzinfo=UTC),
        felt_respected=True,
        approachability=3,
        helpfulness=2,
        consent_to_quote=False,
        most_helpful="Words not to be quoted",
    )
    family(
        wirral,
        datetime.datetime(2026, 10, 5, 12, tzinfo=UTC),
        felt_respected=False,
        approachability=4,
        consent_to_quote=True,
        improvements="Shorter visits",
    )
    family(wirral, datetime.datetime(2026, 9, 30, 23, 30, tzinfo=UTC), helpfulness=5)
    family(liverpool, None, felt_respected=False, approachability=1, helpfulness=1)
    SurveyResponse.objects.create(
        kind=SurveyKind.PROFESSIONAL,
        assessment=liverpool,
        respondent_role="Solicitor",
        submitted_at=datetime.datetime(2026, 11, 12, 12, tzinfo=UTC),
        timeliness=5,
        quality=3,
    )
    return {"liverpool": liverpool, "wirral": wirral, "ash": ash, "birch": birch}


def _figures(result: selectors.Results) -> dict[str, dict[str, tuple[int, int, int | None]]]:
    """{group: {question: (count, answered, percent)}} for the three questions the table counts."""
    wanted = {"felt_respected", "approachability", "helpfulness"}
    return {
        group.label: {f.key: (f.count, f.answered, f.percent) for f in group.findings if f.key in wanted}
        for group in result.groups
    }


def test_the_whole_hub(dataset, settings):
    result = selectors.results(SurveyKind.FAMILY, selectors.ResultsFilter())
    assert result.responses == 4
    assert _figures(result) == {
        settings.HUB_NAME: {"felt_respected": (2, 3, 67), "approachability": (2, 3, 67), "helpfulness": (2, 3, 67)}
    }
    [respected] = [f for f in result.groups[0].findings if f.key == "felt_respected"]
    assert respected.sentence == "67% (2 of 3) felt respected"


def test_by_authority_and_by_assessment_type(dataset):
    by_authority = _figures(selectors.results(SurveyKind.FAMILY, selectors.ResultsFilter(), by="authority"))
    assert by_authority == {
        "Liverpool": {"felt_respected": (2, 2, 100), "approachability": (1, 2, 50), "helpfulness": (1, 2, 50)},
        "Wirral": {"felt_respected": (0, 1, 0), "approachability": (1, 1, 100), "helpfulness": (1, 1, 100)},
    }
    by_type = _figures(selectors.results(SurveyKind.FAMILY, selectors.ResultsFilter(), by="assessment_type"))
    assert by_type["Parenting assessment"] == by_authority["Liverpool"]
    assert by_type["Kinship viability assessment"] == by_authority["Wirral"]


def test_by_assessor_and_for_one_assessor(dataset):
    by_assessor = _figures(selectors.results(SurveyKind.FAMILY, selectors.ResultsFilter(), by="assessor"))
    assert by_assessor["Birch Assessor"] == {
        "felt_respected": (0, 1, 0),
        "approachability": (1, 1, 100),
        "helpfulness": (1, 1, 100),
    }
    only_ash = selectors.results(SurveyKind.FAMILY, selectors.ResultsFilter(assessor_id=dataset["ash"].pk))
    assert only_ash.responses == 2


def test_by_month_in_london_time_and_for_a_period(dataset):
    by_month = _figures(selectors.results(SurveyKind.FAMILY, selectors.ResultsFilter(), by="month"))
    assert by_month == {
        "2026-10": {"felt_respected": (0, 1, 0), "approachability": (1, 1, 100), "helpfulness": (1, 1, 100)},
        "2026-11": {"felt_respected": (2, 2, 100), "approachability": (1, 2, 50), "helpfulness": (1, 2, 50)},
    }
    october = selectors.ResultsFilter(
        submitted_from=datetime.date(2026, 10, 1), submitted_to=datetime.date(2026, 10, 31)
    )
    assert selectors.results(SurveyKind.FAMILY, october).responses == 2
    september = selectors.ResultsFilter(submitted_to=datetime.date(2026, 9, 30))
    assert selectors.results(SurveyKind.FAMILY, september).responses == 0


def test_quotes_only_from_those_who_agreed(dataset):
    result = selectors.results(SurveyKind.FAMILY, selectors.ResultsFilter(), with_quotes=True)
    assert sorted(q["words"] for q in result.quotes) == ["Listened to me", "Shorter visits"]


def test_professionals_are_counted_on_their_own_questions(dataset):
    result = selectors.results(SurveyKind.PROFESSIONAL, selectors.ResultsFilter())
    findings = {f.key: f.sentence for f in result.groups[0].findings}
    assert findings["timeliness"] == "100% (1 of 1) rated timeliness good"
    assert findings["quality"] == "0% (0 of 1) rated quality and thoroughness good"
    assert findings["impact"] == "No answers yet: rated the impact good"


def test_the_manager_reads_the_figures_and_quotes_and_the_viewer_the_figures_only(dataset, client_for):
    manager_page = client_for(factories.service_manager()).get(reverse("feedback:results")).content.decode()
    assert "67% (2 of 3) felt respected" in manager_page
    assert "Listened to me" in manager_page
    assert "Words not to be quoted" not in manager_page
    viewer = factories.user("viewer", organisation=factories.hub())
    viewer_page = client_for(viewer).get(reverse("feedback:results"), {"group_by": "authority"}).content.decode()
    assert "100% (2 of 2) felt respected" in viewer_page
    assert "Listened to me" not in viewer_page
    assert client_for(dataset["ash"]).get(reverse("feedback:results")).status_code == 403


def test_the_results_filters_reshow_what_was_typed_with_an_error_summary(dataset, client_for):
    page = client_for(factories.service_manager()).get(
        reverse("feedback:results"),
        {
            "submitted_from_day": "10",
            "submitted_from_month": "11",
            "submitted_from_year": "2026",
            "submitted_to_day": "1",
            "submitted_to_month": "10",
            "submitted_to_year": "2026",
        },
    )
    body = page.content.decode()
    assert "govuk-error-summary" in body and "The end of the period must be on or after its start" in body
    assert 'value="10"' in body and 'value="2026"' in body


@pytest.mark.parametrize(
    ("count", "answered", "percent"), [(1, 8, 13), (1, 3, 33), (2, 3, 67), (0, 5, 0), (12, 12, 100), (0, 0, None)]
)
def test_percentages_round_half_up(count, answered, percent):
    assert statistics.Finding(key="k", finding="f", count=count, answered=answered).percent == percent


def test_a_rating_is_good_at_four_or_five_and_a_skipped_question_is_not_counted():
    [rating] = [q for q in questions.FAMILY_RATINGS if q.key == "approachability"]
    rows = [{"approachability": 4}, {"approachability": 3}, {"approachability": None}, {}]
    [finding] = statistics.findings(rows, [rating])
    assert (finding.count, finding.answered) == (1, 2)
