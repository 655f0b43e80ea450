"""Loads synthetic demo data: the nine Cheshire and Merseyside authorities, courts,
hub staff, referrers and referrals in every state.

Deterministic and idempotent: running it twice changes nothing the second time.
Every person and family in it is invented.
"""

import datetime
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from hub.accounts.models import AssessorProfile, Organisation, OrganisationKind, Role, User
from hub.allocation.demo import assessor_details_seed
from hub.allocation.services import assessment_allocate
from hub.assessments.models import Assessment
from hub.bundles.demo import demo_bundle_pdf
from hub.caseaudit.demo import caseaudit_demo_seed
from hub.cin.demo import cin_demo_seed
from hub.datapack.demo import datapack_demo_seed
from hub.feedback.demo import feedback_demo_seed
from hub.home.demo import demo_password, demo_totp_key
from hub.impact.demo import impact_demo_seed
from hub.referrals import services
from hub.referrals.models import ContactRole, Referral, ReferralStatus
from hub.reports.demo import reports_demo_seed
from hub.triage import services as triage_services

# The nine Cheshire and Merseyside authorities: name, ONS code, DfE LA code.
# (Tests and benchmarks build their authorities from this list too.)
LOCAL_AUTHORITIES = [
    ("Cheshire East", "E06000049", "895"),
    ("Cheshire West and Chester", "E06000050", "896"),
    ("Halton", "E06000006", "876"),
    ("Knowsley", "E08000011", "340"),
    ("Liverpool", "E08000012", "341"),
    ("St Helens", "E08000013", "342"),
    ("Sefton", "E08000014", "343"),
    ("Wirral", "E08000015", "344"),
    ("Warrington", "E06000007", "877"),
]
COURTS = ["Liverpool Family Court", "Chester Family Court", "Warrington Family Court", "Birkenhead Family Court"]
HUB_NAME = settings.HUB_NAME

# Invented people. (email local part, full name, role, organisation name)
STAFF = [
    ("manager", "Morgan Hale", Role.SERVICE_MANAGER, HUB_NAME),
    ("viewer", "Priya Lowther", Role.VIEWER, HUB_NAME),
    ("admin", "Drew Ashdown", Role.ADMINISTRATOR, HUB_NAME),
]
ASSESSORS = [
    ("assessor.halton", "Jordan Pike", "Halton"),
    ("assessor.knowsley", "Aisha Marlow", "Knowsley"),
    ("assessor.liverpool", "Tomasz Wren", "Liverpool"),
    ("assessor.sefton", "Niamh Calder", "Sefton"),
    ("assessor.wirral", "Ellis Brennan", "Wirral"),
    ("assessor.warrington", "Farah Quinlan", "Warrington"),
]
REFERRERS = [
    ("referrer.cheshire-west", "Casey Thornbury", "Cheshire West and Chester"),
    ("referrer.liverpool", "Robin Ashcombe", "Liverpool"),
    ("referrer.wirral", "Jamie Fenwick", "Wirral"),
    ("referrer.halton", "Alex Merriman", "Halton"),
    ("referrer.sefton", "Sam Okafor-Reid", "Sefton"),
    ("worker.cheshire-west", "Kit Harlow", "Cheshire West and Chester"),
]
EMAIL_DOMAIN = "example.org"


# Synthetic families: (case number, LA referrer, court, final status, assessment types, children, adults)
FAMILIES: list[dict[str, Any]] = [
    {
        "case_number": "CH26C00101",
        "filing_in_weeks": 12,
        "referrer": "referrer.cheshire-west",
        "court": "Chester Family Court",
        "status": ReferralStatus.ACCEPTED,
        "types": ["parenting"],
        "reason": "previous_quality",
        "children": [("Lily Brackenridge", datetime.date(2021, 5, 14), "female")],
        "adults": [("Chloe Brackenridge", "mother"), ("Daniel Oakes", "father")],
        "assessor": "assessor.halton",
    },
    {
        "case_number": "LV26C00202",
        "filing_in_weeks": 11,
        "referrer": "referrer.liverpool",
        "court": "Liverpool Family Court",
        "status": ReferralStatus.ACCEPTED,
        "types": ["kinship_viability", "joint_fostering_sgo"],
        "reason": "disputed_fostering",
        "children": [
            ("Noah Pendleford", datetime.date(2019, 11, 2), "male"),
            ("Maya Pendleford", datetime.date(2023, 2, 20), "female"),
        ],
        "adults": [("Margaret Pendleford", "maternal grandmother")],
        "assessor": None,
    },
    {
        "case_number": "WR26C00303",
        "filing_in_weeks": 9,
        "referrer": "referrer.wirral",
        "court": "Birkenhead Family Court",
        "status": ReferralStatus.SUBMITTED,
        "types": ["parenting", "parenting_addendum"],
        "reason": "disagreement",
        "children": [("Oscar Veldt", datetime.date(2024, 8, 9), "male")],
        "adults": [("Hannah Veldt", "mother")],
        "assessor": None,
    },
    {
        "case_number": "HL26C00404",
        "filing_in_weeks": 12,
        "referrer": "referrer.halton",
        "court": "Warrington Family Court",
        "status": ReferralStatus.QUERY_RAISED,
        "types": ["special_guardianship"],
        "reason": "other",
        "children": [("Ruby Castlemere", datetime.date(2018, 3, 30), "female")],
        "adults": [("Graham Castlemere", "paternal uncle"), ("Sophie Castlemere", "paternal aunt")],
        "assessor": None,
    },
    {
        "case_number": "SF26C00505",
        "filing_in_weeks": 10,
        "referrer": "referrer.sefton",
        "court": "Liverpool Family Court",
        "status": ReferralStatus.DECLINED,
        "types": ["full_fostering"],
        "reason": "disagreement",
        "children": [("Leo Ambridge-Kent", datetime.date(2016, 7, 7), "male")],
        "adults": [("Tara Ambridge", "family friend")],
        "assessor": None,
    },
    {
        "case_number": "LV26C00606",
        "filing_in_weeks": 3,
        "referrer": "referrer.liverpool",
        "court": "Liverpool Family Court",
        "status": ReferralStatus.SUBMITTED,
        "types": ["kinship_viability"],
        "reason": "disagreement",
        "children": [("Unborn baby Harrowgate", None, "not_known")],
        "adults": [("Eileen Harrowgate", "maternal great-aunt")],
        "assessor": None,
    },
    {
        "case_number": "CH26C00707",
        "filing_in_weeks": 10,
        "referrer": "referrer.cheshire-west",
        "court": "Chester Family Court",
        "status": ReferralStatus.DRAFT,
        "types": ["parenting"],
        "reason": "",
        "children": [("Freya Dunmore", datetime.date(2022, 9, 1), "female")],
        "adults": [],
        "assessor": None,
    },
]


class Command(BaseCommand):
    help = "Load synthetic demo data (idempotent)."

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        organisations = self._organisations()
        users = self._users(organisations)
        # The assessors' training, languages and travel first, so the demo's allocations
        # are ranked as a manager would see them.
        assessor_details_seed()
        for family in FAMILIES:
            if not Referral.objects.filter(case_number=family["case_number"]).exists():
                self._referral(family, users, organisations)
        reports_demo_seed()
        feedback_demo_seed()
        cin_demo_seed()
        caseaudit_demo_seed(make_user=self._user)
        datapack_demo_seed()
        impact_demo_seed()
        self.stdout.write(self.style.SUCCESS("Demo data ready."))

    def _organisations(self) -> dict[str, Organisation]:
        result: dict[str, Organisation] = {}
        for name, ons, dfe in LOCAL_AUTHORITIES:
            result[name], _ = Organisation.objects.update_or_create(
                name=name, defaults={"kind": OrganisationKind.LOCAL_AUTHORITY, "ons_code": ons, "dfe_code": dfe}
            )
        for name in COURTS:
            result[name], _ = Organisation.objects.update_or_create(
                name=name, defaults={"kind": OrganisationKind.FAMILY_COURT}
            )
        result[HUB_NAME], _ = Organisation.objects.update_or_create(
            name=HUB_NAME, defaults={"kind": OrganisationKind.HUB}
        )
        result["Kinship support partner"], _ = Organisation.objects.update_or_create(
            name="Kinship support partner", defaults={"kind": OrganisationKind.PARTNER_AGENCY}
        )
        return result

    def _user(self, local: str, full_name: str, role: str, organisation: Organisation) -> User:
        email = f"{local}@{EMAIL_DOMAIN}"
        user, created = User.objects.update_or_create(
            username=email,
            defaults={
                "email": email,
                "full_name": full_name,
                "role": role,
                "organisation": organisation,
                "is_staff": role == Role.ADMINISTRATOR,
                "is_superuser": role == Role.ADMINISTRATOR,
            },
        )
        if created:
            user.set_password(demo_password())
            user.save(update_fields=["password"])
        # Demo accounts come with an authenticator already set up, on a secret
        # derived from the account name, so `manage.py demo_code` can show the
        # code a phone would (demo only: it refuses to run with DEBUG off).
        TOTPDevice.objects.get_or_create(
            user=user, name="Demo authenticator", defaults={"key": demo_totp_key(email), "confirmed": True}
        )
        return user

    def _users(self, organisations: dict[str, Organisation]) -> dict[str, User]:
        users: dict[str, User] = {}
        for local, name, role, org in STAFF:
            users[local] = self._user(local, name, role, organisations[org])
        for local, name, home in ASSESSORS:
            users[local] = self._user(local, name, Role.ASSESSOR, organisations[HUB_NAME])
            AssessorProfile.objects.update_or_create(user=users[local], defaults={"seconded_from": organisations[home]})
        for local, name, la in REFERRERS:
            users[local] = self._user(local, name, Role.REFERRER, organisations[la])
        return users

    def _referral(self, family: dict[str, Any], users: dict[str, User], organisations: dict[str, Organisation]) -> None:
        referrer = users[family["referrer"]]
        manager = users["manager"]
        referral = services.referral_start(actor=referrer)
        # The court's dates run from the day the demo is loaded, so its timeline shows
        # assessments on track, close to the court's date and (one) too tight for it.
        today = timezone.localdate()
        filing = today + datetime.timedelta(weeks=family["filing_in_weeks"])
        services.referral_update(
            referral=referral,
            changes={
                "court": organisations[family["court"]],
                "case_number": family["case_number"],
                "judge": "HHJ Example",
                "permission_order_date": today - datetime.timedelta(weeks=2),
                "eligibility_agreed_by_judge": True,
                "proceedings_issued_on": today - datetime.timedelta(weeks=10),
                "filing_date": filing,
                "irh_date": filing + datetime.timedelta(weeks=2),
                "final_hearing_date": filing + datetime.timedelta(weeks=4),
                "assessment_types": family["types"],
                "referral_reason": family["reason"],
                "referral_reason_detail": "The court asked for an independent view."
                if family["reason"] == "other"
                else "",
                "family_background": (
                    "White British family; English is the first language at home; no religion practised."
                ),
                "case_background": "Synthetic case for demonstration. Concerns about neglect and domestic abuse.",
            },
        )
        children = []
        for name, born, sex in family["children"]:
            children.append(
                services.child_save(
                    referral=referral,
                    data={
                        "full_name": name,
                        "date_of_birth": born,
                        "expected_date_of_delivery": None if born else datetime.date(2027, 3, 1),
                        "sex": sex,
                        "ethnicity": "White British",
                        "first_language": "English",
                    },
                )
            )
        for name, relationship in family["adults"]:
            services.adult_save(
                referral=referral,
                data={"full_name": name, "first_language": "English"},
                relationships={child.pk: relationship for child in children},
            )
        if family["status"] == ReferralStatus.DRAFT:
            return
        for text in [
            "Can the parent meet the children's needs now and in the children's timescales?",
            "What support would the parent need, and can they make use of it?",
        ]:
            services.question_add(referral=referral, text=text)
        services.reading_item_add(
            referral=referral, data={"title": "Social work evidence statement", "bundle_reference": "C1-C3"}
        )
        services.contact_add(
            referral=referral,
            data={
                "role": ContactRole.CHILDRENS_GUARDIAN,
                "full_name": "Pat Guardian-Example",
                "organisation_name": "Cafcass",
                "email": "guardian@example.org",
            },
        )
        # A bundle with the court's page labels, dated events and a scanned page, read by the worker.
        pdf = demo_bundle_pdf(case_number=family["case_number"])
        services.bundle_document_add(
            referral=referral, actor=referrer, upload=SimpleUploadedFile("bundle-section-c.pdf", pdf, "application/pdf")
        )
        services.referral_submit(referral=referral, actor=referrer)
        if family["status"] == ReferralStatus.QUERY_RAISED:
            triage_services.referral_raise_query(
                referral=referral,
                actor=manager,
                message="Please add the health visitor's contact details and confirm the IRH date.",
            )
        elif family["status"] == ReferralStatus.DECLINED:
            triage_services.referral_decline(
                referral=referral,
                actor=manager,
                reason=(
                    "The hub has no assessor free before the filing date; please seek an extension or another assessor."
                ),
            )
        elif family["status"] == ReferralStatus.ACCEPTED:
            created = triage_services.referral_accept(
                referral=referral, actor=manager, message="Accepted: 8-week timescale agreed."
            )
            if family["assessor"]:
                self._allocate(created, to=users[family["assessor"]], by=manager)

    def _allocate(self, assessments: list[Assessment], *, to: User, by: User) -> None:
        """Allocate as the manager would: within the hard rules, and kept in the allocation history."""
        for assessment in assessments:
            assessment_allocate(
                assessment_id=assessment.pk,
                assessor_id=to.pk,
                actor=by,
                reason="Demo: ParentAssess trained, with a free place",
            )
