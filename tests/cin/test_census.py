"""The children in need census: the demo's return passes the DfE's rules, and what a record lacks is named
child by child before anything is exported."""

import datetime
from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from hub.accounts.models import Organisation
from hub.cin import census, census_rules
from hub.cin.demo import cin_demo_seed
from hub.cin.models import Child
from tests import factories
from tests.cin import builders

pytestmark = pytest.mark.django_db


def _demo() -> Organisation:
    la = factories.local_authority("Cheshire West and Chester")
    for username, name in (
        ("referrer.cheshire-west@example.org", "Casey Thornbury"),
        ("worker.cheshire-west@example.org", "Kit Harlow"),
    ):
        factories.User.objects.create_user(
            username=username, email=username, full_name=name, role="referrer", organisation=la
        )
    cin_demo_seed()
    return la


def test_the_demo_return_passes_the_xsd_and_every_dfe_rule(tmp_path: Path):
    la = _demo()
    target = tmp_path / "cin.xml"
    call_command("cin_census_export", "--year", "2025", str(target))
    data = target.read_bytes()
    assert census_rules.schema_problems(data) == []
    assert census_rules.errors(census_rules.check_file(data)) == []
    back = census_rules.from_xml(data)
    ids = {child.la_child_id for child in back.children}
    # Open in 2024 to 2025: the siblings on plans, the child closed after assessment, the referral with no
    # further action and the child protection case; the current cases (referred this year) are not in it.
    assert ids == {"CW100231", "CW100232", "CW100240", "CW100250", "CW100260"}
    mason = next(c for c in back.children if c.la_child_id == "CW100260")
    assert mason.episodes[0].protection_plans[0].initial_category == "NEG"
    assert mason.episodes[0].section47s[0].icpc_date == date(2025, 1, 29)
    assert back.la_code == la.dfe_code == "896"


def test_a_missing_ethnicity_and_factors_are_named_for_the_child_before_export(tmp_path: Path, client_for):
    manager = builders.worker("Liverpool", manager=True)
    kid = builders.child(manager, full_name="Sky Fernleigh", la_child_id="LV1", ethnicity="")
    made = builders.referral(manager, kid)
    assessment = builders.completed_assessment(manager, made)
    assessment.factors = []  # as if the factors were lost after completion
    assessment.save()

    issues = census_rules.validate(census.census_return(manager.organisation, year=2025))
    named = {(i.label, i.rule) for i in issues}
    assert ("Sky Fernleigh (LV1)", "4220") in named  # Ethnicity is missing or invalid
    assert ("Sky Fernleigh (LV1)", "8897") in named  # factors missing from a completed assessment

    page = client_for(manager).get(reverse("cin:census"))
    assert page.status_code == 200
    assert "What the record lacks for a valid return" in page.text
    assert "Sky Fernleigh (LV1)" in page.text and "Ethnicity is missing or invalid" in page.text
    assert "Download the census return" not in page.text
    refused = client_for(manager).get(reverse("cin:census-download", args=[2025]))
    assert refused.status_code == 302

    target = tmp_path / "cin.xml"
    with pytest.raises(CommandError, match="nothing written"):
        call_command("cin_census_export", "--year", "2025", "--authority", "341", str(target))
    assert not target.exists()


def test_the_manager_downloads_a_valid_return_and_the_download_is_logged(client_for):
    from hub.audit.models import AccessLogEntry

    manager = builders.worker("Liverpool", manager=True)
    kid = builders.child(manager)
    made = builders.referral(manager, kid)
    builders.completed_assessment(manager, made)
    builders.plan(manager, made)
    response = client_for(manager).get(reverse("cin:census-download", args=[2025]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    assert census_rules.errors(census_rules.check_file(response.content)) == []
    assert AccessLogEntry.objects.filter(user=manager, action="export", object_type="cin_census").exists()


def test_a_worker_who_is_not_the_manager_cannot_export(client_for):
    worker = builders.worker("Liverpool")
    assert client_for(worker).get(reverse("cin:census")).status_code == 404


def _child(**values: object) -> census_rules.CensusChild:
    base: dict[str, object] = {
        "la_child_id": "A1",
        "upn_unknown": "UN2",
        "birth_date": date(2015, 1, 1),
        "sex": "F",
        "ethnicity": "WBRI",
        "disabilities": ("NONE",),
        "episodes": (
            census_rules.CensusEpisode(referral_date=date(2024, 5, 1), referral_source="2A", primary_need="N1"),
        ),
    }
    base.update(values)
    return census_rules.CensusChild(**base)  # type: ignore[arg-type]


def _rules(*children: census_rules.CensusChild) -> set[str]:
    return {
        i.rule for i in census_rules.validate(census_rules.CensusReturn(year=2025, la_code="341", children=children))
    }


def test_the_child_level_rules():
    assert _rules(_child()) == set()
    assert "8525" in _rules(_child(expected_birth_date=date(2025, 5, 1)))  # both dates
    assert "8750" in _rules(_child(birth_date=None, expected_birth_date=date(2025, 5, 1), sex="F", disabilities=()))
    assert "4180" in _rules(_child(sex="X"))
    assert "8790" in _rules(_child(disabilities=("NONE", "AUT")))
    assert "8510" in _rules(_child(), _child())
    assert "1510" in _rules(_child(upn="B123456789012"))  # the right check letter is A


def test_a_upn_check_letter_is_computed_as_the_dfe_specifies():
    rest = "896200116001"
    upn = census_rules.upn_check_letter(rest) + rest
    assert census_rules.upn_valid(upn)
    assert not census_rules.upn_valid(("A" if upn[0] != "A" else "B") + rest)


def test_the_assessment_and_plan_rules():
    completed = census_rules.CensusAssessment(date(2024, 5, 2), date(2024, 5, 10), ("21", "16A"))
    episode = census_rules.CensusEpisode(
        referral_date=date(2024, 5, 1),
        referral_source="2A",
        primary_need="N1",
        assessments=(completed,),
        plans=(census_rules.CensusPlan(date(2024, 4, 20)), census_rules.CensusPlan(date(2024, 6, 1))),
    )
    found = _rules(_child(episodes=(episode,)))
    assert {"8869", "4015", "4004", "4014"} <= found


def test_an_episode_closed_in_a_later_year_is_returned_open():
    worker = builders.worker("Liverpool", manager=True)
    kid = builders.child(worker)
    made = builders.referral(worker, kid, on=date(2025, 3, 3))
    returned = census.census_return(worker.organisation, year=2025)
    assert returned.children[0].episodes[0].closure_date is None
    assert made.pk and Child.objects.count() == 1
    assert datetime.date(2025, 3, 31) == returned.end


def test_correcting_what_the_census_named_clears_it(client_for):
    manager = builders.worker("Liverpool", manager=True)
    kid = builders.child(manager, full_name="Sky Fernleigh", la_child_id="LV1", ethnicity="")
    made = builders.referral(manager, kid)
    builders.completed_assessment(manager, made)
    page = client_for(manager).get(reverse("cin:census"))
    assert f'href="{reverse("cin:child", args=[kid.pk])}"' in page.text
    client_for(manager).post(
        reverse("cin:child-edit", args=[kid.pk]),
        {
            "full_name": "Sky Fernleigh",
            "la_child_id": "LV1",
            "birth_date_day": "1",
            "birth_date_month": "4",
            "birth_date_year": "2015",
            "sex": "F",
            "upn_unknown": "UN2",
            "ethnicity": "WIRI",
            "disabilities": ["NONE"],
        },
    )
    kid.refresh_from_db()
    assert kid.ethnicity == "WIRI"
    page = client_for(manager).get(reverse("cin:census"))
    assert "No errors" in page.text and "Download the census return (XML)" in page.text


def test_a_child_protection_plan_starts_at_the_conference_of_its_section_47_enquiry():
    from hub.cin import services

    worker = builders.worker("Liverpool", manager=True)
    made = builders.referral(worker, builders.child(worker), on=date(2025, 1, 13), decide="strategy")
    enquiry = services.section47_start(referral=made, started_on=date(2025, 1, 14), conference_target=date(2025, 1, 31))
    with pytest.raises(services.CinError, match="already under way"):
        services.section47_start(referral=made, started_on=date(2025, 1, 15))
    builders.plan(worker, made, start=date(2025, 1, 29), kind="child_protection", initial_category="NEG")
    found = {i.rule for i in census_rules.validate(census.census_return(worker.organisation, year=2025))}
    assert "2885" in found  # no conference recorded on the plan's start day yet
    services.section47_conference_record(
        enquiry=enquiry, conference_on=date(2025, 1, 29), conference_not_required=False
    )
    found = {i.rule for i in census_rules.validate(census.census_return(worker.organisation, year=2025))}
    assert "2885" not in found
