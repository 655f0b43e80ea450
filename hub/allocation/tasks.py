"""Background work for allocation, run by the database task worker.

The emails say only what an assessor needs to find the work in the hub: the
referral reference, the kind of assessment, its due date and a link. Never a
child's or adult's name and never free text (a manager's reason could name
someone), because email leaves the hub's control.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.urls import reverse

from hub.allocation import selectors
from hub.allocation.models import AllocationKind, AllocationRecord


@task()
def email_assessors_about_allocation(*, record_id: int) -> None:
    """Tell the assessor now holding the assessment; on a reallocation, tell the one who held it too."""
    record = AllocationRecord.objects.select_related(
        "assessment__referral", "assessment__clock", "assessor", "previous_assessor"
    ).get(pk=record_id)
    assessment = record.assessment
    reference = assessment.referral.reference
    kind = assessment.get_assessment_type_display()
    due = selectors.assessment_deadline(assessment)
    link = settings.HUB_BASE_URL + reverse("workspace:overview", args=[assessment.pk])
    facts = [f"Referral: {reference}", f"Assessment: {kind}", f"Due: {due.day} {due:%B %Y}"]
    if record.assessor.email:
        verb = "reallocated" if record.kind == AllocationKind.REALLOCATED else "allocated"
        send_mail(
            f"Assessment allocated to you: {reference}",
            "\n".join([f"This assessment has been {verb} to you.", "", *facts, "", f"Open it in the hub: {link}"]),
            settings.DEFAULT_FROM_EMAIL,
            [record.assessor.email],
        )
    previous = record.previous_assessor
    if record.kind == AllocationKind.REALLOCATED and previous is not None and previous.email:
        send_mail(
            f"Assessment reallocated: {reference}",
            "\n".join(
                [
                    "This assessment has been reallocated to another assessor. You no longer hold it.",
                    "",
                    *facts,
                    "",
                    "Ask your service manager if you have questions.",
                ]
            ),
            settings.DEFAULT_FROM_EMAIL,
            [previous.email],
        )
