"""Advocacy offered to every parent or carer assessed, referrals for support, and who may see them."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from hub.audit.models import AccessAction, AccessLogEntry
from hub.feedback import selectors, services
from hub.feedback.models import AdvocacyAnswer, AdvocacyOffer, ProviderKind, SupportProvider, SupportReferral
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def providers():
    return {
        kind: SupportProvider.objects.create(
            name=f"{kind} organisation", kind=kind, how_they_help="Helps.", email=f"{kind}@example.org"
        )
        for kind in ProviderKind.values
    }


def _date_fields(name: str, day: datetime.date) -> dict[str, str]:
    return {f"{name}_day": str(day.day), f"{name}_month": str(day.month), f"{name}_year": str(day.year)}


def test_the_assessor_records_the_offer_answer_and_referral_and_the_provider_hears(
    client_for, providers, django_capture_on_commit_callbacks
):
    assessor = factories.assessor()
    assessment = factories.accepted_assessment(assessor_user=assessor)
    adult = assessment.referral.adults.get()
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        answer = client_for(assessor).post(
            reverse("feedback:advocacy", args=[assessment.pk, adult.pk]),
            {
                **_date_fields("offered_on", today),
                "answer": AdvocacyAnswer.ACCEPTED,
                "provider": providers[ProviderKind.ADVOCACY].pk,
                **_date_fields("referred_on", today),
            },
        )
    assert answer.status_code == 302
    offer = AdvocacyOffer.objects.get(adult=adult)
    assert (offer.answer, offer.provider, offer.referred_on) == ("accepted", providers["advocacy"], today)
    [email] = mail.outbox
    assert email.to == ["advocacy@example.org"]
    assert assessment.referral.reference in email.body and adult.full_name not in email.body
    page = client_for(assessor).get(reverse("feedback:support", args=[assessment.pk])).content.decode()
    assert "wants an advocate; referred to advocacy organisation" in page


def test_the_advocacy_form_reshows_what_was_typed_with_an_error_summary(client_for, providers):
    assessor = factories.assessor()
    assessment = factories.accepted_assessment(assessor_user=assessor)
    adult = assessment.referral.adults.get()
    page = client_for(assessor).post(
        reverse("feedback:advocacy", args=[assessment.pk, adult.pk]),
        {
            **_date_fields("offered_on", timezone.localdate()),
            "answer": AdvocacyAnswer.DECLINED,
            "provider": providers[ProviderKind.ADVOCACY].pk,
            **_date_fields("referred_on", timezone.localdate()),
            "notes": "Said no at first",
        },
    )
    body = page.content.decode()
    assert page.status_code == 200
    assert "govuk-error-summary" in body and "Refer to an advocate only someone who wants one" in body
    assert "Said no at first" in body
    assert not AdvocacyOffer.objects.exists()
    missing = client_for(assessor).post(reverse("feedback:advocacy", args=[assessment.pk, adult.pk]), {})
    assert "Enter the date advocacy was offered" in missing.content.decode()


def test_a_kinship_carer_is_referred_for_support_and_the_form_reshows_errors(client_for, providers):
    assessor = factories.assessor()
    assessment = factories.accepted_assessment(assessor_user=assessor, assessment_type="kinship_viability")
    adult = assessment.referral.adults.get()
    url = reverse("feedback:support-refer", args=[assessment.pk, adult.pk])
    bad = client_for(assessor).post(url, {"notes": "Grandmother caring for two"})
    assert "Choose who you are referring them to" in bad.content.decode()
    assert "Grandmother caring for two" in bad.content.decode()
    good = client_for(assessor).post(
        url,
        {"provider": providers["kinship"].pk, **_date_fields("referred_on", timezone.localdate()), "notes": "x"},
    )
    assert good.status_code == 302
    assert SupportReferral.objects.get().kind == ProviderKind.KINSHIP


def test_another_assessor_gets_the_same_404_as_for_nothing_and_it_is_logged(client_for):
    assessment = factories.accepted_assessment(assessor_user=factories.assessor())
    stranger = factories.assessor()
    client = client_for(stranger)
    for name in ("feedback:support", "feedback:invitations"):
        assert client.get(reverse(name, args=[assessment.pk])).status_code == 404
    assert client.get(reverse("feedback:support", args=[999_999])).status_code == 404
    assert AccessLogEntry.objects.filter(user=stranger, action=AccessAction.REFUSED).count() == 3
    referrer = assessment.referral.created_by
    assert client_for(referrer).get(reverse("feedback:support", args=[assessment.pk])).status_code == 404


def test_the_manager_sees_who_has_not_been_offered_advocacy(client_for, providers):
    manager = factories.service_manager()
    offered = factories.accepted_assessment(assessor_user=factories.assessor())
    waiting = factories.accepted_assessment(assessor_user=factories.assessor())
    factories.accepted_assessment()  # not allocated yet: nobody has met the family
    services.advocacy_offer_record(
        assessment=offered,
        adult=offered.referral.adults.get(),
        actor=manager,
        offered_on=timezone.localdate(),
        answer=AdvocacyAnswer.THINKING,
        provider=None,
        referred_on=None,
    )
    assert list(selectors.advocacy_not_offered()) == [waiting]
    page = client_for(manager).get(reverse("feedback:advocacy-not-offered")).content.decode()
    assert waiting.referral.reference in page and offered.referral.reference not in page


def test_the_impact_counts(providers):
    manager = factories.service_manager()
    assessment = factories.accepted_assessment(assessor_user=factories.assessor())
    adult = assessment.referral.adults.get()
    today = timezone.localdate()
    services.advocacy_offer_record(
        assessment=assessment,
        adult=adult,
        actor=manager,
        offered_on=today,
        answer="accepted",
        provider=providers["advocacy"],
        referred_on=today,
    )
    for kind in ("kinship", "kinship", "post_separation"):
        services.support_referral_make(
            assessment=assessment, adult=adult, provider=providers[kind], actor=manager, referred_on=today
        )
    counts = selectors.feedback_counts(start=today, end=today)
    assert (counts.advocacy_offered, counts.advocacy_accepted, counts.advocacy_referred) == (1, 1, 1)
    assert (counts.kinship_referrals, counts.post_separation_referrals) == (2, 1)
    yesterday = today - datetime.timedelta(days=1)
    assert selectors.feedback_counts(start=yesterday, end=yesterday).advocacy_offered == 0


def test_the_assessor_sees_the_invitations_and_prepares_them_for_a_report_filed_before_surveys(client_for):
    from hub.assessments.models import Assessment, AssessmentStatus
    from hub.feedback.models import SurveyInvitation
    from tests.reports import builders

    manager = factories.service_manager()
    report = builders.filed(manager)  # filed without the after-commit hook running: no invitations yet
    assessment = report.assessment
    assert Assessment.objects.get(pk=assessment.pk).status == AssessmentStatus.FILED
    client = client_for(assessment.assessor)
    url = reverse("feedback:invitations", args=[assessment.pk])
    assert "Prepare the invitations" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    page = client.get(url).content.decode()
    assert SurveyInvitation.objects.filter(assessment=assessment).count() == 2  # the mother and the guardian
    assert "Print the letter" in page and "Not sent yet" in page
