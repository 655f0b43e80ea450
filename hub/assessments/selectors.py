from django.db.models import Q, QuerySet

from hub.accounts.models import Role, User
from hub.assessments.models import Assessment, AssessmentStatus


def assessment_access(user: User, *, via: str = "") -> Q | None:
    """Who may see an assessment's records, as a filter; None when this person may see none.

    The one rule for every page about an assessment (its clock, its workspace):
    the service manager sees all, an assessor only those allocated to them.
    `via` is the path from the model being filtered to the assessment, such as
    "assessment__" for a clock.
    """
    if not user.is_authenticated or not user.is_active:
        return None
    if user.role == Role.SERVICE_MANAGER:
        return Q()
    if user.role == Role.ASSESSOR:
        return Q(**{f"{via}assessor": user})
    return None


def assessment_visible_to(assessment: Assessment, user: User) -> bool:
    """The same rule as `assessment_access`, for one assessment already in hand (for links)."""
    access = assessment_access(user)
    if access is None:
        return False
    return user.role == Role.SERVICE_MANAGER or assessment.assessor_id == user.pk


# Every status but filed. Asked for by name, so the database can use the status index: almost every
# assessment in a mature hub is filed, and "not filed" would make it read them all.
LIVE_STATUSES = [status for status in AssessmentStatus if status != AssessmentStatus.FILED]


def assessments_visible_to(user: User) -> QuerySet[Assessment]:
    access = assessment_access(user)
    return Assessment.objects.none() if access is None else Assessment.objects.filter(access)


def assessments_for_assessor(user: User) -> QuerySet[Assessment]:
    return (
        Assessment.objects.filter(assessor=user)
        .exclude(status=AssessmentStatus.FILED)
        .select_related("referral__local_authority")
        .order_by("clock_started_at")
    )
