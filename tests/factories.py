"""Builders for synthetic test data. Every name here is invented.

They go through the same services the pages use, so a test's data is shaped
exactly as real use would shape it.
"""

import datetime
import itertools
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django_otp.plugins.otp_totp.models import TOTPDevice

from hub.accounts.models import AssessorProfile, Organisation, OrganisationKind, Role, User
from hub.assessments.models import Assessment
from hub.core.documents import make_bundle_pdf
from hub.home.management.commands.seed_demo import LOCAL_AUTHORITIES
from hub.referrals import services
from hub.referrals.models import ContactRole, Referral, ReferralStatus
from hub.triage import services as triage_services

PASSWORD = "test-password-for-everyone"
_counter = itertools.count(1)


def current_code(person: User) -> str:
    """The code the person's authenticator app shows now, as a phone would compute it."""
    from django_otp.oath import TOTP

    device = TOTPDevice.objects.get(user=person, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def local_authority(name: str = "Liverpool") -> Organisation:
    ons, dfe = next((o, d) for n, o, d in LOCAL_AUTHORITIES if n == name)
    org, _ = Organisation.objects.get_or_create(
        name=name, defaults={"kind": OrganisationKind.LOCAL_AUTHORITY, "ons_code": ons, "dfe_code": dfe}
    )
    return org


def court(name: str = "Liverpool Family Court") -> Organisation:
    org, _ = Organisation.objects.get_or_create(name=name, defaults={"kind": OrganisationKind.FAMILY_COURT})
    return org


def hub() -> Organisation:
    org, _ = Organisation.objects.get_or_create(name=settings.HUB_NAME, defaults={"kind": OrganisationKind.HUB})
    return org


def user(
    role: str,
    *,
    organisation: Organisation | None = None,
    name: str | None = None,
    with_authenticator: bool = True,
    **extra: Any,
) -> User:
    n = next(_counter)
    username = f"{role}.{n}@example.org"
    person = User.objects.create_user(
        username=username,
        email=username,
        password=PASSWORD,
        full_name=name or f"Test {role.replace('_', ' ').title()} {n}",
        role=role,
        organisation=organisation,
        **extra,
    )
    if with_authenticator:
        TOTPDevice.objects.create(user=person, name="Authenticator app", confirmed=True)
    return person


def referrer(la: str = "Liverpool") -> User:
    return user(Role.REFERRER, organisation=local_authority(la))


def service_manager() -> User:
    return user(Role.SERVICE_MANAGER, organisation=hub())


def assessor(seconded_from: str = "Halton", *, max_concurrent: int = 3) -> User:
    person = user(Role.ASSESSOR, organisation=hub())
    AssessorProfile.objects.create(
        user=person, seconded_from=local_authority(seconded_from), max_concurrent_assessments=max_concurrent
    )
    return person


def bundle_upload(name: str = "bundle.pdf", pages: int = 3) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, make_bundle_pdf(title="Test bundle", pages=pages), "application/pdf")


def complete_referral(
    *,
    by: User | None = None,
    assessment_types: list[str] | None = None,
    children: int = 1,
    status: str = ReferralStatus.DRAFT,
    manager: User | None = None,
    court_dates: dict[str, datetime.date] | None = None,
) -> Referral:
    """A referral whose letter and bundle are complete, taken to the given status.

    `court_dates` replaces the court's fixed dates (filing_date, irh_date,
    proceedings_issued_on...), for a test whose outcome depends on them and on today.
    """
    by = by or referrer()
    referral = services.referral_start(actor=by)
    services.referral_update(
        referral=referral,
        changes={
            "court": court(),
            "case_number": f"LV26C{next(_counter):05d}",
            "judge": "HHJ Example",
            "permission_order_date": datetime.date(2026, 10, 1),
            "eligibility_agreed_by_judge": True,
            "proceedings_issued_on": datetime.date(2026, 8, 17),
            "filing_date": datetime.date(2027, 1, 15),
            "irh_date": datetime.date(2027, 1, 29),
            "assessment_types": assessment_types or ["parenting"],
            "referral_reason": "disagreement",
            "family_background": "Synthetic family background.",
            **(court_dates or {}),
        },
    )
    kids = [
        services.child_save(
            referral=referral,
            data={
                "full_name": f"Child Example {i}",
                "date_of_birth": datetime.date(2020, 1, 1 + i),
                "sex": "female",
                "ethnicity": "White British",
                "first_language": "English",
            },
        )
        for i in range(children)
    ]
    services.adult_save(
        referral=referral, data={"full_name": "Parent Example"}, relationships={k.pk: "mother" for k in kids}
    )
    services.question_add(referral=referral, text="Can the parent meet the child's needs?")
    services.reading_item_add(referral=referral, data={"title": "Social work statement", "bundle_reference": "C1"})
    services.contact_add(
        referral=referral, data={"role": ContactRole.CHILDRENS_GUARDIAN, "full_name": "Guardian Example"}
    )
    services.bundle_document_add(referral=referral, actor=by, upload=bundle_upload())
    if status == ReferralStatus.DRAFT:
        return referral
    services.referral_submit(referral=referral, actor=by)
    manager = manager or service_manager()
    if status == ReferralStatus.QUERY_RAISED:
        triage_services.referral_raise_query(referral=referral, actor=manager, message="A question")
    elif status == ReferralStatus.ACCEPTED:
        triage_services.referral_accept(referral=referral, actor=manager)
    elif status == ReferralStatus.DECLINED:
        triage_services.referral_decline(referral=referral, actor=manager, reason="No capacity")
    referral.refresh_from_db()
    return referral


def allocate(assessment: Assessment, to: User, *, by: User | None = None) -> Assessment:
    """Allocate as a manager would, through the allocation service: the hard rules apply
    (independence, capacity, leave) and the decision is kept in the allocation history."""
    from hub.allocation.services import assessment_allocate

    assessment_allocate(
        assessment_id=assessment.pk,
        assessor_id=to.pk,
        actor=by or service_manager(),
        # The test chooses the assessor, whoever the best match would be.
        reason="Chosen for the test",
    )
    assessment.refresh_from_db()
    return assessment


def accepted_assessment(
    *, assessor_user: User | None = None, assessment_type: str = "parenting", **kwargs: Any
) -> Assessment:
    referral = complete_referral(status=ReferralStatus.ACCEPTED, assessment_types=[assessment_type], **kwargs)
    assessment = referral.assessments.get()
    if assessor_user is not None:
        allocate(assessment, assessor_user, by=kwargs.get("manager"))
    return assessment
