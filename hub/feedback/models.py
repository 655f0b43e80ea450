"""Feedback surveys, advocacy offers and referrals to support, and the organisations that give it.

Names and fields are plain on purpose: the impact figures count them
(`hub.feedback.selectors.feedback_counts`).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from hub.assessments.models import Assessment
from hub.feedback.questions import HELPFUL_LABELS, RATING_LABELS
from hub.referrals.models import Adult, Contact


class ProviderKind(models.TextChoices):
    ADVOCACY = "advocacy", "Advocacy for parents and carers"
    KINSHIP = "kinship", "Kinship carer support"
    POST_SEPARATION = "post_separation", "Support after separation from a child"


class SupportProvider(models.Model):
    """An organisation the hub refers people to; an administrator keeps the list."""

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=ProviderKind.choices)
    how_they_help = models.TextField("How they can help", help_text="In plain English, for the family to read")
    email = models.EmailField(blank=True, help_text="Referrals are sent here")
    telephone = models.CharField(max_length=40, blank=True)
    website = models.URLField(blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["kind", "name"]
        constraints = [models.UniqueConstraint(fields=["kind", "name"], name="support_provider_unique_name")]

    def __str__(self) -> str:
        return self.name


class SurveyKind(models.TextChoices):
    FAMILY = "family", "Family member"
    PROFESSIONAL = "professional", "Professional"


class Channel(models.TextChoices):
    EMAIL = "email", "Email"
    LETTER = "letter", "Letter"


class SurveyInvitation(models.Model):
    """An invitation to one person to say what they thought of one assessment.

    Only hashes of its link and letter code are kept. It works until it is used
    (the survey is sent) or it expires, and it can be opened again meanwhile to
    finish a survey half done.
    """

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="survey_invitations")
    kind = models.CharField(max_length=20, choices=SurveyKind.choices)
    adult = models.ForeignKey(Adult, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    # Who they are to the case, for the results: "mother", "Children's guardian".
    respondent_role = models.CharField(max_length=100)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    email = models.EmailField(blank=True)
    link_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    code_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["assessment", "kind", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(adult__isnull=True) | models.Q(contact__isnull=True),
                name="survey_invitation_one_person",
            ),
            models.UniqueConstraint(fields=["assessment", "adult"], name="survey_invitation_once_per_adult"),
            models.UniqueConstraint(fields=["assessment", "contact"], name="survey_invitation_once_per_contact"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} survey for {self.assessment_id} ({self.respondent_role})"

    def is_open(self) -> bool:
        """Sent, not yet used, not yet expired."""
        return self.used_at is None and self.expires_at is not None and self.expires_at > timezone.now()


def _yes_no() -> models.BooleanField:
    return models.BooleanField(null=True, blank=True)


def _rating() -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(null=True, blank=True, choices=list(RATING_LABELS.items()))


class SurveyResponse(models.Model):
    """One person's answers, kept as they go so a survey half done can be finished later.

    An anonymous response loses its link to the invitation (and so to the person)
    when it is sent; the assessment stays, so it still counts for the authority,
    the assessment type and the assessor.
    """

    kind = models.CharField(max_length=20, choices=SurveyKind.choices)
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="survey_responses")
    invitation = models.OneToOneField(
        SurveyInvitation, on_delete=models.SET_NULL, null=True, blank=True, related_name="response"
    )
    respondent_role = models.CharField(max_length=100)
    started_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True, db_index=True)
    anonymous = models.BooleanField(null=True, blank=True)
    consent_to_quote = models.BooleanField(null=True, blank=True)

    # Family members: the six statements.
    felt_respected = _yes_no()
    felt_listened_to = _yes_no()
    able_to_say = _yes_no()
    sessions_helpful = _yes_no()
    felt_included = _yes_no()
    outcome_explained = _yes_no()
    # Family members: the Worcestershire feedback sheet.
    aims_clear = _yes_no()
    role_clear = _yes_no()
    talked_about_what_mattered = _yes_no()
    regular_feedback = _yes_no()
    included_in_decisions = _yes_no()
    approachability = _rating()
    reliability = _rating()
    accuracy = _rating()
    cultural_sensitivity = _rating()
    children_sensitivity = _rating()
    helpfulness = models.PositiveSmallIntegerField(null=True, blank=True, choices=list(HELPFUL_LABELS.items()))
    most_helpful = models.TextField(blank=True)
    least_helpful = models.TextField(blank=True)
    improvements = models.TextField(blank=True)
    # Professionals.
    timeliness = _rating()
    quality = _rating()
    communication = _rating()
    use_of_research = _rating()
    impact = _rating()
    impact_comments = models.TextField(blank=True)
    comments = models.TextField(blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} response for {self.assessment_id}"


class SurveyCodeAttempt(models.Model):
    """A letter code or link that did not work, by address: too many in a while and the address must wait."""

    ip_address = models.GenericIPAddressField()
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["ip_address", "at"], name="survey_attempt_ip_at_idx")]


class AdvocacyAnswer(models.TextChoices):
    ACCEPTED = "accepted", "Wants an advocate"
    DECLINED = "declined", "Does not want an advocate"
    THINKING = "thinking", "Thinking about it"


class AdvocacyOffer(models.Model):
    """Advocacy offered to a parent or carer assessed: the offer, their answer and the referral."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="advocacy_offers")
    adult = models.ForeignKey(Adult, on_delete=models.CASCADE, related_name="+")
    offered_on = models.DateField()
    offered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answer = models.CharField(max_length=10, choices=AdvocacyAnswer.choices)
    provider = models.ForeignKey(
        SupportProvider,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="advocacy_offers",
        limit_choices_to={"kind": ProviderKind.ADVOCACY},
    )
    referred_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-offered_on", "-id"]
        # One offer per person, whichever of their assessments it was recorded in.
        constraints = [models.UniqueConstraint(fields=["adult"], name="advocacy_offer_once_per_adult")]

    def __str__(self) -> str:
        return f"Advocacy offered on {self.offered_on}: {self.get_answer_display()}"


class SupportReferral(models.Model):
    """A kinship carer referred to a kinship support programme, or a parent to support after separation."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="support_referrals")
    adult = models.ForeignKey(Adult, on_delete=models.CASCADE, related_name="+")
    provider = models.ForeignKey(SupportProvider, on_delete=models.PROTECT, related_name="referrals")
    # The provider's kind when the referral was made, so a later change to the list leaves the count alone.
    kind = models.CharField(max_length=20, choices=ProviderKind.choices)
    referred_on = models.DateField()
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    notes = models.TextField(blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-referred_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} referral to {self.provider} on {self.referred_on}"
