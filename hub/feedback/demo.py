"""Demo data for feedback: organisations to refer to, answered surveys, advocacy offers and support referrals.

Called at the end of `manage.py seed_demo`, after the reports' demo (which files
one report). Idempotent: what is there already is left alone. Every person,
organisation and answer here is invented.
"""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from hub.accounts.models import Role, User
from hub.assessments.models import Assessment, AssessmentStatus
from hub.feedback import questions, services
from hub.feedback.models import (
    AdvocacyAnswer,
    AdvocacyOffer,
    ProviderKind,
    SupportProvider,
    SupportReferral,
    SurveyKind,
    SurveyResponse,
)
from hub.referrals.models import AssessmentType

PROVIDERS = [
    (
        "Voice Alongside Advocacy (demo)",
        ProviderKind.ADVOCACY,
        "An independent advocate for parents and carers during care proceedings: helps you understand "
        "letters and meetings, and say what you want to say.",
    ),
    (
        "Kinship Circle Programme (demo)",
        ProviderKind.KINSHIP,
        "Support for relatives and friends caring for a child: a named worker, peer groups and "
        "advice on money and legal orders.",
    ),
    (
        "Carers Like Us peer support (demo)",
        ProviderKind.KINSHIP,
        "Puts a new kinship carer in touch with another carer who has been through it.",
    ),
    (
        "After Separation Support Line (demo)",
        ProviderKind.POST_SEPARATION,
        "Counselling and practical help for parents who can no longer live with their child, including "
        "keeping in touch through letterbox contact.",
    ),
    (
        "Parents Apart Group (demo)",
        ProviderKind.POST_SEPARATION,
        "A weekly group, led by parents, for mothers and fathers after their child has been placed away from them.",
    ),
]

YES, NO = True, False
# Family answers as if from the survey and from earlier paper feedback sheets: (months ago, role, answers).
FAMILY_ANSWERS: list[tuple[int, str, dict[str, Any]]] = [
    (0, "father", {"helpfulness": 5, "most_helpful": "It's helped me grow as a parent and a person.", "q": YES}),
    (1, "mother", {"helpfulness": 5, "most_helpful": "She made me feel at ease and listened to everything.", "q": YES}),
    (1, "carer", {"helpfulness": 4, "most_helpful": "Understanding, kind and professional throughout.", "q": YES}),
    (2, "grandmother", {"helpfulness": 4, "least_helpful": "Waiting for the medical check.", "q": NO}),
    (3, "mother", {"helpfulness": 3, "improvements": "Tell me sooner when the visits are.", "q": YES, "late": True}),
]
PROFESSIONAL_ANSWERS: list[tuple[int, str, dict[str, int], str]] = [
    (
        0,
        "Independent reviewing officer (IRO)",
        {"timeliness": 5, "quality": 5, "communication": 5, "use_of_research": 5, "impact": 5},
        "Excellent communication and good use of research.",
    ),
    (
        1,
        "Children's guardian",
        {"timeliness": 5, "quality": 5, "communication": 4, "use_of_research": 4, "impact": 5},
        "A detailed assessment that filled the gaps.",
    ),
    (
        2,
        "Solicitor",
        {"timeliness": 4, "quality": 5, "communication": 5, "use_of_research": 3, "impact": 4},
        "Really good communication and thorough work.",
    ),
]


def _providers() -> dict[str, SupportProvider]:
    found: dict[str, SupportProvider] = {}
    for name, kind, how in PROVIDERS:
        provider, _ = SupportProvider.objects.get_or_create(
            kind=kind,
            name=name,
            defaults={
                "how_they_help": how,
                "email": f"referrals@{name.split()[0].lower()}.example.org",
                "telephone": "0151 000 0000",
            },
        )
        found[kind] = found.get(kind, provider)
    return found


def _family_fields(answers: dict[str, Any]) -> dict[str, Any]:
    everything_yes = answers["q"]
    statements = [q.key for q in questions.FAMILY_STATEMENTS + questions.FAMILY_WORK]
    fields: dict[str, Any] = dict.fromkeys(statements, everything_yes)
    fields["regular_feedback"] = not answers.get("late", False)
    for key in ("approachability", "reliability", "accuracy", "cultural_sensitivity", "children_sensitivity"):
        fields[key] = answers["helpfulness"]
    for key in ("helpfulness", "most_helpful", "least_helpful", "improvements"):
        if key in answers:
            fields[key] = answers[key]
    return fields


def _surveys(filed: list[Assessment]) -> None:
    if SurveyResponse.objects.exists():
        return
    now = timezone.now()
    for index, (months, role, answers) in enumerate(FAMILY_ANSWERS):
        SurveyResponse.objects.create(
            kind=SurveyKind.FAMILY,
            assessment=filed[index % len(filed)],
            respondent_role=role,
            submitted_at=now - datetime.timedelta(days=30 * months + index),
            anonymous=True,
            consent_to_quote=index != 1,
            **_family_fields(answers),
        )
    for index, (months, role, ratings, words) in enumerate(PROFESSIONAL_ANSWERS):
        SurveyResponse.objects.create(
            kind=SurveyKind.PROFESSIONAL,
            assessment=filed[index % len(filed)],
            respondent_role=role,
            submitted_at=now - datetime.timedelta(days=30 * months + index),
            anonymous=False,
            consent_to_quote=True,
            comments=words,
            **ratings,
        )


def _advocacy_and_support(manager: User, providers: dict[str, SupportProvider]) -> None:
    if AdvocacyOffer.objects.exists() or SupportReferral.objects.exists():
        return
    today = timezone.localdate()
    allocated = list(
        Assessment.objects.filter(assessor__isnull=False).select_related("referral").order_by("clock_started_at", "id")
    )
    # Most people offered advocacy; the last allocated assessment is left so the manager's list has someone on it.
    for number, assessment in enumerate(allocated[:-1]):
        for adult in assessment.referral.adults.all():
            wants = number % 3 != 1
            services.advocacy_offer_record(
                assessment=assessment,
                adult=adult,
                actor=manager,
                offered_on=today - datetime.timedelta(days=14),
                answer=AdvocacyAnswer.ACCEPTED if wants else AdvocacyAnswer.DECLINED,
                provider=providers[ProviderKind.ADVOCACY] if wants else None,
                referred_on=today - datetime.timedelta(days=12) if wants else None,
            )
    for assessment in allocated:
        first = assessment.referral.adults.first()
        if first is None:
            continue
        if assessment.assessment_type in (
            AssessmentType.KINSHIP_VIABILITY,
            AssessmentType.SPECIAL_GUARDIANSHIP,
            AssessmentType.FULL_FOSTERING,
            AssessmentType.JOINT_FOSTERING_SGO,
        ):
            kind = ProviderKind.KINSHIP
        elif assessment.status == AssessmentStatus.FILED:
            kind = ProviderKind.POST_SEPARATION
        else:
            continue
        services.support_referral_make(
            assessment=assessment,
            adult=first,
            provider=providers[kind],
            actor=manager,
            referred_on=today - datetime.timedelta(days=7),
            notes="Demo referral.",
        )


@transaction.atomic
def feedback_demo_seed() -> None:
    manager = User.objects.filter(role=Role.SERVICE_MANAGER, is_active=True).order_by("id").first()
    if manager is None:
        return
    providers = _providers()
    filed = list(Assessment.objects.filter(status=AssessmentStatus.FILED).order_by("id"))
    for assessment in filed:
        services.invitations_prepare(assessment=assessment)
    if filed:
        _surveys(filed)
    _advocacy_and_support(manager, providers)
