"""Background work for referrals, run by the database task worker."""

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.urls import reverse
from django.utils import timezone

from hub.referrals.models import ReferralEvent, ReferralEventKind

_SUBJECTS = {
    ReferralEventKind.SUBMITTED: "Referral {ref} received by the assessment hub",
    ReferralEventKind.QUERY_RAISED: "The assessment hub has a query about referral {ref}",
    ReferralEventKind.QUERY_ANSWERED: "Your answer on referral {ref} has reached the hub",
    ReferralEventKind.ACCEPTED: "Referral {ref} accepted by the assessment hub",
    ReferralEventKind.DECLINED: "Referral {ref} declined by the assessment hub",
}


@task()
def email_referrer_about_event(*, event_id: int) -> None:
    """Tell the referrer what changed. No child's name goes in an email: only the reference."""
    event = ReferralEvent.objects.select_related("referral__created_by").get(pk=event_id)
    subject = _SUBJECTS.get(ReferralEventKind(event.kind))
    if subject is None:
        return
    referral = event.referral
    link = settings.HUB_BASE_URL + reverse("referrals:detail", args=[referral.pk])
    body = [f"{ReferralEventKind(event.kind).label} on {timezone.localtime(event.at):%d %B %Y at %H:%M}.", ""]
    if event.message:
        body += [event.message, ""]
    body.append(f"See the referral and reply in the hub: {link}")
    send_mail(
        subject.format(ref=referral.reference),
        "\n".join(body),
        settings.DEFAULT_FROM_EMAIL,
        [referral.created_by.email],
    )
