"""A referral: the Letter of Instruction (LOI), its court bundle, and its triage.

The LOI follows the hub's template and what Practice Direction 25C asks a letter
of instruction to contain. A referral is a draft until the referrer submits it;
the moment a complete LOI and bundle are received starts the hub's clock.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from hub.accounts.models import Organisation


class ReferralStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Awaiting triage"
    QUERY_RAISED = "query_raised", "Query raised"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class AssessmentType(models.TextChoices):
    PARENTING = "parenting", "Parenting assessment"
    PARENTING_ADDENDUM = "parenting_addendum", "Parenting addendum"
    KINSHIP_VIABILITY = "kinship_viability", "Kinship viability assessment"
    FULL_FOSTERING = "full_fostering", "Full fostering assessment"
    SPECIAL_GUARDIANSHIP = "special_guardianship", "Special guardianship assessment"
    JOINT_FOSTERING_SGO = "joint_fostering_sgo", "Joint fostering and special guardianship assessment"


class ReferralReason(models.TextChoices):
    DISAGREEMENT_BETWEEN_PARTIES = "disagreement", "Disagreement between the parties"
    PREVIOUS_ASSESSMENT_QUALITY = "previous_quality", "Quality of a previous assessment"
    DISPUTED_FOSTERING_OUTCOME = "disputed_fostering", "Disputing the outcome of a previous fostering assessment"
    OTHER = "other", "Other"


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    NOT_KNOWN = "not_known", "Not known (including unborn)"


class Referral(models.Model):
    reference = models.CharField(max_length=20, unique=True)
    status = models.CharField(
        max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.DRAFT, db_index=True
    )
    local_authority = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="referrals")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="referrals_created")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    # The court and its permission (Children and Families Act 2014 s.13).
    court = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="court_referrals"
    )
    case_number = models.CharField(max_length=40, blank=True)
    judge = models.CharField(max_length=200, blank=True)
    permission_order_date = models.DateField(null=True, blank=True)
    eligibility_agreed_by_judge = models.BooleanField(default=False)
    proceedings_issued_on = models.DateField(null=True, blank=True)

    # The court's timetable.
    irh_date = models.DateField("issues resolution hearing", null=True, blank=True)
    final_hearing_date = models.DateField(null=True, blank=True)
    filing_date = models.DateField(null=True, blank=True)

    assessment_types = models.JSONField(default=list, blank=True)
    referral_reason = models.CharField(max_length=32, choices=ReferralReason.choices, blank=True)
    referral_reason_detail = models.TextField(blank=True)

    # PD25C: the ethnic, cultural, religious and linguistic context, and the background.
    family_background = models.TextField(blank=True)
    case_background = models.TextField(blank=True)

    # The moment the complete LOI and bundle reached the hub: the hub's clock starts here.
    received_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "received_at"]),
            models.Index(fields=["local_authority", "status"]),
            # The referral list, newest first, a page at a time.
            models.Index(fields=["created_at"], name="referral_created_at_idx"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_editable(self) -> bool:
        return self.status in (ReferralStatus.DRAFT, ReferralStatus.QUERY_RAISED)

    def assessment_type_labels(self) -> list[str]:
        return [AssessmentType(value).label for value in self.assessment_types if value in AssessmentType.values]


class Child(models.Model):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="children")
    full_name = models.CharField(max_length=200)
    date_of_birth = models.DateField(null=True, blank=True)
    expected_date_of_delivery = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=16, choices=Sex.choices)
    ethnicity = models.CharField(max_length=100)
    first_language = models.CharField(max_length=100)
    religion = models.CharField(max_length=100, blank=True)
    disability = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "children"

    def __str__(self) -> str:
        return self.full_name


class Adult(models.Model):
    """An adult the court asks the hub to assess."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="adults")
    full_name = models.CharField(max_length=200)
    date_of_birth = models.DateField(null=True, blank=True)
    address = models.TextField(blank=True)
    first_language = models.CharField(max_length=100, blank=True)
    needs_interpreter = models.BooleanField(default=False)
    learning_needs = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.full_name


class AdultChildRelationship(models.Model):
    adult = models.ForeignKey(Adult, on_delete=models.CASCADE, related_name="relationships")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="relationships")
    relationship = models.CharField(max_length=100)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["adult", "child"], name="one_relationship_per_adult_child")]

    def __str__(self) -> str:
        return f"{self.adult} is {self.relationship} of {self.child}"


class CourtQuestion(models.Model):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="questions")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}"


class ReadingItem(models.Model):
    """A document on the essential reading list, usually with its bundle reference."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="reading_list")
    title = models.CharField(max_length=300)
    bundle_reference = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title


class ContactRole(models.TextChoices):
    PARTY = "party", "Party"
    SOLICITOR = "solicitor", "Solicitor"
    CHILDRENS_GUARDIAN = "childrens_guardian", "Children's guardian"
    IRO = "iro", "Independent reviewing officer (IRO)"
    SOCIAL_WORKER = "social_worker", "Allocated social worker"
    OTHER = "other", "Other"


class Contact(models.Model):
    """A party, their solicitor, the children's guardian, the IRO and others to keep informed."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="contacts")
    role = models.CharField(max_length=32, choices=ContactRole.choices)
    full_name = models.CharField(max_length=200)
    organisation_name = models.CharField(max_length=200, blank=True)
    acting_for = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.get_role_display()})"


def _bundle_path(instance: "BundleDocument", filename: str) -> str:
    # The stored name is generated: nothing the uploader typed reaches the file system.
    return f"bundles/{instance.referral_id}/{uuid.uuid4().hex}.pdf"


class BundleDocument(models.Model):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="bundle_documents")
    file = models.FileField(upload_to=_bundle_path, max_length=300)
    original_name = models.CharField(max_length=255)
    size_bytes = models.BigIntegerField()
    page_count = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class ReferralEventKind(models.TextChoices):
    CREATED = "created", "Draft started"
    SUBMITTED = "submitted", "Submitted to the hub"
    QUERY_RAISED = "query_raised", "Query raised"
    QUERY_ANSWERED = "query_answered", "Query answered"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class ReferralEvent(models.Model):
    """Every change of state, with who and when; queries and answers are the thread."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=ReferralEventKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    at = models.DateTimeField(default=timezone.now)
    from_status = models.CharField(max_length=20, choices=ReferralStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ReferralStatus.choices)
    message = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.referral} {self.kind} at {self.at:%Y-%m-%d %H:%M}"
