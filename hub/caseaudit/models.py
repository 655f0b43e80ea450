"""The case-file audit: a regional programme, the cases each authority selects at
random, the audits of them (graded across nine domains), moderation, the dip
sample by another organisation, and the themes the lead tags.

Independent of the hub's assessments: the cases are the authorities' own, known
here only by their case system's reference, never by a child's name.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from hub.accounts.models import Organisation, OrganisationKind
from hub.caseaudit.rules import DOMAIN_LABELS, GRADE_LABELS, REFERENCE_MAX_LENGTH

DOMAIN_CHOICES = [(domain.value, label) for domain, label in DOMAIN_LABELS.items()]
GRADE_CHOICES = [(grade.value, label) for grade, label in GRADE_LABELS.items()]


class ProgrammeRole(models.TextChoices):
    # The programme's lead is the programme's own field; these are everyone else's parts in it.
    AUDITOR = "auditor", "Auditor"
    MODERATOR = "moderator", "Moderator"
    DIP_SAMPLER = "dip_sampler", "Dip-sample auditor"
    VIEWER = "viewer", "Regional viewer"


class AuditorRole(models.TextChoices):
    TEAM_MANAGER = "team_manager", "Team manager"
    SENIOR_MANAGER = "senior_manager", "Senior manager"
    IRO = "iro", "Independent reviewing officer (IRO)"
    # A dip-sample auditor from another organisation, such as a Cafcass practice manager.
    PARTNER_AGENCY = "partner_agency", "Partner agency auditor"


class AuditKind(models.TextChoices):
    AUTHORITY = "authority", "Authority audit"
    DIP_SAMPLE = "dip_sample", "Dip sample"


class AuditStatus(models.TextChoices):
    DRAFT = "draft", "In progress"
    SUBMITTED = "submitted", "Submitted"
    MODERATED = "moderated", "Moderated"


class AuditProgramme(models.Model):
    name = models.CharField(max_length=200)
    question = models.CharField(
        "Question", max_length=300, help_text="For example: children placed on care orders at home with parents"
    )
    period_audited = models.CharField(
        "Period audited", max_length=200, help_text="For example: the 12 months before the final hearing"
    )
    cases_per_authority = models.PositiveSmallIntegerField("Cases each authority selects", default=3)
    deadline = models.DateField()
    lead = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="audit_programmes_led")
    authorities = models.ManyToManyField(
        Organisation, related_name="audit_programmes", limit_choices_to={"kind": OrganisationKind.LOCAL_AUTHORITY}
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "name"]
        constraints = [
            models.CheckConstraint(condition=models.Q(cases_per_authority__gte=1), name="programme_selects_a_case")
        ]

    def __str__(self) -> str:
        return self.name


class ProgrammeMember(models.Model):
    """Who does what in one programme. `authority` is the authority an auditor or
    moderator works for; for a dip-sample auditor it is the one authority whose
    cases they sample, or empty for all of them."""

    programme = models.ForeignKey(AuditProgramme, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="audit_memberships")
    role = models.CharField(max_length=16, choices=ProgrammeRole.choices)
    authority = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="audit_members"
    )

    class Meta:
        ordering = ["programme", "role", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "user", "role", "authority"], name="programme_member_once_per_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.programme})"


class CaseSelection(models.Model):
    """One random selection, kept whole so it can be re-done and shown to be fair:
    the seed, the list it chose from and what it chose. A later selection for the
    same authority replaces the cases, never this record."""

    programme = models.ForeignKey(AuditProgramme, on_delete=models.CASCADE, related_name="selections")
    authority = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    seed = models.BigIntegerField()
    chose_from = models.JSONField()
    selected = models.JSONField()
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    made_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-made_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.authority} selection (seed {self.seed})"


class AuditCase(models.Model):
    programme = models.ForeignKey(AuditProgramme, on_delete=models.CASCADE, related_name="cases")
    authority = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="audit_cases")
    reference = models.CharField(max_length=REFERENCE_MAX_LENGTH)
    selection = models.ForeignKey(CaseSelection, on_delete=models.PROTECT, related_name="cases")

    class Meta:
        ordering = ["authority__name", "reference"]
        constraints = [models.UniqueConstraint(fields=["programme", "authority", "reference"], name="audit_case_once")]

    def __str__(self) -> str:
        return f"{self.authority}: {self.reference}"


class CaseFileAudit(models.Model):
    """One person's audit of one case: the authority's own, or the dip sample by another organisation."""

    case = models.ForeignKey(AuditCase, on_delete=models.CASCADE, related_name="audits")
    kind = models.CharField(max_length=16, choices=AuditKind.choices)
    auditor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_file_audits")
    auditor_role = models.CharField("Your role", max_length=16, choices=AuditorRole.choices, blank=True)
    status = models.CharField(max_length=16, choices=AuditStatus.choices, default=AuditStatus.DRAFT)
    started_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderation_comment = models.TextField(blank=True)

    class Meta:
        ordering = ["case", "kind"]
        constraints = [models.UniqueConstraint(fields=["case", "kind"], name="one_audit_of_each_kind_per_case")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.case}"

    @property
    def is_submitted(self) -> bool:
        return self.status != AuditStatus.DRAFT


class DomainGrade(models.Model):
    """One domain of one audit. The auditor's grade and the moderator's are both
    kept: moderation never overwrites what the auditor said."""

    audit = models.ForeignKey(CaseFileAudit, on_delete=models.CASCADE, related_name="grades")
    domain = models.CharField(max_length=32, choices=DOMAIN_CHOICES)
    grade = models.CharField(max_length=32, choices=GRADE_CHOICES, blank=True)
    evidence = models.TextField(blank=True)
    comments = models.TextField(blank=True)
    moderated_grade = models.CharField(max_length=32, choices=GRADE_CHOICES, blank=True)
    moderation_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["audit", "pk"]
        constraints = [models.UniqueConstraint(fields=["audit", "domain"], name="one_grade_per_domain")]

    def __str__(self) -> str:
        return f"{self.get_domain_display()}: {self.get_grade_display()}"

    @property
    def changed_in_moderation(self) -> bool:
        return bool(self.moderated_grade) and self.moderated_grade != self.grade

    @property
    def final_grade(self) -> str:
        return self.moderated_grade or self.grade


class Theme(models.Model):
    """A recurring theme the lead defines, to tag auditors' comments with."""

    programme = models.ForeignKey(AuditProgramme, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(max_length=100)
    description = models.CharField(max_length=300, blank=True)
    grades = models.ManyToManyField(DomainGrade, related_name="themes", blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["programme", "name"], name="theme_name_once_per_programme")]

    def __str__(self) -> str:
        return self.name
