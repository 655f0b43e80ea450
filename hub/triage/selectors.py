"""What a person may do on a referral's page, worked out once for the view and its template."""

from dataclasses import dataclass

from hub.accounts.models import Role, User
from hub.assessments.models import Assessment
from hub.assessments.selectors import assessment_visible_to
from hub.referrals import rules
from hub.referrals.models import Referral, ReferralStatus
from hub.referrals.selectors import referral_editable_by


@dataclass(frozen=True)
class ReferralActions:
    can_triage: bool  # accept, decline or query: the manager, while the hub has to decide
    can_answer: bool  # the referrer, while a query waits for them
    can_continue_letter: bool  # the referrer, while the letter is a draft


@dataclass(frozen=True)
class AssessmentLinks:
    assessment: Assessment
    clock: bool
    workspace: bool


def referral_actions(referral: Referral, user: User) -> ReferralActions:
    allowed = rules.allowed_actions(referral.status)
    editable = referral_editable_by(referral, user)
    return ReferralActions(
        can_triage=user.role == Role.SERVICE_MANAGER and rules.Action.ACCEPT in allowed,
        can_answer=editable and rules.Action.ANSWER_QUERY in allowed,
        can_continue_letter=editable and referral.status == ReferralStatus.DRAFT,
    )


def assessment_links(assessments: list[Assessment], user: User) -> list[AssessmentLinks]:
    """Each assessment with the pages about it this person may open (its clock, its workspace):
    the same rule those pages use, so a link never leads to a 404."""
    rows = []
    for assessment in assessments:
        visible = assessment_visible_to(assessment, user)
        has_clock = hasattr(assessment, "clock")
        rows.append(AssessmentLinks(assessment=assessment, clock=visible and has_clock, workspace=visible))
    return rows
