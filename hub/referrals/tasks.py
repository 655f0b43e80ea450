"""Background work for referrals, run by the database task worker."""

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.urls import reverse
from django.utils import timezone

from hub.accounts.models import Role, User
from hub.referrals.models import ReferralEvent, ReferralEventKind

# Who hears of each change, and the subject they see. The referrer hears of the
# hub's decisions; the hub's service managers hear of what the referrer sends.
_TO_REFERRER = {
    ReferralEventKind.SUBMITTED: "Referral {ref} received by the assessment hub",
    ReferralEventKind.QUERY_RAISED: "The assessment hub has a query about referral {ref}",
    ReferralEventKind.ACCEPTED: "Referral {ref} accepted by the assessment hub",
    ReferralEventKind.DECLINED: "Referral {ref} declined by the assessment hub",
}
_TO_MANAGERS = {
    ReferralEventKind.SUBMITTED: "New referral {ref} to triage",
    ReferralEventKind.QUERY_ANSWERED: "Referral {ref}: the referrer has answered your query",
}


@task()
def email_about_referral_event(*, event_id: int) -> None:
    """Tell the people who need to act that something changed, and where to read it.

    Only the reference, what happened and a link travel by email: the messages
    themselves, and any child's or adult's name, stay in the hub.
    """
    event = ReferralEvent.objects.select_related("referral__created_by").get(pk=event_id)
    kind = ReferralEventKind(event.kind)
    referral = event.referral
    link = settings.HUB_BASE_URL + reverse("triage:detail", args=[referral.pk])
    when = f"{timezone.localtime(event.at):%d %B %Y at %H:%M}"
    body = "\n".join(
        [
            f"{kind.label} on {when}.",
            "",
            "Sign in to the hub to read the details" + (" and the message" if event.message else "") + f": {link}",
        ]
    )
    if kind in _TO_REFERRER:
        send_mail(
            _TO_REFERRER[kind].format(ref=referral.reference),
            body,
            settings.DEFAULT_FROM_EMAIL,
            [referral.created_by.email],
        )
    if kind in _TO_MANAGERS:
        managers = list(
            User.objects.filter(role=Role.SERVICE_MANAGER, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
        if managers:
            send_mail(_TO_MANAGERS[kind].format(ref=referral.reference), body, settings.DEFAULT_FROM_EMAIL, managers)
