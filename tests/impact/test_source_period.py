"""The dashboard counts a hub period like the sources' and gets the hand-counted figures."""

import datetime
import json

import pytest
import time_machine
from django.core.management import call_command

from hub.impact import figures, services
from hub.timescales.models import Clock
from tests import factories
from tests.impact import source_period as source

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    with time_machine.travel(source.TODAY, tick=False):
        for name in (source.CWAC, source.LIVERPOOL, source.WIRRAL, source.HALTON, source.SEFTON, "Knowsley"):
            factories.local_authority(name)
        manager = factories.service_manager()
        assessor = factories.assessor("Knowsley")
        services.history_import(
            name="hub-history.csv", content=source.as_csv(source.rows(assessor_email=assessor.email)), actor=manager
        )
        yield {"manager": manager, "assessor": assessor}


def _figures(**filters) -> figures.Figures:
    starts, ends = source.PERIOD
    return figures.impact_figures(figures.Filters(starts=starts, ends=ends, **filters), as_of=source.TODAY.date())


def test_the_dashboard_figures_equal_the_hand_counted_ones(loaded):
    result = _figures()
    assert {key: result.headline(key) for key in source.EXPECTED} == source.EXPECTED
    assert result.table("referrals_by_authority").rows == source.EXPECTED_BY_AUTHORITY
    assert result.table("referrals_by_type").rows == source.EXPECTED_BY_TYPE
    assert result.table("completed_by_type").rows == source.EXPECTED_COMPLETED_BY_TYPE
    assert result.table("referrals_by_reason").rows == [
        ["Disagreement between the parties", 5],
        ["Quality of a previous assessment", 4],
        ["Disputing the outcome of a previous fostering assessment", 3],
        ["Other", 1],
    ]
    assert result.table("pauses_by_cause").rows == [
        ["DBS checks", 28, 2],
        ["Medical assessments", 7, 1],
        ["Other causes", 0, 0],
    ]


def test_impact_figures_json_prints_the_same_numbers(loaded, capsys):
    starts, ends = source.PERIOD
    call_command("impact_figures", "--from", starts.isoformat(), "--to", ends.isoformat(), "--json")
    printed = json.loads(capsys.readouterr().out)
    headlines = {k: v for section in printed["sections"].values() for k, v in section["headlines"].items()}
    for key, value in source.EXPECTED.items():
        assert headlines[key] == value, key
    assert printed["sections"]["referrals"]["tables"]["referrals_by_authority"]["rows"] == (
        source.EXPECTED_BY_AUTHORITY
    )
    # Feedback, advocacy and kinship referrals are counted by the feedback app's records (none here).
    assert printed["sections"]["kinship"]["headlines"]["kinship_referrals"] == 0
    assert printed["sections"]["feedback"]["headlines"]["family_surveys_answered"] == 0


def test_the_filters_narrow_the_figures(loaded):
    assert _figures(assessment_type="parenting").headline("assessments_completed") == 8
    assert _figures(assessment_type="parenting").headline("referrals_received") == 8
    liverpool = factories.local_authority("Liverpool").pk
    assert _figures(local_authority=liverpool).headline("referrals_declined") == 1
    assert _figures(local_authority=liverpool).headline("assessments_completed") == 3
    assert _figures(assessor=loaded["assessor"].pk).headline("assessments_completed") == 2
    # A period that ends before any filing counts the referrals but no assessment completed.
    early = figures.impact_figures(
        figures.Filters(starts=source.PERIOD[0], ends=source.PERIOD[0]), as_of=source.TODAY.date()
    )
    assert early.headline("referrals_received") == 1
    assert early.headline("assessments_completed") == 0
    assert early.headline("filed_within_timescale_percent") is None


def test_imported_clocks_are_the_engines(loaded):
    """The clocks were run by the timescale services: the pauses moved the due dates on, filing ended them."""
    clocks = Clock.objects.filter(assessment__referral__imported_from__source_reference__in=["SRC-J1", "SRC-J2"])
    assert sorted((c.due_date.isoformat(), c.paused_days, c.ended_on.isoformat()) for c in clocks) == [
        ("2026-03-03", 14, "2026-02-13"),
        ("2026-03-13", 21, "2026-03-02"),
    ]


def test_fifteen_kinship_referrals_and_advocacy_are_counted(loaded):
    """The sources' "15 referrals to the Kinship Reach programme", made through the feedback app's services."""
    from hub.assessments.models import Assessment
    from hub.feedback import selectors as feedback_selectors
    from hub.feedback import services as feedback_services
    from hub.feedback.models import AdvocacyAnswer, ProviderKind, SupportProvider
    from hub.referrals import services as referral_services

    with time_machine.travel(source.TODAY, tick=False):
        kinship = SupportProvider.objects.create(
            name="Kinship support programme (synthetic)", kind=ProviderKind.KINSHIP, how_they_help="Peer support"
        )
        carers = []
        for ref in ("V1", "V2", "J1", "J2"):
            assessment = Assessment.objects.get(referral__imported_from__source_reference=f"SRC-{ref}")
            adult = referral_services.adult_save(
                referral=assessment.referral, data={"full_name": f"Carer {ref} Example"}, relationships={}
            )
            carers.append((assessment, adult))
        for n in range(15):
            assessment, adult = carers[n % 4]
            feedback_services.support_referral_make(
                assessment=assessment,
                adult=adult,
                provider=kinship,
                actor=loaded["manager"],
                referred_on=source.PERIOD[0] + datetime.timedelta(days=5 * n),
            )
        for n, (assessment, adult) in enumerate(carers):
            feedback_services.advocacy_offer_record(
                assessment=assessment,
                adult=adult,
                actor=loaded["manager"],
                offered_on=source.PERIOD[0] + datetime.timedelta(days=10),
                answer=AdvocacyAnswer.ACCEPTED if n < 3 else AdvocacyAnswer.DECLINED,
                provider=None,
                referred_on=None,
            )
        result = _figures()
        counts = feedback_selectors.feedback_counts(start=source.PERIOD[0], end=source.PERIOD[1])
    assert result.headline("kinship_referrals") == 15 == counts.kinship_referrals
    assert result.headline("advocacy_offered") == 4 == counts.advocacy_offered
    assert result.headline("advocacy_taken_up") == 3 == counts.advocacy_accepted
    assert result.table("kinship_by_authority").rows == [
        [source.HALTON, 4],
        [source.LIVERPOOL, 4],
        [source.SEFTON, 4],
        [source.WIRRAL, 3],
    ]


def test_family_feedback_by_statement_reads_as_the_sources_hundred_per_cent(loaded):
    """The six statements the hub reported at 100% ("felt respected, listened to..."), from six family members."""
    from hub.assessments.models import Assessment
    from hub.feedback.models import SurveyKind, SurveyResponse

    statements = ["felt_respected", "felt_listened_to", "able_to_say", "sessions_helpful", "felt_included",
                  "outcome_explained"]  # fmt: skip
    for n, ref in enumerate(["P1", "P2", "P3", "V1", "J1", "J2"]):
        SurveyResponse.objects.create(
            kind=SurveyKind.FAMILY,
            assessment=Assessment.objects.get(referral__imported_from__source_reference=f"SRC-{ref}"),
            respondent_role="mother" if n % 2 else "father",
            submitted_at=datetime.datetime(2026, 3, 1 + n, 12, tzinfo=datetime.UTC),
            **dict.fromkeys(statements, True),
        )
    result = _figures()
    assert result.headline("family_surveys_answered") == 6
    rows = result.table("feedback_family").rows
    assert rows[:6] == [
        ["Felt respected", 100, 6, 6],
        ["Felt listened to", 100, 6, 6],
        ["Were able to say what they wanted to say", 100, 6, 6],
        ["Found the sessions helpful", 100, 6, 6],
        ["Felt included in the assessment", 100, 6, 6],
        ["Had the outcome clearly explained", 100, 6, 6],
    ]
    # Parenting only: three of the six.
    assert _figures(assessment_type="parenting").headline("family_surveys_answered") == 3
