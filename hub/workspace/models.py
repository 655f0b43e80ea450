"""The assessor's workspace: what an assessor records while assessing a family.

The chronology belongs to the family, not to one assessment, so a later
assessment or an addendum opens with everything already known ("start again
syndrome" is what happens otherwise). Everything else is recorded per
assessment. Every change to any of these records is kept in RecordVersion.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from hub.assessments.models import Assessment
from hub.referrals.models import Adult, Child, Referral
from hub.workspace.rules import DatePrecision


class Family(models.Model):
    """The children (and their adults) that one or more referrals are about."""

    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "families"

    def __str__(self) -> str:
        return f"Family {self.pk}"


class FamilyLink(models.TextChoices):
    NEW = "new", "First referral for this family"
    MATCHED = "matched", "Same children (name and date of birth)"
    MANAGER = "manager", "Linked by the service manager"


class FamilyReferral(models.Model):
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="referral_links")
    referral = models.OneToOneField(Referral, on_delete=models.CASCADE, related_name="family_link")
    how = models.CharField(max_length=16, choices=FamilyLink.choices)
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)
    linked_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.referral} in {self.family}"


class SessionKind(models.TextChoices):
    HOME_VISIT = "home_visit", "Home visit"
    OFFICE = "office", "Office"
    FAMILY_TIME = "family_time", "Family time observation"
    PARENTASSESS = "parentassess", "ParentAssess session"
    TELEPHONE = "telephone", "Telephone"
    OTHER = "other", "Other"


class Session(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="workspace_sessions")
    kind = models.CharField(max_length=20, choices=SessionKind.choices)
    held_on = models.DateField()
    present = models.TextField(blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.held_on}"


class ChildSeen(models.TextChoices):
    ALONE = "alone", "Seen alone"
    NOT_ALONE = "not_alone", "Seen, but not alone"
    NOT_SEEN = "not_seen", "Not seen"


class SessionChild(models.Model):
    """Whether one child was seen alone in one session, and why not when not."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="children_seen")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="+")
    seen = models.CharField(max_length=16, choices=ChildSeen.choices)
    reason_not_alone = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "child"], name="one_row_per_child_per_session")]


class ChronologyEntry(models.Model):
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="chronology")
    # Which assessment added it; the entry stays with the family whatever happens to that.
    recorded_in = models.ForeignKey(Assessment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # The first day of the period when only the month or the year is known.
    event_date = models.DateField()
    precision = models.PositiveSmallIntegerField(
        choices=[(p.value, p.name.title()) for p in DatePrecision], default=DatePrecision.DAY
    )
    what_happened = models.TextField()
    source = models.CharField(max_length=300)
    bundle_reference = models.CharField(max_length=40, blank=True)
    significance = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["event_date", "precision", "id"]
        indexes = [models.Index(fields=["family", "event_date", "precision", "id"])]
        verbose_name_plural = "chronology entries"

    def __str__(self) -> str:
        return f"{self.event_date}: {self.what_happened[:60]}"


class Agency(models.TextChoices):
    """The prompt sheet of agencies to contact (Worcestershire CIN guidance, appendix)."""

    POLICE = "police", "Police"
    PROBATION = "probation", "Probation"
    YOUTH_OFFENDING = "youth_offending", "Youth offending service"
    HEALTH_VISITOR = "health_visitor", "Health visitor"
    GP = "gp", "GP"
    PAEDIATRICIAN = "paediatrician", "Paediatrician"
    CAMHS = "camhs", "CAMHS"
    ADULT_MENTAL_HEALTH = "adult_mental_health", "Adult mental health service"
    LEARNING_DISABILITY = "learning_disability", "Learning disability service"
    DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse service"
    HOUSING = "housing", "Housing"
    SCHOOL = "school", "School and designated teacher"
    EDUCATIONAL_PSYCHOLOGIST = "educational_psychologist", "Educational psychologist"
    NURSERY = "nursery", "Nursery"
    CHILDRENS_CENTRE = "childrens_centre", "Children's centre"
    OTHER = "other", "Other"


class Weight(models.TextChoices):
    """The weight a piece of information deserves (weighting of evidence, CIN guidance section 3)."""

    SPECIALIST = "specialist", "Specialist expertise"
    EYEWITNESS = "eyewitness", "Eyewitness"
    HEARSAY = "hearsay", "Hearsay"
    COMMUNITY = "community", "Neighbour or community observation"


class SharingBasis(models.TextChoices):
    CONSENT = "consent", "Consent"
    STATUTORY = "statutory", "Statutory duty"


class InformationRequest(models.Model):
    """One agency or person asked for what they know."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="information_requests")
    agency = models.CharField(max_length=32, choices=Agency.choices)
    organisation_name = models.CharField(max_length=200, blank=True)
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    about = models.CharField(max_length=300, blank=True)
    specific_information = models.TextField(blank=True)
    basis = models.CharField(max_length=16, choices=SharingBasis.choices)
    consent_given_by = models.CharField(max_length=200, blank=True)
    asked_on = models.DateField(null=True, blank=True)
    reply_by = models.DateField(null=True, blank=True)
    answered_on = models.DateField(null=True, blank=True)
    what_they_said = models.TextField(blank=True)
    weight = models.CharField(max_length=16, choices=Weight.choices, blank=True)
    letter_generated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        name = self.get_agency_display()
        return f"{name} ({self.organisation_name})" if self.organisation_name else name


class ChildRecord(models.Model):
    """For one child: the evidence they were considered, and their views in their own words."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="child_records")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="+")
    considered = models.TextField(blank=True)
    views = models.TextField(blank=True)
    cin_factors = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "child"], name="one_record_per_child")]


class Commitment(models.TextChoices):
    """Horwath and Morrison: effort against commitment to change."""

    GENUINE = "genuine", "Genuine commitment (high effort, high commitment)"
    TOKENISM = "tokenism", "Tokenism (low effort, high commitment)"
    COMPLIANCE = "compliance", "Compliance (high effort, low commitment)"
    DISSENT = "dissent", "Dissent or avoidance (low effort, low commitment)"


class StageOfChange(models.TextChoices):
    PRECONTEMPLATION = "precontemplation", "Pre-contemplation"
    CONTEMPLATION = "contemplation", "Contemplation"
    DETERMINATION = "determination", "Determination"
    ACTION = "action", "Action"
    MAINTENANCE = "maintenance", "Maintenance"
    RELAPSE = "relapse", "Lapse or relapse"


class AdultRecord(models.Model):
    """For one parent or carer: their views, and their capacity to change."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="adult_records")
    adult = models.ForeignKey(Adult, on_delete=models.CASCADE, related_name="+")
    views = models.TextField(blank=True)
    commitment = models.CharField(max_length=16, choices=Commitment.choices, blank=True)
    commitment_evidence = models.TextField(blank=True)
    stage_of_change = models.CharField(max_length=20, choices=StageOfChange.choices, blank=True)
    stage_evidence = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "adult"], name="one_record_per_adult")]


class RiskLevel(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class Analysis(models.Model):
    """The one-per-assessment frameworks: the triangle, the risk tool and the four questions."""

    assessment = models.OneToOneField(Assessment, on_delete=models.CASCADE, related_name="analysis")
    # Framework for Assessment triangle.
    developmental_strengths = models.TextField(blank=True)
    developmental_concerns = models.TextField(blank=True)
    parenting_strengths = models.TextField(blank=True)
    parenting_concerns = models.TextField(blank=True)
    environment_strengths = models.TextField(blank=True)
    environment_concerns = models.TextField(blank=True)
    # Risk management tool.
    risk_factors = models.TextField(blank=True)
    protective_factors = models.TextField(blank=True)
    risk_level = models.CharField(max_length=8, choices=RiskLevel.choices, blank=True)
    risk_measures = models.TextField(blank=True)
    residual_risk_level = models.CharField(max_length=8, choices=RiskLevel.choices, blank=True)
    review_actions = models.TextField(blank=True)
    contingency = models.TextField(blank=True)
    # The four questions (Assessment of Risk and Need); hypotheses are their own rows.
    what_i_know = models.TextField(blank=True)
    who_to_tell = models.TextField(blank=True)
    gaps = models.TextField(blank=True)
    # Equality impact tool: {area: {"effect": "...", "mitigation": "..."}}.
    equality = models.JSONField(default=dict, blank=True)


class HypothesisStatus(models.TextChoices):
    OPEN = "open", "Open"
    SUPPORTED = "supported", "Supported by the evidence"
    RULED_OUT = "ruled_out", "Ruled out"


class Hypothesis(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="hypotheses")
    statement = models.TextField()
    evidence_for = models.TextField(blank=True)
    evidence_against = models.TextField(blank=True)
    status = models.CharField(max_length=16, choices=HypothesisStatus.choices, default=HypothesisStatus.OPEN)

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "hypotheses"


class RecordVersion(models.Model):
    """One saved state of one workspace record, with who saved it and when. Only ever added to."""

    assessment = models.ForeignKey(Assessment, on_delete=models.SET_NULL, null=True, related_name="+")
    family = models.ForeignKey(Family, on_delete=models.CASCADE, null=True, related_name="+")
    record_type = models.CharField(max_length=40)
    record_id = models.BigIntegerField()
    number = models.PositiveIntegerField()
    data = models.JSONField()
    deleted = models.BooleanField(default=False)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-changed_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["record_type", "record_id", "number"], name="one_version_number_per_record")
        ]
        indexes = [models.Index(fields=["assessment", "-changed_at"])]

    def __str__(self) -> str:
        return f"{self.record_type} {self.record_id} v{self.number}"
