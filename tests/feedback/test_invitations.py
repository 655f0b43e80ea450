"""Filing a report, through the real report_file service, prepares the survey invitations and emails the links."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from hub.feedback import codes, services
from hub.feedback.models import Channel, SurveyInvitation, SurveyKind
from hub.notifications.models import Message, MessageStatus
from hub.reports import services as reports
from tests import factories
from tests.feedback.builders import SOLICITOR_EMAIL, report_ready_to_file

pytestmark = pytest.mark.django_db


def _file(report, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        reports.report_file(
            report=report, actor=factories.service_manager(), filed_on=timezone.localdate(), shared_with="All parties"
        )


def test_filing_a_report_prepares_an_invitation_for_each_family_member_and_professional(
    django_capture_on_commit_callbacks,
):
    report = report_ready_to_file()
    assert not SurveyInvitation.objects.exists()
    _file(report, django_capture_on_commit_callbacks)

    invitations = SurveyInvitation.objects.filter(assessment=report.assessment)
    got = sorted((i.kind, i.respondent_role, i.channel) for i in invitations)
    assert got == [
        (SurveyKind.FAMILY, "mother", Channel.LETTER),  # the adult assessed: no email in the letter of instruction
        (SurveyKind.PROFESSIONAL, "Children's guardian", Channel.LETTER),
        (SurveyKind.PROFESSIONAL, "Independent reviewing officer (IRO)", Channel.LETTER),
        (SurveyKind.PROFESSIONAL, "Solicitor", Channel.EMAIL),
    ]
    # The party (not a professional on the case, and not an adult assessed) is not asked.
    assert not invitations.filter(contact__full_name="Party Example").exists()


def test_the_email_carries_a_working_link_that_is_kept_only_as_a_hash(django_capture_on_commit_callbacks):
    report = report_ready_to_file()
    _file(report, django_capture_on_commit_callbacks)

    [email] = [m for m in mail.outbox if m.to == [SOLICITOR_EMAIL]]
    link = re.search(r"https?://\S+/feedback/s/(\S+)/", email.body)
    assert link is not None
    token = link.group(1)
    invitation = SurveyInvitation.objects.get(email=SOLICITOR_EMAIL)
    assert invitation.link_hash == codes.digest(token, kind=services.LINK)
    assert invitation.is_open()
    # The record of the message says a link was sent, without the link.
    message = Message.objects.get(about_type="survey_invitation", about_id=str(invitation.pk))
    assert message.status == MessageStatus.SENT and message.template.key == "survey-invitation-professional"
    assert token not in message.body and "[sent only in the message]" in message.body
    # Nothing about the case travels by email.
    referral = report.assessment.referral
    for name in [referral.reference, *(c.full_name for c in referral.children.all())]:
        assert name not in email.body and name not in email.subject
    # And the link opens the professional's survey.
    client = Client()
    assert client.get(link.group(0)[link.group(0).index("/feedback/") :]).status_code == 302
    assert "timeliness" in client.get("/feedback/survey/1/").content.decode()


def test_filing_again_prepares_no_second_invitation(django_capture_on_commit_callbacks):
    report = report_ready_to_file()
    _file(report, django_capture_on_commit_callbacks)
    before = SurveyInvitation.objects.count()
    services.invitations_prepare(assessment=report.assessment)
    assert SurveyInvitation.objects.count() == before
    assert len(mail.outbox) == 1
