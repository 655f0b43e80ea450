"""Demo data for reports: one report in each state, so no report page is empty.

Called at the end of `manage.py seed_demo`, after the demo's people and
organisations exist. Idempotent: a family already there is left alone.
Everything here is invented.
"""

import datetime
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from hub.accounts.models import Organisation, OrganisationKind, User
from hub.allocation.services import assessment_allocate
from hub.assessments.models import Assessment
from hub.bundles.demo import demo_bundle_pdf
from hub.referrals import services as referrals
from hub.referrals.models import Referral
from hub.reports import selectors, services
from hub.reports.models import ReportState
from hub.reports.rules import Kind
from hub.triage import services as triage

EMAIL_DOMAIN = "example.org"
# case number, referrer, assessor, assessment type, the state to take the report to, child, adult
DEMO_REPORTS: list[dict[str, Any]] = [
    {
        "case_number": "HL26C00811",
        "referrer": "referrer.halton",
        "assessor": "assessor.knowsley",
        "type": "parenting",
        "state": ReportState.IN_QA,
        "child": ("Rowan Tillerton", datetime.date(2021, 5, 9), "male"),
        "adult": ("Dana Tillerton", "mother"),
    },
    {
        "case_number": "WR26C00812",
        "referrer": "referrer.wirral",
        "assessor": "assessor.liverpool",
        "type": "special_guardianship",
        "state": ReportState.RETURNED,
        "child": ("Ivy Larkspur", datetime.date(2019, 11, 2), "female"),
        "adult": ("Glen Larkspur", "grandfather"),
    },
    {
        "case_number": "SF26C00813",
        "referrer": "referrer.sefton",
        "assessor": "assessor.wirral",
        "type": "kinship_viability",
        "state": ReportState.APPROVED,
        "child": ("Kit Ambleside", datetime.date(2022, 8, 23), "male"),
        "adult": ("Bryony Ambleside", "aunt"),
    },
    {
        "case_number": "LV26C00814",
        "referrer": "referrer.liverpool",
        "assessor": "assessor.sefton",
        "type": "parenting",
        "state": ReportState.FILED,
        "child": ("Poppy Westerleigh", datetime.date(2020, 3, 14), "female"),
        "adult": ("Jo Westerleigh", "mother"),
    },
]


def _person(local: str) -> User | None:
    return User.objects.filter(username=f"{local}@{EMAIL_DOMAIN}").first()


def _referral(spec: dict[str, Any], referrer: User, manager: User, court: Organisation) -> Assessment:
    referral = referrals.referral_start(actor=referrer)
    today = timezone.localdate()
    referrals.referral_update(
        referral=referral,
        changes={
            "court": court,
            "case_number": spec["case_number"],
            "judge": "HHJ Example",
            "permission_order_date": today - datetime.timedelta(weeks=3),
            "eligibility_agreed_by_judge": True,
            "proceedings_issued_on": today - datetime.timedelta(weeks=12),
            "filing_date": today + datetime.timedelta(weeks=2),
            "irh_date": today + datetime.timedelta(weeks=4),
            "assessment_types": [spec["type"]],
            "referral_reason": "disagreement",
            "family_background": "White British family; English is the first language at home.",
            "case_background": "Synthetic case for demonstration.",
        },
    )
    name, born, sex = spec["child"]
    child = referrals.child_save(
        referral=referral,
        data={
            "full_name": name,
            "date_of_birth": born,
            "sex": sex,
            "ethnicity": "White British",
            "first_language": "English",
        },
    )
    adult_name, relationship = spec["adult"]
    referrals.adult_save(
        referral=referral,
        data={"full_name": adult_name, "first_language": "English"},
        relationships={child.pk: relationship},
    )
    referrals.question_add(referral=referral, text="Can the carer meet the child's needs now and as they grow up?")
    referrals.question_add(referral=referral, text="What support would the carer need?")
    referrals.reading_item_add(
        referral=referral, data={"title": "Social work evidence statement", "bundle_reference": "C1"}
    )
    referrals.contact_add(referral=referral, data={"role": "childrens_guardian", "full_name": "Pat Guardian-Example"})
    pdf = demo_bundle_pdf(case_number=spec["case_number"])
    referrals.bundle_document_add(
        referral=referral, actor=referrer, upload=SimpleUploadedFile("bundle.pdf", pdf, "application/pdf")
    )
    referrals.referral_submit(referral=referral, actor=referrer)
    [assessment] = triage.referral_accept(referral=referral, actor=manager, message="Accepted for the demo.")
    return assessment


def _write(report_texts: dict[str, str], sections: list[dict[str, str]], child: str, adult: str) -> dict[str, str]:
    texts = dict(report_texts)
    for section in sections:
        key, kind = section["key"], section["kind"]
        if texts.get(key) or kind == Kind.QUESTIONS:
            continue
        texts[key] = {
            Kind.CHILDREN: f"{child} lives with {adult}. Development is within the expected range.",
            Kind.CHILD_VIEWS: f"{child} said they feel safe at home and would like to stay with {adult}.",
            Kind.SOURCES: "Four home visits, one observation of family time; GP and school replies (specialist).",
            Kind.GAPS: "The father did not take part; his history rests on police records only.",
            Kind.ANALYSIS: f"{adult} has met {child}'s daily needs consistently across every visit.",
            Kind.RECOMMENDATION: f"{child} should remain with {adult}, with support from the local authority.",
            Kind.CHRONOLOGY: "2021: first referral to children's social care (source: LA records)",
        }.get(Kind(kind), f"Synthetic demonstration text for {section['heading'].lower()}.")
    return texts


@transaction.atomic
def reports_demo_seed() -> None:
    manager = _person("manager")
    court = Organisation.objects.filter(kind=OrganisationKind.FAMILY_COURT).order_by("name").first()
    if manager is None or court is None:
        return
    # The demo's own allocated parenting assessment: its report is being drafted.
    drafting = Assessment.objects.filter(referral__case_number="CH26C00101", assessor__isnull=False).first()
    if drafting is not None and drafting.assessor is not None:
        services.report_start(assessment=drafting, actor=drafting.assessor)
    for spec in DEMO_REPORTS:
        referrer, assessor = _person(spec["referrer"]), _person(spec["assessor"])
        if referrer is None or assessor is None or Referral.objects.filter(case_number=spec["case_number"]).exists():
            continue
        assessment = _referral(spec, referrer, manager, court)
        # As the manager would: within the hard rules, and kept in the allocation history.
        assessment_allocate(
            assessment_id=assessment.pk, assessor_id=assessor.pk, actor=manager, reason="Demo: a report in each state"
        )
        assessment.refresh_from_db()
        report = services.report_start(assessment=assessment, actor=assessor)
        version = selectors.latest_version(report)
        texts = _write(version.texts, report.sections, spec["child"][0], spec["adult"][0])
        answers = {q.key: f"Yes: see the analysis. (Question {q.number})" for q in selectors.court_questions(report)}
        services.report_save(report=report, actor=assessor, texts=texts, answers=answers)
        services.report_submit(report=report, actor=assessor, reasons={})
        if spec["state"] == ReportState.IN_QA:
            continue
        if spec["state"] == ReportState.RETURNED:
            services.qa_return(
                report=report,
                actor=manager,
                checklist={"child_centred": True, "strengths": True},
                comments={"contact": "Say how contact with the mother would be supervised."},
                summary="Nearly there: please add the contact arrangements.",
            )
            continue
        services.qa_approve(
            report=report,
            actor=manager,
            checklist={code: True for code, _ in selectors.QA_CHECKLIST},
            comments={},
            summary="A clear, child-centred report.",
        )
        if spec["state"] == ReportState.FILED:
            services.report_file(
                report=report,
                actor=manager,
                filed_on=timezone.localdate(),
                shared_with="The court, the local authority, the children's guardian and the parents' solicitors",
            )
            services.outcome_record(
                report=report,
                actor=manager,
                recommendation="positive",
                la_changed_plan=True,
                court_decision="",
                court_decided_on=None,
            )
