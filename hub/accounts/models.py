"""Organisations, the people who sign in, and the roles that decide what they see."""

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

# "The maximum number of assessments at any one time was three per social worker"
# (the hub's practice guide, 001). The database holds every assessor to this ceiling
# (a check constraint cannot read a setting, so it is written here once); the
# setting HUB_MAX_ASSESSMENTS_PER_ASSESSOR may only lower it (config/settings.py
# refuses a larger value at start-up).
ASSESSMENTS_PER_ASSESSOR_CEILING = 3


class OrganisationKind(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    FAMILY_COURT = "family_court", "Family court"
    HUB = "hub", "Assessment hub"
    PARTNER_AGENCY = "partner_agency", "Partner agency"


class Organisation(models.Model):
    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=32, choices=OrganisationKind.choices)
    # ONS code (E06000050) and the DfE three-digit LA code (896), for local authorities.
    ons_code = models.CharField("ONS code", max_length=9, blank=True)
    dfe_code = models.CharField("DfE LA code", max_length=3, blank=True)
    email = models.EmailField(blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["ons_code"], condition=~models.Q(ons_code=""), name="organisation_unique_ons_code"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_local_authority(self) -> bool:
        return self.kind == OrganisationKind.LOCAL_AUTHORITY


class Role(models.TextChoices):
    SERVICE_MANAGER = "service_manager", "Hub service manager"
    ASSESSOR = "assessor", "Assessor"
    REFERRER = "referrer", "Local authority referrer"
    VIEWER = "viewer", "Performance and audit viewer"
    ADMINISTRATOR = "administrator", "Administrator"


class User(AbstractUser):
    """A person who signs in. Everyone signs in with their work email address."""

    full_name = models.CharField(max_length=200)
    role = models.CharField(max_length=32, choices=Role.choices)
    # Referrers belong to one local authority; hub staff belong to the hub.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="members"
    )

    REQUIRED_FIELDS = ["email", "full_name"]

    class Meta:
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name


class AssessorProfile(models.Model):
    """What the hub needs to know to allocate to an assessor independently."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="assessor_profile")
    # An assessor never assesses for the authority they are seconded from.
    seconded_from = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="seconded_assessors",
        limit_choices_to={"kind": OrganisationKind.LOCAL_AUTHORITY},
    )
    # The secondment in one place: where from (above) and when. An assessor is never
    # allocated an assessment due after the secondment ends, or before it starts.
    secondment_starts = models.DateField(null=True, blank=True)
    secondment_ends = models.DateField(null=True, blank=True)
    max_concurrent_assessments = models.PositiveSmallIntegerField(
        "Most assessments at a time",
        default=ASSESSMENTS_PER_ASSESSOR_CEILING,
        help_text="Up to the hub's maximum (HUB_MAX_ASSESSMENTS_PER_ASSESSOR, never more than "
        f"{ASSESSMENTS_PER_ASSESSOR_CEILING}); lower for someone part-time or new",
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(max_concurrent_assessments__lte=ASSESSMENTS_PER_ASSESSOR_CEILING),
                name="assessor_profile_at_most_three_at_a_time",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} (seconded from {self.seconded_from})"

    def clean(self) -> None:
        super().clean()
        maximum = hub_maximum_assessments()
        if self.max_concurrent_assessments is not None and self.max_concurrent_assessments > maximum:
            raise ValidationError(
                {
                    "max_concurrent_assessments": f"An assessor can hold at most {maximum} assessments at a time, "
                    "the hub's maximum"
                }
            )

    @property
    def assessment_limit(self) -> int:
        """How many live assessments this assessor may hold: their own limit, never above the hub's."""
        return min(self.max_concurrent_assessments, hub_maximum_assessments())


def hub_maximum_assessments() -> int:
    """The hub's maximum per assessor: the setting, never above the ceiling the database holds."""
    return min(settings.HUB_MAX_ASSESSMENTS_PER_ASSESSOR, ASSESSMENTS_PER_ASSESSOR_CEILING)


def _hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token an organisation's case system uses for the JSON API.

    Only a hash is kept: the token itself is shown once, when it is made.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    token_hash = models.CharField(max_length=64, unique=True)
    # The account API submissions are recorded against (a referrer of the authority).
    acting_user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="api_tokens")
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.organisation}: {self.name}"

    @classmethod
    def issue(cls, *, organisation: Organisation, acting_user: User, name: str) -> tuple["ApiToken", str]:
        raw = "hub_" + secrets.token_urlsafe(32)
        token = cls.objects.create(
            organisation=organisation, acting_user=acting_user, name=name, token_hash=_hash_token(raw)
        )
        return token, raw

    @classmethod
    def find_active(cls, raw: str) -> "ApiToken | None":
        return (
            cls.objects.select_related("organisation", "acting_user")
            .filter(token_hash=_hash_token(raw), revoked_at__isnull=True, acting_user__is_active=True)
            .first()
        )
