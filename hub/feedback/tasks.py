"""Survey invitations are prepared and emailed by the task worker, never in a request."""

from django.db import transaction
from django.tasks import task

from hub.feedback import services
from hub.feedback.models import Channel, SurveyInvitation
from hub.reports.models import Report


@task()
def invitations_prepare(*, report_id: int) -> int:
    """One invitation for each family member assessed and each professional on the case; the emails follow."""
    report = Report.objects.select_related("assessment").get(pk=report_id)
    with transaction.atomic():
        invitations = services.invitations_prepare(assessment=report.assessment)
        to_email = [i.pk for i in invitations if i.channel == Channel.EMAIL and i.sent_at is None]
        transaction.on_commit(lambda: _email_each(to_email))
    return len(invitations)


def _email_each(invitation_ids: list[int]) -> None:
    for invitation_id in invitation_ids:
        invitation_email_send.enqueue(invitation_id=invitation_id)


@task()
def invitation_email_send(*, invitation_id: int) -> str:
    invitation = SurveyInvitation.objects.get(pk=invitation_id)
    return services.invitation_email_send(invitation=invitation)
