"""Children in need: the statutory route an authority follows for a child (sources/003).

A child is known to one local authority. Each contact the authority decides to act on
is a referral (the census's "CIN details" episode); an episode holds the assessments,
the section 47 enquiries and the plans made for the child, and ends when the
authority ends its involvement. Everything here belongs to one authority: its workers
(users whose organisation is that authority) see it, nobody else does.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from hub.accounts.models import Organisation, OrganisationKind
from hub.cin import census_rules
from hub.cin.rules import TIER_TWO_FACTORS, AssessmentKind, AssessmentModel, PlanKind, RiskDecision, Tier

LA_ONLY = {"kind": OrganisationKind.LOCAL_AUTHORITY}


def _choices(codes: dict[str, str]) -> list[tuple[str, str]]:
    return [(code, f"{code}: {label}") for code, label in codes.items()]


class AuthoritySettings(models.Model):
    """How one authority runs its assessments."""

    local_authority = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="cin_settings", limit_choices_to=LA_ONLY
    )
    assessment_model = models.CharField(
        max_length=20,
        choices=[
            (AssessmentModel.INITIAL_AND_CORE, "Initial (10 working days) and core (35 working days) assessments"),
            (AssessmentModel.SINGLE, "Single assessment (45 working days)"),
        ],
        default=AssessmentModel.INITIAL_AND_CORE,
    )

    class Meta:
        verbose_name_plural = "authority settings"

    def __str__(self) -> str:
        return f"{self.local_authority}: {self.get_assessment_model_display()}"


class TeamMembership(models.Model):
    """A worker in an authority's children in need team; a manager decides and exports.

    The hub's roles are not widened for this: an authority's worker is a user whose
    organisation is the authority, and whether they manage the team is recorded here
    (in Django admin, and by the demo).
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cin_membership")
    is_manager = models.BooleanField("Team manager", default=False)

    def __str__(self) -> str:
        return f"{self.user} ({'manager' if self.is_manager else 'worker'})"


class Sex(models.TextChoices):
    FEMALE = "F", "Female"
    MALE = "M", "Male"
    UNKNOWN = "U", "Not known, or an unborn child"


class Child(models.Model):
    local_authority = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="cin_children", limit_choices_to=LA_ONLY
    )
    la_child_id = models.CharField("LA child ID", max_length=10)
    full_name = models.CharField(max_length=200)
    birth_date = models.DateField(null=True, blank=True)
    expected_birth_date = models.DateField("Expected date of birth", null=True, blank=True)
    sex = models.CharField(max_length=1, choices=Sex.choices, blank=True)
    upn = models.CharField("Unique pupil number", max_length=13, blank=True)
    upn_unknown = models.CharField(
        "Reason the UPN is not known", max_length=3, blank=True, choices=_choices(census_rules.UPN_UNKNOWN)
    )
    ethnicity = models.CharField(max_length=4, blank=True, choices=_choices(census_rules.ETHNICITY))
    disabilities = models.JSONField(default=list, blank=True)
    death_date = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["full_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["local_authority", "la_child_id"], name="cin_child_id_unique_per_la"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def unborn(self) -> bool:
        return self.birth_date is None and self.expected_birth_date is not None


class ReferralDecision(models.TextChoices):
    NO_FURTHER_ACTION = "nfa", "No further action"
    SIGNPOST = "signpost", "Signpost to universal or early help services (CAF)"
    ASSESS = "assess", "Assess the child's needs"
    STRATEGY = "strategy", "Strategy discussion and section 47 enquiries"


class Referral(models.Model):
    """A contact the authority records and decides on: the census's CIN details episode."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="referrals")
    referral_date = models.DateField()
    referral_source = models.CharField(max_length=3, choices=_choices(census_rules.REFERRAL_SOURCE))
    referrer_name = models.CharField("Who made the referral", max_length=200)
    referrer_agency = models.CharField("Their agency or relationship", max_length=200, blank=True)
    concerns = models.TextField("What the referrer is worried about")
    tier = models.PositiveSmallIntegerField(choices=[(t.value, t.label) for t in Tier], null=True, blank=True)
    tier_two_factors = models.JSONField(default=list, blank=True)
    unborn_circumstances = models.TextField(blank=True)
    midwife = models.CharField(max_length=200, blank=True)
    decision = models.CharField(max_length=10, choices=ReferralDecision.choices, blank=True)
    decision_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    primary_need = models.CharField(max_length=2, blank=True, choices=_choices(census_rules.PRIMARY_NEED))
    # Ending involvement.
    closure_date = models.DateField(null=True, blank=True)
    reason_for_closure = models.CharField(max_length=3, blank=True, choices=_choices(census_rules.REASON_FOR_CLOSURE))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-referral_date", "-id"]

    def __str__(self) -> str:
        return f"{self.child}: referral of {self.referral_date:%-d %B %Y}"

    @property
    def tier_two_labels(self) -> list[str]:
        return [TIER_TWO_FACTORS[f] for f in self.tier_two_factors if f in TIER_TWO_FACTORS]

    @property
    def referral_nfa(self) -> bool:
        return self.decision in (ReferralDecision.NO_FURTHER_ACTION, ReferralDecision.SIGNPOST)

    @property
    def is_open(self) -> bool:
        return self.closure_date is None


class AssessmentOutcome(models.TextChoices):
    NO_FURTHER_ACTION = "nfa", "No further action"
    STEP_DOWN = "step_down", "Step down to early help (CAF)"
    CIN_PLAN = "cin_plan", "Child and Young Person's Plan (child in need)"
    CORE_ASSESSMENT = "core", "Core assessment"
    SECTION_47 = "s47", "Strategy discussion and section 47 enquiries"
    LOOKED_AFTER = "looked_after", "Looked after child plan"


class Assessment(models.Model):
    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="assessments")
    kind = models.CharField(max_length=10, choices=[(k.value, k.label) for k in AssessmentKind])
    started_on = models.DateField()
    due_on = models.DateField()
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    consent_recorded_on = models.DateField(null=True, blank=True)
    consent_note = models.TextField(blank=True)
    agreement_signed_on = models.DateField("Standard Agreement for Assessment signed", null=True, blank=True)
    seen_alone_on = models.DateField(null=True, blank=True)
    reason_not_seen_alone = models.TextField(blank=True)
    analysis = models.TextField(blank=True)
    analysis_shared_on = models.DateField(null=True, blank=True)
    decision_meeting_on = models.DateField(null=True, blank=True)
    factors = models.JSONField(default=list, blank=True)
    outcome = models.CharField(max_length=20, choices=AssessmentOutcome.choices, blank=True)
    completed_on = models.DateField("Authorised", null=True, blank=True)
    authorised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["started_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.referral.child}"


class Section47(models.Model):
    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="section47s")
    started_on = models.DateField()
    conference_target = models.DateField("Initial child protection conference target", null=True, blank=True)
    conference_on = models.DateField("Initial child protection conference held", null=True, blank=True)
    conference_not_required = models.BooleanField(default=False)

    class Meta:
        ordering = ["started_on", "id"]
        verbose_name = "section 47 enquiry"
        verbose_name_plural = "section 47 enquiries"


class Plan(models.Model):
    """One child's plan: "each child 'in need' should have their own plan", even siblings."""

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="plans")
    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="plans")
    kind = models.CharField(max_length=20, choices=[(k.value, k.label) for k in PlanKind])
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    key_worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    objectives = models.TextField()
    who_does_what = models.TextField("Who will do what")
    what_must_change = models.TextField("What needs to change")
    unacceptable = models.TextField("What is unacceptable care of the child")
    contingency = models.TextField()
    urgent_review_triggers = models.TextField("Risk factors that call for an urgent review")
    stable_long_term = models.BooleanField(
        "Stable, long-term needs (reviewed annually)",
        default=False,
        help_text="Needs that are stable and enduring, with services agreed to meet them long term",
    )
    tac_meeting_frequency = models.CharField("How often the team around the child meets", max_length=100, blank=True)
    # Child protection plans: the census's categories of abuse and previous plans.
    initial_category = models.CharField(max_length=3, blank=True, choices=_choices(census_rules.CATEGORY_OF_ABUSE))
    latest_category = models.CharField(max_length=3, blank=True, choices=_choices(census_rules.CATEGORY_OF_ABUSE))
    previous_protection_plans = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-started_on", "-id"]
        constraints = [
            # One plan at a time for a child: escalation ends one plan and starts the next.
            models.UniqueConstraint(
                fields=["child"], condition=models.Q(ended_on=None), name="cin_one_open_plan_per_child"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.child}"


class PlanReview(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reviews")
    held_on = models.DateField()
    urgent = models.BooleanField(default=False)
    trigger = models.TextField("What called for the urgent review", blank=True)
    progress = models.TextField("Progress against the plan, and what has not changed")
    changes = models.TextField("Changes to the plan", blank=True)
    consultant_participated = models.BooleanField("A consultant social worker or social worker took part", default=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["held_on", "id"]


class TeamMember(models.Model):
    """Someone in the Team Around the Child in Need: family or professional."""

    class Kind(models.TextChoices):
        FAMILY = "family", "Family member or carer"
        PROFESSIONAL = "professional", "Professional"

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="team")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    name = models.CharField(max_length=200)
    role = models.CharField("Relationship or role", max_length=200)
    agency = models.CharField(max_length=200, blank=True)
    contact = models.CharField("Address or phone", max_length=300, blank=True)
    lead_professional = models.BooleanField(default=False)

    class Meta:
        ordering = ["kind", "name", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.role})"


class TeamMeeting(models.Model):
    """A TACiN meeting, with its Meeting Invitation List and minutes."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="team_meetings")
    held_on = models.DateField()
    venue = models.CharField(max_length=200)
    chair = models.CharField(max_length=200)
    reason = models.TextField("Reason for the meeting")
    minutes = models.TextField(blank=True)

    class Meta:
        ordering = ["-held_on", "-id"]


class Invitation(models.Model):
    meeting = models.ForeignKey(TeamMeeting, on_delete=models.CASCADE, related_name="invitations")
    member = models.ForeignKey(TeamMember, on_delete=models.CASCADE, related_name="invitations")
    attending = models.BooleanField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="cin_invited_once")]


class CoWorkingAgreement(models.Model):
    """Who does what between the social care workers on one child's case (003's form)."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="co_working_agreements")
    agreed_on = models.DateField()
    review_on = models.DateField()
    team_manager = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    key_worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    co_worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    co_worker_title = models.CharField("Co-worker's professional title", max_length=200)
    responsibilities = models.TextField("Tasks and duties: who, how often, reports to")

    class Meta:
        ordering = ["-agreed_on", "-id"]


class FamilyMeeting(models.Model):
    """A family meeting in three stages, after the decision whether to hold it."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="family_meetings")
    requested_by_family = models.BooleanField(default=False)
    risk_identified = models.BooleanField("A person who might attend poses a risk to the child", default=False)
    risk_decision = models.CharField(max_length=20, blank=True, choices=[(d.value, d.label) for d in RiskDecision])
    risk_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    coordinator = models.CharField(max_length=200)
    planned_on = models.DateField()
    venue = models.CharField(max_length=200, blank=True)
    agreement_signed_by = models.TextField("Agreement for Family Meeting signed by", blank=True)
    information_shared = models.TextField("Stage 1: information shared", blank=True)
    family_time = models.TextField("Stage 2: family time", blank=True)
    plan_notes = models.TextField("Stage 3: agreeing the plan", blank=True)
    held_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-planned_on", "-id"]


class FamilyProposal(models.Model):
    """One part of the family's proposed plan, and whether the case worker agreed it."""

    meeting = models.ForeignKey(FamilyMeeting, on_delete=models.CASCADE, related_name="proposals")
    proposal = models.TextField()
    who = models.CharField("Who will do it", max_length=200)
    agreement = models.CharField(
        max_length=12, blank=True, choices=[("agreed", "Agreed"), ("not_agreed", "Not agreed")]
    )
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]


class Closure(models.Model):
    """Ending involvement: the decision, the views heard, who was told, and any step-down."""

    referral = models.OneToOneField(Referral, on_delete=models.PROTECT, related_name="closure")
    closed_on = models.DateField()
    reason = models.TextField("Why involvement is ending")
    family_views = models.TextField("Views of the child and family")
    agency_views = models.TextField("Views of the agencies involved")
    step_down = models.BooleanField("Step down to early help with the CAF", default=False)
    caf_lead_professional = models.CharField(max_length=200, blank=True)
    step_down_plan = models.TextField(blank=True)
    notified = models.JSONField(default=list)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
