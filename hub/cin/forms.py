"""GOV.UK forms for the children in need pages. Rules beyond one field live in the services."""

from typing import Any

from django import forms

from hub.accounts.models import User
from hub.cin import census_rules, rules
from hub.cin.models import AssessmentOutcome, ReferralDecision, Sex, TeamMember
from hub.core.forms import GovukDateField, GovukForm


def _coded(codes: dict[str, str], *, blank: str | None = None) -> list[tuple[str, str]]:
    options = [(code, f"{code}: {label}") for code, label in codes.items()]
    return [("", blank), *options] if blank is not None else options


class ChildForm(GovukForm):
    full_name = forms.CharField(label="Child's full name", max_length=200)
    la_child_id = forms.CharField(
        label="LA child ID", max_length=10, help_text="Your case system's identifier, up to 10 characters"
    )
    birth_date = GovukDateField(label="Date of birth", required=False, help_text="Leave empty for an unborn child")
    expected_birth_date = GovukDateField(
        label="Expected date of birth", required=False, help_text="For an unborn child only"
    )
    sex = forms.ChoiceField(label="Sex", choices=Sex.choices, widget=forms.RadioSelect)
    upn = forms.CharField(label="Unique pupil number (UPN)", max_length=13, required=False)
    upn_unknown = forms.ChoiceField(
        label="If the UPN is not known, why", required=False, choices=_coded(census_rules.UPN_UNKNOWN, blank="")
    )
    ethnicity = forms.ChoiceField(label="Ethnicity", choices=_coded(census_rules.ETHNICITY, blank="Choose"))
    disabilities = forms.MultipleChoiceField(
        label="Disability",
        choices=_coded(census_rules.DISABILITY),
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose NONE if the child has no disability",
    )

    def clean_upn(self) -> str:
        upn = self.cleaned_data["upn"].strip().upper()
        if upn and not census_rules.upn_valid(upn):
            raise forms.ValidationError("Enter a real UPN: 13 characters with the right check letter")
        return upn


class ReferralForm(GovukForm):
    referral_date = GovukDateField(label="Date of the referral")
    referral_source = forms.ChoiceField(
        label="Source of the referral", choices=_coded(census_rules.REFERRAL_SOURCE, blank="Choose")
    )
    referrer_name = forms.CharField(label="Who made the referral", max_length=200)
    referrer_agency = forms.CharField(label="Their agency or relationship to the child", max_length=200, required=False)
    concerns = forms.CharField(label="What is the referrer worried about", widget=forms.Textarea)
    tier = forms.TypedChoiceField(
        label="Level of need (Thresholds Guidance)",
        coerce=int,
        choices=[(t.value, t.label) for t in rules.Tier],
        widget=forms.RadioSelect,
    )
    tier_two_factors = forms.MultipleChoiceField(
        label="Tier 2 (additional needs) factors present",
        required=False,
        choices=list(rules.TIER_TWO_FACTORS.items()),
        widget=forms.CheckboxSelectMultiple,
        help_text="Several together may indicate chronic neglect or increased risk",
    )
    unborn_circumstances = forms.CharField(
        label="For an unborn child: the child's and parents' circumstances",
        widget=forms.Textarea,
        required=False,
        help_text="The decision is taken on these circumstances, never on the expected date of delivery alone",
    )
    midwife = forms.CharField(
        label="For an unborn child: the midwife", max_length=200, required=False, help_text="Name and team"
    )


class Section47Form(GovukForm):
    started_on = GovukDateField(label="Date the section 47 enquiry started")
    conference_target = GovukDateField(label="Target date for the initial child protection conference", required=False)
    conference_on = GovukDateField(label="Initial child protection conference held on", required=False)
    conference_not_required = forms.BooleanField(
        label="No initial child protection conference is required", required=False
    )


class ConferenceForm(GovukForm):
    conference_on = GovukDateField(label="Initial child protection conference held on", required=False)
    conference_not_required = forms.BooleanField(
        label="No initial child protection conference is required", required=False
    )


class DecisionForm(GovukForm):
    decision = forms.ChoiceField(label="Decision", choices=ReferralDecision.choices, widget=forms.RadioSelect)
    reason = forms.CharField(label="Reason for the decision", widget=forms.Textarea)
    primary_need = forms.ChoiceField(
        label="Primary need", required=False, choices=_coded(census_rules.PRIMARY_NEED, blank="Choose")
    )


class AssessmentStartForm(GovukForm):
    kind = forms.ChoiceField(label="Assessment", widget=forms.RadioSelect)
    started_on = GovukDateField(label="Start date")

    def __init__(self, *args: Any, kinds: tuple[rules.AssessmentKind, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        days = {k: rules.ASSESSMENT_RULES[k].amount for k in kinds}
        self.fields["kind"].choices = [(k.value, f"{k.label} ({days[k]} working days)") for k in kinds]  # type: ignore[attr-defined]


class AssessmentRecordForm(GovukForm):
    consent_recorded_on = GovukDateField(label="Consent given on", required=False)
    consent_note = forms.CharField(
        label="Consent: who gave it, or why the assessment goes ahead without it", widget=forms.Textarea, required=False
    )
    agreement_signed_on = GovukDateField(label="Standard Agreement for Assessment signed on", required=False)
    seen_alone_on = GovukDateField(label="Child seen alone on", required=False)
    reason_not_seen_alone = forms.CharField(
        label="If the child was not seen alone, why", widget=forms.Textarea, required=False
    )
    analysis = forms.CharField(label="Analysis and recommendations", widget=forms.Textarea, required=False)
    analysis_shared_on = GovukDateField(label="Analysis shared with the family on", required=False)
    decision_meeting_on = GovukDateField(label="Decision meeting on", required=False)
    factors = forms.MultipleChoiceField(
        label="Factors identified at the end of the assessment",
        required=False,
        choices=_coded(census_rules.ASSESSMENT_FACTORS),
        widget=forms.CheckboxSelectMultiple,
    )


class AssessmentCompleteForm(GovukForm):
    completed_on = GovukDateField(label="Date the assessment was completed and authorised")
    outcome = forms.ChoiceField(label="Outcome", choices=AssessmentOutcome.choices, widget=forms.RadioSelect)


class PlanForm(GovukForm):
    kind = forms.ChoiceField(
        label="Plan", choices=[(k.value, k.label) for k in rules.PlanKind], widget=forms.RadioSelect
    )
    started_on = GovukDateField(label="Start date")
    objectives = forms.CharField(label="Objectives of the plan", widget=forms.Textarea)
    who_does_what = forms.CharField(label="Who will do what (services, support, contact)", widget=forms.Textarea)
    what_must_change = forms.CharField(label="What needs to change, and the goals", widget=forms.Textarea)
    unacceptable = forms.CharField(label="What is unacceptable care of the child", widget=forms.Textarea)
    contingency = forms.CharField(label="Contingency if the plan does not work", widget=forms.Textarea)
    urgent_review_triggers = forms.CharField(label="Risk factors that call for an urgent review", widget=forms.Textarea)
    tac_meeting_frequency = forms.CharField(
        label="How often the Team Around the Child in Need meets", max_length=100, required=False
    )
    stable_long_term = forms.BooleanField(
        label="Needs are stable and enduring: review annually with the family", required=False
    )
    initial_category = forms.ChoiceField(
        label="Category of abuse (child protection plans)",
        required=False,
        choices=_coded(census_rules.CATEGORY_OF_ABUSE, blank="Not a child protection plan"),
    )


class ReviewForm(GovukForm):
    held_on = GovukDateField(label="Date of the review")
    urgent = forms.BooleanField(label="This is an urgent review", required=False)
    trigger = forms.CharField(label="If urgent: what called for it", widget=forms.Textarea, required=False)
    progress = forms.CharField(label="Progress against the plan, and what has not changed", widget=forms.Textarea)
    changes = forms.CharField(label="Changes to the plan", widget=forms.Textarea, required=False)
    consultant_participated = forms.BooleanField(
        label="A consultant social worker or social worker took part", required=False, initial=True
    )


class TeamMemberForm(GovukForm):
    kind = forms.ChoiceField(label="Family or professional", choices=TeamMember.Kind.choices, widget=forms.RadioSelect)
    name = forms.CharField(label="Name", max_length=200)
    role = forms.CharField(label="Relationship or role", max_length=200)
    agency = forms.CharField(label="Agency", max_length=200, required=False)
    contact = forms.CharField(label="Address or phone", max_length=300, required=False)
    lead_professional = forms.BooleanField(label="Lead professional", required=False)


class TeamMeetingForm(GovukForm):
    held_on = GovukDateField(label="Date of the meeting")
    venue = forms.CharField(label="Venue", max_length=200)
    chair = forms.CharField(label="Chair", max_length=200)
    reason = forms.CharField(label="Brief details of the reason for the meeting", widget=forms.Textarea)
    invited = forms.TypedMultipleChoiceField(
        label="Invite (Meeting Invitation List)", coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, members: list[TeamMember], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["invited"].choices = [  # type: ignore[attr-defined]
            (m.pk, f"{m.name}, {m.role}{', ' + m.agency if m.agency else ''}") for m in members
        ]


class MinutesForm(GovukForm):
    minutes = forms.CharField(label="Minutes", widget=forms.Textarea(attrs={"rows": 8}))
    attending = forms.TypedMultipleChoiceField(
        label="Who attended", coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, members: list[TeamMember], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attending"].choices = [(m.pk, m.name) for m in members]  # type: ignore[attr-defined]


class CoWorkingForm(GovukForm):
    agreed_on = GovukDateField(label="Date of the agreement")
    review_on = GovukDateField(label="Date of review")
    team_manager = forms.TypedChoiceField(label="Team manager", coerce=int)
    key_worker = forms.TypedChoiceField(label="Key worker (case responsibility)", coerce=int)
    co_worker = forms.TypedChoiceField(label="Co-worker", coerce=int)
    co_worker_title = forms.CharField(label="Co-worker's professional title", max_length=200)
    responsibilities = forms.CharField(
        label="Tasks and duties: who is responsible, how often, reports to", widget=forms.Textarea(attrs={"rows": 8})
    )

    def __init__(self, *args: Any, workers: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        options = [("", "Choose"), *[(w.pk, w.full_name) for w in workers]]
        for name in ("team_manager", "key_worker", "co_worker"):
            self.fields[name].choices = options  # type: ignore[attr-defined]


class FamilyMeetingForm(GovukForm):
    coordinator = forms.CharField(label="Co-ordinator", max_length=200)
    planned_on = GovukDateField(label="Date of the meeting")
    venue = forms.CharField(label="Venue", max_length=200, required=False)
    requested_by_family = forms.BooleanField(label="The family asked for this meeting", required=False)
    risk_identified = forms.BooleanField(
        label="Someone who might attend poses a risk of significant harm to the child",
        required=False,
        help_text="The team manager then decides whether, and how, the meeting goes ahead",
    )


class RiskDecisionForm(GovukForm):
    decision = forms.ChoiceField(
        label="Does the family meeting go ahead?",
        choices=[(d.value, d.label) for d in rules.RiskDecision],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label="Reasons, to be explained to the family", widget=forms.Textarea, required=False)


class FamilyMeetingRecordForm(GovukForm):
    held_on = GovukDateField(label="Date the meeting was held")
    agreement_signed_by = forms.CharField(
        label="Agreement for Family Meeting signed by", widget=forms.Textarea(attrs={"rows": 3})
    )
    information_shared = forms.CharField(label="Stage 1: information sharing", widget=forms.Textarea)
    family_time = forms.CharField(label="Stage 2: family time", widget=forms.Textarea)
    plan_notes = forms.CharField(label="Stage 3: agreeing the plan", widget=forms.Textarea, required=False)


class ProposalForm(GovukForm):
    proposal = forms.CharField(label="Part of the family's proposed plan", widget=forms.Textarea(attrs={"rows": 3}))
    who = forms.CharField(label="Who will do it", max_length=200)


class ProposalDecisionForm(GovukForm):
    agreement = forms.ChoiceField(
        label="Is this part of the plan agreed?",
        choices=[("agreed", "Agreed"), ("not_agreed", "Not agreed")],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label="If not agreed, why (risk of significant harm, on evidence)", widget=forms.Textarea, required=False
    )


class ClosureForm(GovukForm):
    closed_on = GovukDateField(label="Date involvement ends")
    reason_for_closure = forms.ChoiceField(
        label="Reason for closure (census)", choices=_coded(census_rules.REASON_FOR_CLOSURE, blank="Choose")
    )
    reason = forms.CharField(label="Why involvement is ending", widget=forms.Textarea)
    family_views = forms.CharField(label="Views of the child and family", widget=forms.Textarea)
    agency_views = forms.CharField(label="Views of the agencies involved", widget=forms.Textarea)
    step_down = forms.BooleanField(label="Step down to early help with the CAF", required=False)
    caf_lead_professional = forms.CharField(label="CAF lead professional", max_length=200, required=False)
    step_down_plan = forms.CharField(label="Step-down plan", widget=forms.Textarea, required=False)
    notified = forms.MultipleChoiceField(
        label="Who has been notified",
        required=False,
        choices=list(rules.MUST_NOTIFY.items()),
        widget=forms.CheckboxSelectMultiple,
    )


class CensusForm(GovukForm):
    year = forms.TypedChoiceField(
        label="Census year", coerce=int, choices=[(2025, "2024 to 2025 (1 April 2024 to 31 March 2025)")]
    )
