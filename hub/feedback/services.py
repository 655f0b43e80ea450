"""Writes for feedback surveys, advocacy and support referrals."""

import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from hub.accounts.models import User
from hub.assessments.models import Assessment
from hub.feedback import codes
from hub.feedback.models import (
    AdvocacyAnswer,
    AdvocacyOffer,
    Channel,
    ProviderKind,
    SupportProvider,
    SupportReferral,
    SurveyCodeAttempt,
    SurveyInvitation,
    SurveyKind,
    SurveyResponse,
)
from hub.notifications import services as notifications
from hub.notifications.models import MessageStatus
from hub.referrals.models import Adult, ContactRole

# The professionals on a case who are asked for their views.
PROFESSIONAL_ROLES = [ContactRole.IRO, ContactRole.CHILDRENS_GUARDIAN, ContactRole.SOLICITOR, ContactRole.SOCIAL_WORKER]
ATTEMPT_WINDOW = datetime.timedelta(minutes=15)
LINK = "link"
CODE = "code"


class FeedbackError(Exception):
    """A request the rules refuse; the message says why, in words for the page, and `field` which answer."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


@transaction.atomic
def invitations_prepare(*, assessment: Assessment) -> list[SurveyInvitation]:
    """An invitation for each adult assessed and each professional on the case; asking twice adds none."""
    referral = assessment.referral
    invitations = []
    for adult in referral.adults.prefetch_related("relationships"):
        relationship = next((r.relationship for r in adult.relationships.all() if r.relationship), "")
        invitation, _ = SurveyInvitation.objects.get_or_create(
            assessment=assessment,
            adult=adult,
            defaults={
                "kind": SurveyKind.FAMILY,
                "respondent_role": relationship or "family member",
                # The letter of instruction has no email address for the family: they get a letter with a code.
                "channel": Channel.LETTER,
            },
        )
        invitations.append(invitation)
    for contact in referral.contacts.filter(role__in=PROFESSIONAL_ROLES):
        invitation, _ = SurveyInvitation.objects.get_or_create(
            assessment=assessment,
            contact=contact,
            defaults={
                "kind": SurveyKind.PROFESSIONAL,
                "respondent_role": contact.get_role_display(),
                "channel": Channel.EMAIL if contact.email else Channel.LETTER,
                "email": contact.email,
            },
        )
        invitations.append(invitation)
    return invitations


def _issued(invitation: SurveyInvitation) -> datetime.datetime:
    now = timezone.now()
    if invitation.sent_at is None:
        invitation.sent_at = now
    invitation.expires_at = now + datetime.timedelta(days=settings.HUB_SURVEY_LINK_DAYS)
    return invitation.expires_at


def invitation_email_send(*, invitation: SurveyInvitation) -> str:
    """Make the link and email it (the worker's task): only its hash is kept, and the message record hides it."""
    with transaction.atomic():
        invitation = SurveyInvitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.used_at is not None or invitation.link_hash or not invitation.email:
            return "nothing to send"
        token = codes.new_link_token()
        invitation.link_hash = codes.digest(token, kind=LINK)
        expires_at = _issued(invitation)
        invitation.save(update_fields=["link_hash", "sent_at", "expires_at"])
    message = notifications.message_send(
        template_key=f"survey-invitation-{invitation.kind}",
        recipient=invitation.email,
        values={
            "hub_name": settings.HUB_NAME,
            "hub_telephone": settings.HUB_TELEPHONE,
            "closing_date": f"{timezone.localtime(expires_at):%-d %B %Y}",
        },
        secrets={"survey_link": settings.HUB_BASE_URL + reverse("feedback:link", args=[token])},
        about=("survey_invitation", invitation.pk),
    )
    if message.status == MessageStatus.FAILED:
        # Not sent after all: the invitation shows as not sent, and sending again makes a new link.
        SurveyInvitation.objects.filter(pk=invitation.pk).update(link_hash=None, sent_at=None, expires_at=None)
    return message.status


@transaction.atomic
def invitation_letter_issue(*, invitation: SurveyInvitation, actor: User) -> str:
    """A new code for a printed letter (any earlier code stops working); the code itself is shown once."""
    invitation = SurveyInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.used_at is not None:
        raise FeedbackError("This survey has been answered: there is no letter to print")
    code = codes.new_letter_code()
    invitation.code_hash = codes.digest(code, kind=CODE)
    _issued(invitation)
    invitation.save(update_fields=["code_hash", "sent_at", "expires_at"])
    return code


def too_many_attempts(*, ip_address: str) -> bool:
    since = timezone.now() - ATTEMPT_WINDOW
    attempts = SurveyCodeAttempt.objects.filter(ip_address=ip_address, at__gte=since).count()
    return attempts >= settings.HUB_SURVEY_CODE_ATTEMPTS


@transaction.atomic
def invitation_open(*, secret: str, by: str, ip_address: str) -> SurveyInvitation | None:
    """The open invitation this link or code belongs to, or None: wrong, used and expired look the same.

    Every failure counts against the address, so codes cannot be tried one after another.
    """
    typed = codes.normalise_code(secret) if by == CODE else secret
    invitation = None
    if typed:
        lookup = (
            {"code_hash": codes.digest(typed, kind=CODE)}
            if by == CODE
            else {"link_hash": codes.digest(typed, kind=LINK)}
        )
        invitation = SurveyInvitation.objects.filter(**lookup).first()
    if invitation is None or not invitation.is_open():
        # Attempts only matter for a quarter of an hour: older ones (an address is personal data) go.
        SurveyCodeAttempt.objects.filter(at__lt=timezone.now() - ATTEMPT_WINDOW).delete()
        SurveyCodeAttempt.objects.create(ip_address=ip_address)
        return None
    return invitation


def open_invitation(invitation_id: int | None) -> SurveyInvitation | None:
    """The invitation a visitor opened earlier in this session, if it is still open."""
    invitation = SurveyInvitation.objects.filter(pk=invitation_id).first() if invitation_id else None
    return invitation if invitation is not None and invitation.is_open() else None


def response_for(invitation: SurveyInvitation) -> SurveyResponse:
    """The answers so far (an empty response, not yet saved, before the first answer)."""
    existing = SurveyResponse.objects.filter(invitation=invitation).first()
    return existing or SurveyResponse(
        kind=invitation.kind,
        assessment_id=invitation.assessment_id,
        invitation=invitation,
        respondent_role=invitation.respondent_role,
    )


@transaction.atomic
def response_save(*, invitation: SurveyInvitation, answers: dict[str, Any], send: bool) -> SurveyResponse:
    """Keep these answers; on sending, the invitation is used up and an anonymous response forgets who sent it."""
    invitation = SurveyInvitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open():
        raise FeedbackError("This survey can no longer be changed")
    response = response_for(invitation)
    for field, value in answers.items():
        setattr(response, field, value)
    if send:
        now = timezone.now()
        response.submitted_at = now
        invitation.used_at = now
        invitation.save(update_fields=["used_at"])
        if response.anonymous:
            response.invitation = None
            response.respondent_role = SurveyKind(invitation.kind).label.lower()
    response.save()
    return response


def _sent_to_provider(
    provider: SupportProvider, template_key: str, reference: str, actor: User, about: tuple[str, object]
) -> None:
    if provider.email:
        notifications.message_queue(
            template_key=template_key,
            recipient=provider.email,
            values={
                "provider_name": provider.name,
                "hub_name": settings.HUB_NAME,
                "hub_telephone": settings.HUB_TELEPHONE,
                "reference": reference,
            },
            requested_by=actor,
            about=about,
        )


def _adult_of(assessment: Assessment, adult: Adult) -> None:
    if adult.referral_id != assessment.referral_id:
        raise FeedbackError("This person is not part of this assessment")


@transaction.atomic
def advocacy_offer_record(
    *,
    assessment: Assessment,
    adult: Adult,
    actor: User,
    offered_on: datetime.date,
    answer: str,
    provider: SupportProvider | None,
    referred_on: datetime.date | None,
    notes: str = "",
) -> AdvocacyOffer:
    """Record the offer of advocacy, the answer and any referral; a new referral is sent to the provider."""
    _adult_of(assessment, adult)
    today = timezone.localdate()
    if offered_on > today:
        raise FeedbackError("The date advocacy was offered cannot be in the future", field="offered_on")
    if answer not in AdvocacyAnswer.values:
        raise FeedbackError("Say what they answered", field="answer")
    if (provider is None) != (referred_on is None):
        raise FeedbackError(
            "Give both the advocacy provider and the date of the referral, or neither", field="referred_on"
        )
    if provider is not None and answer != AdvocacyAnswer.ACCEPTED:
        raise FeedbackError("Refer to an advocate only someone who wants one", field="provider")
    if provider is not None and provider.kind != ProviderKind.ADVOCACY:
        raise FeedbackError("Choose an advocacy provider", field="provider")
    if referred_on is not None and (referred_on > today or referred_on < offered_on):
        raise FeedbackError("The referral date must be between the offer and today", field="referred_on")
    offer = AdvocacyOffer.objects.select_for_update().filter(adult=adult).first()
    newly_referred = provider is not None and (offer is None or offer.provider_id != provider.pk)
    if offer is None:
        offer = AdvocacyOffer(assessment=assessment, adult=adult)
    offer.offered_on, offer.offered_by, offer.answer = offered_on, actor, answer
    offer.provider, offer.referred_on, offer.notes = provider, referred_on, notes.strip()
    offer.recorded_at = timezone.now()
    offer.save()
    if newly_referred and provider is not None:
        _sent_to_provider(
            provider, "advocacy-referral", assessment.referral.reference, actor, ("advocacy_offer", offer.pk)
        )
    return offer


@transaction.atomic
def support_referral_make(
    *,
    assessment: Assessment,
    adult: Adult,
    provider: SupportProvider,
    actor: User,
    referred_on: datetime.date,
    notes: str = "",
) -> SupportReferral:
    """Refer a kinship carer to a support programme, or a parent to support after separation."""
    _adult_of(assessment, adult)
    if provider.kind == ProviderKind.ADVOCACY:
        raise FeedbackError("Record advocacy with the offer of advocacy", field="provider")
    if not provider.is_active:
        raise FeedbackError("This organisation is no longer on the list", field="provider")
    if referred_on > timezone.localdate():
        raise FeedbackError("The date of the referral cannot be in the future", field="referred_on")
    referral = SupportReferral.objects.create(
        assessment=assessment,
        adult=adult,
        provider=provider,
        kind=provider.kind,
        referred_on=referred_on,
        referred_by=actor,
        notes=notes.strip(),
    )
    _sent_to_provider(
        provider, "support-referral", assessment.referral.reference, actor, ("support_referral", referral.pk)
    )
    return referral
