"""Reads for feedback: survey results, invitations, advocacy and support, and the counts the impact figures use."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone

from hub.accounts.models import User
from hub.assessments.models import Assessment
from hub.feedback import questions, statistics
from hub.feedback.models import (
    AdvocacyAnswer,
    AdvocacyOffer,
    ProviderKind,
    SupportProvider,
    SupportReferral,
    SurveyInvitation,
    SurveyKind,
    SurveyResponse,
)
from hub.referrals.models import Adult, AssessmentType
from hub.workspace.selectors import workspaces_visible_to

GROUPINGS = {
    "hub": "The whole hub",
    "authority": "Local authority",
    "assessment_type": "Assessment type",
    "assessor": "Assessor",
    "month": "Month",
}
QUESTIONS = {SurveyKind.FAMILY: questions.FAMILY, SurveyKind.PROFESSIONAL: questions.PROFESSIONAL}


def assessments_with_support(user: User) -> QuerySet[Assessment]:
    """Whose advocacy, support and survey invitations someone may see: the same people as the workspace."""
    return workspaces_visible_to(user)


@dataclass(frozen=True)
class ResultsFilter:
    local_authority_id: int | None = None
    assessment_type: str = ""
    assessor_id: int | None = None
    submitted_from: datetime.date | None = None
    submitted_to: datetime.date | None = None


def _sent_responses(kind: str, chosen: ResultsFilter) -> QuerySet[SurveyResponse]:
    responses = SurveyResponse.objects.filter(kind=kind, submitted_at__isnull=False)
    if chosen.local_authority_id:
        responses = responses.filter(assessment__referral__local_authority_id=chosen.local_authority_id)
    if chosen.assessment_type:
        responses = responses.filter(assessment__assessment_type=chosen.assessment_type)
    if chosen.assessor_id:
        responses = responses.filter(assessment__assessor_id=chosen.assessor_id)
    if chosen.submitted_from:
        responses = responses.filter(submitted_at__date__gte=chosen.submitted_from)
    if chosen.submitted_to:
        responses = responses.filter(submitted_at__date__lte=chosen.submitted_to)
    return responses


def survey_rows(kind: str, chosen: ResultsFilter) -> list[dict[str, Any]]:
    """One row per sent response: its answers and what it can be grouped by."""
    fields = [q.key for q in QUESTIONS[SurveyKind(kind)]]
    rows = []
    for row in _sent_responses(kind, chosen).values(
        *fields,
        "submitted_at",
        "respondent_role",
        "consent_to_quote",
        "assessment__referral__local_authority__name",
        "assessment__assessment_type",
        "assessment__assessor__full_name",
    ):
        row["hub"] = settings.HUB_NAME
        row["authority"] = row.pop("assessment__referral__local_authority__name")
        row["assessment_type"] = AssessmentType(row.pop("assessment__assessment_type")).label
        row["assessor"] = row.pop("assessment__assessor__full_name")
        row["month"] = f"{timezone.localtime(row['submitted_at']):%Y-%m}"
        rows.append(row)
    return rows


@dataclass(frozen=True)
class Results:
    kind: str
    responses: int
    groups: list[statistics.Group]
    quotes: list[dict[str, str]]


def results(kind: str, chosen: ResultsFilter, *, by: str = "hub", with_quotes: bool = False) -> Results:
    rows = survey_rows(kind, chosen)
    asked = QUESTIONS[SurveyKind(kind)]
    quotes = []
    if with_quotes:
        # Only the words of those who said they may be quoted.
        for row in rows:
            if row["consent_to_quote"] is not True:
                continue
            for question in asked:
                if question.kind == questions.Kind.TEXT and str(row.get(question.key) or "").strip():
                    quotes.append({"words": row[question.key], "who": row["respondent_role"], "asked": question.text})
    return Results(kind=kind, responses=len(rows), groups=statistics.grouped(rows, by, asked), quotes=quotes)


def invitations_of(assessment: Assessment) -> list[SurveyInvitation]:
    return list(
        SurveyInvitation.objects.filter(assessment=assessment).select_related("adult", "contact").order_by("kind", "id")
    )


@dataclass(frozen=True)
class PersonSupport:
    adult: Adult
    advocacy: AdvocacyOffer | None
    referrals: list[SupportReferral]


def support_of(assessment: Assessment) -> list[PersonSupport]:
    adults = list(Adult.objects.filter(referral_id=assessment.referral_id).prefetch_related("relationships"))
    offers = {
        offer.adult_id: offer
        for offer in AdvocacyOffer.objects.filter(adult__in=adults).select_related("provider", "offered_by")
    }
    referrals: dict[int, list[SupportReferral]] = {}
    for referral in SupportReferral.objects.filter(adult__in=adults).select_related("provider"):
        referrals.setdefault(referral.adult_id, []).append(referral)
    return [PersonSupport(adult, offers.get(adult.pk), referrals.get(adult.pk, [])) for adult in adults]


def providers(kind: str | None = None) -> list[SupportProvider]:
    found = SupportProvider.objects.filter(is_active=True)
    return list(found.filter(kind=kind) if kind else found)


def advocacy_not_offered() -> QuerySet[Assessment]:
    """Allocated assessments with a parent or carer not yet offered advocacy, each with those people.

    Each assessment carries `not_offered`, the adults still to be asked.
    """
    offered = AdvocacyOffer.objects.filter(adult=OuterRef("pk"))
    waiting = Adult.objects.filter(~Exists(offered)).order_by("id")
    return (
        Assessment.objects.filter(assessor__isnull=False)
        .filter(Exists(waiting.filter(referral=OuterRef("referral"))))
        .select_related("referral__local_authority", "assessor")
        .prefetch_related(Prefetch("referral__adults", queryset=waiting, to_attr="not_offered"))
        .order_by("clock_started_at", "id")
    )


@dataclass(frozen=True)
class FeedbackCounts:
    """What the impact figures count, over the days from `start` to `end` inclusive."""

    surveys_sent: int
    family_surveys_answered: int
    professional_surveys_answered: int
    advocacy_offered: int
    advocacy_accepted: int
    advocacy_referred: int
    kinship_referrals: int
    post_separation_referrals: int


def feedback_counts(*, start: datetime.date, end: datetime.date) -> FeedbackCounts:
    """The counts for the impact dashboard: surveys by the day sent, offers by the day made, referrals by their day."""
    answered = SurveyResponse.objects.filter(submitted_at__date__gte=start, submitted_at__date__lte=end)
    offers = AdvocacyOffer.objects.filter(offered_on__gte=start, offered_on__lte=end)
    support = SupportReferral.objects.filter(referred_on__gte=start, referred_on__lte=end)
    return FeedbackCounts(
        surveys_sent=SurveyInvitation.objects.filter(sent_at__date__gte=start, sent_at__date__lte=end).count(),
        family_surveys_answered=answered.filter(kind=SurveyKind.FAMILY).count(),
        professional_surveys_answered=answered.filter(kind=SurveyKind.PROFESSIONAL).count(),
        advocacy_offered=offers.count(),
        advocacy_accepted=offers.filter(answer=AdvocacyAnswer.ACCEPTED).count(),
        advocacy_referred=AdvocacyOffer.objects.filter(referred_on__gte=start, referred_on__lte=end).count(),
        kinship_referrals=support.filter(kind=ProviderKind.KINSHIP).count(),
        post_separation_referrals=support.filter(kind=ProviderKind.POST_SEPARATION).count(),
    )
