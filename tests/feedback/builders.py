"""Builders for the feedback tests: a filed report with a family and professionals, and open invitations."""

from hub.feedback import codes, services
from hub.feedback.models import SurveyInvitation
from hub.referrals.models import Contact, ContactRole
from hub.reports.models import Report
from tests import factories
from tests.reports import builders

SOLICITOR_EMAIL = "solicitor@firm.example.org"


def report_ready_to_file() -> Report:
    """An approved report whose referral names a solicitor with an email and an IRO without one."""
    manager = factories.service_manager()
    report = builders.approved(manager)
    referral = report.assessment.referral
    Contact.objects.create(
        referral=referral, role=ContactRole.SOLICITOR, full_name="Solicitor Example", email=SOLICITOR_EMAIL
    )
    Contact.objects.create(referral=referral, role=ContactRole.IRO, full_name="Reviewing Officer Example")
    Contact.objects.create(referral=referral, role=ContactRole.PARTY, full_name="Party Example")
    return report


def letter_invitation() -> tuple[SurveyInvitation, str]:
    """A family member's invitation with a letter code just printed: (the invitation, the code as printed)."""
    assessment = factories.accepted_assessment(assessor_user=factories.assessor())
    [invitation] = [i for i in services.invitations_prepare(assessment=assessment) if i.adult_id]
    code = services.invitation_letter_issue(invitation=invitation, actor=factories.service_manager())
    invitation.refresh_from_db()
    return invitation, codes.show_code(code)
