"""The workspace pages and services, through the test client, as an assessor uses them."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from docx import Document

from hub.audit.models import AccessAction, AccessLogEntry
from hub.referrals.models import Child
from hub.workspace import rules, services
from hub.workspace.models import (
    ChildRecord,
    ChronologyEntry,
    FamilyLink,
    FamilyReferral,
    InformationRequest,
    RecordVersion,
)
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


def _add_entry(client, assessment, day, month, year, what="An event", **extra):
    data = {
        "when_day": day,
        "when_month": month,
        "when_year": year,
        "what_happened": what,
        "source": "Police disclosure",
        **extra,
    }
    return client.post(url("chronology", assessment), data)


def test_it_shows_the_workspace_only_to_the_allocated_assessor_and_the_service_manager(
    client_for, assessment, assessor
):
    assert client_for(assessor).get(url("overview", assessment)).status_code == 200
    assert client_for(factories.service_manager()).get(url("overview", assessment)).status_code == 200
    for outsider in (factories.assessor(), factories.referrer(), factories.user("viewer")):
        for name in ("overview", "chronology", "sources", "risk"):
            assert client_for(outsider).get(url(name, assessment)).status_code == 404
    refused = AccessLogEntry.objects.filter(action=AccessAction.REFUSED, object_type="workspace")
    assert refused.count() == 12
    assert AccessLogEntry.objects.filter(action=AccessAction.VIEW, object_type="workspace", user=assessor).exists()


def test_it_links_each_allocated_assessment_to_its_workspace_from_the_assessor_home(client_for, assessment, assessor):
    page = client_for(assessor).get("/").content.decode()
    assert url("overview", assessment) in page


def test_it_opens_a_second_assessment_of_the_same_family_with_the_first_ones_chronology(client_for, assessor):
    first = factories.accepted_assessment(assessor_user=assessor)
    client = client_for(assessor)
    _add_entry(client, first, "", "6", "2018", what="Police called to the home")
    # A later referral (an addendum) about the same children, names typed differently in case.
    second = factories.accepted_assessment(assessor_user=factories.assessor(), assessment_type="parenting_addendum")
    Child.objects.filter(referral=second.referral).update(full_name="CHILD example 0")

    page = client_for(second.assessor).get(url("chronology", second)).content.decode()

    assert "Police called to the home" in page
    assert "June 2018 (day not known)" in page
    assert FamilyReferral.objects.get(referral=second.referral).how == FamilyLink.MATCHED
    assert first.referral.reference in client_for(second.assessor).get(url("overview", second)).content.decode()


def test_it_keeps_different_families_apart_until_the_service_manager_links_them(client_for, assessor):
    first = factories.accepted_assessment(assessor_user=assessor)
    _add_entry(client_for(assessor), first, "1", "2", "2020", what="Birth of a sibling")
    second = factories.accepted_assessment(assessor_user=factories.assessor())
    # The builders give every referral the same children; make this one another family's,
    # as if its children had had other names when it was accepted.
    FamilyReferral.objects.filter(referral=second.referral).delete()
    Child.objects.filter(referral=second.referral).update(full_name="Someone Else Entirely")
    assert "Birth of a sibling" not in client_for(second.assessor).get(url("chronology", second)).content.decode()

    manager = factories.service_manager()
    response = client_for(manager).post(url("family-link", second), {"reference": first.referral.reference})

    assert response.status_code == 302
    assert "Birth of a sibling" in client_for(second.assessor).get(url("chronology", second)).content.decode()
    assert FamilyReferral.objects.get(referral=second.referral).linked_by == manager


def test_it_lets_only_the_service_manager_link_families(client_for, assessment, assessor):
    other = factories.accepted_assessment(assessor_user=assessor)
    response = client_for(assessor).post(url("family-link", assessment), {"reference": other.referral.reference})
    assert response.status_code == 404


def test_it_sorts_the_chronology_with_partial_dates_at_the_start_of_their_period(client_for, assessment, assessor):
    client = client_for(assessor)
    _add_entry(client, assessment, "5", "3", "2019", what="Exact event")
    _add_entry(client, assessment, "", "", "2019", what="Sometime that year")
    _add_entry(client, assessment, "", "3", "2019", what="Sometime that March", bundle_reference="c23")
    page = client.get(url("chronology", assessment)).content.decode()
    assert page.index("Sometime that year") < page.index("Sometime that March") < page.index("Exact event")
    assert ChronologyEntry.objects.get(what_happened="Sometime that March").bundle_reference == "C23"


def test_it_shows_back_what_was_typed_when_a_chronology_entry_is_wrong(client_for, assessment, assessor):
    response = _add_entry(
        client_for(assessor), assessment, "5", "", "2019", what="Typed words stay", bundle_reference="page 4"
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Enter the month as well as the day" in page
    assert "Enter the bundle page like C23" in page
    assert "Typed words stay" in page
    assert not ChronologyEntry.objects.exists()


def test_it_records_a_session_and_closes_the_seen_alone_gap(client_for, assessment, assessor):
    client = client_for(assessor)
    child = assessment.referral.children.get()
    assert f"{child.full_name} has not been seen alone" in client.get(url("overview", assessment)).content.decode()

    response = client.post(
        url("sessions", assessment),
        {
            "kind": "home_visit",
            "held_on_day": "2",
            "held_on_month": "3",
            "held_on_year": "2026",
            "present": "Mother, child, assessor",
            f"seen_{child.pk}": "alone",
        },
    )

    assert response.status_code == 302
    overview = client.get(url("overview", assessment)).content.decode()
    assert "has not been seen alone" not in overview
    assert "No session has been recorded yet" not in overview


def test_it_asks_an_agency_and_generates_the_standard_letter_as_a_word_file(client_for, assessment, assessor, settings):
    # The hub's contact details come from its settings (the environment), not from the code.
    settings.HUB_TELEPHONE = "0151 000 1234"
    settings.HUB_POSTAL_ADDRESS = "Test Hub, 2 Sample Road, Liverpool L2 0BB"
    client = client_for(assessor)
    response = client.post(
        url("sources", assessment),
        {"agency": "gp", "organisation_name": "Riverside Medical Practice", "basis": "statutory"},
    )
    request = InformationRequest.objects.get()
    assert response.status_code == 302

    letter = client.post(url("letter-docx", assessment, request.pk))

    assert letter["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    text = "\n".join(p.text for p in Document(io.BytesIO(letter.content)).paragraphs)
    assert "Child Example 0 (born 1 January 2020)" in text
    assert "statutory responsibility" in text
    assert assessor.full_name in text
    # How to reach the hub other than by email: the telephone number and the postal address.
    assert "telephone the hub on 0151 000 1234" in text
    assert "Test Hub, 2 Sample Road, Liverpool L2 0BB" in text
    request.refresh_from_db()
    assert request.asked_on is not None and request.reply_by is not None
    assert request.letter_generated_at is not None
    printable = client.get(url("letter-print", assessment, request.pk)).content.decode()
    assert "We request any relevant information your agency holds" in printable
    assert "0151 000 1234" in printable and "Test Hub, 2 Sample Road, Liverpool L2 0BB" in printable


def test_it_asks_who_gave_consent_when_sharing_is_by_consent(client_for, assessment, assessor):
    response = client_for(assessor).post(url("sources", assessment), {"agency": "police", "basis": "consent"})
    assert "Enter who gave consent" in response.content.decode()
    assert not InformationRequest.objects.exists()


def test_it_flags_an_agency_that_has_not_answered_in_ten_working_days(client_for, assessment, assessor):
    services.information_request_save(
        assessment=assessment,
        actor=assessor,
        data={
            "agency": "police",
            "basis": "statutory",
            "asked_on": timezone.localdate() - datetime.timedelta(days=30),
        },
    )
    client = client_for(assessor)
    assert "has not answered after 10 working days" in client.get(url("overview", assessment)).content.decode()
    request = InformationRequest.objects.get()
    client.post(
        url("source", assessment, request.pk),
        {
            "answered_on_day": "1",
            "answered_on_month": "3",
            "answered_on_year": "2026",
            "what_they_said": "Two call-outs",
            "weight": "eyewitness",
        },
    )
    assert "has not answered" not in client.get(url("overview", assessment)).content.decode()


def test_it_keeps_every_version_and_shows_what_changed(client_for, assessment, assessor):
    client = client_for(assessor)
    client.post(url("risk", assessment), {"protective_factors": "Grandmother nearby"})
    client.post(url("risk", assessment), {"protective_factors": "Grandmother visits daily", "risk_level": "medium"})
    versions = RecordVersion.objects.filter(record_type="analysis").order_by("number")
    assert [v.number for v in versions] == [1, 2]
    assert versions[1].changed_by == assessor
    page = client.get(url("history-record", assessment, "analysis", versions[0].record_id)).content.decode()
    assert "Grandmother nearby" in page and "Grandmother visits daily" in page
    assert "risk_level" in page


def test_it_saves_drafts_from_the_autosave_script(client_for, assessment, assessor):
    response = client_for(assessor).post(
        url("triangle", assessment), {"parenting_concerns": "Half a thought"}, headers={"X-Autosave": "1"}
    )
    assert response.status_code == 200
    assert response.json()["saved"] is True
    assert assessment.analysis.parenting_concerns == "Half a thought"


def test_it_refuses_21_with_other_census_factors(client_for, assessment, assessor):
    child = assessment.referral.children.get()
    client = client_for(assessor)
    response = client.post(url("factors", assessment), {f"factors_{child.pk}": ["21", "3A"]})
    assert "cannot be recorded with any other factor" in response.content.decode()
    client.post(url("factors", assessment), {f"factors_{child.pk}": ["3B", "1B"]})
    assert assessment.child_records.get().cin_factors == ["1B", "3B"]


def test_it_records_hypotheses_and_closes_the_gap(client_for, assessment, assessor):
    client = client_for(assessor)
    assert "No hypothesis is recorded" in client.get(url("overview", assessment)).content.decode()
    client.post(
        url("questions", assessment),
        {
            "form": "hypothesis",
            "hypothesis-statement": "Neglect follows the mother's relapses",
            "hypothesis-evidence_for": "Police call-outs in 2018",
            "hypothesis-evidence_against": "Nursery reports good care",
            "hypothesis-status": "open",
        },
    )
    page = client.get(url("questions", assessment)).content.decode()
    assert "Neglect follows the mother&#x27;s relapses" in page
    assert "No hypothesis is recorded" not in page


@pytest.mark.parametrize("name", ["overview", "chronology", "sources"])
def test_it_uses_the_same_number_of_queries_however_long_the_chronology(client_for, assessment, assessor, name):
    client = client_for(assessor)
    family = services.family_ensure_for_referral(referral=assessment.referral)

    def grow(count):
        ChronologyEntry.objects.bulk_create(
            ChronologyEntry(family=family, event_date=datetime.date(2015, 1, 1), what_happened="x", source="y")
            for _ in range(count)
        )
        for i in range(count // 10):
            services.information_request_save(
                assessment=assessment,
                actor=assessor,
                data={"agency": "gp", "basis": "consent", "consent_given_by": f"M{i}"},
            )

    grow(5)
    client.get(url(name, assessment))
    with CaptureQueriesContext(connection) as small:
        assert client.get(url(name, assessment)).status_code == 200
    grow(250)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url(name, assessment)).status_code == 200
    assert len(large) == len(small)


def test_it_loads_every_section_page(client_for, assessment, assessor):
    client = client_for(assessor)
    child = assessment.referral.children.get()
    adult = assessment.referral.adults.get()
    for name, args in [
        ("household", []),
        ("child-record", [child.pk]),
        ("adult-views", [adult.pk]),
        ("triangle", []),
        ("capacity", []),
        ("capacity-edit", [adult.pk]),
        ("equality", []),
        ("questions", []),
        ("factors", []),
        ("history", []),
    ]:
        assert client.get(url(name, assessment, *args)).status_code == 200, name
    assert rules.SECTION_TITLES[rules.Section.EQUALITY] in client.get(url("equality", assessment)).content.decode()


def test_it_finds_a_familys_link_made_after_it_was_first_looked_for(assessment):
    from hub.workspace import selectors as workspace_selectors

    # A referral accepted before families were made at acceptance has none at first.
    FamilyReferral.objects.filter(referral=assessment.referral).delete()
    assert workspace_selectors.family_of(assessment) is None
    family = services.family_ensure_for_referral(referral=assessment.referral)
    # No process-wide memory of the earlier answer: families are made and merged while the hub runs.
    assert workspace_selectors.family_of(assessment) == family


@pytest.mark.parametrize("section", ["triangle", "risk"])
def test_it_sends_the_back_links_of_an_analysis_section_to_the_overview(client_for, assessment, assessor, section):
    page = client_for(assessor).get(url(section, assessment)).content.decode()
    own = url(section, assessment)
    assert f'href="{own}" class="govuk-back-link"' not in page
    assert f'href="{url("overview", assessment)}" class="govuk-back-link">Back<' in page
    assert "Back to the overview" in page


def test_it_sends_the_manager_back_to_the_referral_not_to_your_assessments(client_for, assessment):
    page = client_for(factories.service_manager()).get(url("overview", assessment)).content.decode()
    assert "Back to your assessments" not in page
    assert f'href="{reverse("triage:detail", args=[assessment.referral_id])}" class="govuk-back-link">' in page
    assert "Back to the referral" in page


def test_it_names_the_triangle_section_the_same_in_the_menu_and_the_heading(client_for, assessment, assessor):
    page = client_for(assessor).get(url("triangle", assessment)).content.decode()
    assert 'aria-current="page">Assessment triangle</a>' in page
    assert '<h1 class="govuk-heading-l">Assessment triangle' in page


def test_accepting_a_referral_files_it_with_its_family_so_viewing_writes_nothing(client_for, assessor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assessment = factories.accepted_assessment(assessor_user=assessor)
    assert FamilyReferral.objects.filter(referral=assessment.referral).exists()
    client = client_for(assessor)
    client.get(url("overview", assessment))  # the session's first request records its sign-in times
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url("overview", assessment)).status_code == 200
    writes = [q["sql"] for q in captured if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    # Only the access log is written when someone looks at a workspace.
    assert all("audit_accesslogentry" in sql for sql in writes), writes


def test_census_factors_for_the_household_are_saved_together_or_not_at_all(assessment, assessor):
    first = Child.objects.filter(referral=assessment.referral).first()
    second = Child.objects.create(
        referral=assessment.referral,
        full_name="Child Example Two",
        sex="female",
        ethnicity="White British",
        first_language="English",
        date_of_birth=datetime.date(2021, 5, 1),
    )

    with pytest.raises(services.CinFactorsInvalid):
        services.census_factors_save(
            assessment=assessment,
            actor=assessor,
            children=[first, second],
            factors={first.pk: ["1A"], second.pk: ["99Z"]},
        )

    # The first child's factors were not kept when the second child's were refused.
    assert [record.cin_factors for record in ChildRecord.objects.filter(assessment=assessment)] in ([], [[]])
