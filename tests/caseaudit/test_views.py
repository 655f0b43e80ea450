"""The pages: who sees what between authorities, and forms that show back what was typed."""

import pytest
from django.urls import reverse

from hub.accounts.models import Role
from hub.audit.models import AccessAction, AccessLogEntry
from hub.caseaudit import services
from hub.caseaudit.models import AuditKind, AuditStatus, CaseFileAudit
from hub.caseaudit.rules import DOMAINS, Grade
from tests import factories
from tests.caseaudit import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def audited():
    """Liverpool and Sefton each with one submitted audit; Liverpool's is dip-sampled."""
    built = builders.programme()
    liverpool = builders.select(built, "Liverpool")
    sefton = builders.select(built, "Sefton")
    builders.submit(liverpool[0], built.auditors["Liverpool"], Grade.GOOD, comments="Plan lacked timescales")
    builders.submit(sefton[0], built.auditors["Sefton"], Grade.INADEQUATE)
    return built, liverpool, sefton


def test_an_authority_sees_its_own_cases_in_full_and_another_authoritys_as_not_there(audited, client_for):
    built, liverpool, sefton = audited
    colleague = factories.user(Role.REFERRER, organisation=built.authorities["Liverpool"])
    client = client_for(colleague)
    own = client.get(reverse("caseaudit:case", args=[liverpool[0].pk]))
    assert own.status_code == 200
    assert b"Plan lacked timescales" in own.content
    other = client.get(reverse("caseaudit:case", args=[sefton[0].pk]))
    missing = client.get(reverse("caseaudit:case", args=[999_999]))
    assert other.status_code == missing.status_code == 404
    assert AccessLogEntry.objects.filter(
        user=colleague, action=AccessAction.REFUSED, object_type="audit_case", object_id=str(sefton[0].pk)
    ).exists()
    # The programme page lists only their own cases, and counts for the rest.
    page = client.get(reverse("caseaudit:programme", args=[built.programme.pk])).content.decode()
    assert liverpool[0].reference in page
    assert sefton[0].reference not in page


def test_an_authority_sees_the_regions_figures_and_its_own_never_another_authoritys(audited, client_for):
    built, _, _ = audited
    client = client_for(built.auditors["Liverpool"])
    results = client.get(reverse("caseaudit:results", args=[built.programme.pk]))
    page = results.content.decode()
    assert results.status_code == 200
    assert '<caption class="govuk-table__caption govuk-table__caption--s">Liverpool</caption>' in page
    assert '<caption class="govuk-table__caption govuk-table__caption--s">Sefton</caption>' not in page
    assert "2 audits from 2 authorities" in page
    download = client.get(reverse("caseaudit:results-download", args=[built.programme.pk, "csv"]))
    assert download.status_code == 404
    # The lead sees every authority's figures and can download them.
    lead = client_for(built.lead)
    assert "Sefton</caption>" in lead.get(reverse("caseaudit:results", args=[built.programme.pk])).content.decode()
    csv = lead.get(reverse("caseaudit:results-download", args=[built.programme.pk, "csv"]))
    assert csv.status_code == 200 and csv.content.decode("utf-8-sig").count("\r\n") == 1 + 2 * 9
    assert AccessLogEntry.objects.filter(user=built.lead, action=AccessAction.EXPORT).count() == 1


def test_someone_outside_the_programme_cannot_find_it(audited, client_for):
    built, liverpool, _ = audited
    stranger = client_for(factories.referrer("Wirral"))
    assert stranger.get(reverse("caseaudit:programme", args=[built.programme.pk])).status_code == 404
    assert stranger.get(reverse("caseaudit:results", args=[built.programme.pk])).status_code == 404
    assert stranger.get(reverse("caseaudit:case", args=[liverpool[0].pk])).status_code == 404
    assert built.programme.name not in stranger.get(reverse("caseaudit:programmes")).content.decode()


def test_the_dip_sample_is_graded_blind_and_then_compared(audited, client_for):
    built, liverpool, _ = audited
    dipper = client_for(built.dip_sampler)
    case_url = reverse("caseaudit:case", args=[liverpool[0].pk])
    before = dipper.get(case_url).content.decode()
    assert "Plan lacked timescales" not in before
    assert "shown once both audits of this case are submitted" in before
    grades = {d.value: Grade.GOOD for d in DOMAINS}
    grades["plans"] = Grade.REQUIRES_IMPROVEMENT
    builders.submit(liverpool[0], built.dip_sampler, grades, kind=AuditKind.DIP_SAMPLE)
    after = dipper.get(case_url).content.decode()
    assert "Plan lacked timescales" in after
    assert "The two auditors agree on 8 of 9 domains" in after
    # The authority's own people see the comparison too.
    assert "agree on 8 of 9" in client_for(built.auditors["Liverpool"]).get(case_url).content.decode()


def test_the_selection_form_shows_back_what_was_typed_with_the_problem(audited, client_for):
    built, _, _ = audited
    built.programme.authorities.add(factories.local_authority("Wirral"))
    wirral = factories.local_authority("Wirral")
    services.member_add(
        programme=built.programme,
        user=factories.user(Role.VIEWER, organisation=wirral),
        role="auditor",
        authority=wirral,
    )
    client = client_for(built.lead)
    url = reverse("caseaudit:select", args=[built.programme.pk, wirral.pk])
    response = client.post(url, {"references": "344-0001\nLily Brackenridge\n344-0003", "seed": ""})
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page and "never a child&#x27;s name" in page
    assert "344-0001\nLily Brackenridge\n344-0003</textarea>" in page
    ok = client.post(url, {"references": "344-0001\n344-0002\n344-0003\n344-0004", "seed": "42"}, follow=True)
    assert "seed 42" in ok.content.decode()


def test_the_audit_form_keeps_a_part_done_audit_and_lists_what_is_missing(audited, client_for):
    built, liverpool, _ = audited
    client = client_for(built.auditors["Liverpool"])
    url = reverse("caseaudit:audit", args=[liverpool[1].pk, "authority"])
    data = {"auditor_role": "iro", "response_to_risk_grade": "good", "response_to_risk_evidence": "S47 on time"}
    response = client.post(url, {**data, "submit": "1"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page
    assert "Choose a grade for plans" in page and "Enter the evidence for plans" in page
    assert "S47 on time</textarea>" in page
    assert not CaseFileAudit.objects.filter(case=liverpool[1]).exists()
    # Saved as a draft, it comes back as it was typed.
    client.post(url, {**data, "save": "1"})
    assert "S47 on time</textarea>" in client.get(url).content.decode()
    assert CaseFileAudit.objects.get(case=liverpool[1]).status == AuditStatus.DRAFT
    # Another authority's auditor cannot open it.
    assert client_for(built.auditors["Sefton"]).get(url).status_code == 404


def test_the_moderation_form_asks_for_the_reason_for_a_changed_grade(audited, client_for):
    built, liverpool, _ = audited
    audit = CaseFileAudit.objects.get(case=liverpool[0])
    url = reverse("caseaudit:moderate", args=[audit.pk])
    assert client_for(built.auditors["Liverpool"]).get(url).status_code == 404
    assert client_for(built.moderators["Sefton"]).get(url).status_code == 404
    client = client_for(built.moderators["Liverpool"])
    data = {f"{d.value}_grade": "good" for d in DOMAINS}
    data["plans_grade"] = "inadequate"
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Give a reason for changing the grade for plans" in page
    assert 'value="inadequate" checked' in page
    data["plans_reason"] = "No plan for discharge at all"
    assert client.post(url, data).status_code == 302
    audit.refresh_from_db()
    assert audit.status == AuditStatus.MODERATED


def test_a_regional_viewer_sets_up_a_programme_and_leads_it(client_for):
    liverpool, halton = factories.local_authority("Liverpool"), factories.local_authority("Halton")
    viewer = factories.user(Role.VIEWER, organisation=factories.hub())
    client = client_for(viewer)
    url = reverse("caseaudit:programme-create")
    typed = {
        "name": "Care orders at home",
        "question": "",
        "deadline_day": "31",
        "deadline_month": "2",
        "deadline_year": "2027",
    }
    response = client.post(url, typed)
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page and "Choose the authorities taking part" in page
    assert 'value="Care orders at home"' in page and 'value="31"' in page
    assert "must be a real date" in page and "Enter what the audit looks at" in page
    response = client.post(
        url,
        {
            "name": "Care orders at home",
            "question": "Children placed on care orders at home with parents",
            "period_audited": "the 12 months before the final hearing",
            "cases_per_authority": "3",
            "deadline_day": "28",
            "deadline_month": "2",
            "deadline_year": "2027",
            "authorities": [liverpool.pk, halton.pk],
        },
    )
    assert response.status_code == 302
    from hub.caseaudit.models import AuditProgramme

    programme = AuditProgramme.objects.get()
    assert programme.lead == viewer and set(programme.authorities.all()) == {liverpool, halton}
    # Only a regional viewer sets one up.
    assert client_for(factories.referrer()).get(url).status_code == 403


def test_the_lead_tags_comments_with_themes_and_the_results_count_them(audited, client_for):
    built, liverpool, _ = audited
    lead = client_for(built.lead)
    themes_url = reverse("caseaudit:themes", args=[built.programme.pk])
    assert lead.post(themes_url, {"name": ""}).status_code == 400
    lead.post(themes_url, {"name": "Plans without a route to discharge", "description": ""})
    again = lead.post(themes_url, {"name": "plans without a route to discharge"})
    assert "There is already a theme" in again.content.decode()
    theme = built.programme.themes.get()
    audit = CaseFileAudit.objects.get(case=liverpool[0])
    assert lead.post(reverse("caseaudit:audit-themes", args=[audit.pk]), {"plans": [theme.pk]}).status_code == 302
    results = lead.get(reverse("caseaudit:results", args=[built.programme.pk])).content.decode()
    assert "Plans without a route to discharge" in results
    # Themes are the lead's: nobody else tags them.
    assert client_for(built.auditors["Liverpool"]).get(themes_url).status_code == 404


def test_a_regional_viewer_sees_the_collation_but_no_case(audited, client_for):
    built, liverpool, _ = audited
    viewer = factories.user(Role.VIEWER, organisation=factories.hub())
    services.member_add(programme=built.programme, user=viewer, role="viewer")
    client = client_for(viewer)
    results = client.get(reverse("caseaudit:results", args=[built.programme.pk])).content.decode()
    assert "Sefton</caption>" in results and "Liverpool</caption>" in results
    xlsx = client.get(reverse("caseaudit:results-download", args=[built.programme.pk, "xlsx"]))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert client.get(reverse("caseaudit:case", args=[liverpool[0].pk])).status_code == 404
    assert client.get(reverse("caseaudit:results-download", args=[built.programme.pk, "exe"])).status_code == 404
